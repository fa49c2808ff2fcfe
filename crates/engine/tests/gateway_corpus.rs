//! The Gateway API part of the conformance corpus: every `tests/corpus/gateway-*.yaml` file is a
//! manifest of Gateway API objects plus requests and what the Gateway must answer (the `--cases`
//! format's Gateway keys, see `crates/engine/src/cases/gateway.rs` and `tests/corpus/README.md`).
//!
//! For every file: it parses as a case file with no error, has a name, a description and a source;
//! its manifest has no error diagnostic and Gateway API objects; every case is routed through a
//! Gateway ([`Simulator::asks_gateway`]) and passes under the file's implementation. For every case
//! the explained decision agrees with the batch one (status, outcome, backend, route, rule) and
//! names exactly one winner when a rule answers (none when nothing matched).
//!
//! (`tests/corpus.rs` runs the Ingress files and leaves these out by their `gateway-` prefix.)

#![cfg(feature = "gateway")]

use ingress_engine::cases::{run_cases, CaseFile};
use ingress_engine::gateway::{GatewayOutcome, GatewayVerdict, Implementation};
use ingress_engine::{Explain, Options, Simulator};
mod support;

use support::corpus::{corpus_dir, corpus_tests, load, read};

/// Every Gateway API corpus file; `every_gateway_file_is_listed` keeps the list, the directory and
/// the README in step.
const FILES: &[&str] = &[
    "gateway-docs-simple-gateway.yaml",
    "gateway-docs-http-routing.yaml",
    "gateway-docs-traffic-splitting.yaml",
    "gateway-docs-redirects-rewrites.yaml",
    "gateway-docs-header-modifiers.yaml",
    "gateway-docs-cross-namespace.yaml",
    "gateway-docs-tls.yaml",
    "gateway-docs-grpc-routing.yaml",
    "gateway-docs-tls-routing.yaml",
    "gateway-docs-http-https.yaml",
    "gateway-docs-route-attachment.yaml",
    "gateway-rules-hostname-intersection.yaml",
    "gateway-rules-wildcard-hostnames.yaml",
    "gateway-rules-precedence.yaml",
    "gateway-rules-matches.yaml",
    "gateway-rules-invalid-backends.yaml",
    "gateway-rules-replace-prefix-match.yaml",
];

/// The implementation a file's cases run under: its `profile`, else `spec`.
fn implementation_of(cases: &CaseFile) -> Implementation {
    cases.implementation.unwrap_or(Implementation::Spec)
}

/// Runs one corpus file and returns every failure, each naming the file and the case.
fn check_file(file: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let Some(cases) = load(file, &mut failures) else { return failures };
    let implementation = implementation_of(&cases);
    let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
    for e in sim.errors() {
        failures.push(format!("{file}: manifest error: {e}"));
    }
    if !sim.has_gateway_api() {
        failures.push(format!("{file}: the manifest has no Gateway API object"));
    }

    let report = run_cases(&sim, cases.profile_name().unwrap_or_default(), &cases);
    for r in report.results.iter().filter(|r| !r.passed) {
        failures.push(format!("{file}: case {:?}\n    expected: {}\n    actual:   {}", r.name, r.expected, r.actual));
    }

    for case in &cases.cases {
        let name = case.name.as_deref().unwrap_or_default();
        let gateway = case.gateway.as_deref().or(cases.gateway.as_deref());
        if !sim.asks_gateway(gateway) {
            failures.push(format!("{file}: case {name:?} is not routed through a Gateway"));
            continue;
        }
        let (explained, batch) = match (
            sim.route_gateway(&case.request, gateway, implementation, Explain::Yes),
            sim.route_gateway(&case.request, gateway, implementation, Explain::No),
        ) {
            (Ok(explained), Ok(batch)) => (explained, batch),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{file}: case {name:?}: {e}"));
                continue;
            }
        };
        if explained.profile != implementation {
            failures
                .push(format!("{file}: case {name:?}: the decision names implementation {}", explained.profile.name()));
        }
        let summary = |d: &ingress_engine::gateway::GatewayDecision| {
            (d.status, d.outcome, d.backend_label(), d.route.clone(), d.rule, d.upstream_path.clone())
        };
        if summary(&explained) != summary(&batch) {
            failures.push(format!(
                "{file}: case {name:?}: explained and batch decisions disagree: {:?} / {:?}",
                summary(&explained),
                summary(&batch)
            ));
        }
        let winners = explained.explanation.iter().filter(|e| e.verdict == GatewayVerdict::Winner).count();
        let want = match explained.outcome {
            GatewayOutcome::NoMatch | GatewayOutcome::NoListener | GatewayOutcome::Misdirected => 0..=0,
            GatewayOutcome::Rule | GatewayOutcome::Redirect => 1..=1,
            _ => 0..=1,
        };
        if !want.contains(&winners) {
            failures.push(format!(
                "{file}: case {name:?}: outcome {} with {winners} winner entries: {:#?}",
                explained.outcome.as_str(),
                explained.explanation
            ));
        }
        if let Some(winner) = explained.winner_entry() {
            if winner.route != explained.route || winner.rule != explained.rule {
                failures.push(format!(
                    "{file}: case {name:?}: the winner entry names {:?} rule {:?}, the decision {:?} rule {:?}",
                    winner.route, winner.rule, explained.route, explained.rule
                ));
            }
        }
    }
    failures
}

