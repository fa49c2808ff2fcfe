//! Ingress → Gateway API as kubernetes-sigs/ingress2gateway v1.1.0 (`89ab0cd`) converts it.
//!
//! [`convert`] reads the input's Ingresses ([`input`]), groups their rules and writes Gateways and
//! routes as upstream's common converter does ([`aggregate`]), lets the ingress-nginx provider
//! apply its annotations (`convert/nginx*`), and writes the objects as YAML ([`emit`]). Paths
//! below are in the upstream repository at tag `v1.1.0`.
//!
//! - **C1 Input.** Every Ingress of the input (of two with one namespace/name, the last read, as
//!   upstream's map keeps it), sorted by name (`pkg/i2gw/providers/ingressnginx/
//!   storage.go` `OrderedIngressMap.FromMap`), each under its class (`pkg/i2gw/providers/common/
//!   utils.go` `GetIngressClass`: `spec.ingressClassName` when set and not empty, else the
//!   `kubernetes.io/ingress.class` annotation). With a simulated class only that class's
//!   Ingresses are read (upstream's `--ingress-nginx-ingress-class`). *Differs:* an Ingress with
//!   no class takes the input's default IngressClass (else `nginx` for ingress-nginx, the flag's
//!   default), where upstream would write a Gateway named `""` the API server refuses.
//! - **C2 Rule groups.** Each rule of each Ingress joins the group keyed
//!   `namespace/class/host/protocol` (`pkg/i2gw/providers/common/converter.go`
//!   `ingressAggregator.addIngressRule`); a group takes the TLS entries of every Ingress that adds
//!   a rule to it and is named after the first. Groups are visited in the keys' text order
//!   (`toRoutesAndGateways`). HTTP Ingresses are added before gRPC ones (`ToIR`).
//! - **C3 Gateways and listeners.** One Gateway per namespace and class, named after the class,
//!   `gatewayClassName` the class (`toRoutesAndGateways`). Each group adds a listener for its host
//!   (a host-less group: the only host of its only TLS entry, if so): `<NameFromHost>-http` on port
//!   80, and, when any contributing Ingress has `tls`, `<NameFromHost>-https` on 443 with every
//!   secret of those entries as `certificateRefs` (`group: ""`, `kind: Secret`) — whether or not the
//!   entry names the host, as upstream does. A listener name seen before is not added again (its
//!   certificates merge, deduplicated); two hosts with one `NameFromHost` (`*.a.com` and `a.com`)
//!   keep the first listener and are flagged `listener-name-collision`. `NameFromHost`
//!   (`utils.go`): runs of non-alphanumerics become `-`, leading ones dropped, `""`/`*` →
//!   `all-hosts`. *Differs:* certificate names are sorted (upstream iterates a Go map); a TLS entry
//!   without `secretName` adds no reference, and no HTTPS listener when no entry names a secret
//!   (`tls-without-secret`; upstream's `""` reference makes the API server refuse the Gateway).
//! - **C4 HTTPRoutes.** One per HTTP group, named `<first Ingress>-<NameFromHost(host)>`
//!   (`RouteName`), parent the class's Gateway (none without a class), `hostnames: [host]` unless
//!   host-less (`toHTTPRoute`). Paths are grouped by `pathType/path` in first-seen order
//!   (`groupIngressPathsByMatchKey`); each key is one rule with one path match and the backends of
//!   every path with that key (duplicates kept, each with its source). Two groups making one route
//!   name keep the last (upstream's map), flagged `route-name-collision`.
//! - **C5 Path matches.** `Prefix` → `PathPrefix`, `Exact` → `Exact`, `ImplementationSpecific` as
//!   the provider says (ingress-nginx: `PathPrefix`, then its regex feature), else the error
//!   `implementation-specific-path`; a missing pathType is `path-type-required`, an unknown one
//!   `unsupported-path-type`; the rule is left out (`toHTTPRouteMatch`).
//! - **C6 GRPCRoutes.** A gRPC group becomes a GRPCRoute named as in C4; the path `/svc/method`
//!   becomes a method match (`ParseGRPCServiceMethod`; `/` matches every method) (`toGRPCRoute`).
//! - **C7 Backends.** A Service by name and `port.number`; a named port through the input's
//!   Service of that name (`GroupServicePortsByPortName`), the error `named-port-not-found` when it
//!   has none (the backend is left out); a `resource` by `apiGroup`, `kind`, `name` (`ToBackendRef`).
//!   The writer merges equal backendRefs of a rule, summing weights set on both (`pkg/i2gw/
//!   emitters/utils/utils.go` `removeBackendRefsDuplicates`; first-seen order here, a map there).
//! - **C8 Default backends.** `spec.defaultBackend` becomes HTTPRoute `<ingress>-default-backend`
//!   with no hostnames, parent the class's Gateway and one rule with the backend (`toRoutesAndGateways`);
//!   a class with no rule in that namespace has no Gateway (`default-backend-without-gateway`).
//! - **C9 Errors.** Upstream's field errors are error notices worded as `field.Error` prints them;
//!   *differs:* upstream then writes nothing at all, here the conversion goes on without the
//!   failing rule or backend, and a backend with neither `service` nor `resource` (upstream: nil
//!   dereference) is `backend-missing`.
//! - **C10 Output.** Gateways, HTTPRoutes, GRPCRoutes, TLSRoutes (`cmd/print.go` `outputResult`'s
//!   order), each sorted by namespace/name, all `gateway.networking.k8s.io/v1`, annotated
//!   `gateway.networking.k8s.io/generator` as upstream's printer does; the standard emitter's
//!   warning that URL normalisation is not configurable (`pkg/i2gw/emitters/standard/standard.go`
//!   `Emit`) is the notice `url-normalization` whenever something was written.
//! - **N1…N13 ingress-nginx.** With [`Provider::IngressNginx`], `backend-protocol` picks each
//!   Ingress's route kind (or leaves it out), ImplementationSpecific reads as PathPrefix, and the
//!   provider's features then run over these objects in upstream's order (canary, redirects, header
//!   modifiers, regex mode, passthrough, app-root, rewrite-target, timeouts, CORS, ssl-redirect,
//!   trailing-slash and www redirects), with its notices: rules N1…N13, each cited, in
//!   `convert/nginx.rs`; its defects that change routing (`rewrite-target: /$1` written literally,
//!   host-less rules kept out of regex mode) are converted as upstream does and flagged.

