//! G7: what a matched rule does with the request — RequestRedirect (the `Location`), URLRewrite
//! (host and path), Request/ResponseHeaderModifier, RequestMirror (reported), CORS, and the
//! backends with their weights. Compiled once per rule ([`Action`]); applied per request
//! ([`apply`]). Nothing here chooses a rule.

use super::attach::{self, RefProblem, ResolvedBackend, RouteInfo};
use super::matching::{prefix_matches, PathCondition};
use super::model::{BackendRef, GrpcRouteRule, HeaderModifier, HttpRouteFilter, HttpRouteRule, TlsRouteRule};
use super::{GatewayBackend, GatewayOutcome, RouteKind, SplitShare};
use crate::decision::Redirect;
use crate::model::Manifest;
use crate::request::{Request, Scheme};

/// A rule's filters and backends, compiled.
#[derive(Debug, Default)]
pub(crate) struct Action {
    pub filters: Filters,
    pub backends: Vec<Backend>,
}

/// The filters of a rule (or of one backendRef), in the order written.
#[derive(Debug, Default, Clone)]
pub(crate) struct Filters {
    pub steps: Vec<FilterStep>,
}

/// One filter.
#[derive(Debug, Clone)]
pub(crate) enum FilterStep {
    RequestHeaders(HeaderEdits),
    ResponseHeaders(HeaderEdits),
    Redirect(RedirectSpec),
    Rewrite {
        hostname: Option<String>,
        path: Option<PathModifier>,
    },
    Mirror(ResolvedBackend),
    Cors(CorsSpec),
    /// An ExtensionRef (or another filter) the simulator cannot resolve: requests get 500
    /// (`HTTPRouteFilter.Type`: "If a reference to a custom filter type cannot be resolved, the
    /// filter MUST NOT be skipped. Instead, requests … MUST receive a HTTP error response").
    Unresolved(String),
}

/// Header edits: set, add, remove.
#[derive(Debug, Clone, Default)]
pub(crate) struct HeaderEdits {
    pub set: Vec<(String, String)>,
    pub add: Vec<(String, String)>,
    pub remove: Vec<String>,
}

/// A path modifier.
#[derive(Debug, Clone)]
pub(crate) enum PathModifier {
    Full(String),
    Prefix(String),
}

/// A RequestRedirect.
#[derive(Debug, Clone)]
pub(crate) struct RedirectSpec {
    pub scheme: Option<String>,
    pub hostname: Option<String>,
    pub port: Option<i64>,
    pub path: Option<PathModifier>,
    pub status: u16,
}

/// A CORS filter.
#[derive(Debug, Clone, Default)]
pub(crate) struct CorsSpec {
    pub allow_origins: Vec<String>,
    pub allow_credentials: bool,
    pub allow_methods: Vec<String>,
    pub allow_headers: Vec<String>,
    pub expose_headers: Vec<String>,
    pub max_age: i64,
}

/// A backendRef, resolved, with its weight and own filters.
#[derive(Debug, Clone)]
pub(crate) struct Backend {
    pub resolved: ResolvedBackend,
    pub weight: i64,
    pub filters: Filters,
}

fn text(value: &Option<crate::model::Spanned<String>>) -> Option<String> {
    value.as_ref().map(|v| v.value.clone())
}

fn edits(modifier: &HeaderModifier) -> HeaderEdits {
    let pair = |h: &super::model::HttpHeader| (text(&h.name).unwrap_or_default(), text(&h.value).unwrap_or_default());
    HeaderEdits {
        set: modifier.set.iter().map(pair).collect(),
        add: modifier.add.iter().map(pair).collect(),
        remove: modifier.remove.iter().map(|r| r.value.clone()).collect(),
    }
}

fn path_modifier(m: &super::model::PathModifier) -> Option<PathModifier> {
    match m.kind.as_ref().map(|k| k.value.as_str()) {
        Some("ReplaceFullPath") => Some(PathModifier::Full(text(&m.replace_full_path).unwrap_or_default())),
        Some("ReplacePrefixMatch") => Some(PathModifier::Prefix(text(&m.replace_prefix_match).unwrap_or_default())),
        _ => None,
    }
}

