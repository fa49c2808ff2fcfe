//! Gateway API routing benchmarks (targets from issue 14).
//!
//! A synthetic input of one Gateway and 1,000 HTTPRoutes with 5,000 matches (each route one
//! hostname — nine in ten exact, one in ten a wildcard — and five matches: Exact and PathPrefix
//! paths, some with a method, a header or a query parameter) is measured in:
//!
//! - `compile`: the table of one implementation (`gateway::compile_table`: attachment, hostname
//!   intersection, conditions, actions, precedence sort, hostname index) — target ≤ 20 ms;
//! - `route`: one decision without explanation (`Simulator::route_gateway` with `Explain::No`)
//!   under each implementation — target ≤ 1 µs — next to `naive_scan`, every match of every route
//!   read from the model and ranked by the spec's key for each request. Both cycle through the
//!   same fixed mix of 200 requests (hits, path misses, unknown hosts); before timing, every
//!   request is routed by both and must land on the same route, rule and match;
//! - `explain`: one decision with its explanation (information: every match on the listener is
//!   judged).
//!
//! Run: `cargo bench -p ingress-engine --bench gateway` (append `-- route` to run one group).

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use ingress_engine::gateway::model::{HttpRoute, HttpRouteMatch};
use ingress_engine::gateway::{compile_table, Implementation};
use ingress_engine::{decode, Explain, Manifest, Options, Request, RequestFields, Simulator};
use std::hint::black_box;
use std::time::Duration;

const ROUTES: usize = 1_000;
const MATCHES_PER_ROUTE: usize = 5;
const REQUESTS: usize = 200;

/// The route's hostname: one in ten a wildcard.
fn hostname(i: usize) -> String {
    if i % 10 == 9 {
        format!("*.w{i}.example.com")
    } else {
        format!("h{i}.example.com")
    }
}

/// A host the route's hostname matches.
fn host_for(i: usize) -> String {
    if i % 10 == 9 {
        format!("a.b.w{i}.example.com")
    } else {
        format!("h{i}.example.com")
    }
}

fn input() -> String {
    let mut yaml = String::from(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: bench}\nspec:\n  gatewayClassName: any\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n",
    );
    for i in 0..ROUTES {
        yaml.push_str(&format!(
            "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: r{i}, namespace: bench, creationTimestamp: \"2024-01-{:02}T00:00:00Z\"}}\nspec:\n  parentRefs: [{{name: gw}}]\n  hostnames: [\"{}\"]\n  rules:\n",
            1 + i % 28,
            hostname(i)
        ));
        yaml.push_str(&format!(
            "  - matches:\n    - path: {{type: Exact, value: /api/v{i}}}\n    - path: {{type: PathPrefix, value: /api}}\n      headers: [{{name: x-canary, value: \"true\"}}]\n    backendRefs: [{{name: canary{i}, port: 8080}}]\n"
        ));
        yaml.push_str(&format!(
            "  - matches:\n    - path: {{type: PathPrefix, value: /api}}\n      method: POST\n    - path: {{type: PathPrefix, value: /api/items}}\n      queryParams: [{{name: page, value: \"2\"}}]\n    - path: {{type: PathPrefix, value: /static/{i}}}\n    backendRefs: [{{name: app{i}, port: 8080, weight: 90}}, {{name: next{i}, port: 8080, weight: 10}}]\n"
        ));
    }
    yaml
}

fn requests() -> Vec<Request> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..REQUESTS)
        .map(|k| {
            let i = (next() % ROUTES as u64) as usize;
            let (host, path, method, headers) = match k % 10 {
                0 => ("unknown.example.org".to_string(), "/api".to_string(), "GET", vec![]),
                1 => (host_for(i), "/nothing/here".to_string(), "GET", vec![]),
                2 => (host_for(i), "/api/items/7?page=2".to_string(), "GET", vec![]),
                3 => (host_for(i), "/api/x".to_string(), "POST", vec![]),
                4 => (host_for(i), "/api/x".to_string(), "GET", vec![("X-Canary".to_string(), "true".to_string())]),
                5 => (host_for(i), format!("/api/v{i}"), "GET", vec![]),
                _ => (host_for(i), format!("/static/{i}/app.js"), "GET", vec![]),
            };
            RequestFields {
                url: Some(format!("http://{host}{path}")),
                method: Some(method.to_string()),
                headers,
                ..RequestFields::default()
            }
            .build()
            .unwrap()
        })
        .collect()
}

