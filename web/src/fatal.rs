//! The last line of defence: a panic shows a banner with its message, *Reload* and *Start over*.
//!
//! The banner lives in `index.html` with plain-JavaScript buttons, the fallback when the app never
//! started. Once it starts, the app takes the buttons over (a capturing listener on the window runs
//! first and stops the event), because what they should do depends on where the state on screen
//! came from ([`Origin`]):
//! - from a link that has not rendered yet, the link is the likely cause: both buttons open the
//!   page without the fragment, so the saved session comes back and the link does not crash again;
//! - otherwise *Reload* reloads, and *Start over* opens the first example without deleting
//!   anything (the work stays in the recent list, and the page offers *Undo*).
//!
//! The handlers only read a `Cell` and call the browser, so they still work after a panic.

use crate::history::Origin;
use crate::storage;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static ORIGIN: Cell<Origin> = const { Cell::new(Origin::Saved) };
}

/// Records where the state on screen came from.
pub fn set_origin(origin: Origin) {
    ORIGIN.with(|o| o.set(origin));
}

/// Where the state on screen came from.
pub fn origin() -> Origin {
    ORIGIN.with(Cell::get)
}

/// Installs the panic hook and takes over the banner's buttons.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| show(&info.to_string())));
    take_over_buttons();
}

fn take_over_buttons() {
    let Some(window) = web_sys::window() else { return };
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let id = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.id());
        let start_over = match id.as_deref() {
            Some("fatal-reload") => false,
            Some("fatal-reset") => true,
            _ => return,
        };
        event.stop_immediate_propagation();
        leave(origin(), start_over);
    });
    let _ = window.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    on_click.forget();
}

/// Leaves the crashed page.
fn leave(origin: Origin, start_over: bool) {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return };
    if origin != Origin::Link && !start_over {
        let _ = location.reload();
        return;
    }
    if origin != Origin::Link {
        storage::request_start_over();
    }
    let page = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let _ = location.replace(&page);
}

/// Whether the page has crashed (the banner is up, for a panic or an error the page's script
/// caught). Nothing is saved after that: timers still run, but the state on screen is suspect.
pub fn crashed() -> bool {
    let banner = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("fatal"));
    banner.is_some_and(|b| !b.has_attribute("hidden"))
}

/// Shows the banner with a message (the first message wins).
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(banner), Some(text)) = (document.get_element_by_id("fatal"), document.get_element_by_id("fatal-message"))
    else {
        return;
    };
    if banner.has_attribute("hidden") {
        text.set_text_content(Some(message));
        let _ = banner.remove_attribute("hidden");
    }
}
