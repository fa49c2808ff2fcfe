//! [`MigrationRun`]: a migration in steps, so a page can show progress and never block for long.
//!
//! Each [`MigrationRun::step`] does a bounded part of the work, measured in requests (the budget it
//! is given, at least one): reading the input and then the emitted YAML back beside it goes a few
//! documents at a time ([`DOCUMENT_COST`] requests each, through a [`DocumentCache`], so the input's
//! documents are parsed once for both readings); converting, generating the probes and the quiet
//! changes, and compiling each side take one step each; then each step routes requests up to its
//! budget, a changed request routed again with both explanations counting [`EXPLAINED_COST`].
//! [`super::migrate`] is this run in one go.
//!
//! An unnamed input text is read as [`UNNAMED_INPUT`] before and after, so the places of both
//! decisions name their file: [`UNNAMED_INPUT`] (or the input's own names) and
//! [`EMITTED_SOURCE`].

use super::choose::GatewayIndex;
use super::diff::{conversion_of, unexplained_notice, Answer, Change, MigrateOptions, Migration, MAX_EXPLAINED};
use super::probe::{probe_set, Probe};
use super::{Conversion, Notice, NoticeLevel};
use crate::decision::Decision;
use crate::gateway::GatewayDecision;
use crate::request::Request;
use crate::source::{Source, Sources};
use crate::{DocumentCache, Explain, Options, Simulator};

/// The name the emitted YAML is read back under, beside the input's own sources: spans of the
/// "after" decisions that point into it name this file.
pub const EMITTED_SOURCE: &str = "gateway-api.yaml";

/// The name an unnamed input text gets when it is read back beside [`EMITTED_SOURCE`].
pub const UNNAMED_INPUT: &str = "input.yaml";

/// What routing a changed request again with both explanations costs, in requests of a step's
/// budget: an explained decision judges every candidate instead of stopping at the winner
/// (measured on 1,000 Ingresses / 5,000 paths: ~1.8 ms for an explained pair, ~20 µs for an
/// unexplained one, natively).
pub const EXPLAINED_COST: usize = 100;

/// What reading one YAML document costs, in requests of a step's budget (~0.2 ms natively).
pub const DOCUMENT_COST: usize = 10;

/// How far a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Requests routed so far.
    pub done: usize,
    /// Requests to route (0 until the probes are generated).
    pub total: usize,
    /// True when the run has nothing left to do ([`MigrationRun::finish`] returns at once).
    pub finished: bool,
    /// What the run is doing: `read`, `convert`, `read back`, `probe`, `compile`, `route`,
    /// `done` (for a progress label).
    pub stage: &'static str,
}

/// The input, owned (a run outlives the caller's borrow: the JS API keeps it between steps).
#[derive(Clone, Debug)]
enum OwnedInput {
    Text(String),
    Named(Vec<Source>),
}

impl OwnedInput {
    /// The input as named sources (an unnamed text as [`UNNAMED_INPUT`]).
    fn named(self) -> Vec<Source> {
        match self {
            OwnedInput::Text(text) => vec![Source::new(UNNAMED_INPUT, text)],
            OwnedInput::Named(sources) => sources,
        }
    }
}

/// Where a run is.
#[derive(Debug)]
enum Stage {
    Read,
    Convert,
    ReadBack,
    Probe,
    CompileBefore,
    CompileAfter,
    Route,
    Done,
}

/// A migration in steps ([`MigrationRun::step`]); [`MigrationRun::finish`] gives the
/// [`Migration`].
#[derive(Debug)]
pub struct MigrationRun {
    options: MigrateOptions,
    /// The input's sources; once converted, the emitted YAML after them.
    sources: Vec<Source>,
    cache: DocumentCache,
    stage: Stage,
    before: Option<Simulator>,
    after: Option<Simulator>,
    conversion: Conversion,
    index: GatewayIndex,
    probes: Vec<Probe>,
    quiet: Vec<Notice>,
    next: usize,
    changed: Vec<Change<Decision, GatewayDecision>>,
    /// The probe index of every changed request, in order (what [`MigrationRun::explain`] asks).
    changed_probes: Vec<usize>,
}

