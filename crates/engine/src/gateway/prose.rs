//! Every sentence of a Gateway explanation, written from typed facts (nothing here decides).

use super::attach::{shown_hostname, ListenerInfo, Protocol};
use super::matching::PathCondition;
use super::select::{Asked, Failure, NoListener};
use super::table::{Conditions, MatchRecord};
use super::{GatewayReason, Implementation};

/// `HTTPRoute ns/name rule 0 match 1`, written once per match and kept with it (a large listener
/// names thousands of matches in each explanation).
pub(super) fn candidate(m: &MatchRecord) -> &str {
    m.label.get_or_init(|| {
        let mut s = format!("{} {} rule {}", m.route.kind().as_str(), m.route.id, m.rule);
        if let Some(name) = &m.rule_name {
            s.push_str(&format!(" ({name:?})"));
        }
        if let Some(i) = m.match_index {
            s.push_str(&format!(" match {i}"));
        }
        s
    })
}

/// `listener "https" (HTTPS, port 443, *.example.com)`.
pub(super) fn listener(l: &ListenerInfo) -> String {
    format!(
        "listener {:?} ({}, port {}, {})",
        l.name,
        l.protocol_text,
        l.port.map_or("none".to_string(), |p| p.to_string()),
        if l.hostname.is_empty() { "any host".to_string() } else { format!("hostname {}", l.hostname) }
    )
}

fn path_condition(p: &PathCondition) -> String {
    match p {
        PathCondition::Exact(v) => format!("Exact {v}"),
        PathCondition::Prefix { written, .. } => format!("PathPrefix {written}"),
        PathCondition::Regex { written, .. } => format!("RegularExpression {written}"),
    }
}

/// What a match requires, in a few words.
pub(super) fn conditions(c: &Conditions) -> String {
    let mut parts = Vec::new();
    match &c.grpc {
        Some(g) => {
            let service = g.service.as_ref().map_or("any service".to_string(), |s| format!("service {}", s.written()));
            let method = g.method.as_ref().map_or("any method".to_string(), |m| format!("method {}", m.written()));
            parts.push(format!("gRPC {service}, {method}"));
        }
        None => parts.push(format!("path {}", path_condition(&c.path))),
    }
    if let Some(m) = &c.method {
        parts.push(format!("method {m}"));
    }
    for (name, v) in &c.headers {
        parts.push(format!("header {name} {} {}", if v.is_exact() { "=" } else { "~" }, v.written()));
    }
    for (name, v) in &c.query {
        parts.push(format!("query {name} {} {}", if v.is_exact() { "=" } else { "~" }, v.written()));
    }
    parts.join(", ")
}

/// The reason a failed condition is reported under.
pub(super) fn failure_reason(f: Failure) -> GatewayReason {
    match f {
        Failure::Path => GatewayReason::Path,
        Failure::Method => GatewayReason::Method,
        Failure::Header(_) => GatewayReason::Header,
        Failure::Query(_) => GatewayReason::Query,
        Failure::NotGrpc | Failure::GrpcService | Failure::GrpcMethod => GatewayReason::Grpc,
        Failure::Kind => GatewayReason::ListenerProtocol,
    }
}

