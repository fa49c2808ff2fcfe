//! Gateway API routing (G1–G8 in `gateway.rs`): listener choice, attachment, hostname
//! intersection, matching, precedence, filters, backends, per implementation. Each test names the
//! rule and the upstream text it checks.
#![cfg(feature = "gateway")]

use ingress_engine::gateway::{GatewayDecision, GatewayOutcome, GatewayVerdict, Implementation};
use ingress_engine::{Code, Explain, Options, Request, RequestFields, Simulator};

const GATEWAY: &str = r#"
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: any
  listeners:
  - {name: http, port: 80, protocol: HTTP}
"#;

fn sim(yaml: &str) -> Simulator {
    Simulator::new(yaml, &Options::default())
}

fn request(url: &str) -> Request {
    Request::from_url(url).unwrap()
}

fn request_with(url: &str, method: &str, headers: &[(&str, &str)]) -> Request {
    let fields = RequestFields {
        url: Some(url.to_string()),
        method: Some(method.to_string()),
        headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
        ..RequestFields::default()
    };
    fields.build().unwrap()
}

#[track_caller]
fn route(sim: &Simulator, r: &Request, implementation: Implementation) -> GatewayDecision {
    let d = sim.route_gateway(r, None, implementation, Explain::Yes).unwrap();
    let fast = sim.route_gateway(r, None, implementation, Explain::No).unwrap();
    assert_eq!(
        (&fast.outcome, &fast.status, &fast.route, &fast.rule, &fast.match_index, &fast.backend, &fast.upstream_path),
        (&d.outcome, &d.status, &d.route, &d.rule, &d.match_index, &d.backend, &d.upstream_path),
        "the explained and the fast decisions agree"
    );
    let winners: Vec<_> = d.explanation.iter().filter(|e| e.verdict == GatewayVerdict::Winner).collect();
    match &d.route {
        Some(route) => {
            assert_eq!(winners.len(), 1, "{:#?}", d.explanation);
            assert_eq!(winners[0].route.as_ref(), Some(route));
            assert_eq!((winners[0].rule, winners[0].match_index), (d.rule, d.match_index));
        }
        None => assert!(winners.is_empty(), "{:#?}", d.explanation),
    }
    d
}

/// `(route, rule, match)` of the winner, `backend` label.
fn winner(d: &GatewayDecision) -> (String, Option<usize>, Option<usize>, String) {
    (d.route.clone().unwrap_or_default(), d.rule, d.match_index, d.backend_label())
}

fn routes(body: &str) -> String {
    format!("{GATEWAY}{body}")
}

#[test]
fn prefix_matching_is_element_wise_and_exact_beats_a_longer_prefix() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: a, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /foo}}]
    backendRefs: [{name: prefix, port: 8080}]
  - matches: [{path: {type: Exact, value: /foo}}]
    backendRefs: [{name: exact, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /foo/bar/baz}}]
    backendRefs: [{name: long, port: 8080}]
"#,
    ));
    for imp in Implementation::ALL {
        let d = route(&s, &request("http://example.com/foo"), imp);
        assert_eq!(d.backend_label(), "infra/exact:8080", "{imp}");
        assert_eq!(route(&s, &request("http://example.com/foo/"), imp).backend_label(), "infra/prefix:8080");
        assert_eq!(route(&s, &request("http://example.com/foo/bar/baz/q"), imp).backend_label(), "infra/long:8080");
        let miss = route(&s, &request("http://example.com/foobar"), imp);
        assert_eq!((miss.outcome, miss.status), (GatewayOutcome::NoMatch, Some(404)));
    }
}

#[test]
fn every_match_is_judged_once_with_its_step() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: a, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /foo}}]
    backendRefs: [{name: prefix, port: 8080}]
  - matches: [{path: {type: Exact, value: /foo}}, {path: {value: /bar}}, {path: {value: /foo}, method: POST}]
    backendRefs: [{name: exact, port: 8080}]
"#,
    ));
    let d = route(&s, &request("http://example.com/foo"), Implementation::Spec);
    let judged: Vec<_> = d
        .explanation
        .iter()
        .filter(|e| e.rule.is_some())
        .map(|e| (e.rule.unwrap(), e.match_index, e.reason.as_str()))
        .collect();
    assert_eq!(
        judged,
        vec![(0, Some(0), "precedence-exact"), (1, Some(0), "matched"), (1, Some(1), "path"), (1, Some(2), "method"),]
    );
}
