//! The spec profile (R1–R7 in the crate docs) as a controller like the others: the indexed spec
//! router ([`crate::router::Router`]) chooses, and its explanation ([`crate::router::explain`])
//! judges every written path against that choice with the same predicates
//! ([`crate::matching`]). Nothing is compiled beyond the index every profile shares: the context
//! holds it.

use super::{Asked, Context, Controller, Routed, Selection};
use crate::decision::{Entry, Outcome};
use crate::router::{explain, Found, Lookup};

/// The spec profile: the spec index of the admitted Ingresses.
#[derive(Debug)]
pub(crate) struct Spec;

impl Controller for Spec {
    /// What the index found, to judge every candidate against.
    type Winner = Found;

    fn select(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Selection<Found> {
        let found = cx.spec.lookup(cx.manifest, asked.host(), asked.path());
        // One literal, so that the answer is built where the selection is returned.
        Selection { winner: found.found(), routed: answer(cx, asked, &found) }
    }

    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Found>) -> Vec<Entry> {
        let found = cx.spec.found(selection.winner);
        let (host, path) = (asked.host(), asked.path());
        let rejected = &cx.validation.rejected;
        let mut entries = explain::candidates(cx.spec, cx.manifest, rejected, (host, path), &found);
        if found.outcome == Outcome::NoMatch {
            entries.push(Entry::info(explain::prose::spec_not_found(found.tier.is_some(), host, path)));
        }
        entries
    }
}

/// The index's answer as a decision without explanation, and the certificate (R7) for the
/// request's SNI.
#[inline(always)]
fn answer(cx: &Context<'_>, asked: &Asked<'_>, found: &Lookup<'_>) -> Routed {
    let candidate = found.candidate;
    let manifest = cx.manifest;
    let default_backend_span =
        || found.default_ingress.and_then(|i| manifest.ingresses[i].spec.default_backend.as_ref().map(|b| b.span));
    Routed {
        outcome: found.outcome,
        ingress: found.ingress(),
        rule: candidate.map(|c| c.rule),
        path_index: candidate.map(|c| c.path_index),
        host: candidate.map(|c| c.host.to_string()),
        path: candidate.map(|c| c.path.to_string()),
        path_type: candidate.map(|c| c.path_type),
        backend: found.backend(manifest),
        span: candidate.map(|c| c.span).or_else(default_backend_span),
        tls: asked.sni().map(|sni| crate::tls::choose_certificate(manifest, cx.spec, &sni, asked.host())),
        ..Routed::no_match()
    }
}
