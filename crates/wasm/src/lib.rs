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
//! - `writeCases({cases, manifest?, class?, profile?})` → cases written as a case file that
//!   `parseCases()` reads back as the same cases (the playground's export);
//! - `routeMap(yaml, options?)` → the input as a picture's data (hosts → paths → backends), like
//!   `ingress-sim map --json`;
//! - `migrate(yaml, options?)` → the Ingresses converted to Gateway API and every generated
//!   request whose answer changes, like `ingress-sim migrate --json` plus the YAML;
//!   `diffProfiles(yaml, {from, to})` → the same between two Ingress profiles, like
//!   `ingress-sim diff --json` (both in the full package only: `migrate.rs`);
//! - `profiles()` and `version()`;
//! - `new Simulation(yaml)`: a manifest read once for many calls (`route`, `compare`, `runCases`,
//!   `validate`), `update(yaml)` re-reading only the documents that changed, each profile's
//!   compiled form kept until then; `refresh(query)` asks all of them in one call (a page's
//!   redraw); `migrate()`, and `startMigration()` for a migration run a slice at a time; `free()`
//!   releases it.
//!
//! `yaml` is always the manifest's text or named sources `[{ name, text }]` (TypeScript
//! `Manifest`): then every position carries its source's name as `file` and counts lines within it.
//!
//! Results are plain objects (what `JSON.parse` of the CLI's output gives). Every problem with
//! the input is thrown as a JS `Error` whose message starts with the function's name; nothing
//! the caller passes can make the module trap. The TypeScript declarations live in `types.d.ts`.
//!
//! Layout: [`input`] turns decoded arguments into engine input, [`output`] holds the shapes this
//! crate adds, [`handle`] is the state of a `Simulation`, `js` crosses the boundary (type checks,
//! serde-wasm-bindgen in both directions).

#[cfg(feature = "gateway")]
mod gateway;
pub mod handle;
pub mod input;
mod js;
#[cfg(feature = "gateway")]
mod migrate;
pub mod output;
pub mod refresh;

use ingress_engine::cases::{parse_cases, run_cases_listing, Case, CaseFile};
use ingress_engine::Request;
use ingress_engine::{Explain, Options, Simulator};
use input::{
    CasesOptionsInput, CompareOptionsInput, Defaults, ExpectInput, ManifestInput, OptionsInput, RequestInput,
    RouteOptionsInput, Setting, CASES_OPTIONS_KEYS, COMPARE_OPTIONS_KEYS, OPTIONS_KEYS, REQUEST_KEYS,
    ROUTE_OPTIONS_KEYS, SIMULATE_OPTIONS_KEYS,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

const REQUEST_SHAPE: &str = "{ url } or { host, path }, with sni?, method?, headers?, cookies?";
const OPTIONS_SHAPE: &str = "{ class?, profile? }";
const COMPARE_OPTIONS_SHAPE: &str = "{ class?, profiles?, explain? }";
const SIMULATE_OPTIONS_SHAPE: &str = "{ class?, profile?, steps? }";
const ROUTE_OPTIONS_SHAPE: &str = "{ class?, profile?, explain?, analysis?, steps? }";
const CASES_OPTIONS_SHAPE: &str = "{ class?, profile?, listUncovered? }";
const REFRESH_SHAPE: &str = "{ yaml?, request?, options?, cases?, listUncovered? }";

/// Routes one request through the Ingresses of a manifest and explains the decision.
///
/// `request` is `{ url, sni? }` or `{ host, path, sni? }`; `options` is
/// `{ class?, profile?, steps? }` (`steps: true` adds the decision walked step by step).
/// Throws an `Error` for arguments of the wrong shape, a bad URL, an unknown profile, or a
/// manifest from which nothing usable comes out (its errors are listed with line:column).
#[wasm_bindgen(unchecked_return_type = "Decision")]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SimulateStepsOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("simulate", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let request = decode_request(&request)?;
        let options: RouteOptionsInput =
            js::optional_object("options", &options, SIMULATE_OPTIONS_KEYS, SIMULATE_OPTIONS_SHAPE)?;
        let steps = options.wants_steps();
        let (setting, _) = options.resolve()?;
        let sim = usable_simulator(&yaml, &setting.options())?;
        #[cfg(feature = "gateway")]
        gateway::refuse_gateway_input(&sim, "simulateGateway()")?;
        decision_object(&sim.route(&request, ingress_profile(&setting)?, Explain::Yes), steps)
    })
}

