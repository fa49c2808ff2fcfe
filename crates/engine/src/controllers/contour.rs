//! The Contour profile (placeholder until its module lands).

use super::{Context, Controller, Routed};
use crate::diagnostic::Diagnostic;
use crate::request::Request;

/// The compiled configuration.
#[derive(Debug)]
pub(crate) struct Contour {}

impl Contour {
    pub fn compile(_cx: &Context<'_>) -> Contour {
        Contour {}
    }
}

impl Controller for Contour {
    fn diagnostics(&self, _cx: &Context<'_>) -> Vec<Diagnostic> {
        Vec::new()
    }

    fn route(&self, _cx: &Context<'_>, _request: &Request) -> Routed {
        Routed::no_match()
    }
}
