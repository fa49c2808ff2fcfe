//! `ingress-sim test`: batch cases, failures, coverage, and `N passed, M failed` as the last line.

mod support;

use serde_json::json;
use support::{ingress_sim, ingress_sim_with_stdin, Sandbox, FANOUT, PASSING_CASES, SERVICE};

fn failing_cases() -> String {
    PASSING_CASES.replace("service1:4200", "service9:4200")
}

#[test]
fn passing_cases_exit_zero_and_end_with_the_summary() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let cases = sandbox.file("cases.yaml", PASSING_CASES);
    let run = ingress_sim(&["test", "-f", &manifest, "--cases", &cases]);
    run.expect_code(0);
    assert_eq!(run.last_line(), "3 passed, 0 failed");
    assert!(run.stdout.ends_with("3 passed, 0 failed\n"), "nothing after the summary: {:?}", run.stdout);
    assert!(run.stdout.contains(&format!("ok    foo prefix  {cases}:2:3")), "{}", run.stdout);
}

#[test]
fn a_failure_shows_name_request_expected_and_actual_and_exits_one() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let cases = sandbox.file("cases.yaml", failing_cases());
    let run = ingress_sim(&["test", "-f", &manifest, "--cases", &cases]);
    run.expect_code(1);
    assert_eq!(run.last_line(), "2 passed, 1 failed");
    let failure: Vec<&str> = run.stdout.lines().skip_while(|l| !l.starts_with("FAIL")).take(4).collect();
    assert_eq!(failure[0], format!("FAIL  foo prefix  {cases}:2:3"));
    assert_eq!(failure[1].split_whitespace().collect::<Vec<_>>(), ["request", "http://foo.bar.com/foo/x"]);
    assert!(failure[2].contains("expected") && failure[2].contains("backend service9:4200"), "{failure:?}");
    assert!(failure[3].contains("actual") && failure[3].contains("service1:4200"), "{failure:?}");
}

#[test]
fn only_failures_leaves_passing_cases_out() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let cases = sandbox.file("cases.yaml", failing_cases());
    let run = ingress_sim(&["test", "-f", &manifest, "--cases", &cases, "--only-failures"]);
    run.expect_code(1);
    assert!(!run.stdout.lines().any(|l| l.starts_with("ok")), "{}", run.stdout);
    assert!(run.stdout.lines().any(|l| l.starts_with("FAIL")), "{}", run.stdout);
    let report =
        ingress_sim(&["test", "-f", &manifest, "--cases", &cases, "--only-failures", "--json"]).expect_code(1).json();
    assert_eq!(report["results"].as_array().unwrap().len(), 1);
    assert_eq!((&report["passed"], &report["failed"]), (&json!(2), &json!(1)));
}

#[test]
fn uncovered_paths_are_listed_with_their_file_and_line() {
    let sandbox = Sandbox::new();
    let first = sandbox.file("service.yaml", SERVICE);
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let only_foo = PASSING_CASES.split("- host: foo.bar.com\n  path: /bar\n").next().unwrap().to_string();
    let cases = sandbox.file("cases.yaml", only_foo);
    let run = ingress_sim(&["test", "-f", &first, &manifest, "--cases", &cases]);
    run.expect_code(0);
    let uncovered: Vec<String> = (run.stdout.split("Not reached by any case (2 of 3):\n").nth(1))
        .expect("a coverage list")
        .lines()
        .take(2)
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        uncovered,
        [
            format!("{manifest}:23:9 default/simple-fanout-example rules[0].paths[1] foo.bar.com /bar (Exact) → service2:8080"),
            format!("{manifest}:8:5 default/simple-fanout-example defaultBackend → fallback:http"),
        ]
    );
    assert!(run.stdout.contains("Coverage: 1 of 3 paths and default backends reached (33.3%)"), "{}", run.stdout);

    let report = ingress_sim(&["test", "-f", &first, &manifest, "--cases", &cases, "--json"]).json();
    let spans: Vec<_> = report["uncovered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (&u["span"]["file"], &u["span"]["start"]["line"]))
        .collect();
    assert_eq!(spans, [(&json!(manifest), &json!(23)), (&json!(manifest), &json!(8))]);
}