/// Compiles written filters.
fn compile_filters(written: &[HttpRouteFilter], route: &RouteInfo, manifest: &Manifest) -> Filters {
    let mut steps = Vec::new();
    for f in written {
        let step = match f.kind() {
            "RequestHeaderModifier" => f.request_header_modifier.as_ref().map(|m| FilterStep::RequestHeaders(edits(m))),
            "ResponseHeaderModifier" => {
                f.response_header_modifier.as_ref().map(|m| FilterStep::ResponseHeaders(edits(m)))
            }
            "RequestRedirect" => f.request_redirect.as_ref().map(|r| {
                FilterStep::Redirect(RedirectSpec {
                    scheme: text(&r.scheme),
                    hostname: text(&r.hostname),
                    port: r.port.as_ref().map(|p| p.value),
                    path: r.path.as_ref().and_then(path_modifier),
                    // `HTTPRequestRedirectFilter.StatusCode`: default 302.
                    status: r.status_code.as_ref().and_then(|s| u16::try_from(s.value).ok()).unwrap_or(302),
                })
            }),
            "URLRewrite" => f.url_rewrite.as_ref().map(|r| FilterStep::Rewrite {
                hostname: text(&r.hostname),
                path: r.path.as_ref().and_then(path_modifier),
            }),
            "RequestMirror" => f.request_mirror.as_ref().and_then(|m| m.backend_ref.as_ref()).map(|b| {
                FilterStep::Mirror(attach::resolve_object(
                    b.group(),
                    b.kind_or("Service"),
                    b.namespace.as_ref().map_or(route.namespace(), |n| n.value.as_str()),
                    b.name(),
                    b.port.as_ref().map(|p| p.value),
                    b.span,
                    route.kind(),
                    route.namespace(),
                    manifest,
                ))
            }),
            "CORS" => f.cors.as_ref().map(|c| {
                let list = |v: &[crate::model::Spanned<String>]| v.iter().map(|s| s.value.clone()).collect();
                FilterStep::Cors(CorsSpec {
                    allow_origins: list(&c.allow_origins),
                    allow_credentials: c.allow_credentials.as_ref().is_some_and(|b| b.value),
                    allow_methods: list(&c.allow_methods),
                    allow_headers: list(&c.allow_headers),
                    expose_headers: list(&c.expose_headers),
                    // `HTTPCORSFilter.MaxAge`: default 5.
                    max_age: c.max_age.as_ref().map_or(5, |m| m.value),
                })
            }),
            "ExtensionRef" => Some(FilterStep::Unresolved(format!(
                "ExtensionRef {} {:?}: the simulator knows no extension filter",
                f.extension_ref.as_ref().map_or("", |e| e.kind_or("")),
                f.extension_ref.as_ref().map_or("", |e| e.name())
            ))),
            other => Some(FilterStep::Unresolved(format!("filter type {other:?} is not one the simulator applies"))),
        };
        steps.extend(step);
    }
    Filters { steps }
}

fn backends(refs: &[BackendRef], route: &RouteInfo, manifest: &Manifest) -> Vec<Backend> {
    refs.iter()
        .map(|b| Backend {
            resolved: attach::resolve_backend(b, route.kind(), route.namespace(), manifest),
            weight: b.weight_or_default(),
            filters: compile_filters(&b.filters, route, manifest),
        })
        .collect()
}

/// An HTTPRoute rule's action.
pub(crate) fn http_action(rule: &HttpRouteRule, route: &RouteInfo, manifest: &Manifest) -> Action {
    Action {
        filters: compile_filters(&rule.filters, route, manifest),
        backends: backends(&rule.backend_refs, route, manifest),
    }
}

/// A GRPCRoute rule's action.
pub(crate) fn grpc_action(rule: &GrpcRouteRule, route: &RouteInfo, manifest: &Manifest) -> Action {
    Action {
        filters: compile_filters(&rule.filters, route, manifest),
        backends: backends(&rule.backend_refs, route, manifest),
    }
}

/// A TLSRoute rule's action (backends only).
pub(crate) fn tls_action(rule: &TlsRouteRule, route: &RouteInfo, manifest: &Manifest) -> Action {
    Action { filters: Filters::default(), backends: backends(&rule.backend_refs, route, manifest) }
}