fn assert_file(file: &str) {
    let failures = check_file(file);
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

corpus_tests! {
    docs_simple_gateway => "gateway-docs-simple-gateway.yaml",
    docs_http_routing => "gateway-docs-http-routing.yaml",
    docs_traffic_splitting => "gateway-docs-traffic-splitting.yaml",
    docs_redirects_rewrites => "gateway-docs-redirects-rewrites.yaml",
    docs_header_modifiers => "gateway-docs-header-modifiers.yaml",
    docs_cross_namespace => "gateway-docs-cross-namespace.yaml",
    docs_tls => "gateway-docs-tls.yaml",
    docs_grpc_routing => "gateway-docs-grpc-routing.yaml",
    docs_tls_routing => "gateway-docs-tls-routing.yaml",
    docs_http_https => "gateway-docs-http-https.yaml",
    docs_route_attachment => "gateway-docs-route-attachment.yaml",
    rules_hostname_intersection => "gateway-rules-hostname-intersection.yaml",
    rules_wildcard_hostnames => "gateway-rules-wildcard-hostnames.yaml",
    rules_precedence => "gateway-rules-precedence.yaml",
    rules_matches => "gateway-rules-matches.yaml",
    rules_invalid_backends => "gateway-rules-invalid-backends.yaml",
    rules_replace_prefix_match => "gateway-rules-replace-prefix-match.yaml",
}

/// Every `gateway-*.yaml` file in the corpus directory is in `FILES`, every listed file exists, and
/// the README lists each.
#[test]
fn every_gateway_file_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable directory entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("gateway-") && (n.ends_with(".yaml") || n.ends_with(".yml")))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "tests/corpus/gateway-*.yaml and FILES in tests/gateway_corpus.rs differ");
    let readme = read("README.md");
    let missing: Vec<&&str> = FILES.iter().filter(|f| !readme.contains(**f)).collect();
    assert!(missing.is_empty(), "tests/corpus/README.md does not list {missing:?}");
}

/// The traffic-splitting guide's 90/10 split: the decision lists both shares with their weights
/// (a case file can only say that some backend answers).
#[test]
fn a_weighted_split_lists_every_share() {
    let cases = load("gateway-docs-traffic-splitting.yaml", &mut Vec::new()).expect("the file parses");
    let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
    let case = cases.cases.iter().find(|c| c.request.host == "split.example.com").expect("the split case");
    let decision = sim.route_gateway(&case.request, None, Implementation::Spec, Explain::No).expect("routed");
    let shares: Vec<(String, i64, f64, u16)> =
        decision.split.iter().map(|s| (s.backend.to_string(), s.weight, s.share, s.status)).collect();
    assert_eq!(
        shares,
        [("default/foo-v1:8080".to_string(), 90, 0.9, 200), ("default/foo-v2:8080".to_string(), 10, 0.1, 200)]
    );
}

