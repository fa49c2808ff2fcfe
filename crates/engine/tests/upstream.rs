//! Evidence from upstream: requests that the real controllers answered in their own test suites,
//! translated into case files under `tests/upstream/<controller>/` (one file per upstream test
//! file, one case-file document per test or per state a test moves through, since each runs
//! against its own controller):
//!
//! - `ingress-nginx/`: kubernetes/ingress-nginx `test/e2e/**` at controller-v1.15.1;
//! - `contour/`: projectcontour/contour `test/e2e/ingress/*` and the Ingress cases of
//!   `internal/featuretests/v3/*` at v1.33.6;
//! - `traefik/`: traefik/traefik `pkg/provider/kubernetes/ingress/kubernetes_test.go` at v3.7.9
//!   (the routers each fixture becomes, as requests).
//!
//! Every case of a directory is run under its controller's profile and judged on what upstream
//! asserts (status, `Location`, the answering Ingress or Service). The score, per file and in
//! total, goes to stderr and to `target/upstream-<controller>.txt`. A suite fails when its score
//! drops below its recorded threshold, or when a case fails that the directory's README does not
//! list as a known failure (so a regression cannot hide behind the total).

use ingress_engine::cases::{parse_named_cases, run_cases};
use ingress_engine::{Explain, Options, Profile, Simulator};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::upstream::{case_files, documents, percent, write_scores, Outcome};

mod support;

/// One controller's evidence: its directory, the profile it is run under, and the score reached.
struct Suite {
    /// The directory under `tests/upstream/`, also the report's name (`target/upstream-<dir>.txt`).
    dir: &'static str,
    profile: Profile,
    /// What the cases were read from, for the report's first line.
    source: &'static str,
    /// The score reached (rounded down); raise it when a fix lands.
    threshold_percent: f64,
}

const INGRESS_NGINX: Suite = Suite {
    dir: "ingress-nginx",
    profile: Profile::IngressNginx,
    source: "upstream ingress-nginx e2e evidence (controller-v1.15.1)",
    threshold_percent: 98.0,
};

const CONTOUR: Suite = Suite {
    dir: "contour",
    profile: Profile::Contour,
    source: "upstream contour e2e and featuretests evidence (v1.33.6)",
    threshold_percent: 100.0,
};

const TRAEFIK: Suite = Suite {
    dir: "traefik",
    profile: Profile::Traefik,
    source: "upstream traefik provider tests evidence (v3.7.9)",
    threshold_percent: 98.0,
};

fn upstream_dir(suite: &Suite) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("upstream").join(suite.dir)
}

/// Runs every document of one file under the suite's profile. A document that does not parse, or
/// names another profile, is a broken translation: the test stops there.
fn run_file(suite: &Suite, path: &Path) -> Vec<Outcome> {
    let file = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 file name").to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut outcomes = Vec::new();
    for (index, doc) in documents(&text).iter().enumerate() {
        let (cases, errors) = parse_named_cases(&file, doc);
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{file} document {}: the case file has errors: {errors:#?}", index + 1);
        assert_eq!(
            cases.profile,
            Some(suite.profile),
            "{file} document {}: profile must be {}",
            index + 1,
            suite.profile.name()
        );
        assert!(!cases.cases.is_empty(), "{file} document {}: no cases", index + 1);
        let sim =
            Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options { class: cases.class.clone() });
        let report = run_cases(&sim, suite.profile, &cases);
        outcomes.extend(report.results.into_iter().map(|result| Outcome { file: file.clone(), result }));
    }
    outcomes
}

/// `(file, case name)` of every known failure: the first two cells of each row of the README's
/// table that starts with a file name in backticks.
fn known_failures(readme: &str) -> BTreeSet<(String, String)> {
    readme
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|row| {
            let (file, rest) = row.split_once("` | ")?;
            let (case, _) = rest.split_once(" | ")?;
            file.ends_with(".yaml").then(|| (file.to_string(), case.trim().to_string()))
        })
        .collect()
}

/// The score: one line per file, the total, then every failing case with what it got.
fn score_report(suite: &Suite, outcomes: &[Outcome]) -> String {
    let mut report = format!("{}, profile {}\n", suite.source, suite.profile.name());
    write_scores(&mut report, outcomes, 45);
    report
}

