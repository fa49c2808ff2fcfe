//! Routing benchmarks (docs/benchmarks.md has the figures and targets).
//!
//! A synthetic manifest of N = 10, 1,000 and 10,000 paths ([`support::synthetic`]) is measured in:
//!
//! - `parse`: `decode::parse` of its YAML text (information);
//! - `compile`: `Router::build` on the parsed manifest (target: 10k paths in ≤ 20 ms);
//! - `simulator_new`: parse, validation, compilation and static analysis (information);
//! - `lookup`: one decision without explanation, `router` (`Router::route_fast`, target ≤ 500 ns
//!   at 10k paths) next to `naive_linear_scan` ([`support::linear_scan`], target: the router at
//!   least 20× faster at 10k paths). Both cycle through the same fixed request mix, one request per
//!   iteration, so criterion's time is the time of one decision. Before timing, every request of
//!   the mix is routed by both and must land on the same path with the same backend;
//! - `explain`: `Simulator::route` with `Explain::Yes`, a decision with its full explanation
//!   (information);
//! - `controllers`: at 10,000 paths, one decision without explanation under every profile
//!   (`Simulator::route` with `Explain::No`, what `cases::run_cases` uses), next to the bare spec
//!   index (`spec_lookup`, `Router::route_fast`). Target: every profile within 10× of
//!   `spec_lookup`. Before timing, the first requests of the mix are routed with and without
//!   explanation and must agree.
//! - `edit`: the playground's keystroke — one character of a backend changes in the middle of
//!   1,000 Ingresses / 5,000 paths ([`support::synthetic::playground_input`]) — as
//!   `Simulator::new_incremental` with a warm `DocumentCache` plus a route with
//!   `Explain::BeforeAnalysis` (what the page runs per update; target ≤ 16 ms in the browser,
//!   where wasm is ~3× slower than native), next to `full_rebuild` (`Simulator::new` plus the
//!   same route); `new_line` adds and removes a line in
//!   that document, so that every later document moves; `ingress-nginx` answers the `incremental`
//!   keystroke under that profile as the playground does: the decision with the profile's static
//!   analysis (`Explain::Yes`) and the tests table's one row with its coverage, 200 uncovered
//!   paths listed (`cases::run_cases_listing`). Before timing, the incremental and fresh simulators must give the same
//!   decision (and diagnostics).
//!
//! Run: `cargo bench -p ingress-engine --bench routing` (append `-- lookup` to run one group).

mod support;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput};
use ingress_engine::cases::{parse_cases, run_cases_listing, CaseFile};
use ingress_engine::decision::BackendRef;
use ingress_engine::router::Router;
use ingress_engine::{decode, DocumentCache, Explain, Manifest, Options, Outcome, Profile, Request, Simulator};
use std::hint::black_box;
use std::time::Duration;
use support::linear_scan::LinearScan;
use support::synthetic::{workload, Workload};

const SIZES: [usize; 3] = [10, 1_000, 10_000];
/// The explanation walks every candidate of the chosen host; information only, so the big size is skipped.
const EXPLAIN_SIZES: [usize; 2] = [10, 1_000];
/// Requests in the mix each lookup benchmark cycles through.
const REQUESTS: usize = 200;
/// The size the `controllers` group routes at.
const CONTROLLER_SIZE: usize = 10_000;
/// Requests of the mix checked (explained against unexplained) before the `controllers` group.
const CONTROLLER_CHECKED: usize = 40;

/// One size's workload, parsed once.
struct Fixture {
    size: usize,
    workload: Workload,
    manifest: Manifest,
}

impl Fixture {
    fn new(size: usize) -> Fixture {
        let workload = workload(size, REQUESTS);
        let manifest = decode::parse(&workload.yaml);
        let errors: Vec<_> = manifest.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "the synthetic manifest of {size} paths does not parse cleanly: {errors:?}");
        assert_eq!(manifest.ingresses.len(), workload.ingress_count);
        Fixture { size, workload, manifest }
    }
}

/// A closure handing out the items of a slice round-robin: each benchmark iteration takes the next.
fn round_robin<'a, T>(items: &'a [T]) -> impl FnMut() -> &'a T {
    let mut next = 0;
    move || {
        let item = &items[next];
        next = if next + 1 == items.len() { 0 } else { next + 1 };
        item
    }
}

