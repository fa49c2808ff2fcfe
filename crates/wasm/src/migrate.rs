//! Migration through the JS API (the full package only: Gateway API):
//!
//! - `migrate(yaml, {from?, to?})` and `Simulation.migrate({from?, to?})` convert the Ingresses to
//!   Gateway API and answer with the CLI's `migrate --json` object plus `yaml`, the converted
//!   resources (what `migrate --emit` writes);
//! - `Simulation.startMigration({from?, to?})` returns a [`MigrationRun`] that routes the
//!   generated requests a slice at a time (`step(n)`), so a page can show progress and stay
//!   responsive, `finish()` answers as `migrate()` does, and `explain(index)` explains a change the
//!   migration lists unexplained;
//! - `diffProfiles(yaml, {from, to, class?})` asks the same generated requests of two Ingress
//!   profiles: the CLI's `diff --json` object.

use crate::{js, Simulation};
use ingress_engine::migrate::{self, MigrateOptions, Migration};
use ingress_engine::{Options, Profile, ProfileName};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// The keys of the migration's options.
const MIGRATE_KEYS: &[&str] = &["from", "to"];
const MIGRATE_SHAPE: &str = "{ from?, to? }";
/// The keys of `diffProfiles()`'s options.
const DIFF_KEYS: &[&str] = &["from", "to", "class"];
const DIFF_SHAPE: &str = "{ from, to, class? }";

/// `{ from?, to? }`: the Ingress profile of today (default ingress-nginx) and the Gateway API
/// implementation to route the converted resources (default envoy-gateway).
#[derive(Debug, Default, Deserialize)]
struct MigrateOptionsInput {
    from: Option<String>,
    to: Option<String>,
}

impl MigrateOptionsInput {
    /// Decodes the JS options (absent: every default).
    fn decode(options: &JsValue) -> Result<MigrateOptions, String> {
        let input: MigrateOptionsInput = js::optional_object("options", options, MIGRATE_KEYS, MIGRATE_SHAPE)?;
        let mut resolved = MigrateOptions::default();
        if let Some(from) = given(&input.from) {
            resolved.from = ingress_profile("options.from", from)?;
        }
        if let Some(to) = given(&input.to) {
            resolved.to = ProfileName::parse(to).and_then(|n| n.gateway()).map_err(|e| format!("options.to: {e}"))?;
        }
        Ok(resolved)
    }
}

/// `{ from, to, class? }`: two Ingress profiles, both required.
#[derive(Debug, Default, Deserialize)]
struct DiffOptionsInput {
    from: Option<String>,
    to: Option<String>,
    class: Option<String>,
}

/// A text option that is given (absent, `null` and `""` take the default).
fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|t| !t.is_empty())
}

/// The Ingress profile `text` names, or why it names none.
fn ingress_profile(option: &str, text: &str) -> Result<Profile, String> {
    ProfileName::parse(text).and_then(|n| n.ingress()).map_err(|e| format!("{option}: {e}"))
}

/// A migration as a plain object: the `migrate --json` keys, then `yaml`.
fn migration_object(migration: &Migration) -> Result<JsValue, String> {
    let object = js::to_plain(migration)?;
    js_sys::Reflect::set(&object, &JsValue::from_str("yaml"), &JsValue::from_str(&migration.conversion.yaml))
        .map_err(|_| "the converted YAML could not be added".to_string())?;
    Ok(object)
}

/// Converts the Ingresses of a manifest to Gateway API (as kubernetes-sigs/ingress2gateway does),
/// routes the requests generated from the input under `from` and through the converted Gateways
/// under `to`, and lists every request whose answer changes: `{ from, to, gateways, notices,
/// requests, changed: [{ request, probes, before, after }], yaml }`. `options` is
/// `{ from?, to? }` (default ingress-nginx → envoy-gateway). Throws for options of the wrong shape,
/// a profile of the wrong kind (the message lists the known ones), or an unusable manifest.
#[wasm_bindgen(js_name = migrate, unchecked_return_type = "Migration")]
pub fn migrate_js(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MigrateOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    crate::exported("migrate", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let options = MigrateOptionsInput::decode(&options)?;
        // A manifest from which nothing usable came out is refused, as the routing calls refuse it.
        crate::usable_simulator(&yaml, &Options::default())?;
        migration_object(&migrate::migrate(yaml.sources(), &options))
    })
}

