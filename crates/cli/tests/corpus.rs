//! The conformance corpus (`crates/engine/tests/corpus/*.yaml`) through the CLI: each file's
//! `manifest:` written to a file of its own, then `ingress-sim test -f that --cases <corpus file>`
//! must pass every case.

mod support;

use ingress_engine::cases::parse_cases;
use std::path::{Path, PathBuf};
use support::{ingress_sim, Sandbox};

fn corpus_files() -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/corpus");
    let Ok(entries) = std::fs::read_dir(&directory) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_passes_through_the_cli() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("corpus: no files yet, nothing to check");
        return;
    }
    let sandbox = Sandbox::new();
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a readable corpus file");
        let (corpus, errors) = parse_cases(&text);
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        let Some(manifest) = corpus.manifest else {
            failures.push(format!("{}: no manifest", file.display()));
            continue;
        };
        let manifest_path = sandbox.file("manifest.yaml", manifest);
        let cases_path = file.to_string_lossy();
        let run = ingress_sim(&["test", "-f", &manifest_path, "--cases", &cases_path, "--only-failures"]);
        let expected = format!("{} passed, 0 failed", corpus.cases.len());
        if run.code != 0 || run.last_line() != expected {
            failures.push(format!(
                "{}: exit {}, want 0 and {expected:?}:\n{}{}",
                file.display(),
                run.code,
                run.stdout,
                run.stderr
            ));
        }
    }
    eprintln!("corpus: {} files checked", files.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
