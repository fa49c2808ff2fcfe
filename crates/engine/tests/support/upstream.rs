//! The upstream suites replayed as case files (`tests/upstream/<suite>/*.yaml`): their files and
//! the case-file documents each holds.

use std::path::{Path, PathBuf};

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
