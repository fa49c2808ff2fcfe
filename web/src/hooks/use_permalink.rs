use crate::fatal;
use crate::history::{summary, Origin};
use crate::simulation::LARGE_INPUT_BYTES;
use crate::state::Playground;
use crate::{perf, permalink, storage};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// Keeps the session saved and the address bar current: 300 ms after the state stops changing,
/// once the page has shown the engine's answer for it, it is saved (see [`storage`]) and its
/// `#v1=…` link replaces the address (without a history entry). Returns that link (the page URL
/// before the first one), or `None` when the input is too large for a link (and for storage).
///
/// Saving waits for `shown`, and stops once the page has crashed, so that a state that freezes or
/// crashes the page is never saved: otherwise every later visit would open it again. With `keep_address`, the state the page opened
/// with is neither saved nor published, so a link that could not be opened stays in the address
/// bar until the user changes something.
#[hook]
pub fn use_permalink(state: &Playground, shown: bool, keep_address: bool) -> Option<AttrValue> {
    let link = use_state_eq(permalink::current_url);
    let opened_with = use_memo((), {
        let state = state.clone();
        move |_| state
    });
    {
        let link = link.clone();
        let untouched = keep_address && *state == *opened_with;
        use_effect_with((state.clone(), shown && !untouched), move |(state, ready)| {
            let state = state.clone();
            let timeout = (*ready && state.yaml.len() <= LARGE_INPUT_BYTES).then(|| {
                Timeout::new(300, move || {
                    if fatal::crashed() {
                        return;
                    }
                    perf::mark("session-save");
                    storage::save(&state, &summary(&state));
                    perf::measure("session-saved", "session-save");
                    // Shown and saved: no longer suspect if the page crashes later.
                    fatal::set_origin(Origin::Saved);
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(fragment) = permalink::fragment_for(&state).await {
                            link.set(permalink::publish(&fragment));
                        }
                    });
                })
            });
            move || drop(timeout)
        });
    }
    (state.yaml.len() <= LARGE_INPUT_BYTES).then(|| AttrValue::from((*link).clone()))
}