/// Why a match's condition fails for this request.
pub(super) fn failure(m: &MatchRecord, f: Failure, asked: &Asked<'_>) -> String {
    let c = &m.conditions;
    let why = match f {
        Failure::Path => match &c.path {
            PathCondition::Regex { regex: None, written } => {
                format!("its RegularExpression {written} does not compile, so it matches nothing")
            }
            PathCondition::Exact(v) if v.trim_end_matches('/') == asked.path.trim_end_matches('/') => {
                format!("Exact {v} differs from {} by a trailing slash (Exact compares byte for byte)", asked.path)
            }
            PathCondition::Prefix { written, trimmed }
                if asked.path.starts_with(trimmed.as_str()) && !trimmed.is_empty() =>
            {
                format!(
                    "PathPrefix {written} matches whole path elements only: {} continues the last element",
                    asked.path
                )
            }
            p => format!("its path {} does not match {}", path_condition(p), asked.path),
        },
        Failure::Method => format!(
            "it requires method {}, the request is {}",
            c.method.as_deref().unwrap_or(""),
            asked.request.method
        ),
        Failure::Header(i) => {
            let (name, v) = &c.headers[i];
            let actual = super::matching::header_value(asked.request, name);
            format!(
                "it requires header {name} {} {}; the request {}",
                if v.is_exact() { "=" } else { "matching" },
                v.written(),
                actual.map_or("has no such header".to_string(), |a| format!("sends {a:?}"))
            )
        }
        Failure::Query(i) => {
            let (name, v) = &c.query[i];
            let actual = super::matching::query_value(asked.query, name);
            format!(
                "it requires query parameter {name} {} {}; the request {}",
                if v.is_exact() { "=" } else { "matching" },
                v.written(),
                actual.map_or("has none".to_string(), |a| format!("sends {a:?} (first value)"))
            )
        }
        Failure::NotGrpc => "it is a GRPCRoute match and the request is not gRPC (POST /package.Service/Method with content-type application/grpc)".to_string(),
        Failure::GrpcService => format!(
            "it requires gRPC service {}, the request calls {}",
            c.grpc.as_ref().and_then(|g| g.service.as_ref()).map_or("", |s| s.written()),
            asked.grpc.map_or("", |g| g.0)
        ),
        Failure::GrpcMethod => format!(
            "it requires gRPC method {}, the request calls {}",
            c.grpc.as_ref().and_then(|g| g.method.as_ref()).map_or("", |s| s.written()),
            asked.grpc.map_or("", |g| g.1)
        ),
        Failure::Kind => "its route kind does not serve this listener's protocol".to_string(),
    };
    format!("{}: {why}.", candidate(m))
}

/// The winner's sentence.
pub(super) fn winner(m: &MatchRecord, hostname: &str, listener_info: &ListenerInfo) -> String {
    format!(
        "{} on {} for {} ({}) matches and takes precedence over every other match: it answers.",
        candidate(m),
        listener(listener_info),
        shown_hostname(hostname),
        conditions(&m.conditions)
    )
}

/// Why a matching candidate ranks after the winner, by the precedence step that decided.
pub(super) fn outranked(
    implementation: Implementation,
    reason: GatewayReason,
    m: &MatchRecord,
    w: &MatchRecord,
) -> String {
    let (cm, cw) = (&m.conditions, &w.conditions);
    let step = match reason {
        GatewayReason::PrecedenceExact => {
            format!("an Exact path ({}) takes precedence over {}", path_condition(&cw.path), path_condition(&cm.path))
        }
        GatewayReason::PrecedenceRegex => match (&cw.path, &cm.path) {
            (PathCondition::Regex { written: a, .. }, PathCondition::Regex { written: b, .. }) => format!(
                "{} ranks the longer regular expression first ({} characters against {})",
                implementation.title(),
                a.len(),
                b.len()
            ),
            _ => match implementation {
                Implementation::Spec => format!(
                    "the specification leaves the rank of RegularExpression paths to implementations; the spec reading ranks them after every Exact and PathPrefix ({} against {})",
                    path_condition(&cw.path),
                    path_condition(&cm.path)
                ),
                _ => format!(
                    "{} ranks Exact, then RegularExpression, then PathPrefix ({} against {})",
                    implementation.title(),
                    path_condition(&cw.path),
                    path_condition(&cm.path)
                ),
            },
        },
        GatewayReason::PrecedencePrefixLength => format!(
            "the longer path {} ({} characters) takes precedence over {} ({})",
            cw.path.written(),
            cw.path.written().len(),
            cm.path.written(),
            cm.path.written().len()
        ),
        GatewayReason::PrecedenceMethod => "a match with a method takes precedence over one without".to_string(),
        GatewayReason::PrecedenceHeaders => {
            if implementation == Implementation::EnvoyGateway {
                format!(
                    "Envoy Gateway counts a method as one more header match and then exact header matches: the winner has {} header conditions, this one {}",
                    cw.headers.len() + usize::from(cw.method.is_some()),
                    cm.headers.len() + usize::from(cm.method.is_some())
                )
            } else {
                format!("more header matches take precedence ({} against {})", cw.headers.len(), cm.headers.len())
            }
        }
        GatewayReason::PrecedenceQuery => {
            format!("more query parameter matches take precedence ({} against {})", cw.query.len(), cm.query.len())
        }
        GatewayReason::PrecedenceGrpc => "a longer matching gRPC service, then method, takes precedence".to_string(),
        GatewayReason::PrecedenceAge => format!(
            "with the same specificity the older route wins: {} was created {} and {} {}",
            w.route.id,
            w.route.created.as_deref().unwrap_or("(no creationTimestamp)"),
            m.route.id,
            m.route.created.as_deref().map_or("has no creationTimestamp (counts as newest)".to_string(), |c| format!("was created {c}"))
        ),
        GatewayReason::PrecedenceName => format!(
            "with the same specificity and age, {} comes first in namespace/name order",
            w.route.id
        ),
        GatewayReason::PrecedenceRuleOrder => {
            if implementation == Implementation::Contour && !std::sync::Arc::ptr_eq(&m.route, &w.route) {
                format!(
                    "at equal counts Contour ranks by the rule's index in its route (rule {} before rule {}) before the route's age",
                    w.rule, m.rule
                )
            } else {
                "within a route the first rule, then the first match, in list order takes precedence".to_string()
            }
        }
        _ => "the winner takes precedence".to_string(),
    };
    format!("{} matches too, but {} wins: {step}.", candidate(m), candidate(w))
}

