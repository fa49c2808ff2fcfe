//! `ingress-sim route` through a Gateway: text and JSON, the choice of Gateway and of routing,
//! profile names for each kind of input, positions in two files, and route status in `validate`.

mod support;

use support::{ingress_sim, Sandbox, FANOUT};

/// A Gateway with one HTTP listener (line 9: `- name: http`).
const GATEWAY: &str = "\
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: eg
  namespace: infra
spec:
  gatewayClassName: eg
  listeners:
  - name: http
    protocol: HTTP
    port: 80
    allowedRoutes:
      namespaces:
        from: All
";

/// An HTTPRoute in `shop` attached to it: PathPrefix /api (line 12), Exact /api/login with a
/// redirect (line 19), and a 90/10 split for everything else (line 27).
const ROUTE: &str = "\
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: store
  namespace: shop
spec:
  parentRefs:
  - {name: eg, namespace: infra}
  hostnames: [\"store.example.com\"]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /api}
    filters:
    - type: URLRewrite
      urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}
    backendRefs:
    - {name: api, port: 8080}
  - matches:
    - path: {type: Exact, value: /api/login}
      method: POST
    filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https, statusCode: 301}
  - backendRefs:
    - {name: web, port: 80, weight: 90}
    - {name: web-canary, port: 80, weight: 10}
";

fn inputs(sandbox: &Sandbox) -> (String, String) {
    (sandbox.file("gateway.yaml", GATEWAY), sandbox.file("route.yaml", ROUTE))
}

#[test]
fn json_names_listener_route_rule_match_and_the_rewritten_path_each_at_its_file() {
    let sandbox = Sandbox::new();
    let (gateway, route) = inputs(&sandbox);
    let run = ingress_sim(&[
        "route",
        "-f",
        &gateway,
        "-f",
        &route,
        "--url",
        "http://store.example.com/api/orders?x=1",
        "--json",
    ]);
    run.expect_code(0);
    let json = run.json();
    assert_eq!(json["status"], 200, "{json}");
    assert_eq!(json["outcome"], "rule");
    assert_eq!(json["gateway"], "infra/eg");
    assert_eq!(json["listener"], "http");
    assert_eq!((json["route"].as_str(), json["routeKind"].as_str()), (Some("shop/store"), Some("HTTPRoute")));
    assert_eq!((json["rule"].as_u64(), json["match"].as_u64()), (Some(0), Some(0)));
    assert_eq!(
        json["backend"]["service"],
        serde_json::json!({"name": "api", "namespace": "shop", "port": {"number": 8080}})
    );
    assert_eq!(json["upstreamPath"], "/v2/orders?x=1", "ReplacePrefixMatch keeps the rest and the query");
    assert_eq!(json["profile"], "spec");
    // The winning match is written in route.yaml; the listener step in gateway.yaml.
    let winner = json["explanation"].as_array().unwrap().iter().find(|e| e["verdict"] == "winner").expect("a winner");
    assert_eq!(
        (winner["span"]["file"].as_str(), winner["span"]["start"]["line"].as_u64()),
        (Some(route.as_str()), Some(12)),
        "{winner}"
    );
    let listener_step =
        json["explanation"].as_array().unwrap().iter().find(|e| e["listener"] == "http" && e["verdict"] == "info");
    let listener_file = listener_step.and_then(|e| e["span"]["file"].as_str());
    assert_eq!(listener_file, Some(gateway.as_str()), "{json}");
}

#[test]
fn the_text_report_shows_the_redirect_and_every_candidate() {
    let sandbox = Sandbox::new();
    let (gateway, route) = inputs(&sandbox);
    let run = ingress_sim(&[
        "route",
        "-f",
        &gateway,
        "-f",
        &route,
        "--url",
        "http://store.example.com/api/login",
        "--method",
        "POST",
    ]);
    run.expect_code(0);
    let out = &run.stdout;
    assert!(out.starts_with("→ 301 https://store.example.com/api/login (redirect)\n"), "{out}");
    assert!(out.contains("Route      HTTPRoute shop/store"), "{out}");
    assert!(out.contains("Rule       spec.rules[1], matches[0]"), "{out}");
    assert!(out.contains(&format!("{route}:19:")), "the winner's place:\n{out}");
    let lost = out.lines().filter(|l| l.contains("✗ lost")).count();
    assert_eq!(lost, 2, "the PathPrefix /api match and the split rule lose to the Exact path:\n{out}");
}

