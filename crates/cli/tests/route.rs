//! `ingress-sim route`: the decision as JSON and as text, exit 0 for every decision.

mod support;

use serde_json::json;
use support::{ingress_sim, ingress_sim_with_stdin, Sandbox, FANOUT, SERVICE};

#[test]
fn json_is_the_decision_with_every_contract_key() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let run = ingress_sim(&["route", "-f", &manifest, "--host", "foo.bar.com", "--path", "/foo/x", "--json"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("{\n  \"outcome\": \"rule\","), "the engine's field order: {}", run.stdout);
    let decision = run.json();
    for key in
        ["outcome", "ingress", "rule", "host", "path", "pathType", "backend", "tls", "explanation", "diagnostics"]
    {
        assert!(decision.get(key).is_some(), "key {key} missing: {decision}");
    }
    assert_eq!(decision["outcome"], "rule");
    assert_eq!(decision["status"], 200);
    assert_eq!(decision["ingress"], "default/simple-fanout-example");
    assert_eq!(decision["rule"], 0);
    assert_eq!(decision["host"], "foo.bar.com");
    assert_eq!((&decision["path"], &decision["pathType"]), (&json!("/foo"), &json!("Prefix")));
    assert_eq!(decision["backend"], json!({"service": {"name": "service1", "port": {"number": 4200}}}));
    assert_eq!(decision["tls"], json!(null));
    let verdicts: Vec<&str> =
        decision["explanation"].as_array().unwrap().iter().map(|e| e["verdict"].as_str().unwrap()).collect();
    assert!(verdicts.contains(&"won") && verdicts.contains(&"lost"), "{verdicts:?}");
}

#[test]
fn url_reaches_the_default_backend_by_port_name() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let run = ingress_sim(&["route", "-f", &manifest, "--url", "http://foo.bar.com/nothing?q=1", "--json"]);
    let decision = run.expect_code(0).json();
    assert_eq!(decision["outcome"], "default-backend");
    assert_eq!(decision["backend"], json!({"service": {"name": "fallback", "port": {"name": "http"}}}));
    assert_eq!(decision["span"]["start"]["line"], 8);
}

#[test]
fn no_match_from_stdin_exits_zero_with_a_null_backend() {
    let without_default =
        FANOUT.replace("  defaultBackend:\n    service:\n      name: fallback\n      port:\n        name: http\n", "");
    let run = ingress_sim_with_stdin(
        &["route", "-f", "-", "--host", "other.example", "--path", "/", "--json"],
        &without_default,
    );
    let decision = run.expect_code(0).json();
    assert_eq!(decision["outcome"], "no-match");
    assert_eq!(decision["status"], 404);
    assert_eq!(decision["backend"], json!(null));
    assert_eq!(decision["ingress"], json!(null));
}

#[test]
fn sni_and_https_choose_a_certificate() {
    let sandbox = Sandbox::new();
    let with_tls =
        FANOUT.replace("  rules:\n", "  tls:\n  - hosts: [foo.bar.com]\n    secretName: foo-tls\n  rules:\n");
    let manifest = sandbox.file("tls.yaml", with_tls);
    let https = ingress_sim(&["route", "-f", &manifest, "--url", "https://foo.bar.com/foo", "--json"]).json();
    assert_eq!(https["tls"]["secretName"], "foo-tls");
    assert_eq!(https["tls"]["span"]["file"], manifest.as_str());
    let other_name = ingress_sim(&[
        "route",
        "-f",
        &manifest,
        "--host",
        "foo.bar.com",
        "--path",
        "/foo",
        "--sni",
        "x.example",
        "--json",
    ])
    .json();
    assert_eq!(other_name["tls"]["sni"], "x.example");
    assert_eq!(other_name["tls"]["defaultCertificate"], true);
    let text = ingress_sim(&["route", "-f", &manifest, "--url", "https://foo.bar.com/foo"]);
    assert!(text.stdout.contains("Secret foo-tls"), "{}", text.stdout);
}

