//! Gateway explanations judge, they never choose: for generated inputs and for every request of
//! every Gateway corpus file (`tests/corpus/gateway-*.yaml`), under every implementation,
//!
//! - at most one entry is the winner, and it names the decision's listener, route, rule and match
//!   (none when no rule answers);
//! - every match of every route attached to the Gateway is judged exactly once per listener it is
//!   attached to (a rule without matches counts as one match), and every route that names the
//!   Gateway without attaching gets an entry;
//! - every entry that says a candidate lost at a precedence step concerns a candidate that
//!   matches the request, and every entry that names a failed condition concerns one that does
//!   not (checked against an independent, naive reading of the spec below);
//! - the walk ([`gateway_steps`]) puts every entry in exactly one step and ends with the answer;
//! - and, for the `spec` implementation, the winner is the one a naive scan of every candidate
//!   with the spec's precedence key picks.
#![cfg(feature = "gateway")]

use ingress_engine::gateway::{gateway_steps, GatewayDecision, GatewayVerdict, Implementation};
use ingress_engine::{Explain, Options, Request, RequestFields, Simulator};
use ingress_engine::{Stage, Verdict};
use std::collections::HashMap;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One generated match, kept to check the engine against.
#[derive(Clone, Debug)]
struct GenMatch {
    path_type: &'static str,
    path: &'static str,
    method: Option<&'static str>,
    header: Option<(&'static str, &'static str)>,
    query: Option<(&'static str, &'static str)>,
}

#[derive(Clone, Debug)]
struct GenRoute {
    name: String,
    created: Option<&'static str>,
    hostnames: Vec<&'static str>,
    /// Per rule: its matches (empty: no `matches`, PathPrefix `/`).
    rules: Vec<Vec<GenMatch>>,
}

const HOSTNAMES: &[&str] = &["app.example.com", "*.example.com", "b.app.example.com", "*.app.example.com"];
const PATHS: &[&str] = &["/", "/api", "/api/", "/api/v1", "/apis", "/static", "/api/v1/users"];
const CREATED: &[Option<&str>] = &[None, Some("2024-01-01T00:00:00Z"), Some("2024-06-01T00:00:00Z")];

fn generate(rng: &mut Rng) -> Vec<GenRoute> {
    let count = 1 + rng.next() % 5;
    (0..count)
        .map(|i| {
            let hostnames = match rng.next() % 3 {
                0 => Vec::new(),
                1 => vec![rng.pick(HOSTNAMES)],
                _ => vec![rng.pick(HOSTNAMES), rng.pick(HOSTNAMES)],
            };
            let mut hostnames_unique = hostnames.clone();
            hostnames_unique.dedup();
            let rules = (0..1 + rng.next() % 3)
                .map(|_| {
                    (0..rng.next() % 3)
                        .map(|_| GenMatch {
                            path_type: rng.pick(&["Exact", "PathPrefix", "PathPrefix"]),
                            path: rng.pick(PATHS),
                            method: rng.chance(25).then(|| rng.pick(&["GET", "POST"])),
                            header: rng.chance(25).then(|| rng.pick(&[("x-env", "canary"), ("X-Env", "prod")])),
                            query: rng.chance(20).then(|| rng.pick(&[("v", "2"), ("debug", "1")])),
                        })
                        .collect()
                })
                .collect();
            GenRoute { name: format!("r{i}"), created: rng.pick(CREATED), hostnames: hostnames_unique, rules }
        })
        .collect()
}

