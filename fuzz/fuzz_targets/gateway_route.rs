//! Arbitrary bytes as Gateway API input: read and validated (`Simulator::new`), then every Gateway
//! (the first three) asked requests derived from the input's own routes and listeners under every
//! implementation, with and without explanation; both answers must agree on what the client gets.
//! The route status diagnostics are computed for every implementation. And the input is read again
//! with a line added halfway through the playground's `DocumentCache`: its Gateway objects, errors
//! and decisions must equal a fresh read's.

#![no_main]

use ingress_engine::gateway::model::GatewayObjects;
use ingress_engine::gateway::{GatewayDecision, Implementation};
use ingress_engine::{DocumentCache, Explain, Options, Request, Scheme, Simulator};
use libfuzzer_sys::fuzz_target;

/// Routes, rules, matches, hostnames and Gateways looked at (keeps one run fast on big inputs).
const TAKE: usize = 3;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sim = Simulator::new(text, &Options::default());
    let requests = derived_requests(&sim.manifest().gateway);
    for implementation in Implementation::ALL {
        let _ = sim.gateway_diagnostics(implementation);
    }
    for gateway in sim.gateways().iter().take(TAKE) {
        for implementation in Implementation::ALL {
            for request in &requests {
                let explained = sim.route_gateway(request, Some(gateway), implementation, Explain::Yes);
                let quick = sim.route_gateway(request, Some(gateway), implementation, Explain::No);
                match (explained, quick) {
                    (Ok(explained), Ok(quick)) => same_answer(&explained, &quick, request),
                    (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                    (a, b) => panic!("explained {a:?} and batch {b:?} disagree for {request:?}"),
                }
            }
        }
    }
    moved_documents_equal_a_fresh_read(text, &requests);
});

/// What the client gets and what the backend receives, the same with or without explanation; an
/// explanation names its winner when a rule answered.
fn same_answer(explained: &GatewayDecision, quick: &GatewayDecision, request: &Request) {
    let answer = |d: &GatewayDecision| {
        (
            d.status,
            d.outcome,
            d.listener.clone(),
            d.route.clone(),
            d.rule,
            d.match_index,
            format!("{:?}", d.backend),
            format!("{:?}", d.redirect),
            d.upstream_path.clone(),
            d.upstream_host.clone(),
            d.upstream_headers.clone(),
        )
    };
    assert_eq!(answer(explained), answer(quick), "{request:?}");
    if explained.route.is_some() && explained.rule.is_some() {
        assert!(!explained.explanation.is_empty(), "a routed request without explanation: {request:?}");
    }
}

/// Requests the input's own routes and listeners point at: each hostname (a wildcard gets a
/// label in front) with each of the first paths as written and `/`, the first match's method and
/// first header; plain HTTP and HTTPS with SNI; and each listener's hostname and port.
fn derived_requests(objects: &GatewayObjects) -> Vec<Request> {
    let concrete = |host: &str| host.strip_prefix('*').map_or(host.to_string(), |rest| format!("a{rest}"));
    let mut hosts: Vec<String> = Vec::new();
    let mut paths: Vec<String> = vec!["/".to_string()];
    let mut method_header: Option<(String, Option<(String, String)>)> = None;
    for route in objects.http_routes.iter().take(TAKE) {
        hosts.extend(route.hostnames.iter().take(TAKE).map(|h| concrete(&h.value)));
        for rule in route.rules.iter().take(TAKE) {
            for m in rule.matches.iter().take(TAKE) {
                if let Some(path) = &m.path {
                    paths.push(path.value_or_default().to_string());
                }
                if method_header.is_none() {
                    let header = m.headers.first().and_then(|h| {
                        Some((
                            h.name.as_ref()?.value.clone(),
                            h.value.as_ref().map_or(String::new(), |v| v.value.clone()),
                        ))
                    });
                    let method = m.method.as_ref().map_or("GET".to_string(), |m| m.value.clone());
                    method_header = Some((method, header));
                }
            }
        }
    }
    let mut ports: Vec<i64> = Vec::new();
    for gateway in objects.gateways.iter().take(TAKE) {
        for listener in gateway.listeners.iter().take(TAKE) {
            if let Some(host) = &listener.hostname {
                hosts.push(concrete(&host.value));
            }
            if let Some(port) = &listener.port {
                ports.push(port.value);
            }
        }
    }
    for route in objects.tls_routes.iter().take(TAKE) {
        hosts.extend(route.hostnames.iter().take(TAKE).map(|h| concrete(&h.value)));
    }
    if hosts.is_empty() {
        hosts.push("example.com".to_string());
    }
    hosts.truncate(2 * TAKE);
    paths.truncate(1 + TAKE);
    let mut requests = Vec::new();
    for host in &hosts {
        for path in &paths {
            let mut plain = Request::new(host.clone(), path.clone());
            if let Some((method, header)) = &method_header {
                plain.method = method.clone();
                plain.headers.extend(header.clone());
            }
            let mut secure = plain.clone();
            secure.scheme = Scheme::Https;
            secure.sni = Some(host.clone());
            requests.push(plain);
            requests.push(secure);
        }
        for port in ports.iter().take(TAKE) {
            requests.push(Request::new(format!("{host}:{port}"), "/"));
        }
    }
    requests
}

/// The cache read with a line added halfway equals a fresh read: Gateway objects, errors and the
/// first Gateway's decisions.
fn moved_documents_equal_a_fresh_read(text: &str, requests: &[Request]) {
    let cut = text.as_bytes()[..text.len() / 2].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let moved = format!("{}# moved\n{}", &text[..cut], &text[cut..]);
    let mut cache = DocumentCache::default();
    let _ = Simulator::new_incremental(text, &Options::default(), &mut cache);
    let incremental = Simulator::new_incremental(&moved, &Options::default(), &mut cache);
    let fresh = Simulator::new(&moved, &Options::default());
    assert_eq!(format!("{:?}", incremental.manifest().gateway), format!("{:?}", fresh.manifest().gateway));
    let errors = |s: &Simulator| s.errors().map(|d| format!("{d:?}")).collect::<Vec<_>>();
    assert_eq!(errors(&incremental), errors(&fresh));
    let Some(gateway) = fresh.gateways().into_iter().next() else { return };
    for request in requests.iter().take(4) {
        let a = incremental.route_gateway(request, Some(&gateway), Implementation::Spec, Explain::Yes);
        let b = fresh.route_gateway(request, Some(&gateway), Implementation::Spec, Explain::Yes);
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{request:?}");
    }
}
