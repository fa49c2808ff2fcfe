//! The Contour profile (projectcontour/contour): Envoy virtual hosts and routes built by its DAG.
//!
//! - `internal/dag/ingress_processor.go`: `rulesFromSpec` prepends `spec.defaultBackend` as a rule
//!   for host `*` with path `/` (so the Ingress's own rules can override it); an empty host is `*`,
//!   an empty path `/`. `computeIngressRule` (v1.33.6) reads a missing pathType as
//!   ImplementationSpecific (`ptr.Deref(httppath.PathType, PathTypeImplementationSpecific)`). Path
//!   conditions:
//!   Prefix → segment prefix (Envoy `path_separated_prefix`; trailing slashes trimmed; `/` is a
//!   plain string prefix), Exact → exact, ImplementationSpecific → a regex when the path contains
//!   any of `^+*[]%`, else a string prefix (`/foo` matches `/foobar`). A regex that does not
//!   compile drops the route and every later path of the same rule: `computeIngressRule` logs
//!   "path regex is not valid" and returns (earlier paths and the other rules stay).
//! - Wildcard hosts: Envoy's `*.foo.com` domain covers several labels, so Contour adds to every
//!   route of the virtual host an `:authority` header match (`internal/dag/dag.go`
//!   `wildcardDomainHeaderMatch` @v1.33.6, added by `ingress_processor.go` `route` for hosts with
//!   a `*.` prefix): the regex `^[a-z0-9]([-a-z0-9]*[a-z0-9])?` + the quoted `.foo.com` +
//!   `(:[0-9]+)?`, which Envoy's `safe_regex` matches against the whole header value as sent
//!   (`internal/envoy/v3/route.go` `headerMatcher`). So one RFC 1123 label in lower case (no `_`,
//!   no leading or trailing `-`), the domain in lower case, an optional port. A host that fails it
//!   reaches the wildcard virtual host and matches none of its routes (404, no fall back to `*`).
//! - `internal/dag/dag.go` `AddRoute`: routes of a virtual host are keyed by their conditions; the
//!   last one written wins. `computeIngresses` ranges over a map of Ingresses, so which duplicate
//!   is written last is undefined across Ingresses: the simulator writes Ingresses oldest first
//!   (the newest wins) and rules and paths in order (the later one wins), and says "undefined
//!   (simulated: …)" ([`Reason::UndefinedOrder`]).
//! - `internal/sorter/sorter.go` `routeSorter`: Exact routes first, then regex (longer first),
//!   then prefix (longer first, segment before string on equal prefixes); Envoy takes the first
//!   route that matches. Envoy `safe_regex` must match the whole path.
//! - Envoy picks the virtual host by the Host header: an exact domain, else the longest wildcard
//!   suffix, else `*`; a host with no virtual host gets 404.
//! - Routes match the path after Envoy's `normalize_path` and `merge_slashes`, which Contour
//!   turns on (`internal/envoy/v3/listener.go`; see [`envoy_path`]).
//! - `ingress.kubernetes.io/force-ssl-redirect: "true"` (`internal/annotation/annotations.go`
//!   `TLSRequired` @v1.33.6) makes every route of the Ingress `HTTPSUpgrade`
//!   (`ingress_processor.go` `route`): on the HTTP listener the route answers with Envoy's
//!   `https_redirect` (`internal/envoy/v3/route.go` `UpgradeHTTPS`, Envoy's default code 301);
//!   over HTTPS it proxies (see [`https_upgrade`]).
//! - Every TLS virtual host's filter chain on the HTTPS listener runs a Lua filter
//!   (`internal/envoy/v3/listener.go` `FilterMisdirectedRequests`, added in
//!   `internal/xdscache/v3/listener.go` @v1.33.6) that answers 421 before routing when the
//!   `:authority`, lower-cased and without its port, is not the SNI (see [`misdirected`]).
//! - The HTTPS listener has one filter chain per secure virtual host, matched on the SNI
//!   (`internal/envoy/v3/listener.go` `FilterChainTLS` @v1.33.6), and exists only when there is
//!   one (`internal/xdscache/v3/listener.go` `ListenerCache.OnChange`). Secure virtual hosts are
//!   the `spec.tls` hosts whose Secret resolves (`ingress_processor.go`
//!   `computeSecureVirtualhosts`; the simulator reads no Secret, so a named one resolves) and that
//!   get a route from a rule of the same host (`computeIngressRule`; `internal/dag/builder.go`
//!   keeps only `SecureVirtualHost.Valid` ones). A default filter chain exists only for a fallback
//!   certificate (`FilterChainTLSFallback`, off by default): an SNI no chain serves finds none, and
//!   Envoy closes the connection during the handshake (see [`Contour::serves_sni`]). Each chain's
//!   route configuration holds only its secure virtual host, so over HTTPS the SNI picks the
//!   virtual host (see [`Contour::secure_virtual_host`]).

