//! N9 and N12: what ingress2gateway v1.1.0 keeps beside the routes and the standard emitter either
//! applies (timeouts, CORS, rewrites: `pkg/i2gw/emitters/common_emitter/emitter.go`) or reports
//! (`pkg/i2gw/emitters/utils/utils.go` `LogUnparsedErrors`): `timeouts.go`, `cors.go`,
//! `bodysize.go`, `iprange.go`, `session_affinity.go`, `backend_tls.go` of
//! `pkg/i2gw/providers/ingressnginx/`.

use super::annotations::*;
use super::Cx;
use crate::migrate::convert::output::{Cors, HeaderModifier, HttpFilter, HttpRoute, Output, PathModifier, UrlRewrite};
use crate::migrate::{Notice, NoticeLevel};

/// What the common emitter applies to one rule of one route, after the provider is done.
pub(super) struct Pending {
    namespace: String,
    route: String,
    rule: usize,
    kind: PendingKind,
}

pub(super) enum PendingKind {
    /// `applyTCPTimeouts`: the largest of the TCP timeouts, seconds.
    Timeout(i64),
    /// `applyPathRewrites`.
    Rewrite { full_path: String, forwarded_prefix: Option<String> },
    /// `applyCorsPolicies`.
    Cors(Cors),
}

impl Pending {
    pub(super) fn new(route: &HttpRoute, rule: usize, kind: PendingKind) -> Pending {
        Pending { namespace: route.namespace.clone(), route: route.name.clone(), rule, kind }
    }

    /// The filter this adds to rule `rule` of `route` (`URLRewrite`, `CORS`), if any.
    pub(super) fn filter_for(&self, route: &HttpRoute, rule: usize) -> Option<&'static str> {
        if self.rule != rule || self.route != route.name || self.namespace != route.namespace {
            return None;
        }
        match self.kind {
            PendingKind::Rewrite { .. } => Some("URLRewrite"),
            PendingKind::Cors(_) => Some("CORS"),
            PendingKind::Timeout(_) => None,
        }
    }
}

/// common_emitter `Emit`: timeouts, then path rewrites, then CORS, each to the rule it was read for.
pub(super) fn apply_pending(output: &mut Output, pending: Vec<Pending>) {
    let stage = |k: &PendingKind| match k {
        PendingKind::Timeout(_) => 0,
        PendingKind::Rewrite { .. } => 1,
        PendingKind::Cors(_) => 2,
    };
    let mut pending = pending;
    crate::order::sort_by_key(&mut pending, |p| stage(&p.kind));
    for p in pending {
        let Some(route) = output.http_route_mut(&p.namespace, &p.route) else { continue };
        let Some(rule) = route.rules.get_mut(p.rule) else { continue };
        match p.kind {
            // `maxTimeout * tcpTimeoutMultiplier` as Go's Duration.String().
            PendingKind::Timeout(seconds) => rule.timeout_request = Some(go_duration(seconds.saturating_mul(10))),
            PendingKind::Rewrite { full_path, forwarded_prefix } => {
                let path = Some(PathModifier::ReplaceFullPath(full_path));
                rule.filters.push(HttpFilter::UrlRewrite(UrlRewrite { hostname: None, path }));
                if let Some(prefix) = forwarded_prefix {
                    let header = ("X-Forwarded-Prefix".to_string(), prefix);
                    // Into the rule's RequestHeaderModifier when it has one (a second one is refused).
                    let existing = rule.filters.iter_mut().find_map(|f| match f {
                        HttpFilter::RequestHeaderModifier(m) => Some(m),
                        _ => None,
                    });
                    match existing {
                        Some(modifier) => modifier.set.push(header),
                        None => rule.filters.push(HttpFilter::RequestHeaderModifier(HeaderModifier {
                            set: vec![header],
                            ..Default::default()
                        })),
                    }
                }
            }
            PendingKind::Cors(cors) => rule.filters.push(HttpFilter::Cors(cors)),
        }
    }
}