/// The spec's precedence key of a candidate (smaller first).
type Key = (i64, i64, i64, i64, i64, i64, i64, String, usize, usize);
/// `(route, rule, match)`.
type Winner = (String, usize, Option<usize>);

/// Every match of every route, read from the model for each request and ranked by the spec's
/// key (G4–G6): what the compiled table saves.
struct NaiveScan<'m> {
    routes: Vec<&'m HttpRoute>,
}

impl<'m> NaiveScan<'m> {
    fn new(manifest: &'m Manifest) -> NaiveScan<'m> {
        NaiveScan { routes: manifest.gateway.http_routes.iter().map(|r| &**r).collect() }
    }

    fn route(&self, request: &Request) -> Option<(String, usize, Option<usize>)> {
        let host = request.host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
        let mut best: Option<(Key, Winner)> = None;
        for route in &self.routes {
            for h in &route.hostnames {
                let h = h.value.to_ascii_lowercase();
                let host_ok = match h.strip_prefix('*') {
                    Some(suffix) => host.len() > suffix.len() && host.ends_with(suffix),
                    None => h == host,
                };
                if !host_ok {
                    continue;
                }
                let wildcard = h.starts_with('*');
                for (ri, rule) in route.rules.iter().enumerate() {
                    for (mi, m) in rule.matches.iter().enumerate() {
                        if !naive_matches(m, request, path, query) {
                            continue;
                        }
                        let p = m.path.as_ref();
                        let exact = p.is_some_and(|p| p.kind_or_default() == "Exact");
                        let len = p.map_or(1, |p| p.value_or_default().len());
                        let created =
                            route.meta.creation_timestamp.as_ref().map(|t| t.value.clone()).unwrap_or_default();
                        let key = (
                            -(if wildcard { 0 } else { h.len() as i64 }),
                            -(h.len() as i64),
                            -i64::from(exact),
                            -(len as i64),
                            -i64::from(m.method.is_some()),
                            -(m.headers.len() as i64),
                            -(m.query_params.len() as i64),
                            format!("{created}/{}/{}", route.meta.namespace(), route.meta.name()),
                            ri,
                            mi,
                        );
                        if best.as_ref().is_none_or(|(b, _)| key < *b) {
                            best = Some((key, (route.id(), ri, Some(mi))));
                        }
                    }
                }
            }
        }
        best.map(|(_, w)| w)
    }
}

fn naive_matches(m: &HttpRouteMatch, request: &Request, path: &str, query: &str) -> bool {
    let path_ok = match &m.path {
        None => true,
        Some(p) => match p.kind_or_default() {
            "Exact" => path == p.value_or_default(),
            _ => {
                let prefix = p.value_or_default().trim_end_matches('/');
                path.starts_with(prefix) && matches!(path.as_bytes().get(prefix.len()), None | Some(b'/'))
            }
        },
    };
    let value =
        |v: &Option<ingress_engine::model::Spanned<String>>| v.as_ref().map_or("", |v| v.value.as_str()).to_string();
    path_ok
        && m.method.as_ref().is_none_or(|x| x.value == request.method)
        && m.headers.iter().all(|h| request.header_values(&value(&h.name)).next() == Some(value(&h.value).as_str()))
        && m.query_params.iter().all(|q| {
            let name = value(&q.name);
            query.split('&').find_map(|kv| kv.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v))
                == Some(value(&q.value).as_str())
        })
}

/// User plus system CPU time of this thread, in clock ticks (10 ms), where Linux says it.
fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn round_robin<'a, T>(items: &'a [T]) -> impl FnMut() -> &'a T {
    let mut next = 0;
    move || {
        let item = &items[next];
        next = (next + 1) % items.len();
        item
    }
}

