//! API-server validation of Gateway API objects (create semantics): the OpenAPI schema of the
//! CRDs (required fields, enums, patterns, lengths, bounds, `maxItems`, list keys) and their CEL
//! rules (`x-kubernetes-validations`), every error at its field path and place, with the API
//! server's message shape:
//!
//! - schema: `spec.hostnames[0]: Invalid value: "Foo": spec.hostnames[0] in body should match '^…$'`
//! - CEL: `spec.rules[0]: Invalid value: "object": RequestRedirect filter must not be used together with backendRefs`
//!
//! Source: kubernetes-sigs/gateway-api v1.6.1, `config/crd/standard/gateway.networking.k8s.io_*.yaml`
//! (generated from the `+kubebuilder:validation` markers of `apis/v1/*_types.go`); each rule
//! below cites the type and field that carries it. Defaults the API server applies before
//! validating (a path match's `PathPrefix` `/`, a rule's single match, a TLS mode's `Terminate`)
//! are applied here too, since the CEL rules see them.

mod gateway;
mod route;
mod schema;

use super::decode::{at, nth};
use super::model::*;
use crate::diagnostic::{Code, Diagnostic, ErrorType};
use crate::model::{ObjectMeta, Spanned};
use crate::source::{move_lines_of, Span};
use crate::validate::Report;
use schema::*;

/// Which objects the API server would refuse, per kind, indexed like [`GatewayObjects`]' lists
/// (`http_routes[i]` is true when HTTPRoute `i` would be refused). A refused object is not in
/// the cluster: it attaches nothing and routes nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RejectedObjects {
    /// GatewayClasses.
    pub classes: Vec<bool>,
    /// Gateways.
    pub gateways: Vec<bool>,
    /// HTTPRoutes.
    pub http_routes: Vec<bool>,
    /// GRPCRoutes.
    pub grpc_routes: Vec<bool>,
    /// TLSRoutes.
    pub tls_routes: Vec<bool>,
    /// ReferenceGrants.
    pub reference_grants: Vec<bool>,
}

impl RejectedObjects {
    /// Appends another input part's flags (the per-document reads of [`crate::DocumentCache`]).
    pub fn extend_from(&mut self, other: &RejectedObjects) {
        self.classes.extend_from_slice(&other.classes);
        self.gateways.extend_from_slice(&other.gateways);
        self.http_routes.extend_from_slice(&other.http_routes);
        self.grpc_routes.extend_from_slice(&other.grpc_routes);
        self.tls_routes.extend_from_slice(&other.tls_routes);
        self.reference_grants.extend_from_slice(&other.reference_grants);
    }
}

move_lines_of! {
    RejectedObjects { classes, gateways, http_routes, grpc_routes, tls_routes, reference_grants }
}

/// Validates every Gateway API object of a manifest, appending each error to `out`; `decoded`
/// are the manifest's decoding diagnostics (an object with decoding errors is refused too, and
/// its type errors keep the CEL rules from running, as on the API server).
pub fn validate_objects(
    objects: &GatewayObjects,
    decoded: &[Diagnostic],
    out: &mut Vec<Diagnostic>,
) -> RejectedObjects {
    let mut rejected = RejectedObjects::default();
    for class in &objects.classes {
        let name = format!("GatewayClass {}", class.meta.name());
        rejected
            .classes
            .push(check(&name, &class.meta, class.span, false, decoded, out, &|s| gateway::class(class, s)));
    }
    for g in &objects.gateways {
        let name = format!("Gateway {}", g.id());
        rejected.gateways.push(check(&name, &g.meta, g.span, true, decoded, out, &|s| gateway::gateway(g, s)));
    }
    for route in &objects.http_routes {
        let name = format!("HTTPRoute {}", route.id());
        rejected
            .http_routes
            .push(check(&name, &route.meta, route.span, true, decoded, out, &|s| route::http(route, s)));
    }
    for route in &objects.grpc_routes {
        let name = format!("GRPCRoute {}", route.id());
        rejected
            .grpc_routes
            .push(check(&name, &route.meta, route.span, true, decoded, out, &|s| route::grpc(route, s)));
    }
    for route in &objects.tls_routes {
        let name = format!("TLSRoute {}", route.id());
        rejected.tls_routes.push(check(&name, &route.meta, route.span, true, decoded, out, &|s| route::tls(route, s)));
    }
    for grant in &objects.reference_grants {
        let name = format!("ReferenceGrant {}/{}", grant.meta.namespace(), grant.meta.name());
        let refused =
            check(&name, &grant.meta, grant.span, true, decoded, out, &|s| gateway::reference_grant(grant, s));
        rejected.reference_grants.push(refused);
    }
    rejected
}

