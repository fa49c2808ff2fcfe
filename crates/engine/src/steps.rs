//! A decision walked in the order the rules apply: [`steps`] prints a [`Decision`]'s explanation
//! as numbered [`Step`]s (request → class → host tier → each candidate path → winner → TLS →
//! notes) for the playground's step-through and `ingress-sim route --steps`.
//!
//! It is a printer: it never routes and never chooses. Every step is made of explanation entries
//! (by index, each entry in exactly one step) and says in one sentence which rule decides: the
//! spec's R1–R7, or the controller's own rule under a controller profile. The words are written in
//! `prose`; which stage an entry belongs to is [`Reason::stage`], next to the reasons.
//!
//! Informational entries (`note`) carry no reason of their own, so their place in the explanation
//! decides their stage, as the controllers' `assemble` lays it out: first the notes on the
//! request's normalisation (each also a `document` notice of the decision), then the class step,
//! then, when the answering Ingress would be rejected, the rejection note (winner stage); then the
//! profile's own entries, where a note about a path is a path step, a note before the first
//! candidate is the controller's choice of host (the first one) or how it reads the paths (the
//! others), and a note after the candidates says what answers (winner stage).

mod prose;

use crate::decision::{Decision, Entry, Outcome, Reason, Verdict};
use crate::diagnostic::{Code, Severity};
use crate::matching::HostTier;
use crate::names::stable_names;
use crate::profile::Profile;
use crate::source::Span;
use serde::Serialize;

/// The stages of a walk, in the order the rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// The request as normalised (R2).
    Request,
    /// IngressClass admission (R1): the class simulated and the Ingresses it leaves out.
    Class,
    /// The host: one step per host tier (R3), or the controller's choice of server.
    Host,
    /// Each candidate path with its verdict (R4, R5).
    Path,
    /// What answers: the winner, a default backend, a redirect, the controller's own answer, or
    /// nothing (R5, R6).
    Winner,
    /// The certificate choice (R7).
    Tls,
    /// What the profile does not simulate (ignored annotations).
    Notes,
}

stable_names!(Stage, as_str;
    Request => "request",
    Class => "class",
    Host => "host",
    Path => "path",
    Winner => "winner",
    Tls => "tls",
    Notes => "notes",
);

/// One step of the walk: a stable contract (the CLI's `--steps --json`, the JS API's `steps`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// Where in the order of the rules this step is.
    pub stage: Stage,
    /// The rule that decides: `R1`…`R7` under the spec profile, the controller's own rule
    /// (`nginx location order`) under a controller profile.
    pub rule: String,
    /// A few words: `Host tier: precise`.
    pub title: String,
    /// One sentence saying what this step decides, and by which rule.
    pub text: String,
    /// Where in the input this step looks (its entries' spans; for the chosen host tier, the
    /// candidates of that tier).
    pub spans: Vec<Span>,
    /// Indexes into the decision's `explanation`; every entry is in exactly one step.
    pub entries: Vec<usize>,
    /// The step's verdict: its candidate's, `won` for the answer, `info` for the others.
    pub verdict: Verdict,
}

/// The decision's explanation as steps, in the order the rules apply (stages in [`Stage`] order,
/// entries within a stage in the explanation's order). A decision routed without explanation
/// still gets its request, class and winner steps.
pub fn steps(decision: &Decision) -> Vec<Step> {
    // The entries of each stage, in the explanation's order, indexed by `Stage as usize`.
    let mut by_stage: [Vec<usize>; 7] = Default::default();
    for (i, stage) in stage_entries(decision) {
        by_stage[stage as usize].push(i);
    }
    let [request, class, host, path, winner, tls, notes] = by_stage;
    let mut out = Vec::new();
    let rules = Rules::of(decision.profile);
    out.push(request_step(decision, request));
    out.push(class_step(decision, &rules, class));
    if !decision.explanation.is_empty() {
        out.extend(host_steps(decision, &rules, &host, &path));
    }
    out.extend(path.into_iter().map(|i| path_step(decision, &rules, i)));
    out.extend(winner_steps(decision, &rules, winner));
    if decision.tls.is_some() || !tls.is_empty() {
        out.push(tls_step(decision, &rules, tls));
    }
    if !notes.is_empty() {
        out.push(notes_step(decision, &rules, notes));
    }
    out
}

