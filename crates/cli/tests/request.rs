//! The request options of `route` and `compare`: `--method`, `-H`, `--cookie`; an
//! ingress-nginx canary by header or cookie answers through them.

mod support;

use ingress_engine::cases::parse_cases;
use support::{ingress_sim, Sandbox};

/// The canary scenario of the corpus, written to a manifest file.
fn canary_manifest(sandbox: &Sandbox) -> String {
    let corpus =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/corpus/profile-ingress-nginx-canary-header.yaml");
    let text = std::fs::read_to_string(corpus).expect("the corpus file");
    let manifest = parse_cases(&text).0.manifest.expect("a manifest");
    sandbox.file("canary.yaml", manifest)
}

fn route(manifest: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["route", "-f", manifest, "--profile", "ingress-nginx", "--json"];
    args.extend_from_slice(extra);
    ingress_sim(&args).expect_code(0).json()
}

fn service(decision: &serde_json::Value) -> &str {
    decision["backend"]["service"]["name"].as_str().unwrap_or_default()
}

#[test]
fn a_canary_header_answers_the_canary() {
    let sandbox = Sandbox::new();
    let manifest = canary_manifest(&sandbox);
    let url = "http://always.example.com/";
    assert_eq!(service(&route(&manifest, &["--url", url])), "always-main");
    let canary = route(&manifest, &["--url", url, "-H", "X-Canary: always"]);
    assert_eq!(service(&canary), "always-canary");
    let taken: Vec<bool> = canary["split"].as_array().unwrap().iter().map(|b| b["taken"] == true).collect();
    assert_eq!(taken, [false, true]);
    assert_eq!(service(&route(&manifest, &["--url", url, "--header", "X-Canary: never"])), "always-main");
    assert_eq!(service(&route(&manifest, &["--url", url, "--cookie", "x=1; canary=always"])), "always-canary");
    let pattern = ["--url", "http://pattern.example.com/", "-H", "X-Version: v2.7", "--method", "POST"];
    assert_eq!(service(&route(&manifest, &pattern)), "pattern-canary");
}

#[test]
fn the_text_report_shows_the_request_and_the_side_it_takes() {
    let sandbox = Sandbox::new();
    let manifest = canary_manifest(&sandbox);
    let args = ["route", "-f", &manifest, "--profile", "ingress-nginx", "--url", "http://value.example.com/x"];
    let run = ingress_sim(&[&args[..], &["--method", "POST", "-H", "X-Region: eu-west", "--cookie", "a=1"]].concat());
    let text = &run.expect_code(0).stdout;
    assert!(text.starts_with("→ value-canary:80 (rule)"), "{text}");
    assert!(text.contains("Request    POST http://value.example.com/x [X-Region: eu-west; cookie a=1]"), "{text}");
    assert!(
        text.contains("This request goes to the canary side (header X-Region: eu-west equals canary-by-header-value)"),
        "{text}"
    );
    let main = ingress_sim(&args).expect_code(0).stdout.clone();
    assert!(main.contains("This request stays on the main side (canary-weight 0: no request)"), "{main}");
}

#[test]
fn compare_takes_the_request_options_too() {
    let sandbox = Sandbox::new();
    let manifest = canary_manifest(&sandbox);
    let args = ["compare", "-f", &manifest, "--url", "http://cookie.example.com/", "--cookie", "beta=always", "--json"];
    let comparison = ingress_sim(&args).expect_code(1).json();
    let nginx = comparison["decisions"].as_array().unwrap().iter().find(|d| d["profile"] == "ingress-nginx").unwrap();
    assert_eq!(service(nginx), "cookie-canary");
}

#[test]
fn a_bad_header_or_cookie_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let manifest = canary_manifest(&sandbox);
    let run = ingress_sim(&["route", "-f", &manifest, "--url", "http://a.com/", "-H", "nocolon"]);
    run.expect_code(2);
    assert!(run.stderr.contains("nocolon") && run.stderr.contains("write it as Name: value"), "{}", run.stderr);
    let run = ingress_sim(&["route", "-f", &manifest, "--url", "http://a.com/", "--method", "GE T"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--method: \"GE T\" is not an HTTP method"), "{}", run.stderr);
    let run = ingress_sim(&["route", "-f", &manifest, "--url", "http://a.com/", "--cookie", "=1"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cookie name \"\""), "{}", run.stderr);
}

#[test]
fn help_describes_the_request_options() {
    let help = ingress_sim(&["route", "--help"]).expect_code(0).stdout.clone();
    for option in ["--method <METHOD>", "-H, --header <NAME: VALUE>", "--cookie <NAME=VALUE>"] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}
