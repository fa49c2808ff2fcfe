use crate::perf;
use crate::shared::{same_text, Text};
use crate::simulation::{simulate, Compiled, EngineInput, Reading, Simulation, Timing, LARGE_INPUT_BYTES};
use gloo::timers::callback::Timeout;
use ingress_engine::{DocumentCache, Options, Profile, Simulator};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;
use yew::AttrValue;

/// Milliseconds of YAML reading per slice of a large input, between which the page stays live.
const SLICE_MS: f64 = 30.0;

/// What the engine has made of the input so far.
#[derive(Clone, Debug)]
pub struct EngineState {
    /// The latest simulation (of an earlier input while `reading` is set).
    pub simulation: Rc<Simulation>,
    /// A large input being read in slices: `(bytes read, bytes)`.
    pub reading: Option<(usize, usize)>,
    /// `simulation` is of an earlier input: a large input is being read or compiled (also in the
    /// moments before `reading` reports the first slice and after the last).
    pub stale: bool,
}

/// The engine's memory between renders.
#[derive(Default)]
struct Memory {
    documents: DocumentCache,
    /// The compiled input, kept while only the request or the table change.
    compiled: Option<(AttrValue, Options, Rc<Compiled>)>,
    /// The last simulation and the input it is for.
    last: Option<(EngineInput, Rc<Simulation>)>,
    /// A large input whose documents are all read (so compiling it is one short step).
    read: Option<AttrValue>,
}

/// Runs the engine on `input`, in up to three steps, each its own main-thread task:
///
/// 1. (large inputs only, > [`LARGE_INPUT_BYTES`]) the YAML documents are read in slices of
///    about [`SLICE_MS`] ms, yielding to the page between slices (`reading` reports progress),
///    then compiled in a task of their own (measures `engine-read`, `engine-build`);
/// 2. the update: the simulator is rebuilt when the YAML, class or profile changed (re-reading
///    only the edited documents, reusing the routing index of unchanged hosts), then the request
///    is routed and the table run. `performance` measures `engine-build` (the rebuild) and
///    `engine-update` (all of this step: it ends with the decision ready to draw);
/// 3. right after, the static analysis (shadowed and duplicate paths…): measure
///    `engine-analysis`; then, in another task, its findings join the decision and the marks.
///
/// Under a controller profile it does nothing (the JS API package reads the input instead, see
/// [`crate::hooks::use_controller`]) and gives back its last simulation.
#[hook]
pub fn use_simulation(input: &EngineInput) -> EngineState {
    let memory: Rc<RefCell<Memory>> = use_mut_ref(Memory::default);
    let update = use_force_update();
    let reading = use_state_eq(|| None::<(usize, usize)>);

    let local = input.profile == Profile::Spec;
    let large = input.yaml.len() > LARGE_INPUT_BYTES;
    let last = memory.borrow().last.as_ref().map(|(_, s)| s.clone());
    let unread = {
        let m = memory.borrow();
        local
            && large
            && m.last.is_some()
            && !m.read.as_ref().is_some_and(|read| same_text(read, &input.yaml))
            && !m.compiled.as_ref().is_some_and(|(yaml, _, _)| same_text(yaml, &input.yaml))
    };
    let simulation = match last {
        Some(last) if unread || !local => last,
        None if !local => Rc::new(Simulation::waiting(Rc::new(Reading::empty()), String::new())),
        _ => current(&mut memory.borrow_mut(), input),
    };

    // Step 1: read a large input in slices, then compile it in a task of its own.
    {
        let (memory, update, reading) = (memory.clone(), update.clone(), reading.clone());
        let options = input.options();
        use_effect_with((Text(input.yaml.clone()), options, unread), move |(yaml, options, unread)| {
            let cancelled = Rc::new(Cell::new(false));
            if *unread {
                perf::mark("yaml-read");
                perf::mark("engine-read-start");
                let job = Job {
                    yaml: yaml.0.clone(),
                    options: options.clone(),
                    memory,
                    update,
                    reading,
                    cancelled: cancelled.clone(),
                };
                read_slices(job);
            } else {
                reading.set(None);
            }
            move || cancelled.set(true)
        });
    }
    // Step 3: the static analysis, once the decision is on screen.
    {
        let (memory, update) = (memory.clone(), update.clone());
        let compiled = simulation.reading.compiled().cloned();
        use_effect_with(Shared(compiled), move |compiled| {
            let compiled = compiled.0.clone().filter(|c| !c.simulator.is_analysed(Profile::Spec));
            let timeout = compiled.map(|compiled| {
                Timeout::new(0, move || {
                    perf::mark("engine-analysis-start");
                    let start = perf::now();
                    compiled.simulator.analyse(Profile::Spec);
                    perf::measure("engine-analysis", "engine-analysis-start");
                    let analysis_ms = perf::now() - start;
                    // Its findings reach the decision and the marks in a task of their own (a
                    // large input's routing alone takes a good part of a frame budget).
                    Timeout::new(0, move || refresh(&memory, &compiled, analysis_ms, update)).forget();
                })
            });
            move || drop(timeout)
        });
    }
    EngineState { simulation, reading: *reading, stale: unread }
}