/// A matching candidate of a less specific hostname.
pub(super) fn less_specific_host(
    implementation: Implementation,
    m: &MatchRecord,
    hostname: &str,
    chosen: &str,
    winner: Option<&MatchRecord>,
    matches: bool,
) -> String {
    use super::implementation::HostChoice;
    let against = winner.map_or("no rule", candidate);
    match (implementation.host_choice(), matches) {
        (HostChoice::VirtualHost, _) => format!(
            "{}: {} picks one virtual host per hostname and chose {} for this host, which {} answers; the rules of {} are not consulted.",
            candidate(m),
            implementation.title(),
            shown_hostname(chosen),
            against,
            shown_hostname(hostname)
        ),
        (HostChoice::RanksMatches, _) => format!(
            "{} matches too, but {} wins: rules of the more specific hostname {} take precedence over {} (most characters of a matching non-wildcard hostname, then of a matching hostname).",
            candidate(m),
            against,
            shown_hostname(chosen),
            shown_hostname(hostname)
        ),
    }
}

/// A candidate whose hostnames do not match the request host.
pub(super) fn wrong_hostname(m: &MatchRecord, name: &str) -> String {
    format!(
        "{}: its hostnames on this listener ({}) do not match {name}.",
        candidate(m),
        m.hostnames.iter().map(|h| shown_hostname(h)).collect::<Vec<_>>().join(", ")
    )
}

/// Why a listener did not take the request, for the candidates attached to it.
pub(super) fn other_listener(reason: GatewayReason, l: &ListenerInfo, asked: &Asked<'_>) -> String {
    match reason {
        GatewayReason::ListenerPort => format!("{} listens on another port than {}", listener(l), asked.port),
        GatewayReason::ListenerProtocol => {
            format!("{} does not take {} requests", listener(l), asked.request.scheme.as_str())
        }
        GatewayReason::NotProgrammed => format!("{} is Conflicted and not accepted", listener(l)),
        _ => {
            let name = listener_name(asked, l);
            if super::matching::hostname_matches(&l.hostname, name) {
                format!("{} matches {name}, but a listener with a more specific hostname takes it", listener(l))
            } else {
                format!("the hostname of {} does not match {name}", listener(l))
            }
        }
    }
}