mod explain;
mod prose;

use super::common::{by_age, TieBreak};
use super::glob::compile_regex;
use super::glob::request_path::envoy_path;
use super::glob::verdict::{ignored_of, spec_certificate, Slot};
use super::{Asked, Context, Controller, Routed, Selection};
use crate::decision::{Entry, IgnoredAnnotation, Outcome, Redirect, TlsDecision};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Ingress, PathType};
use crate::request::Scheme;
use crate::router::hash::FxMap;

/// The compiled configuration: one virtual host per host name.
pub(crate) struct Contour {
    vhosts: Vec<VirtualHost>,
    /// Routes overwritten by a later one with the same conditions, or dropped, and why.
    dropped: Vec<Dropped>,
    /// Virtual hosts with an exact domain, by domain.
    exact: FxMap<String, usize>,
    /// Wildcard virtual hosts `*.foo.com`, by their suffix `.foo.com`.
    suffixes: FxMap<String, usize>,
    /// The `*` virtual host.
    star: Option<usize>,
    /// Per virtual host: the ignored annotations when none of its routes matches.
    unmatched_ignored: Vec<Vec<IgnoredAnnotation>>,
    /// The names of the HTTPS listener's filter chains: every `spec.tls` host with a Secret and a
    /// route of a rule for that host (lower case; `*.foo.com` for a wildcard).
    tls_server_names: Vec<String>,
}

const ANNOTATION_PREFIXES: &[&str] =
    &["projectcontour.io/", "contour.heptio.com/", "ingress.kubernetes.io/", "kubernetes.io/ingress.allow-http"];
/// The annotation that turns an Ingress's HTTP routes into redirects to HTTPS (`TLSRequired`).
const FORCE_SSL_REDIRECT: &str = "ingress.kubernetes.io/force-ssl-redirect";
/// The annotations of [`ANNOTATION_PREFIXES`] that the profile simulates.
const SIMULATED: &[&str] = &[FORCE_SSL_REDIRECT];
/// Contour's default `disableMergeSlashes: false` (`pkg/config/parameters.go`, v1.33.6): Envoy
/// merges `//` before routing.
const MERGE_SLASHES: bool = true;

/// A path that gives no route.
#[derive(Debug)]
struct Dropped {
    slot: Slot,
    why: DropReason,
    /// The route of another Ingress that replaced it: which of the two Contour writes last is
    /// undefined.
    replaced_across_ingresses_by: Option<Slot>,
}

/// Why a path gives no route.
#[derive(Debug)]
enum DropReason {
    /// `computeIngressRule` made no route of it.
    NoRoute(NoRoute),
    /// `dag.go` `AddRoute`: a route with the same condition was written later on virtual host
    /// `host` (by another Ingress when `across_ingresses`).
    Replaced { host: String, cond: String, across_ingresses: bool },
}

/// Why `computeIngressRule` makes no route of a path.
#[derive(Clone, Debug)]
enum NoRoute {
    /// The regex does not compile (the compiler's error).
    BadRegex(String),
    /// The pathType is not one of the three.
    UnknownPathType,
    /// An earlier path of the rule (this one) has a regex that does not compile: the rule stops there.
    AfterBadRegex(String),
}

