//! Cases about Gateway API requests: which cases are routed through a Gateway
//! ([`Simulator::asks_gateway`], the one rule the CLI and the JS API follow too), under which
//! implementation, and how a [`GatewayDecision`] is judged against `expect`.
//!
//! ```yaml
//! gateway: gateway-conformance-infra/same-namespace   # optional with one Gateway; a case may name its own
//! profile: envoy-gateway                               # spec (default) | envoy-gateway | contour
//! cases:
//! - name: /v2 goes to v2, rewritten
//!   host: example.com
//!   path: /v2/x?q=1
//!   method: POST                                       # optional (GET)
//!   headers: {Version: two}                            # optional
//!   expect:
//!     status: 200
//!     backend: infra-backend-v2                        # name, name:port or namespace/name:port
//!     namespace: gateway-conformance-infra             # the backend's namespace
//!     route: gateway-conformance-infra/matching        # namespace/name of the answering route
//!     listener: http                                   # the listener that took the request
//!     rule: 1                                          # the winning rule: index, or its name
//!     upstreamPath: /x?q=1                             # the path and query the backend receives
//!     upstreamHost: example.com                        # the Host it receives
//!     upstreamHeaders: {X-Header-Set: set}             # each present with this value (names case-insensitive)
//!     absentUpstreamHeaders: [X-Header-Remove]
//!     responseHeaders: {X-Frame-Options: DENY}         # set on the response by filters
//!     absentResponseHeaders: [Server]
//!     # redirect: https://example.com/               # the Location of a RequestRedirect
//!     # outcome: rule | redirect | no-match | misdirected | backend-error | no-listener | cors-preflight
//! ```

use super::{Case, CaseFile, CaseReport, CaseResult, Expect, Uncovered};
use crate::decision::Outcome;
use crate::gateway::coverage::MatchKey;
use crate::gateway::{GatewayBackend, GatewayDecision, GatewayOutcome, Implementation};
use crate::{Explain, ProfileName, Simulator};

/// Runs every case of `file` through a Gateway under `implementation`, whatever the file's own
/// `profile` and whatever else the input holds (the upstream evidence runs each file under every
/// implementation this way). [`super::run_cases`] routes the cases that ask a Gateway under its
/// profile name's Gateway API reading.
pub fn run_gateway_cases(sim: &Simulator, implementation: Implementation, file: &CaseFile) -> CaseReport {
    let mut report = CaseReport::default();
    for (index, case) in file.cases.iter().enumerate() {
        let (result, _) = judge_case(sim, file, case, index, Ok(implementation));
        report.count(result);
    }
    report
}

/// The Gateways a run's cases went through, and the matches their decisions won with: its
/// Gateway coverage.
#[derive(Debug, Default)]
pub(super) struct Reached {
    /// `namespace/name`, in the order the cases first reached them.
    gateways: Vec<String>,
    /// Each once. A list rather than a hash set: the JS API package pays for every set type
    /// (~1.7 KB), and a case file reaches tens of matches, not thousands.
    matches: Vec<MatchKey>,
}

impl Reached {
    fn record(&mut self, decision: &GatewayDecision) {
        if !self.gateways.contains(&decision.gateway) {
            self.gateways.push(decision.gateway.clone());
        }
        if let Some(key) = MatchKey::of(decision).filter(|key| !self.matches.contains(key)) {
            self.matches.push(key);
        }
    }

