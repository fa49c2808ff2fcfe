//! The ingress-nginx profile (kubernetes/ingress-nginx with its nginx): the admitted Ingresses
//! merged oldest first into one nginx configuration (a `server` per host, `location`s built as
//! the controller's template writes them), and a request routed through it as nginx would:
//! URI normalisation, server by Host, location selection (exact, longest prefix, regex in order,
//! the trailing-slash 301), ssl-redirect, rewrite-target, canary split.
//!
//! One file per job: [`annotations`] (what the simulator reads from an Ingress), [`config`]
//! (servers and locations), [`select`] (nginx's location lookup), [`uri`] (request
//! normalisation), [`regex`] (PCRE → regex-lite), [`tls`] (certificates, ssl-redirect),
//! [`canary`] (alternative backends), [`route`] (one request: the answer chosen phase by phase),
//! [`explain`] (that answer and every other candidate judged in nginx's terms), [`prose`] (every
//! sentence of the explanations and diagnostics, printed from the typed facts the others hand it).

mod admission;
mod annotations;
mod canary;
mod config;
mod cors;
mod endpoints;
mod explain;
mod passthrough;
mod prose;
mod regex;
mod route;
mod select;
mod tls;
mod uri;

#[cfg(test)]
mod tests;

use super::{Asked, Context, Controller, Dependencies, Selection};
use crate::decision::Entry;
use crate::diagnostic::Diagnostic;
pub(crate) use config::Reuse;

/// The compiled configuration.
pub(crate) struct Nginx {
    config: config::Config,
}

/// A summary: the derived form would keep every nested type's `Debug` (servers, locations,
/// annotations, canaries) in the JS package for the `dyn` controller's vtable, and nothing reads it.
impl std::fmt::Debug for Nginx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Nginx").field("servers", &self.config.servers.len()).finish_non_exhaustive()
    }
}

impl Nginx {
    /// The configuration, and what nginx refuses or the simulator cannot evaluate in it.
    /// `reuse`: the servers of the last compile under this profile (see [`config::Reuse`]).
    pub fn compile(cx: &Context<'_>, reuse: &mut Reuse) -> (Nginx, Vec<Diagnostic>) {
        let mut config = config::build(cx, reuse);
        let mut diagnostics = std::mem::take(&mut config.diagnostics);
        let order = config::age_order(cx, reuse);
        let (invalid_paths, overlaps) = admission::refusals(cx, &order, &mut reuse.refusals);
        diagnostics.extend(invalid_paths);
        diagnostics.extend(overlaps);
        (Nginx { config }, diagnostics)
    }
}

impl Controller for Nginx {
    type Winner = route::Winner;

    fn select(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Selection<route::Winner> {
        route::select(&self.config, cx, asked)
    }

    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<route::Winner>) -> Vec<Entry> {
        explain::explain(&self.config, cx, asked, selection)
    }

    /// The server that answers `host`, and the generation of what every server shares.
    fn dependencies(&self, host: &str) -> Option<Dependencies> {
        let server = self.config.servers.get(self.config.server_for(host))?.clone();
        Some(Dependencies { generation: self.config.generation, part: server })
    }
}