#[derive(Debug)]
struct VirtualHost {
    /// `*`, `*.foo.com` or a name.
    host: String,
    /// Sorted as `routeSorter` sorts.
    routes: Vec<Route>,
}

#[derive(Debug)]
struct Route {
    slot: Slot,
    cond: Cond,
}

#[derive(Debug)]
enum Cond {
    Exact(String),
    Regex(String, regex_lite::Regex),
    /// Prefix and whether it is a segment prefix.
    Prefix(String, bool),
}

impl Cond {
    /// The same conditions (`AddRoute` keys routes by them).
    fn same(&self, other: &Cond) -> bool {
        match (self, other) {
            (Cond::Exact(a), Cond::Exact(b)) | (Cond::Regex(a, _), Cond::Regex(b, _)) => a == b,
            (Cond::Prefix(a, x), Cond::Prefix(b, y)) => a == b && x == y,
            _ => false,
        }
    }

    fn matches(&self, path: &str) -> bool {
        match self {
            Cond::Exact(p) => path == p,
            Cond::Regex(_, re) => re.is_match(path),
            Cond::Prefix(p, true) => {
                path.strip_prefix(p.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            }
            Cond::Prefix(p, false) => path.starts_with(p.as_str()),
        }
    }

    /// `routeSorter.Less` as a sort key (smaller sorts first).
    fn order(&self) -> (u8, std::cmp::Reverse<usize>, std::cmp::Reverse<&str>, bool) {
        use std::cmp::Reverse;
        match self {
            Cond::Exact(p) => (0, Reverse(0), Reverse(p.as_str()), false),
            Cond::Regex(r, _) => (1, Reverse(r.len()), Reverse(r.as_str()), false),
            Cond::Prefix(p, segment) => (2, Reverse(p.len()), Reverse(p.as_str()), !segment),
        }
    }
}

/// `pathtranslate`: the condition of one path, or why there is none.
fn condition(path: &str, path_type: PathType) -> Result<Cond, NoRoute> {
    Ok(match path_type {
        PathType::Prefix if path == "/" => Cond::Prefix("/".into(), false),
        PathType::Prefix => {
            let trimmed = path.trim_end_matches('/');
            Cond::Prefix(if trimmed.is_empty() { "/".into() } else { trimmed.into() }, !trimmed.is_empty())
        }
        PathType::Exact => Cond::Exact(path.into()),
        PathType::ImplementationSpecific if path.contains(['^', '+', '*', '[', ']', '%']) => {
            Cond::Regex(path.into(), compile_regex(path, true).map_err(NoRoute::BadRegex)?)
        }
        PathType::ImplementationSpecific => Cond::Prefix(path.into(), false),
    })
}

/// One written route of an Ingress, before `AddRoute`: its virtual host, where it comes from and
/// its condition.
type Written = (String, Slot, Result<Cond, NoRoute>);

/// `computeIngressRule` for every rule of Ingress `i` (its defaultBackend first, `rulesFromSpec`),
/// with a diagnostic for each path that gives no route.
fn written_routes(cx: &Context<'_>, i: usize, diagnostics: &mut Vec<Diagnostic>) -> Vec<Written> {
    let ingress = &cx.manifest.ingresses[i];
    // rulesFromSpec: the defaultBackend first, as host `*`, path `/` (string prefix).
    let mut written: Vec<Written> = Vec::new();
    if ingress.spec.default_backend.is_some() {
        written.push(("*".into(), Slot::Default { ingress: i }, Ok(Cond::Prefix("/".into(), false))));
    }
    for (r, rule) in ingress.spec.rules.iter().enumerate() {
        let Some(http) = &rule.http else { continue };
        let host = if rule.host().is_empty() { "*".to_string() } else { rule.host().to_ascii_lowercase() };
        // The first path whose regex is not valid: computeIngressRule returns there.
        let mut bad_regex: Option<&str> = None;
        for (p, path) in http.paths.iter().enumerate() {
            let slot = Slot::Path { ingress: i, rule: r, path: p };
            let value = if path.path().is_empty() { "/" } else { path.path() };
            if let Some(bad) = bad_regex {
                written.push((host.clone(), slot, Err(NoRoute::AfterBadRegex(bad.to_string()))));
                continue;
            }
            let path_type = match &path.path_type {
                None => Some(PathType::ImplementationSpecific),
                Some(_) => path.path_type(),
            };
            let cond = match path_type {
                Some(t) => condition(value, t),
                None => Err(NoRoute::UnknownPathType),
            };
            if let Err(e) = &cond {
                let later = http.paths.len() - p - 1;
                let dropped_later = if path_type.is_some() && later > 0 {
                    bad_regex = Some(value);
                    later
                } else {
                    0
                };
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        Code::Controller,
                        prose::no_route_diagnostic(value, e, dropped_later),
                    )
                    .on(format!("Ingress {}", ingress.id()))
                    .at(path.span),
                );
            }
            written.push((host.clone(), slot, cond));
        }
    }
    written
}

