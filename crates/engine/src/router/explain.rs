//! The explanation: every candidate with its verdict and the reason, in words a learner reads.
//! It re-asks [`crate::matching`]'s predicates for every path; the verdicts must agree with the
//! index's answer (tested), which is the point of writing the predicates once.

use super::{Candidate, Lookup, Router, Slot};
use crate::class::Admission;
use crate::decision::{BackendRef, Entry, Outcome, Reason, Verdict};
use crate::matching::{match_host, match_path, HostMatch, HostMiss, HostTier, MatchKind, PathMiss};
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
            let mut e = Entry::info(format!("Ingress {id} is ignored: it belongs to another IngressClass — {why}."));
            e.verdict = Verdict::Ignored;
            e.reason = Reason::OtherClass;
            e.ingress = Some(id.clone());
            e.span = Some(ingress.span);
            ignored.push(e);
            continue;
        }
        let rejected_note = if rejected.get(i).copied().unwrap_or(false) {
            " (this Ingress would be rejected by the API server)"
        } else {
            ""
        };
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
                        e.message = format!("Rule {} matches the host but has no http paths: requests for it go to the default backend.", describe_host(rule_host));
                    }
                    _ => {
                        let (reason, message) = host_loss(rule_host, host, host_match, found.tier);
                        e.verdict = Verdict::Lost;
                        e.reason = reason;
                        e.message = message;
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
                let (reason, message) = host_loss(rule_host, host, host_match, found.tier);
                let count = http.paths.len();
                e.verdict = Verdict::Lost;
                e.reason = reason;
                e.message = format!(
                    "{message} Its {count} path{} {} not considered.",
                    if count == 1 { "" } else { "s" },
                    if count == 1 { "is" } else { "are" }
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
                        e.message = format!("Path {:?} cannot be routed: {}.", entry.path(), u.reason);
                        ignored.push(e);
                        continue;
                    }
                    None => continue,
                };

                if let Err(miss) = match_path(c.kind, &c.path, path) {
                    let (reason, message) = path_loss(c, path, miss);
                    e.verdict = Verdict::Lost;
                    e.reason = reason;
                    e.message = format!("{message}{rejected_note}");
                    in_tier.push(e);
                    continue;
                }
                match winner {
                    Some(w) if std::ptr::eq(w, c) => {
                        e.verdict = Verdict::Won;
                        e.reason = Reason::Matched;
                        e.message = format!("{}{rejected_note}", won_message(c, host, path, host_match));
                        won.push(e);
                    }
                    Some(w) => {
                        let (reason, message) = beaten(c, w, manifest);
                        e.verdict = Verdict::Lost;
                        e.reason = reason;
                        e.message = message;
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
            let label = e.backend.as_ref().map_or("(incomplete backend)".to_string(), ToString::to_string);
            if found.outcome == Outcome::DefaultBackend && found.default_ingress == Some(i) {
                e.verdict = Verdict::Won;
                e.reason = Reason::DefaultBackend;
                let why = match found.tier {
                    Some(_) if ingress.spec.rules.iter().any(|r| match_host(r.host(), host).tier() == found.tier) => {
                        format!("No path of the rules for this host matches {path}, so {id}'s defaultBackend {label} answers (it defines rules for this host).")
                    }
                    Some(_) => format!("No path of the rules for this host matches {path}, and none of their Ingresses has a defaultBackend, so the first-ranked Ingress with one answers: {id} ({label}) — {RANKING}."),
                    None => format!("No rule's host matches {host}, so the defaultBackend of {id} ({label}) answers: it ranks first among the Ingresses with one — {RANKING}."),
                };
                e.message = format!("{why}{rejected_note}");
                won.push(e);
            } else {
                e.verdict = Verdict::Lost;
                e.reason = Reason::DefaultBackendNotUsed;
                e.message = match found.outcome {
                    Outcome::Rule => format!("The defaultBackend of {id} ({label}) is not used: a rule's path matched."),
                    _ => format!("The defaultBackend of {id} ({label}) is not used: another Ingress's default backend takes precedence (see the winner)."),
                };
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

/// How Ingresses are ranked (R5's third key), for sentences that rely on it.
const RANKING: &str = "oldest creationTimestamp first, then namespace/name, then input order";

fn base(id: &str, rule: usize, path_index: Option<usize>, host: &str) -> Entry {
    let mut e = Entry::info(String::new());
    e.ingress = Some(id.to_string());
    e.rule = Some(rule);
    e.path_index = path_index;
    e.host = Some(host.to_string());
    e
}

fn describe_host(rule_host: &str) -> String {
    if rule_host.is_empty() {
        "without host (matches every host)".into()
    } else {
        format!("for host {rule_host}")
    }
}

fn tier_words(t: HostTier) -> &'static str {
    match t {
        HostTier::Precise => "a rule naming the host exactly",
        HostTier::Wildcard => "a wildcard rule covering the host",
        HostTier::Any => "rules without host",
    }
}

fn host_loss(rule_host: &str, host: &str, m: HostMatch, chosen: Option<HostTier>) -> (Reason, String) {
    match m {
        HostMatch::Miss(HostMiss::Different) => {
            (Reason::WrongHost, format!("Rule host {rule_host} does not match the request host {host}."))
        }
        HostMatch::Miss(HostMiss::WildcardDepth) => {
            let domain = rule_host.trim_start_matches("*.");
            let front = &host[..host.len().saturating_sub(domain.len() + 1)];
            (
                Reason::WildcardDepth,
                format!(
                    "{rule_host} covers exactly one DNS label in front of {domain}, but {host} has {} ({front}).",
                    front.split('.').count()
                ),
            )
        }
        HostMatch::Miss(HostMiss::WildcardNeedsLabel) => (
            Reason::WildcardNeedsLabel,
            format!(
                "{rule_host} needs one label in front of {}; {host} itself does not match.",
                rule_host.trim_start_matches("*.")
            ),
        ),
        matched => {
            let mine = matched.tier().map_or("", tier_words);
            let theirs = chosen.map_or("", tier_words);
            (Reason::LessSpecificHost, format!("The host matches through {mine}, but {theirs} exists and takes precedence: a precise host beats a wildcard, which beats a rule without host."))
        }
    }
}

fn type_words(c: &Candidate) -> String {
    match c.path_type {
        PathType::ImplementationSpecific => {
            format!("ImplementationSpecific, read as {:?} by the {} profile", c.kind, crate::profile::Profile::Spec)
        }
        t => t.as_str().to_string(),
    }
}

fn path_loss(c: &Candidate, path: &str, miss: PathMiss) -> (Reason, String) {
    let rule = format!("{} ({})", show_path(&c.path), type_words(c));
    match miss {
        PathMiss::ExactDiffers => (
            Reason::ExactMismatch,
            format!("{rule} requires the whole path to be {}; the request path is {path}.", c.path),
        ),
        PathMiss::ExactTrailingSlash => (
            Reason::ExactTrailingSlash,
            format!("{rule} does not match {path}: an Exact path compares the trailing slash too."),
        ),
        PathMiss::CaseDiffers => (
            Reason::CaseMismatch,
            format!("{rule} differs from {path} only in letter case, and paths are case-sensitive."),
        ),
        PathMiss::NotElementPrefix => {
            let last = crate::matching::elements(&c.path).last().unwrap_or("");
            (Reason::NotElementPrefix, format!("{rule} matches element by element: in {path} the element after the shared part is not exactly {last:?} (a string prefix is not enough)."))
        }
        PathMiss::ElementDiffers => {
            (Reason::PrefixMismatch, format!("{rule} does not match {path}: their path elements differ."))
        }
        PathMiss::RequestShorter => {
            (Reason::PrefixMismatch, format!("{rule} needs all of its elements; {path} has fewer."))
        }
    }
}

fn show_path(p: &str) -> String {
    if p.is_empty() {
        "\"\" (empty: all paths)".into()
    } else {
        p.to_string()
    }
}

fn won_message(c: &Candidate, host: &str, path: &str, m: HostMatch) -> String {
    let host_part = match m {
        HostMatch::Precise => format!("The rule host {} names {host} exactly", c.host),
        HostMatch::Wildcard => format!("The wildcard {} covers {host} (one label)", c.host),
        _ => format!("The rule has no host, so it serves {host}"),
    };
    let how = match c.kind {
        MatchKind::Exact => format!("{} (Exact) equals the path", show_path(&c.path)),
        MatchKind::Prefix => {
            format!("{} ({}) matches {path} element by element", show_path(&c.path), type_words(c))
        }
    };
    format!("{host_part}, and {how}. It is the longest matching path, so it wins.")
}

fn beaten(c: &Candidate, w: &Candidate, manifest: &Manifest) -> (Reason, String) {
    let mine = format!("{} ({})", show_path(&c.path), c.path_type.as_str());
    if w.path.len() > c.path.len() {
        return (
            Reason::ShorterThanWinner,
            format!(
                "{mine} matches too, but {} is longer ({} characters against {}): the longest matching path wins.",
                w.path,
                w.path.len(),
                c.path.len()
            ),
        );
    }
    if w.path_type == PathType::Exact && c.path_type != PathType::Exact {
        return (
            Reason::ExactWonTie,
            format!(
                "{mine} matches with the same length as the winner, but Exact beats {} on a tie.",
                c.path_type.as_str()
            ),
        );
    }
    if w.path_type == PathType::Prefix && c.path_type == PathType::ImplementationSpecific {
        return (Reason::PrefixWonTie, format!("{mine} matches with the same length as the winner; Prefix is preferred to ImplementationSpecific on a tie."));
    }
    let (a, b) = (&manifest.ingresses[w.ingress], &manifest.ingresses[c.ingress]);
    let why = if w.ingress == c.ingress {
        "it comes first in the same Ingress".to_string()
    } else {
        match (&a.meta.creation_timestamp, &b.meta.creation_timestamp) {
            (Some(x), Some(y)) if x.value != y.value => {
                format!("{} is older (creationTimestamp {} against {})", a.id(), x.value, y.value)
            }
            (Some(_), None) => {
                format!("{} has a creationTimestamp and this one has none (not created yet, so newer)", a.id())
            }
            _ if a.id() != b.id() => format!("with equal age, {} sorts before {} by namespace/name", a.id(), b.id()),
            _ => format!("{} comes first in the input", a.id()),
        }
    };
    (
        Reason::Duplicate,
        format!("{mine} duplicates the winner (same host, path and type): {why}, so this path is never used."),
    )
}