/// What the request becomes once a rule matched.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub outcome: Option<GatewayOutcome>,
    pub status: Option<u16>,
    pub backend: Option<GatewayBackend>,
    pub split: Vec<SplitShare>,
    pub redirect: Option<Redirect>,
    pub upstream_path: Option<String>,
    pub upstream_host: Option<String>,
    pub upstream_headers: Vec<(String, String)>,
    pub response_headers: Vec<(String, String)>,
    pub mirrors: Vec<GatewayBackend>,
    /// Sentences for the explanation: each filter applied, each backend problem.
    pub notes: Vec<String>,
    /// The backend problem that answered 500, when one did.
    pub problem: Option<RefProblem>,
}

/// What the listener contributes to a redirect: its port and whether it terminates TLS.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ListenerSide {
    pub port: i64,
    pub https: bool,
}

/// Applies a matched rule's action to the request (G7); `host`, `path` and `query` are the
/// request's as routing reads them (host in lower case without port, path as the implementation
/// routes it).
pub(crate) fn apply(
    action: &Action,
    kind: RouteKind,
    path_condition: &PathCondition,
    request: &Request,
    (host, path, query): (&str, &str, &str),
    listener: ListenerSide,
    with_notes: bool,
) -> Applied {
    let mut out = Applied::default();
    let mut upstream_path = path.to_string();
    let mut upstream_host = request.host.trim().to_string();
    let mut headers: Vec<(String, String)> = request.headers.clone();
    if !request.cookies.is_empty() {
        let cookie = request.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        headers.push(("Cookie".to_string(), cookie));
    }
    let mut note = |s: String| {
        if with_notes {
            out.notes.push(s);
        }
    };
    let mut redirect: Option<Redirect> = None;
    let mut preflight = false;
    let mut response: Vec<(String, String)> = Vec::new();
    let mut unresolved: Option<String> = None;
    for step in &action.filters.steps {
        match step {
            FilterStep::RequestHeaders(e) => {
                edit_headers(&mut headers, e);
                note(format!("RequestHeaderModifier edits the request headers ({}).", describe_edits(e)));
            }
            FilterStep::ResponseHeaders(e) => {
                edit_headers(&mut response, e);
                note(format!("ResponseHeaderModifier edits the response headers ({}).", describe_edits(e)));
            }
            FilterStep::Redirect(r) => {
                let location = location(r, request, host, path, query, path_condition, listener);
                note(format!("RequestRedirect answers {} with Location {location}.", r.status));
                redirect = Some(Redirect { status: r.status, location });
            }
            FilterStep::Rewrite { hostname, path: modifier } => {
                if let Some(h) = hostname {
                    upstream_host = h.clone();
                    note(format!("URLRewrite sets the Host header to {h}."));
                }
                if let Some(m) = modifier {
                    let before = upstream_path.clone();
                    upstream_path = modify_path(m, &upstream_path, path_condition);
                    note(format!("URLRewrite rewrites the path {before} to {upstream_path}."));
                }
            }
            FilterStep::Mirror(m) => {
                note(format!("RequestMirror sends a copy to {} (its answer is ignored).", m.backend));
                out.mirrors.push(m.backend.clone());
            }
            FilterStep::Cors(c) => {
                let (answered, headers) = cors(c, request);
                preflight |= answered;
                note(if answered {
                    "CORS: the request is a preflight (OPTIONS with Origin and Access-Control-Request-Method); the Gateway answers it itself (204).".to_string()
                } else if headers.is_empty() {
                    "CORS: no allowed origin to answer for; no CORS response header is added.".to_string()
                } else {
                    "CORS: the origin is allowed; the response carries Access-Control-Allow-Origin.".to_string()
                });
                response.extend(headers);
            }
            FilterStep::Unresolved(why) => unresolved = Some(why.clone()),
        }
    }
    out.response_headers = response;
    if let Some(why) = unresolved {
        out.outcome = Some(GatewayOutcome::BackendError);
        out.status = Some(500);
        if with_notes {
            out.notes.push(format!("{why}: requests this rule matches get 500."));
        }
        return out;
    }
    if let Some(redirect) = redirect {
        out.status = Some(redirect.status);
        out.redirect = Some(redirect);
        out.outcome = Some(GatewayOutcome::Redirect);
        return out;
    }
    if preflight {
        out.status = Some(204);
        out.outcome = Some(GatewayOutcome::CorsPreflight);
        return out;
    }
    // Backends and weights (`httproute_types.go` `HTTPRouteRule.BackendRefs`; `shared_types.go`
    // `BackendRef.Weight`: a share is weight / sum of weights, 0 means none).
    let total: i64 = action.backends.iter().map(|b| b.weight.max(0)).sum();
    if action.backends.len() > 1 {
        out.split = action
            .backends
            .iter()
            .map(|b| SplitShare {
                backend: b.resolved.backend.clone(),
                weight: b.weight,
                share: if total > 0 { b.weight.max(0) as f64 / total as f64 } else { 0.0 },
                status: if b.resolved.problem.is_some() { 500 } else { 200 },
            })
            .collect();
    }
    let chosen = action.backends.iter().find(|b| b.weight > 0 && b.resolved.problem.is_none());
    let Some(chosen) = chosen else {
        out.outcome = Some(GatewayOutcome::BackendError);
        out.status = Some(500);
        if let Some(b) = action.backends.iter().find(|b| b.resolved.problem.is_some()) {
            out.problem = b.resolved.problem.clone();
            out.backend = Some(b.resolved.backend.clone());
        }
        if with_notes {
            out.notes.push(if action.backends.is_empty() {
                if kind == RouteKind::Tls {
                    "The rule has no backendRefs: the connection is closed.".to_string()
                } else {
                    "The rule has no backendRefs and no filter answers: requests get 500 (HTTPRouteRule.BackendRefs)."
                        .to_string()
                }
            } else if total == 0 {
                "Every backendRef has weight 0: no backend takes the request, which gets 500.".to_string()
            } else {
                "No backendRef of the rule resolves (see the route's ResolvedRefs status): requests get 500."
                    .to_string()
            });
        }
        return out;
    };
    // Per-backend filters run when the request goes to that backend.
    for step in &chosen.filters.steps {
        match step {
            FilterStep::RequestHeaders(e) => edit_headers(&mut headers, e),
            FilterStep::ResponseHeaders(e) => edit_headers(&mut out.response_headers, e),
            FilterStep::Rewrite { hostname, path: modifier } => {
                if let Some(h) = hostname {
                    upstream_host = h.clone();
                }
                if let Some(m) = modifier {
                    upstream_path = modify_path(m, &upstream_path, path_condition);
                }
            }
            FilterStep::Mirror(m) => out.mirrors.push(m.backend.clone()),
            _ => {}
        }
    }
    if with_notes {
        if out.split.len() > 1 {
            let shares: Vec<String> = out
                .split
                .iter()
                .map(|s| {
                    format!("{} {:.0} %{}", s.backend, s.share * 100.0, if s.status == 500 { " (500)" } else { "" })
                })
                .collect();
            out.notes.push(format!(
                "The rule splits requests by weight (weight / sum of weights): {}. The decision names the first share that answers, {}.",
                shares.join(", "),
                chosen.resolved.backend
            ));
        }
        if !chosen.filters.steps.is_empty() {
            out.notes.push(format!(
                "The backendRef {} has its own filters; they apply to its share.",
                chosen.resolved.backend
            ));
        }
        let invalid = action.backends.iter().filter(|b| b.resolved.problem.is_some()).count();
        if invalid > 0 && out.split.len() > 1 {
            out.notes.push(format!(
                "{invalid} of the {} backendRefs do not resolve: their share of the requests gets 500.",
                action.backends.len()
            ));
        }
    }
    out.outcome = Some(GatewayOutcome::Rule);
    out.status = Some(200);
    out.backend = Some(chosen.resolved.backend.clone());
    if kind != RouteKind::Tls {
        let upstream = if query.is_empty() {
            upstream_path
        } else {
            let mut with_query = String::with_capacity(upstream_path.len() + 1 + query.len());
            with_query.push_str(&upstream_path);
            with_query.push('?');
            with_query.push_str(query);
            with_query
        };
        out.upstream_path = Some(upstream);
        let mut all = Vec::with_capacity(1 + headers.len());
        all.push(("Host".to_string(), upstream_host.clone()));
        all.extend(headers.into_iter().filter(|(n, _)| !n.eq_ignore_ascii_case("host")));
        out.upstream_headers = all;
        out.upstream_host = Some(upstream_host);
    }
    out
}

