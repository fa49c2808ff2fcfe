//! The ingress-nginx provider: what kubernetes-sigs/ingress2gateway v1.1.0
//! (`pkg/i2gw/providers/ingressnginx/`, `pkg/i2gw/emitters/common_emitter`,
//! `pkg/i2gw/emitters/standard`) adds to the common converter's objects, run in upstream's order:
//!
//! - N1 `converter.go` `convert`: an Ingress's `backend-protocol` picks its routes' kind —
//!   `GRPC`/`GRPCS` (any case) a GRPCRoute, `HTTP`/`HTTPS`/`AUTO_HTTP` or no annotation an
//!   HTTPRoute; any other value (FCGI, `""`, unknown) leaves the Ingress out with a warning
//!   ([`protocol_of`]). Any GRPC Ingress → the "GRPC support is not fully implemented" warning.
//! - N2 `converter.go` `implementationSpecificPathMatch`: ImplementationSpecific paths become
//!   PathPrefix matches ([`implementation_specific_path`]); the regex feature (N7) may rewrite them.
//! - N3 `converter.go` `convert`: a port-80 listener whose host has no port-443 listener on the same
//!   Gateway gets the self-signed-certificate warning (ingress-nginx serves every host over TLS).
//! - N4 `converter.go` `convert`: every `nginx.ingress.kubernetes.io/` annotation missing from
//!   `parsedAnnotations` (`annotations.go`) gets `Unsupported annotation <name>` — including
//!   `from-to-www-redirect`, which N13 does convert.
//! - N5 `canary.go` `canaryFeature` ([`canary`]): per rule with one canary and one main backend:
//!   weights `canary-weight` / `canary-weight-total − canary-weight` unless the canary is by header
//!   only; by header → a rule matching the header (`always`, or `canary-by-header-value`) to the
//!   canary, plus a `never` rule to the main backend when no value is given, and without a weight
//!   the canary leaves the main rule. GRPCRoutes get the weights only.
//! - N6 `redirect.go` `redirectFeature` ([`redirect`]): temporal-redirect (302, or 301/302/303/307)
//!   before permanent-redirect (301, or 301/302/303/307/308) → a RequestRedirect filter with the
//!   URL's scheme, host, port and path (`/` when none); the rule loses its backends. *Differs:*
//!   the host is lowercased (upstream writes it as typed, which the API server refuses). The
//!   URL's query is dropped (flagged `redirect-query-dropped`).
//! - N7 `headers.go` `headerModifierFeature`: `upstream-vhost` → set `Host`,
//!   `connection-proxy-header` → set `Connection`; `custom-headers` is reported.
//! - N8 `regex.go` `regexFeature` ([`regex`]): a host with any non-canary Ingress using `use-regex`
//!   or `rewrite-target` has every path match of its HTTPRoutes written `(?i)<path>.*`
//!   RegularExpression, with the case-insensitivity notice. Hosts are keyed by the rule's host, so
//!   rules without a host never switch (flagged `regex-hostless-prefix`: ingress-nginx's default
//!   server does), and a path with a top-level `|` matches other paths than nginx's `^<path>`
//!   (flagged `regex-alternation`).
//! - N9 `backend_tls.go` `backendTLSFeature`, `session_affinity.go`: reported (no routing effect).
//! - N10 `ssl_passthrough.go` `sslPassthroughFeature` ([`passthrough`]): the backends of
//!   `ssl-passthrough: true` Ingresses move to a TLSRoute `<route>-tls-passthrough` on a new
//!   `<host>-tls-passthrough` TLS listener (port 443, Passthrough); HTTPRoutes left empty go.
//!   *Differs:* a TLSRoute without hostnames or backends, which the API server refuses, is not
//!   written (`tls-route-not-written`). Flagged: plain HTTP to those paths loses its route
//!   (`passthrough-http-dropped`: ingress-nginx still serves it) and a TLSRoute with several
//!   backends spreads connections nginx gives to `/`'s Service (`passthrough-backends-merged`).
//! - N11 `approot.go` `appRootFeature`: `app-root` → a 302 redirect of Exact `/` (on the Exact `/`
//!   rule when there is one, else a new rule); an absolute URL is ignored with a warning.
//! - N12 `ingressnginx.go` `ToIR` after the provider IR, and the common emitter: `rewrite-target` →
//!   URLRewrite ReplaceFullPath (+ `X-Forwarded-Prefix` from `x-forwarded-prefix`) unless upstream
//!   saw a capture group; timeouts → `timeouts.request` = 10 × the largest; CORS → a CORS filter;
//!   body size and IP ranges are reported ([`extensions`], [`rewrite`]). The capture-group check
//!   looks for `\$`, so `/$1` is written literally (flagged `rewrite-capture-group-literal`).
//!   *Differs*, where upstream's output is refused by the API server: no URLRewrite on a rule that
//!   redirects (`rewrite-with-redirect`), and `X-Forwarded-Prefix` joins the rule's
//!   RequestHeaderModifier instead of a second one (`header-modifier-merged`).
//! - N13 `redirect.go` `addSSLAndTrailingSlashRedirects`, `addWWWRedirect` ([`redirect`]): for a
//!   host with TLS in any Ingress, a `<route>-http` HTTPRoute on port 80 answers 308 to https
//!   (rules whose Ingress sets `ssl-redirect: false` keep their backends) and the route binds to
//!   port 443; `/p/` paths get a 301 `/p` → `/p/` rule; `from-to-www-redirect` adds a `www.` twin
//!   route answering 301 to the host, with its listeners (*differs:* not for a wildcard host,
//!   where upstream's `www.*.` names make the API server refuse the Gateway:
//!   `www-redirect-not-written`). A rule kept on port 80 is copied before the common emitter adds
//!   its URLRewrite/CORS filters (flagged `http-copy-incomplete`).
//!
//! Notice codes (upstream's wording unless flagged): `unsupported-backend-protocol`,
//! `grpc-partial`, `self-signed-tls`, `unsupported-annotation`, `canary-invalid`,
//! `canary-invalid-rule`, `redirect-conflict`, `redirect-code-unsupported`, `redirect-invalid`,
//! `regex-case-insensitive`, `app-root-absolute`, `rewrite-not-converted`, `timeout-invalid`,
//! `timeouts-approximated`, `cors-invalid`, `body-size-invalid`, `body-size-not-converted`,
//! `ip-range-not-converted`, `session-affinity-not-converted`, `backend-tls-unsupported`,
//! `backend-tls-invalid`, `backend-tls-mtls-dropped`, `backend-tls-ca-configmap`,
//! `backend-tls-conflict`, `www-redirect-invalid`; ours: `regex-hostless-prefix`,
//! `regex-alternation`, `rewrite-capture-group-literal`, `http-copy-incomplete`,
//! `rewrite-with-redirect`, `header-modifier-merged`, `redirect-query-dropped`,
//! `tls-route-not-written`, `passthrough-http-dropped`, `passthrough-backends-merged`,
//! `www-redirect-not-written`, `backend-tls-policy-not-written`.
//!
//! Rule sources (`rule.sources`) follow upstream's `RuleBackendSources`: a canary header rule
//! keeps both sources (canary first) for one backend, and rules a feature adds (app-root, trailing
//! slash) have none.

