//! Evidence from upstream for Gateway API routing: the requests of kubernetes-sigs/gateway-api's
//! conformance suite (`conformance/tests/*.go` at v1.6.1, with their manifests and the suite's base
//! objects), translated into case files under `tests/upstream/gateway-api/` by `translate.py` there
//! (one file per conformance test, one document per Gateway it sends requests to).
//!
//! Every conformance implementation must answer these requests alike, so every case is run under
//! every [`Implementation`] (whatever else the implementation chooses, the conformance requests
//! do not depend on it) and judged on what the conformance suite checks (`CompareRoundTrip`:
//! status, backend and its namespace, the path, Host and headers the backend receives, the
//! redirect's Location, the response headers the filters set). The score, per file and in total,
//! goes to stderr and to `target/upstream-gateway-api-<implementation>.txt`. An implementation
//! fails when its score drops below its recorded threshold, or when a case fails that the
//! directory's README does not list as a known failure for it.

#![cfg(feature = "gateway")]

use ingress_engine::cases::gateway::run_gateway_cases;
use ingress_engine::cases::parse_named_cases;
use ingress_engine::gateway::Implementation;
use ingress_engine::{Explain, Options, Simulator};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::upstream::{case_files, documents, percent, write_scores, Outcome};

mod support;

/// The score each implementation reached (rounded down); raise it when a fix lands.
fn threshold_percent(implementation: Implementation) -> f64 {
    match implementation {
        Implementation::Spec => 98.0,
        Implementation::EnvoyGateway => 98.0,
        Implementation::Contour => 98.0,
    }
}

fn upstream_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("upstream").join("gateway-api")
}

/// The documents of one file, each parsed and simulated once. A document that does not parse, or
/// whose manifest has an error, is a broken translation: the test stops there.
fn load_file(path: &Path) -> Vec<(String, Simulator, ingress_engine::cases::CaseFile)> {
    let file = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 file name").to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut loaded = Vec::new();
    for (index, doc) in documents(&text).iter().enumerate() {
        let (cases, errors) = parse_named_cases(&file, doc);
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{file} document {}: the case file has errors: {errors:#?}", index + 1);
        assert!(!cases.cases.is_empty(), "{file} document {}: no cases", index + 1);
        assert!(cases.gateway.is_some(), "{file} document {}: names no gateway", index + 1);
        let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
        let manifest_errors: Vec<String> = sim.errors().map(ToString::to_string).collect();
        assert!(manifest_errors.is_empty(), "{file} document {}: manifest errors: {manifest_errors:#?}", index + 1);
        loaded.push((file.clone(), sim, cases));
    }
    loaded
}

/// `(file, case name)` of every known failure of `implementation`: the rows of the README's table
/// that start with a file name in backticks and whose third cell names the implementation (or
/// says `all`).
fn known_failures(readme: &str, implementation: Implementation) -> BTreeSet<(String, String)> {
    readme
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|row| {
            let (file, rest) = row.split_once("` | ")?;
            let mut cells = rest.split(" | ");
            let case = cells.next()?.trim();
            let who = cells.next()?.trim();
            let applies =
                who == "all" || who.split(',').any(|name| name.trim().trim_matches('`') == implementation.name());
            (file.ends_with(".yaml") && applies).then(|| (file.to_string(), case.to_string()))
        })
        .collect()
}

/// The score: one line per file, the total, then every failing case with what it got.
fn score_report(implementation: Implementation, outcomes: &[Outcome]) -> String {
    let mut report = format!(
        "kubernetes-sigs/gateway-api v1.6.1 conformance requests, implementation {} ({})\n",
        implementation.name(),
        implementation.version()
    );
    write_scores(&mut report, outcomes, 62);
    report
}

/// Runs every file under one implementation: prints and records the score, then fails on a failure
/// the README does not list, or below the threshold.
fn check(implementation: Implementation) {
    let dir = upstream_dir();
    let mut outcomes = Vec::new();
    for path in case_files(&dir) {
        for (file, sim, cases) in load_file(&path) {
            let report = run_gateway_cases(&sim, implementation, &cases);
            outcomes.extend(report.results.into_iter().map(|result| Outcome { file: file.clone(), result }));
        }
    }
    assert!(!outcomes.is_empty(), "no cases under {}", dir.display());

    let report = score_report(implementation, &outcomes);
    eprint!("{report}");
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target");
    if std::fs::create_dir_all(&target).is_ok() {
        let _ = std::fs::write(target.join(format!("upstream-gateway-api-{}.txt", implementation.name())), &report);
    }

    let readme = std::fs::read_to_string(dir.join("README.md")).expect("tests/upstream/gateway-api/README.md");
    let known = known_failures(&readme, implementation);
    let failing: BTreeSet<(String, String)> =
        outcomes.iter().filter(|o| !o.result.passed).map(|o| (o.file.clone(), o.result.name.clone())).collect();
    let unlisted: Vec<_> = failing.difference(&known).collect();
    let fixed: Vec<_> = known.difference(&failing).collect();
    if !fixed.is_empty() {
        eprintln!(
            "listed as known failures of {implementation:?} in README.md but passing now (remove them): {fixed:#?}"
        );
    }
    assert!(
        unlisted.is_empty(),
        "{implementation:?}: failing cases not listed in README.md's known failures: {unlisted:#?}"
    );

    let passed = outcomes.iter().filter(|o| o.result.passed).count();
    let score = percent(passed, outcomes.len());
    let threshold = threshold_percent(implementation);
    assert!(score >= threshold, "{}: score {score:.1} % is below the recorded {threshold} %", implementation.name());
}