    /// Counts the matches of every Gateway a case went through as coverable, and lists those no
    /// decision won with (input order), after the Ingress paths.
    pub(super) fn list_uncovered(&self, sim: &Simulator, name: &ProfileName, report: &mut CaseReport, listed: usize) {
        let Ok(implementation) = name.gateway() else { return };
        if self.gateways.is_empty() {
            return;
        }
        let (mut coverable, mut uncovered) = (0, 0);
        for gateway in &self.gateways {
            for item in sim.reachable_matches(implementation, gateway) {
                coverable += 1;
                if self.matches.contains(&item.key) {
                    continue;
                }
                uncovered += 1;
                // `CaseReport::list_uncovered`'s rule, written out (one generic instance less).
                if report.uncovered.len() >= listed {
                    report.unlisted += 1;
                    continue;
                }
                report.uncovered.push(Uncovered {
                    ingress: item.key.route.clone(),
                    rule: Some(item.key.rule),
                    host: Some(item.hosts),
                    path: item.path.as_ref().map(|(value, _)| value.clone()),
                    path_type: item.path.map(|(_, kind)| kind.to_string()),
                    backend: item.backend,
                    span: item.span,
                    gateway: Some(item.key.gateway),
                    listener: Some(item.key.listener),
                    route: Some(item.key.route),
                    route_kind: Some(item.route_kind.as_str().to_string()),
                    match_index: item.key.match_index,
                    ..Uncovered::default()
                });
            }
        }
        report.coverable += coverable;
        report.coverable_matches = Some(coverable);
        report.uncovered_matches = Some(uncovered);
    }
}

/// The result of `case` when it asks a Gateway ([`Simulator::asks_gateway`] for the case's or the
/// file's `gateway`), under the name's Gateway API implementation (a failed case when it has none);
/// `None` for an Ingress case.
pub(super) fn run_case(
    sim: &Simulator,
    file: &CaseFile,
    case: &Case,
    index: usize,
    profile: &ProfileName,
    reached: &mut Reached,
) -> Option<CaseResult> {
    let gateway = case.gateway.as_deref().or(file.gateway.as_deref());
    sim.asks_gateway(gateway).then(|| {
        let (result, decision) = judge_case(sim, file, case, index, profile.gateway());
        if let Some(decision) = decision {
            reached.record(&decision);
        }
        result
    })
}

/// Routes one case through its Gateway and judges the decision (returned too, when there is one).
fn judge_case(
    sim: &Simulator,
    file: &CaseFile,
    case: &Case,
    index: usize,
    implementation: Result<Implementation, String>,
) -> (CaseResult, Option<GatewayDecision>) {
    let name = super::case_name(case);
    let gateway = case.gateway.as_deref().or(file.gateway.as_deref());
    let decision = implementation
        .and_then(|chosen| sim.route_gateway(&case.request, gateway, chosen, Explain::No).map_err(|e| e.to_string()));
    let expected = case.expect.describe();
    match decision {
        Ok(decision) => {
            let result = CaseResult {
                index,
                name,
                passed: holds(&case.expect, &decision),
                expected,
                actual: actual(&case.expect, &decision),
                outcome: ingress_outcome(decision.outcome),
                backend: decision.backend_label(),
                ingress: decision.route.clone(),
                span: case.span,
            };
            (result, Some(decision))
        }
        Err(problem) => (super::failed(case, index, problem), None),
    }
}

/// The Ingress outcome a report shows for a Gateway outcome (the JSON `outcome` of a case
/// result); the report's `actual` text names the Gateway outcome itself.
fn ingress_outcome(outcome: GatewayOutcome) -> Outcome {
    match outcome {
        GatewayOutcome::Rule => Outcome::Rule,
        GatewayOutcome::Redirect => Outcome::Redirect,
        GatewayOutcome::NoMatch | GatewayOutcome::NoListener => Outcome::NoMatch,
        _ => Outcome::ControllerAnswer,
    }
}

/// Does every expectation hold for the decision?
fn holds(e: &Expect, d: &GatewayDecision) -> bool {
    let same = |want: &Option<String>, got: Option<&str>| want.as_deref().is_none_or(|w| Some(w) == got);
    let backend_namespace = d.backend.as_ref().map(|b| match b {
        GatewayBackend::Service { namespace, .. } | GatewayBackend::Resource { namespace, .. } => namespace.as_str(),
    });
    e.backend.as_deref().is_none_or(|want| d.outcome == GatewayOutcome::Rule && backend_matches(want, d.backend.as_ref()))
        && e.outcome.is_none_or(|o| o.as_str() == d.outcome.as_str())
        && e.gateway_outcome.is_none_or(|o| o == d.outcome)
        && e.status.is_none_or(|s| d.status == Some(s))
        && same(&e.location, d.redirect.as_ref().map(|r| r.location.as_str()))
        && same(&e.route, d.route.as_deref())
        && same(&e.listener, d.listener.as_deref())
        && e.rule.as_deref().is_none_or(|r| rule_matches(r, d))
        && same(&e.namespace, backend_namespace)
        && same(&e.upstream_path, d.upstream_path.as_deref())
        && same(&e.upstream_host, d.upstream_host.as_deref())
        && headers_hold(&e.upstream_headers, &e.absent_upstream_headers, &d.upstream_headers)
        && headers_hold(&e.response_headers, &e.absent_response_headers, &d.response_headers)
        // An Ingress-only expectation never holds for a Gateway decision.
        && e.ingress.is_none()
        && e.path.is_none()
        && e.path_type.is_none()
        && e.tls.is_none()
}

