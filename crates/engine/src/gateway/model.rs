//! The Gateway API objects as written (`gateway.networking.k8s.io` v1, and the v1beta1 /
//! v1alpha2 / v1alpha3 versions people still paste, read as v1): every field optional, every
//! element spanned, like [`crate::model`] for Ingress, so that invalid input can still be
//! represented, validated and explained.
//!
//! Field names follow kubernetes-sigs/gateway-api v1.6.1 `apis/v1/*_types.go`
//! (`gateway_types.go`, `gatewayclass_types.go`, `httproute_types.go`, `grpcroute_types.go`,
//! `tlsroute_types.go`, `referencegrant_types.go`, `shared_types.go`,
//! `object_reference_types.go`). Enumerations (`protocol`, `type`, `mode`…) stay strings as
//! written: validation reports a wrong value, routing reads the known ones.
//!
//! Input order: every object keeps its `span`; `crate::source::input_order(&manifest.sources,
//! object.span)` sorts objects of any kind into the order they were written (an `index` field
//! would have to be renumbered each time [`crate::DocumentCache`] reuses a document).

use std::sync::Arc;

use crate::model::{ObjectMeta, Spanned};
use crate::source::{move_lines_of, Span};

/// The group every object of this module belongs to.
pub const GROUP: &str = "gateway.networking.k8s.io";

/// Every Gateway API object of an input (and the core Namespaces that label selectors read),
/// each kind in input order.
#[derive(Clone, Debug, Default)]
pub struct GatewayObjects {
    /// GatewayClasses.
    pub classes: Vec<GatewayClass>,
    /// Gateways.
    pub gateways: Vec<Gateway>,
    /// HTTPRoutes (shared, so re-reading an input reuses unchanged ones for free).
    pub http_routes: Vec<Arc<HttpRoute>>,
    /// GRPCRoutes.
    pub grpc_routes: Vec<Arc<GrpcRoute>>,
    /// TLSRoutes.
    pub tls_routes: Vec<Arc<TlsRoute>>,
    /// ReferenceGrants.
    pub reference_grants: Vec<ReferenceGrant>,
    /// Core `v1` Namespaces (their labels feed `allowedRoutes.namespaces.selector`).
    pub namespaces: Vec<Namespace>,
}

impl GatewayObjects {
    /// True when the input held no Gateway API object and no Namespace.
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
            && self.gateways.is_empty()
            && self.http_routes.is_empty()
            && self.grpc_routes.is_empty()
            && self.tls_routes.is_empty()
            && self.reference_grants.is_empty()
            && self.namespaces.is_empty()
    }

    /// True when the input held a Gateway API object (Namespaces alone do not count).
    pub fn has_gateway_api(&self) -> bool {
        !(self.classes.is_empty()
            && self.gateways.is_empty()
            && self.http_routes.is_empty()
            && self.grpc_routes.is_empty()
            && self.tls_routes.is_empty()
            && self.reference_grants.is_empty())
    }

    /// Appends another input part's objects (the per-document reads of [`crate::DocumentCache`]).
    pub fn extend_from(&mut self, other: &GatewayObjects) {
        self.classes.extend(other.classes.iter().cloned());
        self.gateways.extend(other.gateways.iter().cloned());
        self.http_routes.extend(other.http_routes.iter().cloned());
        self.grpc_routes.extend(other.grpc_routes.iter().cloned());
        self.tls_routes.extend(other.tls_routes.iter().cloned());
        self.reference_grants.extend(other.reference_grants.iter().cloned());
        self.namespaces.extend(other.namespaces.iter().cloned());
    }

    /// The Namespace object `name`, when the input lists it.
    pub fn namespace(&self, name: &str) -> Option<&Namespace> {
        self.namespaces.iter().find(|n| n.meta.name() == name)
    }
}

/// `namespace/name` of a namespaced object.
fn id(meta: &ObjectMeta) -> String {
    format!("{}/{}", meta.namespace(), meta.name())
}

/// The value of an optional spanned string, `""` when absent.
pub fn text(value: &Option<Spanned<String>>) -> &str {
    value.as_ref().map_or("", |v| v.value.as_str())
}

// ---------------------------------------------------------------------------------------------
// GatewayClass (apis/v1/gatewayclass_types.go)

