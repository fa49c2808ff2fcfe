//! The printer of the Traefik profiles: every sentence of their explanations, diagnostics and
//! dropped routers, as small functions of typed facts. Nothing here decides anything.

use super::middlewares::Answered;
use super::{Provider, PATH_MATCHER, PRIORITY};
use crate::controllers::glob::request_path::PathReading;
use crate::decision::Redirect;

/// How Traefik reads the request path before routing.
pub(super) const PATH_READING: PathReading<'static> = PathReading {
    proxy: "Traefik",
    rejects: "Go's net/http rejects the request URI",
    rewrites: "the entry point decodes escaped unreserved characters (normalizePath), resolves . and .. and merges // (sanitizePath, on by default since v3.3.6), and decodes the escapes that are not reserved (withRoutingPath)",
};

/// The certificate Traefik answers with when no tls entry covers the name.
pub(super) const TLS_DEFAULT: &str = "Traefik answers with its default certificate (self-signed \"TRAEFIK DEFAULT CERT\") unless a default TLSStore certificate is configured.";

/// How Traefik picks a certificate, next to the simulator's reading.
pub(super) const TLS_NOTE: &str = "Traefik loads every tls Secret into one store and picks by the certificate's names; the simulator reads the tls hosts instead.";

/// Why a backticked rule (before v3.6.11) does not parse.
pub(super) const BACKTICK: &str =
    "the value holds a backtick, which ends the rule's backticked string (before v3.6.11)";

/// What the `kubernetesIngress` provider does with a backend whose Service is missing, said after
/// "Service ns/name is not in the input (the other Services are): ".
pub(super) const MISSING_SERVICE: &str = "Traefik cannot create its service (\"service not found\") and builds no router for it, so the request goes to the next router that matches, else Traefik's 404 (a rules-less defaultBackend leaves the catch-all to the next rules-less Ingress)";

/// Why a written path or defaultBackend gets no router.
#[derive(Clone)]
pub(super) enum Dropped {
    /// `kubernetesIngress`: a defaultBackend beside rules.
    DefaultBesideRules,
    /// `kubernetesIngress`: a resource backend.
    ResourceBackend,
    /// `kubernetesIngress`: a rules-less defaultBackend with a `resource`.
    DefaultResource,
    /// `kubernetesIngress`: a rules-less defaultBackend that names no Service.
    DefaultNoService,
    /// `kubernetesIngress`: the listed Service (`namespace/name`) has no such port (`80` or
    /// `"http"`, as written).
    PortNotFound { service: String, port: String },
    /// `kubernetesIngress`: the Service (`namespace/name`) is not in an input that lists Services.
    ServiceNotFound { service: String },
    /// `kubernetesIngress`: the Service (`namespace/name`) is of type ExternalName.
    ExternalName { service: String },
    /// A `PathRegexp` the simulator cannot compile.
    BadRegex { rule: String, error: String },
    /// `router.pathmatcher` names no matcher.
    UnknownMatcher { rule: String },
    /// The rule text does not parse.
    Unparsable { rule: String, why: &'static str },
    /// No host and no path: an empty rule.
    EmptyRule,
    /// `kubernetesIngressNGINX`: a snippet annotation skips the Ingress.
    Snippet(&'static str),
    /// `kubernetesIngressNGINX`: strictValidatePathType skips the Ingress.
    StrictPath(String),
    /// `kubernetesIngressNGINX`: a canary Ingress's defaultBackend.
    Canary,
    /// `kubernetesIngressNGINX`: a canary path with no primary path of the same key.
    CanaryUnmatched,
    /// `kubernetesIngressNGINX`: a canary path whose primary another canary took first.
    CanaryTaken,
    /// `kubernetesIngressNGINX`: a canary path proxying to its primary's own Service.
    CanarySameService,
    /// `kubernetesIngressNGINX`: ssl-passthrough on a rule without a host.
    PassthroughNoHost,
    /// `kubernetesIngressNGINX`: ssl-passthrough builds a TCP router only.
    Passthrough,
    /// `kubernetesIngressNGINX`: a path without a Service backend.
    NoService,
    /// `kubernetesIngressNGINX`: a rules-less defaultBackend after the oldest.
    LaterDefault,
}

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Dropped::DefaultBesideRules => f.write_str("Traefik ignores a defaultBackend on an Ingress that has rules"),
            Dropped::ResourceBackend => f.write_str("resource backends are not supported by Traefik"),
            Dropped::DefaultResource => f.write_str("Traefik does not support a resource as the default backend (\"Resource is not supported for default backend\")"),
            Dropped::DefaultNoService => f.write_str("the defaultBackend names no Service (\"Default backend is missing service definition\")"),
            Dropped::PortNotFound { service, port } => write!(f, "Service {service} has no port {port} (by number or by name), so Traefik cannot create its service (\"service port not found\")"),
            Dropped::ServiceNotFound { service } => write!(f, "Service {service} is not in the input (the other Services are), so Traefik cannot create its service (\"service not found\")"),
            Dropped::ExternalName { service } => write!(f, "Service {service} is an ExternalName Service, which Traefik refuses unless the provider sets allowExternalNameServices (off by default: \"externalName services not allowed\")"),
            Dropped::BadRegex { rule, error } => write!(f, "{rule} is not a regex the simulator can evaluate: {error}"),
            Dropped::UnknownMatcher { rule } => write!(f, "the rule {rule} does not parse"),
            Dropped::Unparsable { rule, why } => write!(f, "the rule {rule} does not parse: {why}"),
            Dropped::EmptyRule => f.write_str("with no host and an empty path its router rule is empty, which Traefik rejects"),
            Dropped::Snippet(key) => write!(f, "the provider skips the whole Ingress: it has {key}, and snippet annotations are refused unless allowSnippetAnnotations is set (validateIngress, \"Invalid Ingress, skipping\")"),
            Dropped::StrictPath(path) => write!(f, "the provider skips the whole Ingress: strictValidatePathType (on by default) refuses the path {path:?}, which has characters outside A-Za-z0-9 . _ - / for an Exact or Prefix path (validateIngress, \"Invalid Ingress, skipping\")"),
            Dropped::Canary => f.write_str("a canary Ingress's defaultBackend gives no router: only its paths attach to primary paths"),
            Dropped::CanaryUnmatched => f.write_str("the canary path matches no path of a regular Ingress with the same namespace, host, path and pathType (\"Canary ingress does not match any Ingress rule\")"),
            Dropped::CanaryTaken => f.write_str("another canary Ingress already matches this host and path (\"A canary ingress is already matching Ingress rule\")"),
            Dropped::CanarySameService => f.write_str("the canary path proxies to its primary path's own Service and port, so the provider skips it"),
            Dropped::PassthroughNoHost => f.write_str("with ssl-passthrough the provider builds only TCP HostSNI routers, and a rule without a host gets none (\"Cannot process ssl-passthrough: rule has no host\")"),
            Dropped::Passthrough => f.write_str("with ssl-passthrough the provider builds only a TCP HostSNI router for the host (to its / path), and no HTTP router"),
            Dropped::NoService => f.write_str("the provider skips a path without a Service backend"),
            Dropped::LaterDefault => f.write_str("the provider keeps only the oldest rules-less defaultBackend as its catch-all (build.go: mc.DefaultBackend is already set)"),
        }
    }
}