mod aggregate;
mod emit;
#[allow(dead_code)] // parts used by convert/nginx* only
mod input;
mod nginx;
#[allow(dead_code)] // parts used by convert/nginx* only
mod output;

pub(crate) use aggregate::Protocol;
use aggregate::Selected;
use input::Input;

use super::{Notice, NoticeLevel};
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

/// Converts the Ingresses of `sim`'s input (of its class, when it simulates one).
pub fn convert(sim: &Simulator, options: &ConvertOptions) -> Conversion {
    let fallback_class = match options.provider {
        Provider::IngressNginx => Some("nginx"),
        Provider::Common => None,
    };
    let input = Input::new(sim.manifest(), sim.class(), fallback_class);
    let mut notices = Vec::new();
    let output = match options.provider {
        Provider::Common => {
            let selected: Vec<Selected> =
                (0..input.ingresses.len()).map(|ingress| Selected { ingress, protocol: Protocol::Http }).collect();
            aggregate::to_output(&input, &selected, None, &mut notices)
        }
        Provider::IngressNginx => {
            let selected: Vec<Selected> = (input.ingresses.iter().enumerate())
                .filter_map(|(ingress, ing)| {
                    Some(Selected { ingress, protocol: nginx::protocol_of(ing, &mut notices)? })
                })
                .collect();
            let mut output =
                aggregate::to_output(&input, &selected, Some(nginx::implementation_specific_path), &mut notices);
            nginx::apply(&input, &mut output, &mut notices);
            output
        }
    };
    let (yaml, gateways) = emit::emit(&output);
    if !yaml.is_empty() {
        notices.push(Notice::new(
            NoticeLevel::Warning,
            "url-normalization",
            "Gateway API does not support configuring URL normalization (RFC 3986, Section 6). Please check if this matters for your use case and consult implementation-specific details.",
        ));
    }
    Conversion { yaml, gateways, notices }
}
