//! Two manifest files, every output shape: each position names its own file and counts lines
//! within it (the engine reads the files as named sources; nothing joins them or rewrites lines).

mod support;

use serde_json::{json, Value};
use support::{ingress_sim, ingress_sim_with_stdin, Sandbox};

/// The first file: a Service and an Ingress for another host (13 lines), so that every line of
/// the second file would be off by 14 in a joined stream.
const FIRST: &str = include_str!("../../../tests/fixtures/sources/first.yaml");

/// The second file: a GCE annotation on line 7, the `/api` path on line 13 (column 9) and a
/// relative path, which the API server rejects, on line 20 (its value at column 15).
const SECOND: &str = include_str!("../../../tests/fixtures/sources/second.yaml");

/// The two files written to a sandbox: (sandbox, first path, second path).
fn two_files() -> (Sandbox, String, String) {
    two_files_with(SECOND.to_string())
}

/// The two files, the second one valid (`/web`): every profile routes it (GCE does not sync an
/// Ingress the API server rejects).
fn two_valid_files() -> (Sandbox, String, String) {
    two_files_with(SECOND.replace("path: web", "path: /web"))
}

fn two_files_with(second: String) -> (Sandbox, String, String) {
    let sandbox = Sandbox::new();
    let first = sandbox.file("first.yaml", FIRST);
    let second = sandbox.file("second.yaml", second);
    (sandbox, first, second)
}

/// `(file, line, column)` of a span object.
fn place(span: &Value) -> (String, u64, u64) {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (text(&span["file"]), span["start"]["line"].as_u64().unwrap_or(0), span["start"]["column"].as_u64().unwrap_or(0))
}

/// `(file, line, column)` of a diagnostic object.
fn diagnostic_place(diagnostic: &Value) -> (String, u64, u64) {
    let text = diagnostic["file"].as_str().unwrap_or_default().to_string();
    (text, diagnostic["line"].as_u64().unwrap_or(0), diagnostic["column"].as_u64().unwrap_or(0))
}

fn keys(object: &Value) -> Vec<&str> {
    object.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default()
}

/// The one error of the second file: its relative path.
fn relative_path_error(diagnostics: &Value) -> &Value {
    let found = diagnostics.as_array().into_iter().flatten().find(|d| d["severity"] == "error");
    found.unwrap_or_else(|| panic!("an error among {diagnostics}"))
}

/// `COMMAND -f FIRST -f SECOND` asking for `shop.example.com/api/x`, then `rest`.
fn shop_api<'a>(command: &'a str, first: &'a str, second: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let request = ["--host", "shop.example.com", "--path", "/api/x"];
    [&[command, "-f", first, "-f", second][..], &request, rest].concat()
}

#[test]
fn route_json_explanation_and_span_name_each_file() {
    let (_sandbox, first, second) = two_files();
    let decision = ingress_sim(&shop_api("route", &first, &second, &["--json"])).expect_code(0).json();
    assert_eq!(place(&decision["span"]), (second.clone(), 13, 9));
    assert_eq!(keys(&decision["span"]), ["doc", "file", "start", "end"], "`file` just before `start`");
    let entries = decision["explanation"].as_array().unwrap();
    let won = entries.iter().find(|e| e["verdict"] == "won").unwrap();
    assert_eq!(place(&won["span"]), (second.clone(), 13, 9));
    let other = entries.iter().find(|e| e["span"]["file"] == first.as_str()).expect("an entry in the first file");
    assert_eq!(place(&other["span"]), (first.clone(), 10, 5), "the other host's rule: {other}");
}

#[test]
fn route_text_names_each_file_and_line() {
    let (_sandbox, first, second) = two_files();
    let text = ingress_sim(&shop_api("route", &first, &second, &[])).expect_code(0).stdout.clone();
    assert!(text.contains(&format!("Defined at {second}:13:9")), "{text}");
    let why = text.split("\nWhy\n").nth(1).expect("a Why section");
    assert!(why.lines().any(|l| l.contains("✓ won") && l.ends_with(&format!("{second}:13:9"))), "{why}");
    assert!(why.lines().any(|l| l.contains("✗ lost") && l.ends_with(&format!("{first}:10:5"))), "{why}");
    assert!(text.contains(&format!("{second}:20:15: error: spec.rules[0].http.paths[1].path")), "{text}");
}

#[test]
fn route_diagnostics_name_their_file_before_the_line() {
    let (_sandbox, first, second) = two_files();
    let decision = ingress_sim(&shop_api("route", &first, &second, &["--json"])).expect_code(0).json();
    let error = relative_path_error(&decision["diagnostics"]);
    assert_eq!(diagnostic_place(error), (second, 20, 15));
    assert_eq!(error["endLine"], 20);
    let keys = keys(error);
    let file = keys.iter().position(|k| *k == "file").unwrap();
    assert_eq!(keys[file + 1], "line", "`file` just before `line`: {keys:?}");
}