/// A GatewayClass (cluster-scoped).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GatewayClass {
    /// `apiVersion` as written.
    pub api_version: String,
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec.controllerName` (`GatewayController`: `domain/path`).
    pub controller_name: Option<Spanned<String>>,
    /// `spec.parametersRef` (group, kind, name, namespace).
    pub parameters_ref: Option<ObjectRef>,
    /// `spec.description`.
    pub description: Option<Spanned<String>>,
    /// The `spec` mapping (the object when `spec` is missing).
    pub spec_span: Span,
    /// The whole object.
    pub span: Span,
}

// ---------------------------------------------------------------------------------------------
// Gateway (apis/v1/gateway_types.go)

/// A Gateway.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gateway {
    /// `apiVersion` as written.
    pub api_version: String,
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec.gatewayClassName`.
    pub class_name: Option<Spanned<String>>,
    /// `spec.listeners`.
    pub listeners: Vec<Listener>,
    /// `spec.addresses`.
    pub addresses: Vec<GatewayAddress>,
    /// `spec.allowedListeners.namespaces` (ListenerSets; read, not routed).
    pub allowed_listeners: Option<RouteNamespaces>,
    /// `spec.infrastructure` (labels, annotations and parameters for what the implementation
    /// creates; read, not routed).
    pub infrastructure: Option<Infrastructure>,
    /// `spec.tls` (client certificate to backends, client-certificate validation; read, not routed).
    pub tls: Option<GatewayTls>,
    /// The `spec` lists written empty (`rules: []`, by field name and place): the schema's
    /// `minItems` applies to them, where an absent list is defaulted or `Required`.
    pub empty_lists: Vec<Spanned<String>>,
    /// The `spec` mapping (the object when `spec` is missing).
    pub spec_span: Span,
    /// The whole object.
    pub span: Span,
}

impl Gateway {
    /// `namespace/name`.
    pub fn id(&self) -> String {
        id(&self.meta)
    }
}

/// `spec.infrastructure` (GatewayInfrastructure).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Infrastructure {
    /// `labels`, in source order.
    pub labels: Vec<(Spanned<String>, Spanned<String>)>,
    /// `annotations`, in source order.
    pub annotations: Vec<(Spanned<String>, Spanned<String>)>,
    /// `parametersRef` (group, kind, name).
    pub parameters_ref: Option<ObjectRef>,
    /// The `labels` mapping, when written.
    pub labels_span: Option<Span>,
    /// The `annotations` mapping, when written.
    pub annotations_span: Option<Span>,
    /// The mapping.
    pub span: Span,
}

/// `spec.tls` (GatewayTLSConfig).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GatewayTls {
    /// `backend.clientCertificateRef`.
    pub client_certificate_ref: Option<SecretObjectRef>,
    /// `frontend`.
    pub frontend: Option<FrontendTls>,
    /// The mapping.
    pub span: Span,
}

/// `spec.tls.frontend` (FrontendTLSConfig): a default and per-port client-certificate validation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontendTls {
    /// `default.validation` (`default` is required; its `validation` is not).
    pub default: Option<FrontendValidation>,
    /// `default` was written.
    pub has_default: bool,
    /// `perPort`.
    pub per_port: Vec<PerPortTls>,
    /// The mapping.
    pub span: Span,
}

/// `perPort[i]` (TLSPortConfig).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PerPortTls {
    /// `port`.
    pub port: Option<Spanned<i64>>,
    /// `tls.validation`.
    pub validation: Option<FrontendValidation>,
    /// `tls` was written.
    pub has_tls: bool,
    /// The entry.
    pub span: Span,
}

/// `validation` (FrontendTLSValidation).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontendValidation {
    /// `caCertificateRefs`.
    pub ca_certificate_refs: Vec<ObjectRef>,
    /// `mode` (`AllowValidOnly` default, `AllowInsecureFallback`).
    pub mode: Option<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

/// `spec.listeners[i]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listener {
    /// `name` (a SectionName, unique in the Gateway).
    pub name: Option<Spanned<String>>,
    /// `hostname`; absent means every hostname.
    pub hostname: Option<Spanned<String>>,
    /// `port`.
    pub port: Option<Spanned<i64>>,
    /// `protocol` as written (`HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP` or a domain-prefixed name).
    pub protocol: Option<Spanned<String>>,
    /// `tls`.
    pub tls: Option<ListenerTls>,
    /// `allowedRoutes`.
    pub allowed_routes: Option<AllowedRoutes>,
    /// The listener.
    pub span: Span,
}