#[test]
fn fail_under_turns_low_coverage_into_exit_one() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let only_first = PASSING_CASES.split("- host: foo.bar.com\n").next().unwrap().to_string();
    let cases = sandbox.file("cases.yaml", only_first);
    let low = ingress_sim(&["test", "-f", &manifest, "--cases", &cases, "--fail-under", "50"]);
    low.expect_code(1);
    assert_eq!(low.last_line(), "1 passed, 0 failed");
    assert!(low.stdout.contains("below --fail-under 50%"), "{}", low.stdout);
    ingress_sim(&["test", "-f", &manifest, "--cases", &cases, "--fail-under", "33"]).expect_code(0);
    ingress_sim(&["test", "-f", &manifest, "--cases", &cases, "--fail-under", "120"]).expect_code(2);
}

#[test]
fn json_report_counts_results_and_names_the_case_file() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let cases = sandbox.file("cases.yaml", PASSING_CASES);
    let report = ingress_sim(&["test", "-f", &manifest, "--cases", &cases, "--json"]).expect_code(0).json();
    assert_eq!((&report["passed"], &report["failed"], &report["total"]), (&json!(3), &json!(0), &json!(3)));
    let first = &report["results"][0];
    assert_eq!(first["name"], "foo prefix");
    assert_eq!(first["passed"], true);
    assert_eq!(first["backend"], "service1:4200");
    assert_eq!(first["request"], json!({"scheme": "http", "host": "foo.bar.com", "path": "/foo/x"}));
    assert_eq!((&first["span"]["file"], &first["span"]["start"]["line"]), (&json!(cases), &json!(2)));
    assert_eq!(report["coverage"]["percent"], 100.0);
}

#[test]
fn errors_in_the_case_file_exit_two_with_line_and_column() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let cases = sandbox.file("cases.yaml", PASSING_CASES.replace("outcome: default-backend", "outcome: sometimes"));
    let run = ingress_sim(&["test", "-f", &manifest, "--cases", &cases]);
    run.expect_code(2);
    assert!(run.stderr.contains(&format!("{cases}:13:14: error: cases[2].expect.outcome")), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn cases_may_come_from_stdin_and_the_manifest_from_the_case_file() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let run = ingress_sim_with_stdin(&["test", "-f", &manifest, "--cases", "-"], PASSING_CASES);
    assert_eq!(run.expect_code(0).last_line(), "3 passed, 0 failed");

    let indented: String = FANOUT.lines().map(|l| format!("  {l}\n")).collect();
    let self_contained = sandbox.file("corpus.yaml", format!("manifest: |\n{indented}{PASSING_CASES}"));
    let run = ingress_sim(&["test", "--cases", &self_contained]);
    assert_eq!(run.expect_code(0).last_line(), "3 passed, 0 failed");
}

#[test]
fn class_of_the_case_file_applies_unless_the_command_line_names_one() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT.replace("spec:\n", "spec:\n  ingressClassName: nginx\n"));
    let cases = sandbox.file("cases.yaml", format!("class: nginx\n{PASSING_CASES}"));
    ingress_sim(&["test", "-f", &manifest, "--cases", &cases]).expect_code(0);
    let other = ingress_sim(&["test", "-f", &manifest, "--cases", &cases, "--class", "traefik"]);
    assert_eq!(other.expect_code(1).last_line(), "0 passed, 3 failed");
}

#[test]
fn no_manifest_at_all_exits_two() {
    let sandbox = Sandbox::new();
    let cases = sandbox.file("cases.yaml", PASSING_CASES);
    let run = ingress_sim(&["test", "--cases", &cases]);
    run.expect_code(2);
    assert!(run.stderr.contains("no manifest"), "{}", run.stderr);
}
