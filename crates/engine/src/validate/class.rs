//! `ValidateIngressClass` (kubernetes/kubernetes `pkg/apis/networking/validation/validation.go`).

use super::ingress::validate_meta;
use super::strings::*;
use super::{BadValue, Report};
use crate::diagnostic::Diagnostic;
use crate::model::IngressClass;

const MAX_CONTROLLER_LEN: usize = 250;

/// Validates one IngressClass, appending every error to `out`.
pub fn validate_class(class: &IngressClass, out: &mut Vec<Diagnostic>) {
    let mut r = Report::new(format!("IngressClass {}", class.meta.name()), out);
    validate_meta(&class.meta, class.span, false, &mut r);
    match class.controller.as_ref().filter(|c| !c.value.is_empty()) {
        None => r.required("spec.controller", class.controller.as_ref().map_or(class.span, |c| c.span), ""),
        Some(controller) => {
            if controller.value.len() > MAX_CONTROLLER_LEN {
                r.too_long("spec.controller", controller.span, MAX_CONTROLLER_LEN);
            }
            for (value, message) in domain_prefixed_path(&controller.value) {
                r.invalid("spec.controller", controller.span, BadValue::Str(&value), &message);
            }
        }
    }
    let Some(params) = &class.parameters else {
        return;
    };
    let field = "spec.parameters";
    if let Some(group) = &params.api_group {
        r.invalid_each(&format!("{field}.apiGroup"), group, dns1123_subdomain(&group.value));
    }
    for (key, value) in [("kind", &params.kind), ("name", &params.name)] {
        let sub = format!("{field}.{key}");
        match value.as_ref().filter(|v| !v.value.is_empty()) {
            None => r.required(&sub, value.as_ref().map_or(params.span, |v| v.span), ""),
            Some(v) => r.invalid_each(&sub, v, path_segment_name(&v.value)),
        }
    }
    // The API server defaults a missing scope to Cluster before validating (v1 defaults.go).
    let scope = params.scope.as_ref().map_or("Cluster", |s| s.value.as_str());
    let scope_span = params.scope.as_ref().map_or(params.span, |s| s.span);
    match scope {
        "Namespace" => match &params.namespace {
            None => r.required(&format!("{field}.namespace"), params.span, "`parameters.scope` is set to 'Namespace'"),
            Some(ns) => r.invalid_each(&format!("{field}.namespace"), ns, dns1123_label(&ns.value)),
        },
        "Cluster" => {
            if let Some(ns) = &params.namespace {
                r.forbidden(&format!("{field}.namespace"), ns.span, "`parameters.scope` is set to 'Cluster'");
            }
        }
        other => r.not_supported(&format!("{field}.scope"), scope_span, other, &["Cluster", "Namespace"]),
    }
}
