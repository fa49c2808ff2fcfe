//! ALB listeners: which protocol and port each IngressGroup member listens on.
//!
//! kubernetes-sigs/aws-load-balancer-controller `pkg/ingress/model_build_listener.go`
//! `computeIngressListenPorts` and `computeIngressListenPortConfigByPort` @v3.5.0: without
//! `alb.ingress.kubernetes.io/listen-ports`, a member listens on HTTPS:443 only when it has an
//! explicit certificate (`certificate-arn`), else on HTTP:80 only, so `spec.tls` alone opens no
//! HTTPS listener. With `listen-ports`, the JSON list decides (`[{"HTTP": 80}, {"HTTPS": 443}]`);
//! an HTTPS listener without an explicit certificate gets certificates discovered in ACM for the
//! member's rule and tls hosts (`computeIngressInferredTLSCertARNs`). Listener rules are built
//! per port, for the members that listen on it.
//!
//! Not simulated: a certificate from IngressClassParams or `create-certificate` (ACM, v3.3.0+).

use crate::model::Ingress;
use crate::request::{split_host_port, Request, Scheme};

/// `alb.ingress.kubernetes.io/listen-ports`.
pub(super) const LISTEN_PORTS: &str = "alb.ingress.kubernetes.io/listen-ports";
/// `alb.ingress.kubernetes.io/certificate-arn`.
pub(super) const CERTIFICATE_ARN: &str = "alb.ingress.kubernetes.io/certificate-arn";
/// `alb.ingress.kubernetes.io/ssl-redirect`.
pub(super) const SSL_REDIRECT: &str = "alb.ingress.kubernetes.io/ssl-redirect";

/// One ALB listener: protocol and port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Listener {
    pub https: bool,
    pub port: u16,
}

/// Why the controller cannot read a member's `listen-ports` (its own messages:
/// [`super::prose`]); the whole IngressGroup fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ListenPortsError {
    /// Not a JSON list of `{"PROTOCOL": port}` objects (the raw value).
    Unparsable(String),
    /// A port outside 1..65535.
    PortRange(i64),
    /// A protocol other than HTTP and HTTPS.
    Protocol(String),
    /// No listener at all (the raw value).
    Empty(String),
}

/// Why the group's `ssl-redirect` cannot be built (`buildSSLRedirectConfig`'s messages:
/// [`super::prose`]); the whole IngressGroup fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum SslRedirectError {
    /// The value of Ingress `id` is not an int32.
    NotInt32 { id: String, value: String },
    /// Members ask for different ports.
    Conflicting(Vec<i64>),
    /// No listener has the port.
    NoListener(i64),
    /// The listener on the port is HTTP.
    NonSsl(i64),
}

impl Listener {
    /// The listener a request arrives at: its scheme, and the Host header's port or the
    /// scheme's default port.
    pub fn of_request(request: &Request) -> Listener {
        let https = request.scheme == Scheme::Https;
        let port = split_host_port(&request.host).1.and_then(|p| p.parse().ok());
        Listener { https, port: port.unwrap_or(if https { 443 } else { 80 }) }
    }
}

/// True when the member names a certificate itself (`computeIngressExplicitTLSCertARNs`).
pub(super) fn has_explicit_certificate(ingress: &Ingress) -> bool {
    ingress.meta.annotation(CERTIFICATE_ARN).is_some_and(|a| a.value.split(',').any(|arn| !arn.trim().is_empty()))
}

/// `computeIngressListenPorts`: the listeners of one member, or the controller's error (which
/// fails the whole IngressGroup).
pub(super) fn listeners(ingress: &Ingress) -> Result<Vec<Listener>, ListenPortsError> {
    match ingress.meta.annotation(LISTEN_PORTS) {
        None if has_explicit_certificate(ingress) => Ok(vec![Listener { https: true, port: 443 }]),
        None => Ok(vec![Listener { https: false, port: 80 }]),
        Some(raw) => parse(&raw.value),
    }
}

/// `pkg/ingress/model_builder.go` `buildSSLRedirectConfig` @v3.5.0: the HTTPS port that every
/// HTTP listener of the group redirects to (301), from its members' `ssl-redirect`; `listeners`
/// are the group's. Its errors fail the whole group. An HTTP listener of a group with a redirect
/// gets no rules (`model_build_listener_rules.go` `buildListenerRules` returns early), only the
/// redirect as its default action (`model_build_listener.go`).
pub(super) fn ssl_redirect<'a>(
    members: impl Iterator<Item = &'a Ingress>,
    listeners: &[Listener],
) -> Result<Option<u16>, SslRedirectError> {
    let mut ports: Vec<i64> = Vec::new();
    for ingress in members {
        let Some(raw) = ingress.meta.annotation(SSL_REDIRECT) else { continue };
        let port: i32 = raw
            .value
            .trim()
            .parse()
            .map_err(|_| SslRedirectError::NotInt32 { id: ingress.id(), value: raw.value.clone() })?;
        if !ports.contains(&i64::from(port)) {
            ports.push(i64::from(port));
        }
    }
    crate::order::sort_by_key(&mut ports, |&port| port);
    let port = match ports.as_slice() {
        [] => return Ok(None),
        [port] => *port,
        _ => return Err(SslRedirectError::Conflicting(ports)),
    };
    match listeners.iter().find(|l| i64::from(l.port) == port) {
        None => Err(SslRedirectError::NoListener(port)),
        Some(l) if !l.https => Err(SslRedirectError::NonSsl(port)),
        Some(l) => Ok(Some(l.port)),
    }
}

