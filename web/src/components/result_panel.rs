//! The decision at a glance: outcome, backend, Ingress, rule, path, path type, certificate.
//! The element carries the stable `data-*` test hooks.

use super::line_link::LineLink;
use crate::shared::Shared;
use crate::simulation::Simulation;
use ingress_engine::{Decision, Outcome};
use yew::prelude::*;

/// Props of [`ResultPanel`].
#[derive(Properties, PartialEq)]
pub struct ResultPanelProps {
    /// The engine's answer.
    pub simulation: Shared<Simulation>,
    /// The input changed and the answer is being recomputed.
    pub pending: bool,
    /// Shows a line in the editor.
    pub on_reveal: Callback<u32>,
}

fn headline(decision: &Decision) -> (&'static str, String) {
    match decision.outcome {
        Outcome::Rule => ("Routed to", decision.backend_label()),
        Outcome::DefaultBackend => ("Default backend", decision.backend_label()),
        Outcome::NoMatch => ("No match", "404 from the controller".into()),
        Outcome::Redirect => (
            "Redirected",
            decision.redirect.as_ref().map(|r| format!("{} → {}", r.status, r.location)).unwrap_or_default(),
        ),
        Outcome::ConfigError => ("Configuration rejected", "the controller keeps its previous configuration".into()),
        Outcome::ControllerAnswer => (
            "Answered by the controller",
            decision
                .status
                .map_or_else(|| "connection closed, no HTTP answer".into(), |s| format!("{s}, no backend reached")),
        ),
    }
}

fn row(term: &'static str, value: Html) -> Html {
    html! { <><dt>{term}</dt><dd>{value}</dd></> }
}

fn details(decision: &Decision, on_reveal: &Callback<u32>) -> Html {
    let ingress = decision.ingress.clone().unwrap_or_else(|| "none".into());
    let place = decision.span.map(|s| html! { <LineLink line={s.start.line} on_reveal={on_reveal.clone()} /> });
    let rule = match (decision.rule, &decision.host) {
        (Some(index), Some(host)) if host.is_empty() => format!("rules[{index}], no host (every host)"),
        (Some(index), Some(host)) => format!("rules[{index}], host {host}"),
        _ if decision.outcome == Outcome::DefaultBackend => "spec.defaultBackend".into(),
        _ => "none".into(),
    };
    let path = match (&decision.path, decision.path_type, decision.path_index) {
        (Some(path), Some(kind), Some(index)) => format!("{path} ({}, paths[{index}])", kind.as_str()),
        _ => "none".into(),
    };
    let certificate = decision.tls.as_ref().map(|tls| {
        let name = match (&tls.secret_name, &tls.ingress) {
            (Some(secret), Some(ingress)) => format!("Secret {secret} (from {ingress})"),
            (Some(secret), None) => format!("Secret {secret}"),
            (None, _) if !tls.default_certificate => "the backend's own (TLS passed through)".into(),
            (None, _) => "the controller's default certificate".into(),
        };
        html! { <><strong>{name}</strong><span class="muted">{format!(" for SNI {}", tls.sni)}</span></> }
    });
    html! {
        <dl class="decision-facts">
            <dt>{"Status"}</dt>
            <dd data-testid="result-status" data-status={decision.status.map(|s| s.to_string()).unwrap_or_default()}>
                {decision.status.map_or_else(|| "none (previous configuration served)".to_string(), |s| s.to_string())}
            </dd>
            {row("Ingress", html! { <>{ingress}{" "}{place}</> })}
            {row("Rule", html! { {rule} })}
            {row("Path", html! { {path} })}
            { for decision.matched_as.as_ref().map(|m| row("Matched as", html! { <code>{m.clone()}</code> })) }
            { for decision.redirect.as_ref().map(|r| row("Redirect", html! { <>{format!("{} → ", r.status)}<code>{r.location.clone()}</code></> })) }
            { for decision.upstream_path.as_ref().map(|p| row("Upstream path", html! { <code>{p.clone()}</code> })) }
            if !decision.split.is_empty() {
                {row("Split", html! {
                    <ul class="split">{ for decision.split.iter().map(|b| html! {
                        <li data-canary={b.canary.to_string()} data-taken={b.taken.to_string()}>
                            <strong>{b.backend.as_ref().map(ToString::to_string).unwrap_or_default()}</strong>
                            {format!(" ({}, {}{})", if b.canary { "canary" } else { "main" }, b.ingress, if b.taken { ", this request" } else { "" })}
                            <span class="muted">{format!(": {}", b.selector)}</span>
                        </li>
                    }) }</ul>
                })}
            }
            {row("Certificate", certificate.unwrap_or_else(|| html! { <span class="muted">{"no TLS (http://)"}</span> }))}
            if !decision.ignored_annotations.is_empty() {
                {row("Not simulated", html! {
                    <span class="muted" title="Annotations of the Ingresses involved that this profile does not simulate">
                        { decision.ignored_annotations.iter().map(|a| a.key.as_str()).collect::<Vec<_>>().join(", ") }
                    </span>
                })}
            }
            {row("Simulated", html! {
                <span class="muted">{format!("{}, profile {}", decision.class.as_ref().map_or("every IngressClass".to_string(), |c| format!("class {c}")), decision.profile.title())}</span>
            })}
        </dl>
    }
}

/// The result panel.
#[component]
pub fn ResultPanel(props: &ResultPanelProps) -> Html {
    let simulation = &props.simulation;
    let decision = simulation.decision.as_ref();
    let attr = |f: fn(&Decision) -> Option<String>| decision.and_then(f).unwrap_or_default();
    let outcome = decision.map(|d| d.outcome.as_str()).unwrap_or_default();
    let body = match (&simulation.request, decision) {
        (Err(error), _) => html! {
            <p class="result-headline"><span class="result-kind">{"Cannot read the request"}</span>
            <span class="result-main">{error.clone()}</span></p>
        },
        (Ok(_), Some(decision)) => {
            let (kind, main) = headline(decision);
            html! {
                <>
                    <p class="result-headline">
                        <span class="result-kind">{kind}</span>
                        <span class="result-main">{main}</span>
                    </p>
                    if decision.rejected {
                        <p class="result-warning">{"The answering Ingress would be rejected by the API server (see the problems list): this shows what it would do if it were admitted."}</p>
                    }
                    {details(decision, &props.on_reveal)}
                </>
            }
        }
        (Ok(_), None) => Html::default(),
    };
    html! {
        <section
            class={classes!("result", format!("outcome-{}", if outcome.is_empty() { "error" } else { outcome }), props.pending.then_some("pending"))}
            data-testid="result"
            data-outcome={outcome}
            data-backend={attr(|d| Some(d.backend_label()))}
            data-ingress={attr(|d| d.ingress.clone())}
            data-path={attr(|d| d.path.clone())}
            data-path-type={attr(|d| d.path_type.map(|t| t.as_str().to_string()))}
            aria-live="polite"
            aria-busy={props.pending.then_some("true")}
            aria-label="Decision"
        >
            {body}
        </section>
    }
}
