//! Ingress → Gateway API as kubernetes-sigs/ingress2gateway v1.1.0 (`89ab0cd`) converts it.
//!
//! (Conversion rules C1…Cn: stated here, each cited, by the conversion's authors.)

// Until the aggregation and the YAML writer use every part (removed then).
#[allow(dead_code)]
mod aggregate;
#[allow(dead_code)]
mod emit;
#[allow(dead_code)]
mod input;
#[allow(dead_code)]
mod output;

#[allow(unused_imports)]
pub(crate) use aggregate::Protocol;

use super::Notice;
use crate::Simulator;
use serde::Serialize;

/// Which of ingress2gateway's providers reads the Ingresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// `pkg/i2gw/providers/ingressnginx`: the common converter plus ingress-nginx's annotations.
    IngressNginx,
    /// `pkg/i2gw/providers/common` alone: the Ingress fields, no annotation read.
    Common,
}

impl Provider {
    /// The provider for Ingresses written for `profile`'s controller.
    pub fn for_profile(profile: crate::Profile) -> Provider {
        if profile.name() == "ingress-nginx" {
            Provider::IngressNginx
        } else {
            Provider::Common
        }
    }
}

/// What to convert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConvertOptions {
    /// The provider.
    pub provider: Provider,
}

/// The converted objects, their YAML and the notifications.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversion {
    /// The Gateway API objects as YAML documents (`---`-separated), ready for `kubectl apply`.
    pub yaml: String,
    /// The Gateways written, `namespace/name`, in the order they are written.
    pub gateways: Vec<String>,
    /// ingress2gateway's notifications, in input order.
    pub notices: Vec<Notice>,
}

/// Converts the Ingresses of `sim`'s input.
pub fn convert(sim: &Simulator, options: &ConvertOptions) -> Conversion {
    let _ = (sim, options);
    Conversion { yaml: String::new(), gateways: Vec::new(), notices: Vec::new() }
}
