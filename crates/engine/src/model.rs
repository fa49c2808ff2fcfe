//! The `networking.k8s.io/v1` object model, as written: every field optional (so that invalid
//! input can still be represented, validated and explained), every element with its [`Span`].
//!
//! Field names follow the API reference
//! (`staging/src/k8s.io/api/networking/v1/types.go`); see [`crate::decode`] for how text becomes
//! this model and [`crate::Validation`] for what the API server would say about it.

use crate::diagnostic::Diagnostic;
use crate::names::stable_names;
use crate::source::{move_lines_of, MoveLines, SourceId, Span};

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Its place in the input.
    pub span: Span,
}

impl<T> MoveLines for Spanned<T> {
    fn move_lines(&mut self, by: i64) {
        self.span.move_lines(by);
    }
}

impl<T> Spanned<T> {
    /// Wraps a value.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// Everything read from an input: the objects the simulator uses, and what was said about them.
#[derive(Clone, Debug, Default)]
pub struct Manifest {
    /// Ingresses, in input order (shared, so re-reading an input reuses unchanged ones for free).
    pub ingresses: Vec<std::sync::Arc<Ingress>>,
    /// IngressClasses, in input order.
    pub classes: Vec<IngressClass>,
    /// Services (used to resolve named ports and to flag missing backends).
    pub services: Vec<Service>,
    /// Gateway API objects and Namespaces ([`crate::gateway`]).
    #[cfg(feature = "gateway")]
    pub gateway: crate::gateway::model::GatewayObjects,
    /// Parse, decode and conversion diagnostics (validation adds its own, see [`crate::Validation`]).
    pub diagnostics: Vec<Diagnostic>,
    /// How many YAML documents the input had.
    pub documents: usize,
    /// The input's sources, in the order they were read (positions sort in this order).
    pub sources: Vec<SourceId>,
}

impl Manifest {
    /// True when nothing usable came out of the input and something went wrong: the CLI's exit 2.
    pub fn is_unusable(&self) -> bool {
        self.ingresses.is_empty()
            && self.classes.is_empty()
            && self.services.is_empty()
            && self.has_no_gateway_objects()
            && self.diagnostics.iter().any(|d| d.is_error())
    }

    /// True when the input held no Gateway API object or Namespace (always, without the
    /// `gateway` feature).
    pub fn has_no_gateway_objects(&self) -> bool {
        #[cfg(feature = "gateway")]
        return self.gateway.is_empty();
        #[cfg(not(feature = "gateway"))]
        return true;
    }

    /// The input's Service `namespace/name`, when the input lists it.
    pub fn service(&self, namespace: &str, name: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.meta.name() == name && s.meta.namespace() == namespace)
    }
}

/// `metadata` (the fields the simulator uses; the rest of ObjectMeta is accepted and ignored).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectMeta {
    /// `metadata.name`.
    pub name: Option<Spanned<String>>,
    /// `metadata.namespace`; `default` when absent (as `kubectl apply` does).
    pub namespace: Option<Spanned<String>>,
    /// `metadata.annotations`, in source order.
    pub annotations: Vec<(Spanned<String>, Spanned<String>)>,
    /// `metadata.labels`, in source order (Namespace labels feed Gateway API selectors).
    pub labels: Vec<(Spanned<String>, Spanned<String>)>,
    /// `metadata.creationTimestamp` as written (RFC 3339), when present.
    pub creation_timestamp: Option<Spanned<String>>,
    /// The `metadata` mapping.
    pub span: Span,
}

impl ObjectMeta {
    /// The name, or `""`.
    pub fn name(&self) -> &str {
        self.name.as_ref().map_or("", |n| n.value.as_str())
    }

    /// The namespace, `default` when unset.
    pub fn namespace(&self) -> &str {
        match &self.namespace {
            Some(ns) if !ns.value.is_empty() => &ns.value,
            _ => "default",
        }
    }

    /// An annotation's value.
    pub fn annotation(&self, key: &str) -> Option<&Spanned<String>> {
        self.annotations.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }

    /// A label's value.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels.iter().find(|(k, _)| k.value == key).map(|(_, v)| v.value.as_str())
    }
}

