//! The examples gallery: the Kubernetes docs' examples from the engine's conformance corpus.
//! Each file is a case file with a manifest, so one loads the editor, the table and the request.

use crate::cases_io::rows_from_case_file;
use crate::state::{Playground, RequestFields};
use ingress_engine::cases::parse_cases;
use ingress_engine::Profile;

macro_rules! corpus {
    ($($id:literal),* $(,)?) => {
        &[$(($id, include_str!(concat!("../../crates/engine/tests/corpus/", $id, ".yaml")))),*]
    };
}

/// `(id, case file)` in gallery order: from the first steps to the finer points.
const FILES: &[(&str, &str)] = corpus![
    "docs-minimal",
    "docs-simple-fanout",
    "docs-name-based-virtual-hosting",
    "docs-wildcard-host",
    "docs-default-backend",
    "docs-resource-backend",
    "docs-tls",
    "docs-exact-vs-prefix",
    "docs-trailing-slash",
    "docs-path-matching-examples",
];

/// The example a first visit opens.
pub const FIRST_VISIT: &str = "docs-simple-fanout";

/// An entry of the gallery.
#[derive(Clone, Debug, PartialEq)]
pub struct ExampleInfo {
    /// File name without `.yaml`.
    pub id: &'static str,
    /// `name:` of the file.
    pub title: String,
    /// `description:` of the file.
    pub description: String,
}

/// Every example, in gallery order.
pub fn catalogue() -> Vec<ExampleInfo> {
    FILES
        .iter()
        .map(|(id, text)| {
            let (file, _) = parse_cases(text);
            ExampleInfo {
                id,
                title: file.name.unwrap_or_else(|| id.to_string()),
                description: file.description.unwrap_or_default(),
            }
        })
        .collect()
}

/// The state an example opens: its manifest, its cases in the table, its first case as the request.
pub fn load(id: &str) -> Option<Playground> {
    let (_, text) = FILES.iter().find(|(file_id, _)| *file_id == id)?;
    let (file, _) = parse_cases(text);
    let rows = rows_from_case_file(&file);
    let request = rows
        .first()
        .map(|row| RequestFields { url: row.url.clone(), sni: row.sni.clone(), host_header: String::new() })
        .unwrap_or_default();
    let mut state = Playground::new(file.manifest.clone().unwrap_or_default(), request, rows);
    state.class = file.class.clone();
    state.profile = file.profile.as_deref().and_then(Profile::parse).unwrap_or_default();
    Some(state)
}

/// Every example's raw case file (for tests that compare with the engine's own reading).
pub fn raw(id: &str) -> Option<&'static str> {
    FILES.iter().find(|(file_id, _)| *file_id == id).map(|(_, text)| *text)
}