mod annotations;
mod app_root;
mod canary;
mod extensions;
mod headers;
mod passthrough;
mod redirect;
mod regex;
mod rewrite;

use super::input::{Input, InputIngress};
use super::output::{BackendSource, HttpRoute, Output, PathMatch, PathMatchType, SourcePart};
use super::Protocol;
use crate::migrate::{Notice, NoticeLevel};
use crate::source::Span;
use annotations::{parse_bool, BACKEND_PROTOCOL, CANARY, PARSED, PREFIX};

/// N1: the kind of routes an Ingress's rules become, or `None` (left out, with upstream's warning).
pub(super) fn protocol_of(ingress: &InputIngress<'_>, notices: &mut Vec<Notice>) -> Option<Protocol> {
    match backend_protocol(ingress) {
        Ok(protocol) => Some(protocol),
        Err(value) => {
            let message = format!(
                "{value} backend-protocol is not supported in Gateway API conversion for ingress {}/{}",
                ingress.namespace(),
                ingress.name()
            );
            let span = ingress.annotation(BACKEND_PROTOCOL).map(|v| v.span);
            notices.push(
                Notice::new(NoticeLevel::Warning, "unsupported-backend-protocol", message)
                    .about(ingress.object(), span),
            );
            None
        }
    }
}

/// converter.go `convert`'s switch: `Err` holds a value it does not convert.
fn backend_protocol<'x>(ingress: &'x InputIngress<'_>) -> Result<Protocol, &'x str> {
    let Some(value) = ingress.annotation(BACKEND_PROTOCOL) else { return Ok(Protocol::Http) };
    // Go's `strings.ToUpper` is Unicode's; of the characters outside ASCII only `ı` and `ſ`
    // become ASCII letters (`I`, `S`), so mapping those two and ASCII gives the same matches
    // without Unicode's case tables (~3 KB of the JS package).
    let upper: String = value
        .value
        .chars()
        .map(|c| match c {
            'ı' => 'I',
            'ſ' => 'S',
            c => c.to_ascii_uppercase(),
        })
        .collect();
    match upper.as_str() {
        "GRPC" | "GRPCS" => Ok(Protocol::Grpc),
        "HTTP" | "HTTPS" | "AUTO_HTTP" => Ok(Protocol::Http),
        _ => Err(value.value.as_str()),
    }
}

