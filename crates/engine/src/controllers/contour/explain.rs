//! One request's explanation under Contour: the path Envoy routes, the virtual host, and every
//! route and dropped path judged against what [`Contour::select`](crate::controllers::Controller::select)
//! chose. Nothing is chosen here; the words are in [`super::prose`].

use super::prose;
use super::{
    Authority, BeforeRouting, Cond, Contour, Route, VirtualHost, Winner, ANNOTATION_PREFIXES, MERGE_SLASHES, SIMULATED,
};
use crate::controllers::common::other_class_entries;
use crate::controllers::glob::request_path::envoy_path;
use crate::controllers::glob::verdict::{annotation_entries, path_reason, Slot};
use crate::controllers::{Asked, Context, Selection};
use crate::decision::{Entry, Outcome, Reason, Verdict};
use crate::matching::{match_host, HostMatch, HostMiss};

/// Every step and candidate of one request, judged against `selection`.
pub(super) fn explain(
    contour: &Contour,
    cx: &Context<'_>,
    asked: &Asked<'_>,
    selection: &Selection<Winner>,
) -> Vec<Entry> {
    let host = asked.host();
    let Winner { vhost: chosen, authority, route: winner, before_routing } = selection.winner;
    let mut explanation = other_class_entries(cx);
    let sni = selection.routed.tls.as_ref().map_or("", |t| t.sni.as_str());
    match before_routing {
        BeforeRouting::Routed => {}
        BeforeRouting::Misdirected => {
            // The filter chain answers: the one `won` entry, about TLS, with no Ingress.
            let answer = Entry::info(prose::misdirected(host, sni));
            explanation.push(Entry { verdict: Verdict::Won, reason: Reason::Tls, ..answer });
            return explanation;
        }
        BeforeRouting::NoFilterChain => {
            // Nothing answers (the connection is closed): no `won` entry.
            let closed = Entry::info(prose::no_filter_chain(sni, &contour.tls_server_names));
            explanation.push(Entry { reason: Reason::Tls, ..closed });
            return explanation;
        }
    }
    let routed_path = envoy_path(asked.path(), MERGE_SLASHES);
    let Some(path) = prose::PATH_READING.explain(asked.path(), routed_path, &mut explanation) else {
        return explanation;
    };
    let path = path.as_str();
    let chosen_host = chosen.map(|k| contour.vhosts[k].host.as_str());
    let over_tls = selection.routed.tls.is_some();
    explanation.push(Entry::info(if over_tls {
        prose::secure_virtual_host(chosen_host, sni)
    } else {
        prose::virtual_host(chosen_host, host)
    }));
    let chosen_host = chosen_host.unwrap_or_default();
    let sent = asked.request.host.trim();
    match authority {
        Authority::Passes => {}
        Authority::SeveralLabels => explanation.push(Entry::info(prose::authority_needs_one_label(chosen_host, host))),
        Authority::Refused => explanation.push(Entry::info(prose::authority_refused(chosen_host, sent))),
    }
    let routes: &[Route] = chosen.map_or(&[], |k| &contour.vhosts[k].routes);
    let won = winner.map(|w| &routes[w]);
    explanation.push(match won {
        Some(r) => {
            let from_default = matches!(r.slot, Slot::Default { .. });
            let tie = contour.replaced_across_ingresses(r.slot);
            let matched = prose::matched(&r.cond, chosen_host, path, from_default, tie);
            match &selection.routed.redirect {
                Some(redirect) => {
                    let message = prose::upgraded_to_https(&matched, &redirect.location);
                    r.slot.entry(cx, Verdict::Won, Reason::Redirect, message)
                }
                None => r.slot.won(cx, matched),
            }
        }
        None => Entry::info(prose::no_route(host, path)),
    });
    for (k, v) in contour.vhosts.iter().enumerate() {
        for (n, r) in v.routes.iter().enumerate() {
            if Some(k) == chosen && Some(n) == winner {
                continue;
            }
            explanation.push(if Some(k) != chosen && over_tls {
                let message = prose::not_on_the_chain(&r.cond, &v.host, chosen_host);
                r.slot.entry(cx, Verdict::Lost, Reason::WrongHost, message)
            } else if Some(k) != chosen {
                v.judge_not_chosen(cx, r, host)
            } else if authority == Authority::SeveralLabels {
                r.slot.entry(cx, Verdict::Lost, Reason::WildcardDepth, prose::route_needs_one_label(&r.cond))
            } else if authority == Authority::Refused {
                let message = prose::route_authority_refused(&r.cond, chosen_host, sent);
                r.slot.entry(cx, Verdict::Lost, Reason::WrongHost, message)
            } else {
                r.judge(cx, won, path)
            });
        }
    }
    for d in &contour.dropped {
        let undefined = d.replaced_across_ingresses_by.is_some_and(|s| won.is_some_and(|w| w.slot == s));
        let reason = if undefined { Reason::UndefinedOrder } else { Reason::Duplicate };
        explanation.push(d.slot.entry(cx, Verdict::Lost, reason, prose::not_routed(&d.why)));
    }
    if selection.routed.outcome == Outcome::NoMatch && chosen.is_none() {
        explanation.push(Entry::info(prose::DEFAULT_BACKEND_ONLY_STAR.to_string()));
    }
    let involved: Vec<usize> = match selection.routed.ingress {
        Some(i) => vec![i],
        None => routes.iter().map(|r| r.slot.ingress()).collect(),
    };
    explanation.extend(annotation_entries(cx, &involved, ANNOTATION_PREFIXES, SIMULATED, "contour"));
    explanation
}

impl VirtualHost {
    /// A route of this virtual host, which does not serve `host`.
    fn judge_not_chosen(&self, cx: &Context<'_>, route: &Route, host: &str) -> Entry {
        let reason = match (self.host.as_str(), match_host(&self.host, host)) {
            ("*", _) => Reason::Outranked,
            (_, HostMatch::Miss(HostMiss::WildcardNeedsLabel)) => Reason::WildcardNeedsLabel,
            (_, HostMatch::Miss(_)) => Reason::WrongHost,
            _ => Reason::Outranked,
        };
        route.slot.entry(cx, Verdict::Lost, reason, prose::other_virtual_host(&route.cond, &self.host, host))
    }
}

impl Route {
    /// A route of the chosen virtual host that did not answer, judged against the one that did.
    fn judge(&self, cx: &Context<'_>, won: Option<&Route>, path: &str) -> Entry {
        if self.cond.matches(path) {
            let message = prose::comes_later(&self.cond, won.map(|w| &w.cond), path);
            return self.slot.entry(cx, Verdict::Lost, Reason::Outranked, message);
        }
        let folded = path.to_ascii_lowercase();
        let case = match &self.cond {
            Cond::Exact(p) => p.to_ascii_lowercase() == folded,
            Cond::Prefix(p, seg) => Cond::Prefix(p.to_ascii_lowercase(), *seg).matches(&folded),
            Cond::Regex(..) => false,
        };
        self.slot.entry(cx, Verdict::Lost, path_reason(case), prose::does_not_match(&self.cond, path))
    }
}
