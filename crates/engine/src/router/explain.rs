//! The explanation: every candidate with its verdict and the reason. It re-asks
//! [`crate::matching`]'s predicates for every path; the verdicts must agree with the index's
//! answer (tested), which is the point of writing the predicates once. The words a learner reads
//! are printed by [`prose`] from the facts judged here.

pub(crate) mod prose;

use super::{Candidate, Lookup, Router, Slot};
use crate::class::Admission;
use crate::decision::{BackendRef, Entry, Outcome, Reason, Verdict};
use crate::matching::{match_host, match_path, HostMatch, HostMiss, PathMiss};
use crate::model::{Manifest, PathType};

/// Builds the candidate entries for one request; the caller adds steps (request notes, class, TLS).
pub(crate) fn candidates(
    router: &Router,
    manifest: &Manifest,
    rejected: &[bool],
    (host, path): (&str, &str),
    found: &Lookup,
) -> Vec<Entry> {
    let winner = found.candidate;
    let mut won = Vec::new();
    let mut in_tier = Vec::new();
    let mut other = Vec::new();
    let mut ignored = Vec::new();

    for (i, ingress) in manifest.ingresses.iter().enumerate() {
        let id = ingress.id();
        if let Admission::OtherClass(why) = &router.admission[i] {
            let mut e = Entry::info(prose::other_class(&id, why));
            e.verdict = Verdict::Ignored;
            e.reason = Reason::OtherClass;
            e.ingress = Some(id.clone());
            e.span = Some(ingress.span);
            ignored.push(e);
            continue;
        }
        let rejected = rejected.get(i).copied().unwrap_or(false);
        for (r, rule) in ingress.spec.rules.iter().enumerate() {
            let rule_host = rule.host();
            let host_match = match_host(rule_host, host);
            let Some(http) = &rule.http else {
                let mut e = base(&id, r, None, rule_host);
                e.span = Some(rule.span);
                match host_match.tier() {
                    Some(t) if Some(t) == found.tier => {
                        e.verdict = Verdict::Lost;
                        e.reason = Reason::NoPaths;
                        e.message = prose::no_paths(rule_host);
                    }
                    _ => {
                        e.verdict = Verdict::Lost;
                        e.reason = host_reason(host_match);
                        e.message = prose::host_loss(rule_host, host, host_match, found.tier);
                    }
                }
                other.push(e);
                continue;
            };
            // Hosts are matched first: the paths of a rule whose host loses are never looked at,
            // so the rule gets one entry (invalid paths are still listed below, as ignored).
            let tier = host_match.tier();
            if tier.is_none() || tier != found.tier {
                let mut e = base(&id, r, None, rule_host);
                e.span = Some(rule.span);
                e.verdict = Verdict::Lost;
                e.reason = host_reason(host_match);
                e.message = prose::host_loss_paths_unread(
                    &prose::host_loss(rule_host, host, host_match, found.tier),
                    http.paths.len(),
                );
                other.push(e);
            }
            for (p, entry) in http.paths.iter().enumerate() {
                let host_chosen = tier.is_some() && tier == found.tier;
                if !host_chosen && matches!(router.slot(i, r, p), Some(Slot::Candidate(_))) {
                    continue; // covered by the rule's host entry above
                }
                let mut e = base(&id, r, Some(p), rule_host);
                e.path = Some(entry.path().to_string());
                e.path_type = entry.path_type();
                e.backend = entry.backend.as_ref().and_then(BackendRef::from_model);
                e.span = Some(entry.span);
                let c = match router.slot(i, r, p) {
                    Some(Slot::Candidate(id)) => &router.candidates[id as usize],
                    Some(Slot::Unroutable(u)) => {
                        let u = &router.unroutable[u as usize];
                        e.verdict = Verdict::Ignored;
                        e.reason = Reason::InvalidPath;
                        e.message = prose::unroutable(entry.path(), &u.reason);
                        ignored.push(e);
                        continue;
                    }
                    None => continue,
                };

                if let Err(miss) = match_path(c.kind, &c.path, path) {
                    e.verdict = Verdict::Lost;
                    e.reason = path_reason(miss);
                    e.message = prose::with_rejection(prose::path_loss(c, path, miss), rejected);
                    in_tier.push(e);
                    continue;
                }
                match winner {
                    Some(w) if std::ptr::eq(w, c) => {
                        e.verdict = Verdict::Won;
                        e.reason = Reason::Matched;
                        e.message = prose::with_rejection(prose::won(c, host, path, host_match), rejected);
                        won.push(e);
                    }
                    Some(w) => {
                        let lost = beaten(c, w, manifest);
                        e.verdict = Verdict::Lost;
                        e.reason = lost.reason();
                        e.message = prose::beaten(c, w, &lost);
                        in_tier.push(e);
                    }
                    None => {}
                }
            }
        }
        if let Some(backend) = &ingress.spec.default_backend {
            let mut e = Entry::info(String::new());
            e.ingress = Some(id.clone());
            e.backend = BackendRef::from_model(backend);
            e.span = Some(backend.span);
            let backend = e.backend.as_ref();
            if found.outcome == Outcome::DefaultBackend && found.default_ingress == Some(i) {
                e.verdict = Verdict::Won;
                e.reason = Reason::DefaultBackend;
                let why = match found.tier {
                    Some(_) if ingress.spec.rules.iter().any(|r| match_host(r.host(), host).tier() == found.tier) => {
                        DefaultAnswers::ItsOwnRulesMissed
                    }
                    Some(_) => DefaultAnswers::FirstRankedAmongTheHosts,
                    None => DefaultAnswers::NoHostMatched,
                };
                e.message = prose::with_rejection(prose::default_answers(&id, backend, why, (host, path)), rejected);
                won.push(e);
            } else {
                e.verdict = Verdict::Lost;
                e.reason = Reason::DefaultBackendNotUsed;
                e.message = prose::default_not_used(&id, backend, found.outcome == Outcome::Rule);
                other.push(e);
            }
        }
    }
    let mut out = won;
    out.extend(in_tier);
    out.extend(other);
    out.extend(ignored);
    out
}