/// Go's `time.Duration.String()` for whole seconds: `45s`, `10m0s`, `1h0m0s`.
fn go_duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, _) => format!("{m}m{s}s"),
        _ => format!("{h}h{m}m{s}s"),
    }
}

/// `field.NewPath(ns, name, "metadata", "annotations", %q)` as text.
fn annotation_path(cx: &Cx<'_, '_>, i: usize, key: &str) -> String {
    let ing = cx.ingress(i);
    format!("{}.{}.metadata.annotations.{key:?}", ing.namespace(), ing.name())
}

/// `timeouts.go` `applyTimeoutsToEmitterIR`: proxy-connect/read/send-timeout (whole seconds > 0)
/// → `timeouts.request` of 10 × the largest, with upstream's warning; bad values are skipped.
pub(super) fn timeouts(cx: &mut Cx<'_, '_>, output: &Output, pending: &mut Vec<Pending>) {
    for route in &output.http_routes {
        for (rule_index, rule) in route.rules.iter().enumerate() {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            let mut largest = None;
            let mut first_key = PROXY_CONNECT_TIMEOUT;
            for key in [PROXY_CONNECT_TIMEOUT, PROXY_READ_TIMEOUT, PROXY_SEND_TIMEOUT] {
                let value = cx.text(i, key);
                if value.is_empty() {
                    continue;
                }
                let parsed = match parse_int(value, 64) {
                    None => Err("must be an integer number of seconds"),
                    Some(s) if s <= 0 => Err("must be > 0"),
                    Some(s) => Ok(s),
                };
                match parsed {
                    Ok(seconds) => {
                        if largest.is_none() {
                            first_key = key;
                        }
                        largest = Some(largest.map_or(seconds, |l: i64| l.max(seconds)));
                    }
                    Err(why) => {
                        let message = format!("Invalid timeout annotation {key}={value:?}: {why}, skipping timeout");
                        cx.on_ingress(NoticeLevel::Warning, "timeout-invalid", message, i, key);
                    }
                }
            }
            let Some(seconds) = largest else { continue };
            pending.push(Pending::new(route, rule_index, PendingKind::Timeout(seconds)));
            let message = "ingress-nginx only supports TCP-level timeouts; i2gw has made a best-effort translation to Gateway API timeouts.request. Please verify that this meets your needs. See documentation: https://gateway-api.sigs.k8s.io/guides/http-timeouts/".to_string();
            cx.on_route(NoticeLevel::Warning, "timeouts-approximated", message, route, i, first_key);
        }
    }
}

/// `cors.go` `applyCorsToEmitterIR`: `enable-cors: true` → a CORS filter with ingress-nginx's
/// defaults (origin `*`, its methods and headers, credentials true, max age 1728000).
pub(super) fn cors(cx: &mut Cx<'_, '_>, output: &Output, pending: &mut Vec<Pending>) {
    let list = |text: &str| -> Vec<String> {
        text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
    };
    let or_default = |text: &str, default: &[&str]| {
        if text.is_empty() {
            default.iter().map(|s| s.to_string()).collect()
        } else {
            list(text)
        }
    };
    for route in &output.http_routes {
        for (rule_index, rule) in route.rules.iter().enumerate() {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            if cx.value(i, ENABLE_CORS).and_then(parse_bool) != Some(true) {
                continue;
            }
            let allow_credentials = !matches!(cx.value(i, CORS_ALLOW_CREDENTIALS).and_then(parse_bool), Some(false));
            let mut max_age = 1_728_000;
            let text = cx.text(i, CORS_MAX_AGE);
            if !text.is_empty() {
                match parse_int(text, 32) {
                    Some(v) => max_age = v,
                    None => {
                        let message = format!("Invalid cors-max-age annotation {text:?}, using default {max_age}");
                        cx.on_ingress(NoticeLevel::Error, "cors-invalid", message, i, CORS_MAX_AGE);
                    }
                }
            }
            let cors = Cors {
                allow_origins: or_default(cx.text(i, CORS_ALLOW_ORIGIN), &["*"]),
                allow_methods: or_default(
                    cx.text(i, CORS_ALLOW_METHODS),
                    &["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"],
                ),
                allow_headers: or_default(
                    cx.text(i, CORS_ALLOW_HEADERS),
                    &[
                        "DNT",
                        "Keep-Alive",
                        "User-Agent",
                        "X-Requested-With",
                        "If-Modified-Since",
                        "Cache-Control",
                        "Content-Type",
                        "Range",
                        "Authorization",
                    ],
                ),
                expose_headers: list(cx.text(i, CORS_EXPOSE_HEADERS)),
                allow_credentials: Some(allow_credentials),
                max_age: Some(max_age),
            };
            pending.push(Pending::new(route, rule_index, PendingKind::Cors(cors)));
        }
    }
}

