//! The Gateway API objects a conversion writes, as plain owned values: what the common converter
//! builds ([`super::aggregate`]), what the ingress-nginx provider's feature parsers change
//! (`convert/nginx*`), and what [`super::emit`] writes as YAML.
//!
//! The shapes follow `sigs.k8s.io/gateway-api/apis/v1` reduced to the fields ingress2gateway
//! v1.1.0 sets; each route rule keeps where its backends came from ([`BackendSource`], upstream's
//! `pkg/i2gw/provider_intermediate/intermediate_representation.go` `RuleBackendSources`), which
//! the feature parsers use to find the rules an annotated Ingress contributed. Sources are never
//! emitted.

use crate::source::Span;

/// Everything a conversion writes, before it is sorted and emitted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Gateways (one per namespace and IngressClass).
    pub gateways: Vec<Gateway>,
    /// HTTPRoutes.
    pub http_routes: Vec<HttpRoute>,
    /// GRPCRoutes (ingress-nginx `backend-protocol: GRPC`/`GRPCS`).
    pub grpc_routes: Vec<GrpcRoute>,
    /// TLSRoutes (ingress-nginx `ssl-passthrough`).
    pub tls_routes: Vec<TlsRoute>,
}

impl Output {
    /// The Gateway `namespace/name`, when written.
    pub fn gateway_mut(&mut self, namespace: &str, name: &str) -> Option<&mut Gateway> {
        self.gateways.iter_mut().find(|g| g.namespace == namespace && g.name == name)
    }

    /// The HTTPRoute `namespace/name`, when written.
    pub fn http_route_mut(&mut self, namespace: &str, name: &str) -> Option<&mut HttpRoute> {
        self.http_routes.iter_mut().find(|r| r.namespace == namespace && r.name == name)
    }
}

/// A Gateway: `gatewayClassName` is the IngressClass's name, as is the Gateway's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gateway {
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `spec.gatewayClassName`.
    pub class_name: String,
    /// `spec.listeners`, in the order written.
    pub listeners: Vec<Listener>,
}

impl Gateway {
    /// `namespace/name`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// `spec.listeners[i]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listener {
    /// `name` (`<host>-http`, `<host>-https`, `<host>-tls-passthrough`, or `http`/`https`).
    pub name: String,
    /// `hostname`; `None` accepts every host.
    pub hostname: Option<String>,
    /// `port`.
    pub port: u16,
    /// `protocol`.
    pub protocol: ListenerProtocol,
    /// `tls`.
    pub tls: Option<ListenerTls>,
}

/// A listener's `protocol`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListenerProtocol {
    /// `HTTP`.
    Http,
    /// `HTTPS`.
    Https,
    /// `TLS`.
    Tls,
}

impl ListenerProtocol {
    /// The protocol as Gateway API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ListenerProtocol::Http => "HTTP",
            ListenerProtocol::Https => "HTTPS",
            ListenerProtocol::Tls => "TLS",
        }
    }
}

/// `spec.listeners[i].tls`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListenerTls {
    /// `mode`; `None` is written as nothing (Terminate by default).
    pub mode: Option<TlsMode>,
    /// `certificateRefs`: Secret names in the Gateway's namespace (written with `group: ""`,
    /// `kind: Secret`, as upstream does).
    pub certificate_refs: Vec<String>,
}

/// `tls.mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TlsMode {
    /// `Terminate`.
    Terminate,
    /// `Passthrough`.
    Passthrough,
}

impl TlsMode {
    /// The mode as Gateway API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            TlsMode::Terminate => "Terminate",
            TlsMode::Passthrough => "Passthrough",
        }
    }
}

/// `spec.parentRefs[i]` of a route.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParentRef {
    /// `name`: the Gateway.
    pub name: String,
    /// `namespace`; `None`: the route's.
    pub namespace: Option<String>,
    /// `sectionName`: one listener.
    pub section_name: Option<String>,
    /// `port`: the listeners of one port.
    pub port: Option<u16>,
}

impl ParentRef {
    /// A reference to the Gateway `name` in the route's namespace.
    pub fn to_gateway(name: impl Into<String>) -> ParentRef {
        ParentRef { name: name.into(), ..ParentRef::default() }
    }
}

/// An HTTPRoute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpRoute {
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `spec.parentRefs`.
    pub parent_refs: Vec<ParentRef>,
    /// `spec.hostnames`.
    pub hostnames: Vec<String>,
    /// `spec.rules`.
    pub rules: Vec<HttpRouteRule>,
}

/// `spec.rules[i]` of an HTTPRoute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpRouteRule {
    /// `matches`.
    pub matches: Vec<HttpRouteMatch>,
    /// `filters`, in the order written.
    pub filters: Vec<HttpFilter>,
    /// `backendRefs`.
    pub backend_refs: Vec<BackendRef>,
    /// `timeouts.request`, as Go prints a Duration (`10m0s`).
    pub timeout_request: Option<String>,
    /// Where each of `backend_refs` came from (same length and order; not emitted).
    pub sources: Vec<BackendSource>,
}

/// `matches[i]` of an HTTPRoute rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpRouteMatch {
    /// `path`.
    pub path: Option<PathMatch>,
    /// `headers`.
    pub headers: Vec<HeaderMatch>,
}

/// `matches[i].path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathMatch {
    /// `type`.
    pub kind: PathMatchType,
    /// `value`.
    pub value: String,
}

