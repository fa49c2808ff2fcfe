//! The controller profiles, loaded on demand.
//!
//! The playground's own engine is built without the `controllers` feature: the five controller
//! profiles (and their regex engine) would add ~85 KB gzipped to every first visit. When a
//! controller profile is chosen or the comparison is opened, the page imports the JS API package
//! the build ships next to it (`pkg/ingress_sim.js`, the same engine with every profile), once,
//! and reads its plain-object results back into the engine's own types (its `readback` feature,
//! over [`Js`]), so the components draw them exactly like spec decisions.
//!
//! The page holds one `Simulation` of that package (a manifest read once, each profile compiled
//! once): a URL edit asks it again without passing or reading the manifest, and a manifest edit
//! updates it, re-reading only the documents that changed. Under a controller profile it is the
//! only engine that reads the YAML: the profile's decision, its table run (the rows passed as
//! values), the problems, the classes ([`answer`]) and *Compare controllers* all ask the same one.
//! Each reading of the YAML, here or in the page's own engine, sets the `performance` mark
//! `yaml-read` (the tests count them).

use crate::components::tests_table::UNCOVERED_SHOWN;
use crate::perf;
use crate::shared::same_text;
use crate::simulation::{class_options, table_cases, EngineInput, ProfileAnswer, Timing};
use ingress_engine::cases::{Case, CaseReport, Expect};
use ingress_engine::readback::{field, ReadError, Tree};
use ingress_engine::{ClassNames, Decision, Diagnostic, Profile, Request};
use js_sys::{Array, Function, Object, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::AttrValue;

#[wasm_bindgen(inline_js = r#"
let api;
export function load_controller_api(url) {
  if (!api) {
    api = import(url).then(async (module) => { await module.default(); return module; });
    api.catch(() => { api = undefined; });
  }
  return api;
}
"#)]
extern "C" {
    fn load_controller_api(url: &str) -> Promise;
}

/// Where the JS API package sits: `pkg/` next to the page (the trunk hook copies it there).
fn package_url() -> String {
    let base = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten());
    match base.and_then(|b| web_sys::Url::new_with_base("pkg/ingress_sim.js", &b).ok()) {
        Some(url) => url.href(),
        None => "./pkg/ingress_sim.js".into(),
    }
}

/// The loaded module (imported once per page).
async fn module() -> Result<JsValue, String> {
    JsFuture::from(load_controller_api(&package_url()))
        .await
        .map_err(|e| format!("the controller profiles could not be loaded: {}", message(&e)))
}

/// A JS value as the engine's readers see it.
struct Js(JsValue);

thread_local! {
    /// The JS strings of the member names read so far (a few dozen), made once: a name crossing
    /// into JS on every lookup was most of the read-back's time. Each with the address of the
    /// name it was first asked by: the readers ask by literals, so a name is found by comparing
    /// addresses, and one text (a decision explaining 1,000 candidates makes ~10,000 lookups).
    static KEYS: RefCell<Vec<(*const u8, String, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// `object[name]`, the name's JS string made once ([`KEYS`]); an error for a primitive.
fn get(object: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        // The text is compared too: the address alone could be a freed name's, reused.
        let same_address = |(at, known, _): &(*const u8, String, JsValue)| *at == name.as_ptr() && known == name;
        let index = match keys.iter().position(same_address) {
            Some(index) => index,
            None => match keys.iter().position(|(_, known, _)| known == name) {
                Some(index) => index,
                None => {
                    keys.push((name.as_ptr(), name.to_string(), JsValue::from_str(name)));
                    keys.len() - 1
                }
            },
        };
        Reflect::get(object, &keys[index].2)
    })
}