/// The invalid-backends file's half-invalid split: the invalid share answers 500, the valid one
/// 200 (`HTTPRouteRule.BackendRefs`: "the proportion of requests that would otherwise have been
/// routed to an invalid backend MUST receive a 500").
#[test]
fn an_invalid_share_of_a_split_answers_500() {
    let cases = load("gateway-rules-invalid-backends.yaml", &mut Vec::new()).expect("the file parses");
    let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
    let case = cases.cases.iter().find(|c| c.request.path == "/half").expect("the split case");
    let decision = sim.route_gateway(&case.request, None, Implementation::Spec, Explain::No).expect("routed");
    let statuses: Vec<(String, f64, u16)> =
        decision.split.iter().map(|s| (s.backend.to_string(), s.share, s.status)).collect();
    assert_eq!(
        statuses,
        [("default/web:8080".to_string(), 0.5, 200), ("default/does-not-exist:8080".to_string(), 0.5, 500)]
    );
}

/// Where the spec leaves a choice, the implementations differ, and the corpus shows one such
/// difference: Envoy Gateway counts a method as a header match, so the precedence file's
/// method-versus-headers case answers otherwise under it.
#[test]
fn envoy_gateway_ranks_a_method_as_a_header_match() {
    let cases = load("gateway-rules-precedence.yaml", &mut Vec::new()).expect("the file parses");
    let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
    let case = cases.cases.iter().find(|c| c.request.method == "POST").expect("the method case");
    let backend = |implementation| {
        sim.route_gateway(&case.request, None, implementation, Explain::No).expect("routed").backend_label()
    };
    assert_eq!(backend(Implementation::Spec), "shop/api-post:80");
    assert_eq!(backend(Implementation::EnvoyGateway), "shop/api-v2-blue:80");
}

/// Coverage of a Gateway case file counts the matches (route, rule, match on a listener) of the
/// Gateways its cases go through: every file's reached matches are exactly the distinct winners
/// of its cases, the rest are listed with their Gateway, listener, route and place, and a file
/// with fewer cases reaches fewer.
#[test]
fn gateway_coverage_counts_the_matches_the_cases_won_with() {
    for file in FILES {
        let cases = load(file, &mut Vec::new()).expect("the file parses");
        let implementation = implementation_of(&cases);
        let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
        let report = run_cases(&sim, implementation, &cases);
        let (Some(coverable), Some(uncovered)) = (report.coverable_matches, report.uncovered_matches) else {
            panic!("{file}: no Gateway coverage in {report:?}")
        };
        assert_eq!(report.coverable, coverable, "{file}: a Gateway-only manifest has no Ingress path to cover");
        assert_eq!(report.uncovered.len(), uncovered, "{file}: run_cases lists every uncovered match");
        let mut won = std::collections::HashSet::new();
        for case in &cases.cases {
            let gateway = case.gateway.as_deref().or(cases.gateway.as_deref());
            let d = sim.route_gateway(&case.request, gateway, implementation, Explain::No).expect("routed");
            if let (Some(listener), Some(route), Some(rule)) = (d.listener, d.route, d.rule) {
                won.insert((d.gateway, listener, route, rule, d.match_index));
            }
        }
        assert_eq!(coverable - uncovered, won.len(), "{file}: reached matches are the cases' winners");
        for item in &report.uncovered {
            let key = (item.gateway.clone().unwrap(), item.listener.clone().unwrap(), item.route.clone().unwrap());
            let key = (key.0, key.1, key.2, item.rule.unwrap(), item.match_index);
            assert!(!won.contains(&key), "{file}: {item:?} is listed but a case won with it");
            assert!(item.span.start.line > 0 && item.route_kind.is_some(), "{file}: {item:?} has no place");
        }
    }
    let mut cases = load("gateway-rules-precedence.yaml", &mut Vec::new()).expect("the file parses");
    let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
    let all = run_cases(&sim, Implementation::Spec, &cases);
    cases.cases.truncate(1);
    let one = run_cases(&sim, Implementation::Spec, &cases);
    assert_eq!(one.coverable_matches, all.coverable_matches, "the same Gateway, the same matches to reach");
    assert_eq!(one.coverable - one.uncovered.len(), 1, "one case reaches one match");
    assert!(one.uncovered_matches > all.uncovered_matches);
}
