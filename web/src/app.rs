//! The playground page: wires the state, the engine and the components together.

use crate::cases_io::row_for_case;
use crate::components::{
    diagnostics::Diagnostics,
    editor::{reveal_line, YamlEditor},
    examples_menu::ExamplesMenu,
    explanation::Explanation,
    request_form::RequestForm,
    result_panel::ResultPanel,
    share_link::ShareLink,
    teach_panel::{use_teach, Bridge, Slots},
    tests_table::TestsTable,
    undo_notice::UndoNotice,
};
use crate::controllers;
use crate::history::{use_history, Replaced};
use crate::hooks::{use_controller, use_debounced, use_permalink, use_simulation};
use crate::numbers::{fixed, megabytes};
use crate::shared::{same_text, Shared, Text};
use crate::simulation::{EngineInput, Reading, Simulation, LARGE_INPUT_BYTES};
use crate::state::{Action, CaseRow, Playground};
use crate::{examples, perf};
use std::rc::Rc;
use yew::prelude::*;

/// Debounce before the engine runs, in ms.
const DEBOUNCE_MS: u32 = 150;
/// Debounce for large inputs, in ms.
const LARGE_DEBOUNCE_MS: u32 = 600;

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The state to start from (permalink, saved session or first example).
    pub initial: Playground,
    /// A message for the user about how the page was opened.
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// The saved work that opening the page replaced (a link, *Start over*), for *Undo*.
    #[prop_or_default]
    pub replaced: Option<Replaced>,
    /// Leave the address bar alone until the state changes (it holds a link that failed).
    #[prop_or_default]
    pub keep_address: bool,
}

/// A table row for the request on screen, expecting what it gets now.
fn row_for_current(simulation: &Simulation) -> Option<CaseRow> {
    let request = simulation.request.as_ref().ok()?;
    Some(row_for_case(request, simulation.current.as_ref()?))
}

/// A callback that turns its value into an action and dispatches it.
fn dispatching<T: 'static>(
    dispatch: &UseReducerDispatcher<Playground>,
    make: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatch = dispatch.clone();
    Callback::from(move |value| dispatch.dispatch(make(value)))
}

