//! With the `deserialize` feature, every result type reads back exactly what it serialises to:
//! the playground relies on this to show decisions the JS API computed.
#![cfg(feature = "deserialize")]

use ingress_engine::cases::{parse_cases, run_cases, CaseReport};
use ingress_engine::{Comparison, Decision, Options, Profile, ProfileSet, Simulator};

fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap())).collect()
}

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T, what: &str) {
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{what}: {e}\n{json}"));
    assert_eq!(&back, value, "{what}");
}

#[test]
fn decisions_comparisons_and_reports_read_back_unchanged() {
    let mut decisions = 0;
    for (file, text) in corpus() {
        let (cases, _) = parse_cases(&text);
        let manifest = cases.manifest.clone().unwrap_or_default();
        let profile = cases.profile.as_deref().and_then(Profile::parse).unwrap_or_default();
        let sim = Simulator::new(&manifest, &Options { class: cases.class.clone(), profile });
        let report: CaseReport = run_cases(&sim, &cases);
        round_trip(&report, &file);
        let set = ProfileSet::all(sim.manifest(), cases.class.as_deref());
        for case in &cases.cases {
            let decision: Decision = sim.route(&case.request);
            round_trip(&decision, &format!("{file}: {:?}", case.name));
            let comparison: Comparison = set.compare(&case.request);
            round_trip(&comparison, &format!("{file}: {:?} (compare)", case.name));
            decisions += 1;
        }
    }
    assert!(decisions > 100, "{decisions}");
}