/// `bodysize.go` `applyBodySizeToEmitterIR`: read, validated, and reported by the standard
/// emitter (no emitter of Gateway API's standard objects writes it).
pub(super) fn body_size(cx: &mut Cx<'_, '_>, output: &Output) {
    for route in &output.http_routes {
        'rules: for rule in &route.rules {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            let mut read = Vec::new();
            for (key, level, name, what) in [
                (PROXY_BODY_SIZE, NoticeLevel::Error, "proxy-body-size", "body size"),
                (CLIENT_BODY_BUFFER_SIZE, NoticeLevel::Warning, "client-body-buffer-size", "buffer size"),
            ] {
                let value = cx.text(i, key);
                if value.is_empty() {
                    continue;
                }
                if !nginx_size(value) {
                    let message = format!(
                        "Invalid {name} annotation {value:?}: invalid nginx size format: {:?}, skipping {what}",
                        value.trim()
                    );
                    cx.on_ingress(level, "body-size-invalid", message, i, key);
                    continue 'rules;
                }
                read.push(key);
            }
            if read.is_empty() {
                continue;
            }
            let paths: Vec<String> = read.iter().map(|k| annotation_path(cx, i, k)).collect();
            let message = format!("Failed to apply {} from {}: Most Gateway API implementations have reasonable body size and buffering defaults", paths.join(", "), cx.id(i));
            cx.on_route(NoticeLevel::Warning, "body-size-not-converted", message, route, i, read[0]);
        }
    }
}

