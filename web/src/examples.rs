//! The examples gallery: the Kubernetes docs' examples and the controller-profile scenarios from
//! the engine's conformance corpus.
//! Each file is a case file with a manifest, so one loads the editor, the table and the request.
//!
//! Only the example a first visit opens is compiled in. The others are fetched when picked: the
//! build copies the corpus to `examples/` beside the page (index.html, `copy-dir`), which keeps
//! ~4 KB gzipped off every first visit (docs/performance.md), and writes each case file there in
//! the page's own state format (`examples/<id>.state`, `scripts/gallery-states.mjs`), so the page
//! carries no case-file reader (another ~6 KB).

use crate::snapshot;
use crate::state::Playground;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The gallery, in groups (the menu's `<optgroup>`s): the Kubernetes docs' examples from the first
/// steps to the finer points, then, per controller, the profile scenarios that teach where it
/// differs (each opens under its own `profile:`). `(id, title)`: the id is the corpus file's name
/// without `.yaml`; the title is its `name:` for the docs examples, and for a scenario a short
/// label under its controller's group (the note above the editor gives the full `name:`; the
/// tests check ids, titles and notes). Only ids and labels are compiled in (the controller groups
/// cost the first visit ~0.7 KB gz); the files are fetched when picked.
pub const GALLERY: &[(&str, &[(&str, &str)])] = &[
    (
        "Kubernetes docs",
        &[
            ("docs-minimal", "Minimal Ingress"),
            ("docs-simple-fanout", "Simple fanout"),
            ("docs-name-based-virtual-hosting", "Name based virtual hosting"),
            ("docs-wildcard-host", "Hostname wildcards"),
            ("docs-default-backend", "Single Service Ingress (default backend)"),
            ("docs-resource-backend", "Resource backend"),
            ("docs-tls", "TLS"),
            ("docs-exact-vs-prefix", "Exact vs Prefix"),
            ("docs-trailing-slash", "Trailing slashes"),
            ("docs-path-matching-examples", "Path matching examples (the docs' table)"),
        ],
    ),
    (
        "ingress-nginx",
        &[
            ("profile-ingress-nginx-paths", "How paths become nginx locations"),
            ("profile-ingress-nginx-regex", "Regex mode and rewrite-target"),
            ("profile-ingress-nginx-merge", "Merging Ingresses, default backends"),
            ("profile-ingress-nginx-canary", "Canary Ingress"),
        ],
    ),
    (
        "Traefik",
        &[
            ("profile-traefik-rule-length", "Routers ranked by rule length"),
            ("profile-traefik-wildcard-host", "Wildcard hosts"),
            ("profile-traefik-path-normalisation", "The path is cleaned first"),
        ],
    ),
    (
        "AWS ALB",
        &[
            ("profile-aws-alb-rule-priority", "Listener rules by priority"),
            ("profile-aws-alb-group-order", "group.order between equal paths"),
        ],
    ),
    (
        "GCE",
        &[
            ("profile-gce-url-maps", "One URL map per Ingress"),
            ("profile-gce-translation-errors", "A translation error fails the Ingress"),
        ],
    ),
    (
        "Contour",
        &[
            ("profile-contour-route-order", "Envoy route order"),
            ("profile-contour-wildcard-label", "A wildcard host takes one lower-case label"),
        ],
    ),
    (
        "Gateway API",
        &[
            ("gateway-docs-simple-gateway", "Simple Gateway"),
            ("gateway-docs-http-routing", "HTTP routing"),
            ("gateway-docs-traffic-splitting", "Traffic splitting"),
            ("gateway-docs-redirects-rewrites", "Redirects and rewrites"),
            ("gateway-docs-header-modifiers", "Header modifiers"),
            ("gateway-docs-cross-namespace", "Cross-namespace routing"),
            ("gateway-docs-tls", "TLS"),
        ],
    ),
];

/// Every `(id, title)` of the gallery, group after group.
pub fn all() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    GALLERY.iter().flat_map(|(_, examples)| examples.iter())
}

/// The example a first visit opens.
pub const FIRST_VISIT: &str = "docs-simple-fanout";

/// Its state, compiled in so the first render needs no request: a copy of the build's
/// `examples/docs-simple-fanout.state` (tests/e2e/playground.test.mjs checks they are equal).
const FIRST_VISIT_STATE: &str = include_str!("../first-visit.state");

/// The state a first visit opens.
pub fn first_visit() -> Playground {
    open(FIRST_VISIT_STATE).map(|(state, _)| state).unwrap_or_default()
}

/// The first visit's note.
pub fn first_visit_note() -> ExampleNote {
    open(FIRST_VISIT_STATE).map(|(_, note)| note).unwrap_or_default()
}

/// What an example shows, from its case file's `name:` and `description:`; the page shows it above
/// the editor while the example's manifest is unchanged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExampleNote {
    /// `name:`.
    pub title: String,
    /// `description:`.
    pub description: String,
    /// The manifest as loaded: the note goes away once it is edited.
    pub manifest: yew::AttrValue,
}

/// What an example's state file opens (`examples/<id>.state`, written at build time from its case
/// file by `scripts/gallery-states.mjs`): the state's snapshot text, whose rows are the case file's
/// cases and whose request is the first case's, then its note as the fields `title` and
/// `description` (which [`snapshot::decode`] skips).
pub fn open(text: &str) -> Result<(Playground, ExampleNote), String> {
    let mut state = snapshot::decode(text)?;
    let fields = snapshot::read_fields(text)?;
    let note_field = |key: &str| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string()).unwrap_or_default();
    // Shared by the state and the note, so telling them apart is a pointer comparison.
    let manifest = state.yaml.clone();
    state.mark_rows_as_example();
    let note = ExampleNote { title: note_field("title"), description: note_field("description"), manifest };
    Ok((state, note))
}

/// The title of a gallery example.
pub fn title(id: &str) -> Option<&'static str> {
    all().find(|(known, _)| *known == id).map(|(_, title)| *title)
}

/// The state an example of the gallery opens, and its note, fetched from `examples/<id>.yaml`
/// beside the page.
pub async fn fetch(id: &str) -> Result<(Playground, ExampleNote), String> {
    if id == FIRST_VISIT {
        return open(FIRST_VISIT_STATE);
    }
    let title = title(id).ok_or("no such example")?;
    let failed = |why: String| format!("the example “{title}” could not be loaded ({why})");
    let window = web_sys::window().ok_or_else(|| failed("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(&format!("examples/{id}.state")))
        .await
        .map_err(|_| failed("network error".into()))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed("no response".into()))?;
    if !response.ok() {
        return Err(failed(format!("HTTP {}", response.status())));
    }
    let text = JsFuture::from(response.text().map_err(|_| failed("unreadable".into()))?)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| failed("unreadable".into()))?;
    open(&text).map_err(failed)
}
