//! What the engine makes of the state: the simulator, the decision, the test run, and what the
//! editor should mark. No routing happens here — only calls into `ingress_engine`.

use crate::cases_io::case_from_row;
use crate::request_fields::build_request;
use crate::state::{CaseRow, Playground, RequestFields};
use ingress_engine::cases::{run_cases, CaseFile, CaseReport, CaseResult};
use ingress_engine::validate::CLASS_ANNOTATION;
use ingress_engine::{Decision, Diagnostic, DocumentCache, Options, Profile, Request, Severity, Simulator};
use std::rc::Rc;
use yew::AttrValue;

/// Above this many bytes of YAML the input counts as large: longer debounce, a visible notice.
pub const LARGE_INPUT_BYTES: usize = 1 << 20;

/// The part of the state the engine reads.
#[derive(Clone, Debug)]
pub struct EngineInput {
    /// Manifest text.
    pub yaml: AttrValue,
    /// Class chosen.
    pub class: Option<String>,
    /// Profile.
    pub profile: Profile,
    /// Request fields.
    pub request: RequestFields,
    /// Test rows.
    pub rows: Vec<CaseRow>,
}

impl PartialEq for EngineInput {
    fn eq(&self, other: &Self) -> bool {
        crate::shared::same_text(&self.yaml, &other.yaml)
            && self.class == other.class
            && self.profile == other.profile
            && self.request == other.request
            && self.rows == other.rows
    }
}

impl EngineInput {
    /// The engine's part of a state.
    pub fn of(state: &Playground) -> EngineInput {
        EngineInput {
            yaml: state.yaml.clone(),
            class: state.class.clone(),
            profile: state.profile,
            request: state.request.clone(),
            rows: state.rows.clone(),
        }
    }

    /// The options of the playground's own engine: the chosen class, always the spec profile.
    /// A controller profile's decision and table run come from the JS API package instead
    /// ([`crate::controllers`], [`crate::hooks::use_controller`]).
    pub fn options(&self) -> Options {
        Options { class: self.class.clone(), profile: Profile::Spec }
    }
}

/// How one table row fared.
#[derive(Clone, Debug, PartialEq)]
pub enum RowStatus {
    /// The row cannot run (bad URL, no expectation).
    Invalid(String),
    /// The row ran.
    Ran(CaseResult),
}

/// The batch run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TestRun {
    /// The engine's report (for the rows that could run).
    pub report: CaseReport,
    /// `(row id, status)` in table order.
    pub rows: Vec<(u32, RowStatus)>,
}

impl TestRun {
    /// The status of a row, if it was part of this run.
    pub fn status(&self, id: u32) -> Option<&RowStatus> {
        self.rows.iter().find(|(row, _)| *row == id).map(|(_, status)| status)
    }
}

/// Lines the editor marks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineMarks {
    /// First and last line of the winning path (or default backend).
    pub winner: Option<(u32, u32)>,
    /// Lines with an error, sorted.
    pub errors: Vec<u32>,
    /// Lines with a warning, sorted.
    pub warnings: Vec<u32>,
}

impl LineMarks {
    /// The CSS class for a line's gutter number.
    pub fn class_for(&self, line: u32) -> Option<&'static str> {
        if self.errors.binary_search(&line).is_ok() {
            Some("line-error")
        } else if self.warnings.binary_search(&line).is_ok() {
            Some("line-warning")
        } else if self.winner.is_some_and(|(first, last)| (first..=last).contains(&line)) {
            Some("line-winner")
        } else {
            None
        }
    }
}

/// The classes a user can pick from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClassOptions {
    /// The input's default IngressClass, used when none is chosen.
    pub default: Option<String>,
    /// Every class named by an IngressClass or an Ingress, sorted.
    pub names: Vec<String>,
}

/// A compiled input and what depends only on it (computed once per YAML/class/profile change).
///
/// The simulator's static analysis runs after the first decision is on screen (see
/// [`crate::hooks::use_simulation`]): until then [`Simulator::early_diagnostics`] lacks its
/// warnings and notices.
#[derive(Debug)]
pub struct Compiled {
    /// The simulator.
    pub simulator: Simulator,
    /// Class choices.
    pub classes: ClassOptions,
}

impl Compiled {
    /// Parses, validates and compiles the input, reusing from `cache` every YAML document the
    /// last build already read (an edit re-reads only the edited document) and the routing index
    /// of every host whose paths are unchanged. Static analysis is left for later.
    pub fn new(yaml: &str, options: &Options, cache: &mut DocumentCache) -> Compiled {
        Compiled::of(Simulator::new_incremental(yaml, options, cache))
    }

    /// What depends only on a simulator.
    pub fn of(simulator: Simulator) -> Compiled {
        let classes = class_options(&simulator);
        Compiled { simulator, classes }
    }
}

/// The sorted, distinct lines of the diagnostics of a severity.
/// The input's problems as `profile` sees them. The local engine routes with the spec profile, so
/// under a controller profile what depends on the profile (who wins, what is never used, what the
/// controller refuses) comes with that profile's `decision`; the rest is the input's, from the
/// local engine. The Problems panel lists these and the editor marks their lines.
pub fn problems<'a>(simulator: &'a Simulator, decision: Option<&'a Decision>, profile: Profile) -> Vec<&'a Diagnostic> {
    let local =
        simulator.early_diagnostics().iter().filter(move |d| profile == Profile::Spec || !d.code.follows_profile());
    let from_profile = decision.filter(|d| profile != Profile::Spec && d.profile == profile);
    let from_profile = from_profile.into_iter().flat_map(|d| d.diagnostics.iter()).filter(|d| d.code.follows_profile());
    local.chain(from_profile).collect()
}