impl Listener {
    /// The name, `""` when absent.
    pub fn name(&self) -> &str {
        text(&self.name)
    }

    /// The protocol as written, `""` when absent.
    pub fn protocol(&self) -> &str {
        text(&self.protocol)
    }
}

/// `spec.listeners[i].tls` (ListenerTLSConfig).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListenerTls {
    /// `mode` (`Terminate` by default, or `Passthrough`).
    pub mode: Option<Spanned<String>>,
    /// `certificateRefs`.
    pub certificate_refs: Vec<SecretObjectRef>,
    /// `options`, in source order.
    pub options: Vec<(Spanned<String>, Spanned<String>)>,
    /// The mapping.
    pub span: Span,
}

impl ListenerTls {
    /// The mode, `Terminate` when unset (the CRD's default).
    pub fn mode_or_default(&self) -> &str {
        self.mode.as_ref().map_or("Terminate", |m| m.value.as_str())
    }
}

/// `allowedRoutes`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AllowedRoutes {
    /// `namespaces.from` (`Same` by default, `All`, `Selector`, `None`).
    pub namespaces_from: Option<Spanned<String>>,
    /// `namespaces.selector`.
    pub selector: Option<LabelSelector>,
    /// `kinds`; empty means the kinds the protocol supports.
    pub kinds: Vec<RouteGroupKind>,
    /// The `namespaces` mapping, when written.
    pub namespaces_span: Option<Span>,
    /// The mapping.
    pub span: Span,
}

impl AllowedRoutes {
    /// `namespaces.from`, `Same` when unset (the CRD's default).
    pub fn from_or_default(&self) -> &str {
        self.namespaces_from.as_ref().map_or("Same", |f| f.value.as_str())
    }
}

/// `spec.allowedListeners.namespaces` (the same shape as `allowedRoutes.namespaces`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RouteNamespaces {
    /// `from`.
    pub from: Option<Spanned<String>>,
    /// `selector`.
    pub selector: Option<LabelSelector>,
    /// The mapping.
    pub span: Span,
}

/// A `RouteGroupKind`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RouteGroupKind {
    /// `group` (default `gateway.networking.k8s.io`).
    pub group: Option<Spanned<String>>,
    /// `kind`.
    pub kind: Option<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

/// A `metav1.LabelSelector`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelSelector {
    /// `matchLabels`, in source order.
    pub match_labels: Vec<(Spanned<String>, Spanned<String>)>,
    /// `matchExpressions`.
    pub match_expressions: Vec<LabelSelectorRequirement>,
    /// The mapping.
    pub span: Span,
}

/// `matchExpressions[i]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelSelectorRequirement {
    /// `key`.
    pub key: Option<Spanned<String>>,
    /// `operator` (`In`, `NotIn`, `Exists`, `DoesNotExist`).
    pub operator: Option<Spanned<String>>,
    /// `values`.
    pub values: Vec<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

/// `spec.addresses[i]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GatewayAddress {
    /// `type` (`IPAddress` by default, `Hostname`, `NamedAddress`, or domain-prefixed).
    pub kind: Option<Spanned<String>>,
    /// `value`.
    pub value: Option<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

// ---------------------------------------------------------------------------------------------
// References (apis/v1/object_reference_types.go, shared_types.go)

/// A reference to an object by group, kind, namespace and name (and a port for backends):
/// `SecretObjectReference`, `LocalObjectReference`, `BackendObjectReference`,
/// `ParametersReference`. Which fields a place allows is checked by decoding and validation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectRef {
    /// `group` (`""` is the core group).
    pub group: Option<Spanned<String>>,
    /// `kind`.
    pub kind: Option<Spanned<String>>,
    /// `namespace` (absent: the referring object's).
    pub namespace: Option<Spanned<String>>,
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `port` (BackendObjectReference only).
    pub port: Option<Spanned<i64>>,
    /// The mapping.
    pub span: Span,
}

