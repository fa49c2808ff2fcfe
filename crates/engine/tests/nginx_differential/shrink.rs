//! Minimising a disagreement: drop Ingresses, rules, paths, default backends and annotations, and simplify ports, timestamps, namespaces and the Host header, for as long as
//! nginx and the engine still disagree on the request in the same way (the same kinds of answer);
//! then print the minimal manifest, request, both answers and the
//! generated configuration.

use super::compare::{describe_decision, run_set, simulator, Exchange};
use super::generate::Req;
use super::layout::{layout, Runtime};
use super::model::{IngressSet, Port};
use std::path::Path;

/// Every set one step simpler than `set`.
fn reductions(set: &IngressSet) -> Vec<IngressSet> {
    let mut out = Vec::new();
    for i in 0..set.ingresses.len() {
        let mut s = set.clone();
        s.ingresses.remove(i);
        out.push(s);
    }
    for (i, ing) in set.ingresses.iter().enumerate() {
        for (r, rule) in ing.rules.iter().enumerate() {
            let mut s = set.clone();
            s.ingresses[i].rules.remove(r);
            out.push(s);
            if let Some(paths) = &rule.paths {
                for p in 0..paths.len() {
                    if paths.len() > 1 {
                        let mut s = set.clone();
                        s.ingresses[i].rules[r].paths.as_mut().unwrap().remove(p);
                        out.push(s);
                    }
                    if paths[p].backend.port != Port::Number(80) {
                        let mut s = set.clone();
                        s.ingresses[i].rules[r].paths.as_mut().unwrap()[p].backend.port = Port::Number(80);
                        out.push(s);
                    }
                }
            }
        }
        if ing.default_backend.is_some() {
            let mut s = set.clone();
            s.ingresses[i].default_backend = None;
            out.push(s);
        }
        if ing.use_regex {
            let mut s = set.clone();
            s.ingresses[i].use_regex = false;
            out.push(s);
        }
        for a in 0..ing.annotations.len() {
            let mut s = set.clone();
            s.ingresses[i].annotations.remove(a);
            out.push(s);
        }
        if ing.created != 0 {
            let mut s = set.clone();
            s.ingresses[i].created = 0;
            out.push(s);
        }
        if ing.namespace != "default" {
            let mut s = set.clone();
            s.ingresses[i].namespace = "default".into();
            out.push(s);
        }
    }
    out
}

/// Does the request still get different answers, of the same kinds as in the original case?
fn disagrees(
    nginx: &Path,
    set: &IngressSet,
    req: &Req,
    signature: (&str, &str),
) -> Option<(Exchange, Result<(), String>)> {
    let sim = simulator(set).ok()?;
    let result = run_set(nginx, set, &sim, std::slice::from_ref(req)).ok()?;
    let config = result.config;
    result.results.into_iter().next().filter(|x| !x.agrees() && x.signature() == signature).map(|x| (x, config))
}

/// Simpler requests: the Host without decoration.
fn simpler_requests(req: &Req) -> Vec<Req> {
    let mut out = Vec::new();
    let plain = req.host.trim_end_matches('.').split(':').next().unwrap_or("").to_ascii_lowercase();
    if plain != req.host {
        out.push(Req { host: plain, target: req.target.clone(), preflight: req.preflight.clone() });
    }
    out
}

/// The minimal case.
pub struct Shrunk {
    pub set: IngressSet,
    pub exchange: Exchange,
    /// `nginx -t` on the minimal set.
    pub config: Result<(), String>,
    pub steps: usize,
}

/// Greedy minimisation, at most `budget` nginx runs.
pub fn shrink(nginx: &Path, set: &IngressSet, exchange: Exchange, config: Result<(), String>, budget: usize) -> Shrunk {
    let signature = exchange.signature();
    let mut best = Shrunk { set: set.clone(), exchange, config, steps: 0 };
    let mut runs = 0;
    'outer: loop {
        for req in simpler_requests(&best.exchange.req) {
            runs += 1;
            if let Some((x, config)) = disagrees(nginx, &best.set, &req, signature) {
                best.exchange = x;
                best.config = config;
                best.steps += 1;
                continue 'outer;
            }
        }
        for candidate in reductions(&best.set) {
            if runs >= budget {
                break 'outer;
            }
            if simulator(&candidate).is_err() {
                continue;
            }
            runs += 1;
            if let Some((x, config)) = disagrees(nginx, &candidate, &best.exchange.req, signature) {
                best = Shrunk { set: candidate, exchange: x, config, steps: best.steps + 1 };
                continue 'outer;
            }
        }
        break;
    }
    best
}

/// The reproducer text.
pub fn report(shrunk: &Shrunk) -> String {
    let x = &shrunk.exchange;
    let rt = Runtime {
        dir: "<dir>".into(),
        listen: "127.0.0.1:<port>".into(),
        socket: "<dir>/backend.sock".into(),
        nonce: String::new(),
    };
    let layout = layout(&shrunk.set);
    let mut out = String::new();
    out.push_str(&format!("request: {}\n", x.req));
    out.push_str(&format!(
        "  curl -s -i --path-as-is -H 'Host: {}' 'http://127.0.0.1:<port>{}'\n",
        x.req.host, x.req.target
    ));
    out.push_str(&format!("nginx:  {}", x.nginx));
    if let Some(loc) = &x.nginx_location {
        out.push_str(&format!("  via {loc}"));
    }
    if let Err(e) = &shrunk.config {
        out.push_str(&format!("\n  nginx -t: {}", e.replace('\n', "\n            ")));
    }
    out.push_str(&format!("\nengine: {}\n  {}\n", x.engine, describe_decision(&x.decision)));
    out.push_str(&format!("--- minimal manifest ({} shrink steps) ---\n{}", shrunk.steps, shrunk.set.to_yaml()));
    out.push_str("--- nginx.conf (servers, as ingress-nginx lays them out) ---\n");
    out.push_str(&layout.render_servers(&rt));
    out
}
