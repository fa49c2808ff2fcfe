//! What the commands print: text for people, JSON for scripts.

pub mod compare;
pub mod diagnostics;
pub mod gateway;
pub mod map;
pub mod migrate;
pub mod route;
pub mod steps;
pub mod test;
pub mod validate;

use ingress_engine::{Scheme, Span};

/// `scheme://host/path`.
pub fn url(scheme: Scheme, host: &str, path: &str) -> String {
    let scheme = if scheme == Scheme::Https { "https" } else { "http" };
    format!("{scheme}://{host}{path}")
}

/// `file:line:column` of a span's start (the engine names the file), or `""` when it has no
/// place (line 0: what the input does not write).
pub fn place(span: Option<Span>) -> String {
    span.filter(|s| s.start.line > 0).map(|s| s.to_string()).unwrap_or_default()
}