/// Runs one object's checks; true when the API server would refuse it.
fn check(
    name: &str,
    meta: &ObjectMeta,
    span: Span,
    namespaced: bool,
    decoded: &[Diagnostic],
    out: &mut Vec<Diagnostic>,
    spec: &dyn Fn(&mut Schema),
) -> bool {
    let before = out.len();
    let mut s = Schema::new(Report::new(name.to_string(), out));
    if namespaced {
        crate::validate::validate_meta(meta, span, true, &mut s.r);
    } else {
        // A cluster-scoped object's namespace is cleared on create, not refused
        // (k8s.io/apiserver `rest.BeforeCreate`).
        let meta = ObjectMeta { namespace: None, ..meta.clone() };
        crate::validate::validate_meta(&meta, span, false, &mut s.r);
    }
    labels(meta, &mut s);
    spec(&mut s);
    let (decode_errors, decode_blocked) = decode_errors_of(name, span, decoded);
    s.finish(span, decode_blocked);
    decode_errors || out[before..].iter().any(Diagnostic::is_error)
}

/// Whether decoding reported errors for this object (its name, in its document), and whether one
/// of them is a type error (which keeps the CEL rules from running).
fn decode_errors_of(name: &str, span: Span, decoded: &[Diagnostic]) -> (bool, bool) {
    let mut errors = decoded.iter().filter(|d| {
        d.is_error()
            && d.code == Code::Decode
            && d.object.as_deref() == Some(name)
            && d.span.is_none_or(|s| s.doc == span.doc && s.source == span.source)
    });
    let mut any = false;
    let mut blocked = false;
    for d in &mut errors {
        any = true;
        blocked |= d.error_type == Some(ErrorType::TypeMismatch);
    }
    (any, blocked)
}

/// `metadata.labels` as `ValidateObjectMeta` checks them (apimachinery
/// `pkg/apis/meta/v1/validation.ValidateLabels`): each key a qualified name, each value a label
/// value (`IsValidLabelValue`).
fn labels(meta: &ObjectMeta, s: &mut Schema) {
    use crate::validate::strings::{max_len_error, qualified_name};
    for (key, value) in &meta.labels {
        s.r.invalid_each("metadata.labels", key, qualified_name(&key.value));
        let mut errors = Vec::new();
        if value.value.len() > 63 {
            errors.push(max_len_error(63));
        }
        if !LABEL_VALUE.is_match(&value.value) {
            errors.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".to_string());
        }
        s.r.invalid_each("metadata.labels", value, errors);
    }
}

// ---------------------------------------------------------------------------------------------
// Shared pieces (apis/v1/shared_types.go, object_reference_types.go)

/// `spec.parentRefs` of any route (`CommonRouteSpec.ParentRefs`): at most 32, each a
/// ParentReference, and the two sectionName rules on the list.
fn parent_refs(refs: &[ParentRef], spec: Span, s: &mut Schema) {
    let span = list_span(refs, |p| p.span, spec);
    s.items("spec.parentRefs", refs.len(), span, 0, 32);
    for (i, p) in refs.iter().enumerate() {
        let path = nth("spec.parentRefs", i);
        s.string(&at(&path, "group"), &p.group, GROUP_STR);
        s.string(&at(&path, "kind"), &p.kind, KIND_STR);
        s.string(&at(&path, "namespace"), &p.namespace, NAMESPACE_STR);
        s.required_string(&at(&path, "name"), &p.name, p.span, NAME);
        s.string(&at(&path, "sectionName"), &p.section_name, SECTION_NAME);
        s.int(&at(&path, "port"), &p.port, Some(1), Some(65535));
    }
    // CommonRouteSpec.ParentRefs XValidation (shared_types.go): two references to the same
    // parent (group, kind, name and namespace after defaulting) must both name a sectionName,
    // and different ones.
    let same_parent = |a: &ParentRef, b: &ParentRef| {
        a.group_or_default() == b.group_or_default()
            && a.kind_or_default() == b.kind_or_default()
            && a.name() == b.name()
            && text(&a.namespace) == text(&b.namespace)
    };
    let section = |p: &ParentRef| text(&p.section_name).to_string();
    let specified =
        refs.iter().all(|a| refs.iter().all(|b| !same_parent(a, b) || section(a).is_empty() == section(b).is_empty()));
    if !specified {
        s.cel_array(
            "spec.parentRefs",
            span,
            "sectionName must be specified when parentRefs includes 2 or more references to the same parent",
        );
    }
    let unique =
        refs.iter().all(|a| refs.iter().filter(|b| same_parent(a, b) && section(a) == section(b)).count() == 1);
    if !unique {
        s.cel_array(
            "spec.parentRefs",
            span,
            "sectionName must be unique when parentRefs includes 2 or more references to the same parent",
        );
    }
}

