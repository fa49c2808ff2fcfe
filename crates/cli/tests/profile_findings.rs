//! `validate --profile` and `route --profile`: the duplicate and shadowed paths are judged by the
//! profile's own routing, the spec profile suggests the controller an input is written for, and
//! inputs with nothing to route (empty, a Helm template) say so.

mod support;

use support::{ingress_sim, Sandbox};

/// A main Ingress and its ingress-nginx canary on the same host and path.
const CANARY: &str = "\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: production, namespace: echo, creationTimestamp: \"2024-01-01T00:00:00Z\"}
spec:
  rules:
  - host: echo.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: production, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: canary
  namespace: echo
  creationTimestamp: \"2024-02-01T00:00:00Z\"
  annotations:
    nginx.ingress.kubernetes.io/canary: \"true\"
    nginx.ingress.kubernetes.io/canary-weight: \"10\"
spec:
  rules:
  - host: echo.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: canary, port: {number: 80}}}}
";

fn codes(list: &serde_json::Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[test]
fn validate_judges_duplicates_by_the_profile_and_suggests_it_under_spec() {
    let sandbox = Sandbox::new();
    let file = sandbox.file("canary.yaml", CANARY);
    let spec = ingress_sim(&["validate", "-f", &file, "--json"]).expect_code(0).json();
    assert_eq!(codes(&spec["warnings"]), ["duplicate-path"], "{spec}");
    let hint = &spec["notices"][0];
    assert_eq!(
        (&hint["code"], &hint["suggestedProfile"], &hint["line"]),
        (&"controller-hint".into(), &"ingress-nginx".into(), &18.into()),
        "{spec}"
    );
    assert_eq!(hint["file"], file.as_str());
    let nginx = ingress_sim(&["validate", "-f", &file, "--profile", "ingress-nginx", "--json"]).expect_code(0).json();
    assert_eq!(nginx["warnings"], serde_json::json!([]), "the canary is a split, not a duplicate: {nginx}");
    assert!(!codes(&nginx["notices"]).contains(&"controller-hint"), "{nginx}");
}

#[test]
fn route_text_shows_the_hint_with_the_option_to_use() {
    let sandbox = Sandbox::new();
    let file = sandbox.file("canary.yaml", CANARY);
    let run = ingress_sim(&["route", "-f", &file, "--url", "http://echo.example.com/"]);
    run.expect_code(0);
    assert!(run.stdout.contains("this input is written for ingress-nginx"), "{}", run.stdout);
    assert!(run.stdout.contains("(--profile ingress-nginx)"), "{}", run.stdout);
}

#[test]
fn validate_on_an_input_without_ingress_says_so_and_passes() {
    let sandbox = Sandbox::new();
    for (name, text) in [("empty.yaml", ""), ("service.yaml", support::SERVICE)] {
        let file = sandbox.file(name, text);
        let run = ingress_sim(&["validate", "-f", &file]);
        run.expect_code(0);
        assert!(run.stdout.contains("notice: No Ingress in the input"), "{name}: {}", run.stdout);
        let json = ingress_sim(&["validate", "-f", &file, "--json"]).expect_code(0).json();
        assert_eq!(codes(&json["notices"]), ["no-ingress"], "{json}");
    }
}

#[test]
fn a_helm_template_is_named_before_the_yaml_errors() {
    let sandbox = Sandbox::new();
    let chart = "{{- if .Values.ingress.enabled -}}\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ include \"app.fullname\" . }}\n{{- end }}\n";
    let file = sandbox.file("ingress.yaml", chart);
    let run = ingress_sim(&["validate", "-f", &file]);
    run.expect_code(2);
    let first_error = run.stderr.lines().nth(1).unwrap_or_default();
    assert!(first_error.contains(&format!("{file}:1:1: error: this looks like a Helm/Go template")), "{}", run.stderr);
    assert!(run.stderr.contains("run `helm template`"), "{}", run.stderr);
}
