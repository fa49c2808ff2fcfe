//! [`GatewayDecision`]: where a request goes through a Gateway, and why — serialisable as the
//! CLI's `route --json` object for Gateway API input (a stable contract: camelCase keys, stable
//! kebab-case names).

use super::Implementation;
use crate::decision::{MatchedRequest, Redirect};
use crate::diagnostic::Diagnostic;
use crate::names::stable_names;
use crate::source::Span;
use serde::Serialize;

/// What happened to the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GatewayOutcome {
    /// A rule matched and a backend receives the request (or, for a split, the weighted choice
    /// does; some shares may answer 500).
    Rule,
    /// A rule matched and its RequestRedirect filter answers.
    Redirect,
    /// A listener took the request and no rule matched: 404.
    NoMatch,
    /// The HTTPS listener chosen by SNI does not serve the Host while another listener does: 421.
    Misdirected,
    /// A rule matched but its backends cannot be reached (invalid, not found, not permitted,
    /// all weights zero, an unresolvable ExtensionRef filter): 500.
    BackendError,
    /// No listener of the Gateway takes the request (port, protocol, hostname, SNI).
    NoListener,
    /// A rule matched and its CORS filter answers a preflight request itself (204).
    CorsPreflight,
}

stable_names!(GatewayOutcome, as_str;
    Rule => "rule",
    Redirect => "redirect",
    NoMatch => "no-match",
    Misdirected => "misdirected",
    BackendError => "backend-error",
    NoListener => "no-listener",
    CorsPreflight => "cors-preflight",
);

/// The kind of a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RouteKind {
    /// `HTTPRoute`.
    Http,
    /// `GRPCRoute`.
    Grpc,
    /// `TLSRoute`.
    Tls,
}

stable_names!(RouteKind, as_str; Http => "HTTPRoute", Grpc => "GRPCRoute", Tls => "TLSRoute");

/// The verdict on one candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GatewayVerdict {
    /// It answers the request.
    Winner,
    /// It applied to the request and another candidate took precedence, or its condition
    /// failed.
    Lost,
    /// It never applied: another listener, not attached, no hostname in common.
    Skipped,
    /// A step of the decision, not a candidate.
    Info,
}

stable_names!(GatewayVerdict, as_str; Winner => "winner", Lost => "lost", Skipped => "skipped", Info => "info");

/// Why a candidate won, lost or was skipped; stable names in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GatewayReason {
    /// The winner.
    Matched,
    /// A note on the request or a step.
    Note,
    /// Its listener listens on another port.
    ListenerPort,
    /// Its listener's protocol does not take this request (HTTP vs HTTPS vs TLS).
    ListenerProtocol,
    /// Its listener's hostname does not match, or a more specific listener takes the host.
    ListenerHostname,
    /// The route is not attached to the Gateway (or to this listener): its status says why.
    NotAttached,
    /// None of the route's hostnames intersects the listener's hostname.
    HostnameIntersection,
    /// The request host does not match the rule's hostname.
    Hostname,
    /// The path condition fails.
    Path,
    /// The method condition fails.
    Method,
    /// A header condition fails.
    Header,
    /// A query parameter condition fails.
    Query,
    /// The gRPC service/method condition fails, or the request is not gRPC.
    Grpc,
    /// It matched; a rule of a more specific hostname took precedence.
    PrecedenceHostname,
    /// It matched; an Exact path took precedence.
    PrecedenceExact,
    /// It matched; a longer PathPrefix took precedence.
    PrecedencePrefixLength,
    /// It matched; a match with a method took precedence.
    PrecedenceMethod,
    /// It matched; a match with more header conditions took precedence.
    PrecedenceHeaders,
    /// It matched; a match with more query conditions took precedence.
    PrecedenceQuery,
    /// It matched; the implementation ranks regular expressions against the winner's path.
    PrecedenceRegex,
    /// It matched; gRPC: a longer service or method took precedence.
    PrecedenceGrpc,
    /// It matched with the same specificity; an older route took precedence.
    PrecedenceAge,
    /// It matched with the same specificity and age; `namespace/name` first took precedence.
    PrecedenceName,
    /// It matched; an earlier rule or match of the same route took precedence.
    PrecedenceRuleOrder,
    /// The backend reference is invalid (kind, not found): its share answers 500.
    InvalidBackend,
    /// A cross-namespace reference without a ReferenceGrant.
    RefNotPermitted,
    /// The request was misdirected (421).
    Misdirected,
    /// The implementation never programs it (a conflicting rule, an unsupported value).
    NotProgrammed,
}

