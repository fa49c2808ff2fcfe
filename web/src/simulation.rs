//! What the engine makes of the state: the simulator, the decision, the test run, and what the
//! editor should mark. No routing happens here — only calls into `ingress_engine`.

use crate::cases_io::case_from_row;
use crate::components::tests_table::UNCOVERED_SHOWN;
use crate::request_fields::build_request;
use crate::state::{CaseRow, Playground, RequestFields};
use ingress_engine::cases::{run_cases_listing, CaseFile, CaseReport, CaseResult};
use ingress_engine::ClassNames;
use ingress_engine::{Decision, Diagnostic, DocumentCache, Explain, Options, Profile, Request, Severity, Simulator};
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
    /// Under a controller profile the page's engine does not run: the JS API package reads the
    /// input ([`crate::controllers`], [`crate::hooks::use_controller`]).
    pub fn options(&self) -> Options {
        Options { class: self.class.clone() }
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

/// The classes a user can pick from, sorted.
pub type ClassOptions = ClassNames;

/// The menu's classes: the input's, sorted.
pub fn class_options(mut classes: ClassNames) -> ClassOptions {
    ingress_engine::order::sort_by_key(&mut classes.names, String::clone);
    classes
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
        let classes = class_options(ClassNames::of(simulator.manifest()));
        Compiled { simulator, classes }
    }
}

/// One reading of the YAML, as the page shows it besides the routing: the input's problems (the
/// Problems panel lists them, the editor marks their lines) and its classes (the class menu).
#[derive(Debug)]
pub enum Reading {
    /// The page's own engine (the spec profile): its compiled input.
    Local(Rc<Compiled>),
    /// A controller profile's reading by the JS API package ([`crate::controllers`]): every
    /// diagnostic under that profile (validation, the controller's, the analysis).
    Profile {
        /// The diagnostics, in input order.
        problems: Vec<Diagnostic>,
        /// The classes.
        classes: ClassOptions,
    },
}

impl Reading {
    /// Nothing read yet (a controller profile loading on a first visit).
    pub fn empty() -> Reading {
        Reading::Profile { problems: Vec::new(), classes: ClassOptions::default() }
    }

    /// The problems known so far (the local engine's analysis may still be to come).
    pub fn problems(&self) -> &[Diagnostic] {
        match self {
            Reading::Local(compiled) => compiled.simulator.early_diagnostics(Profile::Spec),
            Reading::Profile { problems, .. } => problems,
        }
    }

    /// The classes the input names.
    pub fn classes(&self) -> &ClassOptions {
        match self {
            Reading::Local(compiled) => &compiled.classes,
            Reading::Profile { classes, .. } => classes,
        }
    }

    /// The page's compiled input, when this reading is the page's own.
    pub fn compiled(&self) -> Option<&Rc<Compiled>> {
        match self {
            Reading::Local(compiled) => Some(compiled),
            Reading::Profile { .. } => None,
        }
    }
}

/// The sorted, distinct lines of the diagnostics of a severity.
fn lines_of(problems: &[Diagnostic], severity: Severity) -> Vec<u32> {
    let mut lines: Vec<u32> = problems.iter().filter(|d| d.severity == severity).filter_map(|d| d.line()).collect();
    ingress_engine::order::sort_by_key(&mut lines, |&line| line);
    lines.dedup();
    lines
}

/// What the editor marks: the winner's lines and the lines of `problems`.
fn marks_of(decision: Option<&Decision>, problems: &[Diagnostic]) -> LineMarks {
    LineMarks {
        winner: decision.and_then(|d| d.span).map(|span| (span.start.line, span.last_line())),
        errors: lines_of(problems, Severity::Error),
        warnings: lines_of(problems, Severity::Warning),
    }
}

/// Everything derived from one [`EngineInput`].
#[derive(Debug)]
pub struct Simulation {
    /// The reading of the YAML behind it.
    pub reading: Rc<Reading>,
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

/// A controller profile's answer for one input, from the JS API package (every part of it from
/// one reading of the YAML there).
#[derive(Debug)]
pub struct ProfileAnswer {
    /// The decision (none without a valid request).
    pub decision: Option<Decision>,
    /// The table's report (for the rows that could run).
    pub report: CaseReport,
    /// Every diagnostic under the profile, in input order.
    pub problems: Vec<Diagnostic>,
    /// The classes the input names.
    pub classes: ClassOptions,
    /// Milliseconds the package worked for this answer.
    pub timing: Timing,
}

impl Simulation {
    /// The simulation of `input` under a controller profile, from that profile's answer; the
    /// editor marks follow its winner and its problems.
    pub fn of_profile(input: &EngineInput, answer: ProfileAnswer) -> Simulation {
        let ProfileAnswer { decision, report, problems, classes, timing } = answer;
        let marks = marks_of(decision.as_ref(), &problems);
        Simulation {
            reading: Rc::new(Reading::Profile { problems, classes }),
            request: input_request(input),
            decision,
            tests: table_run(&input.rows, report),
            marks,
            timing,
            analysed: true,
        }
    }

    /// No decision, and why (a controller profile loading or failing), over an earlier reading
    /// of the input (its problems and classes stay on screen meanwhile).
    pub fn waiting(reading: Rc<Reading>, why: String) -> Simulation {
        let marks = marks_of(None, reading.problems());
        let (request, decision, tests) = (Err(why), None, TestRun::default());
        Simulation { reading, request, decision, tests, marks, timing: Timing::default(), analysed: false }
    }
}

/// The request the input's fields make, or why they make none.
pub fn input_request(input: &EngineInput) -> Result<Request, String> {
    build_request(&input.request)
}

/// Routes the request and runs the table on a compiled input. Does not wait for the static
/// analysis: the decision and the marks carry its findings only once it has run.
pub fn simulate(compiled: Rc<Compiled>, input: &EngineInput) -> Simulation {
    let simulator = &compiled.simulator;
    let analysed = simulator.is_analysed(Profile::Spec);
    let request = input_request(input);
    let decision = request.as_ref().ok().map(|r| simulator.route(r, Profile::Spec, Explain::BeforeAnalysis));
    let tests = run_table(simulator, &input.rows);
    let marks = marks_of(decision.as_ref(), simulator.early_diagnostics(Profile::Spec));
    let reading = Rc::new(Reading::Local(compiled));
    Simulation { reading, request, decision, tests, marks, timing: Timing::default(), analysed }
}

fn run_table(simulator: &Simulator, rows: &[CaseRow]) -> TestRun {
    table_run(rows, run_cases_listing(simulator, Profile::Spec, &table_cases(rows), UNCOVERED_SHOWN))
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
