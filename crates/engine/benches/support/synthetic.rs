//! A deterministic synthetic workload: a multi-document Ingress manifest with a chosen number of
//! paths, and a fixed mix of requests against it.
//!
//! The manifest looks like a shared cluster: teams own domains (`teamN.example.com`), services get
//! precise hosts under them, some rules use a team wildcard (`*.teamN.example.com`) and a few have
//! no host at all. Hosts recur across Ingresses, so the router has to merge rules of several
//! Ingresses per host. Paths are 1–5 elements deep, mostly Prefix, some Exact and
//! ImplementationSpecific. Randomness comes from a seeded LCG, so every run benchmarks the same text.

use ingress_engine::Request;
use std::fmt::Write as _;

/// Knuth's MMIX linear congruential generator; the high bits are good enough for picking words.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with the given probability in percent.
    pub fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "api", "v1", "v2", "users", "orders", "cart", "static", "assets", "img", "auth", "login", "search", "admin",
    "reports", "billing", "health", "metrics", "docs", "blog", "media", "graphql", "ws", "internal", "public",
];

const SERVICES: &[&str] = &["web", "api", "shop", "auth", "cdn", "search", "admin", "grafana", "docs", "billing"];

/// How a rule names its host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    /// `service7.team3.example.com`.
    Precise,
    /// `*.team3.example.com`.
    Wildcard,
    /// No `host:`.
    Any,
}

/// A path as the generator wrote it (for building requests).
#[derive(Clone, Debug)]
pub struct WrittenPath {
    pub host_kind: HostKind,
    /// The rule host, without the `*.` of a wildcard: the domain it covers.
    pub host: String,
    pub path: String,
    pub path_type: &'static str,
}

/// A generated manifest and the requests to send it.
pub struct Workload {
    pub yaml: String,
    pub path_count: usize,
    pub ingress_count: usize,
    pub requests: Vec<Request>,
}

/// Generates a manifest with exactly `paths` paths and `request_count` requests.
pub fn workload(paths: usize, request_count: usize) -> Workload {
    let mut rng = Lcg::new(paths as u64);
    let teams = (paths / 250).max(1);
    let precise_hosts: Vec<String> = (0..(paths / 40).max(2))
        .map(|k| format!("{}{k}.team{}.example.com", rng.pick(SERVICES), rng.below(teams)))
        .collect();
    let max_paths_per_rule = (paths / 5).clamp(1, 8);

    let mut yaml = String::with_capacity(paths * 160);
    let mut written = Vec::with_capacity(paths);
    let mut rule_ordinal = 0usize;
    let mut ingress = 0usize;
    while written.len() < paths {
        // All Ingresses live in a few namespaces; names are zero-padded, so ranking by
        // namespace/name (R5) interleaves Ingresses differently from input order.
        let _ = write!(
            yaml,
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing-{ingress:05}\n  namespace: ns-{}\nspec:\n  rules:\n",
            rng.below(4)
        );
        for _ in 0..rng.between(1, 3) {
            if written.len() == paths {
                break;
            }
            // Every 20 rules: one host-less, two wildcard, the rest precise.
            let (host_kind, host) = match rule_ordinal % 20 {
                3 => (HostKind::Any, String::new()),
                1 | 11 => (HostKind::Wildcard, format!("team{}.example.com", rng.below(teams))),
                _ => (HostKind::Precise, rng.pick(&precise_hosts).clone()),
            };
            rule_ordinal += 1;
            match host_kind {
                HostKind::Precise => {
                    let _ = writeln!(yaml, "  - host: {host}\n    http:");
                }
                HostKind::Wildcard => {
                    let _ = writeln!(yaml, "  - host: \"*.{host}\"\n    http:");
                }
                HostKind::Any => yaml.push_str("  - http:\n"),
            }
            yaml.push_str("      paths:\n");
            let count = rng.between(1, max_paths_per_rule).min(paths - written.len());
            for _ in 0..count {
                let path = random_path(&mut rng);
                let path_type = match rng.below(100) {
                    0..=24 => "Exact",
                    25..=84 => "Prefix",
                    _ => "ImplementationSpecific",
                };
                let service = rng.pick(SERVICES);
                let port = if rng.percent(20) {
                    "name: http".to_string()
                } else {
                    format!("number: {}", 8000 + rng.below(100))
                };
                let _ = write!(
                    yaml,
                    "      - path: {path}\n        pathType: {path_type}\n        backend:\n          service:\n            name: {service}-svc\n            port:\n              {port}\n"
                );
                written.push(WrittenPath { host_kind, host: host.clone(), path, path_type });
            }
        }
        ingress += 1;
    }
    let requests = request_mix(&mut rng, &written, request_count);
    Workload { yaml, path_count: written.len(), ingress_count: ingress, requests }
}