fn listener_name<'a>(asked: &'a Asked<'_>, l: &ListenerInfo) -> &'a str {
    match (l.protocol, &asked.sni) {
        (Protocol::Https | Protocol::Tls { .. }, Some(sni)) => sni,
        _ => &asked.host,
    }
}

/// The listener step.
pub(super) fn chosen_listener(l: &ListenerInfo, asked: &Asked<'_>) -> String {
    let by = match (l.protocol, &asked.sni) {
        (Protocol::Https | Protocol::Tls { .. }, Some(sni)) => format!("the SNI name {sni}"),
        _ => format!("the Host {}", asked.host),
    };
    let passthrough = if matches!(l.protocol, Protocol::Tls { passthrough: true }) {
        " TLS passes through to the backend: TLSRoutes choose by SNI."
    } else {
        ""
    };
    format!("Port {}: {} takes the request, the most specific listener for {by}.{passthrough}", asked.port, listener(l))
}

/// No listener took the request.
pub(super) fn no_listener(why: NoListener, asked: &Asked<'_>) -> String {
    match why {
        NoListener::Port => {
            format!("No listener of the Gateway listens on port {}: the connection is refused.", asked.port)
        }
        NoListener::Protocol => {
            format!("The listeners on port {} do not take {} requests.", asked.port, asked.request.scheme.as_str())
        }
        NoListener::Hostname => format!(
            "No listener on port {} has a hostname matching {}: the Gateway answers 404.",
            asked.port, asked.host
        ),
        NoListener::Sni => format!(
            "No listener on port {} serves the SNI name {}: the TLS handshake fails.",
            asked.port,
            asked.sni.as_deref().unwrap_or("")
        ),
    }
}

/// HTTPS: the SNI's listener does not serve the Host.
pub(super) fn misdirected(by_sni: &ListenerInfo, by_host: Option<&ListenerInfo>, asked: &Asked<'_>) -> String {
    match by_host {
        Some(h) => format!(
            "The SNI name {} chose {}, but the Host {} belongs to {}: the Gateway answers 421 Misdirected Request (gateway_types.go Listener.Hostname).",
            asked.sni.as_deref().unwrap_or(""),
            listener(by_sni),
            asked.host,
            listener(h)
        ),
        None => format!(
            "The SNI name {} chose {}, whose hostname does not match the Host {}, and no other listener serves it: 404.",
            asked.sni.as_deref().unwrap_or(""),
            listener(by_sni),
            asked.host
        ),
    }
}

/// No match on the chosen listener.
pub(super) fn no_match(asked: &Asked<'_>) -> String {
    format!("No rule attached to the listener matches {}{}: the Gateway answers 404.", asked.host, asked.path)
}

/// A route that names the Gateway and is not attached.
pub(super) fn detached(kind: &str, id: &str, reason: &str, message: &str) -> String {
    format!("{kind} {id} is not attached to this Gateway (Accepted: False, {reason}): {message}.")
}

/// Route hostnames a listener ignores.
pub(super) fn ignored_hostnames(kind: &str, id: &str, l: &ListenerInfo, hostnames: &[String]) -> String {
    format!("{kind} {id}: hostnames {} do not intersect {} and are ignored there.", hostnames.join(", "), listener(l))
}

/// Notes on the request.
pub(super) fn request_notes(asked: &Asked<'_>) -> Vec<String> {
    let mut notes = Vec::new();
    if asked.port_written {
        notes.push(format!(
            "The port {} in the Host chooses the listener; hostnames match without it (httproute_types.go HTTPRouteSpec.Hostnames).",
            asked.port
        ));
    }
    notes.extend(asked.path_note.clone());
    if !asked.query.is_empty() {
        notes.push(format!("Paths match without the query; query parameter matches read ?{}.", asked.query));
    }
    if let Some((service, method)) = asked.grpc {
        notes.push(format!("A gRPC request: service {service}, method {method}."));
    }
    notes
}

/// The note of a decision whose Gateway or route the API server would refuse.
pub(super) fn rejected() -> String {
    "The API server would refuse this Gateway or the answering route (see Diagnostics): a cluster would not \
     have it; it is routed as written."
        .to_string()
}