/// A summary: the derived form would keep every nested type's `Debug` in the JS package for the
/// `dyn` controller's vtable, and nothing reads it.
impl std::fmt::Debug for Contour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contour").field("virtual_hosts", &self.vhosts.len()).finish_non_exhaustive()
    }
}

impl Contour {
    /// The virtual hosts, and the paths that give no route.
    pub fn compile(cx: &Context<'_>) -> (Contour, Vec<Diagnostic>) {
        let mut vhosts: Vec<VirtualHost> = Vec::new();
        let mut dropped = Vec::new();
        let mut diagnostics = Vec::new();
        let mut tls_server_names = Vec::new();
        for i in by_age(cx, TieBreak::NameAscending) {
            tls_server_names.extend(server_names(&cx.manifest.ingresses[i]));
            for (host, slot, cond) in written_routes(cx, i, &mut diagnostics) {
                let cond = match cond {
                    Ok(c) => c,
                    Err(e) => {
                        dropped.push(Dropped { slot, why: DropReason::NoRoute(e), replaced_across_ingresses_by: None });
                        continue;
                    }
                };
                let at = match vhosts.iter().position(|v| v.host == host) {
                    Some(at) => at,
                    None => {
                        vhosts.push(VirtualHost { host: host.clone(), routes: Vec::new() });
                        vhosts.len() - 1
                    }
                };
                let routes = &mut vhosts[at].routes;
                // dag.go AddRoute: the same conditions replace the earlier route.
                if let Some(k) = routes.iter().position(|r| r.cond.same(&cond)) {
                    let old = routes.remove(k);
                    let across = old.slot.ingress() != slot.ingress();
                    let why = DropReason::Replaced { host, cond: cond.to_string(), across_ingresses: across };
                    dropped.push(Dropped { slot: old.slot, why, replaced_across_ingresses_by: across.then_some(slot) });
                }
                routes.push(Route { slot, cond });
            }
        }
        for v in &mut vhosts {
            crate::order::sort_by(&mut v.routes, |a, b| a.cond.order().cmp(&b.cond.order()));
        }
        let (mut exact, mut suffixes) = (FxMap::default(), FxMap::default());
        for (k, v) in vhosts.iter().enumerate() {
            if v.host != "*" && !v.host.starts_with("*.") {
                exact.entry(v.host.clone()).or_insert(k);
            } else if let Some(suffix) = v.host.strip_prefix('*').filter(|s| s.starts_with('.')) {
                suffixes.entry(suffix.to_string()).or_insert(k);
            }
        }
        let star = vhosts.iter().position(|v| v.host == "*");
        // builder.go keeps a secure virtual host only when it is Valid: a Secret and a route, which
        // computeIngressRule adds from a rule of the same host (never `*`).
        tls_server_names.retain(|name| name != "*" && vhosts.iter().any(|v| v.host == *name && !v.routes.is_empty()));
        let unmatched_ignored = vhosts
            .iter()
            .map(|v| {
                let involved: Vec<usize> = v.routes.iter().map(|r| r.slot.ingress()).collect();
                ignored_of(cx, &involved, ANNOTATION_PREFIXES, SIMULATED)
            })
            .collect();
        (Contour { vhosts, dropped, exact, suffixes, star, unmatched_ignored, tls_server_names }, diagnostics)
    }

