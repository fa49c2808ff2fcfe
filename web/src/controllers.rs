//! The controller profiles, loaded on demand.
//!
//! The playground's own engine is built without the `controllers` feature: the five controller
//! profiles (and their regex engine) would add ~85 KB gzipped to every first visit. When a
//! controller profile is chosen or the comparison is opened, the page imports `profile-view.js`
//! (a plain JS module next to it), which loads the JS API package the build ships (`pkg/`, the
//! same engine with every profile) and holds one of its `Simulation`s for the manifest on screen.
//!
//! The page reads none of the package's results back into engine types (those readers were
//! 15.8 KB gz of every first visit, docs/performance.md): under a controller profile the module
//! draws the result card, the explanation and the Problems list itself, into two elements the
//! page places where its own components stand ([`Slots`]), and answers the page only what its own
//! parts show, in a flat value of arrays and strings ([`Answer`]): the editor's marks, the class
//! menu, the tests table's rows and the footer's timing. *Compare controllers* asks the same
//! `Simulation` ([`compare`]). Under a controller profile it is the only engine that reads the
//! YAML; each reading sets the `performance` mark `yaml-read` (the tests count them).

use crate::components::tests_table::UNCOVERED_SHOWN;
use crate::shared::same_text;
use crate::simulation::{table_cases, EngineInput, LineMarks, TableSummary, Timing};
use crate::state::Playground;
use ingress_engine::cases::{Case, Expect};
use ingress_engine::{Outcome, Profile, Request};
use js_sys::{Array, Float64Array, Object, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::{AttrValue, Html};

#[wasm_bindgen(inline_js = r#"
let view;
export function profile_view(method, query, slots, ask) {
  view ??= import(new URL("profile-view.js", document.baseURI).href).catch((e) => { view = undefined; throw e; });
  return view.then((m) => m[method](query, slots, ask));
}
export function profile_slots() {
  return { output: document.createElement("div"), problems: document.createElement("div") };
}
export function profile_pending(slots, pending, analysed) {
  const busy = (el, on) => on ? el?.setAttribute("aria-busy", "true") : el?.removeAttribute("aria-busy");
  const [card, problems] = [slots.output.firstElementChild, slots.problems.firstElementChild];
  card?.classList.toggle("pending", pending);
  busy(card, pending);
  problems?.setAttribute("data-analysed", analysed);
  busy(problems, !analysed);
}
"#)]
extern "C" {
    /// `method(query, slots, ask)` of `profile-view.js`, imported the first time.
    fn profile_view(method: &str, query: &JsValue, slots: &JsValue, ask: &JsValue) -> Promise;
    /// Two empty elements: where the module draws the decision and the problems.
    fn profile_slots() -> JsValue;
    /// Marks the drawn result card as recomputing (class `pending`, `aria-busy`) and the problems
    /// as analysed (`data-analysed`), or not.
    fn profile_pending(slots: &JsValue, pending: bool, analysed: bool);
}

thread_local! {
    /// The manifest the module's `Simulation` holds: the text is handed over only when it changed.
    static SENT: RefCell<Option<AttrValue>> = const { RefCell::new(None) };
    /// The elements the module draws into, made once.
    static SLOTS: JsValue = profile_slots();
}

/// Where `profile-view.js` draws a controller profile's answer: the result card and its
/// explanation (`output`), and the Problems list (`problems`).
pub struct Slots {
    /// The result card and the explanation.
    pub output: Html,
    /// The Problems list.
    pub problems: Html,
}

/// The page's places for the module's drawing, its result card marked `pending` while the input
/// on screen is not the one it answered and its problems not `analysed` while the profile's next
/// answer is coming (as the page's own components are).
pub fn slots(pending: bool, analysed: bool) -> Slots {
    SLOTS.with(|slots| {
        profile_pending(slots, pending, analysed);
        let at = |key: &str| Html::VRef(Reflect::get(slots, &key.into()).unwrap_or_default().unchecked_into());
        Slots { output: at("output"), problems: at("problems") }
    })
}

/// The text of `yaml` as UTF-8 bytes when the module's `Simulation` holds another text (a copy:
/// the module gets it after an `await`), else `undefined`.
fn yaml_if_changed(yaml: &AttrValue) -> JsValue {
    SENT.with(|sent| {
        let mut sent = sent.borrow_mut();
        if sent.as_ref().is_some_and(|held| same_text(held, yaml)) {
            return JsValue::UNDEFINED;
        }
        *sent = Some(yaml.clone());
        js_sys::Uint8Array::from(yaml.as_bytes()).into()
    })
}

/// Calls the module's `method` and awaits it; on failure the module may hold no manifest, so the
/// next call hands it over again.
async fn call(method: &str, query: &Object) -> Result<JsValue, String> {
    let ask = crate::components::teach_panel::page_function();
    let answer = SLOTS.with(|slots| profile_view(method, query, slots, &ask));
    JsFuture::from(answer).await.map_err(|error| {
        SENT.with(|sent| sent.borrow_mut().take());
        message(&error)
    })
}

/// A JS error's message (`compare: …`), or its string form.
pub fn message(error: &JsValue) -> String {
    Reflect::get(error, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{error:?}"))
}

/// Sets `object[key]` to a value.
fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}

/// Sets `object[key]` to a string, if there is one.
fn set_text(object: &Object, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        set(object, key, &value.into());
    }
}