/// A decision as a plain object, with its `steps` when asked for.
fn decision_object(decision: &ingress_engine::Decision, steps: bool) -> Result<JsValue, String> {
    let object = js::to_plain(decision)?;
    if steps {
        let steps = js::to_plain(&ingress_engine::steps(decision))?;
        js_sys::Reflect::set(&object, &JsValue::from_str("steps"), &steps)
            .map_err(|_| "the steps could not be added".to_string())?;
    }
    Ok(object)
}

/// Routes one request under several profiles (default: all) and says where they disagree:
/// `{ agree, groups, differences, decisions }`.
///
/// `options` is `{ class?, profiles?, explain? }` (`profiles`: names in the order to show them;
/// `explain: false` leaves out the explanations and diagnostics). Throws like `simulate()`.
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CompareOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("compare", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let request = decode_request(&request)?;
        let options = decode_compare_options(&options)?;
        let sim = usable_simulator(&yaml, &Options { class: options.class })?;
        js::to_plain(&sim.compare(&request, &options.profiles, handle::explain(options.explain)))
    })
}

/// Validates a manifest as the API server would: `{ valid, errors, warnings, notices }`.
///
/// A manifest that is not even YAML is reported here too (`valid: false`, its errors placed).
/// Throws only for arguments of the wrong type or an unknown profile.
#[wasm_bindgen(unchecked_return_type = "Validation")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("validate", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let setting = decode_options(&options, Defaults::default())?;
        let sim = Simulator::new(yaml.sources(), &setting.options());
        js::to_plain(&output::Validation::of(&sim, &setting.profile))
    })
}

/// The input as the data of a picture: `{ profile, ingresses, hosts, defaultBackends, counts }`
/// (hosts in R3 order, each with its TLS entries and its paths in the profile's order, marked by
/// the profile's diagnostics). It never routes a request. `options` is `{ class?, profile? }`.
/// A manifest with errors gives the map of what could be read; throws only for arguments of the
/// wrong type or an unknown profile.
#[wasm_bindgen(js_name = routeMap, unchecked_return_type = "RouteMap")]
pub fn route_map(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("routeMap", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let setting = decode_options(&options, Defaults::default())?;
        let sim = Simulator::new(yaml.sources(), &setting.options());
        js::to_plain(&sim.route_map(ingress_profile(&setting)?))
    })
}

/// Runs a case file against a manifest: every case's result, and the paths no case reached.
///
/// The case file's own `class` and `profile` apply unless `options` gives them. Throws an `Error`
/// listing the case file's problems with line:column, or the manifest's if it is unusable.
#[wasm_bindgen(js_name = runCases, unchecked_return_type = "CaseReport")]
pub fn run_cases_js(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(js_name = casesYaml, unchecked_param_type = "string")] cases_yaml: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CasesOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("runCases", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let file = case_file(&js::text("casesYaml", &cases_yaml)?)?;
        let (setting, listed) = case_options(&file, &options)?;
        let sim = usable_simulator(&yaml, &setting.options())?;
        js::to_plain(&run_cases_listing(&sim, &setting.profile, &file, listed))
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

/// Writes cases as a case file in the format `parseCases()` and `ingress-sim test --cases` read,
/// every string quoted so that it reads back as the same cases (the playground's export): `file`
/// is `{ cases, manifest?, class?, profile? }`, each case as `runCases()` takes it.
#[wasm_bindgen(js_name = writeCases)]
pub fn write_cases_js(
    #[wasm_bindgen(
        unchecked_param_type = "{ cases: CaseInput[]; manifest?: string | null; class?: string | null; profile?: ProfileName | null }"
    )]
    file: JsValue,
) -> Result<String, JsError> {
    let written = exported("writeCases", || {
        let mut cases = case_objects(&js::member(&file, "cases")?)?;
        cases.manifest = js::optional_text(&file, "manifest")?;
        cases.class = js::optional_text(&file, "class")?;
        cases.profile = js::optional_text(&file, "profile")?
            .map(|name| ingress_engine::Profile::parse_or_explain(&name).map_err(|e| format!("profile: {e}")))
            .transpose()?;
        Ok(JsValue::from(ingress_engine::cases::write_case_file(&cases)))
    })?;
    Ok(written.as_string().unwrap_or_default())
}