/// The page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let initial = props.initial.clone();
        use_reducer(move || initial)
    };
    let editor_ref = use_node_ref();
    let input = EngineInput::of(&state);
    let large = state.yaml.len() > LARGE_INPUT_BYTES;
    let settled = use_debounced(input.clone(), if large { LARGE_DEBOUNCE_MS } else { DEBOUNCE_MS });
    let engine = use_simulation(&settled);
    let controller = use_controller(&settled);
    let pending = settled != input || engine.stale || engine.reading.is_some() || controller.loading;
    let simulation: Shared<Simulation> = controller.simulation.unwrap_or(engine.simulation).into();
    // The test hook `data-settled`: the decision for what is on screen and its static analysis
    // have both landed (README, "Test hooks").
    let at_rest = !pending && simulation.analysed;
    let permalink = use_permalink(&state, !pending, props.keep_address);
    let history = use_history(&state, props.replaced.clone());
    use_effect_with((), |_| perf::mark("app-rendered"));

    let dispatch = state.dispatcher();
    let on_reveal = {
        let editor_ref = editor_ref.clone();
        Callback::from(move |line: u32| reveal_line(&editor_ref, line))
    };
    let on_yaml = history.edit_yaml.clone();
    let on_request = dispatching(&dispatch, |(field, value)| Action::EditRequest(field, value));
    let on_class = dispatching(&dispatch, Action::ChooseClass);
    let on_profile = dispatching(&dispatch, Action::ChooseProfile);
    let on_row_edit = dispatching(&dispatch, |(id, field, value)| Action::EditRow(id, field, value));
    let on_row_remove = dispatching(&dispatch, Action::RemoveRow);
    let on_row_try = dispatching(&dispatch, Action::TryRow);
    let on_failures_only = dispatching(&dispatch, Action::ShowFailuresOnly);
    let example_error = use_state_eq(|| None::<String>);
    let example_note = use_state_eq(|| Some(examples::first_visit_note()));
    let on_example = {
        let (load, example_error, example_note) = (history.load.clone(), example_error.clone(), example_note.clone());
        Callback::from(move |id: &'static str| {
            let (load, example_error, example_note) = (load.clone(), example_error.clone(), example_note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match examples::fetch(id).await {
                    Ok((example, note)) => {
                        example_error.set(None);
                        // The case file's own `name:` (a controller scenario's menu label is short).
                        let loaded = format!("Loaded the example “{}”", note.title);
                        example_note.set(Some(note));
                        load.emit((example, loaded));
                    }
                    Err(error) => example_error.set(Some(error)),
                }
            });
        })
    };
    // Shown while the manifest is the example's own.
    let note = example_note.as_ref().filter(|n| same_text(&n.manifest, &state.yaml));
    let on_add = {
        let (dispatch, simulation) = (dispatch.clone(), simulation.clone());
        Callback::from(move |()| {
            if let Some(row) = row_for_current(&simulation) {
                dispatch.dispatch(Action::AddRow(Box::new(row)));
            }
        })
    };
    let marks = Shared(Rc::new(simulation.marks.clone()));
    // Teaching (README, "The playground"): the Teach bar and the views it opens.
    let Slots { teach, recent, compare, import } = use_teach(
        &state,
        Bridge {
            on_load: history.load.clone(),
            on_request: on_request.clone(),
            on_recent: history.open_recent.clone(),
            on_profile: on_profile.clone(),
            on_rows: dispatching(&dispatch, Action::ReplaceRows),
            on_reveal: on_reveal.clone(),
        },
    );
    let request_error = simulation.request.as_ref().err().map(|e| AttrValue::from(e.clone()));
    let timing = simulation.timing;
    // Under a controller profile, once it has answered, `profile-view.js` draws the decision and
    // the problems into these (the page's components draw the spec profile's, and the waiting).
    let drawn = controller.drawn.then(|| controllers::slots(pending, simulation.analysed));
    let problems_drawn = matches!(&*simulation.reading, Reading::Profile { drawn: true, .. });

    html! {
        <div class="app" data-settled={at_rest.to_string()}>
            <header class="topbar">
                <div class="brand">
                    <h1>{"Ingress routing simulator"}</h1>
                    <p class="tagline">{"Paste Ingress or Gateway API YAML, type a URL: see which backend gets it, and why. Runs entirely in your browser."}</p>
                </div>
                <ExamplesMenu on_load={on_example} />
                {recent}
                <ShareLink href={permalink} state={(*state).clone()} />
            </header>
            if let Some(notice) = &props.notice {
                <p class="notice" role="status">{notice.clone()}</p>
            }
            if let Some(replaced) = &history.replaced {
                <UndoNotice replaced={replaced.clone()} on_undo={history.undo.clone()} on_dismiss={history.dismiss.clone()} />
            }
            if let Some(problem) = &history.problem {
                <p class="notice" role="alert" data-testid="recent-error">{problem.clone()}</p>
            }
            if let Some(error) = &*example_error {
                <p class="notice" role="alert" data-testid="example-error">{error.clone()}</p>
            }
            <main class="panes">
                <section class="pane input-pane" aria-labelledby="yaml-heading">
                    <div class="section-head">
                        <h2 id="yaml-heading"><label for="yaml-editor">{"YAML: Ingress or Gateway API"}</label></h2>
                        <p id="yaml-help" class="hint">{"One or more documents, a List, or kubectl get ingress,gateway,httproute -A -o yaml"}</p>
                    </div>
                    if large {
                        <p class="notice" role="status" data-testid="large-input-notice">
                            {format!(
                                "Large input ({} MB): the result updates {} ms after you stop typing. Too large for a link or this browser's storage, so it is not saved: keep your file.",
                                megabytes(state.yaml.len()), LARGE_DEBOUNCE_MS
                            )}
                            if let Some((done, total)) = engine.reading {
                                <span class="reading" data-testid="engine-progress">
                                    {format!(" Reading… {}% ({} of {} MB)", fixed(done as f64 * 100.0 / total.max(1) as f64, 0), megabytes(done), megabytes(total))}
                                    <progress max={total.to_string()} value={done.to_string()}></progress>
                                </span>
                            }
                        </p>
                    }
                    if let Some(note) = note {
                        <p class="example-note" data-testid="example-note">
                            <strong>{note.title.clone()}</strong>{" — "}{note.description.clone()}
                        </p>
                    }
                    <YamlEditor text={Text(state.yaml.clone())} {marks} on_input={on_yaml} node_ref={editor_ref.clone()} />
                    if problems_drawn {
                        {controllers::slots(pending, simulation.analysed).problems}
                    } else {
                        <Diagnostics simulation={simulation.clone()} on_reveal={on_reveal.clone()} profile={state.profile} on_profile={on_profile.clone()} />
                    }
                </section>
                <section class="pane output-pane" aria-label="Request and decision">
                    <RequestForm
                        request={state.request.clone()}
                        error={request_error}
                        class={state.class.clone()}
                        classes={simulation.reading.classes().clone()}
                        profile={state.profile}
                        on_edit={on_request}
                        {on_class}
                        on_profile={on_profile.clone()}
                    />
                    {teach}
                    if let Some(drawn) = drawn {
                        {drawn.output}
                    } else {
                        <ResultPanel simulation={simulation.clone()} {pending} on_reveal={on_reveal.clone()} />
                        <Explanation simulation={simulation.clone()} on_reveal={on_reveal.clone()} />
                    }
                    {compare}
                </section>
            </main>
            <TestsTable
                rows={state.rows.clone()}
                failures_only={state.failures_only}
                simulation={simulation.clone()}
                on_edit={on_row_edit}
                on_remove={on_row_remove}
                on_try={on_row_try}
                {on_add}
                {import}
                {on_failures_only}
                {on_reveal}
            />
            <footer class="footer">
                <span>{"networking.k8s.io/v1 · semantics of the Kubernetes docs · nothing leaves your browser"}</span>
                <span class="timing" data-testid="engine-timing">{match timing.build_ms {
                    Some(build) => format!("engine: {} ms (parse and compile {} ms)", fixed(timing.total_ms, 1), fixed(build, 1)),
                    None => format!("engine: {} ms", fixed(timing.total_ms, 1)),
                }}{timing.analysis_ms.map(|a| format!(", then analysis {} ms", fixed(a, 1))).unwrap_or_default()}</span>
            </footer>
        </div>
    }
}
