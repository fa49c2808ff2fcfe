//! Loading something over the user's work (a link, an example, a recent session) is reversible:
//! what was replaced is kept, the page says so in one line, and *Undo* brings it back as it was.

use crate::simulation::LARGE_INPUT_BYTES;
use crate::snapshot;
use crate::state::{Action, Playground};
use crate::storage;
use std::rc::Rc;
use yew::prelude::*;

/// Where the state on screen came from; the crash banner's buttons depend on it (see
/// [`crate::fatal`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    /// A `#v1=` link, not shown yet.
    Link,
    /// This browser's storage, or work shown at least once.
    #[default]
    Saved,
    /// An example (the first visit's, a picked one, or *Start over*).
    Example,
}

/// A load that replaced the user's work.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    /// What happened, and what was kept.
    pub message: String,
    /// The work before the load, restored by *Undo*.
    pub previous: Rc<Playground>,
    /// The storage id of that work, resumed by *Undo* (see [`storage::work_id`]).
    pub previous_work: String,
}

/// "12 lines, 3 test rows".
pub fn size(state: &Playground) -> String {
    let lines = if state.yaml.is_empty() { 0 } else { state.yaml.lines().count() };
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(lines, "line"), plural(state.rows.len(), "test row"))
}

/// The first value of a `key:` line in the text (a glance at the manifest for a summary, not a
/// reading of it: the engine reads manifests).
fn first_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let value = line.trim_start().trim_start_matches("- ").strip_prefix(key)?.strip_prefix(':')?;
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty()).then_some(value)
    })
}

/// One line about a piece of work: its first name and host, its size.
pub fn summary(state: &Playground) -> String {
    let mut parts: Vec<String> = ["name", "host"]
        .iter()
        .filter_map(|key| first_value(&state.yaml, key))
        .map(|value| value.chars().take(60).collect())
        .collect();
    parts.push(size(state));
    parts.join(" · ")
}

/// The record of `what` replacing `previous`; `None` when there was nothing to lose (an empty page,
/// or the same state).
pub fn replaced(what: &str, previous: &Playground, next: &Playground) -> Option<Replaced> {
    let empty = previous.yaml.trim().is_empty() && previous.rows.is_empty();
    (!empty && previous != next).then(|| Replaced {
        message: format!("{what}; your previous manifest ({}) was kept.", size(previous)),
        previous: Rc::new(previous.clone()),
        previous_work: storage::work_id(),
    })
}

/// Keeps the replaced work in the recent list under its id, and gives the new state another.
pub fn start_new_work(replaced: &Replaced) {
    if replaced.previous.yaml.len() <= LARGE_INPUT_BYTES {
        storage::remember(&replaced.previous, &summary(&replaced.previous));
    }
    storage::new_work();
}

/// Loads and their undo, for the page.
pub struct History {
    /// The last load that replaced work, until undone or dismissed.
    pub replaced: Option<Replaced>,
    /// Loads a state over the current one: `(state, what it is)`, e.g. "Loaded the example “TLS”".
    pub load: Callback<(Playground, String)>,
    /// Records that an edit about to be dispatched replaces work: `(what, state after the edit)`.
    pub record: Callback<(String, Playground)>,
    /// Restores the work the last load replaced.
    pub undo: Callback<()>,
    /// Forgets the last load's notice.
    pub dismiss: Callback<()>,
    /// The editor's edits: an edit that replaces an example's manifest wholesale drops the rows
    /// that came with it, and can be undone.
    pub edit_yaml: Callback<AttrValue>,
    /// Opens a recent session: `(summary, snapshot text)`.
    pub open_recent: Callback<(String, String)>,
    /// Why the last recent session chosen could not be opened.
    pub problem: Option<String>,
}

/// Loads over `state` that can be undone; `initial` is what opening the page replaced.
#[hook]
pub fn use_history(state: &UseReducerHandle<Playground>, initial: Option<Replaced>) -> History {
    let replaced = use_state(move || initial);
    let record = {
        let (state, replaced) = (state.clone(), replaced.clone());
        Callback::from(move |(what, next): (String, Playground)| {
            if let Some(record) = self::replaced(&what, &state, &next) {
                start_new_work(&record);
                replaced.set(Some(record));
            }
        })
    };
    let load = {
        let (dispatch, record) = (state.dispatcher(), record.clone());
        Callback::from(move |(next, what): (Playground, String)| {
            record.emit((what, next.clone()));
            dispatch.dispatch(Action::Load(Box::new(next)));
        })
    };
    let undo = {
        let (dispatch, replaced) = (state.dispatcher(), replaced.clone());
        Callback::from(move |()| {
            if let Some(record) = &*replaced {
                storage::resume_work(&record.previous_work);
                dispatch.dispatch(Action::Load(Box::new((*record.previous).clone())));
            }
            replaced.set(None);
        })
    };
    let dismiss = {
        let replaced = replaced.clone();
        Callback::from(move |()| replaced.set(None))
    };
    let edit_yaml = {
        let (state, record) = (state.clone(), record.clone());
        Callback::from(move |text: AttrValue| {
            let dropped = state.rows_dropped_by(&text);
            if dropped > 0 {
                let mut next = (*state).clone();
                next.rows.retain(|row| !state.example_rows.contains(row));
                let rows = if dropped == 1 { "its test row was" } else { "its test rows were" };
                record.emit((format!("The example's manifest was replaced, so {rows} removed ({dropped})"), next));
            }
            state.dispatch(Action::EditYaml(text));
        })
    };
    let problem = use_state_eq(|| None::<String>);
    let open_recent = {
        let (load, problem) = (load.clone(), problem.clone());
        Callback::from(move |(summary, text): (String, String)| match snapshot::decode(&text) {
            Ok(state) => {
                problem.set(None);
                load.emit((state, format!("Opened the recent session “{summary}”")));
            }
            Err(why) => problem.set(Some(format!("That recent session could not be read ({why}).",))),
        })
    };
    History {
        replaced: (*replaced).clone(),
        load,
        record,
        undo,
        dismiss,
        edit_yaml,
        open_recent,
        problem: (*problem).clone(),
    }
}
