//! What the engine makes of the state: the simulator, the decision, the test run, and what the
//! editor should mark. No routing happens here — only calls into `ingress_engine`.

use crate::cases_io::case_from_row;
use crate::components::tests_table::UNCOVERED_SHOWN;
use crate::controllers::Answer;
use crate::request_fields::build_request;
use crate::state::{CaseRow, Playground, RequestFields};
use ingress_engine::cases::{run_cases_listing, CaseFile, CaseReport, Expect};
use ingress_engine::ClassNames;
use ingress_engine::{
    Decision, Diagnostic, DocumentCache, Explain, Options, Outcome, Profile, Request, Severity, Simulator,
};
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
    /// The row ran: whether it passed, and the answer it got.
    Ran {
        /// The answer was the one expected.
        passed: bool,
        /// The answer, as the table shows it.
        actual: String,
    },
}

/// The table's counts and the paths no row reached (from the engine's report, whichever engine
/// ran the rows).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableSummary {
    /// Rows that passed.
    pub passed: usize,
    /// Rows that failed.
    pub failed: usize,
    /// Paths and default backends there are to cover.
    pub coverable: usize,
    /// Uncovered paths beyond those listed.
    pub unlisted: usize,
    /// Uncovered paths listed (at most [`UNCOVERED_SHOWN`]): `ingress · host path (type) → backend`
    /// and the line it is written on.
    pub uncovered: Vec<(String, u32)>,
}

impl TableSummary {
    /// The summary of an engine report.
    fn of(report: &CaseReport) -> TableSummary {
        let uncovered = report.uncovered.iter().map(|u| {
            let what = match (&u.host, &u.path, &u.path_type) {
                (Some(host), Some(path), Some(kind)) => {
                    format!("{} {path} ({kind})", if host.is_empty() { "any host" } else { host })
                }
                _ => "defaultBackend".into(),
            };
            (format!("{} · {what} → {}", u.ingress, u.backend), u.span.start.line)
        });
        TableSummary {
            passed: report.passed,
            failed: report.failed,
            coverable: report.coverable,
            unlisted: report.unlisted,
            uncovered: uncovered.collect(),
        }
    }
}

/// The batch run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TestRun {
    /// The counts and uncovered paths (for the rows that could run).
    pub summary: TableSummary,
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
    /// A controller profile's reading by the JS API package ([`crate::controllers`]), which
    /// draws its problems itself: the lines they mark, and the classes.
    Profile {
        /// The lines with an error or a warning (no winner).
        lines: LineMarks,
        /// The classes.
        classes: ClassOptions,
        /// `profile-view.js` has drawn this reading's problems (not so before a first answer).
        drawn: bool,
    },
}

impl Reading {
    /// Nothing read yet (a controller profile loading on a first visit).
    pub fn empty() -> Reading {
        Reading::Profile { lines: LineMarks::default(), classes: ClassOptions::default(), drawn: false }
    }

    /// The problems known so far (the local engine's analysis may still be to come); none for a
    /// controller profile's reading, whose problems the JS module draws.
    pub fn problems(&self) -> &[Diagnostic] {
        match self {
            Reading::Local(compiled) => compiled.simulator.early_diagnostics(Profile::Spec),
            Reading::Profile { .. } => &[],
        }
    }

    /// The editor's marks of the problems (no winner).
    fn lines(&self) -> LineMarks {
        match self {
            Reading::Local(_) => marks_of(None, self.problems()),
            Reading::Profile { lines, .. } => lines.clone(),
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
    /// The decision for the request (the page's own engine; a controller profile's is drawn by
    /// `profile-view.js`).
    pub decision: Option<Decision>,
    /// What a table row for the request on screen expects: what it gets now.
    pub current: Option<Expect>,
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
    /// The simulation of `input` under a controller profile, from that profile's answer; the
    /// editor marks follow its winner and its problems.
    pub fn of_profile(input: &EngineInput, answer: Answer) -> Simulation {
        let Answer { marks, classes, current, results, summary, timing } = answer;
        let lines = LineMarks { winner: None, ..marks.clone() };
        Simulation {
            reading: Rc::new(Reading::Profile { lines, classes: class_options(classes), drawn: true }),
            request: input_request(input),
            decision: None,
            current,
            tests: table_run(&input.rows, results, summary),
            marks,
            timing,
            analysed: true,
        }
    }

    /// No decision, and why (a controller profile loading or failing), over an earlier reading
    /// of the input (its problems and classes stay on screen meanwhile).
    pub fn waiting(reading: Rc<Reading>, why: String) -> Simulation {
        let marks = reading.lines();
        let (request, decision, current, tests) = (Err(why), None, None, TestRun::default());
        Simulation { reading, request, decision, current, tests, marks, timing: Timing::default(), analysed: false }
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
    let current = decision.as_ref().map(|decision| match decision.outcome {
        Outcome::NoMatch => Expect { outcome: Some(Outcome::NoMatch), ..Expect::default() },
        _ => Expect { backend: Some(decision.backend_label()), ..Expect::default() },
    });
    let reading = Rc::new(Reading::Local(compiled));
    Simulation { reading, request, decision, current, tests, marks, timing: Timing::default(), analysed }
}

fn run_table(simulator: &Simulator, rows: &[CaseRow]) -> TestRun {
    let report = run_cases_listing(simulator, Profile::Spec, &table_cases(rows), UNCOVERED_SHOWN);
    let results = report.results.iter().map(|r| (r.passed, r.actual.clone())).collect();
    table_run(rows, results, TableSummary::of(&report))
}

/// The rows that can run, as a case file.
pub fn table_cases(rows: &[CaseRow]) -> CaseFile {
    CaseFile { cases: rows.iter().filter_map(|row| case_from_row(row).ok()).collect(), ..CaseFile::default() }
}

/// Each row's status from the results of [`table_cases`]`(rows)` (`(passed, actual)`, in order).
pub fn table_run(rows: &[CaseRow], results: Vec<(bool, String)>, summary: TableSummary) -> TestRun {
    let prepared: Vec<(u32, Result<_, String>)> = rows.iter().map(|row| (row.id, case_from_row(row))).collect();
    let mut results = results.into_iter();
    let rows = prepared
        .into_iter()
        .map(|(id, case)| match case {
            Ok(_) => (
                id,
                results
                    .next()
                    .map(|(passed, actual)| RowStatus::Ran { passed, actual })
                    .unwrap_or_else(|| RowStatus::Invalid("not run".into())),
            ),
            Err(problem) => (id, RowStatus::Invalid(problem)),
        })
        .collect();
    TestRun { summary, rows }
}
