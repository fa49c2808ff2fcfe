//! **The only chooser** (G2, G5, G6, G8): the listener for a request, then the first matching
//! match in precedence order among the hostname groups the request host reaches. The
//! explanation ([`super::explain`]) judges every other candidate against what this chose.

use super::attach::Protocol;
use super::implementation::HostChoice;
use super::matching::{header_matches, query_value, split_path};
use super::table::{Conditions, GatewayTable, ListenerTable};
use super::Implementation;
use crate::request::{Request, Scheme};

/// The request as Gateway routing reads it.
#[derive(Debug)]
pub(crate) struct Asked<'r> {
    pub request: &'r Request,
    /// Lower case, no port, no trailing dot.
    pub host: std::borrow::Cow<'r, str>,
    /// The port the request reaches: the Host's (or URL's), else 80/443 by scheme.
    pub port: i64,
    /// Whether a port was written in the Host.
    pub port_written: bool,
    /// The TLS SNI name (lower case), for HTTPS.
    pub sni: Option<String>,
    /// The path routing matches: as sent (no query), or as the implementation's proxy
    /// normalises it ([`routed_path`]).
    pub path: std::borrow::Cow<'r, str>,
    /// What the normalisation did, for the explanation.
    pub path_note: Option<String>,
    pub query: &'r str,
    /// `Some((service, method))` for a gRPC request (`content-type: application/grpc…`, path
    /// `/package.Service/Method`).
    pub grpc: Option<(&'r str, &'r str)>,
}

impl<'r> Asked<'r> {
    pub fn new(request: &'r Request, implementation: Implementation) -> Asked<'r> {
        let (host, port) = crate::request::split_host_port(request.host.trim());
        let host = host.strip_suffix('.').unwrap_or(host);
        let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(host.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(host)
        };
        let default_port = if request.scheme == Scheme::Https { 443 } else { 80 };
        let parsed = port.and_then(|p| p.parse::<i64>().ok());
        let (path, query) = split_path(&request.path);
        let is_grpc = request.header_values("content-type").next().is_some_and(|c| c.starts_with("application/grpc"));
        let grpc = if is_grpc {
            path.strip_prefix('/').and_then(|p| p.split_once('/')).filter(|(_, m)| !m.contains('/'))
        } else {
            None
        };
        let sni = match request.scheme {
            Scheme::Https => Some(request.sni.as_deref().unwrap_or(&host).to_ascii_lowercase()),
            Scheme::Http => None,
        };
        let (routed, path_note) = routed_path(path, implementation);
        Asked {
            request,
            host,
            port: parsed.unwrap_or(default_port),
            port_written: parsed.is_some(),
            sni,
            path: routed,
            path_note,
            query,
            grpc,
        }
    }
}

/// The path an implementation routes. Envoy Gateway and Contour run Envoy with `normalize_path`
/// and `merge_slashes` on (Envoy Gateway v1.6.7 `internal/xds/translator/listener.go`
/// `NormalizePath: true`, `internal/gatewayapi/listener.go` `MergeSlashes: true`; Contour v1.33.6
/// `internal/envoy/v3/listener.go`), so `.` and `..` segments are resolved and `//` merged before
/// any route matches; the reading is the Ingress `contour` profile's (`envoy_path`, which needs the
/// `controllers` feature: without it paths match as sent). A path Envoy rejects (400) is matched as
/// sent, with a note.
fn routed_path(path: &str, implementation: Implementation) -> (std::borrow::Cow<'_, str>, Option<String>) {
    use std::borrow::Cow;
    if implementation == Implementation::Spec {
        return (Cow::Borrowed(path), None);
    }
    #[cfg(feature = "controllers")]
    {
        match crate::controllers::envoy_path(path, true) {
            Ok(routed) if routed == path => (Cow::Borrowed(path), None),
            Ok(routed) => {
                let note = format!(
                    "{} runs Envoy with normalize_path and merge_slashes: the path {path} is routed as {routed}.",
                    implementation.title()
                );
                (Cow::Owned(routed), Some(note))
            }
            Err(why) => {
                let note = format!(
                    "Envoy rejects the path {path} with 400 Bad Request ({why}); the simulator matches it as sent."
                );
                (Cow::Borrowed(path), Some(note))
            }
        }
    }
    #[cfg(not(feature = "controllers"))]
    {
        (Cow::Borrowed(path), None)
    }
}

/// Why no listener took the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoListener {
    /// No listener on the port (connection refused).
    Port,
    /// Listeners on the port, none for this protocol.
    Protocol,
    /// HTTP: listeners on the port, none whose hostname matches the Host (404).
    Hostname,
    /// HTTPS/TLS: no listener whose hostname matches the SNI (the handshake fails).
    Sni,
}

/// The listener step's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListenerChoice {
    Chosen(usize),
    /// HTTPS: the listener chosen by SNI does not serve the Host; another listener does (421),
    /// or none does (404).
    Misdirected {
        by_sni: usize,
        by_host: Option<usize>,
    },
    None(NoListener),
}

/// What select chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Selection {
    pub listener: ListenerChoice,
    /// The winning match: index into the listener's `matches`, and the hostname it won by.
    pub winner: Option<(u32, usize)>,
}

/// Which requests a listener takes: HTTP ← http; HTTPS (terminated) and TLS ← https.
fn takes_scheme(listener: &ListenerTable, scheme: Scheme) -> bool {
    matches!(
        (listener.info.protocol, scheme),
        (Protocol::Http, Scheme::Http) | (Protocol::Https | Protocol::Tls { .. }, Scheme::Https)
    )
}