/// The routing profiles `options.profile` accepts.
#[wasm_bindgen(unchecked_return_type = "ProfileInfo[]")]
pub fn profiles() -> Result<JsValue, JsError> {
    exported("profiles", || js::to_plain(&output::profiles()))
}

/// Routes one request through a Gateway of the manifest (Gateway API): the listener, the route,
/// rule and match, the backend (or split), the filters' effects, and every other candidate
/// explained — the shape of `ingress-sim route --json` for Gateway input.
///
/// `options` is `{ class?, profile?, gateway?, explain? }`: `profile` a Gateway API
/// implementation (`implementations()`; default `spec`), `gateway` the Gateway
/// (`namespace/name`; default: the input's only one). Throws like `simulate()`, and when the input
/// has no Gateway, several and none named, or not the one named (the message lists them).
#[cfg(feature = "gateway")]
#[wasm_bindgen(js_name = simulateGateway, unchecked_return_type = "GatewayDecision")]
pub fn simulate_gateway(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GatewayRouteOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("simulateGateway", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let request = decode_request(&request)?;
        let options: gateway::GatewayOptions =
            js::optional_object("options", &options, gateway::OPTIONS_KEYS, gateway::OPTIONS_SHAPE)?;
        options.route(&usable_simulator(&yaml, &options.engine_options())?, &request)
    })
}

/// Routes one request through a Gateway under several Gateway API implementations (default: all)
/// and says where they disagree: `{ agree, groups, differences, decisions }`, as `compare()` for
/// Ingress. `options` is `{ class?, profiles?, gateway?, explain? }`. Throws like
/// `simulateGateway()`.
#[cfg(feature = "gateway")]
#[wasm_bindgen(js_name = compareGateway, unchecked_return_type = "GatewayComparison")]
pub fn compare_gateway(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GatewayCompareOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    exported("compareGateway", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let request = decode_request(&request)?;
        let options: gateway::GatewayOptions =
            js::optional_object("options", &options, gateway::COMPARE_KEYS, gateway::COMPARE_SHAPE)?;
        options.compare(&usable_simulator(&yaml, &options.engine_options())?, &request)
    })
}

/// The Gateway API implementations `options.profile` accepts for a request that goes through a
/// Gateway: `[{ name, title, description, version }]`.
#[cfg(feature = "gateway")]
#[wasm_bindgen(unchecked_return_type = "ImplementationInfo[]")]
pub fn implementations() -> Result<JsValue, JsError> {
    exported("implementations", || js::to_plain(&gateway::implementations()))
}

/// The version of the simulator.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A manifest read once, for many calls: `new Simulation(yaml)`.
///
/// Each call answers exactly as the function of the same name does for the same text, but the
/// manifest is not read again: `update(yaml)` re-reads only the `---` documents whose text
/// changed, and the compiled form of each class and profile asked for is kept until then (so the
/// second `compare()` of a manifest costs only the routing). Call `free()` when done: the memory
/// lives in the WebAssembly module, out of reach of the garbage collector.
#[wasm_bindgen]
pub struct Simulation {
    handle: handle::Handle,
}

