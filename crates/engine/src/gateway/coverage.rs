//! What a case file can reach through a Gateway, for its coverage ([`crate::cases`]): every match
//! (route, rule, match) programmed on a listener of the Gateway, as the implementation compiled it.
//! A match attached to two listeners is two places to reach; a match the implementation never
//! programs (a conflicting rule) is none, as an Ingress path no request can reach is not counted.

use super::matching::PathCondition;
use super::{GatewayDecision, Implementation, RouteKind};
use crate::source::Span;
use crate::Simulator;

/// One match on one listener, by the names a [`GatewayDecision`] gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MatchKey {
    pub gateway: String,
    pub listener: String,
    pub route: String,
    pub rule: usize,
    pub match_index: Option<usize>,
}

impl MatchKey {
    /// The match a decision won with, when one did.
    pub fn of(decision: &GatewayDecision) -> Option<MatchKey> {
        Some(MatchKey {
            gateway: decision.gateway.clone(),
            listener: decision.listener.clone()?,
            route: decision.route.clone()?,
            rule: decision.rule?,
            match_index: decision.match_index,
        })
    }
}

/// A match to reach, with what a reader needs to find it.
#[derive(Clone, Debug)]
pub(crate) struct Reachable {
    pub key: MatchKey,
    pub route_kind: RouteKind,
    /// The effective hostnames on the listener, joined (`""`: any host).
    pub hosts: String,
    /// The path condition: value and type as written (`PathPrefix`, `Exact`, `RegularExpression`).
    pub path: Option<(String, &'static str)>,
    /// The rule's first backend (`namespace/name:port`), or `""`.
    pub backend: String,
    pub span: Span,
}

impl Simulator {
    /// Every match programmed on the listeners of Gateway `gateway` (`namespace/name`) under
    /// `implementation`, in input order (then listener order).
    pub(crate) fn reachable_matches(&self, implementation: Implementation, gateway: &str) -> Vec<Reachable> {
        let table = self.gateway_table(implementation);
        let Some(compiled) = table.gateways.iter().find(|g| g.id == gateway) else { return Vec::new() };
        let mut reachable: Vec<(usize, Reachable)> = Vec::new();
        for (l, listener) in compiled.listeners.iter().enumerate() {
            for record in listener.matches.iter().filter(|r| r.not_programmed.is_none()) {
                let key = MatchKey {
                    gateway: gateway.to_string(),
                    listener: listener.info.name.clone(),
                    route: record.route.id.clone(),
                    rule: record.rule,
                    match_index: record.match_index,
                };
                let path = (record.route.kind() == RouteKind::Http).then(|| {
                    let kind = match &record.conditions.path {
                        PathCondition::Exact(_) => "Exact",
                        PathCondition::Prefix { .. } => "PathPrefix",
                        PathCondition::Regex { .. } => "RegularExpression",
                    };
                    (record.conditions.path.written().to_string(), kind)
                });
                let backend =
                    record.action.backends.first().map(|b| b.resolved.backend.to_string()).unwrap_or_default();
                let item = Reachable {
                    key,
                    route_kind: record.route.kind(),
                    hosts: record.hostnames.join(", "),
                    path,
                    backend,
                    span: record.span,
                };
                reachable.push((l, item));
            }
        }
        let order = &self.manifest().sources;
        crate::order::sort_by_key(&mut reachable, |(l, item)| (crate::source::input_order(order, item.span), *l));
        // The same match twice on a listener (two parentRefs naming it) is one place; the two sort
        // next to each other (same place, same listener).
        reachable.dedup_by(|(_, a), (_, b)| a.key == b.key);
        reachable.into_iter().map(|(_, item)| item).collect()
    }
}