impl MigrationRun {
    /// A run over `input`: nothing is read until the first step.
    pub fn new(input: Sources, options: &MigrateOptions) -> MigrationRun {
        let input = match input {
            Sources::Text(text) => OwnedInput::Text(text.to_string()),
            Sources::Named(sources) => OwnedInput::Named(sources.to_vec()),
        };
        MigrationRun {
            options: options.clone(),
            sources: input.named(),
            cache: DocumentCache::default(),
            stage: Stage::Read,
            before: None,
            after: None,
            conversion: Conversion { yaml: String::new(), gateways: Vec::new(), notices: Vec::new() },
            index: GatewayIndex::default(),
            probes: Vec::new(),
            quiet: Vec::new(),
            next: 0,
            changed: Vec::new(),
            changed_probes: Vec::new(),
        }
    }

    /// How far the run is.
    pub fn progress(&self) -> Progress {
        let stage = match self.stage {
            Stage::Read => "read",
            Stage::Convert => "convert",
            Stage::ReadBack => "read back",
            Stage::Probe => "probe",
            Stage::CompileBefore | Stage::CompileAfter => "compile",
            Stage::Route => "route",
            Stage::Done => "done",
        };
        Progress { done: self.next, total: self.probes.len(), finished: matches!(self.stage, Stage::Done), stage }
    }

    /// Reads up to `budget / DOCUMENT_COST` documents (at least one) of the current sources into
    /// the cache; once all are read, the simulator of them.
    fn read_some(&mut self, budget: usize) -> Option<Simulator> {
        let mut documents = (budget / DOCUMENT_COST).max(1);
        let remaining = self.cache.read_slice(Sources::Named(&self.sources), || {
            documents -= 1;
            documents > 0
        });
        match remaining {
            Some((read, total)) if read < total => None,
            _ => Some(Simulator::new_incremental(Sources::Named(&self.sources), &Options::default(), &mut self.cache)),
        }
    }

    /// Does one stage of the setup, or routes up to `max_requests` requests (at least one).
    pub fn step(&mut self, max_requests: usize) -> Progress {
        match self.stage {
            Stage::Read => {
                if let Some(before) = self.read_some(max_requests) {
                    self.before = Some(before);
                    self.stage = Stage::Convert;
                }
            }
            Stage::Convert => {
                self.conversion = conversion_of(self.before(), self.options.from);
                let name = self.options.emitted_name.as_deref().unwrap_or(EMITTED_SOURCE);
                self.sources.push(Source::new(name, self.conversion.yaml.clone()));
                self.stage = Stage::ReadBack;
            }
            Stage::ReadBack => {
                if let Some(after) = self.read_some(max_requests) {
                    self.index = GatewayIndex::new(&after.manifest().gateway.gateways, &self.conversion.gateways);
                    self.after = Some(after);
                    self.stage = Stage::Probe;
                }
            }
            Stage::Probe => {
                let set = probe_set(self.before());
                self.probes = set.probes;
                self.quiet = {
                    let after = self.after.as_ref().expect("read back before the probes");
                    let gateways =
                        super::quiet::host_gateways(&after.manifest().gateway.gateways, &self.conversion.gateways);
                    super::quiet::quiet_changes(
                        self.before(),
                        &self.conversion,
                        &gateways,
                        self.options.from,
                        self.options.to,
                    )
                };
                if set.truncated {
                    self.quiet.push(Notice::new(
                        NoticeLevel::Info,
                        "probes-truncated",
                        format!(
                            "The input has more paths than one diff probes: the first {} requests (input order) were asked.",
                            super::probe::MAX_PROBES
                        ),
                    ));
                }
                self.stage = if self.probes.is_empty() { Stage::Done } else { Stage::CompileBefore };
            }
            Stage::CompileBefore => {
                // The first route compiles the profile's configuration.
                let first = self.probes[0].request.clone();
                self.before().route(&first, self.options.from, Explain::No);
                self.stage = Stage::CompileAfter;
            }
            Stage::CompileAfter => {
                let first = self.probes[0].request.clone();
                self.route_after(&first, Explain::No);
                self.stage = Stage::Route;
            }
            Stage::Route => self.route_some(max_requests.max(1)),
            Stage::Done => {}
        }
        self.progress()
    }