    /// Did the route from `slot` replace another Ingress's route with the same condition (whose
    /// order Contour leaves undefined)?
    fn replaced_across_ingresses(&self, slot: Slot) -> bool {
        self.dropped.iter().any(|d| d.replaced_across_ingresses_by == Some(slot))
    }

    /// `FilterMisdirectedRequests`: the request came over TLS with an SNI that one of Contour's
    /// filter chains serves (each runs the Lua filter), and its Host, lower-cased and without the
    /// port, is not that SNI.
    fn misdirected(&self, asked: &Asked<'_>, tls: Option<&TlsDecision>) -> bool {
        tls.is_some_and(|t| asked.host() != t.sni.to_ascii_lowercase() && self.serves_sni(&t.sni))
    }

    /// One of the HTTPS listener's filter chains serves the TLS SNI `sni`. Without one, no
    /// filter chain matches (there is no default chain without a fallback certificate, and no
    /// listener without a secure virtual host): Envoy closes the connection.
    fn serves_sni(&self, sni: &str) -> bool {
        let sni = sni.to_ascii_lowercase();
        self.tls_server_names.iter().any(|name| serves_server_name(name, &sni))
    }

    /// Over HTTPS, the secure virtual host of the filter chain Envoy picks for `sni` (an exact
    /// server name, else the longest wildcard that serves it): each chain's route configuration
    /// holds only that virtual host (`internal/xdscache/v3/route.go` `RouteCache.OnChange`,
    /// `https/<vhost>` @v1.33.6), so an HTTP-only `a.foo.com` is not reached through `*.foo.com`'s.
    fn secure_virtual_host(&self, sni: &str) -> Option<usize> {
        let sni = sni.to_ascii_lowercase();
        let serving = self.tls_server_names.iter().filter(|name| serves_server_name(name, &sni));
        let chain = serving.max_by_key(|name| (!name.starts_with('*'), name.len()))?;
        self.vhosts.iter().position(|v| v.host == *chain)
    }

    /// Envoy's virtual host choice, from the maps: the exact domain, else the longest wildcard
    /// suffix (the first `.` of the host that leaves a label before it), else `*`.
    fn virtual_host(&self, host: &str) -> Option<usize> {
        if let Some(&k) = self.exact.get(host) {
            return Some(k);
        }
        let wildcard = host
            .char_indices()
            .filter(|&(at, c)| c == '.' && at > 0)
            .find_map(|(at, _)| self.suffixes.get(&host[at..]).copied());
        wildcard.or(self.star)
    }
}

/// The regex Contour puts before the quoted domain of a wildcard host: one lower-case RFC 1123
/// label (`dag.go` `singleDNSLabelWildcardRegex` @v1.33.6).
const SINGLE_LABEL: &str = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?";
/// The regex Contour puts after it: an optional port (`dag.go` `ignorePortRegex` @v1.33.6).
const OPTIONAL_PORT: &str = "(:[0-9]+)?";

/// What the `:authority` header match of a wildcard virtual host's routes says of a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Authority {
    /// The virtual host is not a wildcard (no header match), or the header passes it.
    #[default]
    Passes,
    /// The host has more than one label before the domain.
    SeveralLabels,
    /// One label, but the header as sent is not what the regex accepts (upper case, `_`, a `-`
    /// at either end of the label, a trailing dot, a port that is not digits).
    Refused,
}

