//! The Teach bar and its panel: the bridge between the page and the teaching views (README,
//! "The playground"; the contract in ARCHITECTURE.md, `web/`).
//!
//! Every byte here is paid by every first visit, so the page keeps only what must be Rust: the
//! state a view reads and what its events change (a load with Undo, the request form), both as the
//! state's snapshot text ([`snapshot`], which `embed/permalink.js` reads and writes too). The bar
//! is static markup made by a few lines of glue (as a yew component with its panel it cost ~7 KB
//! gz of wasm); a click imports `teach/teach.js`, which draws the panel, mounts the views (plain
//! JS modules under `web/teach/`, imported on first use), marks the editor's lines a view reveals,
//! and switches presenter mode.

use crate::request_fields::build_request;
use crate::state::{CaseRow, Playground, RequestField};
use crate::{controllers, snapshot};
use ingress_engine::Profile;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(inline_js = r##"
let teach, ask;
export function page_function() { return ask; }
export function teach_slot(page) {
  ask = page;
  const slot = document.createElement("div");
  slot.innerHTML = `<div class="teach-bar" role="group" aria-label="Teach" data-testid="teach-bar"><span class="teach-label" aria-hidden="true">Teach</span>${
    ["steps:Step through", "map:Route map", "lessons:Lessons", "present:Present", "migrate:Migrate to Gateway API"].map((b) => b.split(":"))
      .map(([v, label]) => `<button type="button" data-testid="teach-${v}" data-teach="${v}" aria-pressed="false">${label}</button>`).join("")}</div>`;
  const go = (event) => (teach ??= import(new URL("teach/teach.js", document.baseURI).href))
    .then((m) => m.bar(slot, page, event), (e) => { teach = null; slot.append(`Teach could not be loaded: ${e.message}`); });
  slot.addEventListener("click", (event) => event.target.closest("[data-teach]") && go(event));
  if (/[?&](present|view|lesson)\b/.test(location.search) || location.hash.startsWith("#lesson=")) setTimeout(go);
  return slot;
}
let compare;
export function compare_slot() {
  const details = document.createElement("details");
  details.className = "compare";
  details.dataset.testid = "compare-view";
  details.innerHTML = `<summary><h2 class="inline-heading">Compare controllers</h2> <span class="muted">How would ingress-nginx, GKE, AWS ALB, Traefik and Contour route this request?</span></summary>`;
  details.addEventListener("toggle", () => (details.open || compare) && (compare ??= import(new URL("compare-table.js", document.baseURI).href))
    .then((m) => m.panel(details, ask), (e) => { compare = null; details.querySelector(".muted").textContent = `the comparison could not be shown: ${e.message}`; }));
  return details;
}
export function import_slots() {
  const file = document.createElement("label");
  file.className = "file-button";
  file.innerHTML = `Import file…<input type="file" accept=".yaml,.yml,.json,text/yaml" data-testid="cases-import-file">`;
  const note = document.createElement("div");
  const paste = document.createElement("details");
  paste.className = "import";
  paste.innerHTML = `<summary>Paste a case file</summary><textarea class="import-text" data-testid="cases-import-text" aria-label="Case file to import" spellcheck="false" placeholder="cases:\n- host: foo.bar.com\n  path: /foo\n  expect:\n    backend: &quot;service1:4200&quot;"></textarea><button type="button">Replace the table with these cases</button>`;
  const go = (call) => import(new URL("case-file.js", document.baseURI).href)
    .then(call, (e) => { note.textContent = `The case files could not be loaded: ${e.message}`; });
  file.firstElementChild.addEventListener("change", (e) => { const f = e.target.files[0]; e.target.value = ""; f && go((m) => m.importInto(f.text(), note, ask)); });
  paste.lastElementChild.addEventListener("click", () => go((m) => m.importInto(paste.children[1].value, note, ask)));
  const save = document.createElement("button");
  save.type = "button";
  save.textContent = "Export .yaml";
  save.addEventListener("click", () => go((m) => m.download(note, ask)));
  const shown = document.createElement("details");
  shown.className = "export";
  shown.innerHTML = `<summary>Show as a case file (ingress-sim test --cases)</summary><pre data-testid="cases-export"></pre>`;
  shown.addEventListener("toggle", () => shown.open && go((m) => m.show(shown, ask)));
  return [file, note, paste, save, shown];
}
let recent;
export function recent_slot() {
  const details = document.createElement("details");
  details.className = "recent";
  details.dataset.testid = "recent";
  details.append(Object.assign(document.createElement("summary"), { textContent: "Recent" }));
  details.addEventListener("toggle", () => details.open && (recent ??= import(new URL("recent-menu.js", document.baseURI).href))
    .then((m) => m.show(details, ask), (e) => { recent = null; details.append(`Recent sessions could not be loaded: ${e.message}`); }));
  return details;
}
"##)]
extern "C" {
    fn teach_slot(page: &JsValue) -> web_sys::Element;
    fn recent_slot() -> web_sys::Element;
    fn compare_slot() -> web_sys::Element;
    fn import_slots() -> Array;
    /// The page's one function for the JS modules (see [`use_teach`]).
    pub fn page_function() -> JsValue;
}

/// What the views' events change on the page.
#[derive(Clone)]
pub struct Bridge {
    /// Loads a state over the current one, with Undo (the history's `load`).
    pub on_load: Callback<(Playground, String)>,
    /// Sets one request field.
    pub on_request: Callback<(RequestField, String)>,
    /// Opens a recent session: `(summary, snapshot text)` (the history's `open_recent`).
    pub on_recent: Callback<(String, String)>,
    /// Switches the main decision to a profile (*Compare controllers*' rows).
    pub on_profile: Callback<Profile>,
    /// Replaces the test table's rows (a case file imported by `case-file.js`).
    pub on_rows: Callback<Vec<CaseRow>>,
    /// Shows a line in the editor (a line link drawn by `profile-view.js`).
    pub on_reveal: Callback<u32>,
}

/// The hook's state: the bar's element (and the Recent menu's), and what the page's one function
/// for teach.js (and recent-menu.js) reads.
struct Teach {
    slot: web_sys::Element,
    recent: web_sys::Element,
    compare: web_sys::Element,
    import: Array,
    state: UseReducerHandle<Playground>,
    bridge: Bridge,
}

/// The Teach bar (and, once a view opens, its panel) over the page's `state`.
///
/// teach.js talks to the page through one function, `page(request)`, of a shape the page already
/// has (an event handler: one more would cost the first visit its glue). `request.detail` is
///   `["ctx"]`: the page sets `request.ctx` to the state's snapshot text (a view's `ctx` is made
///   from it in teach.js);
///   `["load", title, text]`: loads the state of a snapshot text, with Undo;
///   `["request", text]`: sets the request form to the request of a snapshot text;
///   `["recent", summary, text]`: opens a recent session (`recent-menu.js`), with Undo;
///   `["compare"]`: the page sets `request.answer` to a promise of the JS API's `Comparison` of the
///   state's request under every profile (asked of the one `Simulation` the page holds, see
///   [`controllers::compare`]; rejected with the reason when the request cannot be read) and
///   `request.current` to the state's profile (`compare-table.js`);
///   `["profile", name]`: switches the main decision to that profile;
///   `["rows", text]`: replaces the test table's rows by those of a snapshot text (an import);
///   `["reveal", line]`: shows a line in the editor (`profile-view.js`'s line links);
///   `["export"]`: the page sets `request.file` to the rows that can run as a case file for the
///   JS API's `writeCases` (with the manifest, class and profile) and `request.skipped` to how
///   many rows cannot run (`case-file.js`'s export).
///
/// Returns the Teach bar, the Recent menu, *Compare controllers* and the test table's import and
/// export controls: static markup whose behaviour is `recent-menu.js`, `compare-table.js` and
/// `case-file.js`, imported when first used (as yew components they cost ~2, ~4 and ~1.8 KB gz of
/// the first visit's wasm).
#[hook]
pub fn use_teach(state: &UseReducerHandle<Playground>, bridge: Bridge) -> Slots {
    let teach = use_mut_ref(|| None::<Teach>);
    let mut current = teach.borrow_mut();
    let (slot, recent, compare, import) = match current.as_ref() {
        Some(held) => (held.slot.clone(), held.recent.clone(), held.compare.clone(), held.import.clone()),
        None => {
            let teach = teach.clone();
            let page = Closure::<dyn Fn(web_sys::Event)>::new(move |request: web_sys::Event| {
                let detail: Array =
                    Reflect::get(&request, &"detail".into()).ok().and_then(|d| d.dyn_into().ok()).unwrap_or_default();
                let word = |i: u32| detail.get(i).as_string().unwrap_or_default();
                // Out of the borrow first: a callback may render the page at once.
                let Some((state, bridge)) = teach.borrow().as_ref().map(|t| (t.state.clone(), t.bridge.clone())) else {
                    return;
                };
                match word(0).as_str() {
                    "recent" => return bridge.on_recent.emit((word(1), word(2))),
                    "profile" => return Profile::parse(&word(1)).into_iter().for_each(|p| bridge.on_profile.emit(p)),
                    "reveal" => return word(1).parse().into_iter().for_each(|line| bridge.on_reveal.emit(line)),
                    "export" => {
                        let (file, skipped) = controllers::case_file_object(&state);
                        let _ = Reflect::set(&request, &"file".into(), &file);
                        let _ = Reflect::set(&request, &"skipped".into(), &skipped.into());
                        return;
                    }
                    "rows" => {
                        return snapshot::decode(&word(1)).into_iter().for_each(|state| bridge.on_rows.emit(state.rows))
                    }
                    "compare" => {
                        let _ = Reflect::set(&request, &"current".into(), &state.profile.name().into());
                        let answer = match build_request(&state.request) {
                            Ok(asked) => controllers::compare(&state.yaml, &asked, state.class.as_deref()),
                            Err(_) => js_sys::Promise::reject(&"Type a valid URL to compare.".into()),
                        };
                        let _ = Reflect::set(&request, &"answer".into(), &answer);
                        return;
                    }
                    _ => {}
                }
                match (word(0).as_str(), snapshot::decode(&word(detail.length().saturating_sub(1)))) {
                    ("ctx", _) => {
                        let _ = Reflect::set(&request, &"ctx".into(), &snapshot::encode(&state).into());
                    }
                    ("load", Ok(next)) => bridge.on_load.emit((next, format!("Loaded “{}”", word(1)))),
                    ("request", Ok(next)) => {
                        let fields = next.request;
                        for (field, value) in [
                            (RequestField::Url, fields.url),
                            (RequestField::HostHeader, fields.host_header),
                            (RequestField::Sni, fields.sni),
                            (RequestField::Method, fields.method),
                            (RequestField::Headers, fields.headers),
                        ] {
                            bridge.on_request.emit((field, value));
                        }
                    }
                    _ => {}
                }
            });
            (teach_slot(&page.into_js_value()), recent_slot(), compare_slot(), import_slots())
        }
    };
    *current = Some(Teach {
        slot: slot.clone(),
        recent: recent.clone(),
        compare: compare.clone(),
        import: import.clone(),
        state: state.clone(),
        bridge,
    });
    let slot_at = |i: u32| Html::VRef(import.get(i).unchecked_into());
    Slots {
        teach: Html::VRef(slot.into()),
        recent: Html::VRef(recent.into()),
        compare: Html::VRef(compare.into()),
        import: ImportSlots {
            file: slot_at(0),
            note: slot_at(1),
            paste: slot_at(2),
            export: slot_at(3),
            shown: slot_at(4),
        },
    }
}

/// What [`use_teach`] puts on the page.
pub struct Slots {
    /// The Teach bar (and its panel).
    pub teach: Html,
    /// The Recent menu.
    pub recent: Html,
    /// *Compare controllers*.
    pub compare: Html,
    /// The test table's import controls.
    pub import: ImportSlots,
}

/// The test table's import and export controls (`case-file.js` reads what they are given and
/// writes the case file with the JS API package's `writeCases`).
#[derive(Clone, PartialEq)]
pub struct ImportSlots {
    /// *Import file…*, for the table's tools.
    pub file: Html,
    /// Where the import or the export says how it went.
    pub note: Html,
    /// *Paste a case file*.
    pub paste: Html,
    /// *Export .yaml*, for the table's tools.
    pub export: Html,
    /// *Show as a case file*: the export's text.
    pub shown: Html,
}