#[wasm_bindgen]
impl Simulation {
    /// Reads a manifest (or its text as UTF-8 bytes). Throws only if `yaml` is neither a string,
    /// named sources nor bytes: a manifest with errors is read (see `validate()`), and the routing
    /// calls throw if nothing usable came out of it.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Manifest | Uint8Array")] yaml: JsValue,
    ) -> Result<Simulation, JsError> {
        let manifest = manifest_or_bytes(&yaml).map_err(|message| error("Simulation", message))?;
        Ok(Simulation { handle: handle::Handle::new(manifest.sources()) })
    }

    /// Replaces the manifest, re-reading only the documents whose text changed. The text may come
    /// as UTF-8 bytes (a `Uint8Array`).
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Manifest | Uint8Array")] yaml: JsValue,
    ) -> Result<(), JsError> {
        let manifest = manifest_or_bytes(&yaml).map_err(|message| error("Simulation.update", message))?;
        self.handle.update(manifest.sources());
        Ok(())
    }

    /// Routes one request: as `simulate()`. `options` is
    /// `{ class?, profile?, explain?, analysis?, steps? }`; `explain: false` leaves the explanation
    /// and the diagnostics out (faster); `analysis: false` explains without waiting for the static
    /// analysis (for a caller that shows the decision first and `validate()`s after); `steps: true`
    /// adds the decision walked step by step.
    #[wasm_bindgen(unchecked_return_type = "Decision")]
    pub fn route(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RouteOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        exported("Simulation.route", || {
            let request = decode_request(&request)?;
            let options: RouteOptionsInput =
                js::optional_object("options", &options, ROUTE_OPTIONS_KEYS, ROUTE_OPTIONS_SHAPE)?;
            let steps = options.wants_steps();
            let (options, explain) = options.resolve()?;
            #[cfg(feature = "gateway")]
            gateway::refuse_gateway_input(self.handle.usable(&options.options())?, "Simulation.routeGateway()")?;
            decision_object(&self.handle.route(&request, &options, explain)?, steps)
        })
    }

    /// Routes one request through a Gateway: as `simulateGateway()`.
    #[cfg(feature = "gateway")]
    #[wasm_bindgen(js_name = routeGateway, unchecked_return_type = "GatewayDecision")]
    pub fn route_gateway(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GatewayRouteOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        exported("Simulation.routeGateway", || {
            let request = decode_request(&request)?;
            let options: gateway::GatewayOptions =
                js::optional_object("options", &options, gateway::OPTIONS_KEYS, gateway::OPTIONS_SHAPE)?;
            options.route(self.handle.usable(&options.engine_options())?, &request)
        })
    }

    /// Routes one request through a Gateway under several implementations: as `compareGateway()`.
    #[cfg(feature = "gateway")]
    #[wasm_bindgen(js_name = compareGateway, unchecked_return_type = "GatewayComparison")]
    pub fn compare_gateway(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GatewayCompareOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        exported("Simulation.compareGateway", || {
            let request = decode_request(&request)?;
            let options: gateway::GatewayOptions =
                js::optional_object("options", &options, gateway::COMPARE_KEYS, gateway::COMPARE_SHAPE)?;
            options.compare(self.handle.usable(&options.engine_options())?, &request)
        })
    }

    /// The input's Gateways as `namespace/name`, in input order.
    #[cfg(feature = "gateway")]
    pub fn gateways(&self) -> Vec<String> {
        self.handle.gateways()
    }

    /// True when a request goes through a Gateway rather than Ingresses: a Gateway is named, or
    /// the input has Gateways and no Ingress (the engine's one rule). Call `routeGateway()` then.
    #[cfg(feature = "gateway")]
    #[wasm_bindgen(js_name = asksGateway)]
    pub fn asks_gateway(&self, gateway: Option<String>) -> bool {
        self.handle.asks_gateway(gateway.as_deref().filter(|g| !g.is_empty()))
    }

    /// Routes one request under several profiles: as `compare()`.
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn compare(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SimulateRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CompareOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        exported("Simulation.compare", || {
            let request = decode_request(&request)?;
            let options = decode_compare_options(&options)?;
            js::to_plain(&self.handle.compare(&request, &options)?)
        })
    }

    /// Runs cases against the manifest: a case file's text, as `runCases()`, or the cases
    /// themselves, `[{ name?, request, expect }]` (each as `parseCases()` gives it), which spares
    /// a caller holding them as values the writing and reading of a file.
    #[wasm_bindgen(js_name = runCases, unchecked_return_type = "CaseReport")]
    pub fn run_cases(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | CaseInput[]")] cases: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CasesOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        exported("Simulation.runCases", || {
            let file = match cases.is_string() {
                true => case_file(&js::text("cases", &cases)?)?,
                false => case_objects(&cases)?,
            };
            let (options, listed) = case_options(&file, &options)?;
            js::to_plain(&self.handle.run_cases(&file, &options, listed)?)
        })
    }

    /// The classes the manifest names, for a class menu: `{ default, names }`.
    #[wasm_bindgen(unchecked_return_type = "ClassNames")]
    pub fn classes(&self) -> Result<JsValue, JsError> {
        exported("Simulation.classes", || js::to_plain(&self.handle.classes()))
    }

    /// The input as a route map: as `routeMap()`.
    #[wasm_bindgen(js_name = routeMap, unchecked_return_type = "RouteMap")]
    pub fn route_map(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        exported("Simulation.routeMap", || {
            let setting = decode_options(&options, Defaults::default())?;
            let profile = ingress_profile(&setting)?;
            js::to_plain(&self.handle.simulator(&setting.options()).route_map(profile))
        })
    }

    /// Everything a page shows for one state of its input, in one call: as `update(yaml)` (when
    /// `yaml` is given: a string, named sources, or the text as UTF-8 bytes), then `route`,
    /// `runCases` and `validate` under `options`, and `classes()`. See `refresh.rs`.
    #[wasm_bindgen(unchecked_return_type = "Refreshed")]
    pub fn refresh(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RefreshQuery")] query: JsValue,
    ) -> Result<JsValue, JsError> {
        exported("Simulation.refresh", || refresh_js(&mut self.handle, &query))
    }

    /// Validates the manifest: as `validate()`.
    #[wasm_bindgen(unchecked_return_type = "Validation")]
    pub fn validate(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        exported("Simulation.validate", || {
            let options = decode_options(&options, Defaults::default())?;
            js::to_plain(&self.handle.validation(&options))
        })
    }
}