/// `nginxSizeRegex` `^(?i)(\d+)([bkmg]?)$` after trimming spaces.
fn nginx_size(value: &str) -> bool {
    let v = value.trim();
    let digits = v.trim_end_matches(|c: char| "bkmgBKMG".contains(c));
    v.len() - digits.len() <= 1 && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `iprange.go` `applyIPRangeControlToEmitterIR`: whitelist/denylist-source-range, reported.
pub(super) fn ip_ranges(cx: &mut Cx<'_, '_>, output: &Output) {
    for route in &output.http_routes {
        for rule in &route.rules {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            // A present annotation is a non-empty list, even when its value is empty.
            let keys: Vec<&str> = [WHITELIST_SOURCE_RANGE, DENYLIST_SOURCE_RANGE]
                .into_iter()
                .filter(|k| cx.value(i, k).is_some())
                .collect();
            if keys.is_empty() {
                continue;
            }
            let paths: Vec<String> = keys.iter().map(|k| annotation_path(cx, i, k)).collect();
            let message = format!(
                "Failed to apply {} from {}: IP-based authorization is not supported",
                paths.join(", "),
                cx.id(i)
            );
            cx.on_route(NoticeLevel::Warning, "ip-range-not-converted", message, route, i, keys[0]);
        }
    }
}

/// `session_affinity.go` `sessionAffinityFeature`: `affinity: cookie` on any source of a rule,
/// kept per Service of the rule's backends (the last rule wins) and reported per Service.
pub(super) fn session_affinity(cx: &mut Cx<'_, '_>, output: &Output) {
    let mut services: Vec<((String, String), Notice)> = Vec::new();
    for route in &output.http_routes {
        for rule in &route.rules {
            let Some(source) = rule.sources.iter().find(|s| cx.value(s.ingress, AFFINITY) == Some("cookie")) else {
                continue;
            };
            let i = source.ingress;
            let mut paths = vec![annotation_path(cx, i, AFFINITY)];
            if cx.value(i, SESSION_COOKIE_EXPIRES).and_then(|v| parse_int(v, 64)).is_some() {
                paths.push(annotation_path(cx, i, SESSION_COOKIE_EXPIRES));
            }
            let message = format!(
                "failed to parse {} from Ingress {}: Session affinity is not supported",
                cx.id(i),
                paths.join(", ")
            );
            for backend in &rule.backend_refs {
                let key = (route.namespace.clone(), backend.name.clone());
                let object = format!("Service {}/{}", key.0, key.1);
                let notice = Notice::new(NoticeLevel::Warning, "session-affinity-not-converted", message.clone())
                    .about(object, cx.span(i, AFFINITY));
                match services.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, existing)) => *existing = notice,
                    None => services.push((key, notice)),
                }
            }
        }
    }
    cx.notices.extend(services.into_iter().map(|(_, n)| n));
}