fn yaml(routes: &[GenRoute]) -> String {
    let mut out = String::from(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: ns}\nspec:\n  gatewayClassName: any\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n  - {name: alt, port: 8080, protocol: HTTP}\n",
    );
    for r in routes {
        out.push_str("---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n");
        out.push_str(&format!("  name: {}\n  namespace: ns\n", r.name));
        if let Some(c) = r.created {
            out.push_str(&format!("  creationTimestamp: \"{c}\"\n"));
        }
        out.push_str("spec:\n  parentRefs: [{name: gw}]\n");
        if !r.hostnames.is_empty() {
            let h: Vec<String> = r.hostnames.iter().map(|h| format!("\"{h}\"")).collect();
            out.push_str(&format!("  hostnames: [{}]\n", h.join(", ")));
        }
        out.push_str("  rules:\n");
        for rule in &r.rules {
            out.push_str("  - backendRefs: [{name: svc, port: 80}]\n");
            if rule.is_empty() {
                continue;
            }
            out.push_str("    matches:\n");
            for m in rule {
                out.push_str(&format!("    - path: {{type: {}, value: \"{}\"}}\n", m.path_type, m.path));
                if let Some(method) = m.method {
                    out.push_str(&format!("      method: {method}\n"));
                }
                if let Some((n, v)) = m.header {
                    out.push_str(&format!("      headers: [{{name: {n}, value: \"{v}\"}}]\n"));
                }
                if let Some((n, v)) = m.query {
                    out.push_str(&format!("      queryParams: [{{name: {n}, value: \"{v}\"}}]\n"));
                }
            }
        }
    }
    out
}

fn requests(rng: &mut Rng) -> Vec<Request> {
    (0..12)
        .map(|_| {
            let host = rng.pick(&[
                "app.example.com",
                "b.app.example.com",
                "x.example.com",
                "c.b.app.example.com",
                "other.org",
            ]);
            let path =
                rng.pick(&["/", "/api", "/api/", "/api/v1", "/api/v1/users/7", "/apis", "/static/x", "/nothing"]);
            let query = rng.pick(&["", "?v=2", "?debug=1&v=2", "?v=3"]);
            let port = rng.pick(&["", "", ":8080"]);
            let mut fields = RequestFields {
                url: Some(format!("http://{host}{port}{path}{query}")),
                method: Some(rng.pick(&["GET", "POST"]).to_string()),
                ..RequestFields::default()
            };
            if rng.chance(40) {
                fields.headers.push(("X-ENV".to_string(), rng.pick(&["canary", "prod"]).to_string()));
            }
            fields.build().unwrap()
        })
        .collect()
}

/// The naive reading of the spec (G4–G6) on generated input: every candidate, its key, the least.
fn naive_spec_winner(routes: &[GenRoute], r: &Request) -> Option<(String, usize, Option<usize>)> {
    let host = r.host.split(':').next().unwrap().to_ascii_lowercase();
    let host_matches = |h: &str| match h.strip_prefix('*') {
        Some(suffix) => host.ends_with(suffix) && host.len() > suffix.len(),
        None => h.is_empty() || h == host,
    };
    type Winner = (String, usize, Option<usize>);
    let mut best: Option<(Vec<i64>, String, Winner)> = None;
    for route in routes {
        let hostnames: Vec<&str> = if route.hostnames.is_empty() { vec![""] } else { route.hostnames.clone() };
        for (ri, rule) in route.rules.iter().enumerate() {
            let matches: Vec<(Option<usize>, GenMatch)> = if rule.is_empty() {
                vec![(None, GenMatch { path_type: "PathPrefix", path: "/", method: None, header: None, query: None })]
            } else {
                rule.iter().cloned().enumerate().map(|(i, m)| (Some(i), m)).collect()
            };
            for (mi, m) in matches {
                if !naive_matches(&m, r) {
                    continue;
                }
                for h in &hostnames {
                    if !host_matches(h) {
                        continue;
                    }
                    let wildcard = h.starts_with('*') || h.is_empty();
                    let key = vec![
                        -(if wildcard { 0 } else { h.len() as i64 }),
                        -(h.len() as i64),
                        -i64::from(m.path_type == "Exact"),
                        -(m.path.len() as i64),
                        -i64::from(m.method.is_some()),
                        -i64::from(m.header.is_some()),
                        -i64::from(m.query.is_some()),
                        i64::from(route.created.is_none()),
                        match route.created {
                            Some("2024-01-01T00:00:00Z") => 0,
                            Some(_) => 1,
                            None => 2,
                        },
                    ];
                    let tail = (format!("ns/{}", route.name), ri, mi);
                    let candidate =
                        (key, format!("{:?}", (tail.0.clone(), tail.1, tail.2.map_or(-1, |x| x as i64))), tail);
                    if best.as_ref().is_none_or(|b| (&candidate.0, &candidate.1) < (&b.0, &b.1)) {
                        best = Some(candidate);
                    }
                }
            }
        }
    }
    best.map(|(_, _, w)| w)
}