/// `{host, path, sni?, method, headers?, cookies?}`: the JS API's request object for an engine
/// request (SNI implies https).
fn request_object(request: &Request) -> JsValue {
    let object = Object::new();
    set_text(&object, "host", Some(&request.host));
    set_text(&object, "path", Some(&request.path));
    set_text(&object, "sni", request.sni.as_deref());
    set_text(&object, "method", Some(&request.method));
    set_pairs(&object, "headers", &request.headers);
    set_pairs(&object, "cookies", &request.cookies);
    object.into()
}

/// Sets `object[key]` to `[[name, value], …]`, unless there are none.
fn set_pairs(object: &Object, key: &str, pairs: &[(String, String)]) {
    if !pairs.is_empty() {
        let pairs: Array = pairs.iter().map(|(name, value)| Array::of2(&name.into(), &value.into())).collect();
        set(object, key, &pairs);
    }
}

/// `{backend?, outcome?, ingress?, path?, pathType?, tls?}`.
fn expect_object(expect: &Expect) -> JsValue {
    let object = Object::new();
    set_text(&object, "backend", expect.backend.as_deref());
    set_text(&object, "outcome", expect.outcome.map(|o| o.as_str()));
    set_text(&object, "ingress", expect.ingress.as_deref());
    set_text(&object, "path", expect.path.as_deref());
    set_text(&object, "pathType", expect.path_type.map(|t| t.as_str()));
    set_text(&object, "tls", expect.tls.as_deref());
    if let Some(status) = expect.status {
        set(&object, "status", &status.into());
    }
    set_text(&object, "location", expect.location.as_deref());
    object.into()
}

/// `{name?, request, expect}`: a case as `Simulation.runCases` takes it.
fn case_object(case: &Case) -> JsValue {
    let object = Object::new();
    set_text(&object, "name", case.name.as_deref());
    set(&object, "request", &request_object(&case.request));
    set(&object, "expect", &expect_object(&case.expect));
    object.into()
}

/// The rows of `state` that can run, as a case file for the JS API's `writeCases` (`{cases,
/// manifest, class?, profile?}`; the profile unless it is `spec`), and how many rows cannot run.
pub fn case_file_object(state: &Playground) -> (JsValue, u32) {
    let cases: Array = table_cases(&state.rows).cases.iter().map(case_object).collect();
    let skipped = state.rows.len() as u32 - cases.length();
    let file = options_object(state.class.as_deref(), Some(state.profile).filter(|p| *p != Profile::Spec));
    set(&file, "cases", &cases);
    set(&file, "manifest", &state.yaml.as_str().into());
    (file.into(), skipped)
}

/// `{class?, profile?}`.
fn options_object(class: Option<&str>, profile: Option<Profile>) -> Object {
    let object = Object::new();
    set_text(&object, "class", class);
    set_text(&object, "profile", profile.map(Profile::name));
    object
}

/// What the page's own parts show of a controller profile's answer (the module draws the rest).
#[derive(Debug)]
pub struct Answer {
    /// The winner's lines and the lines with an error or a warning.
    pub marks: LineMarks,
    /// The classes the input names, sorted, and its default.
    pub classes: ingress_engine::ClassNames,
    /// What a row for the request on screen expects (*Add the current request*).
    pub current: Option<Expect>,
    /// Each runnable case's `(passed, actual answer)`, in table order.
    pub results: Vec<(bool, String)>,
    /// The table's counts and uncovered paths.
    pub summary: TableSummary,
    /// Milliseconds the package worked for this answer.
    pub timing: Timing,
}