/// Routes the requests generated from a manifest under two Ingress profiles and lists every
/// request whose answer changes: `{ from, to, requests, changed: [{ request, probes, before,
/// after }] }` (the CLI's `diff --json`). `options` is `{ from, to, class? }`. Throws like
/// `migrate()`, and when `from` or `to` is missing.
#[wasm_bindgen(js_name = diffProfiles, unchecked_return_type = "ProfileDiff")]
pub fn diff_profiles(
    #[wasm_bindgen(unchecked_param_type = "Manifest")] yaml: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DiffOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    crate::exported("diffProfiles", || {
        let yaml = js::manifest("yaml", &yaml)?;
        let input: DiffOptionsInput = js::required_object("options", &options, DIFF_KEYS, DIFF_SHAPE)?;
        let missing = |key| format!("options.{key} is missing: pass {DIFF_SHAPE} with two Ingress profile names");
        let from = ingress_profile("options.from", given(&input.from).ok_or_else(|| missing("from"))?)?;
        let to = ingress_profile("options.to", given(&input.to).ok_or_else(|| missing("to"))?)?;
        let engine_options = Options { class: given(&input.class).map(str::to_string) };
        let sim = crate::usable_simulator(&yaml, &engine_options)?;
        js::to_plain(&sim.diff(from, to))
    })
}

#[wasm_bindgen]
impl Simulation {
    /// Converts and diffs the held manifest: as `migrate()`.
    #[wasm_bindgen(js_name = migrate, unchecked_return_type = "Migration")]
    pub fn migrate_js(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "MigrateOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        crate::exported("Simulation.migrate", || {
            let options = MigrateOptionsInput::decode(&options)?;
            self.handle.usable(&Options::default())?;
            migration_object(&migrate::migrate(self.handle.input(), &options))
        })
    }

    /// Starts the migration of the held manifest, to be run a slice at a time: `step(n)` routes
    /// at most `n` more generated requests and says how far it got, `finish()` answers as
    /// `migrate()`. The run holds its own copy of the input: later `update()`s do not touch it.
    #[wasm_bindgen(js_name = startMigration)]
    pub fn start_migration(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "MigrateOptions")] options: JsValue,
    ) -> Result<MigrationRun, JsError> {
        let started = (|| {
            let options = MigrateOptionsInput::decode(&options)?;
            self.handle.usable(&Options::default())?;
            Ok::<_, String>(migrate::MigrationRun::new(self.handle.input(), &options))
        })();
        started
            .map(|run| MigrationRun { run, finished: false })
            .map_err(|message| crate::error("Simulation.startMigration", message))
    }
}

/// A migration under way (`Simulation.startMigration()`): `step(n)` until `done`, then
/// `finish()`; `explain(index)` explains one changed request, also after `finish()` (the run
/// keeps both readings for it). Call `free()` when done with it.
#[wasm_bindgen]
pub struct MigrationRun {
    run: migrate::MigrationRun,
    /// `finish()` has handed out the migration: only `explain()` is left.
    finished: bool,
}

/// `step(n)`'s answer.
#[derive(Debug, Serialize)]
struct StepProgress {
    /// Every request is routed: call `finish()`.
    done: bool,
    /// How many generated requests are routed so far.
    routed: usize,
    /// How many there are (0 until they are generated).
    total: usize,
    /// What the run is doing: `read`, `convert`, `read back`, `probe`, `compile`, `route`, `done`.
    stage: &'static str,
}

#[wasm_bindgen]
impl MigrationRun {
    /// Routes at most `max_requests` more generated requests (at least one):
    /// `{ done, routed, total, stage }`. A setup stage (reading, converting…) takes one step.
    #[wasm_bindgen(unchecked_return_type = "MigrationProgress")]
    pub fn step(&mut self, #[wasm_bindgen(js_name = maxRequests)] max_requests: f64) -> Result<JsValue, JsError> {
        crate::exported("MigrationRun.step", || {
            // NaN fails this test too.
            if max_requests.is_nan() || max_requests < 1.0 {
                return Err(format!("maxRequests must be a number, 1 or more, found {max_requests}"));
            }
            if self.finished {
                return Err(finished());
            }
            let progress = self.run.step(max_requests.min(u32::MAX as f64) as usize);
            js::to_plain(&StepProgress {
                done: progress.finished,
                routed: progress.done,
                total: progress.total,
                stage: progress.stage,
            })
        })
    }

    /// Routes whatever is left and answers as `migrate()`. Afterwards only `explain()` answers.
    #[wasm_bindgen(unchecked_return_type = "Migration")]
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        crate::exported("MigrationRun.finish", || {
            if self.finished {
                return Err(finished());
            }
            self.finished = true;
            migration_object(&self.run.finish_keeping())
        })
    }

    /// The `index`-th changed request (0-based, of those routed so far), with both decisions
    /// explained: for a change the migration lists with `explained: false`.
    #[wasm_bindgen(unchecked_return_type = "MigrationChange")]
    pub fn explain(&self, index: f64) -> Result<JsValue, JsError> {
        crate::exported("MigrationRun.explain", || {
            if index.is_nan() || index < 0.0 || index.fract() != 0.0 {
                return Err(format!("index must be a whole number, 0 or more, found {index}"));
            }
            let change = self
                .run
                .explain(index.min(u32::MAX as f64) as usize)
                .ok_or_else(|| format!("index {index} is past the last changed request"))?;
            js::to_plain(&change)
        })
    }
}

fn finished() -> String {
    "the run is finished already (explain() still answers): start another with Simulation.startMigration()".to_string()
}