/// `tls.certificateRefs[i]` (group default `""`, kind default `Secret`).
pub type SecretObjectRef = ObjectRef;
/// `extensionRef` (group, kind and name, all required).
pub type LocalObjectRef = ObjectRef;
/// `requestMirror.backendRef` (group default `""`, kind default `Service`).
pub type BackendObjectRef = ObjectRef;

impl ObjectRef {
    /// The group, `""` (core) when unset.
    pub fn group(&self) -> &str {
        text(&self.group)
    }

    /// The kind, `default` when unset.
    pub fn kind_or<'a>(&'a self, default: &'a str) -> &'a str {
        self.kind.as_ref().map_or(default, |k| k.value.as_str())
    }

    /// The name, `""` when absent.
    pub fn name(&self) -> &str {
        text(&self.name)
    }
}

/// `spec.parentRefs[i]` (ParentReference).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParentRef {
    /// `group` (default `gateway.networking.k8s.io`).
    pub group: Option<Spanned<String>>,
    /// `kind` (default `Gateway`).
    pub kind: Option<Spanned<String>>,
    /// `namespace` (default: the route's).
    pub namespace: Option<Spanned<String>>,
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `sectionName`: a listener name.
    pub section_name: Option<Spanned<String>>,
    /// `port`: a listener port.
    pub port: Option<Spanned<i64>>,
    /// The entry.
    pub span: Span,
}

impl ParentRef {
    /// The group, `gateway.networking.k8s.io` when unset.
    pub fn group_or_default(&self) -> &str {
        self.group.as_ref().map_or(GROUP, |g| g.value.as_str())
    }

    /// The kind, `Gateway` when unset.
    pub fn kind_or_default(&self) -> &str {
        self.kind.as_ref().map_or("Gateway", |k| k.value.as_str())
    }

    /// The namespace, `route_namespace` when unset.
    pub fn namespace_or<'a>(&'a self, route_namespace: &'a str) -> &'a str {
        self.namespace.as_ref().map_or(route_namespace, |n| n.value.as_str())
    }

    /// The name, `""` when absent.
    pub fn name(&self) -> &str {
        text(&self.name)
    }
}

/// A `backendRefs[i]` of any route: HTTPBackendRef and GRPCBackendRef (with `filters`),
/// BackendRef of TLSRoute (without).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BackendRef {
    /// `group` (default `""`).
    pub group: Option<Spanned<String>>,
    /// `kind` (default `Service`).
    pub kind: Option<Spanned<String>>,
    /// `namespace` (default: the route's).
    pub namespace: Option<Spanned<String>>,
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `port` (required for a Service, CEL).
    pub port: Option<Spanned<i64>>,
    /// `weight` (default 1; 0 sends nothing).
    pub weight: Option<Spanned<i64>>,
    /// `filters` (HTTPRoute, GRPCRoute).
    pub filters: Vec<HttpRouteFilter>,
    /// The entry.
    pub span: Span,
}

/// `HTTPBackendRef`.
pub type HttpBackendRef = BackendRef;
/// `GRPCBackendRef`.
pub type GrpcBackendRef = BackendRef;

impl BackendRef {
    /// The group, `""` (core) when unset.
    pub fn group(&self) -> &str {
        text(&self.group)
    }

    /// The kind, `Service` when unset.
    pub fn kind_or_default(&self) -> &str {
        self.kind.as_ref().map_or("Service", |k| k.value.as_str())
    }

    /// The namespace, `route_namespace` when unset.
    pub fn namespace_or<'a>(&'a self, route_namespace: &'a str) -> &'a str {
        self.namespace.as_ref().map_or(route_namespace, |n| n.value.as_str())
    }

    /// The name, `""` when absent.
    pub fn name(&self) -> &str {
        text(&self.name)
    }

    /// The weight, 1 when unset.
    pub fn weight_or_default(&self) -> i64 {
        self.weight.as_ref().map_or(1, |w| w.value)
    }
}

// ---------------------------------------------------------------------------------------------
// HTTPRoute (apis/v1/httproute_types.go)

