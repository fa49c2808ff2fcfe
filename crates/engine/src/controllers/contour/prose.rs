//! The printer of the Contour profile: every sentence its decisions, explanations and diagnostics
//! say, from the typed facts the rules ([`super`]) and the judging ([`super::explain`]) hand it.
//! Nothing here decides anything.

use super::{Cond, DropReason, NoRoute, OPTIONAL_PORT, SINGLE_LABEL};
use crate::controllers::glob::request_path::PathReading;
use std::fmt;

/// How Envoy reads the request path under Contour.
pub(super) const PATH_READING: PathReading<'static> = PathReading {
    proxy: "Envoy",
    rejects: "normalize_path, which Contour turns on",
    rewrites: "Contour turns on normalize_path (. and .. resolved, \\ read as /, escaped letters and digits decoded) and merge_slashes (// merged; Contour's default, disableMergeSlashes: false)",
};

/// Added to the spec's certificate step when no `tls` entry covers the name.
pub(super) const TLS_DEFAULT: &str =
    "Contour serves no default certificate unless a fallback certificate is configured: the handshake fails.";

/// No virtual host, no answer: a defaultBackend is only the `*` virtual host.
pub(super) const DEFAULT_BACKEND_ONLY_STAR: &str = "Contour applies a defaultBackend only as the * virtual host: it never answers hosts that have a virtual host of their own.";

/// A route's condition as the explanation names it (`exact /a`, `prefix /foo (segment)`), also
/// the decision's `matched_as`.
impl fmt::Display for Cond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cond::Exact(p) => write!(f, "exact {p}"),
            Cond::Regex(r, _) => write!(f, "regex {r}"),
            Cond::Prefix(p, segment) => write!(f, "prefix {p} ({})", if *segment { "segment" } else { "string" }),
        }
    }
}

impl fmt::Display for NoRoute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoRoute::BadRegex(error) => write!(f, "{error}"),
            NoRoute::UnknownPathType => write!(f, "its pathType is not one Contour knows"),
            NoRoute::AfterBadRegex(bad) => write!(f, "an earlier path of its rule, {bad:?}, is not a valid regex, and Contour stops reading the rule there (computeIngressRule returns)"),
        }
    }
}

/// The warning for a path that gives no route (`dropped_later`: the rule's later paths dropped with it).
pub(super) fn no_route_diagnostic(path: &str, why: &NoRoute, dropped_later: usize) -> String {
    let rest = if dropped_later > 0 {
        format!(
            "; Contour logs \"path regex is not valid\" and also drops the {dropped_later} later path(s) of the rule"
        )
    } else {
        String::new()
    };
    format!("Contour: the path {path:?} gives no route: {why}{rest}.")
}

/// The winning route's sentence (`matched`) when its Ingress asks for HTTPS and the request came
/// over HTTP.
pub(super) fn upgraded_to_https(matched: &str, location: &str) -> String {
    format!("{matched} Its Ingress sets ingress.kubernetes.io/force-ssl-redirect: \"true\", so on the HTTP listener the route is an upgrade to HTTPS (Envoy's https_redirect): 301 → {location}.")
}

/// The Lua filter's 421 on a TLS virtual host's filter chain.
pub(super) fn misdirected(host: &str, sni: &str) -> String {
    format!("Contour answers 421 Misdirected Request before routing: the HTTPS filter chain of a virtual host with a certificate runs its Lua filter (FilterMisdirectedRequests), which requires the Host ({host}, lower-cased, port removed) to be the TLS SNI ({sni}).")
}

/// No filter chain of the HTTPS listener serves the SNI (`server_names`: every `spec.tls` host with
/// a Secret and a route, none when there is no HTTPS listener).
pub(super) fn no_filter_chain(sni: &str, server_names: &[String]) -> String {
    if server_names.is_empty() {
        return format!("Contour opens no HTTPS listener: no spec.tls host with a Secret has a route of a rule for it (ListenerCache.OnChange adds the listener only for secure virtual hosts), so a TLS connection for {sni} is refused: no certificate, no route, no HTTP status.");
    }
    let mut names: Vec<&str> = server_names.iter().map(String::as_str).collect();
    names.sort_unstable();
    names.dedup();
    format!("Contour's HTTPS listener has one filter chain per spec.tls host with a Secret and a route of a rule for that host ({}), matched on the SNI, and none serves {sni}; without a fallback certificate there is no default filter chain, so Envoy closes the connection during the TLS handshake: no certificate, no route, no HTTP status.", names.join(", "))
}

/// The TLS step when no filter chain serves the SNI.
pub(super) fn no_certificate(sni: &str) -> String {
    format!("TLS: no filter chain of Contour's HTTPS listener serves {sni}, so no certificate answers: the handshake fails.")
}

/// A dropped or replaced path.
pub(super) fn not_routed(why: &DropReason) -> String {
    let why = match why {
        DropReason::NoRoute(e) => format!("no route: {e}"),
        DropReason::Replaced { host, cond, across_ingresses: true } => format!("a route of another Ingress on virtual host {host} has the same condition ({cond}); the one written last wins (dag.go AddRoute), and which Ingress Contour writes last is undefined (simulated: oldest first, so the newer Ingress's route wins): computeIngresses ranges over a map"),
        DropReason::Replaced { host, cond, across_ingresses: false } => format!("a route written later on virtual host {host} has the same condition ({cond}) and replaces it (dag.go AddRoute: last write wins)"),
    };
    format!("Not routed: {why}.")
}