/// `name`, `name:port`, `namespace/name` or `namespace/name:port` of a Service backend;
/// `resource:Kind/name` of another kind.
fn backend_matches(want: &str, got: Option<&GatewayBackend>) -> bool {
    match got {
        Some(GatewayBackend::Service { name, namespace, port }) => {
            let (who, port_wanted) = match want.rsplit_once(':') {
                Some((who, p)) if p.bytes().all(|b| b.is_ascii_digit()) => (who, Some(p)),
                _ => (want, None),
            };
            let name_holds = match who.split_once('/') {
                Some((ns, n)) => ns == namespace && n == name,
                None => who == name,
            };
            let port_holds = port_wanted.is_none_or(|p| port.is_some_and(|port| port.number.to_string() == p));
            name_holds && port_holds
        }
        Some(GatewayBackend::Resource { kind, name, .. }) => want == format!("resource:{kind}/{name}"),
        None => false,
    }
}

/// `rule: 1` names the rule by index, `rule: login` by its `name`.
fn rule_matches(want: &str, d: &GatewayDecision) -> bool {
    match want.parse::<usize>() {
        Ok(index) => d.rule == Some(index),
        Err(_) => d.rule_name.as_deref() == Some(want),
    }
}

/// The value a header has among `headers` (names case-insensitive; several joined with `,`, as
/// the Gateway API conformance suite reads a header with several values).
fn header_value(headers: &[(String, String)], name: &str) -> Option<String> {
    let values: Vec<&str> =
        headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect();
    (!values.is_empty()).then(|| values.join(","))
}

fn headers_hold(present: &[(String, String)], absent: &[String], got: &[(String, String)]) -> bool {
    present.iter().all(|(name, value)| header_value(got, name).as_deref() == Some(value.as_str()))
        && absent.iter().all(|name| header_value(got, name).is_none())
}

