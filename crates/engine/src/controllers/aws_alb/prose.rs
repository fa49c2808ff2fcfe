//! The printer of the AWS ALB profile: every sentence its decisions, explanations and diagnostics
//! say, from the typed facts the rules ([`super`]) and the judging ([`super::explain`]) hand it.
//! Nothing here decides anything.

use super::listeners::{ListenPortsError, Listener, SslRedirectError, CERTIFICATE_ARN, LISTEN_PORTS, SSL_REDIRECT};
use super::{AlbRule, BackendAt, CertificateChoice, Group, GroupError, GROUP_NAME, GROUP_ORDER};
use crate::controllers::glob::prose::sni_differs;
use crate::controllers::glob::verdict::HostFit;
use crate::decision::Redirect;
use crate::model::PathType;
use std::fmt;

/// `matched_as` of the listener's default action.
pub(super) const DEFAULT_ACTION: &str = "listener default action: forward to spec.defaultBackend";

/// No Ingress is admitted.
pub(super) const NO_ALB: &str = "No admitted Ingress, so no ALB exists: nothing answers.";

/// A listener as the controller writes it: `HTTP:80`, `HTTPS:443`.
impl fmt::Display for Listener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", if self.https { "HTTPS" } else { "HTTP" }, self.port)
    }
}

/// `computeIngressListenPorts`' messages.
impl fmt::Display for ListenPortsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListenPortsError::Unparsable(raw) => write!(f, "failed to parse listen-ports configuration: `{raw}`"),
            ListenPortsError::PortRange(port) => write!(f, "listen port must be within [1, 65535]: {port}"),
            ListenPortsError::Protocol(other) => write!(f, "listen protocol must be within [HTTP, HTTPS]: {other}"),
            ListenPortsError::Empty(raw) => write!(f, "empty listen-ports configuration: `{raw}`"),
        }
    }
}

/// `buildSSLRedirectConfig`'s messages.
impl fmt::Display for SslRedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SslRedirectError::NotInt32 { id, value } => {
                write!(f, "ingress: {id}: {SSL_REDIRECT} {value:?} is not an int32")
            }
            SslRedirectError::Conflicting(ports) => write!(f, "conflicting sslRedirect port: {ports:?}"),
            SslRedirectError::NoListener(port) => write!(f, "listener does not exist for SSLRedirect port: {port}"),
            SslRedirectError::NonSsl(port) => write!(f, "listener protocol non-SSL for SSLRedirect port: {port}"),
        }
    }
}

/// The controller's messages, with the member they come from.
impl fmt::Display for GroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupError::OrderOutOfRange { id, order } => {
                write!(f, "{GROUP_ORDER} of {id} is {order}: explicit order must be within [-1000:1000]")
            }
            GroupError::OrderNotInteger { id, value } => {
                write!(f, "{GROUP_ORDER} of {id} is {value:?}, not an integer")
            }
            GroupError::UnknownPathType { id, path } => write!(f, "unknown pathType for path {path:?} in {id}"),
            GroupError::NotAService { id, at: BackendAt::Path { rule, path } } => {
                write!(f, "missing required \"service\" field (in {id}, spec.rules[{rule}].http.paths[{path}].backend)")
            }
            GroupError::NotAService { id, at: BackendAt::Default } => {
                write!(f, "missing required \"service\" field (in {id}, spec.defaultBackend)")
            }
            GroupError::Wildcard { id, path_type, path } => {
                let kind = if *path_type == PathType::Prefix { "prefix" } else { "exact" };
                write!(f, "{kind} path shouldn't contain wildcards: {path} (in {id})")
            }
            GroupError::MultipleDefaults(ids) => {
                write!(f, "multiple ingress defined default backend: [{}]", ids.join(", "))
            }
            GroupError::ListenPorts { id, error } => write!(f, "{error} (in {id})"),
            GroupError::SslRedirect(error) => write!(f, "{error}"),
        }
    }
}

/// `IngressGroup "name"` or `the implicit IngressGroup of ns/name`.
fn title(group: &Group) -> String {
    if group.explicit {
        format!("IngressGroup {:?}", group.name)
    } else {
        format!("the implicit IngressGroup of {}", group.name)
    }
}

/// "HTTP:80, HTTPS:443".
fn listener_list(group: &Group) -> String {
    group.all_listeners().iter().map(Listener::to_string).collect::<Vec<_>>().join(", ")
}

/// The group's errors, joined.
fn errors(group: &Group) -> String {
    group.errors.iter().map(GroupError::to_string).collect::<Vec<_>>().join("; ")
}

/// The warning for a group the controller cannot build.
pub(super) fn group_failure_diagnostic(group: &Group) -> String {
    format!("AWS ALB: the controller cannot build {}: {}.", title(group), errors(group))
}

/// The explanation's step for a group the controller cannot build.
pub(super) fn group_failure(group: &Group) -> String {
    format!(
        "The controller cannot build {}: {}. It reports the error and leaves the ALB as it was (its previous rules are not simulated).",
        title(group),
        errors(group)
    )
}

/// `rule priority 3: host-header foo.com, path-pattern /foo OR /foo/*`, with only the matched
/// pattern when one is given (also the decision's `matched_as`).
pub(super) fn rule(rule: &AlbRule, priority: usize, matched: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(h) = &rule.host {
        parts.push(format!("host-header {h}"));
    }
    if rule.patterns.is_empty() {
        parts.push("no path-pattern (every path)".to_string());
    } else {
        parts.push(format!("path-pattern {}", matched.map_or_else(|| rule.patterns.join(" OR "), str::to_string)));
    }
    format!("rule priority {priority}: {}", parts.join(", "))
}

