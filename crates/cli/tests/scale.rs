//! Scale: 50,000 cases against 10,000 rule paths must run in a few seconds.
//!
//! The inputs are generated: 500 Ingresses, each with two rules (a precise host and a wildcard
//! host) of ten paths, alternately Prefix and Exact. Every case targets one path (or an unknown
//! host, for no-match), so the expected backend is known by construction.

mod support;

use std::fmt::Write as _;
use std::time::{Duration, Instant};
use support::{ingress_sim, Sandbox};

const INGRESSES: usize = 500;
const RULES_PER_INGRESS: usize = 2;
const PATHS_PER_RULE: usize = 10;
const CASES: usize = 50_000;

/// How long the whole run may take. Generous for an unoptimised test build on a small machine;
/// the release build's figure is in the report (`cargo test --release -p ingress-sim --test scale`).
const TIME_LIMIT: Duration = Duration::from_secs(30);

fn host(ingress: usize, rule: usize) -> String {
    match rule {
        0 => format!("app-{ingress}.example.com"),
        _ => format!("*.tenant-{ingress}.example.com"),
    }
}

fn path(ingress: usize, rule: usize, index: usize) -> String {
    format!("/svc-{ingress}-{rule}-{index}")
}

fn is_exact(index: usize) -> bool {
    index % 2 == 1
}

fn backend(ingress: usize, rule: usize, index: usize) -> (String, u32) {
    (format!("svc-{ingress}-{rule}"), 8000 + index as u32)
}

fn manifest() -> String {
    let mut yaml = String::new();
    for ingress in 0..INGRESSES {
        let _ = write!(
            yaml,
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: ing-{ingress}, namespace: scale}}\nspec:\n  rules:\n"
        );
        for rule in 0..RULES_PER_INGRESS {
            let _ = write!(yaml, "  - host: \"{}\"\n    http:\n      paths:\n", host(ingress, rule));
            for index in 0..PATHS_PER_RULE {
                let path_type = if is_exact(index) { "Exact" } else { "Prefix" };
                let (service, port) = backend(ingress, rule, index);
                let _ = writeln!(
                    yaml,
                    "      - {{path: {}, pathType: {path_type}, backend: {{service: {{name: {service}, port: {{number: {port}}}}}}}}}",
                    path(ingress, rule, index)
                );
            }
        }
    }
    yaml
}

/// A small deterministic generator (no dependency, same cases on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn cases() -> String {
    let mut random = Lcg(42);
    let mut yaml = String::from("cases:\n");
    for case in 0..CASES {
        if case % 100 == 99 {
            let _ = write!(yaml, "- host: unknown-{case}.example.org\n  path: /\n  expect: {{outcome: no-match}}\n");
            continue;
        }
        let (ingress, rule, index) =
            (random.below(INGRESSES), random.below(RULES_PER_INGRESS), random.below(PATHS_PER_RULE));
        let request_host = host(ingress, rule).replace('*', &format!("user{case}"));
        let rule_path = path(ingress, rule, index);
        let request_path = if is_exact(index) { rule_path } else { format!("{rule_path}/item/{case}") };
        let (service, port) = backend(ingress, rule, index);
        let _ = write!(
            yaml,
            "- host: {request_host}\n  path: {request_path}\n  expect: {{backend: \"{service}:{port}\"}}\n"
        );
    }
    yaml
}

#[test]
fn fifty_thousand_cases_against_ten_thousand_paths() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("scale.yaml", manifest());
    let cases = sandbox.file("scale-cases.yaml", cases());

    let started = Instant::now();
    let run = ingress_sim(&["test", "-f", &manifest, "--cases", &cases, "--only-failures"]);
    let elapsed = started.elapsed();
    eprintln!("scale: {CASES} cases against {} paths in {elapsed:.2?}", INGRESSES * RULES_PER_INGRESS * PATHS_PER_RULE);

    run.expect_code(0);
    assert_eq!(run.last_line(), format!("{CASES} passed, 0 failed"));
    assert!(run.stdout.contains("Coverage: "), "{}", run.stdout);
    assert!(elapsed < TIME_LIMIT, "took {elapsed:?}");
}
