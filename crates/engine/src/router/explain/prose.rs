//! The printer of the spec profile: every sentence of its explanation, from the facts
//! [`super::candidates`] judged and the index found. Nothing here decides anything. The other
//! profiles share [`other_class`].

use super::{Beaten, DefaultAnswers, Ranked};
use crate::decision::BackendRef;
use crate::matching::{HostMatch, HostMiss, HostTier, MatchKind, PathMiss};
use crate::model::PathType;
use crate::router::Candidate;

/// How Ingresses are ranked (R5's third key), for sentences that rely on it.
const RANKING: &str = "oldest creationTimestamp first, then namespace/name, then input order";

/// An Ingress the simulated class leaves out (every profile says it so).
pub(crate) fn other_class(id: &str, why: &str) -> String {
    format!("Ingress {id} is ignored: it belongs to another IngressClass — {why}.")
}

/// `message`, and that the candidate's Ingress would be rejected when it would.
pub(super) fn with_rejection(message: String, rejected: bool) -> String {
    if rejected {
        format!("{message} (this Ingress would be rejected by the API server)")
    } else {
        message
    }
}

fn describe_host(rule_host: &str) -> String {
    if rule_host.is_empty() {
        "without host (matches every host)".into()
    } else {
        format!("for host {rule_host}")
    }
}

/// A rule whose host is chosen but that has no `http` paths.
pub(super) fn no_paths(rule_host: &str) -> String {
    format!(
        "Rule {} matches the host but has no http paths: requests for it go to the default backend.",
        describe_host(rule_host)
    )
}

fn tier_words(t: HostTier) -> &'static str {
    match t {
        HostTier::Precise => "a rule naming the host exactly",
        HostTier::Wildcard => "a wildcard rule covering the host",
        HostTier::Any => "rules without host",
    }
}

/// Why a rule's host loses (`chosen`: the tier of the hosts that won).
pub(super) fn host_loss(rule_host: &str, host: &str, m: HostMatch, chosen: Option<HostTier>) -> String {
    match m {
        HostMatch::Miss(HostMiss::Different) => {
            format!("Rule host {rule_host} does not match the request host {host}.")
        }
        HostMatch::Miss(HostMiss::WildcardDepth) => {
            let domain = rule_host.trim_start_matches("*.");
            let front = &host[..host.len().saturating_sub(domain.len() + 1)];
            format!(
                "{rule_host} covers exactly one DNS label in front of {domain}, but {host} has {} ({front}).",
                front.split('.').count()
            )
        }
        HostMatch::Miss(HostMiss::WildcardNeedsLabel) => format!(
            "{rule_host} needs one label in front of {}; {host} itself does not match.",
            rule_host.trim_start_matches("*.")
        ),
        matched => {
            let mine = matched.tier().map_or("", tier_words);
            let theirs = chosen.map_or("", tier_words);
            format!("The host matches through {mine}, but {theirs} exists and takes precedence: a precise host beats a wildcard, which beats a rule without host.")
        }
    }
}

/// A rule whose host loses, with how many of its paths are therefore not looked at.
pub(super) fn host_loss_paths_unread(host_loss: &str, count: usize) -> String {
    format!(
        "{host_loss} Its {count} path{} {} not considered.",
        if count == 1 { "" } else { "s" },
        if count == 1 { "is" } else { "are" }
    )
}

/// A path the index cannot route (`reason`: the index's).
pub(super) fn unroutable(path: &str, reason: &str) -> String {
    format!("Path {path:?} cannot be routed: {reason}.")
}

fn type_words(c: &Candidate) -> String {
    match c.path_type {
        PathType::ImplementationSpecific => {
            format!("ImplementationSpecific, read as {:?} by the {} profile", c.kind, crate::profile::Profile::Spec)
        }
        t => t.as_str().to_string(),
    }
}

fn show_path(p: &str) -> String {
    if p.is_empty() {
        "\"\" (empty: all paths)".into()
    } else {
        p.to_string()
    }
}