stable_names!(GatewayReason, as_str;
    Matched => "matched",
    Note => "note",
    ListenerPort => "listener-port",
    ListenerProtocol => "listener-protocol",
    ListenerHostname => "listener-hostname",
    NotAttached => "not-attached",
    HostnameIntersection => "hostname-intersection",
    Hostname => "hostname",
    Path => "path",
    Method => "method",
    Header => "header",
    Query => "query",
    Grpc => "grpc",
    PrecedenceHostname => "precedence-hostname",
    PrecedenceExact => "precedence-exact",
    PrecedencePrefixLength => "precedence-prefix-length",
    PrecedenceMethod => "precedence-method",
    PrecedenceHeaders => "precedence-headers",
    PrecedenceQuery => "precedence-query",
    PrecedenceRegex => "precedence-regex",
    PrecedenceGrpc => "precedence-grpc",
    PrecedenceAge => "precedence-age",
    PrecedenceName => "precedence-name",
    PrecedenceRuleOrder => "precedence-rule-order",
    InvalidBackend => "invalid-backend",
    RefNotPermitted => "ref-not-permitted",
    Misdirected => "misdirected",
    NotProgrammed => "not-programmed",
);

/// A backend in Gateway API's reference shape: `{"service":{"name","namespace","port":{"number"}}}`
/// or `{"resource":{"group","kind","name","namespace"}}` for another kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GatewayBackend {
    /// A core Service.
    Service {
        /// Name.
        name: String,
        /// Namespace (the route's unless the reference names another).
        namespace: String,
        /// `{"number": 8080}`; absent when the reference has no port.
        #[serde(skip_serializing_if = "Option::is_none")]
        port: Option<PortNumber>,
    },
    /// Another kind of object.
    Resource {
        /// API group (`""` for core).
        group: String,
        /// Kind.
        kind: String,
        /// Name.
        name: String,
        /// Namespace.
        namespace: String,
    },
}

/// A port by number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PortNumber {
    /// The number.
    pub number: i64,
}

impl std::fmt::Display for GatewayBackend {
    /// `namespace/name:port` for a Service (the case file's form), `Kind namespace/name` otherwise.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GatewayBackend::Service { name, namespace, port: Some(port) } => {
                write!(f, "{namespace}/{name}:{}", port.number)
            }
            GatewayBackend::Service { name, namespace, port: None } => write!(f, "{namespace}/{name}"),
            GatewayBackend::Resource { kind, name, namespace, .. } => write!(f, "{kind} {namespace}/{name}"),
        }
    }
}

/// One share of a weighted split.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitShare {
    /// The backend of this share.
    pub backend: GatewayBackend,
    /// Its weight as written (default 1).
    pub weight: i64,
    /// weight / sum of weights (0 when every weight is 0).
    pub share: f64,
    /// 200 when the backend answers, 500 when the reference is invalid.
    pub status: u16,
}

/// One line of a Gateway explanation: a step, or a candidate match with its verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewayEntry {
    /// Winner, lost, skipped or info.
    pub verdict: GatewayVerdict,
    /// Why.
    pub reason: GatewayReason,
    /// The sentence a learner reads.
    pub message: String,
    /// The listener concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listener: Option<String>,
    /// `namespace/name` of the route concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// The route's kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_kind: Option<RouteKind>,
    /// Index in `spec.rules`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<usize>,
    /// Index in the rule's `matches` (absent for a rule without matches).
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub match_index: Option<usize>,
    /// The effective hostname of the candidate (`""`: any host).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// Where the candidate is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl GatewayEntry {
    /// An informational step.
    pub fn info(message: impl Into<String>) -> GatewayEntry {
        GatewayEntry {
            verdict: GatewayVerdict::Info,
            reason: GatewayReason::Note,
            message: message.into(),
            listener: None,
            route: None,
            route_kind: None,
            rule: None,
            match_index: None,
            hostname: None,
            span: None,
        }
    }
}