/// `wildcardDomainHeaderMatch`: `SINGLE_LABEL` + the quoted `domain` (`.foo.com`) +
/// `OPTIONAL_PORT`, matched against the whole `:authority` as sent; `host` is the same host
/// normalised (lower case, no port), to tell a deeper host from a refused label.
fn wildcard_authority(domain: &str, authority: &str, host: &str) -> Authority {
    let one_label = host.strip_suffix(domain).is_some_and(|front| !front.is_empty() && !front.contains('.'));
    if !one_label {
        return Authority::SeveralLabels;
    }
    let without_port = match authority.rsplit_once(':') {
        Some((rest, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => authority,
    };
    let label = without_port.strip_suffix(domain).unwrap_or_default();
    let alphanumeric = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let passes = match label.as_bytes() {
        [first, .., last] => {
            alphanumeric(*first) && alphanumeric(*last) && label.bytes().all(|b| alphanumeric(b) || b == b'-')
        }
        [only] => alphanumeric(*only),
        [] => false,
    };
    if passes {
        Authority::Passes
    } else {
        Authority::Refused
    }
}

/// The redirect of a route whose Ingress has `force-ssl-redirect: "true"`, for a request on the
/// HTTP listener. Envoy's `https_redirect` (`UpgradeHTTPS` sets nothing else) answers its default
/// code 301 and keeps the Host as sent, the path and the query; it drops an explicit `:80`, the
/// old scheme's port, and keeps any other port (`RouteEntryImplBase::processRequestHost`).
fn https_upgrade(cx: &Context<'_>, slot: Slot, asked: &Asked<'_>) -> Option<Redirect> {
    let ingress = &cx.manifest.ingresses[slot.ingress()];
    let required = ingress.meta.annotation(FORCE_SSL_REDIRECT).is_some_and(|v| v.value == "true");
    if !required || asked.request.scheme != Scheme::Http {
        return None;
    }
    let sent = asked.request.host.trim();
    let host = sent.strip_suffix(":80").unwrap_or(sent);
    Some(Redirect { status: 301, location: format!("https://{host}{}", asked.request.path) })
}

/// The `spec.tls` hosts of an Ingress that have a Secret: Contour gives each a filter chain on the
/// HTTPS listener.
fn server_names(ingress: &Ingress) -> impl Iterator<Item = String> + '_ {
    let with_secret = ingress.spec.tls.iter().filter(|t| t.secret_name.as_ref().is_some_and(|n| !n.value.is_empty()));
    with_secret.flat_map(|t| &t.hosts).map(|h| h.value.to_ascii_lowercase())
}

/// Envoy's filter chain match on `server_names`: the exact name, or a `*.foo.com` wildcard for any
/// name ending in `.foo.com` (at any depth: Envoy tries each wildcard suffix of the SNI).
fn serves_server_name(name: &str, sni: &str) -> bool {
    match name.strip_prefix('*') {
        Some(suffix) => suffix.starts_with('.') && sni.len() > suffix.len() && sni.ends_with(suffix),
        None => name == sni,
    }
}

/// What [`Contour::select`](Controller::select) chose: the virtual host, what its routes'
/// `:authority` match says of the request (wildcard virtual hosts), and the route (a position in
/// the virtual host's sorted routes).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Winner {
    vhost: Option<usize>,
    authority: Authority,
    route: Option<usize>,
    /// What the HTTPS listener did before routing.
    before_routing: BeforeRouting,
}

/// What Envoy's HTTPS listener does with a request before its routes are tried.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum BeforeRouting {
    /// Plain HTTP, or a TLS filter chain whose Lua filter lets the request through: routed.
    #[default]
    Routed,
    /// No filter chain serves the SNI (or there is no HTTPS listener): the handshake fails.
    NoFilterChain,
    /// The Lua filter answered 421 ([`Contour::misdirected`]).
    Misdirected,
}

impl Controller for Contour {
    type Winner = Winner;

