//! `ValidateIngressCreate` (kubernetes/kubernetes `pkg/apis/networking/validation/validation.go`:
//! `validateIngress`, `ValidateIngressSpec`, `validateIngressRules`, `validateHTTPIngressPath`,
//! `validateIngressBackend`, `validateIngressTLS`).

use super::strings::*;
use super::{BadValue, Report};
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::source::Span;

/// `kubernetes.io/ingress.class`, the legacy class annotation.
pub const CLASS_ANNOTATION: &str = "kubernetes.io/ingress.class";

/// Validates one Ingress, appending every error to `out`.
pub fn validate_ingress(ingress: &Ingress, out: &mut Vec<Diagnostic>) {
    let mut r = Report::new(format!("Ingress {}", ingress.id()), out);
    validate_meta(&ingress.meta, ingress.span, true, &mut r);
    validate_spec(&ingress.spec, &mut r);
    // Row 36 (create only): the annotation and the field must agree when both are set.
    if let (Some(annotation), Some(field)) =
        (ingress.meta.annotation(CLASS_ANNOTATION), &ingress.spec.ingress_class_name)
    {
        if annotation.value != field.value {
            r.invalid(
                &format!("annotations.{CLASS_ANNOTATION}"),
                annotation.span,
                BadValue::Str(&annotation.value),
                "must match `ingressClassName` when both are specified",
            );
        }
    }
    // ValidateIngressStatusUpdate checks status; on create the status is dropped, so warn only.
    r.as_warnings();
    for (i, lb) in ingress.status.iter().enumerate() {
        let path = format!("status.loadBalancer.ingress[{i}]");
        if let Some(ip) = &lb.ip {
            if !is_ip_sloppy(&ip.value) {
                r.invalid(&format!("{path}.ip"), ip.span, BadValue::Str(&ip.value), "must be a valid IP address");
            }
        }
        if let Some(host) = &lb.hostname {
            r.invalid_each(&format!("{path}.hostname"), host, dns1123_subdomain(&host.value));
            if is_ip_sloppy(&host.value) {
                r.invalid(
                    &format!("{path}.hostname"),
                    host.span,
                    BadValue::Str(&host.value),
                    "must be a DNS name, not an IP address",
                );
            }
        }
    }
}

/// `ValidateObjectMeta` for the fields the simulator reads.
pub(crate) fn validate_meta(meta: &ObjectMeta, object_span: Span, namespaced: bool, r: &mut Report) {
    match &meta.name {
        None => r.required(
            "metadata.name",
            if meta.span == Span::default() { object_span } else { meta.span },
            "name or generateName is required",
        ),
        Some(name) if name.value.is_empty() => {
            r.required("metadata.name", name.span, "name or generateName is required")
        }
        Some(name) => r.invalid_each("metadata.name", name, dns1123_subdomain(&name.value)),
    }
    if let Some(ns) = &meta.namespace {
        if namespaced {
            if !ns.value.is_empty() {
                r.invalid_each("metadata.namespace", ns, dns1123_label(&ns.value));
            }
        } else {
            r.forbidden("metadata.namespace", ns.span, "not allowed on this type");
        }
    }
    for (key, _) in &meta.annotations {
        r.invalid_each("metadata.annotations", key, qualified_name(&key.value));
    }
}

fn validate_spec(spec: &IngressSpec, r: &mut Report) {
    // Row 3.
    if spec.rules.is_empty() && spec.default_backend.is_none() {
        r.invalid("spec", spec.span, BadValue::Raw("null"), "either `defaultBackend` or `rules` must be specified");
    }
    // Row 4.
    if let Some(b) = &spec.default_backend {
        validate_backend(b, "spec.defaultBackend", r);
    }
    for (i, rule) in spec.rules.iter().enumerate() {
        validate_rule(rule, &format!("spec.rules[{i}]"), r);
    }
    // Rows 30-33.
    for (i, tls) in spec.tls.iter().enumerate() {
        for (k, host) in tls.hosts.iter().enumerate() {
            let field = format!("spec.tls[{i}].hosts[{k}]");
            if host.value.contains('*') {
                r.invalid_each(&field, host, wildcard_dns1123_subdomain(&host.value));
            } else {
                r.invalid_each(&field, host, dns1123_subdomain(&host.value));
            }
        }
        if let Some(secret) = tls.secret_name.as_ref().filter(|s| !s.value.is_empty()) {
            r.invalid_each(&format!("spec.tls[{i}].secretName"), secret, dns1123_subdomain(&secret.value));
        }
    }
    // Row 35.
    if let Some(class) = &spec.ingress_class_name {
        r.invalid_each("spec.ingressClassName", class, dns1123_subdomain(&class.value));
    }
}

fn validate_rule(rule: &Rule, field: &str, r: &mut Report) {
    if let Some(host) = rule.host.as_ref().filter(|h| !h.value.is_empty()) {
        let host_field = format!("{field}.host");
        // Row 6.
        if is_ip_sloppy(&host.value) {
            r.invalid(&host_field, host.span, BadValue::Str(&host.value), "must be a DNS name, not an IP address");
        }
        // Rows 7-8.
        if host.value.contains('*') {
            r.invalid_each(&host_field, host, wildcard_dns1123_subdomain(&host.value));
        } else {
            r.invalid_each(&host_field, host, dns1123_subdomain(&host.value));
        }
    }
    // Rows 9-10.
    if let Some(http) = &rule.http {
        if http.paths.is_empty() {
            r.required(&format!("{field}.http.paths"), http.span, "");
        }
        for (j, path) in http.paths.iter().enumerate() {
            validate_path(path, &format!("{field}.http.paths[{j}]"), r);
        }
    }
}