fn base(id: &str, rule: usize, path_index: Option<usize>, host: &str) -> Entry {
    let mut e = Entry::info(String::new());
    e.ingress = Some(id.to_string());
    e.rule = Some(rule);
    e.path_index = path_index;
    e.host = Some(host.to_string());
    e
}

/// Why a matching Ingress's defaultBackend answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DefaultAnswers {
    /// It has rules for the host, and none of their paths matches.
    ItsOwnRulesMissed,
    /// No path of the host's rules matches and none of their Ingresses has one: the first-ranked.
    FirstRankedAmongTheHosts,
    /// No rule's host matches: the first-ranked Ingress with one.
    NoHostMatched,
}

/// The reason for a rule whose host loses.
fn host_reason(m: HostMatch) -> Reason {
    match m {
        HostMatch::Miss(HostMiss::Different) => Reason::WrongHost,
        HostMatch::Miss(HostMiss::WildcardDepth) => Reason::WildcardDepth,
        HostMatch::Miss(HostMiss::WildcardNeedsLabel) => Reason::WildcardNeedsLabel,
        _ => Reason::LessSpecificHost,
    }
}

/// The reason for a path that does not match.
fn path_reason(miss: PathMiss) -> Reason {
    match miss {
        PathMiss::ExactDiffers => Reason::ExactMismatch,
        PathMiss::ExactTrailingSlash => Reason::ExactTrailingSlash,
        PathMiss::CaseDiffers => Reason::CaseMismatch,
        PathMiss::NotElementPrefix => Reason::NotElementPrefix,
        PathMiss::ElementDiffers | PathMiss::RequestShorter => Reason::PrefixMismatch,
    }
}

/// Why a matching path loses to the winner (R4–R5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Beaten {
    /// The winner's path is longer.
    Shorter,
    /// Same length: Exact beats the other types.
    ExactTie,
    /// Same length: Prefix beats ImplementationSpecific.
    PrefixTie,
    /// The same host, path and type: the Ingress ranked first keeps it.
    Duplicate(Ranked),
}

/// Why one of two duplicates ranks first (R5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ranked {
    /// Both are in one Ingress: the first written.
    SameIngress,
    /// The winner's Ingress is older (its id, its timestamp, the loser's).
    Older { winner: String, winner_stamp: String, loser_stamp: String },
    /// The winner's Ingress has a timestamp and the loser's has none.
    OnlyOneStamped { winner: String },
    /// Equal age: the winner sorts first by namespace/name.
    Name { winner: String, loser: String },
    /// Everything equal: the winner comes first in the input.
    Input { winner: String },
}

impl Beaten {
    fn reason(&self) -> Reason {
        match self {
            Beaten::Shorter => Reason::ShorterThanWinner,
            Beaten::ExactTie => Reason::ExactWonTie,
            Beaten::PrefixTie => Reason::PrefixWonTie,
            Beaten::Duplicate(_) => Reason::Duplicate,
        }
    }
}

/// Why `c`, which matches, loses to the winner `w`.
fn beaten(c: &Candidate, w: &Candidate, manifest: &Manifest) -> Beaten {
    if w.path.len() > c.path.len() {
        return Beaten::Shorter;
    }
    if w.path_type == PathType::Exact && c.path_type != PathType::Exact {
        return Beaten::ExactTie;
    }
    if w.path_type == PathType::Prefix && c.path_type == PathType::ImplementationSpecific {
        return Beaten::PrefixTie;
    }
    let (a, b) = (&manifest.ingresses[w.ingress], &manifest.ingresses[c.ingress]);
    Beaten::Duplicate(if w.ingress == c.ingress {
        Ranked::SameIngress
    } else {
        match (&a.meta.creation_timestamp, &b.meta.creation_timestamp) {
            (Some(x), Some(y)) if x.value != y.value => {
                Ranked::Older { winner: a.id(), winner_stamp: x.value.clone(), loser_stamp: y.value.clone() }
            }
            (Some(_), None) => Ranked::OnlyOneStamped { winner: a.id() },
            _ if a.id() != b.id() => Ranked::Name { winner: a.id(), loser: b.id() },
            _ => Ranked::Input { winner: a.id() },
        }
    })
}
