//! Decisions beyond what the corpus's backend expectations check: the JSON contract, named-port
//! resolution, rejected Ingresses, class filtering and the static diagnostics.

use ingress_engine::{Code, Explain, Options, Outcome, Profile, Reason, Request, Simulator, Verdict};

/// A Service with a named port and an Ingress that uses it (and a Service the input lacks).
const SHOP: &str = include_str!("fixtures/shop.yaml");

#[test]
fn decision_json_has_the_contract_keys() {
    let sim = Simulator::new(SHOP, &Options::default());
    let json = serde_json::to_value(sim.route(
        &Request::from_url("http://shop.example.com/x").unwrap(),
        Profile::Spec,
        Explain::Yes,
    ))
    .unwrap();
    for key in
        ["outcome", "ingress", "rule", "host", "path", "pathType", "backend", "tls", "explanation", "diagnostics"]
    {
        assert!(json.get(key).is_some(), "missing {key}: {json}");
    }
    assert_eq!(json["outcome"], "rule");
    assert_eq!(json["backend"], serde_json::json!({"service": {"name": "web", "port": {"name": "http"}}}));
    assert_eq!(json["pathType"], "Prefix");
    assert_eq!(json["resolvedPort"], serde_json::json!({"service": "shop/web", "name": "http", "number": 80}));
}

#[test]
fn missing_services_are_flagged_when_services_are_given() {
    let sim = Simulator::new(SHOP, &Options::default());
    let missing: Vec<_> = sim.diagnostics(Profile::Spec).iter().filter(|d| d.code == Code::MissingService).collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert!(missing[0].message.contains("Service shop/api is not in the input"));
    assert_eq!(missing[0].span.unwrap().start.line, 21);
}

#[test]
fn a_rejected_ingress_is_simulated_and_marked() {
    let yaml = SHOP.replace(
        "pathType: Prefix\n        backend: {service: {name: api",
        "pathType: Prefix\n        backend: {service: {name: API",
    );
    let sim = Simulator::new(&yaml, &Options::default());
    let d = sim.route(&Request::new("shop.example.com", "/api/v1"), Profile::Spec, Explain::Yes);
    assert_eq!(d.outcome, Outcome::Rule);
    assert!(d.rejected);
    assert!(d.explanation.iter().any(|e| e.message.contains("would be rejected by the API server")));
}

#[test]
fn other_classes_are_ignored_with_a_reason() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n  annotations: {ingressclass.kubernetes.io/is-default-class: \"true\"}\nspec: {controller: k8s.io/ingress-nginx}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: t}\nspec:\n  ingressClassName: traefik\n  defaultBackend: {service: {name: t, port: {number: 80}}}\n";
    let sim = Simulator::new(yaml, &Options::default());
    assert_eq!(sim.class(), Some("nginx"));
    let d = sim.route(&Request::new("a.example.com", "/"), Profile::Spec, Explain::Yes);
    assert_eq!(d.outcome, Outcome::NoMatch);
    let ignored = d.explanation.iter().find(|e| e.verdict == Verdict::Ignored).expect("an ignored entry");
    assert_eq!(ignored.reason, Reason::OtherClass);
    assert!(ignored.message.contains("\"traefik\", not \"nginx\""), "{}", ignored.message);
    let sim = Simulator::new(yaml, &Options { class: Some("traefik".into()) });
    assert_eq!(sim.route(&Request::new("a.example.com", "/"), Profile::Spec, Explain::Yes).backend_label(), "t:80");
}

#[test]
fn shadowed_and_duplicate_paths_are_reported() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a, creationTimestamp: \"2024-01-01T00:00:00Z\"}\nspec:\n  rules:\n  - host: x.example.com\n    http:\n      paths:\n      - {path: /foo, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}\n      - {path: /foo/, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: b, creationTimestamp: \"2024-02-01T00:00:00Z\"}\nspec:\n  rules:\n  - host: x.example.com\n    http:\n      paths:\n      - {path: /foo/, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}\n";
    let sim = Simulator::new(yaml, &Options::default());
    let codes: Vec<(Code, u32)> =
        sim.diagnostics(Profile::Spec).iter().map(|d| (d.code, d.span.unwrap().start.line)).collect();
    assert_eq!(codes, vec![(Code::ShadowedPath, 9), (Code::DuplicatePath, 20)]);
    let d = sim.route(&Request::new("x.example.com", "/foo"), Profile::Spec, Explain::Yes);
    assert_eq!(d.backend_label(), "b:80");
    let loser = d.explanation.iter().find(|e| e.reason == Reason::Duplicate).expect("duplicate entry");
    assert!(loser.message.contains("default/a is older"), "{}", loser.message);
}

#[test]
fn tls_sni_picks_the_certificate_host_picks_the_route() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: t}\nspec:\n  tls:\n  - {hosts: [\"*.example.com\"], secretName: wild}\n  - {hosts: [a.example.com], secretName: exact}\n  rules:\n  - host: a.example.com\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}\n  - host: b.example.com\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}]}\n";
    let sim = Simulator::new(yaml, &Options::default());
    let d = sim.route(&Request::new("b.example.com", "/").with_sni("a.example.com"), Profile::Spec, Explain::Yes);
    assert_eq!(d.backend_label(), "b:80");
    let tls = d.tls.unwrap();
    assert_eq!(tls.secret_name.as_deref(), Some("exact"));
    assert!(tls.message.contains("the Host header b.example.com picks the route"));
    let d = sim.route(&Request::from_url("https://c.example.com/").unwrap(), Profile::Spec, Explain::Yes);
    assert_eq!(d.tls.unwrap().secret_name.as_deref(), Some("wild"));
    let d = sim.route(&Request::from_url("https://example.com/").unwrap(), Profile::Spec, Explain::Yes);
    assert!(d.tls.unwrap().default_certificate);
}

#[test]
fn every_class_can_be_asked_for_despite_a_default() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n  annotations: {ingressclass.kubernetes.io/is-default-class: \"true\"}\nspec: {controller: k8s.io/ingress-nginx}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: t}\nspec:\n  ingressClassName: traefik\n  defaultBackend: {service: {name: t, port: {number: 80}}}\n";
    let sim = Simulator::new(yaml, &Options { class: Some(ingress_engine::EVERY_CLASS.into()) });
    assert_eq!(sim.class(), None);
    assert_eq!(sim.route(&Request::new("a.example.com", "/"), Profile::Spec, Explain::Yes).backend_label(), "t:80");
}
