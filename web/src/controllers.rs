//! The controller profiles, loaded on demand.
//!
//! The playground's own engine is built without the `controllers` feature: the five controller
//! profiles (and their regex engine) would add ~85 KB gzipped to every first visit. When a
//! controller profile is chosen or the comparison is opened, the page imports the JS API package
//! the build ships next to it (`pkg/ingress_sim.js`, the same engine with every profile), once,
//! and reads its plain-object results back into the engine's own types (its `deserialize`
//! feature), so the components draw them exactly like spec decisions.

use ingress_engine::cases::CaseReport;
use ingress_engine::{Comparison, Decision, Profile, Request};
use js_sys::{Function, Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

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

/// Calls `name(args…)` of the JS API and reads the result as `T`.
async fn call<T: DeserializeOwned>(name: &str, args: &[JsValue]) -> Result<T, String> {
    let module = module().await?;
    let function: Function = Reflect::get(&module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("{name} is missing"))?;
    let result = function.apply(&JsValue::NULL, &args.iter().collect::<js_sys::Array>()).map_err(|e| message(&e))?;
    serde_wasm_bindgen::from_value(result).map_err(|e| format!("{name}: unexpected result: {e}"))
}

/// A JS error's message (`compare: …`), or its string form.
fn message(error: &JsValue) -> String {
    Reflect::get(error, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{error:?}"))
}

/// `{host, path, sni?}`: the JS API's request object for an engine request (SNI implies https).
fn request_object(request: &Request) -> JsValue {
    let object = Object::new();
    let set = |key: &str, value: &str| {
        let _ = Reflect::set(&object, &key.into(), &value.into());
    };
    set("host", &request.host);
    set("path", &request.path);
    if let Some(sni) = &request.sni {
        set("sni", sni);
    }
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

/// One decision under a controller profile.
pub async fn simulate(
    yaml: &str,
    request: &Request,
    class: Option<&str>,
    profile: Profile,
) -> Result<Decision, String> {
    call("simulate", &[yaml.into(), request_object(request), options_object(class, Some(profile))]).await
}

/// Every profile's decision for one request.
pub async fn compare(yaml: &str, request: &Request, class: Option<&str>) -> Result<Comparison, String> {
    call("compare", &[yaml.into(), request_object(request), options_object(class, None)]).await
}

/// A case file (in the CLI's format) run under a controller profile.
pub async fn run_cases(
    yaml: &str,
    cases_yaml: &str,
    class: Option<&str>,
    profile: Profile,
) -> Result<CaseReport, String> {
    call("runCases", &[yaml.into(), cases_yaml.into(), options_object(class, Some(profile))]).await
}