/// A path match's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathMatchType {
    /// `Exact`.
    Exact,
    /// `PathPrefix`.
    PathPrefix,
    /// `RegularExpression`.
    RegularExpression,
}

impl PathMatchType {
    /// The type as Gateway API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PathMatchType::Exact => "Exact",
            PathMatchType::PathPrefix => "PathPrefix",
            PathMatchType::RegularExpression => "RegularExpression",
        }
    }
}

/// `matches[i].headers[j]` (HTTPRoute and GRPCRoute).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderMatch {
    /// `type`.
    pub kind: HeaderMatchType,
    /// `name`.
    pub name: String,
    /// `value`.
    pub value: String,
}

/// A header match's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderMatchType {
    /// `Exact`.
    Exact,
    /// `RegularExpression`.
    RegularExpression,
}

impl HeaderMatchType {
    /// The type as Gateway API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            HeaderMatchType::Exact => "Exact",
            HeaderMatchType::RegularExpression => "RegularExpression",
        }
    }
}

/// `filters[i]` of a route rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpFilter {
    /// `type: RequestRedirect`.
    RequestRedirect(RequestRedirect),
    /// `type: URLRewrite`.
    UrlRewrite(UrlRewrite),
    /// `type: RequestHeaderModifier`.
    RequestHeaderModifier(HeaderModifier),
    /// `type: ResponseHeaderModifier`.
    ResponseHeaderModifier(HeaderModifier),
    /// `type: CORS`.
    Cors(Cors),
}

/// `cors` (ingress2gateway's common emitter `applyCorsPolicies`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cors {
    /// `allowOrigins`.
    pub allow_origins: Vec<String>,
    /// `allowMethods`.
    pub allow_methods: Vec<String>,
    /// `allowHeaders`.
    pub allow_headers: Vec<String>,
    /// `exposeHeaders`.
    pub expose_headers: Vec<String>,
    /// `allowCredentials`.
    pub allow_credentials: Option<bool>,
    /// `maxAge` (seconds).
    pub max_age: Option<i64>,
}

/// `requestRedirect`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestRedirect {
    /// `scheme`.
    pub scheme: Option<String>,
    /// `hostname`.
    pub hostname: Option<String>,
    /// `path`.
    pub path: Option<PathModifier>,
    /// `port`.
    pub port: Option<u16>,
    /// `statusCode`.
    pub status_code: Option<u16>,
}

/// `urlRewrite`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlRewrite {
    /// `hostname`.
    pub hostname: Option<String>,
    /// `path`.
    pub path: Option<PathModifier>,
}

/// `path` of a redirect or rewrite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathModifier {
    /// `type: ReplaceFullPath`.
    ReplaceFullPath(String),
    /// `type: ReplacePrefixMatch`.
    ReplacePrefixMatch(String),
}

/// `requestHeaderModifier` / `responseHeaderModifier`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderModifier {
    /// `set`: name, value.
    pub set: Vec<(String, String)>,
    /// `add`: name, value.
    pub add: Vec<(String, String)>,
    /// `remove`.
    pub remove: Vec<String>,
}

/// `backendRefs[i]` (every route kind).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackendRef {
    /// `group`, for a `resource` backend.
    pub group: Option<String>,
    /// `kind`, for a `resource` backend.
    pub kind: Option<String>,
    /// `name`.
    pub name: String,
    /// `port`.
    pub port: Option<i64>,
    /// `weight`.
    pub weight: Option<i64>,
}

/// Where a backend of a route rule came from (upstream `providerir.BackendSource`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackendSource {
    /// The Ingress, an index into [`super::input::Input::ingresses`].
    pub ingress: usize,
    /// The path or the default backend.
    pub part: SourcePart,
    /// The path entry or the `defaultBackend` mapping in the input.
    pub span: Span,
}

/// Which part of the Ingress a backend came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourcePart {
    /// `spec.rules[rule].http.paths[path]`.
    Path {
        /// The rule's index in `spec.rules`.
        rule: usize,
        /// The path's index in the rule's `http.paths`.
        path: usize,
    },
    /// `spec.defaultBackend`.
    DefaultBackend,
}

/// A GRPCRoute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrpcRoute {
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `spec.parentRefs`.
    pub parent_refs: Vec<ParentRef>,
    /// `spec.hostnames`.
    pub hostnames: Vec<String>,
    /// `spec.rules`.
    pub rules: Vec<GrpcRouteRule>,
}

/// `spec.rules[i]` of a GRPCRoute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrpcRouteRule {
    /// `matches`.
    pub matches: Vec<GrpcRouteMatch>,
    /// `filters` (header modifiers only: the rest do not apply to gRPC).
    pub filters: Vec<HttpFilter>,
    /// `backendRefs`.
    pub backend_refs: Vec<BackendRef>,
    /// Where each of `backend_refs` came from (not emitted).
    pub sources: Vec<BackendSource>,
}

/// `matches[i]` of a GRPCRoute rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrpcRouteMatch {
    /// `method.service`.
    pub service: Option<String>,
    /// `method.method`.
    pub method: Option<String>,
    /// `headers`.
    pub headers: Vec<HeaderMatch>,
}

/// A TLSRoute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsRoute {
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `spec.parentRefs`.
    pub parent_refs: Vec<ParentRef>,
    /// `spec.hostnames`.
    pub hostnames: Vec<String>,
    /// `spec.rules[i].backendRefs`, one list per rule.
    pub rules: Vec<Vec<BackendRef>>,
}
