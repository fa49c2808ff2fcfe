//! The words the controller profiles share (their own printers are `<profile>/prose.rs`): how a
//! proxy read the request path, the annotations a profile does not simulate, and the limits of
//! the simulator's regex engine. Nothing here decides anything.

use super::request_path::{PathReading, Rejected};
use std::fmt;

/// Why the proxy refuses the path, as the explanation says it.
impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejected::InvalidEscape(escape) => {
                write!(f, "{escape:?} is not a valid percent-encoding (invalid URL escape)")
            }
            Rejected::EscapedNul => write!(f, "the path contains %00, which Envoy's path normalisation rejects"),
            Rejected::Nul => write!(f, "the path contains a NUL byte, which Envoy rejects"),
        }
    }
}

/// The proxy answers 400 before any route.
pub(crate) fn path_rejected(reading: &PathReading<'_>, why: &Rejected) -> String {
    format!(
        "{} answers 400 Bad Request before any route is tried: {why} ({}). No backend is reached.",
        reading.proxy, reading.rejects
    )
}

/// The proxy routes another path than the one asked.
pub(crate) fn path_rewritten(reading: &PathReading<'_>, path: &str, asked: &str) -> String {
    format!("{} routes the path {path}, not {asked}: {}.", reading.proxy, reading.rewrites)
}

/// An Ingress with annotations in the controller's namespaces that the profile does not simulate.
pub(crate) fn annotations_not_simulated(id: &str, profile: &str, keys: &[&str]) -> String {
    format!(
        "Ingress {id} has annotations the {profile} profile does not simulate: {}. The real controller may route differently because of them.",
        keys.join(", ")
    )
}

/// Said after a certificate step when the SNI name and the Host header differ (empty otherwise).
pub(crate) fn sni_differs(sni: &str, host: &str) -> String {
    if sni != host {
        format!(" The SNI name {sni} picks the certificate; the Host header {host} picks the route.")
    } else {
        String::new()
    }
}

/// A regex longer than the simulator evaluates.
pub(crate) fn regex_too_long(max: usize) -> String {
    format!("the regex is longer than {max} bytes, which the simulator does not evaluate")
}
