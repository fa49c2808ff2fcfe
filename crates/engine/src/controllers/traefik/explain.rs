//! The explanation of a Traefik decision: every router judged against the one that answered
//! (or the TLS passthrough router), and why the dropped paths have none. It never chooses; every
//! sentence comes from [`super::prose`].

use super::prose::{self, PATH_READING};
use super::{Passthrough, Traefik, TraefikRouter, Winner};
use crate::controllers::common::other_class_entries;
use crate::controllers::glob::request_path::traefik_routing_path;
use crate::controllers::glob::verdict::{host_reason, path_reason, Slot};
use crate::controllers::{Asked, Context, Selection};
use crate::decision::{Entry, Reason, Verdict};
use crate::matching::HostMatch;

/// [`Controller::explain`](crate::controllers::Controller::explain) for Traefik.
pub(super) fn explain(
    traefik: &Traefik,
    cx: &Context<'_>,
    asked: &Asked<'_>,
    selection: &Selection<Winner>,
) -> Vec<Entry> {
    let mut explanation = other_class_entries(cx);
    if let Some(p) = selection.winner.passthrough {
        let Passthrough { host, slot } = &traefik.passthrough[p];
        explanation.push(slot.won(cx, prose::passthrough_won(host)));
        explanation.extend(traefik.annotation_entries(cx, &[slot.ingress()]));
        return explanation;
    }
    let Some(path) = PATH_READING.explain(asked.path(), traefik_routing_path(asked.path()), &mut explanation) else {
        return explanation;
    };
    let (host, path) = (asked.host(), path.as_str());
    explanation.push(Entry::info(prose::routers_intro(traefik.provider)));
    let winner = selection.winner.router;
    let won = winner.map(|w| &traefik.routers[w]);
    explanation.push(match winner {
        Some(w) => won_entry(traefik, cx, (asked, path), selection, w),
        None => Entry::info(prose::nothing_matches(host, path)),
    });
    for r in traefik.routers.iter().enumerate().filter(|&(k, _)| Some(k) != winner).map(|(_, r)| r) {
        explanation.push(judge(r, cx, won, asked, path));
    }
    for (slot, why) in &traefik.skipped {
        explanation.push(slot.entry(cx, Verdict::Ignored, Reason::NotMatched, prose::no_router(why)));
    }
    explanation.extend(traefik.unused_defaults.iter().map(|slot| unused_default_entry(cx, *slot, won)));
    let involved: Vec<usize> = match selection.routed.ingress {
        Some(i) => vec![i],
        None => traefik.routers.iter().map(|r| r.slot.ingress()).collect(),
    };
    explanation.extend(traefik.annotation_entries(cx, &involved));
    explanation
}

/// The entry of the winning router `w`: matched, or answered by one of its middlewares.
fn won_entry(
    traefik: &Traefik,
    cx: &Context<'_>,
    (asked, path): (&Asked<'_>, &str),
    selection: &Selection<Winner>,
    w: usize,
) -> Entry {
    let r = &traefik.routers[w];
    let default = matches!(r.slot, Slot::Default { .. });
    let note = if traefik.tied_with(w, asked, path) {
        prose::tie_note(&r.name)
    } else if !traefik.unused_defaults.is_empty() && default {
        prose::default_order_note(&cx.manifest.ingresses[r.slot.ingress()].id())
    } else {
        String::new()
    };
    let mut matched = prose::matched(&r.rule, r.priority, prose::winner_kind(default && r.host.is_none()), &note);
    if let Some(c) = &r.canary {
        matched.push_str(&prose::canary_note(r.headers.is_some(), c.weight, c.total));
    }
    match (selection.winner.answered, &selection.routed.redirect) {
        (Some(by), Some(redirect)) => r.slot.entry(
            cx,
            Verdict::Won,
            Reason::Redirect,
            format!("{matched} {}", prose::middleware_answered(by, redirect)),
        ),
        _ => {
            let mut entry = r.slot.won(cx, matched);
            entry.backend = selection.routed.backend.clone();
            entry
        }
    }
}

/// A router that did not answer, judged against the one that did (`won`).
fn judge(r: &TraefikRouter, cx: &Context<'_>, won: Option<&TraefikRouter>, asked: &Asked<'_>, path: &str) -> Entry {
    let host = asked.host();
    match r.host_match(host) {
        HostMatch::Miss(miss) => r.slot.entry(cx, Verdict::Lost, host_reason(miss), prose::host_differs(&r.rule, host)),
        _ if !r.path.matches(path) => r.slot.entry(
            cx,
            Verdict::Lost,
            path_reason(r.path.matches_ignoring_case(path)),
            prose::path_differs(&r.rule, path),
        ),
        _ if !r.headers_hold(asked.request) => {
            r.slot.entry(cx, Verdict::Lost, Reason::NotMatched, prose::headers_differ(&r.rule))
        }
        _ => {
            let (wp, wr, wn) = won.map(|w| (w.priority, w.rule.as_str(), w.name.as_str())).unwrap_or_default();
            if wp == r.priority {
                let message = prose::lost_tie(&r.rule, r.priority, (wr, wn), &r.name);
                r.slot.entry(cx, Verdict::Lost, Reason::UndefinedOrder, message)
            } else {
                r.slot.entry(cx, Verdict::Lost, Reason::Outranked, prose::outranked(&r.rule, r.priority, wr, wp))
            }
        }
    }
}

/// A rules-less defaultBackend Traefik does not use because another one was read first.
fn unused_default_entry(cx: &Context<'_>, slot: Slot, won: Option<&TraefikRouter>) -> Entry {
    if won.is_some_and(|w| matches!(w.slot, Slot::Default { .. })) {
        slot.entry(cx, Verdict::Lost, Reason::UndefinedOrder, prose::UNUSED_DEFAULT)
    } else {
        slot.entry(cx, Verdict::Ignored, Reason::NotMatched, prose::UNUSED_DEFAULT)
    }
}
