//! `ingress-sim map`: the route map as a text tree and as JSON, over several files (positions
//! name their file), exit codes as `validate`'s.

mod support;

use serde_json::json;
use support::{ingress_sim, Sandbox, FANOUT};

const WILDCARD: &str = "\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: wild, namespace: default}
spec:
  tls:
  - {hosts: [\"*.bar.com\"], secretName: wild-tls}
  rules:
  - host: \"*.bar.com\"
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: wild, port: {number: 80}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: again, port: {number: 80}}}}
";

#[test]
fn the_tree_lists_hosts_in_tier_order_with_paths_backends_and_places() {
    let sandbox = Sandbox::new();
    let fanout = sandbox.file("fanout.yaml", FANOUT);
    let wild = sandbox.file("wild.yaml", WILDCARD);
    let run = ingress_sim(&["map", "-f", &wild, &fanout]);
    run.expect_code(0);
    let out = &run.stdout;
    assert!(
        out.starts_with("Route map: 2 Ingresses (2 admitted), 2 hosts, 4 paths (profile spec, no class chosen)\n"),
        "{out}"
    );
    let precise = out.find("foo.bar.com  [precise]").expect("the precise host");
    let wildcard = out.find("*.bar.com  [wildcard]  TLS wild-tls (default/wild)").expect("the wildcard host");
    assert!(precise < wildcard, "R3 order, whatever the file order:\n{out}");
    // Precedence order under spec: equal lengths, so Exact /bar before Prefix /foo, each at its
    // file's line.
    let foo =
        out.find(&format!("/foo (Prefix) → service1:4200  default/simple-fanout-example  {fanout}:16:9")).expect(out);
    let bar =
        out.find(&format!("/bar (Exact) → service2:8080  default/simple-fanout-example  {fanout}:23:9")).expect(out);
    assert!(bar < foo);
    assert!(out.contains(&format!("/ (Prefix) → again:80  default/wild  {wild}:12:9\n    ! duplicate:")), "{out}");
    assert!(
        out.contains(
            "Default backends\n  default/simple-fanout-example → fallback:http  answers what no rule's host catches"
        ),
        "{out}"
    );
}

#[test]
fn json_is_the_route_map_contract() {
    let sandbox = Sandbox::new();
    let fanout = sandbox.file("fanout.yaml", FANOUT);
    let wild = sandbox.file("wild.yaml", WILDCARD);
    let map = ingress_sim(&["map", "-f", &fanout, &wild, "--json", "--profile", "ingress-nginx"]).expect_code(0).json();
    assert_eq!(map["profile"], "ingress-nginx");
    assert_eq!(map["counts"], json!({"ingresses": 2, "hosts": 2, "paths": 4}));
    assert_eq!(map["ingresses"][1]["name"], "default/wild");
    assert_eq!(map["ingresses"][1]["span"]["file"], wild.as_str());
    let host = &map["hosts"][1];
    assert_eq!((&host["host"], &host["tier"]), (&json!("*.bar.com"), &json!("wildcard")));
    assert_eq!(host["tls"][0]["secret"], "wild-tls");
    assert_eq!((&host["span"]["file"], &host["span"]["start"]["line"]), (&json!(wild.as_str()), &json!(8)));
    let path = &host["paths"][0];
    for key in ["ingress", "ingressIndex", "rule", "pathIndex", "path", "pathType", "backend", "span", "marks"] {
        assert!(path.get(key).is_some(), "{key} missing: {path}");
    }
    assert_eq!(path["span"]["file"], wild.as_str());
    assert_eq!(map["defaultBackends"][0]["answers"], true);
}

#[test]
fn exit_codes_follow_validate() {
    let sandbox = Sandbox::new();
    let invalid = sandbox.file("invalid.yaml", FANOUT.replace("path: /bar", "path: bar"));
    let run = ingress_sim(&["map", "-f", &invalid]);
    run.expect_code(1);
    assert!(run.stdout.contains("! invalid:"), "{}", run.stdout);
    assert!(run.stdout.contains("! rejected: the API server would reject Ingress default/simple-fanout-example"));
    let missing = sandbox.path("missing.yaml");
    ingress_sim(&["map", "-f", &missing]).expect_code(2);
    ingress_sim(&["map", "-f", &invalid, "--profile", "nope"]).expect_code(2);
}

#[test]
fn help_describes_the_command() {
    let run = ingress_sim(&["map", "--help"]);
    run.expect_code(0);
    assert!(run.stdout.contains("Exit codes:"), "{}", run.stdout);
    assert!(ingress_sim(&["--help"]).stdout.contains("map "), "listed in the overview");
}