/// Why a path does not match the request path.
pub(super) fn path_loss(c: &Candidate, path: &str, miss: PathMiss) -> String {
    let rule = format!("{} ({})", show_path(&c.path), type_words(c));
    match miss {
        PathMiss::ExactDiffers => {
            format!("{rule} requires the whole path to be {}; the request path is {path}.", c.path)
        }
        PathMiss::ExactTrailingSlash => {
            format!("{rule} does not match {path}: an Exact path compares the trailing slash too.")
        }
        PathMiss::CaseDiffers => {
            format!("{rule} differs from {path} only in letter case, and paths are case-sensitive.")
        }
        PathMiss::NotElementPrefix => {
            let last = crate::matching::elements(&c.path).last().unwrap_or("");
            format!("{rule} matches element by element: in {path} the element after the shared part is not exactly {last:?} (a string prefix is not enough).")
        }
        PathMiss::ElementDiffers => format!("{rule} does not match {path}: their path elements differ."),
        PathMiss::RequestShorter => format!("{rule} needs all of its elements; {path} has fewer."),
    }
}

/// The winning path.
pub(super) fn won(c: &Candidate, host: &str, path: &str, m: HostMatch) -> String {
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

/// A matching path that loses to the winner `w`.
pub(super) fn beaten(c: &Candidate, w: &Candidate, lost: &Beaten) -> String {
    let mine = format!("{} ({})", show_path(&c.path), c.path_type.as_str());
    match lost {
        Beaten::Shorter => format!(
            "{mine} matches too, but {} is longer ({} characters against {}): the longest matching path wins.",
            w.path,
            w.path.len(),
            c.path.len()
        ),
        Beaten::ExactTie => format!(
            "{mine} matches with the same length as the winner, but Exact beats {} on a tie.",
            c.path_type.as_str()
        ),
        Beaten::PrefixTie => format!("{mine} matches with the same length as the winner; Prefix is preferred to ImplementationSpecific on a tie."),
        Beaten::Duplicate(ranked) => {
            let why = match ranked {
                Ranked::SameIngress => "it comes first in the same Ingress".to_string(),
                Ranked::Older { winner, winner_stamp, loser_stamp } => {
                    format!("{winner} is older (creationTimestamp {winner_stamp} against {loser_stamp})")
                }
                Ranked::OnlyOneStamped { winner } => {
                    format!("{winner} has a creationTimestamp and this one has none (not created yet, so newer)")
                }
                Ranked::Name { winner, loser } => {
                    format!("with equal age, {winner} sorts before {loser} by namespace/name")
                }
                Ranked::Input { winner } => format!("{winner} comes first in the input"),
            };
            format!("{mine} duplicates the winner (same host, path and type): {why}, so this path is never used.")
        }
    }
}

/// A defaultBackend as the explanation names it.
fn label(backend: Option<&BackendRef>) -> String {
    backend.map_or("(incomplete backend)".to_string(), ToString::to_string)
}

/// The defaultBackend of Ingress `id` answers.
pub(super) fn default_answers(
    id: &str,
    backend: Option<&BackendRef>,
    why: DefaultAnswers,
    (host, path): (&str, &str),
) -> String {
    let label = label(backend);
    match why {
        DefaultAnswers::ItsOwnRulesMissed => format!("No path of the rules for this host matches {path}, so {id}'s defaultBackend {label} answers (it defines rules for this host)."),
        DefaultAnswers::FirstRankedAmongTheHosts => format!("No path of the rules for this host matches {path}, and none of their Ingresses has a defaultBackend, so the first-ranked Ingress with one answers: {id} ({label}) — {RANKING}."),
        DefaultAnswers::NoHostMatched => format!("No rule's host matches {host}, so the defaultBackend of {id} ({label}) answers: it ranks first among the Ingresses with one — {RANKING}."),
    }
}

/// The defaultBackend of Ingress `id` is not used (`rule_matched`: a path answers).
pub(super) fn default_not_used(id: &str, backend: Option<&BackendRef>, rule_matched: bool) -> String {
    let label = label(backend);
    if rule_matched {
        format!("The defaultBackend of {id} ({label}) is not used: a rule's path matched.")
    } else {
        format!("The defaultBackend of {id} ({label}) is not used: another Ingress's default backend takes precedence (see the winner).")
    }
}

/// Nothing answers under the spec profile (`host_matched`: a rule's host matched, no path did).
pub(crate) fn spec_not_found(host_matched: bool, host: &str, path: &str) -> String {
    if host_matched {
        format!("No path matches {path} and no admitted Ingress has a defaultBackend: the controller answers 404 from its own default backend.")
    } else {
        format!("No rule matches the host {host} and no admitted Ingress has a defaultBackend: the controller answers 404 from its own default backend.")
    }
}
