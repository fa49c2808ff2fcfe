//! The Ingress routing playground: a yew app over `ingress_engine`.
//!
//! Layout (after yew's `function_todomvc`): [`state`] is the plain state and its actions;
//! [`simulation`] asks the engine about it; [`components`] draw it; [`hooks`] hold the effects
//! (debounce, engine, permalink); [`snapshot`], [`permalink`], [`storage`] and [`cases_io`] move it
//! in and out of the page. No routing logic lives here: every answer comes from the engine.

pub mod app;
pub mod cases_io;
pub mod components;
pub mod controllers;
pub mod download;
pub mod examples;
pub mod fatal;
pub mod hooks;
pub mod numbers;
pub mod perf;
pub mod permalink;
pub mod request_fields;
pub mod shared;
pub mod simulation;
pub mod snapshot;
pub mod state;
pub mod storage;

use app::{App, AppProps};
use state::Playground;
use yew::AttrValue;

/// Starts the app: panic banner, then the state from the permalink, the saved session or the
/// first example, then the first render into `#app` (replacing the loading placeholder).
pub fn start() {
    fatal::install_panic_hook();
    wasm_bindgen_futures::spawn_local(async {
        let (initial, notice) = initial_state().await;
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) {
            mount(root, initial, notice);
        }
    });
}

/// Renders the app into `root`, replacing what it holds.
pub fn mount(root: web_sys::Element, initial: Playground, notice: Option<String>) -> yew::AppHandle<App> {
    root.set_text_content(None);
    let props = AppProps { initial, notice: notice.map(AttrValue::from) };
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}

async fn initial_state() -> (Playground, Option<String>) {
    let fragment = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let mut notice = None;
    if permalink::is_permalink(&fragment) {
        match permalink::state_from_fragment(&fragment).await {
            Ok(state) => return (state, None),
            Err(error) => {
                notice = Some(format!("This link could not be opened: {error}. Showing your last session instead."))
            }
        }
    }
    if let Some(saved) = storage::load() {
        return (saved, notice);
    }
    (examples::first_visit(), notice)
}
