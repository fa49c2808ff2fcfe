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
pub mod history;
pub mod hooks;
pub mod long_lines;
pub mod numbers;
pub mod perf;
pub mod permalink;
pub mod request_fields;
pub mod shared;
pub mod simulation;
pub mod snapshot;
pub mod state;
pub mod storage;
pub mod teach_modules;

use app::{App, AppProps};
use history::{Origin, Replaced};
use state::Playground;
use yew::AttrValue;

/// Starts the app: panic banner, then the state from the permalink, the saved session or the
/// first example, then the first render into `#app` (replacing the loading placeholder).
pub fn start() {
    fatal::install_panic_hook();
    reload_on_new_link();
    remember_work_on_leave();
    wasm_bindgen_futures::spawn_local(async {
        let opening = opening().await;
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) {
            mount_opening(root, opening);
        }
    });
}

/// A link pasted into the address bar of an open playground only changes the fragment: open it
/// as a new page would (the address the app itself writes uses `replaceState`, which fires no
/// `hashchange`).
fn reload_on_new_link() {
    let Some(window) = web_sys::window() else { return };
    let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        if permalink::is_permalink(&location.hash().unwrap_or_default()) {
            let _ = location.reload();
        }
    });
    window.set_onhashchange(Some(wasm_bindgen::JsCast::unchecked_ref(reload.as_ref())));
    reload.forget();
}

/// Puts this tab's work in the recent list when the tab is hidden or left, so other tabs (and
/// later visits) can reopen it.
fn remember_work_on_leave() {
    let Some(window) = web_sys::window() else { return };
    let remember = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
        if hidden || event.type_() == "pagehide" {
            storage::remember_saved();
        }
    });
    let listener = wasm_bindgen::JsCast::unchecked_ref(remember.as_ref());
    let _ = window.add_event_listener_with_callback("visibilitychange", listener);
    let _ = window.add_event_listener_with_callback("pagehide", listener);
    remember.forget();
}

/// How the page opens: the state, and what to tell the user about it.
#[derive(Debug, Default)]
pub struct Opening {
    /// The state on screen first.
    pub state: Playground,
    /// Messages about how it was opened (a link left rows out, a link or a saved session could
    /// not be read).
    pub notices: Vec<String>,
    /// The saved work a link or *Start over* replaced, for *Undo*.
    pub replaced: Option<Replaced>,
    /// A link that could not be opened stays in the address bar until the state changes, so it
    /// can be copied and reported.
    pub keep_address: bool,
}

/// Renders the app into `root`, replacing what it holds.
pub fn mount(root: web_sys::Element, initial: Playground, notice: Option<String>) -> yew::AppHandle<App> {
    mount_opening(root, Opening { state: initial, notices: notice.into_iter().collect(), ..Opening::default() })
}

/// Renders the app as [`Opening`] says, into `root`, replacing what it holds.
pub fn mount_opening(root: web_sys::Element, opening: Opening) -> yew::AppHandle<App> {
    root.set_text_content(None);
    let notice = (!opening.notices.is_empty()).then(|| AttrValue::from(opening.notices.join(" ")));
    let props =
        AppProps { initial: opening.state, notice, replaced: opening.replaced, keep_address: opening.keep_address };
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}

/// The state to open with: a link, else (after *Start over*) the first example, else this tab's or
/// the latest saved session, else the first example.
async fn opening() -> Opening {
    let mut notices = Vec::new();
    let start_over = storage::take_start_over();
    let saved = storage::load().unwrap_or_else(|unreadable| {
        notices.push(unreadable.0);
        None
    });
    let fragment = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    // A lesson link (`#lesson=`, read by teach/lessons.js once it loads) stays in the address bar
    // until something changes, as a link that could not be opened does: publishing the state
    // 300 ms after the first render would otherwise replace it before the lesson is read.
    let mut keep_address = fragment.starts_with("#lesson=");
    if permalink::is_permalink(&fragment) && !is_link_to(&fragment, saved.as_ref()).await {
        match open_link(&fragment, saved.as_ref()).await {
            Ok(mut opening) => {
                notices.append(&mut opening.notices);
                return Opening { notices, ..opening }.new_work();
            }
            Err(error) => {
                keep_address = true;
                notices.push(format!(
                    "This link could not be opened: {error}. It stays in the address bar until you change something; showing {} instead.",
                    if saved.is_some() { "your last session" } else { "an example" }
                ));
            }
        }
    }
    match saved {
        Some(state) if !start_over => {
            fatal::set_origin(Origin::Saved);
            Opening { state, notices, replaced: None, keep_address }
        }
        saved => {
            fatal::set_origin(Origin::Example);
            let state = examples::first_visit();
            let replaced = saved.and_then(|s| history::replaced("Started over with the first example", &s, &state));
            Opening { state, notices, replaced, keep_address }.new_work()
        }
    }
}

/// What a link opens over the saved session, within the caps (timed: `link-read`).
async fn open_link(fragment: &str, saved: Option<&Playground>) -> Result<Opening, String> {
    perf::mark("link-read-start");
    let opened = permalink::open_fragment(fragment).await;
    perf::measure("link-read", "link-read-start");
    let opened = opened?;
    let notices = (opened.dropped_rows > 0).then(|| rows_left_out(opened.state.rows.len(), opened.dropped_rows));
    let replaced = saved.and_then(|s| history::replaced("Opened the link", s, &opened.state));
    // A link to the saved state itself has rendered before.
    let seen = saved == Some(&opened.state);
    fatal::set_origin(if seen { Origin::Saved } else { Origin::Link });
    Ok(Opening { state: opened.state, notices: notices.into_iter().collect(), replaced, keep_address: false })
}

/// Whether the fragment is the link to `saved` (a reload: the app keeps the address bar on the
/// link to the state it saved), so it opens as the saved session, rows past the link cap included.
async fn is_link_to(fragment: &str, saved: Option<&Playground>) -> bool {
    let Some(saved) = saved else { return false };
    let link = permalink::fragment_for(saved).await;
    link.is_ok_and(|link| fragment.trim_start_matches('#') == link)
}

impl Opening {
    /// Starts a new piece of work when this opening replaced one (see [`history::start_new_work`]).
    fn new_work(self) -> Opening {
        if let Some(replaced) = &self.replaced {
            history::start_new_work(replaced);
        }
        self
    }
}

fn rows_left_out(kept: usize, dropped: usize) -> String {
    let count = |n: usize| numbers::group_thousands(u32::try_from(n).unwrap_or(u32::MAX));
    format!(
        "This link holds {} test rows: the first {} were opened and {} left out (a link opens at most {}).",
        count(kept + dropped),
        count(kept),
        count(dropped),
        count(permalink::MAX_LINK_ROWS)
    )
}