/// An HTTPRoute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpRoute {
    /// `apiVersion` as written.
    pub api_version: String,
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec.parentRefs`.
    pub parent_refs: Vec<ParentRef>,
    /// `spec.hostnames`.
    pub hostnames: Vec<Spanned<String>>,
    /// `spec.rules`; none means one rule with a PathPrefix `/` match and no backend.
    pub rules: Vec<HttpRouteRule>,
    /// The `spec` lists written empty (`rules: []`, by field name and place): the schema's
    /// `minItems` applies to them, where an absent list is defaulted or `Required`.
    pub empty_lists: Vec<Spanned<String>>,
    /// The `spec` mapping (the object when `spec` is missing).
    pub spec_span: Span,
    /// The whole object.
    pub span: Span,
}

impl HttpRoute {
    /// `namespace/name`.
    pub fn id(&self) -> String {
        id(&self.meta)
    }
}

/// `spec.rules[i]` of an HTTPRoute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpRouteRule {
    /// `name` (a SectionName).
    pub name: Option<Spanned<String>>,
    /// `matches`; none means one PathPrefix `/` match.
    pub matches: Vec<HttpRouteMatch>,
    /// `filters`, in order.
    pub filters: Vec<HttpRouteFilter>,
    /// `backendRefs`.
    pub backend_refs: Vec<HttpBackendRef>,
    /// `timeouts`.
    pub timeouts: Option<Timeouts>,
    /// `retry`.
    pub retry: Option<Retry>,
    /// `sessionPersistence`.
    pub session_persistence: Option<SessionPersistence>,
    /// The rule.
    pub span: Span,
}

/// `matches[j]` of an HTTPRoute rule: path AND headers AND queryParams AND method.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpRouteMatch {
    /// `path` (the API server defaults an absent one to PathPrefix `/`).
    pub path: Option<PathMatch>,
    /// `headers`.
    pub headers: Vec<HeaderMatch>,
    /// `queryParams`.
    pub query_params: Vec<QueryParamMatch>,
    /// `method`.
    pub method: Option<Spanned<String>>,
    /// The match.
    pub span: Span,
}

/// `matches[j].path` (HTTPPathMatch).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PathMatch {
    /// `type`: `Exact`, `PathPrefix` (default) or `RegularExpression`.
    pub kind: Option<Spanned<String>>,
    /// `value` (default `/`).
    pub value: Option<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

impl PathMatch {
    /// The type, `PathPrefix` when unset (the CRD's default).
    pub fn kind_or_default(&self) -> &str {
        self.kind.as_ref().map_or("PathPrefix", |k| k.value.as_str())
    }

    /// The value, `/` when unset (the CRD's default).
    pub fn value_or_default(&self) -> &str {
        self.value.as_ref().map_or("/", |v| v.value.as_str())
    }
}

/// A header match (`HTTPHeaderMatch`, `GRPCHeaderMatch`) or query parameter match
/// (`HTTPQueryParamMatch`): the same shape.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeaderMatch {
    /// `type`: `Exact` (default) or `RegularExpression`.
    pub kind: Option<Spanned<String>>,
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `value`.
    pub value: Option<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

/// `HTTPQueryParamMatch` (the shape of [`HeaderMatch`]; names are case-sensitive here).
pub type QueryParamMatch = HeaderMatch;

impl HeaderMatch {
    /// The type, `Exact` when unset (the CRD's default).
    pub fn kind_or_default(&self) -> &str {
        self.kind.as_ref().map_or("Exact", |k| k.value.as_str())
    }
}

/// A filter of an HTTPRoute or GRPCRoute rule or backendRef (`HTTPRouteFilter`,
/// `GRPCRouteFilter`): its `type` and the one field that type names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpRouteFilter {
    /// `type` as written.
    pub kind: Option<Spanned<String>>,
    /// `requestHeaderModifier`.
    pub request_header_modifier: Option<HeaderModifier>,
    /// `responseHeaderModifier`.
    pub response_header_modifier: Option<HeaderModifier>,
    /// `requestRedirect`.
    pub request_redirect: Option<RequestRedirect>,
    /// `urlRewrite`.
    pub url_rewrite: Option<UrlRewrite>,
    /// `requestMirror`.
    pub request_mirror: Option<RequestMirror>,
    /// `cors`.
    pub cors: Option<Cors>,
    /// `externalAuth` (experimental channel; read, not routed): its mapping.
    pub external_auth: Option<Span>,
    /// `extensionRef`.
    pub extension_ref: Option<LocalObjectRef>,
    /// The filter.
    pub span: Span,
}

impl HttpRouteFilter {
    /// The type as written, `""` when absent.
    pub fn kind(&self) -> &str {
        text(&self.kind)
    }
}

/// `requestHeaderModifier` / `responseHeaderModifier` (HTTPHeaderFilter).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeaderModifier {
    /// `set`.
    pub set: Vec<HttpHeader>,
    /// `add`.
    pub add: Vec<HttpHeader>,
    /// `remove`.
    pub remove: Vec<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

/// `set[i]` / `add[i]` (HTTPHeader).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpHeader {
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `value`.
    pub value: Option<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

/// `requestRedirect` (HTTPRequestRedirectFilter).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestRedirect {
    /// `scheme` (`http`, `https`).
    pub scheme: Option<Spanned<String>>,
    /// `hostname` (a PreciseHostname).
    pub hostname: Option<Spanned<String>>,
    /// `path`.
    pub path: Option<PathModifier>,
    /// `port`.
    pub port: Option<Spanned<i64>>,
    /// `statusCode` (301, 302 default, 303, 307, 308).
    pub status_code: Option<Spanned<i64>>,
    /// The mapping.
    pub span: Span,
}

/// `urlRewrite` (HTTPURLRewriteFilter).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlRewrite {
    /// `hostname`.
    pub hostname: Option<Spanned<String>>,
    /// `path`.
    pub path: Option<PathModifier>,
    /// The mapping.
    pub span: Span,
}

/// `path` of a redirect or rewrite (HTTPPathModifier).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PathModifier {
    /// `type`: `ReplaceFullPath` or `ReplacePrefixMatch`.
    pub kind: Option<Spanned<String>>,
    /// `replaceFullPath`.
    pub replace_full_path: Option<Spanned<String>>,
    /// `replacePrefixMatch`.
    pub replace_prefix_match: Option<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

/// `requestMirror` (HTTPRequestMirrorFilter).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestMirror {
    /// `backendRef`.
    pub backend_ref: Option<BackendObjectRef>,
    /// `percent` (0–100).
    pub percent: Option<Spanned<i64>>,
    /// `fraction`.
    pub fraction: Option<Fraction>,
    /// The mapping.
    pub span: Span,
}

/// `fraction` (numerator / denominator, denominator default 100).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fraction {
    /// `numerator`.
    pub numerator: Option<Spanned<i64>>,
    /// `denominator`.
    pub denominator: Option<Spanned<i64>>,
    /// The mapping.
    pub span: Span,
}

/// `cors` (HTTPCORSFilter).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cors {
    /// `allowOrigins`.
    pub allow_origins: Vec<Spanned<String>>,
    /// `allowCredentials`.
    pub allow_credentials: Option<Spanned<bool>>,
    /// `allowMethods`.
    pub allow_methods: Vec<Spanned<String>>,
    /// `allowHeaders`.
    pub allow_headers: Vec<Spanned<String>>,
    /// `exposeHeaders`.
    pub expose_headers: Vec<Spanned<String>>,
    /// `maxAge` (seconds, default 5).
    pub max_age: Option<Spanned<i64>>,
    /// The mapping.
    pub span: Span,
}

/// `timeouts` (HTTPRouteTimeouts; Gateway API durations such as `10s`, `1h30m`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeouts {
    /// `request`.
    pub request: Option<Spanned<String>>,
    /// `backendRequest`.
    pub backend_request: Option<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

/// `retry` (HTTPRouteRetry).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Retry {
    /// `codes`.
    pub codes: Vec<Spanned<i64>>,
    /// `attempts`.
    pub attempts: Option<Spanned<i64>>,
    /// `backoff`.
    pub backoff: Option<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

/// `sessionPersistence` (SessionPersistence).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionPersistence {
    /// `sessionName`.
    pub session_name: Option<Spanned<String>>,
    /// `absoluteTimeout`.
    pub absolute_timeout: Option<Spanned<String>>,
    /// `type` (`Cookie` default, `Header`).
    pub kind: Option<Spanned<String>>,
    /// `cookieConfig.lifetimeType` (`Session`, `Permanent`).
    pub cookie_lifetime_type: Option<Spanned<String>>,
    /// `cookieConfig`, when written.
    pub cookie_config_span: Option<Span>,
    /// The mapping.
    pub span: Span,
}

// ---------------------------------------------------------------------------------------------
// GRPCRoute (apis/v1/grpcroute_types.go)

/// A GRPCRoute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GrpcRoute {
    /// `apiVersion` as written.
    pub api_version: String,
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec.parentRefs`.
    pub parent_refs: Vec<ParentRef>,
    /// `spec.hostnames`.
    pub hostnames: Vec<Spanned<String>>,
    /// `spec.rules`.
    pub rules: Vec<GrpcRouteRule>,
    /// The `spec` mapping (the object when `spec` is missing).
    pub spec_span: Span,
    /// The whole object.
    pub span: Span,
}

