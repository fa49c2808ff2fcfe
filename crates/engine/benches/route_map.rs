//! The route map of a cluster dump: 1,000 Ingresses / 5,000 paths under 200 hosts, the shape of
//! the playground's large input (`support::synthetic::playground_input`: four Prefix paths per
//! Ingress) plus a fifth path per Ingress repeating its first, so that the map has 1,000
//! `duplicate` marks to place.
//!
//! - `warm`: `Simulator::route_map` on a simulator whose profile is compiled and analysed (what
//!   the playground pays when the map view opens after the page has answered: the map's own work);
//! - `cold`: reading the input (`Simulator::new`), the profile's analysis, and the map;
//! - `naive_marks`: the baseline for placing the marks, every diagnostic checked against every
//!   path (what the map's sorted, binary-searched placement replaces), over the same paths.
//!
//! Under `spec` and `ingress-nginx`. Before timing, the map must hold every path and every mark.
//! Run: `cargo bench -p ingress-engine --bench route_map`. Figures: docs/performance.md.

#[allow(dead_code)] // the routing bench uses the rest of the generators
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use ingress_engine::route_map::MarkKind;
use ingress_engine::{Options, Profile, Simulator};
use std::hint::black_box;
use std::time::Duration;

const INGRESSES: usize = 1_000;
const PATHS: usize = 5_000;

/// The playground's input with four paths per Ingress, and a fifth repeating the first.
fn input() -> String {
    let (yaml, _) = support::synthetic::playground_input(INGRESSES, 4);
    let mut out = String::with_capacity(yaml.len() * 5 / 4);
    for document in yaml.split("---\n").filter(|d| !d.is_empty()) {
        let first = document.find("      - path:").expect("a path");
        let second = document[first + 1..].find("      - path:").map_or(document.len(), |n| n + first + 1);
        out.push_str("---\n");
        out.push_str(document);
        out.push_str(&document[first..second]);
    }
    out
}

fn route_map(c: &mut Criterion) {
    let yaml = input();
    let mut group = c.benchmark_group("route_map");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    for profile in [Profile::Spec, Profile::IngressNginx] {
        let sim = Simulator::new(yaml.as_str(), &Options::default());
        let map = sim.route_map(profile);
        assert_eq!((map.counts.ingresses, map.counts.hosts, map.counts.paths), (INGRESSES, 200, PATHS), "{profile}");
        let paths = map.hosts.iter().flat_map(|h| &h.paths);
        let duplicates = paths.filter(|p| p.marks.iter().any(|m| m.kind == MarkKind::Duplicate)).count();
        assert_eq!(duplicates, INGRESSES, "{profile}: one duplicate per Ingress");
        group.bench_function(format!("warm/{profile}"), |b| b.iter(|| black_box(sim.route_map(profile))));
        group.bench_function(format!("cold/{profile}"), |b| {
            b.iter(|| black_box(Simulator::new(yaml.as_str(), &Options::default()).route_map(profile)))
        });
        let diagnostics = sim.analyse(profile);
        let spans: Vec<_> = map.hosts.iter().flat_map(|h| h.paths.iter().map(|p| p.span)).collect();
        group.bench_function(format!("naive_marks/{profile}"), |b| {
            b.iter(|| {
                let placed = black_box(&spans).iter().map(|span| {
                    black_box(diagnostics)
                        .iter()
                        .filter_map(|d| d.span)
                        .filter(|d| {
                            d.source == span.source && d.doc == span.doc && d.start >= span.start && d.end <= span.end
                        })
                        .count()
                });
                black_box(placed.sum::<usize>())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, route_map);
criterion_main!(benches);