/// Every entry with its stage ([`Reason::stage`], and for notes their place, as the module
/// documentation says).
fn stage_entries(decision: &Decision) -> Vec<(usize, Stage)> {
    let entries = &decision.explanation;
    let is_note = |e: &Entry| e.reason == Reason::Note && e.path.is_none() && e.host.is_none();
    let request_notes: Vec<&str> = decision
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Document && d.severity == Severity::Notice && d.span.is_none())
        .map(|d| d.message.as_str())
        .collect();
    let mut staged = Vec::with_capacity(entries.len());
    let mut i = 0;
    while i < entries.len() && is_note(&entries[i]) && request_notes.contains(&entries[i].message.as_str()) {
        staged.push((i, Stage::Request));
        i += 1;
    }
    if i < entries.len() && is_note(&entries[i]) {
        staged.push((i, Stage::Class));
        i += 1;
    }
    if decision.rejected && i < entries.len() && is_note(&entries[i]) {
        staged.push((i, Stage::Winner));
        i += 1;
    }
    // Under a controller, the notes before its first candidate say how it reads the input; with no
    // candidate at all, the last note says what answers.
    let is_candidate = |e: &Entry| e.reason != Reason::Note && e.reason != Reason::Tls;
    let first_candidate = entries.iter().skip(i).position(is_candidate).map(|p| p + i);
    let last_note = entries.iter().rposition(is_note);
    let mut leading_notes = 0;
    for (index, entry) in entries.iter().enumerate().skip(i) {
        let leading = first_candidate.map_or(Some(index) != last_note, |first| index < first);
        let stage = if entry.reason != Reason::Note {
            entry.reason.stage()
        } else if entry.path.is_some() {
            Stage::Path
        } else if entry.host.is_some() || !leading || decision.profile == Profile::Spec {
            Stage::Winner
        } else {
            leading_notes += 1;
            if leading_notes == 1 {
                Stage::Host
            } else {
                Stage::Path
            }
        };
        staged.push((index, stage));
    }
    staged
}

/// The rule names a profile's steps cite.
struct Rules {
    profile: Profile,
    /// The controller's own rule for paths and the answer (`None`: the spec profile, R1–R7).
    controller: Option<&'static str>,
}

impl Rules {
    fn of(profile: Profile) -> Rules {
        Rules { profile, controller: prose::controller_rule(profile) }
    }

    /// R3 under the spec profile, else the controller's rule for hosts.
    fn host(&self) -> String {
        prose::controller_host_rule(self.profile).unwrap_or("R3").to_string()
    }

    /// `spec` under the spec profile, else the controller's rule.
    fn pick(&self, spec: &str) -> String {
        self.controller.unwrap_or(spec).to_string()
    }
}

fn spans_of(decision: &Decision, entries: &[usize]) -> Vec<Span> {
    entries.iter().filter_map(|&i| decision.explanation[i].span).collect()
}

fn step(stage: Stage, rule: String, title: String, text: String, spans: Vec<Span>, entries: Vec<usize>) -> Step {
    Step { stage, rule, title, text, spans, entries, verdict: Verdict::Info }
}

fn request_step(decision: &Decision, entries: Vec<usize>) -> Step {
    let notes: Vec<&str> = entries.iter().map(|&i| decision.explanation[i].message.as_str()).collect();
    let spans = spans_of(decision, &entries);
    step(Stage::Request, "R2".into(), "The request".into(), prose::request(&decision.request, &notes), spans, entries)
}

fn class_step(decision: &Decision, rules: &Rules, entries: Vec<usize>) -> Step {
    let note = entries.iter().map(|&i| &decision.explanation[i]).find(|e| e.reason == Reason::Note);
    let others = entries.len() - usize::from(note.is_some());
    let text = prose::class(decision.class.as_deref(), note.map(|e| e.message.as_str()), others);
    let rule = rules.controller.map_or("R1".to_string(), |_| prose::class_rule(rules.profile));
    let spans = spans_of(decision, &entries);
    step(Stage::Class, rule, "IngressClass".into(), text, spans, entries)
}

/// The host tier a rule host belongs to (R3).
pub(crate) fn tier_of(host: &str) -> HostTier {
    if host.is_empty() {
        HostTier::Any
    } else if host.starts_with("*.") {
        HostTier::Wildcard
    } else {
        HostTier::Precise
    }
}

/// The stable name of a host tier: `precise`, `wildcard`, `any`.
pub(crate) fn tier_name(tier: HostTier) -> &'static str {
    match tier {
        HostTier::Precise => "precise",
        HostTier::Wildcard => "wildcard",
        HostTier::Any => "any",
    }
}

