use crate::simulation::LARGE_INPUT_BYTES;
use crate::state::Playground;
use crate::{permalink, storage};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// Keeps the session saved and the permalink current: 300 ms after the state stops changing it is
/// written to local storage, compressed into a `#v1=…` fragment, and the address bar is updated
/// (without a history entry). Returns the permalink (the page URL before the first one is ready),
/// or `None` when the input is too large for a link (and for local storage).
#[hook]
pub fn use_permalink(state: &Playground) -> Option<AttrValue> {
    let link = use_state_eq(current_url);
    {
        let link = link.clone();
        use_effect_with(state.clone(), move |state| {
            let state = state.clone();
            let shareable = state.yaml.len() <= LARGE_INPUT_BYTES;
            let timeout = shareable.then(|| {
                Timeout::new(300, move || {
                    storage::save(&state);
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(fragment) = permalink::fragment_for(&state).await {
                            link.set(publish(&fragment));
                        }
                    });
                })
            });
            move || drop(timeout)
        });
    }
    (state.yaml.len() <= LARGE_INPUT_BYTES).then(|| AttrValue::from((*link).clone()))
}

fn current_url() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Puts the fragment in the address bar and returns the full link.
fn publish(fragment: &str) -> String {
    let Some(window) = web_sys::window() else { return String::new() };
    let location = window.location();
    let base = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let link = format!("{base}#{fragment}");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link));
    }
    link
}
