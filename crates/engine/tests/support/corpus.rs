//! The conformance corpus (`tests/corpus/*.yaml`): where it is, and each file read as a case file
//! with every problem of the file itself reported.

use ingress_engine::cases::{parse_cases, CaseFile};
use std::path::PathBuf;

/// `crates/engine/tests/corpus`.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus")
}

/// A corpus file's text.
pub fn read(file: &str) -> String {
    let path = corpus_dir().join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses a corpus file; every problem with the file itself is a failure.
pub fn load(file: &str, failures: &mut Vec<String>) -> Option<CaseFile> {
    let (cases, errors) = parse_cases(&read(file));
    for e in &errors {
        failures.push(format!("{file}: case file: {e}"));
    }
    for (key, value) in [("name", &cases.name), ("description", &cases.description), ("source", &cases.source)] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            failures.push(format!("{file}: `{key}` is missing or empty"));
        }
    }
    if cases.manifest.as_deref().is_none_or(|m| m.trim().is_empty()) {
        failures.push(format!("{file}: `manifest` is missing or empty"));
    }
    if cases.cases.is_empty() {
        failures.push(format!("{file}: no cases"));
    }
    for (i, case) in cases.cases.iter().enumerate() {
        if case.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            failures.push(format!("{file}: cases[{i}] has no name"));
        }
    }
    errors.is_empty().then_some(cases)
}

/// One `#[test]` per corpus file (`name => "file.yaml"`), each calling the test file's own
/// `assert_file`, and a test that the list names exactly the test file's `FILES`. (Test binaries
/// that include `support` without a corpus leave it unused.)
#[allow(unused_macros)]
macro_rules! corpus_tests {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                assert_file($file);
            }
        )*

        /// The generated tests and `FILES` name the same files.
        #[test]
        fn every_listed_file_has_a_test() {
            let tested: &[&str] = &[$($file),*];
            assert_eq!(tested, FILES);
        }
    };
}
#[allow(unused_imports)]
pub(crate) use corpus_tests;