fn lines_of(problems: &[&Diagnostic], severity: Severity) -> Vec<u32> {
    let mut lines: Vec<u32> = problems.iter().filter(|d| d.severity == severity).filter_map(|d| d.line()).collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// What the editor marks: the winner's lines and the lines of `problems`.
fn marks_of(decision: Option<&Decision>, problems: &[&Diagnostic]) -> LineMarks {
    LineMarks {
        winner: decision.and_then(|d| d.span).map(|span| (span.start.line, span.last_line())),
        errors: lines_of(problems, Severity::Error),
        warnings: lines_of(problems, Severity::Warning),
    }
}

/// Everything derived from one [`EngineInput`].
#[derive(Debug)]
pub struct Simulation {
    /// The compiled input.
    pub compiled: Rc<Compiled>,
    /// The request, or why the fields do not make one.
    pub request: Result<Request, String>,
    /// The decision for the request.
    pub decision: Option<Decision>,
    /// The batch run.
    pub tests: TestRun,
    /// Editor marks.
    pub marks: LineMarks,
    /// What the engine work cost.
    pub timing: Timing,
    /// The static analysis had run when this simulation was made, so its decision, marks and
    /// problems carry the analysis findings (the page has settled once this holds).
    pub analysed: bool,
}

/// Milliseconds of engine work for one update.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timing {
    /// Parsing, validating and compiling the input, when this update did it.
    pub build_ms: Option<f64>,
    /// All engine work of the update up to the decision on screen (build, route, tests).
    pub total_ms: f64,
    /// The static analysis that followed (and the re-run that adds its findings), once done.
    pub analysis_ms: Option<f64>,
}

impl Simulation {
    /// This simulation with a controller profile's decision and table run (computed by the JS
    /// API package) in place of the spec ones; the editor marks follow the new winner and the
    /// problems as that profile sees them.
    pub fn with_controller(&self, profile: Profile, decision: Option<Decision>, tests: TestRun) -> Simulation {
        let marks = marks_of(decision.as_ref(), &problems(&self.compiled.simulator, decision.as_ref(), profile));
        Simulation {
            compiled: self.compiled.clone(),
            request: self.request.clone(),
            decision,
            tests,
            marks,
            timing: self.timing,
            analysed: self.analysed,
        }
    }

    /// This simulation, its decision replaced by why there is none (a controller profile that is
    /// loading or could not be loaded).
    pub fn without_decision(&self, why: String) -> Simulation {
        let marks = LineMarks { winner: None, ..self.marks.clone() };
        Simulation {
            compiled: self.compiled.clone(),
            request: Err(why),
            decision: None,
            tests: TestRun::default(),
            marks,
            timing: self.timing,
            analysed: self.analysed,
        }
    }
}

/// Routes the request and runs the table on a compiled input. Does not wait for the static
/// analysis: the decision and the marks carry its findings only once it has run.
pub fn simulate(compiled: Rc<Compiled>, input: &EngineInput) -> Simulation {
    let simulator = &compiled.simulator;
    let analysed = simulator.is_analysed();
    let request =
        build_request(&input.request.url, &input.request.sni, &input.request.host_header).map_err(|e| e.to_string());
    let decision = request.as_ref().ok().map(|r| simulator.route_early(r));
    let tests = run_table(simulator, &input.rows);
    let marks = marks_of(decision.as_ref(), &problems(simulator, None, Profile::Spec));
    Simulation { compiled, request, decision, tests, marks, timing: Timing::default(), analysed }
}

fn run_table(simulator: &Simulator, rows: &[CaseRow]) -> TestRun {
    table_run(rows, run_cases(simulator, &table_cases(rows)))
}

/// The rows that can run, as a case file.
pub fn table_cases(rows: &[CaseRow]) -> CaseFile {
    CaseFile { cases: rows.iter().filter_map(|row| case_from_row(row).ok()).collect(), ..CaseFile::default() }
}

/// Each row's status from the report of [`table_cases`]`(rows)`.
pub fn table_run(rows: &[CaseRow], report: CaseReport) -> TestRun {
    let prepared: Vec<(u32, Result<_, String>)> = rows.iter().map(|row| (row.id, case_from_row(row))).collect();
    let mut results = report.results.iter().cloned();
    let rows = prepared
        .into_iter()
        .map(|(id, case)| match case {
            Ok(_) => (id, results.next().map(RowStatus::Ran).unwrap_or_else(|| RowStatus::Invalid("not run".into()))),
            Err(problem) => (id, RowStatus::Invalid(problem)),
        })
        .collect();
    TestRun { report, rows }
}

fn class_options(simulator: &Simulator) -> ClassOptions {
    let manifest = simulator.manifest();
    let mut names: Vec<String> = manifest.classes.iter().map(|c| c.meta.name().to_string()).collect();
    for ingress in &manifest.ingresses {
        let named = ingress.spec.ingress_class_name.as_ref().or_else(|| ingress.meta.annotation(CLASS_ANNOTATION));
        names.extend(named.map(|n| n.value.clone()));
    }
    names.retain(|n| !n.is_empty());
    names.sort();
    names.dedup();
    let default = ingress_engine::class::default_class(&manifest.classes).map(|c| c.meta.name().to_string());
    ClassOptions { default, names }
}
