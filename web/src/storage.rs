//! Work kept in the browser, so that a reload, a crash, a link or an example loses nothing:
//!
//! - this tab's session, in session storage (`ingress-sim/session/v1`): each tab keeps its own,
//!   and a reload of the tab brings it back;
//! - the latest session of any tab, in local storage under the same key: what a new tab opens;
//! - recent sessions, in local storage (`ingress-sim/recent/v1`): the last [`RECENT_MAX`] pieces of
//!   work, newest first, each with its time and a one-line summary, at most [`RECENT_MAX_CHARS`].
//!
//! A piece of work has an id (kept per tab). It enters the recent list when something replaces it
//! (a link, an example, a recent session: each starts a new piece of work) and when the tab is
//! hidden or left; not on every save, which stays two writes however long the list.

use crate::snapshot::{self, read_fields, SCHEMA_VERSION};
use crate::state::Playground;
use std::fmt::Write;
use web_sys::Storage;

/// Recent sessions kept.
pub const RECENT_MAX: usize = 5;
/// Most characters the recent list may take in local storage (the browser allows ~5 million).
pub const RECENT_MAX_CHARS: usize = 2_000_000;

fn session_key() -> String {
    format!("ingress-sim/session/v{SCHEMA_VERSION}")
}

fn recent_key() -> String {
    format!("ingress-sim/recent/v{SCHEMA_VERSION}")
}

/// Where an unreadable saved session is moved, so it is reported and not lost.
pub fn unreadable_key() -> String {
    format!("ingress-sim/unreadable/v{SCHEMA_VERSION}")
}

const WORK_KEY: &str = "ingress-sim/work";
const SUMMARY_KEY: &str = "ingress-sim/summary";
const START_OVER_KEY: &str = "ingress-sim/start-over";

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn get(storage: Option<Storage>, key: &str) -> Option<String> {
    storage?.get_item(key).ok().flatten()
}

fn set(storage: Option<Storage>, key: &str, value: &str) -> bool {
    storage.is_some_and(|s| s.set_item(key, value).is_ok())
}

/// One entry of the recent list.
#[derive(Clone, Debug, PartialEq)]
pub struct RecentSession {
    /// The piece of work it is.
    pub id: String,
    /// When it was last saved (whole ms since the epoch). An integer on purpose: printing or
    /// parsing an `f64` pulls core's float formatting and parsing into the bundle (~10 KB gz).
    pub time: u64,
    /// One line: the first Ingress, its host, lines and rows.
    pub summary: String,
    /// The state as [`snapshot`] text.
    pub text: String,
}

/// Saves the session: this tab's and the latest. Storage errors (quota, private mode) are
/// ignored: the permalink still holds the state.
pub fn save(state: &Playground, summary: &str) {
    let text = snapshot::encode(state);
    set(session_storage(), &session_key(), &text);
    set(session_storage(), SUMMARY_KEY, summary);
    set(local_storage(), &session_key(), &text);
}

/// Puts a piece of work (this tab's current one) first in the recent list.
pub fn remember(state: &Playground, summary: &str) {
    push_recent(snapshot::encode(state), summary.to_string());
}

/// Puts this tab's saved session first in the recent list (when the tab is hidden or left).
pub fn remember_saved() {
    if let Some(text) = get(session_storage(), &session_key()) {
        push_recent(text, get(session_storage(), SUMMARY_KEY).unwrap_or_default());
    }
}

fn push_recent(text: String, summary: String) {
    let entry = RecentSession { id: work_id(), time: js_sys::Date::now() as u64, summary, text };
    save_recent(with_entry(recent(), entry));
}

/// The list with `entry` first, replacing its own older version and any identical state.
fn with_entry(mut list: Vec<RecentSession>, entry: RecentSession) -> Vec<RecentSession> {
    list.retain(|old| old.id != entry.id && old.text != entry.text);
    list.insert(0, entry);
    list.truncate(RECENT_MAX);
    list
}

