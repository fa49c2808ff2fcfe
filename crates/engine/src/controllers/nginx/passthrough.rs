//! `ssl-passthrough`: TLS connections routed by their SNI name before nginx sees any HTTP.
//!
//! kubernetes/ingress-nginx at controller-v1.15.1: `createServers`
//! (`internal/ingress/controller/controller.go`) marks a server `SSLPassthrough` when any
//! non-canary Ingress with a rule for its host has the annotation
//! (`internal/ingress/annotations/sslpassthrough/main.go`; since 1.15.0 and 1.14.4,
//! `efcd54f92b28`, #14555: `ingress-nginx@1.14.2` takes only the Ingress that created the server); `getConfiguration` gives each such
//! server's `location /` (and only it: "Ignoring SSL Passthrough for location") to the TCP proxy
//! (`pkg/tcpproxy/tcp.go`), which listens on 443 when the controller runs with
//! `--enable-ssl-passthrough`, reads the SNI of the ClientHello, and hands a connection whose name
//! equals a passthrough server's host (exactly: a `*.foo.com` server never matches) to that
//! location's Service, still encrypted. Any other connection goes on to nginx (port 442). Plain
//! HTTP is not affected.
//!
//! The flag is off by default, and without it the annotation does nothing. The simulator assumes
//! it is on wherever the annotation is used (as the upstream e2e suite
//! `test/e2e/settings/ssl_passthrough.go` runs it), and every explanation says so.

use super::annotations::Annotations;
use super::config::{Server, Target};
use crate::controllers::Context;
use crate::decision::{BackendRef, TlsDecision};
use crate::profile::Profile;
use crate::router::hash::FxMap;
use std::sync::Arc;

/// The passthrough servers: host → server (index in `servers`, sorted by host).
pub(crate) fn hosts(
    cx: &Context<'_>,
    order: &[usize],
    annotations: &[Annotations],
    servers: &[Arc<Server>],
) -> FxMap<String, usize> {
    let mut hosts = FxMap::default();
    for &i in order.iter().filter(|&&i| annotations[i].ssl_passthrough && !annotations[i].canary.enabled) {
        for rule in &cx.manifest.ingresses[i].spec.rules {
            let host = rule.host();
            if host.is_empty() || host.starts_with("*.") {
                continue;
            }
            let Ok(s) = servers.binary_search_by(|server| server.host.as_str().cmp(host)) else { continue };
            if cx.profile != Profile::IngressNginxV1_14_2 || servers[s].creator == Some(i) {
                hosts.insert(host.to_string(), s);
            }
        }
    }
    hosts
}

/// The location the TCP proxy hands connections to: the server's `location /` (not `= /`).
pub(crate) fn root_location(server: &Server) -> Option<usize> {
    server.locations.iter().position(|l| l.name == "/" && !l.exact)
}

/// True when the root location proxies to a rule's Service: an implicit `location /` has an empty
/// Service in the controller's model, so the TCP proxy cannot dial it.
pub(crate) fn dialable(target: Target) -> bool {
    matches!(target, Target::Path { .. })
}

/// The handshake: nginx presents no certificate, the backend (`to`; `None`: an implicit
/// `location /` without a Service) answers it.
pub(crate) fn tls(sni: &str, host: &str, ingress: Option<String>, to: Option<&BackendRef>) -> TlsDecision {
    let message = super::prose::passthrough_handshake(sni, to);
    TlsDecision {
        sni: sni.to_string(),
        secret_name: None,
        ingress,
        entry: None,
        matched_host: Some(host.to_string()),
        default_certificate: false,
        message,
        span: None,
    }
}
