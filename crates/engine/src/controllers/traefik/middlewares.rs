//! The middlewares of a router that answer a request themselves (redirects), in the order the
//! provider chains them: traefik/traefik v3.7.9
//! `pkg/provider/kubernetes/ingress-nginx/translator.go` `applyMiddlewares` puts the
//! RedirectScheme first (on the router of the non-TLS entry point only), then the AppRoot, then
//! the RedirectRegex; `applyFromToWwwRedirect` gives the twin host's router a RedirectRegex of
//! its own. The first middleware that answers ends the chain: no backend receives the request.

use crate::controllers::Asked;
use crate::decision::Redirect;
use crate::request::Scheme;

/// A router's redirecting middlewares.
#[derive(Clone, Default)]
pub(super) struct Middlewares {
    /// RedirectScheme `https` with `ForcePermanentRedirect` (308), on plain HTTP only.
    pub ssl_redirect: bool,
    /// AppRoot (`pkg/middlewares/ingressnginx/approot`): 302 to `$scheme://$best_http_host<path>`
    /// for the path `/` only.
    pub app_root: Option<String>,
    /// RedirectRegex of permanent-redirect / temporal-redirect.
    pub redirect: Option<RegexRedirect>,
    /// RedirectRegex `(https?)://[^/:]+(:[0-9]+)?/(.*)` → `$1://<host>$2/$3`, 308: the
    /// from-to-www-redirect twin's router sends every request to this host.
    pub to_host: Option<String>,
}

/// A RedirectRegex middleware (`pkg/middlewares/redirect/redirect_regex.go`): when `regex`
/// matches the request URL (`<scheme>://<Host><request URI>`), the URL with the match replaced
/// by `replacement`, with `status`.
#[derive(Clone)]
pub(super) struct RegexRedirect {
    /// `None` for `.*` (the whole URL, so the Location is the replacement).
    pub regex: Option<regex_lite::Regex>,
    pub replacement: String,
    pub status: u16,
}

/// Which middleware answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Answered {
    SslRedirect,
    AppRoot,
    Redirect,
    ToHost,
}

impl Middlewares {
    /// Nothing to redirect: the router needs no middlewares.
    pub fn is_empty(&self) -> bool {
        !self.ssl_redirect && self.app_root.is_none() && self.redirect.is_none() && self.to_host.is_none()
    }

    /// The redirect that answers `asked` (its routing `path`), and which middleware gave it.
    pub fn answer(&self, asked: &Asked<'_>, path: &str) -> Option<(Answered, Redirect)> {
        let request = asked.request;
        let https = request.scheme == Scheme::Https;
        let request_uri = request.path.split('#').next().unwrap_or_default();
        if let Some(host) = &self.to_host {
            let port = request.host.rsplit_once(':').map(|(_, p)| p).filter(|p| p.bytes().all(|b| b.is_ascii_digit()));
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let location = format!("{}://{host}{port}{request_uri}", scheme(https));
            return Some((Answered::ToHost, Redirect { status: 308, location }));
        }
        if self.ssl_redirect && !https {
            let location = format!("https://{}{request_uri}", asked.host());
            return Some((Answered::SslRedirect, Redirect { status: 308, location }));
        }
        if let Some(root) = self.app_root.as_ref().filter(|_| path == "/") {
            let location = format!("{}://{}{root}", scheme(https), request.host);
            return Some((Answered::AppRoot, Redirect { status: 302, location }));
        }
        let redirect = self.redirect.as_ref()?;
        let location = match &redirect.regex {
            None => redirect.replacement.clone(),
            Some(regex) => {
                let url = format!("{}://{}{request_uri}", scheme(https), request.host);
                regex.is_match(&url).then(|| regex.replace(&url, redirect.replacement.as_str()).into_owned())?
            }
        };
        Some((Answered::Redirect, Redirect { status: redirect.status, location }))
    }
}

fn scheme(https: bool) -> &'static str {
    if https {
        "https"
    } else {
        "http"
    }
}
