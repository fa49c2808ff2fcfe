//! With the `readback` feature, every result type reads back from its JSON exactly as it was
//! written, and every key written is read: the playground relies on this to show the decisions,
//! comparisons and case reports the JS API computed.
#![cfg(feature = "readback")]

use ingress_engine::cases::{parse_cases, run_cases, CaseReport};
use ingress_engine::readback::{ReadBack, Tree};
use ingress_engine::{Comparison, Decision, Explain, Options, Profile, Simulator};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashSet;

/// A JSON tree that remembers which object members were asked for.
#[derive(Clone, Copy)]
struct Json<'a> {
    value: &'a Value,
    asked: &'a RefCell<HashSet<(usize, String)>>,
}

impl Tree for Json<'_> {
    fn member(&self, key: &str) -> Option<Self> {
        let object = self.value.as_object()?;
        self.asked.borrow_mut().insert((object as *const _ as usize, key.to_string()));
        object.get(key).filter(|v| !v.is_null()).map(|value| Json { value, asked: self.asked })
    }
    fn string(&self) -> Option<String> {
        self.value.as_str().map(str::to_string)
    }
    fn number(&self) -> Option<f64> {
        self.value.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.value.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        Some(self.value.as_array()?.iter().map(|value| Json { value, asked: self.asked }).collect())
    }
}

/// The members of `value` (at any depth) that were never asked for.
fn unread(value: &Value, asked: &HashSet<(usize, String)>, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, member) in object {
                if !asked.contains(&(object as *const _ as usize, key.clone())) {
                    out.push(format!("{at}.{key}"));
                }
                unread(member, asked, &format!("{at}.{key}"), out);
            }
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| unread(v, asked, &format!("{at}[{i}]"), out)),
        _ => {}
    }
}

fn read_back<T: serde::Serialize + ReadBack + PartialEq + std::fmt::Debug>(original: &T, what: &str) {
    let json = serde_json::to_value(original).unwrap();
    let asked = RefCell::new(HashSet::new());
    let back = T::read(&Json { value: &json, asked: &asked }).unwrap_or_else(|e| panic!("{what}: {e}\n{json}"));
    assert_eq!(&back, original, "{what}");
    let mut missed = Vec::new();
    unread(&json, &asked.borrow(), "", &mut missed);
    assert!(missed.is_empty(), "{what}: keys written but never read: {missed:?}");
}

fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        // Ingress routing only: the Gateway API files (`gateway-*.yaml`) are tests/gateway_corpus.rs's.
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("gateway-")))
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap())).collect()
}

/// Adds the members a decision has (not null) to `seen`.
fn note_members(decision: &Decision, seen: &mut HashSet<String>) {
    if let Value::Object(object) = serde_json::to_value(decision).unwrap() {
        seen.extend(object.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, _)| k));
    }
}

#[test]
fn decisions_comparisons_and_reports_read_back_unchanged() {
    let mut decisions = 0;
    let mut fields_seen = HashSet::new();
    for (file, text) in corpus() {
        let (cases, _) = parse_cases(&text);
        let manifest = cases.manifest.clone().unwrap_or_default();
        let sim = Simulator::new(&manifest, &Options { class: cases.class.clone() });
        for &profile in Profile::ALL {
            let report: CaseReport = run_cases(&sim, profile, &cases);
            read_back(&report, &format!("{file} ({})", profile.name()));
            for case in &cases.cases {
                let decision: Decision = sim.route(&case.request, profile, Explain::Yes);
                note_members(&decision, &mut fields_seen);
                read_back(&decision, &format!("{file}: {} ({})", case.name.as_deref().unwrap_or("?"), profile.name()));
                decisions += 1;
            }
        }
        for case in &cases.cases {
            let comparison: Comparison = sim.compare(&case.request, Profile::ALL, Explain::Yes);
            read_back(&comparison, &format!("{file}: {} (compare)", case.name.as_deref().unwrap_or("?")));
        }
    }
    // A Service with a named port: `resolvedPort`; as one text and as a named source (`file`).
    let shop = include_str!("fixtures/shop.yaml");
    let named = [ingress_engine::Source::new("fixtures/shop.yaml", shop)];
    for sim in [Simulator::new(shop, &Options::default()), Simulator::new(&named[..], &Options::default())] {
        for &profile in Profile::ALL {
            for url in ["http://shop.example.com/", "http://shop.example.com/api/x", "http://elsewhere.example/"] {
                let request = ingress_engine::Request::from_url(url).unwrap();
                let decision = sim.route(&request, profile, Explain::Yes);
                note_members(&decision, &mut fields_seen);
                read_back(&decision, &format!("fixtures/shop.yaml: {url} ({})", profile.name()));
            }
        }
    }
    assert!(decisions > 500, "{decisions}");
    // The corpus exercises every member a decision can have, so none goes untested.
    for key in ["tls", "resolvedPort", "matchedAs", "redirect", "upstreamPath", "split", "ignoredAnnotations", "span"] {
        assert!(fields_seen.contains(key), "no decision of the corpus or fixtures/shop.yaml has `{key}`");
    }
}

#[test]
fn a_wrong_shape_says_where() {
    let json =
        serde_json::json!({"outcome": "rule", "explanation": [{"verdict": "won", "reason": "nope", "message": "m"}]});
    let asked = RefCell::new(HashSet::new());
    let error = Decision::read(&Json { value: &json, asked: &asked }).unwrap_err();
    assert_eq!(error.to_string(), "explanation[0].reason: expected Reason");
    let json = serde_json::json!({"outcome": "rule", "explanation": "none"});
    let error = Decision::read(&Json { value: &json, asked: &asked }).unwrap_err();
    assert_eq!(error.to_string(), "explanation: expected an array");
    let json = serde_json::json!({"outcome": "rule", "backend": {"service": {"name": "web", "port": {"number": 1.5}}}});
    let error = Decision::read(&Json { value: &json, asked: &asked }).unwrap_err();
    assert_eq!(error.to_string(), "backend.service.port.number: expected an integer (i64)");
}
