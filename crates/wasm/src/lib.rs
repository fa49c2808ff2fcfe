//! # ingress-sim-wasm
//!
//! The JavaScript API of the Ingress routing simulator, built with wasm-bindgen:
//!
//! - `simulate(yaml, request, options?)` → the decision, shaped like `ingress-sim route --json`;
//! - `validate(yaml, options?)` → `{valid, errors, warnings, notices}` like `validate --json`;
//! - `runCases(yaml, casesYaml, options?)` → results and coverage, like `ingress-sim test`;
//! - `compare(yaml, request, options?)` → every profile's decision side by side and where they
//!   disagree, like `ingress-sim compare --json`;
//! - `parseCases(casesYaml)` → a case file as read, each request ready for `simulate()`;
//! - `profiles()` and `version()`.
//!
//! Results are plain objects (what `JSON.parse` of the CLI's output gives). Every problem with
//! the input is thrown as a JS `Error` whose message starts with the function's name; nothing
//! the caller passes can make the module trap. The TypeScript declarations live in `types.d.ts`.
//!
//! Layout: [`input`] turns decoded arguments into engine input, [`output`] holds the shapes this
//! crate adds, `js` crosses the boundary (type checks, serde-wasm-bindgen in both directions).

pub mod input;
mod js;
pub mod output;

use ingress_engine::cases::{parse_cases, run_cases, CaseFile};
use ingress_engine::{Options, ProfileSet, Simulator};
use input::{
    CompareOptionsInput, Defaults, OptionsInput, RequestInput, COMPARE_OPTIONS_KEYS, OPTIONS_KEYS, REQUEST_KEYS,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

const REQUEST_SHAPE: &str = "{ url } or { host, path, sni? }";
const OPTIONS_SHAPE: &str = "{ class?, profile? }";
const COMPARE_OPTIONS_SHAPE: &str = "{ class?, profiles? }";

/// Routes one request through the Ingresses of a manifest and explains the decision.
///
/// `request` is `{ url, sni? }` or `{ host, path, sni? }`; `options` is `{ class?, profile? }`.
/// Throws an `Error` for arguments of the wrong shape, a bad URL, an unknown profile, or a
/// manifest from which nothing usable comes out (its errors are listed with line:column).
#[wasm_bindgen(unchecked_return_type = "Decision")]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "string")] yaml: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("simulate", || {
        let yaml = js::text("yaml", &yaml)?;
        let request: RequestInput = js::required_object("request", &request, REQUEST_KEYS, REQUEST_SHAPE)?;
        let request = request.into_request()?;
        let sim = usable_simulator(&yaml, decode_options(&options, Defaults::default())?)?;
        js::to_plain(&sim.route(&request))
    })
}

/// Routes one request under several profiles (default: all) and says where they disagree:
/// `{ agree, groups, differences, decisions }`.
///
/// `options` is `{ class?, profiles? }` (`profiles`: names in the order to show them). Throws like
/// `simulate()`.
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "string")] yaml: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CompareOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("compare", || {
        let yaml = js::text("yaml", &yaml)?;
        let request: RequestInput = js::required_object("request", &request, REQUEST_KEYS, REQUEST_SHAPE)?;
        let request = request.into_request()?;
        let options: CompareOptionsInput =
            js::optional_object("options", &options, COMPARE_OPTIONS_KEYS, COMPARE_OPTIONS_SHAPE)?;
        let (class, profiles) = options.resolve()?;
        let sim = usable_simulator(&yaml, Options { class: class.clone(), profile: Default::default() })?;
        let set = ProfileSet::new(sim.manifest(), class.as_deref(), &profiles);
        js::to_plain(&set.compare(&request))
    })
}

/// Validates a manifest as the API server would: `{ valid, errors, warnings, notices }`.
///
/// A manifest that is not even YAML is reported here too (`valid: false`, its errors placed).
/// Throws only for arguments of the wrong type or an unknown profile.
#[wasm_bindgen(unchecked_return_type = "Validation")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "string")] yaml: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("validate", || {
        let yaml = js::text("yaml", &yaml)?;
        let sim = Simulator::new(&yaml, &decode_options(&options, Defaults::default())?);
        js::to_plain(&output::Validation::of(&sim))
    })
}

/// Runs a case file against a manifest: every case's result, and the paths no case reached.
///
/// The case file's own `class` and `profile` apply unless `options` gives them. Throws an `Error`
/// listing the case file's problems with line:column, or the manifest's if it is unusable.
#[wasm_bindgen(js_name = runCases, unchecked_return_type = "CaseReport")]
pub fn run_cases_js(
    #[wasm_bindgen(unchecked_param_type = "string")] yaml: JsValue,
    #[wasm_bindgen(js_name = casesYaml, unchecked_param_type = "string")] cases_yaml: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("runCases", || {
        let yaml = js::text("yaml", &yaml)?;
        let file = case_file(&js::text("casesYaml", &cases_yaml)?)?;
        let defaults = Defaults { class: file.class.as_deref(), profile: file.profile.as_deref() };
        let sim = usable_simulator(&yaml, decode_options(&options, defaults)?)?;
        js::to_plain(&run_cases(&sim, &file))
    })
}

/// Reads a case file: its manifest, class and profile if it carries them, and each case with its
/// request in the shape `simulate()` takes. Throws an `Error` listing problems with line:column.
#[wasm_bindgen(js_name = parseCases, unchecked_return_type = "CaseFile")]
pub fn parse_cases_js(
    #[wasm_bindgen(js_name = casesYaml, unchecked_param_type = "string")] cases_yaml: JsValue,
) -> Result<JsValue, JsError> {
    exported("parseCases", || {
        let file = case_file(&js::text("casesYaml", &cases_yaml)?)?;
        js::to_plain(&output::CaseFileView::of(&file))
    })
}

/// The routing profiles `options.profile` accepts.
#[wasm_bindgen(unchecked_return_type = "ProfileInfo[]")]
pub fn profiles() -> Result<JsValue, JsError> {
    exported("profiles", || js::to_plain(&output::profiles()))
}

/// The version of the simulator.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Runs an export's body, turning its problem into a JS `Error` that names the function.
fn exported(name: &str, body: impl FnOnce() -> Result<JsValue, String>) -> Result<JsValue, JsError> {
    body().map_err(|message| JsError::new(&format!("{name}: {message}")))
}

fn decode_options(options: &JsValue, defaults: Defaults<'_>) -> Result<Options, String> {
    let options: OptionsInput = js::optional_object("options", options, OPTIONS_KEYS, OPTIONS_SHAPE)?;
    options.resolve(defaults)
}

fn usable_simulator(yaml: &str, options: Options) -> Result<Simulator, String> {
    let sim = Simulator::new(yaml, &options);
    match sim.manifest().is_unusable() {
        true => Err(output::unusable_manifest(&sim)),
        false => Ok(sim),
    }
}

fn case_file(text: &str) -> Result<CaseFile, String> {
    let (file, diagnostics) = parse_cases(text);
    let mut errors = diagnostics.iter().filter(|d| d.is_error()).peekable();
    match errors.peek() {
        Some(_) => Err(output::error_list("casesYaml: the case file has errors", errors)),
        None => Ok(file),
    }
}