/// Re-runs the last simulation once `compiled` is analysed (if it is still the one on screen), so
/// the decision and the marks carry the analysis findings.
fn refresh(memory: &RefCell<Memory>, compiled: &Rc<Compiled>, analysis_ms: f64, update: UseForceUpdateHandle) {
    let mut m = memory.borrow_mut();
    let Some((input, last)) = m.last.take() else { return };
    let refreshed = if last.reading.compiled().is_some_and(|c| Rc::ptr_eq(c, compiled)) {
        let mut fresh = simulate(compiled.clone(), &input);
        fresh.timing = Timing { analysis_ms: Some(analysis_ms), ..last.timing };
        Rc::new(fresh)
    } else {
        last
    };
    m.last = Some((input, refreshed));
    drop(m);
    update.force_update();
}

/// Compares `Rc`s by address, for effect dependencies.
struct Shared(Option<Rc<Compiled>>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

/// The simulation of `input`: the last one if it is for the same input, else step 2.
fn current(m: &mut Memory, input: &EngineInput) -> Rc<Simulation> {
    if let Some((_, last)) = m.last.as_ref().filter(|(old, _)| old == input) {
        return last.clone();
    }
    perf::mark("engine-update-start");
    let start = perf::now();
    let mut build_ms = None;
    let options = input.options();
    let reusable = m
        .compiled
        .as_ref()
        .filter(|(yaml, old, _)| same_text(yaml, &input.yaml) && *old == options)
        .map(|(_, _, compiled)| compiled.clone());
    let compiled = reusable.unwrap_or_else(|| {
        perf::mark("yaml-read");
        let compiled = Rc::new(Compiled::new(&input.yaml, &options, &mut m.documents));
        perf::measure("engine-build", "engine-update-start");
        build_ms = Some(perf::now() - start);
        m.compiled = Some((input.yaml.clone(), options, compiled.clone()));
        compiled
    });
    let mut simulation = simulate(compiled, input);
    perf::measure("engine-update", "engine-update-start");
    simulation.timing = Timing { build_ms, total_ms: perf::now() - start, analysis_ms: None };
    let simulation = Rc::new(simulation);
    m.last = Some((input.clone(), simulation.clone()));
    simulation
}

/// A large input being read in slices (step 1).
struct Job {
    yaml: AttrValue,
    options: Options,
    memory: Rc<RefCell<Memory>>,
    update: UseForceUpdateHandle,
    reading: UseStateHandle<Option<(usize, usize)>>,
    cancelled: Rc<Cell<bool>>,
}

/// Step 1: reads the job's documents into the cache, [`SLICE_MS`] at a time, each slice in its own
/// task; when all are read, compiles in the next task, then asks for a render (which routes).
/// Stops when cancelled.
fn read_slices(job: Job) {
    Timeout::new(0, move || {
        if job.cancelled.get() {
            return;
        }
        let start = perf::now();
        let progress =
            job.memory.borrow_mut().documents.read_slice(job.yaml.as_str(), || perf::now() - start < SLICE_MS);
        match progress {
            Some(progress) => {
                job.reading.set(Some(progress));
                read_slices(job);
            }
            None => {
                perf::measure("engine-read", "engine-read-start");
                compile(job);
            }
        }
    })
    .forget();
}

/// The end of step 1: compiles the input, every document read, in two tasks: the manifest (every
/// document's objects together), then the routing index and the rest; the render that follows
/// routes the request.
fn compile(job: Job) {
    Timeout::new(0, move || {
        if job.cancelled.get() {
            return;
        }
        perf::mark("engine-build-start");
        let read = job.memory.borrow_mut().documents.read_all(job.yaml.as_str());
        Timeout::new(0, move || {
            if job.cancelled.get() {
                return;
            }
            let (manifest, validation) = read;
            let mut m = job.memory.borrow_mut();
            let simulator = Simulator::from_read(manifest, validation, &job.options, &mut m.documents);
            m.compiled = Some((job.yaml.clone(), job.options, Rc::new(Compiled::of(simulator))));
            m.read = Some(job.yaml);
            drop(m);
            perf::measure("engine-build", "engine-build-start");
            // Yew renders in a microtask: route in a task of its own.
            let update = job.update;
            Timeout::new(0, move || update.force_update()).forget();
        })
        .forget();
    })
    .forget();
}
