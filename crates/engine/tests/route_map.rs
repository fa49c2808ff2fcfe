//! The route map ([`Simulator::route_map`]): hosts in R3 order, paths in the profile's order, the
//! marks the profile's diagnostics give, admission per profile, default backends, TLS; and for
//! every corpus file under every profile, every admitted path drawn exactly once.

use ingress_engine::cases::parse_cases;
use ingress_engine::{Options, Profile, Simulator};
use serde_json::{json, Value};
use std::path::PathBuf;

const SHOP: &str = r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: web, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  tls:
  - {hosts: [shop.example.com, "*.example.com"], secretName: shop-tls}
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
      - {path: /api, pathType: Exact, backend: {service: {name: api-exact, port: {number: 8080}}}}
      - {path: /api/, pathType: Prefix, backend: {service: {name: api-dup, port: {number: 8080}}}}
      - {path: relative, pathType: Prefix, backend: {service: {name: broken, port: {number: 80}}}}
  - host: "*.example.com"
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {resource: {kind: Bucket, name: static}}}
  - http:
      paths:
      - {path: /health, pathType: Exact, backend: {service: {name: health, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: blog, namespace: web}
spec:
  ingressClassName: traefik
  rules:
  - host: blog.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: blog, port: {number: 80}}}}
"#;

fn map(yaml: &str, class: Option<&str>, profile: Profile) -> Value {
    let sim = Simulator::new(yaml, &Options { class: class.map(str::to_string) });
    serde_json::to_value(sim.route_map(profile)).expect("the map serialises")
}

fn paths_of(host: &Value) -> Vec<String> {
    host["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{} {} {}", p["path"].as_str().unwrap(), p["pathType"], p["backend"]))
        .collect()
}

