//! `ingress-sim validate`: errors apart from warnings and notices; exit 1 when anything would be
//! rejected.

mod support;

use serde_json::{json, Value};
use support::{ingress_sim, Sandbox, FANOUT, SERVICE};

fn with_relative_path() -> String {
    FANOUT.replace("path: /bar", "path: bar")
}

fn errors_with_field<'a>(report: &'a Value, field: &str) -> Vec<&'a Value> {
    report["errors"].as_array().unwrap().iter().filter(|e| e["field"] == field).collect()
}

#[test]
fn valid_manifest_exits_zero() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let report = ingress_sim(&["validate", "-f", &manifest, "--json"]).expect_code(0).json();
    assert_eq!(report["valid"], true);
    for key in ["errors", "warnings", "notices"] {
        assert!(report[key].is_array(), "{key}: {report}");
    }
    assert_eq!(report["errors"], json!([]));
}

#[test]
fn rejected_manifest_exits_one_with_field_type_message_line_column() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("invalid.yaml", with_relative_path());
    let report = ingress_sim(&["validate", "-f", &manifest, "--json"]).expect_code(1).json();
    assert_eq!(report["valid"], false);
    let errors = errors_with_field(&report, "spec.rules[0].http.paths[1].path");
    let error = errors.first().unwrap_or_else(|| panic!("no error for the path: {report}"));
    assert_eq!(error["type"], "Invalid");
    assert_eq!((&error["line"], &error["column"]), (&json!(23), &json!(15)));
    assert_eq!(error["file"], manifest.as_str());
    assert!(error["message"].as_str().unwrap().contains("must be an absolute path"), "{error}");
}

#[test]
fn warnings_alone_keep_the_manifest_valid() {
    let sandbox = Sandbox::new();
    let duplicated = format!("{FANOUT}---\n{}", FANOUT.replace("simple-fanout-example", "copy"));
    let manifest = sandbox.file("duplicated.yaml", duplicated);
    let report = ingress_sim(&["validate", "-f", &manifest, "--json"]).expect_code(0).json();
    assert_eq!(report["valid"], true);
    let warnings = report["warnings"].as_array().unwrap();
    assert!(!warnings.is_empty(), "duplicate paths are warned about: {report}");
    assert!(warnings.iter().all(|w| w["severity"] == "warning"), "{report}");
}

#[test]
fn errors_in_the_second_file_keep_their_own_line_numbers() {
    let sandbox = Sandbox::new();
    let first = sandbox.file("service.yaml", SERVICE);
    let second = sandbox.file("invalid.yaml", with_relative_path());
    let report = ingress_sim(&["validate", "-f", &first, "-f", &second, "--json"]).expect_code(1).json();
    let errors = errors_with_field(&report, "spec.rules[0].http.paths[1].path");
    assert_eq!(errors.len(), 1, "{report}");
    assert_eq!(
        (&errors[0]["file"], &errors[0]["line"], &errors[0]["endLine"]),
        (&json!(second), &json!(23), &json!(23))
    );
}

#[test]
fn text_lists_errors_under_their_heading_with_file_line_column() {
    let sandbox = Sandbox::new();
    let first = sandbox.file("service.yaml", SERVICE);
    let second = sandbox.file("invalid.yaml", with_relative_path());
    let run = ingress_sim(&["validate", "-f", &first, &second]);
    run.expect_code(1);
    assert!(run.stdout.lines().next().unwrap().contains("invalid (1 error"), "{}", run.stdout);
    let errors = run.stdout.split("\nErrors\n").nth(1).expect("an Errors section");
    assert!(
        errors.contains(&format!("{second}:23:15: error: spec.rules[0].http.paths[1].path: Invalid value")),
        "{errors}"
    );
    assert!(errors.contains("field spec.rules[0].http.paths[1].path, type Invalid value"), "{errors}");
}

#[test]
fn manifest_from_stdin_is_named_stdin() {
    let run = support::ingress_sim_with_stdin(&["validate", "-f", "-", "--json"], &with_relative_path());
    let report = run.expect_code(1).json();
    assert_eq!(report["errors"][0]["file"], "<stdin>");
}