/// `backend_tls.go` `backendTLSFeature`: backends of `backend-protocol: HTTPS`/`GRPCS` (as written)
/// Ingresses get a BackendTLSPolicy when the proxy-ssl annotations pass upstream's strict checks.
/// Upstream's notices are kept; the policy itself is not written (the simulator does not route
/// through backend TLS), which an info notice says.
pub(super) fn backend_tls(cx: &mut Cx<'_, '_>, output: &Output) {
    let mut routes: Vec<&HttpRoute> = output.http_routes.iter().collect();
    crate::order::sort_by(&mut routes, |a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    // Policies written so far: (namespace, name) → (hostname, CA ConfigMap).
    let mut policies: Vec<((String, String), (String, String))> = Vec::new();
    for route in routes {
        for rule in &route.rules {
            for backend_index in 0..rule.sources.len() {
                let Some(i) = cx.main_ingress(&rule.sources) else { continue };
                let Some(backend) = rule.backend_refs.get(backend_index) else { continue };
                if backend.kind.as_deref().is_some_and(|k| k != "Service")
                    || backend.group.as_deref().is_some_and(|g| !g.is_empty() && g != "core")
                {
                    continue;
                }
                let protocol = cx.text(i, BACKEND_PROTOCOL);
                if protocol != "HTTPS" && protocol != "GRPCS" {
                    continue;
                }
                let id = cx.id(i);
                if !cx.text(i, PROXY_SSL_VERIFY_DEPTH).is_empty() {
                    let message = format!("Ingress {id} specifies {PROXY_SSL_VERIFY_DEPTH}. Gateway API v1 BackendTLSPolicy does not support configuring verification depth.");
                    cx.on_ingress(NoticeLevel::Warning, "backend-tls-unsupported", message, i, PROXY_SSL_VERIFY_DEPTH);
                }
                if !cx.text(i, PROXY_SSL_PROTOCOLS).is_empty() {
                    let message = format!("Ingress {id} specifies {PROXY_SSL_PROTOCOLS}. Gateway API v1 BackendTLSPolicy does not support configuring specific TLS protocols.");
                    cx.on_ingress(NoticeLevel::Warning, "backend-tls-unsupported", message, i, PROXY_SSL_PROTOCOLS);
                }
                let secret = cx.text(i, PROXY_SSL_SECRET);
                let hostname = cx.text(i, PROXY_SSL_NAME);
                let mut failures = Vec::new();
                if cx.text(i, PROXY_SSL_VERIFY) != "on" {
                    failures.push(format!("{PROXY_SSL_VERIFY} must be strictly 'on'"));
                }
                if secret.is_empty() {
                    failures.push(format!("{PROXY_SSL_SECRET} must be provided with a trusted CA certificate"));
                }
                if cx.text(i, PROXY_SSL_SERVER_NAME) != "on" {
                    failures.push(format!("{PROXY_SSL_SERVER_NAME} must be strictly 'on' (SNI is required)"));
                }
                if hostname.is_empty() {
                    failures.push(format!(
                        "{PROXY_SSL_NAME} must be explicitly provided (defaulting to upstream_balancer is invalid)"
                    ));
                }
                if !failures.is_empty() {
                    let message = format!("Ingress {id} requested backend TLS but failed strict validation requirements to emit a BackendTLSPolicy: {}", failures.join(", "));
                    cx.on_ingress(NoticeLevel::Error, "backend-tls-invalid", message, i, BACKEND_PROTOCOL);
                    continue;
                }
                let namespace = route.namespace.clone();
                let policy = format!("{}-backend-tls", backend.name);
                let mut ca = secret.to_string();
                if let Some((secret_namespace, name)) = secret.split_once('/') {
                    if secret_namespace != namespace {
                        let message = format!("Ingress {id} specifies backend TLS secret {secret} in a different namespace. BackendTLSPolicy only supports local references. Policy will not be generated.");
                        cx.on_ingress(NoticeLevel::Error, "backend-tls-invalid", message, i, PROXY_SSL_SECRET);
                        continue;
                    }
                    ca = name.to_string();
                }
                let message = format!("Ingress {id}: mTLS will not be configured. The original Secret {secret:?} contains client certificates (tls.crt/tls.key) for mutual TLS authentication, but Gateway API BackendTLSPolicy does not support client certificate authentication. Only server CA verification will be configured.");
                cx.on_ingress(NoticeLevel::Warning, "backend-tls-mtls-dropped", message, i, PROXY_SSL_SECRET);
                let message = format!("Ingress {id}: The generated BackendTLSPolicy references a ConfigMap {ca:?} for CA certificate validation. You must create a ConfigMap named {ca:?} in namespace {namespace:?} with the CA certificate from your Secret under the key \"ca.crt\".");
                cx.on_ingress(NoticeLevel::Info, "backend-tls-ca-configmap", message, i, PROXY_SSL_SECRET);
                let key = (namespace.clone(), policy.clone());
                let validation = (hostname.to_string(), ca.clone());
                if let Some((_, existing)) = policies.iter().find(|(k, _)| *k == key) {
                    if *existing != validation {
                        let message = format!("Conflict detected for BackendTLSPolicy {policy}. Ingress {id} defines different TLS settings than a previously processed Ingress. Keeping the first one.");
                        cx.on_ingress(NoticeLevel::Warning, "backend-tls-conflict", message, i, PROXY_SSL_SECRET);
                    }
                    continue;
                }
                policies.push((key, validation));
                let message = format!("BackendTLSPolicy {namespace}/{policy} (Service {}, hostname {hostname:?}, CA ConfigMap {ca:?}) is not written: ingress2gateway writes it, the simulator does not route through backend TLS", backend.name);
                cx.on_ingress(NoticeLevel::Info, "backend-tls-policy-not-written", message, i, BACKEND_PROTOCOL);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn go_durations_and_sizes() {
        assert_eq!(super::go_duration(600), "10m0s");
        assert_eq!(super::go_duration(50), "50s");
        assert_eq!(super::go_duration(3600), "1h0m0s");
        assert!(super::nginx_size(" 8m "));
        assert!(super::nginx_size("100"));
        assert!(!super::nginx_size("8mb"));
        assert!(!super::nginx_size("m"));
    }
}