/// The `Location` of a redirect (`httproute_types.go` `HTTPRequestRedirectFilter`): scheme (the
/// request's when empty), hostname (the request's Host without port when empty), port (given;
/// else 80/443 when a scheme is given; else the listener's port), left out when it is the
/// scheme's well-known port; the path per the modifier, the query kept.
fn location(
    r: &RedirectSpec,
    request: &Request,
    host: &str,
    path: &str,
    query: &str,
    condition: &PathCondition,
    listener: ListenerSide,
) -> String {
    let request_scheme = if listener.https || request.scheme == Scheme::Https { "https" } else { "http" };
    let scheme = r.scheme.clone().unwrap_or_else(|| request_scheme.to_string());
    let port = match (r.port, &r.scheme) {
        (Some(p), _) => p,
        (None, Some(s)) if s == "https" => 443,
        (None, Some(s)) if s == "http" => 80,
        _ => listener.port,
    };
    let hostname = r.hostname.clone().unwrap_or_else(|| host.to_string());
    let default_port = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
    let authority = if default_port { hostname } else { format!("{hostname}:{port}") };
    let new_path = match &r.path {
        Some(m) => modify_path(m, path, condition),
        None => path.to_string(),
    };
    let query = if query.is_empty() { String::new() } else { format!("?{query}") };
    format!("{scheme}://{authority}{new_path}{query}")
}