/// Checks, outside timing, that the router and the linear scan agree on every request of the mix
/// (same winning path, same path string, same backend; no match on both otherwise), and returns
/// how many requests hit a path.
fn assert_agreement(fixture: &Fixture, router: &Router, scan: &LinearScan) -> usize {
    let mut hits = 0;
    for request in &fixture.workload.requests {
        let fast = router.route_fast(&fixture.manifest, request);
        let naive = scan.route(request);
        let context = || format!("{} paths, request {}{}", fixture.size, request.host, request.path);
        match naive {
            Some(winner) => {
                hits += 1;
                assert_eq!(fast.outcome, Outcome::Rule, "{}: the router finds no path", context());
                assert_eq!(fast.path_position(), Some(winner.position), "{}: different winners", context());
                let (i, r, p) = winner.position;
                let written = &fixture.manifest.ingresses[i].spec.rules[r].http.as_ref().expect("http").paths[p];
                assert_eq!(written.path(), winner.path.path(), "{}: different path strings", context());
                let naive_backend = winner.path.backend.as_ref().and_then(BackendRef::from_model);
                assert_eq!(fast.backend(&fixture.manifest), naive_backend, "{}: different backends", context());
            }
            None => assert_eq!(fast.outcome, Outcome::NoMatch, "{}: the linear scan finds no path", context()),
        }
    }
    hits
}

/// Settings for groups whose iteration takes milliseconds: few, flat samples.
fn slow_group<'c>(c: &'c mut Criterion, name: &str) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    group.sampling_mode(SamplingMode::Flat).sample_size(20).warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    group
}

