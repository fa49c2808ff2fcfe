//! The upstream suites replayed as case files (`tests/upstream/<suite>/*.yaml`): their files and
//! the case-file documents each holds.

use ingress_engine::cases::CaseResult;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One case's result, named by its file.
pub struct Outcome {
    pub file: String,
    pub result: CaseResult,
}

/// `passed` of `total` as a percentage (0 for none).
pub fn percent(passed: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    100.0 * passed as f64 / total as f64
}

/// The score after a report's headline: one line per file (its name padded to `width`), the
/// total, then every failing case with what it got.
pub fn write_scores(report: &mut String, outcomes: &[Outcome], width: usize) {
    let files: BTreeSet<&str> = outcomes.iter().map(|o| o.file.as_str()).collect();
    for file in files {
        let of_file: Vec<&Outcome> = outcomes.iter().filter(|o| o.file == file).collect();
        let passed = of_file.iter().filter(|o| o.result.passed).count();
        let share = percent(passed, of_file.len());
        let _ = writeln!(report, "  {file:<width$} {passed:>3}/{:<3} {share:>6.1} %", of_file.len());
    }
    let passed = outcomes.iter().filter(|o| o.result.passed).count();
    let _ = writeln!(report, "total: {passed}/{} = {:.1} %", outcomes.len(), percent(passed, outcomes.len()));
    for o in outcomes.iter().filter(|o| !o.result.passed) {
        let r = &o.result;
        let _ =
            writeln!(report, "FAIL {}: {}\n     expected {}\n     got      {}", o.file, r.name, r.expected, r.actual);
    }
}

/// The case files of a directory, sorted by name.
pub fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
}

/// The case-file documents of a file: top-level `---` lines separate them (a manifest's own
/// separators are indented inside its block scalar); a document of only comments is none.
pub fn documents(text: &str) -> Vec<String> {
    let mut docs = vec![String::new()];
    for line in text.lines() {
        match line == "---" {
            true => docs.push(String::new()),
            false => {
                let doc = docs.last_mut().expect("at least one document");
                doc.push_str(line);
                doc.push('\n');
            }
        }
    }
    docs.retain(|doc| doc.lines().any(|line| !line.trim().is_empty() && !line.starts_with('#')));
    docs
}
