//! One request's explanation: every match of every route attached to the Gateway judged once
//! against what [`super::select`] chose (the precedence step it lost at, or why it never
//! applied), and one entry per route that names the Gateway without being attached. Nothing is
//! chosen here; the words are in [`super::prose`].

use super::attach::Protocol;
use super::implementation::HostChoice;
use super::prose;
use super::select::{first_failure, Asked, ListenerChoice, NoListener, Selection};
use super::table::{precedence, GatewayTable, ListenerTable, MatchRecord};
use super::{GatewayEntry, GatewayReason, GatewayVerdict, Implementation, RouteKind};

pub(crate) mod steps;

/// Every step and candidate, winner included.
pub(crate) fn explain(
    gateway: &GatewayTable,
    asked: &Asked<'_>,
    selection: &Selection,
    implementation: Implementation,
) -> Vec<GatewayEntry> {
    let mut out: Vec<GatewayEntry> = prose::request_notes(asked).into_iter().map(GatewayEntry::info).collect();
    let chosen = match selection.listener {
        ListenerChoice::Chosen(l) => {
            out.push(GatewayEntry {
                listener: Some(gateway.listeners[l].info.name.clone()),
                span: Some(gateway.listeners[l].info.span),
                ..GatewayEntry::info(prose::chosen_listener(&gateway.listeners[l].info, asked))
            });
            Some(l)
        }
        ListenerChoice::Misdirected { by_sni, by_host } => {
            let message =
                prose::misdirected(&gateway.listeners[by_sni].info, by_host.map(|h| &gateway.listeners[h].info), asked);
            out.push(GatewayEntry {
                reason: GatewayReason::Misdirected,
                listener: Some(gateway.listeners[by_sni].info.name.clone()),
                ..GatewayEntry::info(message)
            });
            None
        }
        ListenerChoice::None(why) => {
            let reason = match why {
                NoListener::Port => GatewayReason::ListenerPort,
                NoListener::Protocol => GatewayReason::ListenerProtocol,
                NoListener::Hostname | NoListener::Sni => GatewayReason::ListenerHostname,
            };
            out.push(GatewayEntry { reason, ..GatewayEntry::info(prose::no_listener(why, asked)) });
            None
        }
    };
    for (li, listener) in gateway.listeners.iter().enumerate() {
        if Some(li) == chosen {
            judge_listener(listener, asked, selection, implementation, &mut out);
            continue;
        }
        let (verdict, reason) = other_listener_reason(gateway, li, asked, selection);
        let why = prose::other_listener(reason, &listener.info, asked);
        for m in &listener.matches {
            out.push(entry(listener, m, verdict, reason, format!("{}: {why}.", prose::candidate(m)), None));
        }
    }
    for d in &gateway.detached {
        out.push(GatewayEntry {
            verdict: GatewayVerdict::Skipped,
            reason: if d.hostname { GatewayReason::HostnameIntersection } else { GatewayReason::NotAttached },
            route: Some(d.route.id.clone()),
            route_kind: Some(d.route.kind()),
            span: Some(d.span),
            ..GatewayEntry::info(prose::detached(d.route.kind().as_str(), &d.route.id, d.reason, &d.message))
        });
    }
    for listener in &gateway.listeners {
        for (route, hostnames) in &listener.ignored_hostnames {
            out.push(GatewayEntry {
                listener: Some(listener.info.name.clone()),
                route: Some(route.id.clone()),
                route_kind: Some(route.kind()),
                ..GatewayEntry::info(prose::ignored_hostnames(
                    route.kind().as_str(),
                    &route.id,
                    &listener.info,
                    hostnames,
                ))
            });
        }
    }
    if chosen.is_some() && selection.winner.is_none() {
        out.push(GatewayEntry::info(prose::no_match(asked)));
    }
    out
}

/// Why the candidates of a listener that did not take the request never applied.
fn other_listener_reason(
    gateway: &GatewayTable,
    li: usize,
    asked: &Asked<'_>,
    selection: &Selection,
) -> (GatewayVerdict, GatewayReason) {
    let info = &gateway.listeners[li].info;
    if let ListenerChoice::Misdirected { by_sni, .. } = selection.listener {
        if by_sni == li {
            return (GatewayVerdict::Lost, GatewayReason::Misdirected);
        }
    }
    if info.conflicted {
        return (GatewayVerdict::Skipped, GatewayReason::NotProgrammed);
    }
    if info.port != Some(asked.port) {
        return (GatewayVerdict::Skipped, GatewayReason::ListenerPort);
    }
    let takes = match info.protocol {
        Protocol::Http => asked.request.scheme == crate::request::Scheme::Http,
        Protocol::Https | Protocol::Tls { .. } => asked.request.scheme == crate::request::Scheme::Https,
        Protocol::Other => false,
    };
    if !takes {
        return (GatewayVerdict::Skipped, GatewayReason::ListenerProtocol);
    }
    if matches!(selection.listener, ListenerChoice::None(NoListener::Port | NoListener::Protocol)) {
        return (GatewayVerdict::Skipped, GatewayReason::ListenerProtocol);
    }
    (GatewayVerdict::Skipped, GatewayReason::ListenerHostname)
}