impl GrpcRoute {
    /// `namespace/name`.
    pub fn id(&self) -> String {
        id(&self.meta)
    }
}

/// `spec.rules[i]` of a GRPCRoute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GrpcRouteRule {
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `matches`; none matches every request.
    pub matches: Vec<GrpcRouteMatch>,
    /// `filters` (RequestHeaderModifier, ResponseHeaderModifier, RequestMirror, ExtensionRef).
    pub filters: Vec<HttpRouteFilter>,
    /// `backendRefs`.
    pub backend_refs: Vec<GrpcBackendRef>,
    /// `sessionPersistence`.
    pub session_persistence: Option<SessionPersistence>,
    /// The rule.
    pub span: Span,
}

/// `matches[j]` of a GRPCRoute rule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GrpcRouteMatch {
    /// `method`.
    pub method: Option<GrpcMethodMatch>,
    /// `headers`.
    pub headers: Vec<HeaderMatch>,
    /// The match.
    pub span: Span,
}

/// `matches[j].method` (GRPCMethodMatch).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GrpcMethodMatch {
    /// `type`: `Exact` (default) or `RegularExpression`.
    pub kind: Option<Spanned<String>>,
    /// `service`.
    pub service: Option<Spanned<String>>,
    /// `method`.
    pub method: Option<Spanned<String>>,
    /// The mapping.
    pub span: Span,
}

