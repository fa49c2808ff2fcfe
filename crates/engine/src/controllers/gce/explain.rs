//! One request's explanation under ingress-gce: the load balancer the request reaches, every other
//! load balancer, and every path of the chosen URL map judged against what
//! [`Gce::select`](crate::controllers::Controller::select) chose. Nothing is chosen here; the
//! words are in [`super::prose`].

use super::prose;
use super::{Gce, HostRule, UrlMap, Winner, PREFIXES};
use crate::controllers::common::other_class_entries;
use crate::controllers::glob::url_map_path_match;
use crate::controllers::glob::verdict::{annotation_entries, ingress_entry, path_reason, HostFit, Slot};
use crate::controllers::{Asked, Context, Selection};
use crate::decision::{Entry, Outcome, Reason, Verdict};

/// Every step and candidate of one request, judged against `selection`.
pub(super) fn explain(gce: &Gce, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Winner>) -> Vec<Entry> {
    let (host, path) = (asked.host(), asked.path());
    let mut explanation = other_class_entries(cx);
    let Some(chosen) = selection.winner.map else {
        explanation.push(Entry::info(prose::NO_LOAD_BALANCER.to_string()));
        return explanation;
    };
    let map = &gce.maps[chosen];
    let id = cx.manifest.ingresses[map.ingress].id();
    let mut intro = Entry::info(prose::load_balancer_chosen(&id, map.fit(host), host));
    intro.ingress = Some(id.clone());
    explanation.push(intro);
    for m in gce.maps.iter().enumerate().filter(|&(o, _)| o != chosen).map(|(_, m)| m) {
        let name = cx.manifest.ingresses[m.ingress].id();
        let reason = if m.fit(host) == HostFit::Nothing { Reason::WrongHost } else { Reason::Outranked };
        explanation.push(ingress_entry(cx, m.ingress, Verdict::Lost, reason, prose::other_load_balancer(&name, &id)));
    }
    if !map.errors.is_empty() {
        let mut failed = Entry::info(map.failure_text(cx));
        failed.reason = Reason::ConfigError;
        failed.ingress = Some(id);
        explanation.push(failed);
        return explanation;
    }
    explanation.push(answer_entry(cx, map, &id, selection, host, path));
    let Winner { host_rule: selected, path: best, .. } = selection.winner;
    let winner_slot = selected.zip(best).map(|(h, k)| map.host_rules[h].paths[k].slot);
    for (h, rule) in map.host_rules.iter().enumerate() {
        explanation.extend(rule.judge(cx, Some(h) == selected, winner_slot, host, path));
    }
    for (slot, why) in map.dropped.iter().filter(|(slot, _)| Some(*slot) != winner_slot) {
        explanation.push(slot.entry(cx, Verdict::Lost, Reason::Duplicate, prose::dropped(why)));
    }
    explanation.extend(annotation_entries(cx, &[map.ingress], PREFIXES, &[], "gce"));
    explanation
}

/// The entry of what answers in the chosen URL map: a path, the default service or GKE's 404.
fn answer_entry(
    cx: &Context<'_>,
    map: &UrlMap,
    id: &str,
    selection: &Selection<Winner>,
    host: &str,
    path: &str,
) -> Entry {
    let Winner { host_rule: selected, path: best, .. } = selection.winner;
    let selected_host = selected.map(|h| map.host_rules[h].host.as_str());
    match (selected.zip(best), selection.routed.outcome) {
        (Some((h, k)), _) => {
            let rule = &map.host_rules[h].paths[k];
            rule.slot.won(cx, prose::matched(&map.host_rules[h].host, &rule.pattern, path))
        }
        (None, Outcome::DefaultBackend) => {
            Slot::Default { ingress: map.ingress }.won(cx, prose::default_service(id, selected_host, host, path))
        }
        (None, _) => Entry::info(prose::system_default_backend(id, host, path)),
    }
}

impl HostRule {
    /// The entries of this host rule's paths in the chosen URL map (`selected`: it is the host
    /// rule GCP uses for the request), each written path once, the winner left out.
    fn judge(&self, cx: &Context<'_>, selected: bool, winner: Option<Slot>, host: &str, path: &str) -> Vec<Entry> {
        let covers = super::host_covers(&self.host, host);
        let mut slots: Vec<Slot> = Vec::new();
        for p in &self.paths {
            if !slots.contains(&p.slot) && Some(p.slot) != winner {
                slots.push(p.slot);
            }
        }
        slots
            .into_iter()
            .map(|slot| {
                let patterns: Vec<&str> =
                    self.paths.iter().filter(|p| p.slot == slot).map(|p| p.pattern.as_str()).collect();
                let matching = patterns.iter().find(|p| url_map_path_match(p, path).is_some());
                if !covers {
                    let message = prose::host_rule_does_not_cover(&self.host, self.rule, host);
                    slot.entry(cx, Verdict::Lost, Reason::WrongHost, message)
                } else if !selected {
                    let message = prose::host_rule_not_used(&self.host, host);
                    slot.entry(cx, Verdict::Lost, Reason::Outranked, message)
                } else if let Some(p) = matching {
                    slot.entry(cx, Verdict::Lost, Reason::Outranked, prose::longer_path_matches(p, path))
                } else {
                    let folded = path.to_ascii_lowercase();
                    let case = patterns.iter().any(|p| url_map_path_match(&p.to_ascii_lowercase(), &folded).is_some());
                    slot.entry(cx, Verdict::Lost, path_reason(case), prose::paths_do_not_match(&patterns, path))
                }
            })
            .collect()
    }
}
