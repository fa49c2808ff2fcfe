//! Migration benchmarks (issue 15): convert and diff 1,000 Ingresses / 5,000 paths in ≤ 2 s.
//!
//! The input is the playground's large one (`support::synthetic::playground_input(1_000, 5)`:
//! 1,000 Ingresses in 10 namespaces, five Prefix paths each, 200 hosts shared across them), so
//! the conversion writes 10 Gateways with 20 listeners each. Measured:
//!
//! - `migrate/diff`: [`migrate::migrate`] end to end — read, convert, read the emitted YAML back,
//!   generate the probes and the quiet changes, route every probe before (ingress-nginx) and after
//!   (Envoy Gateway) unexplained, explain only the changed ones — target ≤ 2 s;
//! - `migrate/naive`: the same steps, but every probe offered to each converted Gateway in turn
//!   until one has a listener for it, and routed with both explanations (a diff without the
//!   listener index and without the unexplained first pass), the baseline. It takes minutes at
//!   1,000 Ingresses, so both are measured on 100 Ingresses / 500 paths (`migrate_500`) and the
//!   diff alone at 1,000 / 5,000 (`migrate_5000`);
//! - once, before timing, each stage on its own (wall clock), printed.
//!
//! Run: `cargo bench -p ingress-engine --bench migrate`.

#[allow(dead_code)] // the routing bench uses the rest of the generators
mod support;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use ingress_engine::gateway::Implementation;
use ingress_engine::migrate::{self, MigrateOptions, MigrationRun};
use ingress_engine::{Explain, Options, Profile, Simulator, Source, Sources};
use std::hint::black_box;
use std::time::{Duration, Instant};

const INGRESSES: usize = 1_000;
const PATHS_EACH: usize = 5;

/// The migration with every probe explained on both sides: the baseline.
fn naive(text: &str) -> usize {
    let before = Simulator::new(text, &Options::default());
    let conversion = migrate::convert(&before, &migrate::ConvertOptions { provider: migrate::Provider::IngressNginx });
    let sources = [Source::new("input.yaml", text), Source::new("gateway-api.yaml", conversion.yaml.clone())];
    let after = Simulator::new(Sources::Named(&sources), &Options::default());
    let mut changed = 0;
    for probe in migrate::probes(&before) {
        let b = before.route(&probe.request, Profile::IngressNginx, Explain::Yes);
        // Each Gateway in turn until one has a listener for the request, then explained there.
        let listening = conversion.gateways.iter().find(|g| {
            after
                .route_gateway(&probe.request, Some(g.as_str()), Implementation::EnvoyGateway, Explain::No)
                .is_ok_and(|a| a.listener.is_some())
        });
        let gateway = listening.or(conversion.gateways.first()).map(String::as_str);
        if let Ok(a) = after.route_gateway(&probe.request, gateway, Implementation::EnvoyGateway, Explain::Yes) {
            let answer = migrate::Answer::of_ingress(&b, before.manifest());
            changed += usize::from(answer != migrate::Answer::of_gateway(&a));
        }
    }
    changed
}

/// User plus system CPU time of this thread, in clock ticks (10 ms), where Linux says it: steadier
/// than wall-clock time when other processes share the cores.
fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Each stage of one run, wall clock and CPU time.
fn stages(text: &str) {
    let options = MigrateOptions::default();
    let mut run = MigrationRun::new(Sources::Text(text), &options);
    let whole = Instant::now();
    let whole_cpu = thread_cpu_ticks();
    loop {
        let stage = run.progress().stage;
        let start = Instant::now();
        let cpu = thread_cpu_ticks();
        let progress = run.step(usize::MAX);
        let ticks = thread_cpu_ticks().zip(cpu).map_or(0, |(end, start)| end - start);
        println!("migrate stage {stage}: {:.1} ms wall, {} ms CPU", start.elapsed().as_secs_f64() * 1e3, ticks * 10);
        if progress.finished {
            break;
        }
    }
    let m = run.finish();
    let ticks = thread_cpu_ticks().zip(whole_cpu).map_or(0, |(end, start)| end - start);
    println!(
        "migrate: {:.0} ms wall, {} ms CPU in all; {} Gateways, {} requests, {} changed, {} notices, {} bytes of YAML",
        whole.elapsed().as_secs_f64() * 1e3,
        ticks * 10,
        m.gateways.len(),
        m.requests,
        m.changed.len(),
        m.notices.len(),
        m.conversion.yaml.len()
    );
}

/// Where an explained change's time goes (printed once).
fn explained_costs(text: &str) {
    let before = Simulator::new(text, &Options::default());
    let conversion = migrate::convert(&before, &migrate::ConvertOptions { provider: migrate::Provider::IngressNginx });
    let sources = [Source::new("input.yaml", text), Source::new("gateway-api.yaml", conversion.yaml.clone())];
    let after = Simulator::new(Sources::Named(&sources), &Options::default());
    let probes = migrate::probes(&before);
    let gateway = conversion.gateways.first().map(String::as_str);
    let sample: Vec<_> = probes.iter().step_by(probes.len() / 200).take(200).collect();
    for (name, explain) in [("no", Explain::No), ("before-analysis", Explain::BeforeAnalysis), ("yes", Explain::Yes)] {
        let start = Instant::now();
        for p in &sample {
            black_box(before.route(&p.request, Profile::IngressNginx, explain));
        }
        let ingress = start.elapsed().as_secs_f64() * 1e3 / sample.len() as f64;
        let start = Instant::now();
        for p in &sample {
            black_box(after.route_gateway(&p.request, gateway, Implementation::EnvoyGateway, explain).ok());
        }
        let gw = start.elapsed().as_secs_f64() * 1e3 / sample.len() as f64;
        println!("explain {name}: ingress-nginx {ingress:.3} ms, envoy-gateway {gw:.3} ms per decision");
    }
    println!(
        "diagnostics: before {}, after {}",
        before.analyse(Profile::IngressNginx).len(),
        after.gateway_diagnostics(Implementation::EnvoyGateway).len()
    );
}

fn bench(c: &mut Criterion) {
    let (text, _) = support::synthetic::playground_input(INGRESSES, PATHS_EACH);
    explained_costs(&text);
    stages(&text);
    let mut group = c.benchmark_group("migrate_5000");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("diff", |b| {
        b.iter(|| black_box(migrate::migrate(Sources::Text(black_box(&text)), &MigrateOptions::default())))
    });
    group.finish();
    let (small, _) = support::synthetic::playground_input(INGRESSES / 10, PATHS_EACH);
    let mut group = c.benchmark_group("migrate_500");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("diff", |b| {
        b.iter(|| black_box(migrate::migrate(Sources::Text(black_box(&small)), &MigrateOptions::default())))
    });
    group.bench_function("naive", |b| b.iter(|| black_box(naive(black_box(&small)))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