/// Runs a suite: prints and records its score, then fails on a failure its README does not list
/// or below its threshold.
fn check(suite: &Suite) {
    let dir = upstream_dir(suite);
    let outcomes: Vec<Outcome> = case_files(&dir).iter().flat_map(|path| run_file(suite, path)).collect();
    assert!(!outcomes.is_empty(), "no cases under {}", dir.display());

    let report = score_report(suite, &outcomes);
    eprint!("{report}");
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target");
    if std::fs::create_dir_all(&target).is_ok() {
        let _ = std::fs::write(target.join(format!("upstream-{}.txt", suite.dir)), &report);
    }

    let readme = std::fs::read_to_string(dir.join("README.md"))
        .unwrap_or_else(|e| panic!("tests/upstream/{}/README.md: {e}", suite.dir));
    let known = known_failures(&readme);
    let failing: BTreeSet<(String, String)> =
        outcomes.iter().filter(|o| !o.result.passed).map(|o| (o.file.clone(), o.result.name.clone())).collect();
    let unlisted: Vec<_> = failing.difference(&known).collect();
    let fixed: Vec<_> = known.difference(&failing).collect();
    if !fixed.is_empty() {
        eprintln!("listed as known failures in README.md but passing now (remove them): {fixed:#?}");
    }
    assert!(unlisted.is_empty(), "failing cases not listed in README.md's known failures: {unlisted:#?}");

    let passed = outcomes.iter().filter(|o| o.result.passed).count();
    let score = percent(passed, outcomes.len());
    let threshold = suite.threshold_percent;
    assert!(score >= threshold, "{}: score {score:.1} % is below the recorded {threshold} %", suite.dir);
}

#[test]
fn upstream_ingress_nginx_e2e_requests_are_answered_as_real_ingress_nginx_answered_them() {
    check(&INGRESS_NGINX);
}

#[test]
fn upstream_contour_requests_are_answered_as_real_contour_answered_them() {
    check(&CONTOUR);
}

#[test]
fn upstream_traefik_routers_answer_the_requests_their_rules_describe() {
    check(&TRAEFIK);
}

/// `annotations/canary.go` `TestMainlineCanaryDistribution`: of 200 requests to a weighted canary
/// (weight 50, or 100 of a total of 200), each side answers at least 40 %. A case file cannot say
/// that, so the decision's split shares are checked here.
#[test]
fn weighted_canaries_split_the_traffic_as_upstream_measured() {
    let text =
        std::fs::read_to_string(upstream_dir(&INGRESS_NGINX).join("annotations-canary.yaml")).expect("the canary file");
    let mut checked = 0;
    for doc in documents(&text).iter().filter(|doc| doc.contains("split between mainline and canary")) {
        let (cases, errors) = parse_named_cases("annotations-canary.yaml", doc);
        assert!(errors.is_empty(), "{errors:?}");
        let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
        let decision = sim.route(&cases.cases[0].request, Profile::IngressNginx, Explain::No);
        let shares: Vec<f64> = decision.split.iter().map(|side| side.weight.unwrap_or(0.0)).collect();
        assert_eq!(shares.len(), 2, "{:?}: {:?}", cases.name, decision.split);
        assert!(shares.iter().all(|share| *share >= 40.0), "{:?}: shares {shares:?}", cases.name);
        checked += 1;
    }
    assert_eq!(checked, 2, "the two weighted It()s of canary.go");
}

#[test]
fn documents_are_split_on_top_level_separators_only() {
    let text = "name: a\nmanifest: |\n  kind: Ingress\n  ---\n  kind: Ingress\ncases: []\n---\nname: b\n";
    let docs = documents(text);
    assert_eq!(docs.len(), 2);
    assert!(docs[0].contains("  ---\n"), "{docs:?}");
    assert_eq!(docs[1], "name: b\n");
}

#[test]
fn known_failures_are_read_from_the_readme_table() {
    let readme = "| file | case | why | concerns |\n|---|---|---|---|\n| `a.yaml` | GET / → 200 | not modelled | NGINX-MORE |\n| not a row\n";
    let known = known_failures(readme);
    assert_eq!(known.into_iter().collect::<Vec<_>>(), [("a.yaml".to_string(), "GET / → 200".to_string())]);
}

#[test]
fn a_redirect_to_another_location_fails_its_case() {
    let manifest = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: r\n  namespace: n\n  annotations:\n    nginx.ingress.kubernetes.io/permanent-redirect: https://b.example/\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: a.example\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: s\n            port:\n              number: 80\n";
    let sim = Simulator::new(manifest, &Options::default());
    let case = |location: &str| {
        format!("cases:\n- host: a.example\n  path: /x\n  expect:\n    status: 301\n    location: {location:?}\n")
    };
    let run = |location: &str| {
        let (file, errors) = parse_named_cases("t.yaml", &case(location));
        assert!(errors.is_empty(), "{errors:?}");
        run_cases(&sim, Profile::IngressNginx, &file).results[0].passed
    };
    assert!(run("https://b.example/"));
    assert!(!run("https://c.example/"));
}