#[test]
fn hosts_in_tier_order_paths_by_precedence_with_marks() {
    let map = map(SHOP, Some("nginx"), Profile::Spec);
    assert_eq!(map["profile"], "spec");
    assert_eq!(map["counts"], json!({"ingresses": 2, "hosts": 3, "paths": 7}));
    let ingresses = map["ingresses"].as_array().unwrap();
    assert_eq!(ingresses[0]["name"], "web/shop");
    assert_eq!((&ingresses[0]["admitted"], &ingresses[0]["class"]), (&json!(true), &json!("nginx")));
    assert_eq!((&ingresses[1]["admitted"], &ingresses[1]["class"]), (&json!(false), &json!("traefik")));
    assert_eq!(ingresses[1]["span"]["start"]["line"], 26);

    let hosts = map["hosts"].as_array().unwrap();
    let names: Vec<(&str, &str)> =
        hosts.iter().map(|h| (h["host"].as_str().unwrap(), h["tier"].as_str().unwrap())).collect();
    assert_eq!(names, [("shop.example.com", "precise"), ("*.example.com", "wildcard"), ("", "any")]);
    // A host's place: its first rule's `host` (the rule, without one), before any TLS entry.
    let lines: Vec<(u64, u64)> = hosts
        .iter()
        .map(|h| (h["span"]["start"]["line"].as_u64().unwrap(), h["span"]["start"]["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(lines, [(10, 11), (18, 11), (22, 5)]);
    // R5: longest first, Exact before Prefix at equal length; the unusable path last.
    assert_eq!(
        paths_of(&hosts[0]),
        [
            "/api/ \"Prefix\" \"api-dup:8080\"",
            "/api \"Exact\" \"api-exact:8080\"",
            "/api \"Prefix\" \"api:8080\"",
            "/ \"Prefix\" \"web:80\"",
            "relative \"Prefix\" \"broken:80\"",
        ]
    );
    let shop = &hosts[0]["paths"];
    assert_eq!(shop[0]["ingress"], "web/shop");
    assert_eq!((&shop[0]["ingressIndex"], &shop[0]["rule"], &shop[0]["pathIndex"]), (&json!(0), &json!(0), &json!(3)));
    assert_eq!(shop[0]["span"]["start"]["line"], 16);
    // /api/ (Prefix) is longer than /api (Prefix) and matches all it matches: /api is shadowed.
    // Every path of the Ingress (its relative path is invalid) is marked rejected.
    let kinds = |p: &Value| -> Vec<String> {
        p["marks"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(kinds(&shop[2]), ["shadowed", "rejected"], "{}", shop[2]);
    assert!(kinds(&shop[4]).contains(&"invalid".to_string()), "{}", shop[4]);
    assert!(kinds(&shop[4]).contains(&"rejected".to_string()), "{}", shop[4]);
    assert!(shop[0]["marks"].as_array().unwrap().iter().all(|m| m["kind"] == "rejected"), "{}", shop[0]);
    assert_eq!(hosts[1]["paths"][0]["backend"], "resource:Bucket/static");

    // TLS: each listed host carries the entry.
    assert_eq!(
        hosts[0]["tls"],
        json!([{"secret": "shop-tls", "ingress": "web/shop", "span": hosts[0]["tls"][0]["span"]}])
    );
    assert_eq!(hosts[1]["tls"][0]["secret"], "shop-tls");
    assert_eq!(hosts[2]["tls"], json!([]));
    let defaults = map["defaultBackends"].as_array().unwrap();
    assert_eq!(defaults.len(), 1);
    assert_eq!((&defaults[0]["backend"], &defaults[0]["answers"]), (&json!("fallback:80"), &json!(true)));
}

#[test]
fn a_duplicate_path_is_marked_on_the_loser() {
    let one = |name: &str, stamp: &str| {
        format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}, creationTimestamp: \"{stamp}\"}}\nspec:\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - {{path: /x, pathType: Prefix, backend: {{service: {{name: {name}, port: {{number: 80}}}}}}}}\n")
    };
    let yaml = one("new", "2025-01-01T00:00:00Z") + "---\n" + &one("old", "2020-01-01T00:00:00Z");
    let map = map(&yaml, None, Profile::Spec);
    let paths = map["hosts"][0]["paths"].as_array().unwrap();
    assert_eq!(paths[0]["ingress"], "default/old", "the older Ingress ranks first");
    assert_eq!(paths[0]["marks"], json!([]));
    assert_eq!(paths[1]["marks"][0]["kind"], "duplicate");
}

#[test]
fn admission_follows_the_class_and_the_profile() {
    let every = map(SHOP, None, Profile::Spec);
    assert_eq!(every["counts"]["hosts"], 4, "every class: blog.example.com too");
    assert!(every["ingresses"].as_array().unwrap().iter().all(|i| i["admitted"] == true));
    let traefik = map(SHOP, Some("traefik"), Profile::Spec);
    let hosts: Vec<&str> = traefik["hosts"].as_array().unwrap().iter().map(|h| h["host"].as_str().unwrap()).collect();
    assert_eq!(hosts, ["blog.example.com"]);
    assert_eq!(traefik["defaultBackends"], json!([]));
    // A controller profile draws paths as written (its order may depend on the request).
    let nginx = map(SHOP, Some("nginx"), Profile::IngressNginx);
    assert_eq!(nginx["profile"], "ingress-nginx");
    let written: Vec<&str> =
        nginx["hosts"][0]["paths"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert_eq!(written, ["/", "/api", "/api", "/api/", "relative"]);
}

#[test]
fn an_empty_or_broken_input_is_an_empty_map() {
    for yaml in ["", "kind: [", "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"] {
        let map = map(yaml, None, Profile::Spec);
        assert_eq!(map["counts"], json!({"ingresses": 0, "hosts": 0, "paths": 0}), "{yaml:?}");
    }
}

/// Every corpus file under every profile: every path of an admitted Ingress is drawn once, under
/// its own host, and nothing of an Ingress the profile does not admit is.
#[test]
fn every_admitted_path_is_drawn_once_under_every_profile() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        // Ingress routing only: the Gateway API files (`gateway-*.yaml`) are tests/gateway_corpus.rs's.
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("gateway-")) {
            continue;
        }
        let (cases, _) = parse_cases(&std::fs::read_to_string(&path).unwrap());
        let sim = Simulator::new(cases.manifest.as_deref().unwrap_or(""), &Options { class: cases.class.clone() });
        for &profile in Profile::ALL {
            let map = sim.route_map(profile);
            let drawn: Vec<(usize, usize, usize)> = map
                .hosts
                .iter()
                .flat_map(|h| h.paths.iter().map(|p| (p.ingress_index, p.rule, p.path_index)))
                .collect();
            let mut expected = Vec::new();
            for (i, ingress) in sim.manifest().ingresses.iter().enumerate() {
                if !map.ingresses[i].admitted {
                    continue;
                }
                for (r, rule) in ingress.spec.rules.iter().enumerate() {
                    for p in 0..rule.http.as_ref().map_or(0, |h| h.paths.len()) {
                        expected.push((i, r, p));
                    }
                }
            }
            let mut sorted = drawn.clone();
            sorted.sort();
            assert_eq!(sorted, expected, "{} {profile}", path.display());
            for host in &map.hosts {
                for p in &host.paths {
                    let rule_host = sim.manifest().ingresses[p.ingress_index].spec.rules[p.rule].host();
                    assert!(rule_host.eq_ignore_ascii_case(&host.host), "{} {profile}", path.display());
                }
            }
            assert_eq!(map.counts.paths, drawn.len());
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
}