/// The explanation line of a dropped path or defaultBackend.
pub(super) fn no_router(why: &Dropped) -> String {
    format!("No router: {why}.")
}

/// The warning for a router left out (`Traefik: …` for the rule problems).
pub(super) fn dropped_diagnostic(why: &Dropped) -> String {
    match why {
        Dropped::BadRegex { rule, error } => {
            format!("Traefik: {rule} cannot be evaluated: {error}. The router is left out.")
        }
        Dropped::Unparsable { rule, why } => {
            format!("Traefik: the rule {rule} does not parse: {why}; Traefik drops the router.")
        }
        other => format!("Traefik: {other}."),
    }
}

/// The warning for a `router.pathmatcher` that names no matcher.
pub(super) fn unknown_matcher(matcher: &str) -> String {
    format!("Traefik: {PATH_MATCHER} {matcher:?} is not Path, PathPrefix or PathRegexp; the router's rule does not parse and Traefik drops it.")
}

/// The warning for a `router.priority` that is not an integer.
pub(super) fn bad_priority(value: &str, id: &str) -> String {
    format!("Traefik: {PRIORITY} {value:?} is not an integer; Traefik fails to parse the annotations and skips Ingress {id}.")
}

/// The warning for an Ingress the `kubernetesIngressNGINX` provider skips whole.
pub(super) fn skipped_ingress(id: &str, why: &Dropped) -> String {
    format!("Traefik's ingress-nginx provider: Ingress {id}: {why}.")
}

/// The first step of every explanation: how the provider's routers are tried.
pub(super) fn routers_intro(provider: Provider) -> String {
    match provider {
        Provider::Ingress => "Traefik: every path is a router; routers are tried from the highest priority (by default the length of the rule text) down, across all hosts, and the first whose rule matches wins.".to_string(),
        Provider::IngressNginx => "Traefik's ingress-nginx provider: every path is a router (Prefix as (Path(\"/p\") || PathPrefix(\"/p/\")), Exact as Path, PathRegexp(\"(?i)^/p\") for Prefix paths on a host where an Ingress has use-regex or rewrite-target), with no priority set: routers are tried from the longest rule text down, across all hosts, and the first whose rule matches wins, not nginx's location order.".to_string(),
    }
}

/// What kind of router answered.
pub(super) fn winner_kind(rules_less_default: bool) -> &'static str {
    if rules_less_default {
        "the rules-less Ingress's defaultBackend router"
    } else {
        "the highest-priority router whose rule matches"
    }
}