#[test]
fn a_split_lists_every_share() {
    let sandbox = Sandbox::new();
    let (gateway, route) = inputs(&sandbox);
    let run = ingress_sim(&["route", "-f", &gateway, "-f", &route, "--url", "http://store.example.com/", "--json"]);
    let json = run.json();
    let shares: Vec<(String, u64)> = json["split"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["backend"]["service"]["name"].as_str().unwrap().to_string(), s["weight"].as_u64().unwrap()))
        .collect();
    assert_eq!(shares, [("web".to_string(), 90), ("web-canary".to_string(), 10)], "{json}");
}

#[test]
fn profiles_are_read_for_the_kind_of_input() {
    let sandbox = Sandbox::new();
    let (gateway, route) = inputs(&sandbox);
    let url = "http://store.example.com/";
    let envoy =
        ingress_sim(&["route", "-f", &gateway, "-f", &route, "--url", url, "--profile", "envoy-gateway", "--json"]);
    envoy.expect_code(0);
    assert_eq!(envoy.json()["profile"], "envoy-gateway");
    let nginx = ingress_sim(&["route", "-f", &gateway, "-f", &route, "--url", url, "--profile", "ingress-nginx"]);
    nginx.expect_code(2);
    assert!(nginx.stderr.contains("ingress-nginx routes Ingresses only"), "{}", nginx.stderr);
    let fanout = sandbox.file("fanout.yaml", FANOUT);
    let ingress =
        ingress_sim(&["route", "-f", &fanout, "--url", "http://foo.bar.com/foo", "--profile", "envoy-gateway"]);
    ingress.expect_code(2);
    assert!(ingress.stderr.contains("envoy-gateway is a Gateway API implementation"), "{}", ingress.stderr);
    let unknown = ingress_sim(&["route", "-f", &fanout, "--url", "http://foo.bar.com/", "--profile", "haproxy"]);
    unknown.expect_code(2);
    assert!(unknown.stderr.contains("Gateway API implementations: spec, envoy-gateway, contour"), "{}", unknown.stderr);
}

#[test]
fn a_mixed_input_routes_through_ingresses_unless_a_gateway_is_named() {
    let sandbox = Sandbox::new();
    let (gateway, route) = inputs(&sandbox);
    let fanout = sandbox.file("fanout.yaml", FANOUT);
    let ingress = ingress_sim(&[
        "route",
        "-f",
        &fanout,
        "-f",
        &gateway,
        "-f",
        &route,
        "--url",
        "http://foo.bar.com/foo",
        "--json",
    ]);
    assert_eq!(ingress.json()["ingress"], "default/simple-fanout-example");
    let named =
        ["route", "-f", &fanout, "-f", &gateway, "-f", &route, "--url", "http://store.example.com/api", "--json"];
    let through = ingress_sim(&[&named[..], &["--gateway", "infra/eg"]].concat());
    assert_eq!(through.json()["route"], "shop/store");
    let by_name = ingress_sim(&[&named[..], &["--gateway", "eg"]].concat());
    assert_eq!(by_name.json()["gateway"], "infra/eg", "a name the input has once");
    let missing = ingress_sim(&[&named[..], &["--gateway", "infra/other"]].concat());
    missing.expect_code(2);
    assert!(
        missing.stderr.contains("no Gateway \"infra/other\" in the input; the input has infra/eg"),
        "{}",
        missing.stderr
    );
}