/// The virtual host Envoy picks, and how routes are tried.
pub(super) fn virtual_host(chosen: Option<&str>, host: &str) -> String {
    match chosen {
        Some(chosen) => format!("Contour: Envoy picks the virtual host {chosen} for {host} (an exact name beats a wildcard, a wildcard beats *); its routes are tried in Contour's order — Exact, then regex (longest first), then prefix (longest first) — and the first match wins."),
        None => format!("Contour: no virtual host serves {host} (no rule names it, no host-less rule or defaultBackend makes a * virtual host)."),
    }
}

/// Over HTTPS: the virtual host of the filter chain the SNI picks.
pub(super) fn secure_virtual_host(chosen: Option<&str>, sni: &str) -> String {
    let chosen = chosen.unwrap_or_default();
    format!("Contour: over HTTPS the SNI {sni} picks the filter chain of the secure virtual host {chosen} (an exact server name beats a wildcard), whose route configuration holds only that virtual host; its routes are tried in Contour's order — Exact, then regex (longest first), then prefix (longest first) — and the first match wins.")
}

/// The wildcard virtual host is chosen, but the host has several labels before its domain.
pub(super) fn authority_needs_one_label(vhost: &str, host: &str) -> String {
    format!("The wildcard virtual host {vhost} is chosen (Envoy's wildcard covers several labels), but every route on it also requires the :authority to be exactly one label before the domain, which {host} is not.")
}

/// One route of a wildcard virtual host, for a host with several labels before the domain.
pub(super) fn route_needs_one_label(cond: &Cond) -> String {
    format!("{cond}: the route's :authority match accepts one label before the domain only.")
}

/// The `:authority` regex of the routes of wildcard virtual host `vhost` (`*.foo.com`), as
/// `wildcardDomainHeaderMatch` writes it.
fn authority_regex(vhost: &str) -> String {
    let domain = vhost.trim_start_matches('*').replace('.', "\\.");
    format!("{SINGLE_LABEL}{domain}{OPTIONAL_PORT}")
}

/// The wildcard virtual host is chosen, but the `:authority` as sent is not one lower-case label.
pub(super) fn authority_refused(vhost: &str, sent: &str) -> String {
    format!("The wildcard virtual host {vhost} is chosen (Envoy's wildcard domain takes any label, in any case), but every route on it also requires the :authority header, as sent, to match {} (Contour's wildcardDomainHeaderMatch): one DNS label of lower-case letters, digits and inner hyphens before the domain, in lower case, and an optional port. {sent:?} does not match it, so no route applies (404).", authority_regex(vhost))
}

/// One route of a wildcard virtual host whose `:authority` regex refuses the header.
pub(super) fn route_authority_refused(cond: &Cond, vhost: &str, sent: &str) -> String {
    format!("{cond}: the route's :authority match {} does not accept {sent:?}.", authority_regex(vhost))
}

/// The winning route (`from_default`: it is the defaultBackend's; `tie`: it replaced another
/// Ingress's route with the same condition).
pub(super) fn matched(cond: &Cond, vhost: &str, path: &str, from_default: bool, tie: bool) -> String {
    let source = if from_default { " (from spec.defaultBackend)" } else { "" };
    let tie = if tie {
        " Another Ingress has a route with the same condition: which one Contour writes last, and so keeps, is undefined (simulated: the newer Ingress's)."
    } else {
        ""
    };
    format!("Matched: {cond} on virtual host {vhost}{source} is the first route in Contour's order that matches {path}.{tie}")
}

pub(super) fn no_route(host: &str, path: &str) -> String {
    format!("No route matches {host}{path}: Envoy answers 404.")
}

/// Over HTTPS: a route of another virtual host than the filter chain's.
pub(super) fn not_on_the_chain(cond: &Cond, vhost: &str, chosen: &str) -> String {
    format!("{cond} is on virtual host {vhost}; over HTTPS only the routes of the SNI's filter chain, virtual host {chosen}, are tried.")
}

pub(super) fn other_virtual_host(cond: &Cond, vhost: &str, host: &str) -> String {
    format!("{cond} is on virtual host {vhost}, not the one serving {host}.")
}

pub(super) fn comes_later(cond: &Cond, won: Option<&Cond>, path: &str) -> String {
    let won = won.map(Cond::to_string).unwrap_or_default();
    format!("{cond} matches {path}, but {won} comes first in Contour's route order.")
}

pub(super) fn does_not_match(cond: &Cond, path: &str) -> String {
    let how = match cond {
        Cond::Prefix(_, true) => " (a segment prefix: /foo matches /foo and /foo/…, not /foobar)",
        Cond::Regex(..) => " (Envoy regexes must match the whole path)",
        _ => "",
    };
    format!("{cond} does not match {path}{how}.")
}