fn random_path(rng: &mut Lcg) -> String {
    let depth = match rng.below(10) {
        0..=1 => 1,
        2..=5 => 2,
        6..=7 => 3,
        8 => 4,
        _ => 5,
    };
    let mut path = String::new();
    for _ in 0..depth {
        path.push('/');
        let word = rng.pick(WORDS);
        path.push_str(word);
        if rng.percent(25) {
            let _ = write!(path, "{}", rng.below(50));
        }
    }
    path
}

/// The request mix, per ten requests: four hits on precise hosts, two on wildcard hosts, one on a
/// host-less rule, and three misses (unknown path on a known host, unknown host and path, a host
/// one label too deep for a wildcard). A kind of hit the manifest lacks becomes a precise hit.
fn request_mix(rng: &mut Lcg, written: &[WrittenPath], count: usize) -> Vec<Request> {
    let of_kind = |kind: HostKind| -> Vec<&WrittenPath> { written.iter().filter(|w| w.host_kind == kind).collect() };
    let (precise, wildcard, any) = (of_kind(HostKind::Precise), of_kind(HostKind::Wildcard), of_kind(HostKind::Any));
    let mut requests = Vec::with_capacity(count);
    for n in 0..count {
        let slot = n % 10;
        let request = match slot {
            0 | 1 if !wildcard.is_empty() => {
                let w = rng.pick(&wildcard);
                Request::new(format!("edge{}.{}", rng.below(1000), w.host), request_path(rng, w))
            }
            2 if !any.is_empty() => {
                let w = rng.pick(&any);
                Request::new(format!("unknown{}.elsewhere.org", rng.below(1000)), request_path(rng, w))
            }
            3 if !precise.is_empty() => Request::new(rng.pick(&precise).host.clone(), "/no/such/route"),
            4 => Request::new(format!("nobody{}.nowhere.net", rng.below(1000)), "/nothing/here"),
            5 if !wildcard.is_empty() => {
                let w = rng.pick(&wildcard);
                Request::new(format!("a.b.{}", w.host), "/too/deep/for/the/wildcard")
            }
            _ => {
                let w = rng.pick(if precise.is_empty() { &any } else { &precise });
                let host = if w.host.is_empty() { "bench.example.com".to_string() } else { w.host.clone() };
                Request::new(host, request_path(rng, w))
            }
        };
        requests.push(request);
    }
    requests
}

/// A request path a written path matches: itself for Exact; for Prefix, sometimes one more
/// element, a trailing slash or a query string.
fn request_path(rng: &mut Lcg, w: &WrittenPath) -> String {
    if w.path_type == "Exact" {
        return w.path.clone();
    }
    match rng.below(4) {
        0 => w.path.clone(),
        1 => format!("{}/{}", w.path, rng.pick(WORDS)),
        2 => format!("{}/", w.path),
        _ => format!("{}/{}?page={}", w.path, rng.pick(WORDS), rng.below(10)),
    }
}

/// The playground's large test input: `ingresses` Ingresses with `paths_each` Prefix paths under
/// one host each (200 hosts, so hosts are shared by several Ingresses), and a request that reaches
/// one of them. The browser tests paste the same shape (1,000 × 5).
pub fn playground_input(ingresses: usize, paths_each: usize) -> (String, Request) {
    let mut yaml = String::with_capacity(ingresses * paths_each * 150);
    for i in 0..ingresses {
        let _ = write!(
            yaml,
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app-{i}\n  namespace: team-{}\nspec:\n  rules:\n  - host: host-{}.example.com\n    http:\n      paths:\n",
            i % 10,
            i % 200
        );
        for p in 0..paths_each {
            let service = SERVICES[(i + p) % SERVICES.len()];
            let _ = write!(
                yaml,
                "      - path: /{service}/{i}/{p}\n        pathType: Prefix\n        backend:\n          service:\n            name: {service}-svc\n            port:\n              number: {}\n",
                8000 + p
            );
        }
    }
    let service = SERVICES[(7 + 1) % SERVICES.len()];
    (yaml, Request::new("host-7.example.com", format!("/{service}/7/1/items")))
}
