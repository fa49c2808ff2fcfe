//! `extensions/v1beta1` and `networking.k8s.io/v1beta1` Ingress → v1.
//!
//! The conversion the API server performs (`pkg/apis/networking/v1beta1` conversion and
//! defaults): `spec.backend` → `spec.defaultBackend`; `serviceName`/`servicePort` →
//! `service.name` and `service.port.number` (integer) or `service.port.name` (string); a missing
//! `pathType` defaults to `ImplementationSpecific`.

use super::fields::{Cx, Fields};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Ingress, ServiceBackend, ServicePortRef};
use crate::yaml::{Node, ScalarKind, Value};

const KNOWN: &[&str] = &["networking.k8s.io/v1beta1", "extensions/v1beta1"];

pub(super) fn is_known_version(api_version: &str) -> bool {
    KNOWN.contains(&api_version)
}

/// Reads `serviceName` and `servicePort` (IntOrString) into a v1 service backend.
pub(super) fn service_backend(f: &mut Fields, path: &str, cx: &mut Cx) -> Option<ServiceBackend> {
    let name = f.string(cx, "serviceName");
    let port_node = f.get("servicePort");
    if name.is_none() && port_node.is_none() {
        return None;
    }
    let span = name.as_ref().map(|n| n.span).or(port_node.map(|p| p.span)).unwrap_or_default();
    let port = port_node.map(|node| {
        let mut port = ServicePortRef { span: node.span, ..Default::default() };
        let port_path = format!("{path}.servicePort");
        match node.scalar_kind() {
            Some(ScalarKind::Int) => port.number = cx.int(node, &port_path),
            _ => port.name = cx.string(node, &port_path),
        }
        port
    });
    Some(ServiceBackend { name, port, span })
}

/// A notice saying what was converted, placed on the `apiVersion` line.
pub(super) fn announce(ingress: &Ingress, api_version: &str, node: &Node, diagnostics: &mut Vec<Diagnostic>) {
    let mut changes = Vec::new();
    if ingress.spec.default_backend.is_some() {
        changes.push("spec.backend → spec.defaultBackend".to_string());
    }
    let backends = ingress
        .spec
        .rules
        .iter()
        .flat_map(|r| r.http.iter())
        .flat_map(|h| h.paths.iter())
        .filter(|p| p.backend.is_some())
        .count();
    if backends > 0 || ingress.spec.default_backend.is_some() {
        changes.push("serviceName/servicePort → service.name/service.port.number|name".to_string());
    }
    // Defaulted path types carry the span of their path entry, not of a `pathType` key.
    let defaulted = ingress
        .spec
        .rules
        .iter()
        .flat_map(|r| r.http.iter())
        .flat_map(|h| h.paths.iter())
        .filter(|p| p.path_type.as_ref().is_some_and(|t| t.span == p.span))
        .count();
    if defaulted > 0 {
        changes
            .push(format!("pathType defaulted to ImplementationSpecific on {defaulted} path(s), as {api_version} did"));
    }
    let span = api_version_span(node).unwrap_or(node.span);
    let summary = if changes.is_empty() { "no field needed converting".to_string() } else { changes.join("; ") };
    diagnostics.push(
        Diagnostic::new(
            Severity::Notice,
            Code::Converted,
            format!("converted from {api_version} to networking.k8s.io/v1 ({api_version} is no longer served since Kubernetes 1.22): {summary}. Field paths in messages are v1 paths."),
        )
        .at(span)
        .on(format!("Ingress {}", ingress.id())),
    );
}

fn api_version_span(node: &Node) -> Option<crate::source::Span> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Scalar { text, .. } if text == "apiVersion"))
            .map(|(_, v)| v.span),
        _ => None,
    }
}

/// Advice for unknown fields that are v1beta1 names used in a v1 object.
pub(super) fn hint_for_unknown_field(name: &str) -> &'static str {
    match name {
        "serviceName" => " (that is the v1beta1 field; networking.k8s.io/v1 uses service.name)",
        "servicePort" => {
            " (that is the v1beta1 field; networking.k8s.io/v1 uses service.port.number or service.port.name)"
        }
        "backend" => " (in networking.k8s.io/v1 the Ingress-wide backend is spec.defaultBackend)",
        "defaultBackend" => " (v1beta1 calls it spec.backend)",
        "port" => " (a v1 service port is a mapping: port: {number: 80} or port: {name: http})",
        _ => "",
    }
}
