//! What the commands print: text for people, JSON for scripts.

pub mod compare;
pub mod diagnostics;
pub mod route;
pub mod test;
pub mod validate;

use ingress_engine::Scheme;

/// `scheme://host/path`.
pub fn url(scheme: Scheme, host: &str, path: &str) -> String {
    let scheme = if scheme == Scheme::Https { "https" } else { "http" };
    format!("{scheme}://{host}{path}")
}