/// `answer[key]`, when it is an array.
fn array(answer: &JsValue, key: &str) -> Option<Array> {
    Reflect::get(answer, &key.into()).ok()?.dyn_into().ok()
}

/// `answer[key]` as numbers (an array of numbers; empty when absent).
fn numbers(answer: &JsValue, key: &str) -> Vec<f64> {
    array(answer, key).map(|a| Float64Array::new(&a).to_vec()).unwrap_or_default()
}

/// `answer[key]` as lines.
fn lines(answer: &JsValue, key: &str) -> Vec<u32> {
    numbers(answer, key).into_iter().map(|n| n as u32).collect()
}

/// `answer[key]` as strings (an array of strings; empty when absent).
fn strings(answer: &JsValue, key: &str) -> Vec<String> {
    array(answer, key).map(|a| a.iter().filter_map(|s| s.as_string()).collect()).unwrap_or_default()
}

/// `input` under its controller profile, asked of the one `Simulation` of its YAML (read there,
/// not in the page) in one `refresh`: the module draws the decision and the problems into
/// [`slots`] and answers the rest ([`Answer`]). `performance` measures `engine-update` (the text
/// handed over and the package's work) and `engine-build` when the YAML was read again.
pub async fn answer(input: &EngineInput) -> Result<Answer, String> {
    let query = Object::new();
    set(&query, "yaml", &yaml_if_changed(&input.yaml));
    set(&query, "options", &options_object(input.class.as_deref(), Some(input.profile)));
    set(&query, "title", &input.profile.title().into());
    match crate::simulation::input_request(input) {
        Ok(request) => set(&query, "request", &request_object(&request)),
        Err(error) => set(&query, "requestError", &error.into()),
    }
    let cases: Array = table_cases(&input.rows).cases.iter().map(case_object).collect();
    if cases.length() > 0 {
        set(&query, "cases", &cases);
        set(&query, "listUncovered", &(UNCOVERED_SHOWN as u32).into());
    }
    let answer = call("answer", &query).await?;
    let winner = lines(&answer, "winner");
    let current = strings(&answer, "current");
    let counts = numbers(&answer, "counts");
    let count = |i: usize| counts.get(i).copied().unwrap_or_default() as usize;
    let timing = numbers(&answer, "timing");
    let at = |i: usize| timing.get(i).copied().unwrap_or_default();
    Ok(Answer {
        marks: LineMarks {
            winner: winner.get(1).map(|&last| (winner[0], last)),
            errors: lines(&answer, "errors"),
            warnings: lines(&answer, "warnings"),
        },
        classes: ingress_engine::ClassNames {
            default: Reflect::get(&answer, &"defaultClass".into()).ok().and_then(|c| c.as_string()),
            names: strings(&answer, "classes"),
        },
        current: match current.as_slice() {
            [outcome, _] if outcome == Outcome::NoMatch.as_str() => {
                Some(Expect { outcome: Some(Outcome::NoMatch), ..Expect::default() })
            }
            [_, backend] => Some(Expect { backend: Some(backend.clone()), ..Expect::default() }),
            _ => None,
        },
        results: numbers(&answer, "passed").into_iter().map(|p| p != 0.0).zip(strings(&answer, "actual")).collect(),
        summary: TableSummary {
            passed: count(0),
            failed: count(1),
            coverable: count(2),
            unlisted: count(3),
            uncovered: strings(&answer, "uncovered").into_iter().zip(lines(&answer, "uncoveredLines")).collect(),
        },
        timing: Timing { total_ms: at(0), build_ms: (at(1) >= 0.0).then(|| at(1)), analysis_ms: None },
    })
}

/// Every profile's decision for one request, without explanations (the comparison shows the
/// answers; with 5,000 paths each explanation lists 5,000 candidates): a promise of the JS API's
/// plain `Comparison`, asked of the module's held `Simulation` in the order of the page's other
/// questions. The panel hands it to its table's JS module, so the page reads none of it.
pub fn compare(yaml: &AttrValue, request: &Request, class: Option<&str>) -> Promise {
    let options = options_object(class, None);
    set(&options, "explain", &false.into());
    let query = Object::new();
    set(&query, "yaml", &yaml_if_changed(yaml));
    set(&query, "request", &request_object(request));
    set(&query, "options", &options);
    let ask = crate::components::teach_panel::page_function();
    SLOTS.with(|slots| profile_view("compare", &query, slots, &ask))
}
