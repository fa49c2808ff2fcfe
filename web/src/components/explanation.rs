//! Why: every candidate with its verdict, grouped — the winner, how the decision was made, the
//! candidates for the same host, then other hosts, other classes and ignored paths (collapsed).

use super::line_link::LineLink;
use crate::shared::Shared;
use crate::simulation::Simulation;
use ingress_engine::{Entry, Reason, Verdict};
use yew::prelude::*;

/// Props of [`Explanation`].
#[derive(Properties, PartialEq)]
pub struct ExplanationProps {
    /// The engine's answer.
    pub simulation: Shared<Simulation>,
    /// Shows a line in the editor.
    pub on_reveal: Callback<u32>,
}

/// The groups of the explanation, in display order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Winner,
    Steps,
    SameHost,
    Elsewhere,
}

impl Group {
    /// The group's name in `data-group` (a test hook).
    fn name(self) -> &'static str {
        match self {
            Group::Winner => "winner",
            Group::Steps => "steps",
            Group::SameHost => "same-host",
            Group::Elsewhere => "elsewhere",
        }
    }
}

fn group_of(entry: &Entry) -> Group {
    match (entry.verdict, entry.reason) {
        (Verdict::Won, _) => Group::Winner,
        (Verdict::Info, _) => Group::Steps,
        (Verdict::Ignored, _) => Group::Elsewhere,
        (
            _,
            Reason::WrongHost
            | Reason::WildcardDepth
            | Reason::WildcardNeedsLabel
            | Reason::LessSpecificHost
            | Reason::OtherClass
            | Reason::InvalidPath,
        ) => Group::Elsewhere,
        _ => Group::SameHost,
    }
}

fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Won => "won",
        Verdict::Lost => "lost",
        Verdict::Ignored => "ignored",
        Verdict::Info => "note",
    }
}

fn entry_item(entry: &Entry, on_reveal: &Callback<u32>) -> Html {
    let mut candidate = Vec::new();
    if let Some(ingress) = &entry.ingress {
        candidate.push(ingress.clone());
    }
    if let (Some(path), Some(kind)) = (&entry.path, entry.path_type) {
        let host = entry.host.as_deref().filter(|h| !h.is_empty()).unwrap_or("any host");
        candidate.push(format!("{host} {path} ({})", kind.as_str()));
    }
    if let Some(backend) = &entry.backend {
        candidate.push(format!("→ {backend}"));
    }
    let verdict = verdict_label(entry.verdict);
    html! {
        <li class={classes!("entry", format!("verdict-{verdict}"))}>
            if entry.verdict != Verdict::Info {
                <span class="verdict">{verdict}</span>
            }
            <span class="entry-text">
                if !candidate.is_empty() {
                    <span class="candidate">{candidate.join(" · ")}</span>
                }
                <span class="message">{entry.message.clone()}</span>
            </span>
            if let Some(span) = entry.span {
                <LineLink line={span.start.line} on_reveal={on_reveal.clone()} />
            }
        </li>
    }
}

/// Entries shown per group; the rest are counted (a huge input has tens of thousands).
const SHOWN_PER_GROUP: usize = 200;

/// Props of [`EntryGroup`].
#[derive(Properties, PartialEq)]
struct EntryGroupProps {
    simulation: Shared<Simulation>,
    group: Group,
    title: &'static str,
    /// Whether the group is open: the [`Explanation`] keeps it, so that it outlives re-renders
    /// (a new decision, the analysis landing, a moment without a decision while a URL is typed).
    open: bool,
    on_toggle: Callback<(Group, bool)>,
    on_reveal: Callback<u32>,
}

/// A collapsible group; its entries are drawn only while it is open.
#[component]
fn EntryGroup(props: &EntryGroupProps) -> Html {
    let Some(decision) = props.simulation.decision.as_ref() else { return Html::default() };
    let mut members = decision.explanation.iter().filter(|e| group_of(e) == props.group);
    let shown: Vec<Html> = if props.open {
        members.by_ref().take(SHOWN_PER_GROUP).map(|e| entry_item(e, &props.on_reveal)).collect()
    } else {
        Vec::new()
    };
    let total = shown.len() + members.count();
    if total == 0 {
        return Html::default();
    }
    let ontoggle = {
        let (group, on_toggle) = (props.group, props.on_toggle.clone());
        Callback::from(move |e: Event| {
            on_toggle.emit((group, e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
        })
    };
    html! {
        <details open={props.open} data-group={props.group.name()} {ontoggle}>
            <summary>{format!("{} ({total})", props.title)}</summary>
            <ul class="entries">
                {for shown}
                if props.open && total > SHOWN_PER_GROUP {
                    <li class="entry more">{format!("… and {} more", total - SHOWN_PER_GROUP)}</li>
                }
            </ul>
        </details>
    }
}

/// Which groups are open, by group: what the user chose, else the group's default.
#[derive(Clone, Copy, PartialEq, Eq)]
struct OpenGroups {
    steps: bool,
    same_host: bool,
    elsewhere: bool,
}

impl Default for OpenGroups {
    /// How it was decided and the other candidates for the host are open; the rest is collapsed.
    fn default() -> Self {
        OpenGroups { steps: true, same_host: true, elsewhere: false }
    }
}

impl OpenGroups {
    fn slot(&mut self, group: Group) -> Option<&mut bool> {
        match group {
            Group::Winner => None,
            Group::Steps => Some(&mut self.steps),
            Group::SameHost => Some(&mut self.same_host),
            Group::Elsewhere => Some(&mut self.elsewhere),
        }
    }

    fn is_open(mut self, group: Group) -> bool {
        self.slot(group).is_none_or(|open| *open)
    }

    fn with(mut self, group: Group, open: bool) -> OpenGroups {
        if let Some(slot) = self.slot(group) {
            *slot = open;
        }
        self
    }
}

/// The explanation.
#[component]
pub fn Explanation(props: &ExplanationProps) -> Html {
    // Kept here, not in the `<details>` elements: the groups are not drawn while there is no
    // decision (a URL being typed, a profile loading), and must reopen as the user left them.
    let open = use_state_eq(OpenGroups::default);
    let Some(decision) = props.simulation.decision.as_ref() else {
        return html! { <section class="explanation" data-testid="explanation" aria-label="Why"></section> };
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |(group, now): (Group, bool)| open.set((*open).with(group, now)))
    };
    let winner =
        decision.explanation.iter().filter(|e| group_of(e) == Group::Winner).map(|e| entry_item(e, &props.on_reveal));
    let group = |group: Group, title: &'static str| {
        html! {
            <EntryGroup simulation={props.simulation.clone()} {group} {title} open={open.is_open(group)}
                on_toggle={on_toggle.clone()} on_reveal={props.on_reveal.clone()} />
        }
    };
    html! {
        <section class="explanation" data-testid="explanation" aria-labelledby="why-heading">
            <h2 id="why-heading">{"Why"}</h2>
            <ul class="entries winner">{for winner}</ul>
            {group(Group::Steps, "How it was decided")}
            {group(Group::SameHost, "Other candidates for this host")}
            {group(Group::Elsewhere, "Other hosts, other classes, ignored paths")}
        </section>
    }
}