fn save_recent(mut list: Vec<RecentSession>) {
    while list.iter().map(|e| e.text.len()).sum::<usize>() > RECENT_MAX_CHARS && list.len() > 1 {
        list.pop();
    }
    // Over the browser's quota: drop the oldest until it fits.
    while !set(local_storage(), &recent_key(), &encode_recent(&list)) && list.len() > 1 {
        list.pop();
    }
}

fn encode_recent(list: &[RecentSession]) -> String {
    let mut out = String::new();
    for entry in list {
        let mut fields = String::new();
        for (key, value) in [("id", entry.id.as_str()), ("time", &entry.time.to_string()), ("summary", &entry.summary)]
        {
            let _ = writeln!(fields, "{key} {}:{value}", value.len());
        }
        let _ = writeln!(fields, "state {}:{}", entry.text.len(), entry.text);
        let _ = writeln!(out, "entry {}:{fields}", fields.len());
    }
    out
}

fn decode_recent(text: &str) -> Vec<RecentSession> {
    let entries = read_fields(text).unwrap_or_default();
    entries
        .into_iter()
        .filter_map(|(_, entry)| {
            let fields = read_fields(entry).ok()?;
            let field = |name: &str| fields.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string());
            Some(RecentSession {
                id: field("id")?,
                time: field("time")?.parse().ok()?,
                summary: field("summary").unwrap_or_default(),
                text: field("state")?,
            })
        })
        .collect()
}

/// The recent sessions, newest first.
pub fn recent() -> Vec<RecentSession> {
    get(local_storage(), &recent_key()).map(|text| decode_recent(&text)).unwrap_or_default()
}

/// A saved session that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable(pub String);

/// This tab's session, or else the latest one; `Err` when the one found cannot be read (its text
/// is then moved to [`unreadable_key`] in local storage, and the message says so).
pub fn load() -> Result<Option<Playground>, Unreadable> {
    let Some(text) = get(session_storage(), &session_key()).or_else(|| get(local_storage(), &session_key())) else {
        return Ok(None);
    };
    snapshot::decode(&text).map(Some).map_err(|why| {
        set(local_storage(), &unreadable_key(), &text);
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(&session_key());
        }
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(&session_key());
        }
        Unreadable(format!(
            "Your saved session could not be read ({why}). Its text is kept in this browser's local storage under “{}”.",
            unreadable_key()
        ))
    })
}

/// The id of this tab's piece of work (made on first use).
pub fn work_id() -> String {
    get(session_storage(), WORK_KEY).unwrap_or_else(new_work)
}

/// Starts a new piece of work in this tab: the one before stays in the recent list as it was.
pub fn new_work() -> String {
    let id = format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64);
    set(session_storage(), WORK_KEY, &id);
    id
}

/// Makes `id` this tab's piece of work again (*Undo* of a load).
pub fn resume_work(id: &str) {
    set(session_storage(), WORK_KEY, id);
}

/// Asks the next start of this tab to open the first example (the crash banner's *Start over*).
pub fn request_start_over() {
    set(session_storage(), START_OVER_KEY, "1");
}

/// Whether *Start over* was asked for (the request is used up).
pub fn take_start_over() -> bool {
    let asked = get(session_storage(), START_OVER_KEY).is_some();
    if asked {
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(START_OVER_KEY);
        }
    }
    asked
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn entry(id: &str, text: &str) -> RecentSession {
        RecentSession { id: id.into(), time: 1, summary: format!("summary {id}"), text: text.into() }
    }

    #[wasm_bindgen_test]
    fn the_recent_list_round_trips_and_stays_short() {
        let mut list = Vec::new();
        for i in 0..8 {
            list = with_entry(list, entry(&i.to_string(), &format!("yaml 1:{i}\n")));
        }
        assert_eq!(list.len(), RECENT_MAX);
        assert_eq!(list[0].id, "7");
        assert_eq!(decode_recent(&encode_recent(&list)), list);
    }

    #[wasm_bindgen_test]
    fn a_piece_of_work_has_one_entry_and_identical_states_one_too() {
        let list = with_entry(vec![entry("a", "one"), entry("b", "two")], entry("a", "three"));
        assert_eq!(list.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        let list = with_entry(list, entry("c", "two"));
        assert_eq!(list.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["c", "a"]);
    }
}
