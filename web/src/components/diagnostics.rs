//! Problems in the input, errors first: API-server validation errors, YAML errors, and the
//! analysis' warnings (shadowed or duplicate paths, ignored Ingresses…). Each names its line.

use super::line_link::LineLink;
use crate::shared::Shared;
use crate::simulation::Simulation;
use ingress_engine::{Code, Diagnostic, Severity};
use yew::prelude::*;

/// Props of [`Diagnostics`].
#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    /// The engine's answer.
    pub simulation: Shared<Simulation>,
    /// Shows a line in the editor.
    pub on_reveal: Callback<u32>,
}

fn item(diagnostic: &Diagnostic, on_reveal: &Callback<u32>) -> Html {
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
        </li>
    }
}

/// Problems drawn at most; the rest are counted (huge inputs can have tens of thousands).
const SHOWN: usize = 500;

/// The problems list.
#[component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let simulator = &props.simulation.compiled.simulator;
    // A controller profile's own findings (a configuration it refuses, a regex the simulator
    // cannot evaluate) come with its decision; the rest are the input's, from the local engine.
    let controller =
        props.simulation.decision.iter().flat_map(|d| d.diagnostics.iter()).filter(|d| d.code == Code::Controller);
    let all: Vec<&Diagnostic> = simulator.early_diagnostics().iter().chain(controller).collect();
    // Whether this simulation carries the analysis (not whether the simulator has run it by now:
    // its findings reach the decision in a render of their own, which tests wait for).
    let analysed = props.simulation.analysed;
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let notices = all.len() - errors - warnings;
    let mut ordered = all.clone();
    ordered.sort_by_key(|d| d.severity);
    let summary = if !analysed {
        format!("{errors} error(s) so far; checking for shadowed and duplicate paths…")
    } else if all.is_empty() {
        "No problems: the API server would accept every object.".to_string()
    } else {
        format!("{errors} error(s), {warnings} warning(s), {notices} notice(s)")
    };
    html! {
        <section class="diagnostics" aria-labelledby="problems-heading" data-analysed={analysed.to_string()} aria-busy={(!analysed).then_some("true")}>
            <h2 id="problems-heading">{"Problems"}<span class="summary">{summary}</span></h2>
            <ul data-testid="validation-errors" class="diagnostic-list">
                {for ordered.iter().take(SHOWN).map(|d| item(d, &props.on_reveal))}
                if ordered.len() > SHOWN {
                    <li class="diagnostic more">{format!("… and {} more", ordered.len() - SHOWN)}</li>
                }
            </ul>
        </section>
    }
}