/// `Simulation.refresh`: decodes `{ yaml?, request?, options?, cases?, listUncovered? }` member by
/// member (a derived decoder would cost the package ~1.4 KB), answers, and builds
/// `{ decision, report, validation, classes }` (`null` for a part not asked for).
fn refresh_js(handle: &mut handle::Handle, query: &JsValue) -> Result<JsValue, String> {
    if !query.is_object() {
        return Err(format!("query must be an object {REFRESH_SHAPE}, found {}", js::describe(query)));
    }
    let given = |key| js::member(query, key).map(|v| Some(v).filter(|v| !v.is_undefined() && !v.is_null()));
    let yaml = given("yaml")?.map(|yaml| manifest_or_bytes(&yaml)).transpose()?;
    let request = given("request")?.map(|request| decode_request(&request)).transpose()?;
    let options: RouteOptionsInput =
        js::optional_object("options", &js::member(query, "options")?, ROUTE_OPTIONS_KEYS, ROUTE_OPTIONS_SHAPE)?;
    let steps = options.wants_steps();
    let (setting, explain) = options.resolve()?;
    let cases = match given("cases")? {
        Some(cases) if cases.is_string() => Some(case_file(&js::text("cases", &cases)?)?),
        Some(cases) => Some(case_objects(&cases)?),
        None => None,
    };
    let listed = match js::optional_number(query, "listUncovered")? {
        Some(n) if n >= 0.0 && n.fract() == 0.0 => n as usize,
        Some(n) => return Err(format!("query.listUncovered must be a whole number, 0 or more, found {n}")),
        None => usize::MAX,
    };
    let query = refresh::Query { yaml: yaml.as_ref().map(|y| y.sources()), request, setting, explain, cases, listed };
    let answer = refresh::refresh(handle, query)?;
    let result = js_sys::Object::new();
    let decision = match &answer.decision {
        Some(decision) => decision_object(decision, steps)?,
        None => JsValue::NULL,
    };
    let report = match &answer.report {
        Some(report) => js::to_plain(report)?,
        None => JsValue::NULL,
    };
    let parts = [
        ("decision", decision),
        ("report", report),
        ("validation", js::to_plain(&answer.validation)?),
        ("classes", js::to_plain(&answer.classes)?),
    ];
    for (key, value) in parts {
        js_sys::Reflect::set(&result, &JsValue::from_str(key), &value)
            .map_err(|_| format!("{key} could not be set"))?;
    }
    Ok(result.into())
}

/// The `yaml` argument of `update` and `refresh`: a manifest, or its text as UTF-8 bytes (a
/// `Uint8Array`, copied into the module as is: a page holding the text as bytes skips decoding
/// and re-encoding a megabyte of it on each edit).
fn manifest_or_bytes(yaml: &JsValue) -> Result<ManifestInput, String> {
    match yaml.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => String::from_utf8(bytes.to_vec())
            .map(ManifestInput::Text)
            .map_err(|e| format!("yaml: the bytes are not UTF-8 (at byte {})", e.utf8_error().valid_up_to())),
        None => js::manifest("yaml", yaml),
    }
}