/// Under the spec profile one step per tier (precise, wildcard, any), saying which had rules for
/// the host; under a controller, its choice of server and one step per tier that lost rules.
fn host_steps(decision: &Decision, rules: &Rules, host_entries: &[usize], path_entries: &[usize]) -> Vec<Step> {
    let explanation = &decision.explanation;
    let mut out = Vec::new();
    let (notes, losers): (Vec<usize>, Vec<usize>) =
        host_entries.iter().partition(|&&i| explanation[i].reason == Reason::Note);
    for i in notes {
        let spans = spans_of(decision, &[i]);
        let text = explanation[i].message.clone();
        out.push(step(Stage::Host, rules.host(), prose::controller_host_title(rules.profile), text, spans, vec![i]));
    }
    // The tier R3 chose: the winner's rule host, else the host of a candidate judged on its path.
    let chosen = decision.host.as_deref().filter(|_| decision.outcome == Outcome::Rule).map(tier_of).or_else(|| {
        path_entries
            .iter()
            .map(|&i| &explanation[i])
            .find(|e| e.reason != Reason::InvalidPath && e.reason != Reason::Note)
            .and_then(|e| e.host.as_deref())
            .map(tier_of)
    });
    let chosen = chosen.filter(|_| rules.controller.is_none());
    for tier in [HostTier::Precise, HostTier::Wildcard, HostTier::Any] {
        let here: Vec<usize> =
            losers.iter().copied().filter(|&i| tier_of(explanation[i].host.as_deref().unwrap_or("")) == tier).collect();
        if rules.controller.is_some() && here.is_empty() {
            continue;
        }
        let is_chosen = chosen == Some(tier);
        let mut spans = spans_of(decision, &here);
        if is_chosen {
            // The rules of the chosen tier are the candidates the path steps judge.
            let candidates = path_entries.iter().copied().filter(|&i| {
                let e = &explanation[i];
                e.reason != Reason::InvalidPath && e.host.as_deref().map(tier_of) == Some(tier)
            });
            let winner = winner_entry(decision).filter(|&i| explanation[i].host.as_deref().map(tier_of) == Some(tier));
            spans.extend(winner.into_iter().chain(candidates).filter_map(|i| explanation[i].span));
        }
        let reasons: Vec<Reason> = here.iter().map(|&i| explanation[i].reason).collect();
        let text = prose::host_tier(tier, &decision.request.host, chosen, &reasons, rules.controller);
        let mut s = step(Stage::Host, rules.host(), prose::tier_title(tier), text, spans, here);
        if is_chosen {
            s.verdict = Verdict::Won;
        } else if !s.entries.is_empty() {
            s.verdict = Verdict::Lost;
        }
        out.push(s);
    }
    out
}

/// The entry that answers the request (verdict `won`, not the certificate).
fn winner_entry(decision: &Decision) -> Option<usize> {
    decision.explanation.iter().position(|e| e.verdict == Verdict::Won && e.reason != Reason::Tls)
}

fn path_step(decision: &Decision, rules: &Rules, index: usize) -> Step {
    let e = &decision.explanation[index];
    let rule = rules.pick(prose::spec_path_rule(e.reason));
    let title = prose::path_title(e, rules.profile);
    let mut s = step(Stage::Path, rule, title, e.message.clone(), spans_of(decision, &[index]), vec![index]);
    s.verdict = e.verdict;
    s
}

/// The default backends that do not answer (one step each), then the answer.
fn winner_steps(decision: &Decision, rules: &Rules, entries: Vec<usize>) -> Vec<Step> {
    let explanation = &decision.explanation;
    let (unused, answer): (Vec<usize>, Vec<usize>) =
        entries.into_iter().partition(|&i| explanation[i].reason == Reason::DefaultBackendNotUsed);
    let mut out: Vec<Step> = unused
        .into_iter()
        .map(|i| {
            let e = &explanation[i];
            let title = prose::unused_default_title(e);
            let mut s =
                step(Stage::Winner, rules.pick("R6"), title, e.message.clone(), spans_of(decision, &[i]), vec![i]);
            s.verdict = e.verdict;
            s
        })
        .collect();
    // The entry that says what answers leads; the others (rejection, named port, notes) follow.
    let main = answer
        .iter()
        .copied()
        .find(|&i| explanation[i].verdict == Verdict::Won)
        .or_else(|| answer.iter().copied().find(|&i| explanation[i].reason == Reason::ConfigError))
        .or_else(|| answer.iter().copied().find(|&i| explanation[i].reason == Reason::Note));
    let text = main.map_or_else(|| prose::answer(decision), |i| explanation[i].message.clone());
    let spec_rule = if decision.outcome == Outcome::Rule { "R5" } else { "R6" };
    let mut entries = main.into_iter().collect::<Vec<_>>();
    entries.extend(answer.iter().copied().filter(|&i| Some(i) != main));
    let spans = spans_of(decision, &entries);
    let mut s = step(Stage::Winner, rules.pick(spec_rule), prose::answer_title(decision), text, spans, entries);
    s.verdict = main.map_or(Verdict::Info, |i| explanation[i].verdict);
    out.push(s);
    out
}

fn tls_step(decision: &Decision, rules: &Rules, entries: Vec<usize>) -> Step {
    let text = entries
        .first()
        .map(|&i| decision.explanation[i].message.clone())
        .or_else(|| decision.tls.as_ref().map(|t| t.message.clone()))
        .unwrap_or_default();
    let rule = rules.controller.map_or("R7".to_string(), |_| prose::tls_rule(rules.profile));
    let spans = spans_of(decision, &entries);
    let mut s = step(Stage::Tls, rule, "TLS certificate".into(), text, spans, entries);
    if decision.tls.as_ref().is_some_and(|t| !t.default_certificate) {
        s.verdict = Verdict::Won;
    }
    s
}

fn notes_step(decision: &Decision, rules: &Rules, entries: Vec<usize>) -> Step {
    let text = prose::notes(rules.profile, entries.len());
    let spans = spans_of(decision, &entries);
    step(Stage::Notes, rules.pick("R1"), "Not simulated".into(), text, spans, entries)
}
