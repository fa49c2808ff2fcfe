//! Which `apiVersion`s the Gateway API v1.6.1 CRDs serve, per kind, and what a reader is told
//! about the others. Every version is read with the `v1` schema (the served versions share it).
//!
//! Source: the `versions` list of each CRD in kubernetes-sigs/gateway-api v1.6.1
//! `config/crd/standard/gateway.networking.k8s.io_*.yaml` and `config/crd/experimental/…`:
//! GatewayClass, Gateway, HTTPRoute and ReferenceGrant serve `v1` and `v1beta1`; GRPCRoute `v1`;
//! TLSRoute `v1`, and `v1alpha2` / `v1alpha3` (deprecated) in the experimental channel only.

use crate::decode::fields::Cx;
use crate::diagnostic::{Code, Diagnostic, ErrorType, Severity};
use crate::yaml::Node;

/// The versions served by the standard channel's CRD of `kind`.
fn standard(kind: &str) -> &'static [&'static str] {
    match kind {
        "GRPCRoute" | "TLSRoute" => &["v1"],
        _ => &["v1", "v1beta1"],
    }
}

/// The versions served by the experimental channel only (deprecated).
fn experimental_only(kind: &str) -> &'static [&'static str] {
    match kind {
        "TLSRoute" => &["v1alpha2", "v1alpha3"],
        _ => &[],
    }
}

/// Versions Gateway API served before and no longer does (a manifest written for an older
/// release): `v1alpha2` of every kind (GatewayClass, Gateway, HTTPRoute until v1.0, ReferenceGrant
/// and GRPCRoute until v1.2 / v1.4), `v1beta1` of GRPCRoute, which never existed, is not listed.
fn removed(kind: &str, version: &str) -> bool {
    version == "v1alpha2" && kind != "TLSRoute"
}

/// Reports an `apiVersion` the CRDs do not serve (the object is still read as `v1`).
pub(super) fn check(kind: &str, api_version: &str, node: &Node, cx: &mut Cx) {
    let version = api_version.rsplit_once('/').map_or(api_version, |(_, v)| v);
    if standard(kind).contains(&version) {
        return;
    }
    let group = crate::gateway::model::GROUP;
    let span = crate::decode::node_at(node, &["apiVersion"]).map_or(node.span, |n| n.span);
    let served: Vec<String> = standard(kind).iter().map(|v| format!("{group}/{v}")).collect();
    let served = served.join(", ");
    if experimental_only(kind).contains(&version) {
        cx.push(
            Diagnostic::new(
                Severity::Notice,
                Code::Converted,
                format!(
                    "{kind} {api_version} is deprecated and served only by the experimental channel's CRDs of Gateway API v1.6.1 (the standard CRDs serve {served}); read as {group}/v1"
                ),
            )
            .at(span),
        );
    } else if removed(kind, version) {
        cx.push(
            Diagnostic::new(
                Severity::Warning,
                Code::Converted,
                format!(
                    "{kind} {api_version} is no longer served by Gateway API v1.6.1 (the API server answers: no matches for kind \"{kind}\" in version \"{api_version}\"; it serves {served}); read as {group}/v1"
                ),
            )
            .at(span),
        );
    } else {
        cx.error_at(
            span,
            "apiVersion",
            ErrorType::NotSupported,
            format!("{kind} apiVersion {api_version:?} is not served by Gateway API v1.6.1 (it serves {served}); read as {group}/v1"),
        );
    }
}