    /// Runs what is left and returns the migration.
    pub fn finish(mut self) -> Migration {
        self.finish_keeping()
    }

    /// Runs what is left and hands out the migration, keeping what [`MigrationRun::explain`]
    /// needs (the two readings and the changed requests), so a page can explain a row later.
    /// A second call hands out an empty list of changes.
    pub fn finish_keeping(&mut self) -> Migration {
        while !self.step(usize::MAX).finished {}
        let mut notices = std::mem::take(&mut self.conversion.notices);
        notices.append(&mut self.quiet);
        if self.changed.len() > MAX_EXPLAINED {
            notices.push(unexplained_notice(self.changed.len()));
        }
        Migration {
            from: self.options.from,
            to: self.options.to,
            gateways: self.conversion.gateways.clone(),
            notices,
            requests: self.probes.len(),
            changed: std::mem::take(&mut self.changed),
            conversion: self.conversion.clone(),
        }
    }

    /// The `index`-th changed request (of those routed so far), explained on both sides as the
    /// first [`MAX_EXPLAINED`] are; `None` past the end.
    pub fn explain(&self, index: usize) -> Option<Change<Decision, GatewayDecision>> {
        let probe = &self.probes[*self.changed_probes.get(index)?];
        let request = &probe.request;
        Some(Change {
            request: request.clone(),
            probes: probe.probes.clone(),
            explained: true,
            before: super::trim::ingress(self.before().route(request, self.options.from, Explain::BeforeAnalysis)),
            after: super::trim::gateway(self.route_after(request, Explain::Yes)),
        })
    }

    fn before(&self) -> &Simulator {
        self.before.as_ref().expect("the input is read in the first step")
    }

    /// Routes up to `budget` requests, explaining the changed ones.
    fn route_some(&mut self, budget: usize) {
        let probes = std::mem::take(&mut self.probes);
        let mut spent = 0;
        while spent < budget && self.next < probes.len() {
            let probe = &probes[self.next];
            let request = &probe.request;
            let before = self.before().route(request, self.options.from, Explain::No);
            let after = self.route_after(request, Explain::No);
            spent += 1;
            if Answer::of_ingress_request(&before, request, self.before().manifest()) != Answer::of_gateway(&after) {
                let explained = self.changed.len() < MAX_EXPLAINED;
                let (before, after) = if explained {
                    spent += EXPLAINED_COST;
                    let before =
                        super::trim::ingress(self.before().route(request, self.options.from, Explain::BeforeAnalysis));
                    (before, super::trim::gateway(self.route_after(request, Explain::Yes)))
                } else {
                    (before, after)
                };
                let (request, probes) = (request.clone(), probe.probes.clone());
                self.changed.push(Change { request, probes, explained, before, after });
                self.changed_probes.push(self.next);
            }
            self.next += 1;
        }
        if self.next >= probes.len() {
            self.stage = Stage::Done;
        }
        self.probes = probes;
    }

    /// The decision of the Gateway `request` reaches ([`GatewayIndex::gateway_for`]); without any
    /// converted Gateway, a decision saying that nothing listens.
    fn route_after(&self, request: &Request, explain: Explain) -> GatewayDecision {
        let after = self.after.as_ref().expect("the emitted YAML is read back before routing");
        let routed = self
            .index
            .gateway_for(request)
            .and_then(|gateway| after.route_gateway(request, Some(gateway), self.options.to, explain).ok());
        routed.unwrap_or_else(|| nothing_listens(request, self.options.to))
    }
}

/// The answer when the conversion wrote no Gateway: no listener, no HTTP exchange.
fn nothing_listens(request: &Request, to: crate::gateway::Implementation) -> GatewayDecision {
    let normalized = request.normalize(false);
    let matched = crate::decision::MatchedRequest {
        scheme: request.scheme,
        host: normalized.host.to_string(),
        path: normalized.path.to_string(),
        sni: request.sni.clone(),
    };
    let mut decision = GatewayDecision::unanswered(to, matched, String::new());
    decision.explanation =
        vec![crate::gateway::GatewayEntry::info("The conversion wrote no Gateway: nothing listens for this request.")];
    decision
}