// ---------------------------------------------------------------------------------------------
// TLSRoute (apis/v1/tlsroute_types.go)

/// A TLSRoute: SNI → backend, behind a TLS Passthrough (or Terminate) listener.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TlsRoute {
    /// `apiVersion` as written.
    pub api_version: String,
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec.parentRefs`.
    pub parent_refs: Vec<ParentRef>,
    /// `spec.hostnames` (SNI names).
    pub hostnames: Vec<Spanned<String>>,
    /// `spec.rules`.
    pub rules: Vec<TlsRouteRule>,
    /// The `spec` lists written empty (`rules: []`, by field name and place): the schema's
    /// `minItems` applies to them, where an absent list is defaulted or `Required`.
    pub empty_lists: Vec<Spanned<String>>,
    /// The `spec` mapping (the object when `spec` is missing).
    pub spec_span: Span,
    /// The whole object.
    pub span: Span,
}

impl TlsRoute {
    /// `namespace/name`.
    pub fn id(&self) -> String {
        id(&self.meta)
    }
}

/// `spec.rules[i]` of a TLSRoute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TlsRouteRule {
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `backendRefs`.
    pub backend_refs: Vec<BackendRef>,
    /// The rule.
    pub span: Span,
}

// ---------------------------------------------------------------------------------------------
// ReferenceGrant (apis/v1/referencegrant_types.go) and Namespace

/// A ReferenceGrant: lets objects of `from` refer to objects of `to` in its own namespace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReferenceGrant {
    /// `apiVersion` as written.
    pub api_version: String,
    /// `metadata`.
    pub meta: ObjectMeta,
    /// `spec.from`.
    pub from: Vec<ReferenceGrantFrom>,
    /// `spec.to`.
    pub to: Vec<ReferenceGrantTo>,
    /// The `spec` lists written empty (`rules: []`, by field name and place): the schema's
    /// `minItems` applies to them, where an absent list is defaulted or `Required`.
    pub empty_lists: Vec<Spanned<String>>,
    /// The `spec` mapping (the object when `spec` is missing).
    pub spec_span: Span,
    /// The whole object.
    pub span: Span,
}

/// `spec.from[i]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReferenceGrantFrom {
    /// `group`.
    pub group: Option<Spanned<String>>,
    /// `kind`.
    pub kind: Option<Spanned<String>>,
    /// `namespace`.
    pub namespace: Option<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

/// `spec.to[i]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReferenceGrantTo {
    /// `group`.
    pub group: Option<Spanned<String>>,
    /// `kind`.
    pub kind: Option<Spanned<String>>,
    /// `name` (absent: every object of the kind).
    pub name: Option<Spanned<String>>,
    /// The entry.
    pub span: Span,
}

