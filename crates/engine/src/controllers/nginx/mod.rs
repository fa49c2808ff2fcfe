//! The ingress-nginx profile (kubernetes/ingress-nginx with its nginx): the admitted Ingresses
//! merged oldest first into one nginx configuration (a `server` per host, `location`s built as
//! the controller's template writes them), and a request routed through it as nginx would:
//! URI normalisation, server by Host, location selection (exact, longest prefix, regex in order,
//! the trailing-slash 301), ssl-redirect, rewrite-target, canary split.
//!
//! One file per job: [`annotations`] (what the simulator reads from an Ingress), [`config`]
//! (servers and locations), [`select`] (nginx's location lookup), [`uri`] (request
//! normalisation), [`regex`] (PCRE → regex-lite), [`tls`] (certificates, ssl-redirect),
//! [`canary`] (alternative backends), [`route`] (one request, explained).

mod annotations;
mod canary;
mod config;
mod regex;
mod route;
mod select;
mod tls;
mod uri;

#[cfg(test)]
mod tests;

use super::{Context, Controller, Routed};
use crate::diagnostic::Diagnostic;
use crate::request::Request;

/// The compiled configuration.
#[derive(Debug)]
pub(crate) struct Nginx {
    config: config::Config,
}

impl Nginx {
    pub fn compile(cx: &Context<'_>) -> Nginx {
        Nginx { config: config::build(cx) }
    }
}

impl Controller for Nginx {
    fn diagnostics(&self, _cx: &Context<'_>) -> Vec<Diagnostic> {
        self.config.diagnostics.clone()
    }

    fn route(&self, cx: &Context<'_>, request: &Request) -> Routed {
        route::route(&self.config, cx, request, true)
    }

    fn decide(&self, cx: &Context<'_>, request: &Request) -> Routed {
        route::route(&self.config, cx, request, false)
    }
}
