//! The AwsAlb profile (placeholder until its module lands).

use super::{Context, Controller, Routed};
use crate::diagnostic::Diagnostic;
use crate::request::Request;

/// The compiled configuration.
#[derive(Debug)]
pub(crate) struct AwsAlb {}

impl AwsAlb {
    pub fn compile(_cx: &Context<'_>) -> AwsAlb {
        AwsAlb {}
    }
}

impl Controller for AwsAlb {
    fn diagnostics(&self, _cx: &Context<'_>) -> Vec<Diagnostic> {
        Vec::new()
    }

    fn route(&self, _cx: &Context<'_>, _request: &Request) -> Routed {
        Routed::no_match()
    }
}
