//! Problems in the input, errors first: API-server validation errors, YAML errors, and the
//! analysis' warnings (shadowed or duplicate paths, ignored Ingresses…). Each names its line.

use super::line_link::LineLink;
use crate::shared::Shared;
use crate::simulation::Simulation;
use ingress_engine::{Code, Diagnostic, Profile, Severity};
use yew::prelude::*;

/// Props of [`Diagnostics`].
#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    /// The engine's answer.
    pub simulation: Shared<Simulation>,
    /// Shows a line in the editor.
    pub on_reveal: Callback<u32>,
    /// The chosen profile.
    pub profile: Profile,
    /// Chooses a profile (a diagnostic's suggestion).
    pub on_profile: Callback<Profile>,
}

/// A button that chooses the profile a diagnostic suggests.
fn use_profile(profile: Profile, on_profile: &Callback<Profile>) -> Html {
    let onclick = on_profile.reform(move |_: MouseEvent| profile);
    html! {
        <button type="button" class="use-profile" data-testid="use-profile" data-profile={profile.name()} {onclick}>
            {format!("Use the {profile} profile")}
        </button>
    }
}

fn item(diagnostic: &Diagnostic, on_reveal: &Callback<u32>, on_profile: &Callback<Profile>) -> Html {
    let severity = diagnostic.severity.as_str();
    let line = diagnostic.line();
    html! {
        <li class={classes!("diagnostic", severity)} data-severity={severity} data-line={line.map(|l| l.to_string())}>
            <span class="severity">{severity}</span>
            <span class="message">{diagnostic.message.clone()}</span>
            if let Some(object) = &diagnostic.object {
                <span class="object">{object.clone()}</span>
            }
            if let Some(line) = line {
                <LineLink {line} on_reveal={on_reveal.clone()} />
            }
            if let Some(profile) = diagnostic.suggested_profile {
                {use_profile(profile, on_profile)}
            }
        </li>
    }
}

/// Problems drawn at most; the rest are counted (huge inputs can have tens of thousands).
const SHOWN: usize = 500;

/// The problems list.
#[component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let all: Vec<&Diagnostic> = props.simulation.reading.problems().iter().collect();
    // Whether this simulation carries the analysis (not whether the simulator has run it by now:
    // its findings reach the decision in a render of their own, which tests wait for).
    let analysed = props.simulation.analysed;
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let notices = all.len() - errors - warnings;
    let mut ordered = all.clone();
    ingress_engine::order::sort_by_key(&mut ordered, |d| d.severity);
    let summary = if !analysed {
        format!("{errors} error(s) so far; checking for shadowed and duplicate paths…")
    } else if all.iter().any(|d| d.code == Code::NoIngress) {
        "No Ingress in the input".to_string()
    } else if all.is_empty() {
        "No problems: the API server would accept every object.".to_string()
    } else {
        format!("{errors} error(s), {warnings} warning(s), {notices} notice(s)")
    };
    html! {
        <section class="diagnostics" aria-labelledby="problems-heading" data-analysed={analysed.to_string()} aria-busy={(!analysed).then_some("true")}>
            <h2 id="problems-heading">{"Problems"}<span class="summary">{summary}</span></h2>
            <ul data-testid="validation-errors" class="diagnostic-list">
                {for ordered.iter().take(SHOWN).map(|d| item(d, &props.on_reveal, &props.on_profile))}
                if ordered.len() > SHOWN {
                    <li class="diagnostic more">{format!("… and {} more", ordered.len() - SHOWN)}</li>
                }
            </ul>
        </section>
    }
}