fn routing(c: &mut Criterion) {
    let fixtures: Vec<Fixture> = SIZES.iter().map(|&size| Fixture::new(size)).collect();
    let options = Options::default();
    for f in &fixtures {
        eprintln!(
            "workload: {} paths in {} Ingresses, {} bytes of YAML, {} requests",
            f.workload.path_count,
            f.workload.ingress_count,
            f.workload.yaml.len(),
            f.workload.requests.len()
        );
    }

    let mut group = slow_group(c, "parse");
    for f in &fixtures {
        group.throughput(Throughput::Bytes(f.workload.yaml.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(f.size), &f.workload.yaml, |b, yaml| {
            b.iter(|| decode::parse(black_box(yaml)))
        });
    }
    group.finish();

    let mut group = slow_group(c, "compile");
    for f in &fixtures {
        group.throughput(Throughput::Elements(f.size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(f.size), &f.manifest, |b, manifest| {
            b.iter(|| Router::build(black_box(manifest), &options))
        });
    }
    group.finish();

    let mut group = slow_group(c, "simulator_new");
    for f in &fixtures {
        group.throughput(Throughput::Elements(f.size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(f.size), &f.workload.yaml, |b, yaml| {
            b.iter(|| Simulator::new(black_box(yaml), &options))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("lookup");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for f in &fixtures {
        let (_, router) = Router::build(&f.manifest, &options);
        assert_eq!(router.path_count(), f.size, "every synthetic path is routable");
        let scan = LinearScan::new(&f.manifest);
        let hits = assert_agreement(f, &router, &scan);
        eprintln!(
            "lookup mix at {} paths: {hits} hits, {} misses; router and linear scan agree",
            f.size,
            REQUESTS - hits
        );

        let mut next = round_robin(&f.workload.requests);
        group.bench_function(BenchmarkId::new("router", f.size), |b| {
            b.iter(|| router.route_fast(&f.manifest, black_box(next())).outcome)
        });
        let mut next = round_robin(&f.workload.requests);
        group.bench_function(BenchmarkId::new("naive_linear_scan", f.size), |b| {
            b.iter(|| scan.route(black_box(next())).map(|winner| winner.position))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("explain");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for f in fixtures.iter().filter(|f| EXPLAIN_SIZES.contains(&f.size)) {
        let sim = Simulator::new(&f.workload.yaml, &options);
        let mut next = round_robin(&f.workload.requests);
        group.bench_function(BenchmarkId::from_parameter(f.size), |b| {
            b.iter(|| sim.route(black_box(next()), Profile::Spec, Explain::Yes))
        });
    }
    group.finish();

    controllers(c, fixtures.iter().find(|f| f.size == CONTROLLER_SIZE).expect("the controller size is measured"));
    edit(c);
}

/// The length of the line `text` starts in, with its `\n`.
fn yaml_line_end(text: &str) -> usize {
    text.find('\n').map_or(text.len(), |i| i + 1)
}

/// What the playground shows after an edit: the spec decision, explained, before the analysis.
fn first_answer(sim: &Simulator, request: &Request) -> ingress_engine::Decision {
    sim.route(request, Profile::Spec, Explain::BeforeAnalysis)
}

/// The `edit` group: one keystroke in a large manifest, incremental against a full rebuild.
fn edit(c: &mut Criterion) {
    let (yaml, request) = support::synthetic::playground_input(1_000, 5);
    // Two texts that differ in one character of one backend, halfway down: typing back and forth.
    let at = yaml[yaml.len() / 2..].find("name: web-svc").expect("a web-svc backend") + yaml.len() / 2;
    let edited = format!("{}name: wex-svc{}", &yaml[..at], &yaml[at + "name: web-svc".len()..]);
    let texts = [yaml, edited];
    let options = Options::default();
    let mut cache = DocumentCache::default();
    for text in &texts {
        let incremental = Simulator::new_incremental(text, &options, &mut cache);
        let fresh = Simulator::new(text, &options);
        assert_eq!(first_answer(&incremental, &request), first_answer(&fresh, &request));
        assert_eq!(incremental.diagnostics(Profile::Spec), fresh.diagnostics(Profile::Spec));
    }
    let mut group = slow_group(c, "edit");
    let mut next = round_robin(&texts);
    group.bench_function("incremental", |b| {
        b.iter(|| first_answer(&Simulator::new_incremental(black_box(next()), &options, &mut cache), &request).outcome)
    });
    // A new line in that document: every later document moves down a line (and back up).
    let newline = at + yaml_line_end(&texts[0][at..]);
    let moved = [texts[0].clone(), format!("{}\n{}", &texts[0][..newline], &texts[0][newline..])];
    for text in &moved {
        let incremental = Simulator::new_incremental(text, &options, &mut cache);
        assert_eq!(first_answer(&incremental, &request), first_answer(&Simulator::new(text, &options), &request));
    }
    let mut next = round_robin(&moved);
    group.bench_function("new_line", |b| {
        b.iter(|| first_answer(&Simulator::new_incremental(black_box(next()), &options, &mut cache), &request).outcome)
    });
    let mut next = round_robin(&texts);
    group.bench_function("full_rebuild", |b| {
        b.iter(|| first_answer(&Simulator::new(black_box(next()), &options), &request).outcome)
    });
    edit_under_ingress_nginx(&mut group, &texts, &request);
    group.finish();
}

/// The uncovered paths the playground's tests table lists (and draws).
const UNCOVERED_LISTED: usize = 200;

/// What the playground runs per update under ingress-nginx: the decision with the profile's static
/// analysis, then the tests table's one row with its coverage.
fn nginx_update(sim: &Simulator, request: &Request, row: &CaseFile) -> (Outcome, usize) {
    let decision = sim.route(request, Profile::IngressNginx, Explain::Yes);
    (decision.outcome, run_cases_listing(sim, Profile::IngressNginx, row, UNCOVERED_LISTED).unlisted)
}

/// `edit/ingress-nginx`: the `incremental` keystroke, answered under ingress-nginx as the playground
/// does ([`nginx_update`]). Before timing, the incremental and fresh simulators must agree.
fn edit_under_ingress_nginx(group: &mut BenchmarkGroup<'_, WallTime>, texts: &[String; 2], request: &Request) {
    let (row, errors) = parse_cases(&format!(
        "cases:\n- {{host: {}, path: {}, expect: {{outcome: rule}}}}\n",
        request.host, request.path
    ));
    assert!(errors.is_empty(), "{errors:?}");
    let options = Options::default();
    let mut cache = DocumentCache::default();
    for text in texts {
        let incremental = Simulator::new_incremental(text, &options, &mut cache);
        let fresh = Simulator::new(text, &options);
        assert_eq!(nginx_update(&incremental, request, &row), nginx_update(&fresh, request, &row));
        assert_eq!(incremental.diagnostics(Profile::IngressNginx), fresh.diagnostics(Profile::IngressNginx));
    }
    let mut next = round_robin(texts);
    group.bench_function("ingress-nginx", |b| {
        b.iter(|| nginx_update(&Simulator::new_incremental(black_box(next()), &options, &mut cache), request, &row))
    });
}

/// The `controllers` group: one unexplained decision per profile, beside the spec index.
fn controllers(c: &mut Criterion, f: &Fixture) {
    let mut group = c.benchmark_group("controllers");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    let (_, router) = Router::build(&f.manifest, &Options::default());
    let mut next = round_robin(&f.workload.requests);
    group.bench_function(BenchmarkId::new("spec_lookup", f.size), |b| {
        b.iter(|| router.route_fast(&f.manifest, black_box(next())).outcome)
    });
    let sim = Simulator::new(&f.workload.yaml, &Options::default());
    for &profile in Profile::ALL {
        for request in f.workload.requests.iter().take(CONTROLLER_CHECKED) {
            let mut full = sim.route(request, profile, Explain::Yes);
            full.explanation.clear();
            full.diagnostics.clear();
            assert_eq!(sim.route(request, profile, Explain::No), full, "{profile}: {}{}", request.host, request.path);
        }
        let mut next = round_robin(&f.workload.requests);
        group.bench_function(BenchmarkId::new(profile.name(), f.size), |b| {
            b.iter(|| sim.route(black_box(next()), profile, Explain::No).outcome)
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().noise_threshold(0.05);
    targets = routing
}
criterion_main!(benches);