/// What happened, for the report: outcome, backend, route and rule, status, and whatever else the
/// case asks about.
fn actual(e: &Expect, d: &GatewayDecision) -> String {
    let mut text = d.outcome.as_str().to_string();
    if let Some(backend) = &d.backend {
        text.push_str(&format!(" {backend}"));
    }
    if let Some(route) = &d.route {
        let rule = d.rule.map(|r| format!(" rule {r}")).unwrap_or_default();
        let listener = d.listener.as_deref().map(|l| format!(" on listener {l}")).unwrap_or_default();
        text.push_str(&format!(" ({route}{rule}{listener})"));
    }
    match d.status {
        Some(status) => text.push_str(&format!(", status {status}")),
        None => text.push_str(", no status"),
    }
    if let Some(redirect) = &d.redirect {
        text.push_str(&format!(", redirect {}", redirect.location));
    }
    if e.upstream_path.is_some() {
        text.push_str(&format!(", upstreamPath {}", d.upstream_path.as_deref().unwrap_or("(none)")));
    }
    if e.upstream_host.is_some() {
        text.push_str(&format!(", upstreamHost {}", d.upstream_host.as_deref().unwrap_or("(none)")));
    }
    for (label, wanted, absent, got) in [
        ("upstream header", &e.upstream_headers, &e.absent_upstream_headers, &d.upstream_headers),
        ("response header", &e.response_headers, &e.absent_response_headers, &d.response_headers),
    ] {
        let names = wanted.iter().map(|(n, _)| n).chain(absent.iter());
        for name in names {
            match header_value(got, name) {
                Some(value) => text.push_str(&format!(", {label} {name}: {value}")),
                None => text.push_str(&format!(", no {label} {name}")),
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use crate::cases::parse_cases;
    use crate::gateway::{GatewayOutcome, Implementation};
    use crate::Profile;

    use crate::cases::error_lines as errors;

    #[test]
    fn gateway_keys_are_read() {
        let text = "gateway: infra/same-namespace\nprofile: envoy-gateway\ncases:\n- name: a\n  gateway: infra/other\n  host: example.com\n  path: /v2?x=1\n  method: POST\n  headers: {Version: two}\n  expect:\n    status: 200\n    backend: infra-backend-v2:8080\n    namespace: infra\n    route: infra/matching\n    listener: http\n    rule: 1\n    upstreamPath: /x?x=1\n    upstreamHost: example.org\n    upstreamHeaders: {X-A: \"1\", x-b: two}\n    absentUpstreamHeaders: [X-Remove]\n    responseHeaders: [\"X-C: 3\"]\n    absentResponseHeaders: X-D\n- host: a\n  expect: {redirect: \"https://a/\", outcome: misdirected}\n";
        let (file, errors) = parse_cases(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(file.gateway.as_deref(), Some("infra/same-namespace"));
        assert_eq!((file.profile, file.implementation), (None, Some(Implementation::EnvoyGateway)));
        let case = &file.cases[0];
        assert_eq!(case.gateway.as_deref(), Some("infra/other"));
        let e = &case.expect;
        assert_eq!(
            (e.status, e.backend.as_deref(), e.namespace.as_deref()),
            (Some(200), Some("infra-backend-v2:8080"), Some("infra"))
        );
        assert_eq!(
            (e.route.as_deref(), e.listener.as_deref(), e.rule.as_deref()),
            (Some("infra/matching"), Some("http"), Some("1"))
        );
        assert_eq!((e.upstream_path.as_deref(), e.upstream_host.as_deref()), (Some("/x?x=1"), Some("example.org")));
        assert_eq!(e.upstream_headers, [("X-A".to_string(), "1".to_string()), ("x-b".to_string(), "two".to_string())]);
        assert_eq!(e.absent_upstream_headers, ["X-Remove"]);
        assert_eq!(e.response_headers, [("X-C".to_string(), "3".to_string())]);
        assert_eq!(e.absent_response_headers, ["X-D"]);
        assert!(e.asks_gateway_decision());
        let second = &file.cases[1].expect;
        assert_eq!(second.location.as_deref(), Some("https://a/"));
        assert_eq!((second.outcome, second.gateway_outcome), (None, Some(GatewayOutcome::Misdirected)));
    }

    #[test]
    fn a_profile_is_an_ingress_profile_an_implementation_or_both() {
        let read = |name: &str| {
            let (file, errors) = parse_cases(&format!("profile: {name}\ncases: []\n"));
            assert!(errors.is_empty(), "{name}: {errors:?}");
            (file.profile, file.implementation)
        };
        assert_eq!(read("spec"), (Some(Profile::Spec), Some(Implementation::Spec)));
        assert_eq!(read("contour"), (Some(Profile::Contour), Some(Implementation::Contour)));
        assert_eq!(read("envoy-gateway"), (None, Some(Implementation::EnvoyGateway)));
        assert_eq!(read("ingress-nginx"), (Some(Profile::IngressNginx), None));
        let neither = errors("profile: envoy\ncases: []\n");
        assert_eq!(neither.len(), 1, "{neither:?}");
        assert!(neither[0].starts_with("1:10: profile: \"envoy\" is not one of spec, ingress-nginx, "), "{neither:?}");
        assert!(
            neither[0].ends_with("nor of spec, envoy-gateway, contour (Gateway API implementations)"),
            "{neither:?}"
        );
    }

    /// A profile name routes the cases it can: `spec` both kinds, `envoy-gateway` Gateway cases only,
    /// `ingress-nginx` Ingress cases only; the others fail, saying why.
    #[test]
    fn each_case_runs_under_its_kind_of_profile_or_fails_saying_why() {
        let manifest = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: ns}\nspec:\n  gatewayClassName: c\n  listeners:\n  - {name: http, protocol: HTTP, port: 80}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: ns}\nspec:\n  parentRefs: [{name: gw}]\n  rules:\n  - backendRefs: [{name: web, port: 8080}]\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: ns}\nspec:\n  defaultBackend:\n    service: {name: old, port: {number: 80}}\n";
        let sim = crate::Simulator::new(manifest, &crate::Options::default());
        let text = "cases:\n- name: through the gateway\n  gateway: ns/gw\n  host: a.example\n  path: /x\n  expect: {status: 200, backend: \"web:8080\", namespace: ns, route: ns/r, upstreamPath: /x}\n- name: through the ingress\n  host: a.example\n  path: /x\n  expect: {backend: \"old:80\", outcome: default-backend}\n";
        let (file, errors) = parse_cases(text);
        assert!(errors.is_empty(), "{errors:?}");
        let run = |name: &str| {
            let report = crate::cases::run_cases(&sim, crate::ProfileName::parse(name).unwrap(), &file);
            report.results.iter().map(|r| (r.passed, r.actual.clone())).collect::<Vec<_>>()
        };
        let spec = run("spec");
        assert!(spec.iter().all(|(passed, _)| *passed), "{spec:?}");
        let envoy = run("envoy-gateway");
        assert!(envoy[0].0, "{envoy:?}");
        assert!(!envoy[1].0 && envoy[1].1.contains("is a Gateway API implementation"), "{envoy:?}");
        let nginx = run("ingress-nginx");
        assert!(!nginx[0].0 && nginx[0].1.contains("routes Ingresses only"), "{nginx:?}");
        assert!(nginx[1].0, "{nginx:?}");
        // A Profile still works as the profile (the callers from before Gateway API).
        assert_eq!(crate::cases::run_cases(&sim, Profile::Spec, &file).passed, 2);
    }

    #[test]
    fn a_files_profile_name_keeps_both_readings() {
        let name = |text: &str| parse_cases(text).0.profile_name().map(|n| n.to_string());
        assert_eq!(name("profile: envoy-gateway\ncases: []\n").as_deref(), Some("envoy-gateway"));
        assert_eq!(name("profile: contour\ncases: []\n").as_deref(), Some("contour"));
        assert_eq!(name("profile: traefik@3.6\ncases: []\n").as_deref(), Some("traefik@3.6"));
        assert_eq!(name("cases: []\n"), None);
        let error = errors("profile: traefik@9.9\ncases: []\n");
        assert!(error[0].starts_with("1:10: profile: "), "{error:?}");
    }

    #[test]
    fn bad_gateway_expectations_are_reported_where_they_are_written() {
        let outcome = errors("cases:\n- host: a\n  expect: {outcome: lost}\n");
        assert_eq!(outcome.len(), 1);
        assert!(outcome[0].starts_with("3:21: cases[0].expect.outcome: \"lost\" is not one of rule, default-backend, no-match, redirect, config-error, controller-answer, misdirected, backend-error, no-listener"), "{outcome:?}");
        let headers = errors("cases:\n- host: a\n  expect:\n    status: 200\n    upstreamHeaders: [nocolon]\n");
        assert_eq!(
            headers,
            ["5:23: cases[0].expect.upstreamHeaders: \"nocolon\" is not a header: write it as Name: value"]
        );
        let absent = errors("cases:\n- host: a\n  expect:\n    status: 200\n    absentUpstreamHeaders: {a: b}\n");
        assert_eq!(
            absent,
            ["5:28: cases[0].expect.absentUpstreamHeaders: expected a list of header names, found a mapping"]
        );
        let nothing = errors("cases:\n- host: a\n  expect: {route: ns/r}\n");
        assert_eq!(nothing, ["3:11: cases[0].expect: give `backend`, `outcome`, `status` or `redirect`"]);
        assert_eq!(errors("cases:\n- host: a\n  expect: {redirect: \"http://b/\"}\n"), Vec::<String>::new());
    }
}