/// N2: converter.go `implementationSpecificPathMatch`.
pub(super) fn implementation_specific_path(path: &mut PathMatch) {
    path.kind = PathMatchType::PathPrefix;
}

/// Everything the provider does after the common converter (N1's GRPC warning, N3…N13).
pub(super) fn apply(input: &Input<'_>, output: &mut Output, notices: &mut Vec<Notice>) {
    let mut cx = Cx { input, notices };
    cx.grpc_warning();
    cx.self_signed_tls(output);
    cx.unsupported_annotations();
    // converter.go newResourcesToIRConverter: the feature parsers, in this order
    // (createBackendTLSPolicies only validates backends: nothing to write).
    canary::apply(&mut cx, output);
    redirect::annotations(&mut cx, output);
    headers::apply(&mut cx, output);
    regex::apply(&mut cx, output);
    extensions::backend_tls(&mut cx, output);
    extensions::session_affinity(&mut cx, output);
    passthrough::apply(&mut cx, output);
    app_root::apply(&mut cx, output);
    // ingressnginx.go ToIR, on the emitter IR; what the common emitter applies is kept per rule
    // and applied last, to the rules it was read for (a `-http` copy made in between has none).
    let mut pending = Vec::new();
    rewrite::collect(&mut cx, output, &mut pending);
    extensions::ip_ranges(&mut cx, output);
    extensions::timeouts(&mut cx, output, &mut pending);
    extensions::cors(&mut cx, output, &mut pending);
    extensions::body_size(&mut cx, output);
    let provider_routes = output.http_routes.len();
    redirect::ssl_and_trailing_slash(&mut cx, output, &pending);
    redirect::www(&mut cx, output, provider_routes);
    // common_emitter Emit: applyTCPTimeouts, applyPathRewrites, applyCorsPolicies.
    extensions::apply_pending(output, pending);
}

/// What a feature needs: the input and where notices go.
pub(super) struct Cx<'i, 'a> {
    pub input: &'i Input<'a>,
    pub notices: &'i mut Vec<Notice>,
}

impl<'i, 'a> Cx<'i, 'a> {
    /// Ingress `i` of the input.
    pub fn ingress(&self, i: usize) -> &'i InputIngress<'a> {
        &self.input.ingresses[i]
    }