/// A core `v1` Namespace: its labels select routes' namespaces.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Namespace {
    /// `metadata` (the labels are what matters).
    pub meta: ObjectMeta,
    /// The whole object.
    pub span: Span,
}

impl Namespace {
    /// A label's value; `kubernetes.io/metadata.name` is the name even when not written (the
    /// API server sets it on every Namespace).
    pub fn label(&self, key: &str) -> Option<&str> {
        self.meta.label(key).or_else(|| (key == "kubernetes.io/metadata.name").then(|| self.meta.name()))
    }
}

move_lines_of! {
    GatewayObjects { classes, gateways, http_routes, grpc_routes, tls_routes, reference_grants, namespaces }
    GatewayClass { api_version, meta, controller_name, parameters_ref, description, spec_span, span }
    Gateway { api_version, meta, class_name, listeners, addresses, allowed_listeners, infrastructure, tls, empty_lists, spec_span, span }
    Infrastructure { labels, annotations, parameters_ref, labels_span, annotations_span, span }
    GatewayTls { client_certificate_ref, frontend, span }
    FrontendTls { default, has_default, per_port, span }
    PerPortTls { port, validation, has_tls, span }
    FrontendValidation { ca_certificate_refs, mode, span }
    Listener { name, hostname, port, protocol, tls, allowed_routes, span }
    ListenerTls { mode, certificate_refs, options, span }
    AllowedRoutes { namespaces_from, selector, kinds, namespaces_span, span }
    RouteNamespaces { from, selector, span }
    RouteGroupKind { group, kind, span }
    LabelSelector { match_labels, match_expressions, span }
    LabelSelectorRequirement { key, operator, values, span }
    GatewayAddress { kind, value, span }
    ObjectRef { group, kind, namespace, name, port, span }
    ParentRef { group, kind, namespace, name, section_name, port, span }
    BackendRef { group, kind, namespace, name, port, weight, filters, span }
    HttpRoute { api_version, meta, parent_refs, hostnames, rules, empty_lists, spec_span, span }
    HttpRouteRule { name, matches, filters, backend_refs, timeouts, retry, session_persistence, span }
    HttpRouteMatch { path, headers, query_params, method, span }
    PathMatch { kind, value, span }
    HeaderMatch { kind, name, value, span }
    HttpRouteFilter { kind, request_header_modifier, response_header_modifier, request_redirect, url_rewrite, request_mirror, cors, external_auth, extension_ref, span }
    HeaderModifier { set, add, remove, span }
    HttpHeader { name, value, span }
    RequestRedirect { scheme, hostname, path, port, status_code, span }
    UrlRewrite { hostname, path, span }
    PathModifier { kind, replace_full_path, replace_prefix_match, span }
    RequestMirror { backend_ref, percent, fraction, span }
    Fraction { numerator, denominator, span }
    Cors { allow_origins, allow_credentials, allow_methods, allow_headers, expose_headers, max_age, span }
    Timeouts { request, backend_request, span }
    Retry { codes, attempts, backoff, span }
    SessionPersistence { session_name, absolute_timeout, kind, cookie_lifetime_type, cookie_config_span, span }
    GrpcRoute { api_version, meta, parent_refs, hostnames, rules, spec_span, span }
    GrpcRouteRule { name, matches, filters, backend_refs, session_persistence, span }
    GrpcRouteMatch { method, headers, span }
    GrpcMethodMatch { kind, service, method, span }
    TlsRoute { api_version, meta, parent_refs, hostnames, rules, empty_lists, spec_span, span }
    TlsRouteRule { name, backend_refs, span }
    ReferenceGrant { api_version, meta, from, to, empty_lists, spec_span, span }
    ReferenceGrantFrom { group, kind, namespace, span }
    ReferenceGrantTo { group, kind, name, span }
    Namespace { meta, span }
}