#[test]
fn several_gateways_need_a_name() {
    let sandbox = Sandbox::new();
    let (gateway, route) = inputs(&sandbox);
    let second = sandbox.file("second.yaml", GATEWAY.replace("name: eg", "name: internal"));
    let run =
        ingress_sim(&["route", "-f", &gateway, "-f", &second, "-f", &route, "--url", "http://store.example.com/"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("--gateway: the input has 2 Gateways; name the one to send the request to (namespace/name): infra/eg, infra/internal"),
        "{}",
        run.stderr
    );
}

#[test]
fn validate_reports_route_status_at_the_parent_ref() {
    let sandbox = Sandbox::new();
    let gateway = sandbox.file("gateway.yaml", GATEWAY.replace("from: All", "from: Same"));
    let route = sandbox.file("route.yaml", ROUTE);
    let run = ingress_sim(&["validate", "-f", &gateway, "-f", &route, "--json"]);
    let json = run.json();
    let all: Vec<&serde_json::Value> =
        ["errors", "warnings", "notices"].iter().flat_map(|k| json[k].as_array().into_iter().flatten()).collect();
    let status =
        all.iter().find(|d| d["code"] == "route-status").unwrap_or_else(|| panic!("no route-status in {json}"));
    assert!(status["message"].as_str().unwrap().contains("NotAllowedByListeners"), "{status}");
    assert_eq!(status["file"].as_str(), Some(route.as_str()), "{status}");
    let route_run =
        ingress_sim(&["route", "-f", &gateway, "-f", &route, "--url", "http://store.example.com/", "--json"]);
    assert_eq!(route_run.json()["status"], 404, "a route the listener does not allow takes no request");
}

#[test]
fn a_case_file_checks_gateway_requests_under_its_implementation() {
    let sandbox = Sandbox::new();
    let (gateway, route) = inputs(&sandbox);
    let cases = sandbox.file(
        "cases.yaml",
        "profile: envoy-gateway\ncases:\n- name: api rewritten\n  url: http://store.example.com/api/x\n  expect:\n    backend: shop/api:8080\n    upstreamPath: /v2/x\n- name: login\n  url: http://store.example.com/api/login\n  method: POST\n  expect: {status: 301, redirect: https://store.example.com/api/login}\n- name: wrong on purpose\n  url: http://store.example.com/other\n  expect: {backend: shop/api:8080}\n",
    );
    let run = ingress_sim(&["test", "-f", &gateway, "-f", &route, "--cases", &cases, "--json"]);
    run.expect_code(1);
    let json = run.json();
    assert_eq!((json["passed"].as_u64(), json["failed"].as_u64()), (Some(2), Some(1)), "{json}");
    let nginx = ingress_sim(&["test", "-f", &gateway, "-f", &route, "--cases", &cases, "--profile", "ingress-nginx"]);
    nginx.expect_code(1);
    assert!(
        nginx.stdout.contains("routes Ingresses only"),
        "a case the profile cannot route fails, saying why:\n{}",
        nginx.stdout
    );
}

/// An HTTPRoute where the implementations disagree: a RegularExpression path (rule 0) and a
/// PathPrefix (rule 1) both match `/api/x`; `spec` ranks the regex after every PathPrefix, Envoy
/// Gateway and Contour before it (gateway/implementation.rs).
const REGEX_ROUTE: &str = "\
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: regex
  namespace: shop
spec:
  parentRefs:
  - {name: eg, namespace: infra}
  rules:
  - matches:
    - path: {type: RegularExpression, value: \"/api/.*\"}
    backendRefs:
    - {name: by-regex, port: 80}
  - matches:
    - path: {type: PathPrefix, value: /api}
    backendRefs:
    - {name: by-prefix, port: 80}
";

#[test]
fn compare_through_a_gateway_groups_the_implementations_and_names_what_differs() {
    let sandbox = Sandbox::new();
    let gateway = sandbox.file("gateway.yaml", GATEWAY);
    let route = sandbox.file("route.yaml", REGEX_ROUTE);
    let compare = |more: &[&str]| {
        ingress_sim(&[&["compare", "-f", &gateway, "-f", &route, "--url", "http://any.example/api/x"], more].concat())
    };
    let run = compare(&["--json"]);
    run.expect_code(1);
    let json = run.json();
    assert_eq!(json["agree"], false, "{json}");
    assert_eq!(json["differences"], serde_json::json!(["backend", "rule"]), "{json}");
    let groups: Vec<(&str, Vec<&str>)> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let profiles = g["profiles"].as_array().unwrap().iter().filter_map(|p| p.as_str());
            (g["answer"].as_str().unwrap(), profiles.collect())
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("shop/by-regex:80, upstream path /api/x", vec!["envoy-gateway", "contour"]),
            ("shop/by-prefix:80, upstream path /api/x", vec!["spec"]),
        ],
        "{json}"
    );
    let decisions = json["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 3, "every implementation by default");
    assert_eq!((&decisions[0]["profile"], &decisions[0]["listener"]), (&"spec".into(), &"http".into()));

    let text = compare(&[]);
    text.expect_code(1);
    assert!(text.stdout.contains("The implementations disagree on: backend\n"), "{}", text.stdout);
    assert!(text.stdout.contains("Also different: rule."), "{}", text.stdout);
    assert!(text.stdout.contains("listener http · HTTPRoute shop/regex · rules[0].matches[0]"), "{}", text.stdout);

    let agreeing = compare(&["--profiles", "envoy-gateway,contour", "--gateway", "infra/eg"]);
    agreeing.expect_code(0);
    assert!(agreeing.stdout.contains("All implementations agree."), "{}", agreeing.stdout);
    let ingress_only = compare(&["--profiles", "ingress-nginx"]);
    ingress_only.expect_code(2);
    assert!(ingress_only.stderr.contains("--profiles: ingress-nginx routes Ingresses only"), "{}", ingress_only.stderr);
}

#[test]
fn compare_on_ingress_input_still_compares_ingress_profiles() {
    let sandbox = Sandbox::new();
    let fanout = sandbox.file("fanout.yaml", FANOUT);
    let run = ingress_sim(&["compare", "-f", &fanout, "--url", "http://foo.bar.com/foo", "--profiles", "spec,gce"]);
    run.expect_code(0);
    assert!(run.stdout.contains("All profiles agree."), "{}", run.stdout);
    let gateway_name =
        ingress_sim(&["compare", "-f", &fanout, "--url", "http://foo.bar.com/foo", "--profiles", "envoy-gateway"]);
    gateway_name.expect_code(2);
    assert!(gateway_name.stderr.contains("is a Gateway API implementation"), "{}", gateway_name.stderr);
}

#[test]
fn test_coverage_counts_gateway_matches_and_lists_the_unreached_at_their_place() {
    let sandbox = Sandbox::new();
    let (gateway, route) = inputs(&sandbox);
    let cases = sandbox.file(
        "cases.yaml",
        "cases:\n- url: http://store.example.com/api/x\n  expect: {backend: shop/api:8080}\n- url: http://store.example.com/api/login\n  method: POST\n  expect: {status: 301}\n",
    );
    let run = ingress_sim(&["test", "-f", &gateway, "-f", &route, "--cases", &cases]);
    run.expect_code(0);
    assert!(run.stdout.contains("Coverage: 2 of 3 matches reached (66.7%)"), "{}", run.stdout);
    let unreached = format!(
        "{route}:24:5  HTTPRoute shop/store  rules[2] on infra/eg listener http  store.example.com / (PathPrefix) → shop/web:80"
    );
    assert!(run.stdout.contains(&unreached), "{}", run.stdout);
    let json = ingress_sim(&["test", "-f", &gateway, "-f", &route, "--cases", &cases, "--json"]).json();
    assert_eq!(json["coverage"]["coverableMatches"], 3, "{json}");
    assert_eq!(json["coverage"]["reachedMatches"], 2, "{json}");
    let uncovered = &json["uncovered"][0];
    assert_eq!((&uncovered["route"], &uncovered["listener"]), (&"shop/store".into(), &"http".into()), "{json}");
    assert_eq!((&uncovered["rule"], uncovered.get("match")), (&2.into(), None), "a rule without matches");

    let fanout = sandbox.file("fanout.yaml", FANOUT);
    let mixed = sandbox.file(
        "mixed.yaml",
        "cases:\n- url: http://foo.bar.com/foo\n  expect: {backend: service1:4200}\n- url: http://store.example.com/api/x\n  gateway: infra/eg\n  expect: {backend: shop/api:8080}\n",
    );
    let run = ingress_sim(&["test", "-f", &fanout, "-f", &gateway, "-f", &route, "--cases", &mixed]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Coverage: 1 of 3 paths and default backends, 1 of 3 matches reached (33.3%)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_route_the_api_server_refuses_is_routed_as_written_and_flagged() {
    let sandbox = Sandbox::new();
    let (gateway, _) = inputs(&sandbox);
    let route = sandbox.file("route.yaml", ROUTE.replace("value: /api}", "value: /api//v1}"));
    let run =
        ingress_sim(&["route", "-f", &gateway, "-f", &route, "--url", "http://store.example.com/api//v1/x", "--json"]);
    let json = run.json();
    assert_eq!((json["route"].as_str(), json["rejected"].as_bool()), (Some("shop/store"), Some(true)), "{json}");
    let errors: Vec<&serde_json::Value> =
        json["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").collect();
    assert!(!errors.is_empty(), "the refusal is in the diagnostics: {json}");
    let text = ingress_sim(&["route", "-f", &gateway, "-f", &route, "--url", "http://store.example.com/api//v1/x"]);
    assert!(text.stdout.contains("The API server would refuse this Gateway or the answering route"), "{}", text.stdout);
    let valid = ingress_sim(&[
        "route",
        "-f",
        &gateway,
        "-f",
        &inputs(&sandbox).1,
        "--url",
        "http://store.example.com/",
        "--json",
    ]);
    assert_eq!(valid.json()["rejected"], false);
}