/// ReplaceFullPath, or ReplacePrefixMatch per the table in `httproute_types.go`
/// `HTTPPathModifier.ReplacePrefixMatch` (the matched prefix's elements replaced, a trailing `/`
/// of the replacement dropped before the rest, `/` when nothing is left).
pub(crate) fn modify_path(modifier: &PathModifier, path: &str, condition: &PathCondition) -> String {
    match modifier {
        PathModifier::Full(p) => p.clone(),
        PathModifier::Prefix(replacement) => {
            let trimmed = match condition {
                PathCondition::Prefix { trimmed, .. } => trimmed.as_str(),
                // Validation forbids ReplacePrefixMatch without one PathPrefix match; read the
                // whole path as matched otherwise.
                PathCondition::Exact(p) => p.trim_end_matches('/'),
                PathCondition::Regex { .. } => "",
            };
            let rest = if prefix_matches(trimmed, path) { &path[trimmed.len()..] } else { path };
            let replaced = format!("{}{rest}", replacement.trim_end_matches('/'));
            if replaced.is_empty() {
                "/".to_string()
            } else if !replaced.starts_with('/') {
                format!("/{replaced}")
            } else {
                replaced
            }
        }
    }
}

/// `set` overwrites (or adds), `add` appends to an existing value with `,` (the spec's
/// `my-header: foo,bar,baz`) or adds the line, `remove` drops every line of a name; names
/// compare case-insensitively (`HTTPHeaderFilter`).
fn edit_headers(headers: &mut Vec<(String, String)>, edits: &HeaderEdits) {
    for (name, value) in &edits.set {
        let mut first = true;
        headers.retain_mut(|(n, v)| {
            if !n.eq_ignore_ascii_case(name) {
                return true;
            }
            if first {
                first = false;
                *v = value.clone();
                return true;
            }
            false
        });
        if first {
            headers.push((name.clone(), value.clone()));
        }
    }
    for (name, value) in &edits.add {
        match headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some((_, v)) => {
                v.push(',');
                v.push_str(value);
            }
            None => headers.push((name.clone(), value.clone())),
        }
    }
    for name in &edits.remove {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }
}

fn describe_edits(e: &HeaderEdits) -> String {
    let mut parts = Vec::new();
    if !e.set.is_empty() {
        parts.push(format!("set {}", e.set.iter().map(|(n, v)| format!("{n}: {v}")).collect::<Vec<_>>().join(", ")));
    }
    if !e.add.is_empty() {
        parts.push(format!("add {}", e.add.iter().map(|(n, v)| format!("{n}: {v}")).collect::<Vec<_>>().join(", ")));
    }
    if !e.remove.is_empty() {
        parts.push(format!("remove {}", e.remove.join(", ")));
    }
    if parts.is_empty() {
        "nothing".to_string()
    } else {
        parts.join("; ")
    }
}