impl Tree for Js {
    fn member(&self, key: &str) -> Option<Js> {
        let value = get(&self.0, key).ok()?;
        (!value.is_undefined() && !value.is_null()).then_some(Js(value))
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Js>> {
        Array::is_array(&self.0).then(|| Array::from(&self.0).iter().map(Js).collect())
    }
}

thread_local! {
    /// The JS API's `Simulation` of the last manifest asked about, and that manifest.
    static HELD: RefCell<Option<(AttrValue, JsValue)>> = const { RefCell::new(None) };
}

/// The `Simulation` of `yaml` in the loaded `module`: the one held, updated to `yaml` if it holds
/// another text (which reads the YAML).
fn held_simulation(module: &JsValue, yaml: &AttrValue) -> Result<JsValue, String> {
    HELD.with(|held| {
        let mut held = held.borrow_mut();
        let handle = match held.take() {
            Some((text, handle)) if same_text(&text, yaml) => handle,
            Some((_, handle)) => {
                perf::mark("yaml-read");
                let update = member(&handle, "update")?;
                update.call1(&handle, &bytes_of(yaml)).map_err(|e| message(&e))?;
                handle
            }
            None => {
                perf::mark("yaml-read");
                let class: Function = member(module, "Simulation")?;
                Reflect::construct(&class, &Array::of1(&bytes_of(yaml))).map_err(|e| message(&e))?
            }
        };
        *held = Some((yaml.clone(), handle.clone()));
        Ok(handle)
    })
}

/// The text of `yaml` as a `Uint8Array` viewing the page's memory: the package copies the bytes
/// as they are, where a string would be decoded to UTF-16 here and encoded again there (a
/// megabyte each way, a fifth of an edit's time in Chromium before, see docs/performance.md).
///
/// Pass it straight to the call: the view is only valid until the page's memory next grows, and
/// the package copies the bytes before it does anything else.
fn bytes_of(yaml: &AttrValue) -> JsValue {
    // SAFETY: the caller hands the view to the package at once; nothing allocates in the page's
    // memory between here and the package's copy (which lands in the package's own memory).
    unsafe { js_sys::Uint8Array::view(yaml.as_bytes()) }.into()
}

/// The `Simulation` of `yaml`, once the package is loaded.
async fn simulation_of(yaml: &AttrValue) -> Result<JsValue, String> {
    held_simulation(&module().await?, yaml)
}

/// The function `name` of a JS object (a module, or an object and its prototype's methods).
fn member(object: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(object, &name.into()).ok().and_then(|f| f.dyn_into().ok()).ok_or_else(|| format!("{name} is missing"))
}

/// Calls `object.name(args…)`.
fn invoke(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    member(object, name)?.apply(object, &args.iter().collect::<Array>()).map_err(|e| message(&e))
}

/// A JS error's message (`compare: …`), or its string form.
pub fn message(error: &JsValue) -> String {
    Reflect::get(error, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{error:?}"))
}

/// Sets `object[key]` to a string, if there is one.
fn set_text(object: &Object, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = Reflect::set(object, &key.into(), &value.into());
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
        let _ = Reflect::set(object, &key.into(), &pairs);
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
    object.into()
}

/// `{name?, request, expect}`: a case as `Simulation.runCases` takes it.
fn case_object(case: &Case) -> JsValue {
    let object = Object::new();
    set_text(&object, "name", case.name.as_deref());
    let _ = Reflect::set(&object, &"request".into(), &request_object(&case.request));
    let _ = Reflect::set(&object, &"expect".into(), &expect_object(&case.expect));
    object.into()
}

/// `{class?, profile}`.
fn options_object(class: Option<&str>, profile: Option<Profile>) -> JsValue {
    let object = Object::new();
    if let Some(class) = class {
        let _ = Reflect::set(&object, &"class".into(), &class.into());
    }
    if let Some(profile) = profile {
        let _ = Reflect::set(&object, &"profile".into(), &profile.name().into());
    }
    object.into()
}

/// `input` under its controller profile, every part from the one `Simulation` of its YAML (read
/// there, not in the page): the decision, the table run, every diagnostic under the profile and
/// the classes, asked in one `refresh` call and read back from its one result. `performance`
/// measures `engine-update` (all of it: passing the text, the package's work, the read-back), and
/// `engine-build` when the YAML was read again.
pub async fn answer(input: &EngineInput) -> Result<ProfileAnswer, String> {
    let module = module().await?;
    perf::mark("engine-update-start");
    let start = perf::now();
    let read_before = HELD.with(|held| held.borrow().as_ref().map(|(text, _)| text.clone()));
    let handle = held_simulation(&module, &input.yaml)?;
    let build_ms = match read_before {
        Some(text) if same_text(&text, &input.yaml) => None,
        _ => {
            perf::measure("engine-build", "engine-update-start");
            Some(perf::now() - start)
        }
    };
    let query = Object::new();
    let _ = Reflect::set(&query, &"options".into(), &options_object(input.class.as_deref(), Some(input.profile)));
    if let Ok(request) = crate::simulation::input_request(input) {
        let _ = Reflect::set(&query, &"request".into(), &request_object(&request));
    }
    let cases: Array = table_cases(&input.rows).cases.iter().map(case_object).collect();
    if cases.length() > 0 {
        let _ = Reflect::set(&query, &"cases".into(), &cases);
        let _ = Reflect::set(&query, &"listUncovered".into(), &(UNCOVERED_SHOWN as u32).into());
    }
    let answer = invoke(&handle, "refresh", &[query.into()])?;
    perf::mark("readback-start");
    let read = read_answer(&Js(answer)).map_err(|e| format!("refresh: unexpected result: {e}"));
    perf::measure("readback", "readback-start");
    let (decision, report, problems, classes) = read?;
    perf::measure("engine-update", "engine-update-start");
    let timing = Timing { build_ms, total_ms: perf::now() - start, analysis_ms: None };
    Ok(ProfileAnswer {
        decision,
        report: report.unwrap_or_default(),
        problems,
        classes: class_options(classes),
        timing,
    })
}

/// What the page reads of `refresh()`'s answer: the decision, the report, the problems (every
/// severity of `validation`) and the classes.
type RefreshAnswer = (Option<Decision>, Option<CaseReport>, Vec<Diagnostic>, ClassNames);

/// `refresh()`'s `{ decision, report, validation, classes }`.
fn read_answer(answer: &Js) -> Result<RefreshAnswer, ReadError> {
    let validation = answer.member("validation").ok_or(ReadError::expected("validation, an object"))?;
    let severity = |key| field::<Vec<Diagnostic>, Js>(&validation, key);
    let problems = [severity("errors")?, severity("warnings")?, severity("notices")?].concat();
    Ok((field(answer, "decision")?, field(answer, "report")?, problems, field(answer, "classes")?))
}

/// Every profile's decision for one request, without explanations (the comparison shows the
/// answers; with 5,000 paths each explanation lists 5,000 candidates), as the JS API's plain
/// `Comparison`: the panel hands it to its table's JS module, so the page reads none of it back.
pub async fn compare(yaml: &AttrValue, request: &Request, class: Option<&str>) -> Result<JsValue, String> {
    let options = options_object(class, None);
    let _ = Reflect::set(&options, &"explain".into(), &false.into());
    invoke(&simulation_of(yaml).await?, "compare", &[request_object(request), options])
}

#[cfg(test)]
mod tests {
    use super::*;
    use ingress_engine::readback::ReadBack;
    use ingress_engine::{BackendRef, Decision, Outcome, Reason, Severity};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The JS API's plain objects (here parsed from JSON) read back through [`Js`]: nulls and
    /// absent members are `None`, arrays and nested objects are followed.
    #[wasm_bindgen_test]
    fn plain_js_objects_read_back_as_engine_types() {
        let json = r#"{"outcome":"redirect","ingress":null,"rule":0,"pathIndex":1,"host":"shop.example.com",
            "path":"/a","pathType":"Prefix","backend":{"service":{"name":"web","port":{"name":"http"}}},"tls":null,
            "explanation":[{"verdict":"lost","reason":"outranked","message":"m","span":{"doc":0,"start":{"line":3,"column":5},"end":{"line":4,"column":1}}}],
            "diagnostics":[{"severity":"warning","code":"controller","message":"d","line":7,"column":2,"endLine":7,"endColumn":9,"doc":1}],
            "profile":"ingress-nginx","profileVersion":"controller-v1.15.1","class":null,"rejected":false,
            "request":{"scheme":"http","host":"shop.example.com","path":"/a","sni":null},"span":null,"resolvedPort":null,
            "redirect":{"status":308,"location":"https://shop.example.com/a"},
            "split":[{"backend":null,"ingress":"shop/canary","canary":true,"weight":12.5,"selector":"weight","taken":false}]}"#;
        let value = js_sys::JSON::parse(json).unwrap();
        let decision = Decision::read(&Js(value)).unwrap();
        assert_eq!(decision.outcome, Outcome::Redirect);
        assert_eq!(decision.ingress, None);
        assert_eq!(decision.path_index, Some(1));
        assert_eq!(decision.backend.as_ref().map(BackendRef::to_string).as_deref(), Some("web:http"));
        assert_eq!(decision.explanation[0].reason, Reason::Outranked);
        assert_eq!(decision.explanation[0].span.map(|s| s.last_line()), Some(3));
        assert_eq!(decision.diagnostics[0].severity, Severity::Warning);
        assert_eq!(decision.diagnostics[0].span.map(|s| (s.doc, s.end.column)), Some((1, 9)));
        assert_eq!(
            (decision.profile, decision.profile_version.as_str()),
            (Profile::IngressNginx, "controller-v1.15.1")
        );
        assert_eq!(decision.redirect.map(|r| r.status), Some(308));
        assert_eq!(decision.split[0].weight, Some(12.5));
        assert!(decision.ignored_annotations.is_empty());

        let wrong = js_sys::JSON::parse(r#"{"outcome":"sideways"}"#).unwrap();
        assert_eq!(Decision::read(&Js(wrong)).unwrap_err().to_string(), "outcome: expected Outcome");
    }
}