/// G5, read naively: path AND method AND header AND query.
fn naive_matches(m: &GenMatch, r: &Request) -> bool {
    let (path, query) = r.path.split_once('?').unwrap_or((&r.path, ""));
    let path_ok = match m.path_type {
        "Exact" => path == m.path,
        _ => {
            let p = m.path.trim_end_matches('/');
            path.starts_with(p) && (path.len() == p.len() || path.as_bytes()[p.len()] == b'/')
        }
    };
    let method_ok = m.method.is_none_or(|x| x == r.method);
    let header_ok = m.header.is_none_or(|(n, v)| r.header_values(n).next() == Some(v));
    let query_ok = m.query.is_none_or(|(n, v)| {
        query.split('&').find_map(|kv| kv.split_once('=').filter(|(k, _)| *k == n).map(|(_, x)| x)) == Some(v)
    });
    path_ok && method_ok && header_ok && query_ok
}

/// On the chosen listener, a candidate reported as losing at a precedence step matches the
/// request, and one reported as failing a condition does not.
fn check_reasons(d: &GatewayDecision, routes: &[GenRoute], r: &Request, context: &str) {
    for e in d.explanation.iter().filter(|e| e.rule.is_some() && e.listener == d.listener) {
        let route = routes.iter().find(|g| Some(format!("ns/{}", g.name)) == e.route).unwrap();
        let rule = &route.rules[e.rule.unwrap()];
        let m = match e.match_index {
            Some(i) => rule[i].clone(),
            None => GenMatch { path_type: "PathPrefix", path: "/", method: None, header: None, query: None },
        };
        let reason = e.reason.as_str();
        if reason.starts_with("precedence-") || reason == "matched" {
            assert!(naive_matches(&m, r), "{context}: {reason} for a match that does not match: {e:?}");
        }
        if ["path", "method", "header", "query"].contains(&reason) {
            assert!(!naive_matches(&m, r), "{context}: {reason} for a match that matches: {e:?}");
        }
    }
}

