//! A controller profile's simulation, from the JS API package (see [`crate::controllers`]).

use crate::controllers;
use crate::simulation::{EngineInput, Reading, Simulation};
use ingress_engine::Profile;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// What [`use_controller`] gives.
pub struct ControllerView {
    /// For a controller profile, its simulation of the input (or, while it loads or when it
    /// fails, no decision and why, over the last reading); `None` for the spec profile.
    pub simulation: Option<Rc<Simulation>>,
    /// The profile's answer for this input is still coming.
    pub loading: bool,
    /// The profile's answer for this input is drawn by `profile-view.js` ([`crate::controllers`]).
    pub drawn: bool,
}

/// The last answer: the input asked about, and the simulation or why there is none.
type Answer = (Rc<EngineInput>, Result<Rc<Simulation>, String>);

/// `input` under its controller profile: the JS API package reads it (the page's own engine does
/// not, see [`crate::hooks::use_simulation`]), `profile-view.js` draws the decision and the
/// problems, and the page's own parts show the rest of its answer.
#[hook]
pub fn use_controller(input: &EngineInput) -> ControllerView {
    let answer = use_state(|| None::<Answer>);
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
                    let result = controllers::answer(&input).await;
                    if ticket.get() == current {
                        let simulation = result.map(|a| Rc::new(Simulation::of_profile(&input, a)));
                        answer.set(Some((input, simulation)));
                    }
                });
            }
        });
    }
    let profile = input.profile;
    let fresh = answer.as_ref().filter(|(asked, _)| **asked == *input);
    let loading = profile != Profile::Spec && fresh.is_none();
    let drawn = profile != Profile::Spec && fresh.is_some_and(|(_, result)| result.is_ok());
    // The same `Rc` while nothing changes, so the components' props compare equal.
    let key = (answer.as_ref().map(|(asked, _)| Rc::as_ptr(asked) as usize), profile, loading);
    let simulation = use_memo(key, {
        let (answer, fresh) = (answer.clone(), fresh.map(|(_, result)| result.clone()));
        move |_| match fresh {
            _ if profile == Profile::Spec => None,
            Some(Ok(simulation)) => Some(simulation),
            Some(Err(why)) => Some(waiting(&answer, format!("The {profile} profile could not run: {why}"))),
            None => Some(waiting(&answer, format!("Loading the {profile} profile…"))),
        }
    });
    ControllerView { simulation: (*simulation).clone(), loading, drawn }
}

/// No decision, and why, over the last answer's reading (its problems and classes stay on screen).
fn waiting(answer: &Option<Answer>, why: String) -> Rc<Simulation> {
    let last = answer.as_ref().and_then(|(_, result)| result.as_ref().ok());
    let reading = last.map(|s| s.reading.clone()).unwrap_or_else(|| Rc::new(Reading::empty()));
    Rc::new(Simulation::waiting(reading, why))
}