/// The winner among equal priorities: the simulator's pick, said to be undefined.
pub(super) fn tie_note(name: &str) -> String {
    format!(" Another matching router has the same priority: Traefik's order between them is undefined (simulated: the router name that sorts first, {name}): routers are kept in a map and sorted unstably.")
}

/// The rules-less defaultBackend kept among several: the simulator's pick, said to be undefined.
pub(super) fn default_order_note(id: &str) -> String {
    format!(" Several rules-less Ingresses have a defaultBackend: which one Traefik keeps is undefined (simulated: the oldest, {id}): GetIngresses ranges over maps.")
}

/// The winning router.
pub(super) fn matched(rule: &str, priority: i64, kind: &str, note: &str) -> String {
    format!("Matched: {rule} (priority {priority}) is {kind}.{note}")
}

/// No router matches.
pub(super) fn nothing_matches(host: &str, path: &str) -> String {
    format!("No router matches {host}{path} and no rules-less Ingress has a defaultBackend: Traefik answers 404 page not found.")
}

/// A router whose host does not match.
pub(super) fn host_differs(rule: &str, host: &str) -> String {
    format!("{rule} does not match the host {host}.")
}

/// A router whose path does not match.
pub(super) fn path_differs(rule: &str, path: &str) -> String {
    format!("{rule} does not match the path {path}.")
}

/// A router whose header or cookie condition the request does not meet.
pub(super) fn headers_differ(rule: &str) -> String {
    format!("{rule} does not match: the request's headers or cookies do not meet its Header conditions.")
}

/// What the winning router of a location with a canary proxies to.
pub(super) fn canary_note(canary_router: bool, weight: i64, total: i64) -> String {
    if canary_router {
        " It is the canary router of the location (ingress-nginx canary-by-header / canary-by-cookie): it proxies to the canary's Service, and its rule, the longest of the host, outranks the host's other paths too.".to_string()
    } else {
        format!(" It proxies to a weighted service: weight {weight} of {total} to the canary's Service, the rest to this path's (the backend shown is the side this request takes when the weight is 0 or the total).")
    }
}

/// The primary side of a canary's weighted service.
pub(super) fn primary_share() -> String {
    "the weighted service's primary share (a request the canary's header or cookie router does not take)".to_string()
}

/// The canary side of its weighted service.
pub(super) fn canary_share(weight: i64, total: i64) -> String {
    format!("weight {weight} of {total} of the weighted service (canary-weight; canary-weight-total, at least 100)")
}

/// A matching router that lost to `winner` of the same priority.
pub(super) fn lost_tie(rule: &str, priority: i64, winner: (&str, &str), name: &str) -> String {
    let (winner_rule, winner_name) = winner;
    format!("{rule} (priority {priority}) matches, but {winner_rule} has the same priority {priority}; Traefik's order between them is undefined (simulated: router {winner_name} before {name}).")
}

/// A matching router that lost to a higher priority.
pub(super) fn outranked(rule: &str, priority: i64, winner_rule: &str, winner_priority: i64) -> String {
    format!("{rule} (priority {priority}) matches, but {winner_rule} has the higher priority {winner_priority}.")
}

/// A rules-less defaultBackend after the one Traefik keeps.
pub(super) const UNUSED_DEFAULT: &str = "No router: Traefik uses only one rules-less defaultBackend (\"The default backend already exists\"), and which one it reads first is undefined (simulated: the oldest Ingress's).";

/// The rule of a TLS passthrough router.
pub(super) fn host_sni_rule(host: &str) -> String {
    super::matcher_rule("HostSNI", host)
}

/// The passthrough router that took the connection.
pub(super) fn passthrough_won(host: &str) -> String {
    format!("Matched: {} with TLS passthrough (ssl-passthrough): the TCP router takes the connection by its SNI before any HTTP router, and the backend of the rule's / path receives the TLS stream as it is; the Host header and path do not matter.", host_sni_rule(host))
}

/// The middleware of the winning router that answered instead of the service.
pub(super) fn middleware_answered(by: Answered, redirect: &Redirect) -> String {
    let (status, location) = (redirect.status, &redirect.location);
    match by {
        Answered::SslRedirect => format!("The router's RedirectScheme middleware (ssl-redirect: on by default for an Ingress with tls, or force-ssl-redirect) answers plain HTTP with {status} to {location}."),
        Answered::AppRoot => format!("The router's AppRoot middleware (app-root) answers the path / with {status} to {location}. It belongs to this Ingress's routers only, not to the whole host as in ingress-nginx."),
        Answered::Redirect => format!("The router's RedirectRegex middleware (permanent-redirect / temporal-redirect) answers {status} with Location {location}."),
        Answered::ToHost => format!("The from-to-www-redirect router of the twin host answers {status} to {location}."),
    }
}
