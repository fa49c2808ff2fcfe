use crate::perf;
use crate::simulation::{simulate, Compiled, EngineInput, Simulation, Timing};
use ingress_engine::{DocumentCache, Options};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;
use yew::AttrValue;

/// The compiled input is kept while only the request or the table change.
type CompiledInput = Option<(AttrValue, Options, Rc<Compiled>)>;

/// Runs the engine on `input`: rebuilds the simulator only when the YAML, class or profile
/// change (re-reading only the edited YAML documents), then routes and runs the table. Records `performance` measures `engine-build` (parse,
/// validate, compile) and `engine-update` (all engine work of this update).
#[hook]
pub fn use_simulation(input: &EngineInput) -> Rc<Simulation> {
    let compiled: Rc<RefCell<CompiledInput>> = use_mut_ref(|| None);
    let documents: Rc<RefCell<DocumentCache>> = use_mut_ref(DocumentCache::default);
    use_memo(input.clone(), move |input| {
        perf::mark("engine-update-start");
        let start = perf::now();
        let mut build_ms = None;
        let options = input.options();
        let reusable = compiled
            .borrow()
            .as_ref()
            .filter(|(yaml, old, _)| *yaml == input.yaml && *old == options)
            .map(|(_, _, simulator)| simulator.clone());
        let simulator = reusable.unwrap_or_else(|| {
            let simulator = Rc::new(Compiled::new(input, &mut documents.borrow_mut()));
            perf::measure("engine-build", "engine-update-start");
            build_ms = Some(perf::now() - start);
            *compiled.borrow_mut() = Some((input.yaml.clone(), options, simulator.clone()));
            simulator
        });
        let mut simulation = simulate(simulator, input);
        perf::measure("engine-update", "engine-update-start");
        simulation.timing = Timing { build_ms, total_ms: perf::now() - start };
        simulation
    })
}