    /// The virtual host by Host, then the first of its routes (in Contour's order) that matches.
    fn select(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Selection<Winner> {
        let host = asked.host();
        let tls = spec_certificate(cx, asked, prose::TLS_DEFAULT, "");
        if tls.as_ref().is_some_and(|t| !self.serves_sni(&t.sni)) {
            // Envoy closes the connection: no status, no route.
            // No chain, so no certificate: not the one the spec's tls entries would pick.
            let tls = tls.map(|t| TlsDecision::fallback(t.sni.clone(), prose::no_certificate(&t.sni)));
            let mut answer = Routed::no_match();
            (answer.outcome, answer.status, answer.tls) = (Outcome::ControllerAnswer, None, tls);
            let winner = Winner { before_routing: BeforeRouting::NoFilterChain, ..Winner::default() };
            return Selection { routed: answer, winner };
        }
        let Ok(path) = envoy_path(asked.path(), MERGE_SLASHES) else {
            let mut routed = Routed::bad_request();
            routed.tls = tls;
            return Selection { routed, winner: Winner::default() };
        };
        let path = path.as_str();
        let vhost = match &tls {
            Some(t) => self.secure_virtual_host(&t.sni),
            None => self.virtual_host(host),
        };
        // The extra :authority match of every route of a wildcard virtual host.
        let wildcard_domain = vhost.and_then(|k| self.vhosts[k].host.strip_prefix('*')).filter(|d| d.starts_with('.'));
        let authority = match wildcard_domain {
            Some(domain) => wildcard_authority(domain, asked.request.host.trim(), host),
            None => Authority::Passes,
        };
        let routes: &[Route] = vhost.map_or(&[], |k| &self.vhosts[k].routes);
        let route = match authority {
            Authority::Passes => routes.iter().position(|r| r.cond.matches(path)),
            _ => None,
        };
        let mut routed = match route {
            Some(w) => routes[w].slot.decided(cx, routes[w].cond.to_string()),
            None => Routed::no_match(),
        };
        if let Some(redirect) = route.and_then(|w| https_upgrade(cx, routes[w].slot, asked)) {
            routed.outcome = Outcome::Redirect;
            routed.redirect = Some(redirect);
            routed.backend = None;
        }
        routed.matched_path = (path != asked.path()).then(|| path.to_string());
        routed.tls = tls;
        if self.misdirected(asked, routed.tls.as_ref()) {
            let mut answer = Routed::no_match();
            (answer.outcome, answer.status, answer.tls) = (Outcome::ControllerAnswer, Some(421), routed.tls);
            let winner = Winner { before_routing: BeforeRouting::Misdirected, ..Winner::default() };
            return Selection { routed: answer, winner };
        }
        routed.ignored_annotations = match (routed.ingress, vhost) {
            (Some(i), _) => ignored_of(cx, &[i], ANNOTATION_PREFIXES, SIMULATED),
            (None, Some(k)) => self.unmatched_ignored[k].clone(),
            (None, None) => Vec::new(),
        };
        Selection { routed, winner: Winner { vhost, authority, route, before_routing: BeforeRouting::Routed } }
    }

    /// The winning route replaced another Ingress's route with the same condition.
    fn picks_among_ties(&self, cx: &Context<'_>, asked: &Asked<'_>) -> bool {
        let Winner { vhost, route, .. } = self.select(cx, asked).winner;
        match (vhost, route) {
            (Some(k), Some(n)) => self.replaced_across_ingresses(self.vhosts[k].routes[n].slot),
            _ => false,
        }
    }

    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Winner>) -> Vec<Entry> {
        explain::explain(self, cx, asked, selection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions() {
        let seg = condition("/foo/", PathType::Prefix).unwrap();
        assert_eq!(seg.to_string(), "prefix /foo (segment)");
        assert!(seg.matches("/foo") && seg.matches("/foo/x") && !seg.matches("/foobar"));
        assert_eq!(condition("/", PathType::Prefix).unwrap().to_string(), "prefix / (string)");
        let re = condition("/api/v[0-9]+", PathType::ImplementationSpecific).unwrap();
        assert!(re.matches("/api/v1") && !re.matches("/api/v1/x"));
        let string = condition("/foo", PathType::ImplementationSpecific).unwrap();
        assert!(string.matches("/foobar"));
        assert!(condition("/foo[", PathType::ImplementationSpecific).is_err());
    }

    /// A missing pathType (only the v1 API rejects it; other API versions and raw input reach the
    /// controller) is ImplementationSpecific: a string prefix, or a regex.
    #[test]
    fn missing_path_type_is_implementation_specific() {
        use crate::{Explain, Options, Profile, Request, Simulator};
        let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n  - host: a.com\n    http:\n      paths:\n      - path: /foo\n        backend: {service: {name: foo, port: {number: 80}}}\n      - path: /v[0-9]+\n        backend: {service: {name: versions, port: {number: 80}}}\n";
        let sim = Simulator::new(yaml, &Options::default());
        let backend = |path: &str| {
            sim.route(&Request::new("a.com", path), Profile::Contour, Explain::Yes).backend.map(|b| b.to_string())
        };
        assert_eq!(backend("/foobar").as_deref(), Some("foo:80"), "a string prefix, not a segment prefix");
        assert_eq!(backend("/v2").as_deref(), Some("versions:80"), "a regex");
    }

    /// An SNI no filter chain serves: the connection is closed, so there is no status, no
    /// certificate and nothing `won`; the spec's tls entries (`*.b.com` covers `www.b.com`) do not
    /// make a chain without a rule of that very host.
    #[test]
    fn an_sni_without_a_filter_chain_is_closed() {
        use crate::{Explain, Options, Profile, Request, Simulator, Verdict};
        let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  tls:\n  - hosts: [a.com]\n    secretName: a-tls\n  - hosts: ['*.b.com']\n    secretName: b-tls\n  rules:\n  - host: a.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend: {service: {name: a, port: {number: 80}}}\n  - host: www.b.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend: {service: {name: b, port: {number: 80}}}\n";
        let sim = Simulator::new(yaml, &Options::default());
        let route = |host: &str| sim.route(&Request::new(host, "/").with_sni(host), Profile::Contour, Explain::Yes);
        assert_eq!(route("a.com").backend.map(|b| b.to_string()).as_deref(), Some("a:80"));
        let closed = route("www.b.com");
        assert_eq!((closed.outcome, closed.status, closed.backend.is_none()), (Outcome::ControllerAnswer, None, true));
        let tls = closed.tls.expect("the handshake is still described");
        assert_eq!((tls.secret_name, tls.ingress), (None, None), "no chain, no certificate");
        assert!(closed.explanation.iter().all(|e| e.verdict != Verdict::Won));
        assert!(closed.explanation.iter().any(|e| e.message.contains("(a.com), matched on the SNI")));
        let plain = sim.route(&Request::new("www.b.com", "/"), Profile::Contour, Explain::No);
        assert_eq!(plain.backend.map(|b| b.to_string()).as_deref(), Some("b:80"), "plain HTTP routes it");
    }

    /// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?\.foo\.com(:[0-9]+)?` against the header as sent.
    #[test]
    fn wildcard_authority_is_one_lower_case_label() {
        let check = |sent: &str| {
            let host = sent.split(':').next().unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
            wildcard_authority(".foo.com", sent, &host)
        };
        for passes in ["a.foo.com", "a-1.foo.com", "0.foo.com", "a.foo.com:8080"] {
            assert_eq!(check(passes), Authority::Passes, "{passes}");
        }
        for refused in ["a_b.foo.com", "-a.foo.com", "a-.foo.com", "A.foo.com", "a.FOO.com", "a.foo.com.", "a.foo.com:"]
        {
            assert_eq!(check(refused), Authority::Refused, "{refused}");
        }
        assert_eq!(check("a.b.foo.com"), Authority::SeveralLabels);
    }

    #[test]
    fn route_order() {
        let mut conds = [
            condition("/", PathType::Prefix).unwrap(),
            condition("/a", PathType::ImplementationSpecific).unwrap(),
            condition("/a", PathType::Prefix).unwrap(),
            condition("/a.*", PathType::ImplementationSpecific).unwrap(),
            condition("/a", PathType::Exact).unwrap(),
        ];
        crate::order::sort_by(&mut conds, |a, b| a.order().cmp(&b.order()));
        let keys: Vec<String> = conds.iter().map(Cond::to_string).collect();
        assert_eq!(keys, ["exact /a", "regex /a.*", "prefix /a (segment)", "prefix /a (string)", "prefix / (string)"]);
    }
}
