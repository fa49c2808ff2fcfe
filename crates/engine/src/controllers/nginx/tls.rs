//! Certificates and the HTTP→HTTPS redirect, as ingress-nginx does them.
//!
//! - Per server (`createServers`, internal/ingress/controller/controller.go): Ingresses oldest
//!   first; the first non-canary Ingress with a rule for the host **and** a `tls` section decides:
//!   `extractTLSSecretName` takes the secret of the entry listing the host (ASCII
//!   case-insensitive), else a secret whose certificate covers the host (SAN/CN — the simulator has
//!   no certificates and reads the entry's `hosts` as the certificate's names), else `""`: the
//!   default certificate. Later Ingresses never change it.
//! - Handshake (`rootfs/etc/nginx/lua/certificate.lua`): SNI lower-cased, trailing dot removed;
//!   the server named exactly so, else `*.` + the name without its first label; else the default
//!   certificate.
//! - Redirect (`rootfs/etc/nginx/lua/lua_ingress.lua` `redirect_to_https`, run in the chosen
//!   location): `force-ssl-redirect` on plain HTTP → redirect; otherwise `ssl-redirect` (default
//!   true) and a certificate configured for the Host (same lookup as the handshake) → redirect to
//!   `https://<Host without port><request URI>`, the request URI's final `/` removed unless
//!   `preserve-trailing-slash`; status `http-redirect-code` (ConfigMap default 308). A location
//!   whose path starts with `/.well-known/acme-challenge` (`no-tls-redirect-locations`) never
//!   redirects (`isLocationInLocationList`, internal/ingress/controller/template/template.go).

use super::prose::{self, Served};
use crate::decision::TlsDecision;
use crate::matching::{match_host, HostMatch};
use crate::model::Ingress;

/// The certificate a server got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cert {
    /// The Ingress whose `tls` section decided.
    pub ingress: usize,
    /// The `spec.tls` entry used, when one named the host (or covers it).
    pub entry: Option<usize>,
    /// The Secret; `None`: the controller's default certificate.
    pub secret: Option<String>,
    /// The tls host that matched (`*.foo.com` for a wildcard entry).
    pub matched_host: Option<String>,
}

/// `extractTLSSecretName` for a server `host` and the Ingress whose `tls` section decides.
pub(crate) fn extract(host: &str, index: usize, ingress: &Ingress) -> Cert {
    let host_lc = host.to_ascii_lowercase();
    for (t, tls) in ingress.spec.tls.iter().enumerate() {
        if let Some(h) = tls.hosts.iter().find(|h| h.value.to_ascii_lowercase() == host_lc) {
            return Cert { ingress: index, entry: Some(t), secret: secret(tls), matched_host: Some(h.value.clone()) };
        }
    }
    for (t, tls) in ingress.spec.tls.iter().enumerate() {
        if secret(tls).is_none() {
            continue;
        }
        if let Some(h) =
            tls.hosts.iter().find(|h| match_host(&h.value.to_ascii_lowercase(), &host_lc) == HostMatch::Wildcard)
        {
            return Cert { ingress: index, entry: Some(t), secret: secret(tls), matched_host: Some(h.value.clone()) };
        }
    }
    Cert { ingress: index, entry: None, secret: None, matched_host: None }
}

fn secret(tls: &crate::model::Tls) -> Option<String> {
    tls.secret_name.as_ref().map(|s| s.value.clone()).filter(|s| !s.is_empty())
}

/// `certificate.lua` `get_pem_cert_uid`: the exact name, then `*.` + the name without its first
/// label. `certs` yields (server host, certificate). Routing uses the indexed equivalent,
/// `Config::certificate_for`; the tests keep this reading to compare.
#[cfg(test)]
pub(crate) fn lookup<'a>(
    name: &str,
    certs: impl Iterator<Item = (&'a str, &'a Cert)> + Clone,
) -> Option<(&'a str, &'a Cert)> {
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    if let Some(hit) = certs.clone().find(|(h, _)| *h == name) {
        return Some(hit);
    }
    let (_, parent) = name.split_once('.')?;
    let wildcard = format!("*.{parent}");
    certs.into_iter().find(|(h, _)| *h == wildcard)
}

/// The handshake decision for `sni` (with the server and certificate found, if any).
pub(crate) fn decision(
    manifest: &crate::model::Manifest,
    sni: &str,
    host: &str,
    found: Option<(&str, &Cert)>,
) -> TlsDecision {
    let sni_lc = sni.trim().trim_end_matches('.').to_ascii_lowercase();
    let Some((server, cert)) = found else {
        let message = prose::no_certificate(&sni_lc, host);
        return TlsDecision::fallback(sni_lc, message);
    };
    let ingress = &manifest.ingresses[cert.ingress];
    let id = ingress.id();
    let served = match (&cert.secret, cert.entry) {
        (Some(secret), Some(entry)) => Served::Secret { secret, entry, ingress: &id },
        (None, Some(entry)) => Served::NoSecret { entry, ingress: &id },
        _ => Served::NoEntry { ingress: &id },
    };
    TlsDecision {
        message: prose::certificate(&sni_lc, host, server, served),
        sni: sni_lc,
        secret_name: cert.secret.clone(),
        ingress: Some(ingress.id()),
        entry: cert.entry,
        matched_host: cert.matched_host.clone(),
        default_certificate: cert.secret.is_none(),
        span: cert.entry.and_then(|t| ingress.spec.tls.get(t)).map(|t| t.span),
    }
}

/// `no-tls-redirect-locations` default (internal/ingress/controller/config/config.go).
pub(crate) const NO_TLS_REDIRECT: &str = "/.well-known/acme-challenge";

/// `http-redirect-code` default (internal/ingress/controller/config/config.go).
pub(crate) const REDIRECT_CODE: u16 = 308;

/// The `Location` of the ssl-redirect: `https://` + Host without port + request URI (path and
/// query as sent), its final `/` removed unless `preserve`.
pub(crate) fn redirect_location(raw_host: &str, raw_target: &str, preserve: bool) -> String {
    let host = raw_host.trim().split(':').next().unwrap_or_default();
    let target = raw_target.split('#').next().unwrap_or_default();
    let mut uri = if target.is_empty() { "/".to_string() } else { target.to_string() };
    if !preserve && uri.ends_with('/') {
        uri.pop();
    }
    format!("https://{host}{uri}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uri() {
        assert_eq!(redirect_location("Foo.com:80", "/a/", false), "https://Foo.com/a");
        assert_eq!(redirect_location("foo.com", "/a/", true), "https://foo.com/a/");
        assert_eq!(redirect_location("foo.com", "/", false), "https://foo.com");
        assert_eq!(redirect_location("foo.com", "/a/?x=1", false), "https://foo.com/a/?x=1");
    }

    #[test]
    fn lookup_exact_then_wildcard() {
        let c = Cert { ingress: 0, entry: Some(0), secret: Some("s".into()), matched_host: None };
        let w = Cert { ingress: 0, entry: Some(0), secret: Some("w".into()), matched_host: None };
        let certs = [("a.foo.com", &c), ("*.foo.com", &w)];
        assert_eq!(lookup("A.foo.com.", certs.iter().copied()).map(|x| x.0), Some("a.foo.com"));
        assert_eq!(lookup("b.foo.com", certs.iter().copied()).map(|x| x.0), Some("*.foo.com"));
        assert_eq!(lookup("b.c.foo.com", certs.iter().copied()), None);
    }
}
