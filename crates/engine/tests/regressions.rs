//! Inputs the fuzzer found slow or wrong once (`fuzz/regressions/<target>/`): each must now be
//! read quickly, without a panic, with its problem reported at a place.

use ingress_engine::{Options, Request, Simulator};
use std::time::Instant;

#[test]
fn fuzz_regressions_are_read_quickly_and_reported() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/regressions/parse_validate_route");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("the regressions folder") {
        let path = entry.expect("a directory entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        let started = Instant::now();
        let sim = Simulator::new(&text, &Options::default());
        let _ = sim.route(&Request::new("a.example.com", "/"));
        let elapsed = started.elapsed();
        assert!(elapsed.as_millis() < 1_000, "{} took {elapsed:?}", path.display());
        assert!(sim.diagnostics().iter().all(|d| d.span.is_some()), "{}: a diagnostic without a place", path.display());
        seen += 1;
    }
    assert!(seen > 0, "no regression inputs found in {dir}");
}
