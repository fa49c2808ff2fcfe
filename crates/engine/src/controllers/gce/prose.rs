//! The printer of the GCE profile: every sentence its decisions, explanations and diagnostics
//! say, from the typed facts the rules ([`super`]) and the judging ([`super::explain`]) hand it.
//! Nothing here decides anything.

use super::{CertificateChoice, Dropped, Failure, Place, Problem};
use crate::controllers::glob::prose::sni_differs;
use crate::controllers::glob::verdict::HostFit;
use crate::model::PathType;
use std::fmt;

/// `matched_as` of the URL map's default service.
pub(super) const DEFAULT_SERVICE: &str = "URL map default service (spec.defaultBackend)";

/// No Ingress is admitted.
pub(super) const NO_LOAD_BALANCER: &str = "No admitted Ingress, so no GCE load balancer exists: nothing answers (404).";

/// `matched_as` of a URL-map path.
pub(super) fn matched_url_map_path(pattern: &str) -> String {
    format!("URL map path {pattern}")
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::DefaultBackend => write!(f, "spec.defaultBackend"),
            Place::Path { rule, path } => write!(f, "spec.rules[{rule}].http.paths[{path}]"),
        }
    }
}

/// The word `validateAndGetPaths` uses for a path type.
fn kind(path_type: &PathType) -> &'static str {
    match path_type {
        PathType::Exact => "exact",
        PathType::Prefix => "prefix",
        PathType::ImplementationSpecific => "implementation specific",
    }
}

/// The controller's own messages (`translator.go`, `serviceport.go`), and GCP's refusal.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotAService => write!(f, "Ingress Backend is not a service"),
            Problem::EmptyPath(t) => write!(f, "failed to validate {} path type due to empty path", kind(t)),
            Problem::InvalidWildcard(t, path) => {
                write!(f, "failed to validate {} path {path} due to invalid wildcard", kind(t))
            }
            Problem::UnsupportedPathType(raw) => write!(f, "unsupported path type: {raw}"),
            Problem::RefusedUrlMapPath(pattern) => {
                write!(f, "URL-map path {pattern} is invalid (a * is allowed only as a trailing /*)")
            }
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.problem)
    }
}

/// What ingress-gce does with an Ingress it cannot sync.
pub(super) fn sync_failure(id: &str, untranslatable: bool, errors: &[Failure]) -> String {
    let what = if untranslatable {
        format!("ingress-gce cannot translate Ingress {id} (event \"Translation failed: invalid ingress spec\")")
    } else {
        format!("Google Cloud refuses the URL map of Ingress {id}, so ingress-gce's sync to GCP fails")
    };
    let errors: Vec<String> = errors.iter().map(Failure::to_string).collect();
    format!(
        "{what}: {}. The whole Ingress fails: its load balancer is not created, or keeps its previous configuration (not simulated).",
        errors.join("; ")
    )
}

/// The diagnostic's message for an Ingress ingress-gce cannot sync.
pub(super) fn failure_diagnostic(failure: &str) -> String {
    format!("GCE: {failure}")
}

/// Why a written path is not in the URL map.
pub(super) fn dropped(why: &Dropped) -> String {
    let why = match why {
        Dropped::SamePathLater { pattern } => format!(
            "a later path of the same rule writes the same URL-map path {pattern} and replaces it (gceurlmap.go PutPathRulesForHost)"
        ),
        Dropped::SameHostLater { rule, host } => format!(
            "rule {rule} has the same host {host} and replaces this rule's paths in the URL map (gceurlmap.go PutPathRulesForHost)"
        ),
    };
    format!("Not in the URL map: {why}.")
}

/// The load balancer the request goes to, and why (the modelling assumption).
pub(super) fn load_balancer_chosen(id: &str, fit: HostFit, host: &str) -> String {
    let why = match fit {
        HostFit::Named => format!("its URL map has a host rule for {host}"),
        HostFit::CatchAll => format!("no URL map names {host}, and its URL map has a host-less rule (host *)"),
        HostFit::Default => format!("no URL map has a host rule for {host}; it has a defaultBackend"),
        HostFit::Nothing => format!("no URL map has a rule or a defaultBackend for {host}"),
    };
    format!(
        "GCE: every Ingress is a separate Google Cloud load balancer with its own IP and URL map. Modelling assumption: each load balancer is reached by its own DNS name, so the request goes to the load balancer of Ingress {id} (the oldest for which {why}); the host's DNS record must point at that IP."
    )
}

/// Another Ingress: another load balancer.
pub(super) fn other_load_balancer(name: &str, id: &str) -> String {
    format!(
        "Ingress {name} is another load balancer (another IP): a request sent to {id}'s IP never reaches its URL map."
    )
}

/// The winning URL-map path.
pub(super) fn matched(host_rule: &str, pattern: &str, path: &str) -> String {
    format!("Matched: host rule {host_rule} → URL-map path {pattern} is the longest path matching {path}.")
}

/// The URL map's default service answers (`host_rule`: the host rule used, if one covers the host).
pub(super) fn default_service(id: &str, host_rule: Option<&str>, host: &str, path: &str) -> String {
    match host_rule {
        Some(h) => format!("No URL-map path of host rule {h} matches {path}: the path matcher's default service is {id}'s spec.defaultBackend."),
        None => format!("No host rule of {id}'s URL map covers {host}: the URL map's default service is its spec.defaultBackend."),
    }
}

/// GKE's own default backend answers.
pub(super) fn system_default_backend(id: &str, host: &str, path: &str) -> String {
    format!("No URL-map path of {id} matches {host}{path} and the Ingress has no defaultBackend: GKE's system default backend (default-http-backend) answers 404.")
}

pub(super) fn host_rule_does_not_cover(host_rule: &str, rule: usize, host: &str) -> String {
    format!("Host rule {host_rule} (rule {rule}) does not cover {host}.")
}

pub(super) fn host_rule_not_used(host_rule: &str, host: &str) -> String {
    format!("Host rule {host_rule} covers {host}, but a more specific host rule of this URL map is used.")
}

pub(super) fn longer_path_matches(pattern: &str, path: &str) -> String {
    format!("URL-map path {pattern} matches {path}, but a longer URL-map path matches too.")
}

pub(super) fn paths_do_not_match(patterns: &[&str], path: &str) -> String {
    format!("URL-map path(s) {} do not match {path} (a path ending in /* needs the request to start with what comes before the *; any other URL-map path matches only itself).", patterns.join(", "))
}

/// The certificate of the load balancer that answers the handshake.
pub(super) fn tls_certificate(
    id: &str,
    entry: usize,
    secret: &str,
    choice: &CertificateChoice,
    sni: &str,
    host: &str,
) -> String {
    let how = match choice {
        CertificateChoice::Covers(h) => format!("its certificate covers {sni} (tls host {h})"),
        CertificateChoice::First => format!("no certificate of this load balancer covers {sni}, so GCP serves the first one (clients will likely see a name mismatch)"),
    };
    format!(
        "TLS (GCE): the load balancer of {id} holds one certificate per tls entry; spec.tls[{entry}] (Secret {secret}) answers because {how}. Other Ingresses' certificates are on other load balancers.{}",
        sni_differs(sni, host)
    )
}

/// The load balancer has no certificate from Secrets.
pub(super) fn tls_no_certificate(id: &str, sni: &str, host: &str) -> String {
    format!(
        "TLS (GCE): Ingress {id} has no tls entry with a Secret, so its load balancer has no certificate from Secrets (pre-shared or managed certificates are set by annotations, not simulated): the handshake for {sni} fails unless one is configured.{}",
        sni_differs(sni, host)
    )
}