/// The most specific accepted listener (on `port`, for `scheme`, of a protocol `keep` allows)
/// whose hostname matches `name` (G2: exact, then wildcards by suffix length, then none).
fn most_specific(
    gateway: &GatewayTable,
    port: i64,
    scheme: Scheme,
    name: &str,
    keep: impl Fn(&ListenerTable) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, (u8, usize))> = None;
    for (i, l) in gateway.listeners.iter().enumerate() {
        if l.info.conflicted || l.info.port != Some(port) || !takes_scheme(l, scheme) || !keep(l) || !l.takes_host(name)
        {
            continue;
        }
        let rank = l.specificity();
        if best.is_none_or(|(_, b)| rank > b) {
            best = Some((i, rank));
        }
    }
    best.map(|(i, _)| i)
}

/// G2: the listener for a request (`gateway_types.go` `Listener.Hostname`: for HTTPS the SNI
/// picks the listener; a Host another listener serves is misdirected, 421; a Host no listener
/// serves gets 404).
pub(crate) fn choose_listener(gateway: &GatewayTable, asked: &Asked<'_>) -> ListenerChoice {
    let scheme = asked.request.scheme;
    let on_port = gateway.listeners.iter().filter(|l| !l.info.conflicted && l.info.port == Some(asked.port));
    let mut any_on_port = false;
    let mut any_for_scheme = false;
    for l in on_port {
        any_on_port = true;
        any_for_scheme |= takes_scheme(l, scheme);
    }
    if !any_on_port {
        return ListenerChoice::None(NoListener::Port);
    }
    if !any_for_scheme {
        return ListenerChoice::None(NoListener::Protocol);
    }
    match (scheme, &asked.sni) {
        (Scheme::Https, Some(sni)) => {
            let Some(by_sni) = most_specific(gateway, asked.port, scheme, sni, |_| true) else {
                return ListenerChoice::None(NoListener::Sni);
            };
            if matches!(gateway.listeners[by_sni].info.protocol, Protocol::Tls { .. }) {
                return ListenerChoice::Chosen(by_sni);
            }
            let by_host = most_specific(gateway, asked.port, scheme, &asked.host, ListenerTable::is_http);
            if by_host == Some(by_sni) {
                ListenerChoice::Chosen(by_sni)
            } else {
                ListenerChoice::Misdirected { by_sni, by_host }
            }
        }
        _ => match most_specific(gateway, asked.port, scheme, &asked.host, |_| true) {
            Some(i) => ListenerChoice::Chosen(i),
            None => ListenerChoice::None(NoListener::Hostname),
        },
    }
}

/// The first condition of a match a request fails (G5), in the order path, method, headers,
/// query, gRPC; `None` when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    Path,
    Method,
    Header(usize),
    Query(usize),
    /// A GRPCRoute match and a request that is not gRPC.
    NotGrpc,
    GrpcService,
    GrpcMethod,
    /// An HTTPRoute and a TLS passthrough request, or the reverse.
    Kind,
}

/// G5: path AND method AND every header AND every query parameter (AND the gRPC method).
pub(crate) fn first_failure(conditions: &Conditions, asked: &Asked<'_>) -> Option<Failure> {
    if let Some(grpc) = &conditions.grpc {
        let Some((service, method)) = asked.grpc else { return Some(Failure::NotGrpc) };
        if grpc.service.as_ref().is_some_and(|s| !s.matches(service)) {
            return Some(Failure::GrpcService);
        }
        if grpc.method.as_ref().is_some_and(|m| !m.matches(method)) {
            return Some(Failure::GrpcMethod);
        }
    } else if !conditions.path.matches(&asked.path) {
        return Some(Failure::Path);
    }
    if conditions.method.as_ref().is_some_and(|m| *m != asked.request.method) {
        return Some(Failure::Method);
    }
    for (i, (name, condition)) in conditions.headers.iter().enumerate() {
        if !header_matches(asked.request, name, condition) {
            return Some(Failure::Header(i));
        }
    }
    for (i, (name, condition)) in conditions.query.iter().enumerate() {
        if !query_value(asked.query, name).is_some_and(|v| condition.matches(v)) {
            return Some(Failure::Query(i));
        }
    }
    None
}

/// G6 and G8: the winner among the listener's matches, or none (404).
pub(crate) fn choose_match(
    listener: &ListenerTable,
    asked: &Asked<'_>,
    implementation: Implementation,
) -> Option<(u32, usize)> {
    let tls = matches!(listener.info.protocol, Protocol::Tls { .. });
    let name = if tls { asked.sni.as_deref().unwrap_or(&asked.host) } else { &asked.host };
    for (k, (g, group)) in listener.groups_for(name).enumerate() {
        for &m in &group.members {
            let record = &listener.matches[m as usize];
            let kind_ok = (record.route.kind() == super::RouteKind::Tls) == tls;
            if kind_ok && first_failure(&record.conditions, asked).is_none() {
                return Some((m, g));
            }
        }
        if k == 0 && implementation.host_choice() == HostChoice::VirtualHost {
            return None;
        }
    }
    None
}

/// Select: the listener, then the match.
pub(crate) fn select(gateway: &GatewayTable, asked: &Asked<'_>, implementation: Implementation) -> Selection {
    let listener = choose_listener(gateway, asked);
    let winner = match listener {
        ListenerChoice::Chosen(l) => choose_match(&gateway.listeners[l], asked, implementation),
        _ => None,
    };
    Selection { listener, winner }
}