/// The invariants of the module doc, on one decision; `attached` counts the matches the input
/// attaches per listener (when known).
fn check(d: &GatewayDecision, expected_entries: Option<&HashMap<String, usize>>, context: &str) {
    let winners: Vec<_> = d.explanation.iter().filter(|e| e.verdict == GatewayVerdict::Winner).collect();
    match &d.route {
        Some(route) => {
            assert_eq!(winners.len(), 1, "{context}: one winner: {:#?}", d.explanation);
            let w = winners[0];
            assert_eq!(
                (w.route.as_ref(), w.rule, w.match_index, w.listener.as_ref()),
                (Some(route), d.rule, d.match_index, d.listener.as_ref()),
                "{context}: the winner entry is the decision's"
            );
        }
        None => assert!(winners.is_empty(), "{context}: no winner when no rule answers: {:#?}", d.explanation),
    }
    // The walk (`gateway_steps`) puts every entry in exactly one step, the winner in the answer.
    let steps = gateway_steps(d);
    let mut covered: Vec<usize> = steps.iter().flat_map(|s| s.entries.iter().copied()).collect();
    covered.sort_unstable();
    assert_eq!(covered, (0..d.explanation.len()).collect::<Vec<_>>(), "{context}: every entry in one step");
    let answer = steps.last().unwrap();
    assert_eq!(answer.stage, Stage::Winner);
    assert_eq!(answer.verdict == Verdict::Won, d.route.is_some() && !winners.is_empty(), "{context}: {steps:#?}");
    let mut seen: HashMap<(String, String, usize, Option<usize>), usize> = HashMap::new();
    for e in d.explanation.iter().filter(|e| e.rule.is_some()) {
        let key = (
            e.listener.clone().unwrap_or_default(),
            e.route.clone().unwrap_or_default(),
            e.rule.unwrap(),
            e.match_index,
        );
        *seen.entry(key).or_default() += 1;
        assert!(e.verdict != GatewayVerdict::Info, "{context}: a candidate entry has a verdict: {e:?}");
    }
    for (key, n) in &seen {
        assert_eq!(*n, 1, "{context}: {key:?} judged {n} times");
    }
    if let Some(expected) = expected_entries {
        let mut per_listener: HashMap<String, usize> = HashMap::new();
        for (listener, ..) in seen.keys() {
            *per_listener.entry(listener.clone()).or_default() += 1;
        }
        assert_eq!(&per_listener, expected, "{context}: every attached match judged, per listener");
    }
}

#[test]
fn generated_inputs_are_explained_without_choosing() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut decisions = 0;
    for round in 0..300 {
        let routes = generate(&mut rng);
        let input = yaml(&routes);
        let sim = Simulator::new(&input, &Options::default());
        assert!(sim.errors().next().is_none(), "round {round}: {:?}\n{input}", sim.errors().collect::<Vec<_>>());
        let matches: usize = routes.iter().flat_map(|r| &r.rules).map(|rule| rule.len().max(1)).sum();
        let expected: HashMap<String, usize> = if matches == 0 {
            HashMap::new()
        } else {
            [("http".to_string(), matches), ("alt".to_string(), matches)].into()
        };
        for request in requests(&mut rng) {
            for imp in Implementation::ALL {
                let d = sim.route_gateway(&request, None, imp, Explain::Yes).unwrap();
                let context =
                    format!("round {round}, {imp}, {} {}{}\n{input}", request.method, request.host, request.path);
                check(&d, Some(&expected), &context);
                check_reasons(&d, &routes, &request, &context);
                let fast = sim.route_gateway(&request, None, imp, Explain::No).unwrap();
                assert_eq!(
                    (&fast.route, fast.rule, fast.match_index, fast.status),
                    (&d.route, d.rule, d.match_index, d.status),
                    "{context}"
                );
                if imp == Implementation::Spec {
                    let naive = naive_spec_winner(&routes, &request);
                    let got = d.route.clone().map(|r| (r, d.rule.unwrap(), d.match_index));
                    assert_eq!(got, naive, "{context}\n{:#?}", d.explanation);
                }
                decisions += 1;
            }
        }
    }
    assert!(decisions > 10_000);
}

/// Every request of every Gateway corpus file, through every Gateway of its input.
#[test]
fn corpus_requests_are_explained_without_choosing() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("gateway-") && n.ends_with(".yaml"))
        })
        .collect();
    files.sort();
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let (cases, _) = ingress_engine::cases::parse_cases(&text);
        let Some(manifest) = cases.manifest.as_deref() else { continue };
        let sim = Simulator::new(manifest, &Options::default());
        for case in &cases.cases {
            for gateway in sim.gateways() {
                for imp in Implementation::ALL {
                    let d = sim.route_gateway(&case.request, Some(&gateway), imp, Explain::Yes).unwrap();
                    let context =
                        format!("{}: {gateway}, {imp}, {} {}", file.display(), case.request.host, case.request.path);
                    check(&d, None, &context);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 0, "no corpus request was explained");
    eprintln!("{checked} corpus decisions explained");
}
