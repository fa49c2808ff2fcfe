//! The Traefik profile (placeholder until its module lands).

use super::{Context, Controller, Routed};
use crate::diagnostic::Diagnostic;
use crate::request::Request;

/// The compiled configuration.
#[derive(Debug)]
pub(crate) struct Traefik {}

impl Traefik {
    pub fn compile(_cx: &Context<'_>) -> Traefik {
        Traefik {}
    }
}

impl Controller for Traefik {
    fn diagnostics(&self, _cx: &Context<'_>) -> Vec<Diagnostic> {
        Vec::new()
    }

    fn route(&self, _cx: &Context<'_>, _request: &Request) -> Routed {
        Routed::no_match()
    }
}
