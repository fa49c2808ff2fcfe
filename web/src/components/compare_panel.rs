//! "Compare controllers": the request routed under every profile side by side, the profiles that
//! disagree with the majority marked. It runs only while open, through the JS API package with
//! every profile (loaded on first use, see [`crate::controllers`]).

use crate::controllers;
use crate::shared::Text;
use ingress_engine::compare::answer_label;
use ingress_engine::{Comparison, Decision, Profile, Request};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ComparePanel`].
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// The manifest text.
    pub yaml: Text,
    /// The class the user asked for (`None`: the input's default, or every class).
    pub class: Option<String>,
    /// The request, when the fields make one.
    pub request: Option<Request>,
    /// The profile of the main decision.
    pub current: Profile,
    /// Switches the main decision to a profile.
    pub on_profile: Callback<Profile>,
}

/// What the panel shows.
#[derive(Clone, PartialEq)]
enum Shown {
    Closed,
    Loading,
    Ready(Rc<Comparison>),
    Failed(String),
}

/// The panel.
#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let open = use_state(|| false);
    let shown = use_state(|| Shown::Closed);
    // A comparison is being computed (the table on screen, if any, is for an earlier request).
    let busy = use_state_eq(|| false);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            open.set(details.open());
        })
    };
    {
        let (shown, busy) = (shown.clone(), busy.clone());
        let generation = generation.borrow().clone();
        use_effect_with((*open, props.yaml.clone(), props.class.clone(), props.request.clone()), move |deps| {
            let (open, yaml, class, request) = deps.clone();
            let ticket = generation.get().wrapping_add(1);
            generation.set(ticket);
            busy.set(open && request.is_some());
            match (open, request) {
                (false, _) => shown.set(Shown::Closed),
                (true, None) => shown.set(Shown::Failed("Type a valid URL to compare.".into())),
                (true, Some(request)) => {
                    if !matches!(*shown, Shown::Ready(_)) {
                        shown.set(Shown::Loading);
                    }
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = controllers::compare(&yaml.0, &request, class.as_deref()).await;
                        if generation.get() == ticket {
                            busy.set(false);
                            shown.set(match result {
                                Ok(c) => Shown::Ready(Rc::new(c)),
                                Err(e) => Shown::Failed(e),
                            });
                        }
                    });
                }
            }
        });
    }
    let summary = match &*shown {
        Shown::Closed => {
            html! { <span class="muted">{"How would ingress-nginx, GKE, AWS ALB, Traefik and Contour route this request?"}</span> }
        }
        Shown::Loading => html! { <span class="muted">{"Loading the controller profiles…"}</span> },
        Shown::Failed(e) => html! { <span class="muted">{e.clone()}</span> },
        Shown::Ready(c) if c.agree => {
            html! { <span class="agree">{format!("All {} profiles agree", c.decisions.len())}</span> }
        }
        Shown::Ready(c) => {
            html! { <span class="disagree">{format!("Profiles disagree on {}", answer_fields(c).join(", "))}</span> }
        }
    };
    let agree = match &*shown {
        Shown::Ready(c) => c.agree.to_string(),
        _ => String::new(),
    };
    html! {
        <details class="compare" data-testid="compare-view" data-agree={agree} aria-busy={busy.then_some("true")} ontoggle={on_toggle}>
            <summary><h2 class="inline-heading">{"Compare controllers"}</h2>{" "}{summary}</summary>
            { match &*shown { Shown::Ready(c) => table(c, props), _ => html! {} } }
        </details>
    }
}

/// The fields that change where the request lands.
fn answer_fields(c: &Comparison) -> Vec<&str> {
    c.differences
        .iter()
        .map(String::as_str)
        .filter(|d| matches!(*d, "outcome" | "backend" | "redirect" | "upstreamPath"))
        .collect()
}

fn table(c: &Comparison, props: &ComparePanelProps) -> Html {
    let majority = c.groups.first().map(|g| g.answer.clone()).unwrap_or_default();
    html! {
        <table class="compare-table">
            <thead><tr><th scope="col">{"Profile"}</th><th scope="col">{"Answer"}</th><th scope="col">{"Matched as"}</th></tr></thead>
            <tbody>{ for c.decisions.iter().map(|d| row(d, &majority, props)) }</tbody>
        </table>
    }
}

fn row(d: &Decision, majority: &str, props: &ComparePanelProps) -> Html {
    let answer = answer_label(d);
    let differs = answer != majority;
    let profile = d.profile;
    let choose = props.on_profile.reform(move |_: MouseEvent| profile);
    let current = profile == props.current;
    let via = match (&d.matched_as, &d.path, d.path_type) {
        (Some(m), _, _) => m.clone(),
        (None, Some(path), Some(kind)) => format!("{path} ({})", kind.as_str()),
        _ => String::new(),
    };
    html! {
        <tr class={classes!(differs.then_some("differs"), current.then_some("current"))}
            data-profile={profile.name()} data-outcome={d.outcome.as_str()} data-backend={d.backend_label()}>
            <th scope="row">
                <button type="button" class="link" onclick={choose} title={format!("Show the {} decision: {}", profile.name(), profile.description())}
                    aria-pressed={current.to_string()}>{profile.name()}</button>
            </th>
            <td>{answer}{ if differs { html! { <span class="badge">{"differs"}</span> } } else { html! {} } }</td>
            <td class="muted">{via}</td>
        </tr>
    }
}
