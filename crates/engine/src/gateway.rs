//! Gateway API (`gateway.networking.k8s.io`): Gateways, their listeners, and the routes attached
//! to them, read, validated, routed and explained like Ingresses.
//!
//! The rules below (G1–G…) are the contract of Gateway API routing in this crate, each cited to
//! kubernetes-sigs/gateway-api at v1.6.1 (`apis/v1/httproute_types.go`, `gateway_types.go`,
//! `shared_types.go`, `referencegrant_types.go`); what the specification leaves to
//! implementations is an [`Implementation`] choice (the `spec` reading, Envoy Gateway, Contour),
//! each citing its own source.
//!
//! ## Example
//!
//! ```
//! use ingress_engine::gateway::{GatewayOutcome, Implementation};
//! use ingress_engine::{Explain, Options, Request, Simulator};
//!
//! let yaml = r#"
//! apiVersion: gateway.networking.k8s.io/v1
//! kind: Gateway
//! metadata: {name: gw, namespace: infra}
//! spec:
//!   gatewayClassName: any
//!   listeners: [{name: http, port: 80, protocol: HTTP}]
//! ---
//! apiVersion: gateway.networking.k8s.io/v1
//! kind: HTTPRoute
//! metadata: {name: api, namespace: infra}
//! spec:
//!   parentRefs: [{name: gw}]
//!   hostnames: ["*.example.com"]
//!   rules:
//!   - matches: [{path: {type: PathPrefix, value: /v1}}]
//!     filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
//!     backendRefs: [{name: api, port: 8080}]
//! "#;
//! let sim = Simulator::new(yaml, &Options::default());
//! let request = Request::from_url("http://a.b.example.com/v1/users?page=2").unwrap();
//! let decision = sim.route_gateway(&request, None, Implementation::Spec, Explain::Yes).unwrap();
//! assert_eq!(decision.outcome, GatewayOutcome::Rule);
//! assert_eq!(decision.backend_label(), "infra/api:8080");
//! assert_eq!(decision.upstream_path.as_deref(), Some("/users?page=2"));
//! ```
//!
//! ## Routing rules
//!
//! Each rule is tested by name in `tests/gateway_routing.rs` (and the corpus,
//! `tests/corpus/gateway-*.yaml`). "The spec" is kubernetes-sigs/gateway-api v1.6.1.
//!
//! **G1 — Gateways served.** Every Gateway of the input is routed. Under an implementation with a
//! controller name (Envoy Gateway `gateway.envoyproxy.io/gatewayclass-controller`, Contour
//! `projectcontour.io/gateway-controller`), a Gateway whose GatewayClass is in the input and
//! names another controller gets a notice that this implementation would not program it
//! (`gatewayclass_types.go` `GatewayClassSpec.ControllerName`); the decision shows what it would
//! do if it did. A request goes to the Gateway named, or to the input's only one.
//!
//! **G2 — Listener.** The request's port is the Host's (or URL's) port, else 80 for http and 443
//! for https. Listeners on that port whose protocol takes the request compete: HTTP takes http;
//! HTTPS (terminated) and TLS take https. Conflicted listeners (same port, protocol and hostname)
//! take nothing (`gateway_types.go` `GatewaySpec.Listeners`, "Handling indistinct Listeners").
//! Among them the most specific hostname that matches wins: exact, then wildcards by the length
//! after `*`, then none (`GatewaySpec.Listeners`, "Listeners that are distinct only by
//! Hostname"); HTTP matches the Host, HTTPS and TLS the SNI (`Listener.Hostname`). For HTTPS,
//! when the listener the SNI chose is not the one the Host chooses, the answer is 421 if another
//! listener serves the Host, else 404 (`Listener.Hostname`, "To detect misdirected requests"). No
//! listener: 404 when HTTP listeners exist on the port; no HTTP exchange (`status: null`) when
//! nothing listens on the port or no listener serves the SNI. A TLS listener routes TLSRoutes by
//! SNI; the bytes pass through, so no path, filter or header applies.
//!
//! **G3 — Attachment.** A parentRef names a Gateway (group `gateway.networking.k8s.io` and kind
//! `Gateway` by default, namespace the route's by default); `sectionName` and `port` narrow it to
//! listeners (none left: `NoMatchingParent`) (`shared_types.go` `ParentReference`). A listener
//! admits the route when `allowedRoutes.namespaces.from` allows its namespace (`Same`, the
//! default; `All`; `Selector` over the Namespace's labels — a Namespace not in the input has only
//! `kubernetes.io/metadata.name`) and its kinds include the route's (default: HTTPRoute and
//! GRPCRoute on HTTP/HTTPS, TLSRoute on TLS) (`gateway_types.go` `AllowedRoutes`); none:
//! `NotAllowedByListeners`. The route's effective hostnames on a listener are the intersections
//! of its hostnames with the listener's (the more specific of two that intersect; none written:
//! the listener's); route hostnames that do not intersect are ignored, and a route left with none
//! on every listener is not Accepted (`NoMatchingListenerHostname`) (`httproute_types.go`
//! `HTTPRouteSpec.Hostnames`). An HTTPRoute and a GRPCRoute with hostnames in common on one
//! listener: only the older (then `namespace/name` first) is accepted there (`grpcroute_types.go`
//! `GRPCRouteSpec.Hostnames`). Each not-Accepted parentRef is a [`crate::Code::RouteStatus`]
//! diagnostic.
//!
//! **G4 — Hostname match.** Host names compare in lower case without port or trailing dot. A
//! hostname matches when equal; `*.d` matches any host ending in `.d` with at least one label
//! before it — any number of labels, unlike Ingress (`HTTPRouteSpec.Hostnames`).
//!
//! **G5 — Match.** A rule matches when any of its matches does; a match is path AND method AND
//! every header AND every query parameter (`HTTPRouteMatch`). No matches: PathPrefix `/`. Exact
//! compares byte for byte; PathPrefix compares whole path elements, a trailing `/` of the value
//! ignored (`/abc` matches `/abc`, `/abc/`, `/abc/def`, not `/abcd`) (`PathMatchType`);
//! RegularExpression and regex header/query values are RE2 syntax matched against the whole
//! value (the dialect is implementation-specific; Envoy's `safe_regex` is a full RE2 match).
//! The path excludes the query; Envoy Gateway and Contour match it as Envoy normalises it (`.` and
//! `..` resolved, `//` merged: [`Implementation`]). Header names compare case-insensitively, the request's lines of
//! one name joined with `,`; query names exactly, the first value counting; of two conditions on
//! one name only the first counts (`HTTPHeaderMatch.Name`, `HTTPQueryParamMatch.Name`). A
//! GRPCRoute match needs a gRPC request (`content-type: application/grpc…`, path
//! `/service/method`) and compares service and method (`grpcroute_types.go` `GRPCMethodMatch`).
//!
//! **G6 — Precedence.** On the chosen listener, rules of the most specific matching effective
//! hostname take precedence: most characters of a matching non-wildcard hostname, then of a
//! matching hostname (`HTTPRouteSpec.Hostnames`). Whether a less specific hostname is consulted
//! when none of the most specific one's rules match is implementation-specific ([`Implementation`]:
//! the spec reading falls through; Envoy Gateway and Contour build one virtual host per hostname
//! and do not). Within a hostname, across every route: an Exact path; then the longest path value
//! (characters); then a method match; then most header matches; then most query matches; then
//! the oldest route (`creationTimestamp`; none counts as newest); then `namespace/name`; then
//! rule order, then match order (`HTTPRouteRule.Matches`). Where RegularExpression paths rank is
//! implementation-specific (the spec reading: after every Exact and PathPrefix; Envoy Gateway and
//! Contour: between them, the longer pattern first). GRPCRoute: longest service, then method,
//! then most header matches (`GRPCRouteRule.Matches`).
//!
//! **G7 — Filters and backends.** Filters apply in order (`HTTPRouteRule.Filters`).
//! RequestRedirect answers with its status (default 302) and a Location: the scheme given or the
//! request's; the hostname given or the request's without port; the port given, else 80/443 when
//! a scheme is given, else the listener's, left out when it is the scheme's well-known port; the
//! path replaced (ReplaceFullPath) or its matched prefix replaced element-wise
//! (ReplacePrefixMatch, the table in `HTTPPathModifier.ReplacePrefixMatch`); the query kept
//! (`HTTPRequestRedirectFilter`). URLRewrite sets the Host and path the backend gets the same way
//! (`HTTPURLRewriteFilter`). Request/ResponseHeaderModifier set (overwrite), add (append with `,`)
//! and remove, names case-insensitive (`HTTPHeaderFilter`). RequestMirror is reported. CORS
//! answers a preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) itself with
//! 204, echoing an allowed origin (`*` matches any run of characters), and echoes it on simple
//! requests (`HTTPCORSFilter`). An ExtensionRef or unknown filter cannot be resolved: 500. A
//! backendRef is invalid when it is not a core Service (`InvalidKind`), when it is in another
//! namespace without a ReferenceGrant there allowing the route's kind and namespace
//! (`RefNotPermitted`, `referencegrant_types.go`), or when the input lists Services and not this
//! one (`BackendNotFound`; an input without any Service is read as not showing them). Shares are
//! weight / sum of weights (default 1; `shared_types.go` `BackendRef.Weight`); the decision's
//! backend is the first valid share with weight; an invalid share answers 500; no valid share, no
//! backendRef, or all weights 0: 500 (`HTTPRouteRule.BackendRefs`). Backend-level filters apply to
//! their share.
//!
//! **G8 — No match.** A listener took the request and no rule matches: 404
//! (`HTTPRouteRule.Matches`).

mod attach;
mod compare;
pub(crate) mod coverage;
pub mod decision;
pub(crate) mod decode;
mod explain;
mod filters;
mod implementation;
mod matching;
pub mod model;
mod prose;
mod select;
mod simulate;
pub(crate) mod table;
pub mod validate;

pub use compare::GatewayComparison;
pub use decision::{
    GatewayBackend, GatewayDecision, GatewayEntry, GatewayOutcome, GatewayReason, GatewayVerdict, PortNumber,
    RouteKind, SplitShare,
};
pub use explain::steps::gateway_steps;
pub use implementation::Implementation;
pub use simulate::GatewayChoiceError;

/// Compiles `implementation`'s Gateway table for a parsed manifest and returns how many matches it
/// holds: what the first Gateway decision of an implementation costs (benches).
#[doc(hidden)]
pub fn compile_table(manifest: &crate::model::Manifest, implementation: Implementation) -> usize {
    table::Table::compile(manifest, implementation).match_count()
}
