//! Inputs the fuzzer found slow or wrong once (`fuzz/regressions/<target>/`): each must now be
//! read quickly, without a panic, with its problem reported at a place.

use ingress_engine::{DocumentCache, Explain, Options, Profile, Request, Simulator};
use std::time::Instant;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/regressions/parse_validate_route");

/// Every regression input, with its path.
fn inputs() -> Vec<(std::path::PathBuf, String)> {
    let mut inputs: Vec<_> = std::fs::read_dir(DIR)
        .expect("the regressions folder")
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let text = String::from_utf8_lossy(&std::fs::read(&path).expect("readable")).into_owned();
            (path, text)
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no regression inputs found in {DIR}");
    inputs
}

#[test]
fn fuzz_regressions_are_read_quickly_and_reported() {
    let mut seen = 0;
    for (path, text) in inputs() {
        let started = Instant::now();
        let sim = Simulator::new(&text, &Options::default());
        let _ = sim.route(&Request::new("a.example.com", "/"), Profile::Spec, Explain::Yes);
        let elapsed = started.elapsed();
        assert!(elapsed.as_millis() < 1_000, "{} took {elapsed:?}", path.display());
        assert!(
            sim.diagnostics(Profile::Spec).iter().all(|d| d.span.is_some()),
            "{}: a diagnostic without a place",
            path.display()
        );
        seen += 1;
    }
    assert!(seen > 0);
}

/// The fuzz target's check: read, then read again with a line added halfway (the documents after
/// it move in the playground's cache), equals a fresh read. Two inputs failed it once: a document
/// without `metadata` (its place-less spans were moved), and two Ingresses of one name where a
/// fresh read rejected both for one's decoding error.
#[test]
fn fuzz_regressions_read_alike_after_a_line_is_added() {
    for (path, text) in inputs() {
        let cut = text.as_bytes()[..text.len() / 2].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let moved = format!("{}# moved\n{}", &text[..cut], &text[cut..]);
        let mut cache = DocumentCache::default();
        let first = Simulator::new_incremental(&text, &Options::default(), &mut cache);
        assert_eq!(first.rejected(), Simulator::new(&text, &Options::default()).rejected(), "{}", path.display());
        let incremental = Simulator::new_incremental(&moved, &Options::default(), &mut cache);
        let fresh = Simulator::new(&moved, &Options::default());
        assert_eq!(incremental.rejected(), fresh.rejected(), "{}", path.display());
        assert_eq!(incremental.diagnostics(Profile::Spec), fresh.diagnostics(Profile::Spec), "{}", path.display());
        let (a, b) = (incremental.manifest(), fresh.manifest());
        assert_eq!(format!("{:?}", a.ingresses), format!("{:?}", b.ingresses), "{}", path.display());
    }
}
