//! A controller profile's answer, from the JS API package (see [`crate::controllers`]).

use crate::cases_io::{export_case_file, ExportContext};
use crate::controllers;
use crate::simulation::{table_cases, table_run, EngineInput, Simulation};
use ingress_engine::cases::CaseReport;
use ingress_engine::{Decision, Profile};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// What the JS API answered for one input: the decision (none without a valid request) and the
/// table's report, or why the profile could not run.
type Answer = Result<(Option<Decision>, CaseReport), String>;

/// What [`use_controller`] gives.
pub struct ControllerView {
    /// For a controller profile, the spec simulation with the profile's decision and table run in
    /// its place (or, while it loads or when it fails, without a decision, saying why); `None`
    /// for the spec profile.
    pub simulation: Option<Rc<Simulation>>,
    /// The profile's answer for this input is still coming.
    pub loading: bool,
}

/// A controller profile's view of `simulation` (the playground's spec simulation of `input`).
#[hook]
pub fn use_controller(input: &EngineInput, simulation: &Rc<Simulation>) -> ControllerView {
    let answer = use_state(|| None::<(Rc<EngineInput>, Rc<Answer>)>);
    let ticket = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    {
        let answer = answer.clone();
        let ticket = ticket.borrow().clone();
        use_effect_with(input.clone(), move |input| {
            let current = ticket.get().wrapping_add(1);
            ticket.set(current);
            if input.profile != Profile::Spec {
                let input = Rc::new(input.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = ask(&input).await;
                    if ticket.get() == current {
                        answer.set(Some((input, Rc::new(result))));
                    }
                });
            }
        });
    }
    let profile = input.profile;
    let fresh = answer.as_ref().filter(|(asked, _)| **asked == *input).map(|(_, a)| a.clone());
    let loading = profile != Profile::Spec && fresh.is_none();
    let key = (Rc::as_ptr(simulation) as usize, fresh.as_ref().map(|a| Rc::as_ptr(a) as usize), profile);
    let composed = use_memo(key, {
        let (simulation, rows) = (simulation.clone(), input.rows.clone());
        move |_| match fresh.as_deref() {
            _ if profile == Profile::Spec => None,
            None => Some(Rc::new(simulation.without_decision(format!("Loading the {profile} profile…")))),
            Some(Err(why)) => {
                Some(Rc::new(simulation.without_decision(format!("The {profile} profile could not run: {why}"))))
            }
            Some(Ok((decision, report))) => {
                Some(Rc::new(simulation.with_controller(profile, decision.clone(), table_run(&rows, report.clone()))))
            }
        }
    });
    ControllerView { simulation: (*composed).clone(), loading }
}

/// Asks the JS API for the decision and the table run under the input's profile.
async fn ask(input: &EngineInput) -> Answer {
    let class = input.class.as_deref();
    let request =
        crate::request_fields::build_request(&input.request.url, &input.request.sni, &input.request.host_header);
    let decision = match request {
        Ok(request) => Some(controllers::simulate(&input.yaml, &request, class, input.profile).await?),
        Err(_) => None,
    };
    let report = if table_cases(&input.rows).cases.is_empty() {
        CaseReport::default()
    } else {
        let context = ExportContext { manifest: None, class: None, profile: Profile::Spec };
        let cases = export_case_file(&input.rows, context).text;
        controllers::run_cases(&input.yaml, &cases, class, input.profile).await?
    };
    Ok((decision, report))
}