/// Reads `[{"HTTP": 80}, {"HTTPS": 443}]` with the controller's checks and messages.
fn parse(raw: &str) -> Result<Vec<Listener>, ListenPortsError> {
    let unparsable = || ListenPortsError::Unparsable(raw.to_string());
    let body = raw.trim().strip_prefix('[').and_then(|r| r.strip_suffix(']')).ok_or_else(unparsable)?;
    let mut out: Vec<Listener> = Vec::new();
    for object in split_objects(body).ok_or_else(unparsable)? {
        for entry in object.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (key, value) = entry.split_once(':').ok_or_else(unparsable)?;
            let protocol = key.trim().strip_prefix('"').and_then(|k| k.strip_suffix('"')).ok_or_else(unparsable)?;
            let port: i64 = value.trim().parse().map_err(|_| unparsable())?;
            if !(1..=65535).contains(&port) {
                return Err(ListenPortsError::PortRange(port));
            }
            let https = match protocol {
                "HTTP" => false,
                "HTTPS" => true,
                other => return Err(ListenPortsError::Protocol(other.to_string())),
            };
            // A later entry for the same port replaces the earlier one (a map by port upstream).
            out.retain(|l| l.port != port as u16);
            out.push(Listener { https, port: port as u16 });
        }
    }
    if out.is_empty() {
        return Err(ListenPortsError::Empty(raw.to_string()));
    }
    Ok(out)
}

/// The bodies of the `{…}` objects of a JSON list body, or `None` when it is not such a list.
fn split_objects(body: &str) -> Option<Vec<&str>> {
    let mut objects = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('{')?;
        let end = inner.find('}')?;
        objects.push(&inner[..end]);
        rest = inner[end + 1..].trim_start();
        rest = rest.strip_prefix(',').map_or(rest, str::trim_start);
    }
    Some(objects)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(https: bool, port: u16) -> Listener {
        Listener { https, port }
    }

    #[test]
    fn listen_ports_are_read_like_the_controller() {
        assert_eq!(parse(r#"[{"HTTP": 80}, {"HTTPS": 443}]"#).unwrap(), [l(false, 80), l(true, 443)]);
        assert_eq!(parse(r#"[{"HTTPS":8443}]"#).unwrap(), [l(true, 8443)]);
        assert!(parse("[]").unwrap_err().to_string().starts_with("empty listen-ports configuration"));
        assert!(parse(r#"[{"TCP": 80}]"#).unwrap_err().to_string().starts_with("listen protocol must be within"));
        assert!(parse(r#"[{"HTTP": 0}]"#).unwrap_err().to_string().starts_with("listen port must be within"));
        assert!(parse("HTTP:80").unwrap_err().to_string().starts_with("failed to parse"));
    }

    #[test]
    fn ssl_redirect_needs_one_https_listener_port() {
        let ingress = |value: &str| {
            let yaml = format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n  annotations: {{{SSL_REDIRECT}: {value:?}}}\nspec: {{}}\n");
            crate::decode::parse(yaml.as_str()).ingresses[0].clone()
        };
        let both = [l(false, 80), l(true, 443)];
        assert_eq!(ssl_redirect([ingress("443")].iter().map(|i| &**i), &both), Ok(Some(443)));
        assert_eq!(
            ssl_redirect([ingress("80")].iter().map(|i| &**i), &both).unwrap_err().to_string(),
            "listener protocol non-SSL for SSLRedirect port: 80"
        );
        assert_eq!(
            ssl_redirect([ingress("8443")].iter().map(|i| &**i), &both).unwrap_err().to_string(),
            "listener does not exist for SSLRedirect port: 8443"
        );
        assert_eq!(
            ssl_redirect([ingress("443"), ingress("8443")].iter().map(|i| &**i), &both).unwrap_err().to_string(),
            "conflicting sslRedirect port: [443, 8443]"
        );
        assert!(ssl_redirect([ingress("yes")].iter().map(|i| &**i), &both)
            .unwrap_err()
            .to_string()
            .contains("is not an int32"));
    }

    #[test]
    fn request_listener() {
        let plain = Request::new("foo.com", "/");
        assert_eq!(Listener::of_request(&plain), l(false, 80));
        let tls = Request::from_url("https://foo.com:8443/").unwrap();
        assert_eq!(Listener::of_request(&tls), l(true, 8443));
    }
}