/// `matched_as` of the ssl-redirect default action.
pub(super) fn redirect_action(port: u16) -> String {
    format!("listener default action: redirect to HTTPS:{port} (301)")
}

/// The ALB the request goes to, and why (the modelling assumption).
pub(super) fn alb_chosen(group: &Group, fit: HostFit, host: &str) -> String {
    let why = match fit {
        HostFit::Named => format!("a host-header condition covers {host}"),
        HostFit::CatchAll => format!("no group has a host-header for {host} and this one has host-less rules"),
        HostFit::Default => format!("no group has a rule for {host} and this one has a default backend"),
        HostFit::Nothing => format!("no group has a rule for {host}"),
    };
    format!(
        "AWS ALB: every IngressGroup is one Application Load Balancer (an Ingress without {GROUP_NAME} is a group of its own). Modelling assumption: each ALB is reached by its own DNS name, so the request goes to the ALB of {} (the oldest group for which {why}); its listener rules are evaluated by priority and the first whose conditions all match wins, whatever the host.",
        title(group)
    )
}

/// An Ingress of another group: another ALB.
pub(super) fn other_alb(id: &str, other: &Group, chosen: &Group) -> String {
    format!(
        "Ingress {id} belongs to {}, another ALB (another DNS name): the request sent to {} never reaches it.",
        title(other),
        title(chosen)
    )
}

/// A request on a port the ALB has no listener for.
pub(super) fn no_listener(group: &Group, listener: Listener) -> String {
    format!(
        "AWS ALB: the ALB of {} has no {listener} listener (its listeners: {}), so it does not accept the connection: the client gets no HTTP response at all (the controller's security group opens only the listener ports, so the connection times out). The decision shows no-match, though no 404 is sent either. A listener comes from {LISTEN_PORTS}; without it a member is on HTTP:80, or on HTTPS:443 only when it has {CERTIFICATE_ARN} (spec.tls alone opens no HTTPS listener; model_build_listener.go computeIngressListenPorts).",
        title(group),
        listener_list(group)
    )
}

/// The ssl-redirect answers on an HTTP listener.
pub(super) fn redirected(id: &str, redirect: &Redirect) -> String {
    format!(
        "Redirected: {id} sets {SSL_REDIRECT}, so every HTTP listener of the ALB has no rules and only the default action: redirect to HTTPS ({} {}). model_build_listener_rules.go buildListenerRules builds no rule on an HTTP listener then.",
        redirect.status, redirect.location
    )
}

/// The winning listener rule (`shown`: [`rule`]).
pub(super) fn matched(shown: &str) -> String {
    format!("Matched: {shown} is the first rule by priority whose conditions all match.")
}

/// The listener's default action forwards to a defaultBackend.
pub(super) fn default_action(id: &str, host: &str, path: &str) -> String {
    format!(
        "No listener rule matches {host}{path}: the listener's default action forwards to the defaultBackend of {id}."
    )
}

/// The listener's default action is a fixed 404.
pub(super) fn fixed_404(host: &str, path: &str) -> String {
    format!("No listener rule matches {host}{path} and no Ingress of the group has a defaultBackend: the listener's default action is a fixed 404 response.")
}

pub(super) fn not_on_listener(shown: &str, id: &str, listener: Listener) -> String {
    format!("{shown}: its Ingress {id} is not on the {listener} listener the request arrives at (listener rules are built per port, for the members that listen on it).")
}

pub(super) fn host_differs(shown: &str, host: &str) -> String {
    format!("{shown}: host-header does not match {host}.")
}

pub(super) fn matched_later(shown: &str, winner_priority: usize) -> String {
    format!("{shown}: matches, but rule priority {winner_priority} matched first.")
}

pub(super) fn path_differs(shown: &str, path: &str) -> String {
    format!("{shown}: path-pattern does not match {path} (ALB path patterns are case-sensitive globs).")
}

/// The certificate step of a request over TLS.
pub(super) fn tls(group: &Group, listener: Listener, choice: &CertificateChoice, sni: &str, host: &str) -> String {
    let differs = sni_differs(sni, host);
    match choice {
        CertificateChoice::NoHttpsListener => format!("TLS (AWS ALB): the ALB of {} has no HTTPS listener on port {} (its listeners: {}): the TLS handshake for {sni} is not answered. spec.tls alone opens no HTTPS listener; {CERTIFICATE_ARN} or {LISTEN_PORTS} does.{differs}", title(group), listener.port, listener_list(group)),
        CertificateChoice::Explicit { id } => format!("TLS (AWS ALB): the {listener} listener uses the ACM certificate(s) of {CERTIFICATE_ARN} on {id}; the ALB picks one by SNI (not simulated). Kubernetes Secrets are not used.{differs}"),
        CertificateChoice::Discovered { id, host: h } => format!("TLS (AWS ALB): the {listener} listener has no {CERTIFICATE_ARN}, so the controller discovers ACM certificates for the rule and tls hosts of {id} (computeIngressInferredTLSCertARNs); the simulator assumes ACM holds one for {h}, which the ALB serves for {sni}. Kubernetes Secrets are not used.{differs}"),
        CertificateChoice::ListenerDefault => format!("TLS (AWS ALB): no rule or tls host on the {listener} listener covers {sni}, so no discovered ACM certificate matches; the ALB serves its listener's default certificate (clients will likely see a name mismatch).{differs}"),
    }
}
