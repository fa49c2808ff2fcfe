//! Recent sessions of this browser (see [`crate::storage`]): a disclosure with one button per
//! session, so it works with the keyboard like any button.

use crate::storage::{self, RecentSession};
use web_sys::HtmlDetailsElement;
use yew::prelude::*;

/// Props of [`RecentMenu`].
#[derive(Properties, PartialEq)]
pub struct RecentMenuProps {
    /// A session was chosen.
    pub on_open: Callback<RecentSession>,
}

/// "4 Dec 21:05", in the browser's time zone.
fn time_of(entry: &RecentSession) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let date = js_sys::Date::new(&(entry.time as f64).into());
    let month = MONTHS.get(date.get_month() as usize).copied().unwrap_or_default();
    format!("{} {month} {:02}:{:02}", date.get_date(), date.get_hours(), date.get_minutes())
}

/// The menu. It reads the list when opened, so it shows what other tabs saved meanwhile.
#[component]
pub fn RecentMenu(props: &RecentMenuProps) -> Html {
    let sessions = use_state(Vec::<RecentSession>::new);
    let details = use_node_ref();
    let ontoggle = {
        let sessions = sessions.clone();
        Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlDetailsElement>().open() {
                let current = storage::work_id();
                sessions.set(storage::recent().into_iter().filter(|s| s.id != current).collect());
            }
        })
    };
    let items = sessions.iter().map(|entry| {
        let onclick = {
            let (entry, on_open, details) = (entry.clone(), props.on_open.clone(), details.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(details) = details.cast::<HtmlDetailsElement>() {
                    details.set_open(false);
                }
                on_open.emit(entry.clone());
            })
        };
        html! {
            <li key={entry.id.clone()}>
                <button type="button" data-testid="recent-session" {onclick}>
                    <span class="recent-summary">{entry.summary.clone()}</span>
                    <span class="recent-time">{time_of(entry)}</span>
                </button>
            </li>
        }
    });
    html! {
        <details class="recent" data-testid="recent" ref={details.clone()} {ontoggle}>
            <summary>{"Recent"}</summary>
            if sessions.is_empty() {
                <p class="muted">{"No other recent sessions in this browser."}</p>
            } else {
                <ul>{for items}</ul>
            }
        </details>
    }
}