/// CORS (`httproute_types.go` `HTTPCORSFilter`): a preflight (OPTIONS with `Origin` and
/// `Access-Control-Request-Method`) is answered by the Gateway; an allowed origin is echoed in
/// `Access-Control-Allow-Origin`, with the allowed methods and headers, `Max-Age` (default 5)
/// and `Allow-Credentials: true` when set; a simple request from an allowed origin gets the
/// origin echoed and the exposed headers. Returns (answered as a preflight, response headers).
fn cors(c: &CorsSpec, request: &Request) -> (bool, Vec<(String, String)>) {
    let origin = request.header_values("origin").next();
    let preflight = request.method == "OPTIONS"
        && origin.is_some()
        && request.header_values("access-control-request-method").next().is_some();
    let Some(origin) = origin else { return (preflight, Vec::new()) };
    let allowed = c.allow_origins.iter().any(|pattern| glob(pattern, origin));
    let mut headers = Vec::new();
    if allowed {
        headers.push(("Access-Control-Allow-Origin".to_string(), origin.to_string()));
        if c.allow_credentials {
            headers.push(("Access-Control-Allow-Credentials".to_string(), "true".to_string()));
        }
        if preflight {
            if !c.allow_methods.is_empty() {
                headers.push(("Access-Control-Allow-Methods".to_string(), c.allow_methods.join(", ")));
            }
            if !c.allow_headers.is_empty() {
                headers.push(("Access-Control-Allow-Headers".to_string(), c.allow_headers.join(", ")));
            }
            headers.push(("Access-Control-Max-Age".to_string(), c.max_age.to_string()));
        } else if !c.expose_headers.is_empty() {
            headers.push(("Access-Control-Expose-Headers".to_string(), c.expose_headers.join(", ")));
        }
    }
    (preflight, headers)
}

/// `*` matches any run of characters (dots included: "greedy to the left").
fn glob(pattern: &str, text: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern.eq_ignore_ascii_case(text);
    }
    let text = text.to_ascii_lowercase();
    let mut rest = text.as_str();
    for (i, part) in parts.iter().enumerate() {
        let part = part.to_ascii_lowercase();
        if i == 0 {
            let Some(r) = rest.strip_prefix(part.as_str()) else { return false };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part.as_str());
        } else {
            match rest.find(part.as_str()) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of `httproute_types.go` `HTTPPathModifier.ReplacePrefixMatch`, row by row.
    #[test]
    fn replace_prefix_match_follows_the_spec_table() {
        let rows = [
            ("/foo/bar", "/foo", "/xyz", "/xyz/bar"),
            ("/foo/bar", "/foo", "/xyz/", "/xyz/bar"),
            ("/foo/bar", "/foo/", "/xyz", "/xyz/bar"),
            ("/foo/bar", "/foo/", "/xyz/", "/xyz/bar"),
            ("/foo", "/foo", "/xyz", "/xyz"),
            ("/foo/", "/foo", "/xyz", "/xyz/"),
            ("/foo/bar", "/foo", "", "/bar"),
            ("/foo/", "/foo", "", "/"),
            ("/foo", "/foo", "", "/"),
            ("/foo/", "/foo", "/", "/"),
            ("/foo", "/foo", "/", "/"),
        ];
        for (path, prefix, replacement, expected) in rows {
            let got = modify_path(&PathModifier::Prefix(replacement.into()), path, &PathCondition::prefix(prefix));
            assert_eq!(got, expected, "{path} with prefix {prefix} replaced by {replacement:?}");
        }
    }

    #[test]
    fn header_edits_set_add_remove() {
        let mut h = vec![("my-header".to_string(), "foo".to_string()), ("X-Gone".to_string(), "1".to_string())];
        edit_headers(
            &mut h,
            &HeaderEdits {
                set: vec![("New".into(), "n".into())],
                add: vec![("My-Header".into(), "bar,baz".into())],
                remove: vec!["x-gone".into()],
            },
        );
        assert_eq!(h, vec![("my-header".to_string(), "foo,bar,baz".to_string()), ("New".to_string(), "n".to_string())]);
    }

    #[test]
    fn origins_glob_to_the_left() {
        assert!(glob("https://*.bar.com", "https://www.bar.com"));
        assert!(glob("https://*.bar.com", "https://xpto.www.bar.com"));
        assert!(!glob("https://*.bar.com", "https://foobar.com"));
        assert!(glob("*", "http://x"));
    }
}