/// `spec.hostnames` of an HTTPRoute or GRPCRoute: at most 16 `Hostname`s.
fn hostnames(hostnames: &[Spanned<String>], spec: Span, max: usize, s: &mut Schema) {
    s.items("spec.hostnames", hostnames.len(), list_span(hostnames, |h| h.span, spec), 0, max);
    for (i, h) in hostnames.iter().enumerate() {
        s.check_string(&nth("spec.hostnames", i), h, HOSTNAME_STR);
    }
}

/// A `BackendObjectReference` (and `BackendRef`'s weight when given): group, kind, name,
/// namespace, port, and the CEL rule "Must have port for Service reference"
/// (object_reference_types.go `BackendObjectReference`).
fn backend_object_ref(path: &str, r: &ObjectRef, s: &mut Schema) {
    let ObjectRef { group, kind, name, namespace, port, span } = r;
    let span = *span;
    s.string(&at(path, "group"), group, GROUP_STR);
    s.string(&at(path, "kind"), kind, KIND_STR);
    s.required_string(&at(path, "name"), name, span, NAME);
    s.string(&at(path, "namespace"), namespace, NAMESPACE_STR);
    s.int(&at(path, "port"), port, Some(1), Some(65535));
    let is_service = text(group).is_empty() && kind.as_ref().map_or("Service", |k| k.value.as_str()) == "Service";
    if is_service && port.is_none() {
        s.cel_object(path, span, "Must have port for Service reference");
    }
}

/// A `backendRefs[i]` (BackendRef: the object reference and a weight 0–1,000,000).
fn backend_ref(path: &str, b: &BackendRef, s: &mut Schema) {
    let reference = ObjectRef {
        group: b.group.clone(),
        kind: b.kind.clone(),
        namespace: b.namespace.clone(),
        name: b.name.clone(),
        port: b.port.clone(),
        span: b.span,
    };
    backend_object_ref(path, &reference, s);
    s.int(&at(path, "weight"), &b.weight, Some(0), Some(1_000_000));
}

/// A `SecretObjectReference` / `ObjectReference` / `LocalObjectReference` / parametersRef: which
/// fields are required differs by place (`required` lists them).
fn object_ref(path: &str, r: &ObjectRef, required: &[&str], s: &mut Schema) {
    let field = |key: &str| format!("{path}.{key}");
    for (key, value, rule) in [
        ("group", &r.group, GROUP_STR),
        ("kind", &r.kind, KIND_STR),
        ("name", &r.name, NAME),
        ("namespace", &r.namespace, NAMESPACE_STR),
    ] {
        if required.contains(&key) {
            s.required_string(&field(key), value, r.span, rule);
        } else {
            s.string(&field(key), value, rule);
        }
    }
}

/// A required list with `minItems`: `Required value` when absent, the `minItems` failure when
/// written empty (`empty_lists`), nothing when it has items.
fn required_list(field: &str, len: usize, empty_lists: &[Spanned<String>], parent: Span, min: usize, s: &mut Schema) {
    if len > 0 {
        return;
    }
    let key = field.rsplit('.').next().unwrap_or(field);
    match empty_lists.iter().find(|e| e.value == key) {
        Some(written) => s.items(field, 0, written.span, min, usize::MAX),
        None => s.required(field, parent),
    }
}

/// The value of a Spanned string, `""` when absent (the API server's zero value).
fn text(value: &Option<Spanned<String>>) -> &str {
    value.as_ref().map_or("", |v| v.value.as_str())
}