    /// The value of annotation `key` on Ingress `i` (Go's `ingress.Annotations[key]` with `ok`).
    pub fn value(&self, i: usize, key: &str) -> Option<&'i str> {
        self.input.ingresses[i].annotation(key).map(|v| v.value.as_str())
    }

    /// The value, `""` when absent (Go's map read without `ok`).
    pub fn text(&self, i: usize, key: &str) -> &'i str {
        self.value(i, key).unwrap_or("")
    }

    /// Where annotation `key` of Ingress `i` is written.
    pub fn span(&self, i: usize, key: &str) -> Option<Span> {
        self.input.ingresses[i].annotations().find(|(k, _)| k.value == key).map(|(k, _)| k.span)
    }

    /// `ns/name` of Ingress `i`.
    pub fn id(&self, i: usize) -> String {
        self.input.ingresses[i].ingress.id()
    }

    /// A notice about Ingress `i`, at annotation `key`.
    pub fn on_ingress(&mut self, level: NoticeLevel, code: &'static str, message: String, i: usize, key: &str) {
        let notice = Notice::new(level, code, message).about(self.ingress(i).object(), self.span(i, key));
        self.notices.push(notice);
    }

    /// A notice about `route` (upstream passes the HTTPRoute), at annotation `key` of Ingress `i`.
    pub fn on_route(
        &mut self,
        level: NoticeLevel,
        code: &'static str,
        message: String,
        route: &HttpRoute,
        i: usize,
        key: &str,
    ) {
        let object = format!("HTTPRoute {}/{}", route.namespace, route.name);
        let notice = Notice::new(level, code, message).about(object, self.span(i, key));
        self.notices.push(notice);
    }

    /// The paths, as written in the input, the rule's backends came from (host-wide notices list them).
    pub fn written_paths(&self, sources: &[BackendSource]) -> Vec<String> {
        let mut paths: Vec<String> = Vec::new();
        for source in sources {
            let SourcePart::Path { rule, path } = source.part else { continue };
            let rules = &self.ingress(source.ingress).ingress.spec.rules;
            let written = rules.get(rule).and_then(|r| r.http.as_ref()).and_then(|h| h.paths.get(path));
            if let Some(p) = written.map(|p| p.path().to_string()) {
                if !paths.contains(&p) {
                    paths.push(p);
                }
            }
        }
        paths
    }

    /// utils.go `getNonCanaryIngress`: the first source whose Ingress is not a canary
    /// (`canary` not true by `ParseBool`), else the first; `None` for a rule without sources.
    pub fn main_ingress(&self, sources: &[BackendSource]) -> Option<usize> {
        let canary = |s: &BackendSource| parse_bool(self.text(s.ingress, CANARY)).unwrap_or(false);
        sources.iter().find(|s| !canary(s)).or(sources.first()).map(|s| s.ingress)
    }

    /// N1: the GRPC warning (on the first GRPC Ingress, whose annotation says why).
    fn grpc_warning(&mut self) {
        let first = self.input.ingresses.iter().position(|ing| matches!(backend_protocol(ing), Ok(Protocol::Grpc)));
        if let Some(i) = first {
            let message = "GRPC support is not fully implemented. Some Ingress-NGINX GRPC behaviors may not be correctly translated, and untranslated behavior may not be notified.";
            self.on_ingress(NoticeLevel::Warning, "grpc-partial", message.to_string(), i, BACKEND_PROTOCOL);
        }
    }

    /// N3: hosts served on port 80 only. Upstream names no object; the notice points at the first
    /// Ingress rule of the Gateway's namespace and class with that host.
    fn self_signed_tls(&mut self, output: &Output) {
        for gateway in &output.gateways {
            let https: Vec<&str> =
                gateway.listeners.iter().filter(|l| l.port == 443).filter_map(|l| l.hostname.as_deref()).collect();
            for listener in gateway.listeners.iter().filter(|l| l.port == 80) {
                let Some(host) = listener.hostname.as_deref() else { continue };
                if https.contains(&host) {
                    continue;
                }
                let message = format!("Ingress NGINX serves TLS traffic for host {host:?} with a self-signed certificate. This behavior will not be translated and the host will not be accessible via HTTPS.");
                let mut notice = Notice::new(NoticeLevel::Warning, "self-signed-tls", message);
                let source = self.input.ingresses.iter().find_map(|ing| {
                    let same_gateway = ing.namespace() == gateway.namespace && ing.class == gateway.name;
                    let rule = ing.ingress.spec.rules.iter().find(|r| r.host.as_ref().is_some_and(|h| h.value == host));
                    same_gateway.then_some(()).and(rule).map(|r| (ing.object(), r.host.as_ref().map(|h| h.span)))
                });
                if let Some((object, span)) = source {
                    notice = notice.about(object, span);
                }
                self.notices.push(notice);
            }
        }
    }

    /// N4: `Unsupported annotation <name>`, per Ingress (sorted by name) in source order.
    fn unsupported_annotations(&mut self) {
        for ing in &self.input.ingresses {
            for (key, _) in ing.annotations() {
                if key.value.starts_with(PREFIX) && !PARSED.contains(&key.value.as_str()) {
                    let message = format!("Unsupported annotation {}", key.value);
                    let notice = Notice::new(NoticeLevel::Warning, "unsupported-annotation", message);
                    self.notices.push(notice.about(ing.object(), Some(key.span)));
                }
            }
        }
    }
}
