//! The sentences of the Traefik profiles that are new with the `kubernetesIngressNGINX`
//! provider: small functions of typed facts, deciding nothing.

use super::middlewares::Answered;
use super::Provider;
use crate::decision::Redirect;

/// The first step of every explanation: how the provider's routers are tried.
pub(super) fn routers_intro(provider: Provider) -> String {
    match provider {
        Provider::Ingress => "Traefik: every path is a router; routers are tried from the highest priority (by default the length of the rule text) down, across all hosts, and the first whose rule matches wins.".to_string(),
        Provider::IngressNginx => "Traefik's ingress-nginx provider: every path is a router (Prefix as (Path(\"/p\") || PathPrefix(\"/p/\")), Exact as Path, PathRegexp(\"(?i)^/p\") for Prefix paths on a host where an Ingress has use-regex or rewrite-target), with no priority set: routers are tried from the longest rule text down, across all hosts, and the first whose rule matches wins, not nginx's location order.".to_string(),
    }
}

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

/// Why an Ingress produces no router at all.
pub(super) fn ingress_skipped(why: Skip) -> String {
    match why {
        Skip::Snippet(key) => format!("the provider skips the whole Ingress: it has {key}, and snippet annotations are refused unless allowSnippetAnnotations is set (validateIngress, \"Invalid Ingress, skipping\")"),
        Skip::StrictPath { path } => format!("the provider skips the whole Ingress: strictValidatePathType (on by default) refuses the path {path:?}, which has characters outside A-Za-z0-9 . _ - / for an Exact or Prefix path (validateIngress, \"Invalid Ingress, skipping\")"),
        Skip::Canary => "a canary Ingress gives no router of its own: the provider attaches it to the primary path with the same host, path and pathType as a weighted service and header or cookie routers, which the simulator does not model".to_string(),
        Skip::PassthroughNoHost => "with ssl-passthrough the provider builds only TCP HostSNI routers, and a rule without a host gets none (\"Cannot process ssl-passthrough: rule has no host\")".to_string(),
        Skip::Passthrough => "with ssl-passthrough the provider builds only a TCP HostSNI router for the host (to its / path), and no HTTP router".to_string(),
        Skip::ResourceBackend => "the provider skips a path without a Service backend".to_string(),
        Skip::EmptyRule => "with no host and an empty path its router rule is empty, which Traefik rejects".to_string(),
        Skip::LaterDefault => "the provider keeps only the oldest rules-less defaultBackend as its catch-all (build.go: mc.DefaultBackend is already set)".to_string(),
        Skip::BadRegex => "its PathRegexp is not a regex the simulator can evaluate".to_string(),
    }
}

/// Why the `kubernetesIngressNGINX` provider gives an Ingress, or one of its paths, no router.
#[derive(Clone, Copy, Debug)]
pub(super) enum Skip<'a> {
    Snippet(&'a str),
    StrictPath { path: &'a str },
    Canary,
    PassthroughNoHost,
    Passthrough,
    ResourceBackend,
    EmptyRule,
    LaterDefault,
    BadRegex,
}

/// The warning for an Ingress the provider skips.
pub(super) fn skipped_diagnostic(id: &str, why: Skip<'_>) -> String {
    format!("Traefik's ingress-nginx provider: Ingress {id}: {}.", ingress_skipped(why))
}

/// The warning for a regex path the simulator cannot evaluate.
pub(super) fn bad_regex_diagnostic(rule: &str, error: &str) -> String {
    format!("Traefik: {rule} cannot be evaluated: {error}. The router is left out.")
}