fn gateway(c: &mut Criterion) {
    let text = input();
    let manifest = decode::parse(&text);
    let errors: Vec<_> = manifest.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "the synthetic input does not parse cleanly: {errors:?}");
    assert_eq!(manifest.gateway.http_routes.len(), ROUTES);
    assert_eq!(compile_table(&manifest, Implementation::Spec), ROUTES * MATCHES_PER_ROUTE);
    let sim = Simulator::from_manifest(manifest.clone(), &Options::default());
    let mix = requests();
    let scan = NaiveScan::new(&manifest);
    let mut hits = 0;
    for request in &mix {
        let d = sim.route_gateway(request, None, Implementation::Spec, Explain::No).unwrap();
        let got = d.route.clone().map(|r| (r, d.rule.unwrap(), d.match_index));
        assert_eq!(got, scan.route(request), "{} {}{}", request.method, request.host, request.path);
        hits += usize::from(got.is_some());
    }
    println!(
        "gateway: {ROUTES} HTTPRoutes, {} matches; {hits} of {REQUESTS} requests answered by a rule",
        ROUTES * MATCHES_PER_ROUTE
    );

    // Wall-clock figures swing when other processes share the cores; the CPU time this thread
    // spends is steadier (Linux: /proc/thread-self/stat, in clock ticks).
    if let Some(start) = thread_cpu_ticks() {
        const N: usize = 2_000_000;
        let mut next = round_robin(&mix);
        for imp in Implementation::ALL {
            let start = thread_cpu_ticks().unwrap_or(start);
            for _ in 0..N {
                black_box(sim.route_gateway(black_box(next()), None, imp, Explain::No).unwrap());
            }
            let ticks = thread_cpu_ticks().unwrap_or(start) - start;
            println!(
                "route/{}: {:.0} ns of CPU time per decision ({N} decisions)",
                imp.name(),
                ticks as f64 * 1e7 / N as f64
            );
        }
        let start = thread_cpu_ticks().unwrap_or(start);
        for _ in 0..400 {
            black_box(
                sim.route_gateway(black_box(next()), None, Implementation::Spec, Explain::BeforeAnalysis).unwrap(),
            );
        }
        let ticks = thread_cpu_ticks().unwrap_or(start) - start;
        println!("explain/spec: {:.2} ms of CPU time per explained decision (400)", ticks as f64 * 10.0 / 400.0);
        let start = thread_cpu_ticks().unwrap_or(start);
        for _ in 0..20 {
            black_box(compile_table(black_box(&manifest), Implementation::Spec));
        }
        let ticks = thread_cpu_ticks().unwrap_or(start) - start;
        println!("compile/spec: {:.1} ms of CPU time per compile (20 compiles)", ticks as f64 * 10.0 / 20.0);
    }

    let mut group = c.benchmark_group("compile");
    group.sampling_mode(SamplingMode::Flat).sample_size(20).measurement_time(Duration::from_secs(4));
    for imp in Implementation::ALL {
        group.bench_function(imp.name(), |b| b.iter(|| compile_table(black_box(&manifest), imp)));
    }
    group.finish();

    let mut group = c.benchmark_group("route");
    for imp in Implementation::ALL {
        sim.route_gateway(&mix[0], None, imp, Explain::No).unwrap();
        let mut next = round_robin(&mix);
        group.bench_function(imp.name(), |b| {
            b.iter(|| sim.route_gateway(black_box(next()), None, imp, Explain::No).unwrap())
        });
    }
    let mut next = round_robin(&mix);
    group.bench_function("naive_scan", |b| b.iter(|| scan.route(black_box(next()))));
    group.finish();

    let mut group = c.benchmark_group("explain");
    group.sample_size(20);
    let mut next = round_robin(&mix);
    group.bench_function("spec", |b| {
        b.iter(|| sim.route_gateway(black_box(next()), None, Implementation::Spec, Explain::BeforeAnalysis).unwrap())
    });
    group.finish();
}

criterion_group!(benches, gateway);
criterion_main!(benches);