/// An Ingress.
#[derive(Clone, Debug, Default)]
pub struct Ingress {
    /// `apiVersion` as written (`networking.k8s.io/v1`, or a converted older version).
    pub api_version: String,
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec`.
    pub spec: IngressSpec,
    /// `status.loadBalancer.ingress`.
    pub status: Vec<LoadBalancerIngress>,
    /// The whole object.
    pub span: Span,
}

impl Ingress {
    /// `namespace/name`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.meta.namespace(), self.meta.name())
    }
}

/// `spec` of an Ingress.
#[derive(Clone, Debug, Default)]
pub struct IngressSpec {
    /// `spec.defaultBackend` (`spec.backend` in v1beta1).
    pub default_backend: Option<Backend>,
    /// `spec.ingressClassName`.
    pub ingress_class_name: Option<Spanned<String>>,
    /// `spec.rules`.
    pub rules: Vec<Rule>,
    /// `spec.tls`.
    pub tls: Vec<Tls>,
    /// The `spec` mapping (or the object, when `spec` is missing).
    pub span: Span,
}

/// `spec.rules[i]`.
#[derive(Clone, Debug, Default)]
pub struct Rule {
    /// `host`; absent or empty means every host.
    pub host: Option<Spanned<String>>,
    /// `http`; absent for a host-only rule.
    pub http: Option<HttpRuleValue>,
    /// The rule.
    pub span: Span,
}

impl Rule {
    /// The host, `""` when absent.
    pub fn host(&self) -> &str {
        self.host.as_ref().map_or("", |h| h.value.as_str())
    }
}

/// `spec.rules[i].http`.
#[derive(Clone, Debug, Default)]
pub struct HttpRuleValue {
    /// `paths`.
    pub paths: Vec<HttpPath>,
    /// The `http` mapping.
    pub span: Span,
}

/// `spec.rules[i].http.paths[j]`.
#[derive(Clone, Debug, Default)]
pub struct HttpPath {
    /// `path`; absent means `""` (allowed for ImplementationSpecific only).
    pub path: Option<Spanned<String>>,
    /// `pathType` as written.
    pub path_type: Option<Spanned<String>>,
    /// `backend`.
    pub backend: Option<Backend>,
    /// The path entry.
    pub span: Span,
}

impl HttpPath {
    /// The path, `""` when absent.
    pub fn path(&self) -> &str {
        self.path.as_ref().map_or("", |p| p.value.as_str())
    }

    /// The path type, when it is one of the three the API knows.
    pub fn path_type(&self) -> Option<PathType> {
        self.path_type.as_ref().and_then(|t| PathType::parse(&t.value))
    }
}

/// `pathType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathType {
    /// The whole path, case-sensitive.
    Exact,
    /// Element-wise prefix.
    Prefix,
    /// Up to the controller.
    ImplementationSpecific,
}

stable_names!(PathType, as_str; Exact => "Exact", Prefix => "Prefix", ImplementationSpecific => "ImplementationSpecific");

/// An IngressBackend as written: `service`, `resource`, both or neither.
#[derive(Clone, Debug, Default)]
pub struct Backend {
    /// `service`.
    pub service: Option<ServiceBackend>,
    /// `resource`.
    pub resource: Option<ResourceRef>,
    /// The backend mapping.
    pub span: Span,
}

/// `backend.service`.
#[derive(Clone, Debug, Default)]
pub struct ServiceBackend {
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `port`.
    pub port: Option<ServicePortRef>,
    /// The mapping.
    pub span: Span,
}

/// `backend.service.port`.
#[derive(Clone, Debug, Default)]
pub struct ServicePortRef {
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `number` (0 means unset, as in the API).
    pub number: Option<Spanned<i64>>,
    /// The mapping.
    pub span: Span,
}

/// `backend.resource` (a TypedLocalObjectReference).
#[derive(Clone, Debug, Default)]
pub struct ResourceRef {
    /// `apiGroup`.
    pub api_group: Option<Spanned<String>>,
    /// `kind`.
    pub kind: Option<Spanned<String>>,
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

/// `spec.tls[i]`.
#[derive(Clone, Debug, Default)]
pub struct Tls {
    /// `hosts`.
    pub hosts: Vec<Spanned<String>>,
    /// `secretName`.
    pub secret_name: Option<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

/// `status.loadBalancer.ingress[i]`.
#[derive(Clone, Debug, Default)]
pub struct LoadBalancerIngress {
    /// `ip`.
    pub ip: Option<Spanned<String>>,
    /// `hostname`.
    pub hostname: Option<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

/// An IngressClass.
#[derive(Clone, Debug, Default)]
pub struct IngressClass {
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec.controller`.
    pub controller: Option<Spanned<String>>,
    /// `spec.parameters`.
    pub parameters: Option<ClassParameters>,
    /// The whole object.
    pub span: Span,
}

impl IngressClass {
    /// True when annotated `ingressclass.kubernetes.io/is-default-class: "true"` (exactly).
    pub fn is_default(&self) -> bool {
        self.meta.annotation(crate::class::IS_DEFAULT_CLASS).is_some_and(|v| v.value == "true")
    }
}

/// `spec.parameters` of an IngressClass.
#[derive(Clone, Debug, Default)]
pub struct ClassParameters {
    /// `apiGroup`.
    pub api_group: Option<Spanned<String>>,
    /// `kind`.
    pub kind: Option<Spanned<String>>,
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `scope` (defaulted to `Cluster` by the API server when absent).
    pub scope: Option<Spanned<String>>,
    /// `namespace` (present-but-empty is kept: it matters to validation).
    pub namespace: Option<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

/// A Service, reduced to what routing needs: its ports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec.ports`.
    pub ports: Vec<ServicePortSpec>,
    /// `spec.type` is `ExternalName` (a DNS name, no endpoints).
    pub external_name: bool,
    /// The whole object.
    pub span: Span,
}

/// `spec.ports[i]` of a Service.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServicePortSpec {
    /// `name`.
    pub name: Option<String>,
    /// `port`.
    pub port: Option<i64>,
}

#[cfg(not(feature = "gateway"))]
move_lines_of! {
    Manifest { ingresses, classes, services, diagnostics, documents, sources }
}

#[cfg(feature = "gateway")]
move_lines_of! {
    Manifest { ingresses, classes, services, gateway, diagnostics, documents, sources }
}

move_lines_of! {
    ObjectMeta { name, namespace, annotations, labels, creation_timestamp, span }
    Ingress { api_version, meta, spec, status, span }
    IngressSpec { default_backend, ingress_class_name, rules, tls, span }
    Rule { host, http, span }
    HttpRuleValue { paths, span }
    HttpPath { path, path_type, backend, span }
    Backend { service, resource, span }
    ServiceBackend { name, port, span }
    ServicePortRef { name, number, span }
    ResourceRef { api_group, kind, name, span }
    Tls { hosts, secret_name, span }
    LoadBalancerIngress { ip, hostname, span }
    IngressClass { meta, controller, parameters, span }
    ClassParameters { api_group, kind, name, scope, namespace, span }
    Service { meta, ports, external_name, span }
    ServicePortSpec { name, port }
}
