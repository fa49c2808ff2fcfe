//! A changed request's explanations keep what bears on that request: a router's explanation
//! judges every candidate of the input (the Ingress profiles every other host's rules, a Gateway
//! every match of every listener), which on a large input is thousands of entries per decision
//! and, over thousands of changes, more than a page can hold. Trimmed here, in the diff, not in
//! the routers (`route --json` still explains everything):
//!
//! - Ingress: the entries about other hosts (`wrong-host`) and other classes (`other-class`) are
//!   replaced by one note counting them; every entry about the request's own host tier, the
//!   winner and every step stay.
//! - Gateway: with a listener chosen, its matches and every step stay, and the matches of the other
//!   listeners become one entry per reason they did not take the request (another port, protocol
//!   or hostname: the listeners named, the matches counted); with no listener, the same.

use crate::decision::{Decision, Entry, Reason};
use crate::gateway::{GatewayDecision, GatewayEntry, GatewayVerdict};

/// Trims an Ingress decision's explanation (see the module docs).
pub(crate) fn ingress(mut decision: Decision) -> Decision {
    let elsewhere = |e: &Entry| matches!(e.reason, Reason::WrongHost | Reason::OtherClass);
    let dropped = decision.explanation.iter().filter(|e| elsewhere(e)).count();
    if dropped > 0 {
        decision.explanation.retain(|e| !elsewhere(e));
        decision.explanation.push(Entry::info(format!(
            "{dropped} candidates on other hosts or of other classes are not listed here (ingress-sim route lists them)."
        )));
    }
    decision
}

/// Trims a Gateway decision's explanation (see the module docs).
pub(crate) fn gateway(mut decision: GatewayDecision) -> GatewayDecision {
    let chosen = decision.listener.clone();
    let mut kept = Vec::with_capacity(decision.explanation.len().min(256));
    // Per other listener: its first entry (standing for all), and how many it had.
    let mut others: Vec<(GatewayEntry, usize)> = Vec::new();
    for entry in std::mem::take(&mut decision.explanation) {
        let other = entry.verdict != GatewayVerdict::Info
            && entry.route.is_some()
            && entry.listener.is_some()
            && entry.listener != chosen;
        if !other {
            kept.push(entry);
            continue;
        }
        match others.iter_mut().find(|(first, _)| first.listener == entry.listener) {
            Some((_, count)) => *count += 1,
            None => others.push((entry, 1)),
        }
    }
    // Listeners passed over for the same reason: one entry for them all.
    let mut groups: Vec<(GatewayEntry, Vec<String>, usize)> = Vec::new();
    for (first, count) in others {
        let name = first.listener.clone().unwrap_or_default();
        match groups.iter_mut().find(|(g, _, _)| g.reason == first.reason && g.verdict == first.verdict) {
            Some((_, names, matches)) => {
                names.push(name);
                *matches += count;
            }
            None => groups.push((first, vec![name], count)),
        }
    }
    for (first, names, matches) in groups {
        let why = first.message.split_once(": ").map_or(first.message.as_str(), |(_, why)| why).trim_end_matches('.');
        let message = match names.as_slice() {
            [one] => format!("Listener {one} does not take the request ({matches} matches not listed): {why}."),
            [a, b, rest @ ..] => format!(
                "{} listeners ({a}, {b}{}) do not take the request ({matches} matches not listed); the first: {why}.",
                names.len(),
                if rest.is_empty() { String::new() } else { ", …".to_string() }
            ),
            [] => continue,
        };
        let listener = (names.len() == 1).then(|| names[0].clone());
        kept.push(GatewayEntry {
            message,
            listener,
            route: None,
            route_kind: None,
            rule: None,
            match_index: None,
            hostname: None,
            span: None,
            ..first
        });
    }
    decision.explanation = kept;
    decision
}