/// The full decision for one request through a Gateway.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewayDecision {
    /// The implementation whose rules decided.
    pub profile: Implementation,
    /// The release the implementation's rules are read from.
    pub profile_version: &'static str,
    /// The request as matched.
    pub request: MatchedRequest,
    /// The HTTP status the client gets: 200 (a backend answers; its own status is not
    /// simulated), the redirect's, 404, 421, 500, 204 for an answered CORS preflight; `null` when
    /// no HTTP exchange happens (no listener on the port, a TLS handshake no listener serves).
    pub status: Option<u16>,
    /// What happened.
    pub outcome: GatewayOutcome,
    /// `namespace/name` of the Gateway.
    pub gateway: String,
    /// The listener that took the request.
    pub listener: Option<String>,
    /// `namespace/name` of the route whose rule answers.
    pub route: Option<String>,
    /// Its kind.
    pub route_kind: Option<RouteKind>,
    /// The rule's index in `spec.rules`.
    pub rule: Option<usize>,
    /// The rule's `name`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_name: Option<String>,
    /// The match's index in the rule's `matches` (`null` for a rule without matches).
    #[serde(rename = "match")]
    pub match_index: Option<usize>,
    /// The backend that gets the request: the first share of a split that answers.
    pub backend: Option<GatewayBackend>,
    /// Every share of a weighted split (more than one backendRef).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<SplitShare>,
    /// The redirect the rule answers with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<Redirect>,
    /// Path and query the backend receives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream_path: Option<String>,
    /// Host header the backend receives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream_host: Option<String>,
    /// The request headers the backend receives (`Host` first), after the filters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub upstream_headers: Vec<(String, String)>,
    /// Response headers the filters set or add (ResponseHeaderModifier, CORS).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub response_headers: Vec<(String, String)>,
    /// Backends the request is mirrored to (their answers are ignored).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mirrors: Vec<GatewayBackend>,
    /// Every step and candidate (empty when not asked for).
    pub explanation: Vec<GatewayEntry>,
    /// Route and Gateway status, and what the input says otherwise.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the winning match is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// True when the API server would refuse the Gateway or the answering route (its
    /// validation errors are in `diagnostics`): a cluster would not have it, and the simulator
    /// routes it as written, as it does a rejected Ingress.
    pub rejected: bool,
}

impl GatewayDecision {
    /// A decision where nothing has answered yet: no listener, no route, no explanation. The
    /// router fills in what its selection found; the migration answers with it as it is when the
    /// conversion wrote no Gateway.
    pub(crate) fn unanswered(profile: Implementation, request: MatchedRequest, gateway: String) -> GatewayDecision {
        GatewayDecision {
            profile,
            profile_version: profile.version(),
            request,
            status: None,
            outcome: GatewayOutcome::NoListener,
            gateway,
            listener: None,
            route: None,
            route_kind: None,
            rule: None,
            rule_name: None,
            match_index: None,
            backend: None,
            split: Vec::new(),
            redirect: None,
            upstream_path: None,
            upstream_host: None,
            upstream_headers: Vec::new(),
            response_headers: Vec::new(),
            mirrors: Vec::new(),
            explanation: Vec::new(),
            diagnostics: Vec::new(),
            span: None,
            rejected: false,
        }
    }
}

impl GatewayDecision {
    /// The backend as `namespace/name:port`, or `""`.
    pub fn backend_label(&self) -> String {
        self.backend.as_ref().map(ToString::to_string).unwrap_or_default()
    }

    /// The entry of the winner, when a candidate won.
    pub fn winner_entry(&self) -> Option<&GatewayEntry> {
        self.explanation.iter().find(|e| e.verdict == GatewayVerdict::Winner)
    }
}
