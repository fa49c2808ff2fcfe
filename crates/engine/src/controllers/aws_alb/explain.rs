//! One request's explanation under the AWS Load Balancer Controller: the ALB the request reaches,
//! every other ALB, the listener, and every listener rule judged against what
//! [`AwsAlb::select`](crate::controllers::Controller::select) chose. Nothing is chosen here; the
//! words are in [`super::prose`].

use super::listeners::Listener;
use super::prose;
use super::{AwsAlb, Group, Winner, ANNOTATION_PREFIXES, SIMULATED};
use crate::controllers::common::other_class_entries;
use crate::controllers::glob::glob_match;
use crate::controllers::glob::verdict::{annotation_entries, ingress_entry, path_reason, HostFit, Slot};
use crate::controllers::{Asked, Context, Selection};
use crate::decision::{Entry, Reason, Verdict};

/// Every step and candidate of one request, judged against `selection`.
pub(super) fn explain(alb: &AwsAlb, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Winner>) -> Vec<Entry> {
    let (host, path) = (asked.host(), asked.path());
    let mut explanation = other_class_entries(cx);
    let Some(chosen) = selection.winner.group else {
        explanation.push(Entry::info(prose::NO_ALB.to_string()));
        return explanation;
    };
    let group = &alb.groups[chosen];
    let first_member = group.members.first().map(|&i| cx.manifest.ingresses[i].id());
    let mut intro = Entry::info(prose::alb_chosen(group, group.fit(host), host));
    intro.ingress = first_member.clone();
    explanation.push(intro);
    for other in alb.groups.iter().enumerate().filter(|&(o, _)| o != chosen).map(|(_, g)| g) {
        let reason = if other.fit(host) == HostFit::Nothing { Reason::WrongHost } else { Reason::Outranked };
        for &i in &other.members {
            let message = prose::other_alb(&cx.manifest.ingresses[i].id(), other, group);
            explanation.push(ingress_entry(cx, i, Verdict::Lost, reason, message));
        }
    }
    let listener = Listener::of_request(asked.request);
    if !group.errors.is_empty() {
        let mut e = Entry::info(prose::group_failure(group));
        e.reason = Reason::ConfigError;
        e.ingress = first_member;
        explanation.push(e);
    } else if !group.has_listener(listener) {
        let mut e = Entry::info(prose::no_listener(group, listener));
        e.ingress = first_member;
        explanation.push(e);
    } else if let (Some(i), Some(redirect)) = (selection.routed.ingress, selection.routed.redirect.as_ref()) {
        let message = prose::redirected(&cx.manifest.ingresses[i].id(), redirect);
        explanation.push(ingress_entry(cx, i, Verdict::Won, Reason::Redirect, message));
    } else {
        explanation.extend(group.judge(cx, selection.winner.rule, listener, host, path));
    }
    explanation.extend(annotation_entries(cx, &group.members, ANNOTATION_PREFIXES, SIMULATED, "aws-alb"));
    explanation
}

impl Group {
    /// The winning listener rule (or the default action) and every other rule judged against it.
    fn judge(&self, cx: &Context<'_>, winner: Option<usize>, listener: Listener, host: &str, path: &str) -> Vec<Entry> {
        let mut explanation = vec![match (winner, self.default.filter(|&i| self.listens(i, listener))) {
            (Some(w), _) => {
                let rule = &self.rules[w];
                rule.slot.won(cx, prose::matched(&prose::rule(rule, w + 1, rule.matching_pattern(path))))
            }
            (None, Some(i)) => {
                let message = prose::default_action(&cx.manifest.ingresses[i].id(), host, path);
                Slot::Default { ingress: i }.won(cx, message)
            }
            (None, None) => Entry::info(prose::fixed_404(host, path)),
        }];
        let won = winner.map(|w| &self.rules[w]);
        for (k, rule) in self.rules.iter().enumerate().filter(|&(k, _)| Some(k) != winner) {
            let shown = prose::rule(rule, k + 1, None);
            explanation.push(if !self.listens(rule.member, listener) {
                let message = prose::not_on_listener(&shown, &cx.manifest.ingresses[rule.member].id(), listener);
                rule.slot.entry(cx, Verdict::Lost, Reason::Outranked, message)
            } else if !rule.host_ok(host) {
                rule.slot.entry(cx, Verdict::Lost, Reason::WrongHost, prose::host_differs(&shown, host))
            } else if rule.path_ok(path) {
                let same = won.is_some_and(|wr| wr.host == rule.host && wr.patterns == rule.patterns);
                let reason = if same { Reason::Duplicate } else { Reason::Outranked };
                let shown = prose::rule(rule, k + 1, rule.matching_pattern(path));
                rule.slot.entry(cx, Verdict::Lost, reason, prose::matched_later(&shown, winner.map_or(0, |w| w + 1)))
            } else {
                let folded = path.to_ascii_lowercase();
                let case = rule.patterns.iter().any(|p| glob_match(&p.to_ascii_lowercase(), &folded, true, false));
                rule.slot.entry(cx, Verdict::Lost, path_reason(case), prose::path_differs(&shown, path))
            });
        }
        explanation
    }
}