#[test]
fn ignored_annotations_are_at_their_own_file_and_line() {
    let (_sandbox, first, second) = two_valid_files();
    let decision =
        ingress_sim(&shop_api("route", &first, &second, &["--profile", "gce", "--json"])).expect_code(0).json();
    let ignored = decision["ignoredAnnotations"].as_array().expect("ignored annotations");
    assert_eq!(ignored[0]["key"], "cloud.google.com/neg");
    assert_eq!(place(&ignored[0]["span"]), (second.clone(), 7, 5), "not line 21 of a joined stream");
    let entry = decision["explanation"].as_array().unwrap().iter().find(|e| e["reason"] == "ignored-annotation");
    assert_eq!(place(&entry.expect("an ignored-annotation entry")["span"]), (second, 7, 5));
}

#[test]
fn validate_json_and_text_name_each_file() {
    let (_sandbox, first, second) = two_files();
    let report = ingress_sim(&["validate", "-f", &first, "-f", &second, "--json"]).expect_code(1).json();
    assert_eq!(diagnostic_place(relative_path_error(&report["errors"])), (second.clone(), 20, 15));
    let text = ingress_sim(&["validate", "-f", &first, "-f", &second]).expect_code(1).stdout.clone();
    assert!(text.starts_with(&format!("{first}, {second}: invalid (1 error")), "{text}");
    assert!(text.contains(&format!("  {second}:20:15: error: spec.rules[0].http.paths[1].path")), "{text}");
}

#[test]
fn test_reports_name_the_case_file_and_each_manifest_file() {
    let (sandbox, first, second) = two_files();
    let cases = sandbox.file(
        "cases.yaml",
        "cases:\n- name: api\n  url: http://shop.example.com/api/x\n  expect: {backend: \"api:80\"}\n- name: wrong\n  url: http://shop.example.com/api\n  expect: {backend: \"nope:80\"}\n",
    );
    let report = ingress_sim(&["test", "-f", &first, "-f", &second, "--cases", &cases, "--json"]).expect_code(1).json();
    let results = report["results"].as_array().unwrap();
    assert_eq!(place(&results[1]["span"]), (cases.clone(), 5, 3), "a case's place is in the case file");
    let uncovered = report["uncovered"].as_array().unwrap();
    let places: Vec<_> = uncovered.iter().map(|u| place(&u["span"])).collect();
    assert_eq!(places, [(first.clone(), 13, 9)], "the other host's path, which no case reaches");
    let text = ingress_sim(&["test", "-f", &first, "-f", &second, "--cases", &cases]).expect_code(1).stdout.clone();
    assert!(text.contains(&format!("FAIL  wrong  {cases}:5:3")), "{text}");
    assert!(text.contains(&format!("{first}:13:9")), "{text}");
}

#[test]
fn compare_names_each_file_in_every_decision() {
    let (_sandbox, first, second) = two_valid_files();
    let comparison = ingress_sim(&shop_api("compare", &first, &second, &["--json"])).expect_code(0).json();
    for decision in comparison["decisions"].as_array().unwrap() {
        let profile = &decision["profile"];
        assert_eq!(place(&decision["span"]), (second.clone(), 13, 9), "{profile}");
        let entries = decision["explanation"].as_array().unwrap().iter().filter(|e| e.get("span").is_some());
        assert!(entries.clone().all(|e| e["span"]["file"] == first.as_str() || e["span"]["file"] == second.as_str()));
        let placed = decision["diagnostics"].as_array().unwrap().iter().filter(|d| d.get("line").is_some());
        assert!(placed.clone().all(|d| d["file"] == first.as_str() || d["file"] == second.as_str()), "{profile}");
    }
}

#[test]
fn standard_input_is_named_stdin_beside_a_file() {
    let (_sandbox, first, _) = two_files();
    let decision = ingress_sim_with_stdin(&shop_api("route", &first, "-", &["--json"]), SECOND).expect_code(0).json();
    assert_eq!(place(&decision["span"]), ("<stdin>".to_string(), 13, 9));
}

#[test]
fn a_file_cut_short_keeps_its_error_and_spares_the_next_file() {
    let sandbox = Sandbox::new();
    let cut_short = "apiVersion: v1\nkind: Service\nmetadata: {name: api}\n---\nkind: Service\nmetadata: {name: x\n";
    let broken = sandbox.file("broken.yaml", cut_short);
    let second = sandbox.file("second.yaml", SECOND);
    let report = ingress_sim(&["validate", "-f", &broken, "-f", &second, "--json"]).expect_code(1).json();
    let errors = report["errors"].as_array().unwrap();
    let syntax = errors.iter().find(|e| e["code"] == "syntax").expect("a syntax error");
    assert_eq!((&syntax["file"], &syntax["doc"]), (&json!(broken), &json!(1)), "{syntax}");
    assert!(syntax["line"].as_u64().unwrap() <= 7, "within the broken file: {syntax}");
    assert!(
        errors.iter().any(|e| diagnostic_place(e) == (second.clone(), 20, 15)),
        "the second file is still read: {report}"
    );
}