#[test]
fn conformance_requests_are_answered_as_the_spec_requires() {
    check(Implementation::Spec);
}

#[test]
fn conformance_requests_are_answered_as_envoy_gateway_answers_them() {
    check(Implementation::EnvoyGateway);
}

#[test]
fn conformance_requests_are_answered_as_contour_answers_them() {
    check(Implementation::Contour);
}

/// The translation is what `translate.py` writes: each file names its conformance test and tag.
#[test]
fn every_file_names_its_conformance_test() {
    for path in case_files(&upstream_dir()) {
        let name = path.file_stem().and_then(|n| n.to_str()).expect("a file name").to_string();
        for (file, _, cases) in load_file(&path) {
            let source = cases.source.unwrap_or_default();
            assert!(
                source.starts_with(&format!("kubernetes-sigs/gateway-api v1.6.1 conformance/tests/{name}.go")),
                "{file}: source {source:?}"
            );
        }
    }
}

#[test]
fn known_failures_are_read_per_implementation() {
    let readme = "| file | case | implementations | why |\n|---|---|---|---|\n| `a.yaml` | 0: GET / | envoy-gateway, contour | x |\n| `b.yaml` | 1: GET /b | all | y |\n";
    let spec: Vec<_> = known_failures(readme, Implementation::Spec).into_iter().collect();
    assert_eq!(spec, [("b.yaml".to_string(), "1: GET /b".to_string())]);
    assert_eq!(known_failures(readme, Implementation::Contour).len(), 2);
}

#[test]
fn documents_are_split_on_top_level_separators_only() {
    let text =
        "# a comment\nname: a\nmanifest: |\n  kind: Gateway\n  ---\n  kind: HTTPRoute\ncases: []\n---\nname: b\n";
    let docs = documents(text);
    assert_eq!(docs.len(), 2);
    assert!(docs[0].contains("  ---\n"), "{docs:?}");
    assert_eq!(docs[1], "name: b\n");
}

/// `httproute-weight.go` and `grpcroute-weight.go` measure the distribution of many requests
/// against `expectedWeights` (70 %, 30 %, 0 % for infra-backend-v1..v3, or grpc-infra-backend-v1..v3).
/// A case file can only say that some backend answers, so the decision's split shares are checked
/// here, under every implementation.
#[test]
fn weighted_backends_split_the_traffic_as_the_conformance_suite_measures() {
    for (file, prefix) in [("httproute-weight.yaml", "infra-backend"), ("grpcroute-weight.yaml", "grpc-infra-backend")]
    {
        let loaded = load_file(&upstream_dir().join(file));
        let (_, sim, cases) = loaded.first().expect("one document");
        for implementation in Implementation::ALL {
            let decision = sim
                .route_gateway(&cases.cases[0].request, cases.gateway.as_deref(), implementation, Explain::No)
                .expect("routed");
            let shares: Vec<(String, f64)> =
                decision.split.iter().map(|share| (share.backend.to_string(), share.share)).collect();
            let expected: Vec<(String, f64)> = [("v1", 0.7), ("v2", 0.3), ("v3", 0.0)]
                .iter()
                .map(|(v, share)| (format!("gateway-conformance-infra/{prefix}-{v}:8080"), *share))
                .collect();
            assert_eq!(shares, expected, "{file} under {}", implementation.name());
        }
    }
}

/// The explained decision of every conformance request agrees with the batch one the score is
/// built from (status, outcome, backend, route, rule, upstream path and Host), under every
/// implementation, and names its winner when a rule or a redirect answers.
#[test]
fn explained_decisions_agree_with_the_scored_ones() {
    use ingress_engine::gateway::{GatewayDecision, GatewayOutcome, GatewayVerdict};
    let summary = |d: &GatewayDecision| {
        (
            d.status,
            d.outcome,
            d.backend_label(),
            d.route.clone(),
            d.rule,
            d.upstream_path.clone(),
            d.upstream_host.clone(),
        )
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in case_files(&upstream_dir()) {
        for (file, sim, cases) in load_file(&path) {
            for case in &cases.cases {
                let gateway = case.gateway.as_deref().or(cases.gateway.as_deref());
                for implementation in Implementation::ALL {
                    let explained = sim.route_gateway(&case.request, gateway, implementation, Explain::Yes);
                    let batch = sim.route_gateway(&case.request, gateway, implementation, Explain::No);
                    let (Ok(explained), Ok(batch)) = (explained, batch) else {
                        failures.push(format!("{file}: {:?}: not routed", case.name));
                        continue;
                    };
                    checked += 1;
                    if summary(&explained) != summary(&batch) {
                        failures.push(format!(
                            "{file}: {:?} under {}: explained and batch differ",
                            case.name,
                            implementation.name()
                        ));
                    }
                    let winners = explained.explanation.iter().filter(|e| e.verdict == GatewayVerdict::Winner).count();
                    let answers = matches!(explained.outcome, GatewayOutcome::Rule | GatewayOutcome::Redirect);
                    if answers && winners != 1 {
                        failures.push(format!(
                            "{file}: {:?} under {}: {winners} winners",
                            case.name,
                            implementation.name()
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 800, "{checked} decisions checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