const INVALID_SEQUENCES: [&str; 5] = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_SUFFIXES: [&str; 2] = ["/..", "/."];

fn validate_path(entry: &HttpPath, field: &str, r: &mut Report) {
    // Row 11: a missing pathType is reported alone; the backend is not validated.
    let Some(path_type) = &entry.path_type else {
        r.required(&format!("{field}.pathType"), entry.span, "pathType must be specified");
        return;
    };
    let path_field = format!("{field}.path");
    let path = entry.path();
    let path_span = entry.path.as_ref().map_or(entry.span, |p| p.span);
    match PathType::parse(&path_type.value) {
        Some(PathType::Exact | PathType::Prefix) => {
            // Row 13.
            if !path.starts_with('/') {
                r.invalid(&path_field, path_span, BadValue::Str(path), "must be an absolute path");
            }
            if !path.is_empty() {
                // Rows 14-15.
                for seq in INVALID_SEQUENCES {
                    if path.contains(seq) {
                        r.invalid(&path_field, path_span, BadValue::Str(path), &format!("must not contain '{seq}'"));
                    }
                }
                for suffix in INVALID_SUFFIXES {
                    if path.ends_with(suffix) {
                        r.invalid(&path_field, path_span, BadValue::Str(path), &format!("cannot end with '{suffix}'"));
                    }
                }
            }
        }
        // Rows 16-17.
        Some(PathType::ImplementationSpecific) => {
            if !path.is_empty() && !path.starts_with('/') {
                r.invalid(&path_field, path_span, BadValue::Str(path), "must be an absolute path");
            }
        }
        // Row 12.
        None => r.not_supported(
            &format!("{field}.pathType"),
            path_type.span,
            &path_type.value,
            &["Exact", "ImplementationSpecific", "Prefix"],
        ),
    }
    // Row 19: an absent backend is the zero value, which has neither service nor resource.
    match &entry.backend {
        Some(b) => validate_backend(b, &format!("{field}.backend"), r),
        None => r.invalid(
            &format!("{field}.backend"),
            entry.span,
            BadValue::Str(""),
            "resource or service backend is required",
        ),
    }
}

/// Rows 20-29: `validateIngressBackend`.
pub(crate) fn validate_backend(backend: &Backend, field: &str, r: &mut Report) {
    match (&backend.service, &backend.resource) {
        (Some(_), Some(_)) => {
            r.invalid(field, backend.span, BadValue::Str(""), "cannot set both resource and service backends")
        }
        (None, Some(resource)) => validate_resource(resource, &format!("{field}.resource"), r),
        (Some(service), None) => {
            let name_field = format!("{field}.service.name");
            match service.name.as_ref().filter(|n| !n.value.is_empty()) {
                None => r.required(&name_field, service.name.as_ref().map_or(service.span, |n| n.span), ""),
                Some(name) => r.invalid_each(&name_field, name, dns1035_label(&name.value)),
            }
            let port = service.port.as_ref();
            let name = port.and_then(|p| p.name.as_ref()).filter(|n| !n.value.is_empty());
            let number = port.and_then(|p| p.number.as_ref()).filter(|n| n.value != 0);
            match (name, number) {
                (Some(_), Some(_)) => r.invalid(
                    field,
                    port.map_or(backend.span, |p| p.span),
                    BadValue::Str(""),
                    "cannot set both port name & port number",
                ),
                (Some(name), None) => {
                    r.invalid_each(&format!("{field}.service.port.name"), name, port_name(&name.value))
                }
                (None, Some(number)) => {
                    for m in port_number(number.value) {
                        r.invalid(
                            &format!("{field}.service.port.number"),
                            number.span,
                            BadValue::Int(number.value),
                            &m,
                        );
                    }
                }
                (None, None) => {
                    r.required(field, port.map_or(service.span, |p| p.span), "port name or number is required")
                }
            }
        }
        (None, None) => r.invalid(field, backend.span, BadValue::Str(""), "resource or service backend is required"),
    }
}

/// `validateIngressTypedLocalObjectReference`: apiGroup a DNS subdomain; kind and name required,
/// each a valid path segment name.
pub(crate) fn validate_resource(resource: &ResourceRef, field: &str, r: &mut Report) {
    if let Some(group) = &resource.api_group {
        r.invalid_each(&format!("{field}.apiGroup"), group, dns1123_subdomain(&group.value));
    }
    for (key, value) in [("kind", &resource.kind), ("name", &resource.name)] {
        let sub = format!("{field}.{key}");
        match value.as_ref().filter(|v| !v.value.is_empty()) {
            None => r.required(&sub, value.as_ref().map_or(resource.span, |v| v.span), &format!("{key} is required")),
            Some(v) => r.invalid_each(&sub, v, path_segment_name(&v.value)),
        }
    }
}