fn entry(
    listener: &ListenerTable,
    m: &MatchRecord,
    verdict: GatewayVerdict,
    reason: GatewayReason,
    message: String,
    hostname: Option<&str>,
) -> GatewayEntry {
    GatewayEntry {
        verdict,
        reason,
        message,
        listener: Some(listener.info.name.clone()),
        route: Some(m.route.id.clone()),
        route_kind: Some(m.route.kind()),
        rule: Some(m.rule),
        match_index: m.match_index,
        hostname: hostname.map(str::to_string).or_else(|| m.hostnames.first().cloned()),
        span: Some(m.span),
    }
}

/// Every match on the chosen listener.
fn judge_listener(
    listener: &ListenerTable,
    asked: &Asked<'_>,
    selection: &Selection,
    implementation: Implementation,
    out: &mut Vec<GatewayEntry>,
) {
    let tls = matches!(listener.info.protocol, Protocol::Tls { .. });
    let name: &str = if tls { asked.sni.as_deref().unwrap_or(&asked.host) } else { &asked.host };
    // The hostname groups the name reaches, most specific first, as select walks them.
    let reached: Vec<usize> = listener.groups_for(name).map(|(g, _)| g).collect();
    let winner = selection.winner.map(|(m, g)| (&listener.matches[m as usize], m as usize, g));
    // The group whose rules answer (or, for a virtual host, the one consulted).
    let chosen_group = winner.map(|(_, _, g)| g).or_else(|| match implementation.host_choice() {
        HostChoice::VirtualHost => reached.first().copied(),
        HostChoice::RanksMatches => None,
    });
    for (i, m) in listener.matches.iter().enumerate() {
        if let Some(why) = &m.not_programmed {
            let message = format!("{}: {why}.", prose::candidate(m));
            out.push(entry(listener, m, GatewayVerdict::Lost, GatewayReason::NotProgrammed, message, None));
            continue;
        }
        // The most specific group of this match that the name reaches.
        let best = reached.iter().position(|&g| m.hostnames.iter().any(|h| *h == listener.groups[g].hostname));
        let Some(rank) = best else {
            out.push(entry(
                listener,
                m,
                GatewayVerdict::Lost,
                GatewayReason::Hostname,
                prose::wrong_hostname(m, name),
                None,
            ));
            continue;
        };
        let group = reached[rank];
        let hostname = listener.groups[group].hostname.as_str();
        if let Some((_, wi, _)) = winner {
            if wi == i {
                let message = prose::winner(m, hostname, &listener.info);
                out.push(entry(listener, m, GatewayVerdict::Winner, GatewayReason::Matched, message, Some(hostname)));
                continue;
            }
        }
        let kind_ok = (m.route.kind() == RouteKind::Tls) == tls;
        let failure = if kind_ok { first_failure(&m.conditions, asked) } else { Some(super::select::Failure::Kind) };
        if let Some(f) = failure {
            let message = prose::failure(m, f, asked);
            out.push(entry(listener, m, GatewayVerdict::Lost, prose::failure_reason(f), message, Some(hostname)));
            continue;
        }
        // It matches: it ranks after the winner, or its hostname is not the one that answers.
        let chosen_rank = chosen_group.and_then(|g| reached.iter().position(|&r| r == g));
        let w = winner.map(|(w, _, _)| w);
        if chosen_rank != Some(rank) {
            let chosen_name = chosen_group.map_or("", |g| listener.groups[g].hostname.as_str());
            let message = prose::less_specific_host(implementation, m, hostname, chosen_name, w, true);
            out.push(entry(
                listener,
                m,
                GatewayVerdict::Lost,
                GatewayReason::PrecedenceHostname,
                message,
                Some(hostname),
            ));
            continue;
        }
        match w {
            Some(w) => {
                let (_, reason) = precedence(implementation, w, m);
                let message = prose::outranked(implementation, reason, m, w);
                out.push(entry(listener, m, GatewayVerdict::Lost, reason, message, Some(hostname)));
            }
            None => {
                // Cannot happen: select would have chosen it. Said plainly rather than hidden.
                let message = format!("{} matches, yet no rule was chosen.", prose::candidate(m));
                out.push(entry(listener, m, GatewayVerdict::Lost, GatewayReason::Note, message, Some(hostname)));
            }
        }
    }
}
