//! `cases::run_cases_listing`: a case run's report lists a bounded number of uncovered paths and
//! counts the rest, so that a caller showing a few of them (the playground's tests table) gets a
//! report that grows with its cases, not with the input's paths; everything else is
//! `run_cases`'s report.

use ingress_engine::cases::{parse_cases, run_cases, run_cases_listing, CaseFile, CaseReport};
use ingress_engine::{Options, Profile, Simulator};

/// `count` Ingresses of three paths each, one of them with a `spec.defaultBackend`.
fn manifest(count: usize) -> String {
    let ingress = |i: usize| {
        let default = if i == 1 { "  defaultBackend: {service: {name: fallback, port: {number: 80}}}\n" } else { "" };
        format!(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: ing-{i}}}\nspec:\n{default}  rules:\n  - host: h{i}.example.com\n    http:\n      paths:\n      - {{path: /a, pathType: Prefix, backend: {{service: {{name: a-{i}, port: {{number: 80}}}}}}}}\n      - {{path: /b, pathType: Exact, backend: {{service: {{name: b-{i}, port: {{number: 80}}}}}}}}\n      - {{path: /c, pathType: Prefix, backend: {{service: {{name: c-{i}, port: {{number: 80}}}}}}}}\n"
        )
    };
    (0..count).map(ingress).collect::<Vec<_>>().join("---\n")
}

fn one_row() -> CaseFile {
    let (file, errors) = parse_cases("cases:\n- {url: http://h2.example.com/a/x, expect: {backend: \"a-2:80\"}}\n");
    assert!(errors.is_empty(), "{errors:?}");
    file
}

/// `full` with only its first `listed` uncovered entries listed and the rest counted.
fn cut(full: &CaseReport, listed: usize) -> CaseReport {
    let shown = listed.min(full.uncovered.len());
    CaseReport { uncovered: full.uncovered[..shown].to_vec(), unlisted: full.uncovered.len() - shown, ..full.clone() }
}

#[test]
fn the_listing_is_the_full_reports_first_entries_and_counts_the_rest_under_every_profile() {
    let sim = Simulator::new(&manifest(6), &Options::default());
    let file = one_row();
    for &profile in Profile::ALL {
        let full = run_cases(&sim, profile, &file);
        assert_eq!(full.unlisted, 0, "{profile}: run_cases lists every uncovered path");
        assert!(full.uncovered.len() > 3, "{profile}: {} uncovered", full.uncovered.len());
        for listed in [0, 1, 3, full.uncovered.len(), full.uncovered.len() + 5] {
            assert_eq!(
                run_cases_listing(&sim, profile, &file, listed),
                cut(&full, listed),
                "{profile}, {listed} listed"
            );
        }
    }
}

#[test]
fn a_listed_report_grows_with_the_cases_not_with_the_paths() {
    let sim = Simulator::new(&manifest(300), &Options::default());
    let report = run_cases_listing(&sim, Profile::IngressNginx, &one_row(), 20);
    assert_eq!((report.passed, report.failed), (1, 0));
    assert_eq!(report.uncovered.len(), 20);
    // 900 paths and one default backend; the case reached one path.
    assert_eq!((report.coverable, report.unlisted), (901, 901 - 1 - 20));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["unlisted"], 880, "the JSON names the count `unlisted`");
}