#[test]
fn text_has_a_headline_the_winner_and_every_candidate() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let run = ingress_sim(&["route", "-f", &manifest, "--host", "foo.bar.com", "--path", "/foo/x"]);
    run.expect_code(0);
    assert_eq!(run.stdout.lines().next(), Some("→ service1:4200 (rule)"));
    let field = |name: &str| {
        let line =
            run.stdout.lines().find(|l| l.trim_start().starts_with(name)).unwrap_or_else(|| panic!("no {name} line"));
        line.trim_start()[name.len()..].trim().to_string()
    };
    assert_eq!(field("Ingress"), "default/simple-fanout-example");
    assert_eq!(field("Rule"), "spec.rules[0]");
    assert_eq!(field("Host"), "foo.bar.com");
    assert_eq!(field("Path"), "/foo (Prefix), paths[0]");
    assert_eq!(field("Defined at"), format!("{manifest}:16:9"));
    assert!(field("TLS").starts_with("none: plain HTTP"), "{}", run.stdout);
    let why = run.stdout.split("\nWhy\n").nth(1).expect("a Why section");
    assert!(why.lines().any(|l| l.contains("✓ won") && l.ends_with(&format!("{manifest}:16:9"))), "{why}");
    assert!(why.lines().any(|l| l.contains("✗ lost") && l.ends_with(&format!("{manifest}:23:9"))), "{why}");
    assert!(!run.stdout.contains('\x1b'), "no colour when stdout is not a terminal");
}

#[test]
fn text_headline_for_no_match() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("service.yaml", SERVICE);
    let run = ingress_sim(&["route", "-f", &manifest, "--url", "http://a.example/"]);
    let stdout = &run.expect_code(0).stdout;
    assert_eq!(stdout.lines().next(), Some("→ 404 (no-match)"));
    assert!(stdout.lines().any(|l| l.split_whitespace().eq(["Status", "404"])), "{stdout}");
}

#[test]
fn a_redirect_reports_its_status_and_location() {
    let sandbox = Sandbox::new();
    let moved = FANOUT.replace(
        "metadata:\n",
        "metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/permanent-redirect: https://new.example/\n",
    );
    let manifest = sandbox.file("moved.yaml", &moved);
    let args = ["route", "-f", &manifest, "--url", "http://foo.bar.com/foo", "--profile", "ingress-nginx"];
    let text = ingress_sim(&args).expect_code(0).stdout.clone();
    assert!(text.contains("Status     301, Location: https://new.example/"), "{text}");
    let decision = ingress_sim(&[&args[..], &["--json"]].concat()).expect_code(0).json();
    assert_eq!((&decision["outcome"], &decision["status"]), (&json!("redirect"), &json!(301)));
}

#[test]
fn positions_refer_to_the_file_they_came_from() {
    let sandbox = Sandbox::new();
    let first = sandbox.file("service.yaml", SERVICE);
    let second = sandbox.file("fanout.yaml", FANOUT.replace("path: /bar", "path: bar"));
    let run = ingress_sim(&["route", "-f", &first, &second, "--host", "foo.bar.com", "--path", "/foo", "--json"]);
    let decision = run.expect_code(0).json();
    assert_eq!(decision["span"]["file"], second.as_str());
    assert_eq!(decision["span"]["start"], json!({"line": 16, "column": 9}));
    let won = decision["explanation"].as_array().unwrap().iter().find(|e| e["verdict"] == "won").unwrap();
    assert_eq!((&won["span"]["file"], &won["span"]["start"]["line"]), (&json!(second), &json!(16)));
    let error = decision["diagnostics"].as_array().unwrap().iter().find(|d| d["severity"] == "error").unwrap();
    assert_eq!((&error["file"], &error["line"], &error["column"]), (&json!(second), &json!(23), &json!(15)));
    assert_eq!(error["endLine"], 23);

    let text = ingress_sim(&["route", "-f", &first, &second, "--host", "foo.bar.com", "--path", "/foo"]);
    assert!(text.stdout.contains(&format!("{second}:16:9")), "{}", text.stdout);
    assert!(text.stdout.contains(&format!("{second}:23:15: error:")), "{}", text.stdout);
}

#[test]
fn class_option_leaves_other_classes_out() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT.replace("spec:\n", "spec:\n  ingressClassName: nginx\n"));
    let nginx =
        ingress_sim(&["route", "-f", &manifest, "--url", "http://foo.bar.com/foo", "--class", "nginx", "--json"]);
    assert_eq!(nginx.expect_code(0).json()["outcome"], "rule");
    let other =
        ingress_sim(&["route", "-f", &manifest, "--url", "http://foo.bar.com/foo", "--class", "traefik", "--json"]);
    let decision = other.expect_code(0).json();
    assert_eq!(decision["outcome"], "no-match");
    assert_eq!(decision["class"], "traefik");
    assert!(decision["explanation"].as_array().unwrap().iter().any(|e| e["verdict"] == "ignored"), "{decision}");
}

#[test]
fn profile_is_accepted_by_name() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("fanout.yaml", FANOUT);
    let run =
        ingress_sim(&["route", "-f", &manifest, "--url", "http://foo.bar.com/foo", "--profile", "spec", "--json"]);
    assert_eq!(run.expect_code(0).json()["profile"], "spec");
}
