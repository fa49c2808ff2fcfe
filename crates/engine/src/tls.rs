//! Which certificate answers a TLS handshake (the `IngressTLS.secretName` comment in kubernetes/api
//! `networking/v1/types.go`; kubernetes/website `ingress.md` "TLS"): the SNI name picks the
//! certificate, the Host header picks the route. A `tls` entry whose `hosts` contain the name
//! answers; an exact name beats a wildcard (`*.foo.com` covers one label); among equals the
//! oldest Ingress wins (the router's rank). Otherwise the controller's default certificate answers.

use crate::decision::TlsDecision;
use crate::matching::{match_host, HostMatch};
use crate::model::Manifest;
use crate::router::Router;

/// The certificate decision for `sni` (raw as given) on a request routed by `host` (normalised).
pub(crate) fn choose_certificate(manifest: &Manifest, router: &Router, sni: &str, host: &str) -> TlsDecision {
    let sni = sni.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut best: Option<(bool, u32, usize, usize)> = None; // (is_wildcard, rank, ingress, entry)
    let mut matched_host = None;
    for (i, ingress) in manifest.ingresses.iter().enumerate() {
        let Some(rank) = router.rank[i] else { continue };
        for (t, tls) in ingress.spec.tls.iter().enumerate() {
            for h in &tls.hosts {
                let wildcard = match match_host(&h.value, &sni) {
                    HostMatch::Precise => false,
                    HostMatch::Wildcard => true,
                    _ => continue,
                };
                let key = (wildcard, rank, i, t);
                if best.is_none_or(|b| key < b) {
                    best = Some(key);
                    matched_host = Some(h.value.clone());
                }
            }
        }
    }
    let differs = if sni != host {
        format!(" The SNI name {sni} picks the certificate; the Host header {host} picks the route.")
    } else {
        String::new()
    };
    match best {
        Some((wildcard, _, i, t)) => {
            let ingress = &manifest.ingresses[i];
            let entry = &ingress.spec.tls[t];
            let secret = entry.secret_name.as_ref().map(|s| s.value.clone()).filter(|s| !s.is_empty());
            let host = matched_host.unwrap_or_default();
            let how = if wildcard { format!("the wildcard {host} covers {sni}") } else { format!("it lists {sni}") };
            let what = match &secret {
                Some(s) => format!("Secret {s} (tls.crt/tls.key) answers the handshake"),
                None => "it names no Secret, so the controller's default certificate answers".to_string(),
            };
            TlsDecision {
                sni,
                default_certificate: secret.is_none(),
                secret_name: secret,
                ingress: Some(ingress.id()),
                entry: Some(t),
                matched_host: Some(host),
                message: format!("TLS: spec.tls[{t}] of {} matches because {how}; {what}.{differs}", ingress.id()),
                span: Some(entry.span),
            }
        }
        None => {
            let message = format!("TLS: no tls entry of an admitted Ingress lists {sni} (exactly or by wildcard), so the controller's default certificate answers — clients will likely see a name mismatch.{differs}");
            TlsDecision::fallback(sni, message)
        }
    }
}