/// A JS `Error` whose message names the function.
fn error(name: &str, message: String) -> JsError {
    JsError::new(&format!("{name}: {message}"))
}

/// Runs an export's body, turning its problem into a JS `Error` that names the function.
fn exported(name: &str, body: impl FnOnce() -> Result<JsValue, String>) -> Result<JsValue, JsError> {
    body().map_err(|message| error(name, message))
}

/// The Ingress profile the options name, or why they name none (`envoy-gateway`).
fn ingress_profile(setting: &Setting) -> Result<ingress_engine::Profile, String> {
    setting.profile.ingress().map_err(|e| format!("options.profile: {e}"))
}

fn decode_request(request: &JsValue) -> Result<Request, String> {
    let request: RequestInput = js::required_object("request", request, REQUEST_KEYS, REQUEST_SHAPE)?;
    request.into_request()
}

fn decode_options(options: &JsValue, defaults: Defaults<'_>) -> Result<Setting, String> {
    let options: OptionsInput = js::optional_object("options", options, OPTIONS_KEYS, OPTIONS_SHAPE)?;
    options.resolve(defaults)
}

/// `runCases()`'s options: the case file's own `class` and `profile` unless `options` gives them,
/// and how many uncovered paths to list.
fn case_options(file: &CaseFile, options: &JsValue) -> Result<(Setting, usize), String> {
    let options: CasesOptionsInput = js::optional_object("options", options, CASES_OPTIONS_KEYS, CASES_OPTIONS_SHAPE)?;
    let profile = file.profile_name();
    options.resolve(Defaults { class: file.class.as_deref(), profile: profile.as_ref().map(|p| p.as_str()) })
}

fn decode_compare_options(options: &JsValue) -> Result<input::CompareOptions, String> {
    let options: CompareOptionsInput =
        js::optional_object("options", options, COMPARE_OPTIONS_KEYS, COMPARE_OPTIONS_SHAPE)?;
    options.resolve()
}

fn usable_simulator(manifest: &ManifestInput, options: &Options) -> Result<Simulator, String> {
    let sim = Simulator::new(manifest.sources(), options);
    handle::usable(&sim)?;
    Ok(sim)
}

/// Cases given as values: an array of `{ name?, request, expect? }`.
fn case_objects(cases: &JsValue) -> Result<CaseFile, String> {
    if !js_sys::Array::is_array(cases) {
        return Err(format!("cases must be a case file's text or an array of cases, found {}", js::describe(cases)));
    }
    let mut file = CaseFile::default();
    for (index, case) in js_sys::Array::from(cases).iter().enumerate() {
        file.cases.push(case_object(&case).map_err(|e| format!("cases[{index}]: {e}"))?);
    }
    Ok(file)
}

/// One case: `{ name?, request, expect? }`, `expect` as `parseCases()` gives it.
fn case_object(case: &JsValue) -> Result<Case, String> {
    let request = decode_request(&js::member(case, "request")?)?;
    let expect = js::member(case, "expect")?;
    let text = |key| js::optional_text(&expect, key);
    let expect = ExpectInput {
        backend: text("backend")?,
        outcome: text("outcome")?,
        ingress: text("ingress")?,
        path: text("path")?,
        path_type: text("pathType")?,
        tls: text("tls")?,
        status: js::optional_number(&expect, "status")?,
        location: text("location")?,
        gateway: input::GatewayExpectInput {
            route: text("route")?,
            listener: text("listener")?,
            rule: text("rule")?,
            namespace: text("namespace")?,
            upstream_path: text("upstreamPath")?,
            upstream_host: text("upstreamHost")?,
        },
    };
    let name = js::optional_text(case, "name")?;
    let gateway = js::optional_text(case, "gateway")?;
    Ok(Case { name, request, expect: expect.resolve()?, gateway, ..Case::default() })
}

fn case_file(text: &str) -> Result<CaseFile, String> {
    let (file, diagnostics) = parse_cases(text);
    let mut errors = diagnostics.iter().filter(|d| d.is_error()).peekable();
    match errors.peek() {
        Some(_) => Err(output::error_list("casesYaml: the case file has errors", errors)),
        None => Ok(file),
    }
}
