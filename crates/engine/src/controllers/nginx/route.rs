//! One request through the configuration, as nginx's phases choose the answer.
//!
//! Before nginx, the controller's TCP proxy hands TLS connections of ssl-passthrough hosts to
//! their backend by SNI ([`passthrough`]). Order of nginx's phases: the request line is normalised
//! (`uri`), the server is chosen by Host, the location is found (`ngx_http_core_find_config_phase`:
//! the trailing-slash 301 is answered here), then the location's rewrite phase runs its
//! directives in order (the CORS preflight's `return 204` ([`super::cors`]), the redirect
//! annotations' `return`, rewrite-target's `rewrite … break;`) and then ingress-nginx's Lua
//! (`lua_ingress.lua`: the ssl-redirect; `balancer.lua`: 503 without endpoints ([`endpoints`])),
//! then the request is proxied (`balancer.lua`: canary alternatives). [`select`] is the only place an answer is chosen;
//! `explain` (the sibling module) judges the rest against it.

use super::config::{upstream, Config, Location, Server, Target};
use super::cors::Preflight;
use super::endpoints::NoEndpoints;
use super::regex::Problem;
use super::select::Found;
use super::{canary, endpoints, passthrough, tls, uri};
use crate::controllers::common::PathRef;
use crate::controllers::{Asked, Context, Routed, Selection};
use crate::decision::{BackendRef, Outcome, Redirect};
use crate::request::{Request, Scheme};

/// What [`select`] chose, and the facts the explanation needs about it.
#[derive(Debug)]
pub(crate) enum Winner {
    /// `nginx -t` fails: the configuration is never loaded, nothing is routed.
    ConfigError,
    /// nginx answers 400 before any server is chosen, and why.
    BadRequest(uri::BadUri),
    /// The TCP proxy hands the TLS connection to the `location /` (index `location`) of the
    /// ssl-passthrough server `server`, before nginx.
    Passthrough { server: usize, location: usize },
    /// The `www.` twin server of from-to-www-redirect answers: the server it sends the client to
    /// (index in the configuration's servers) and the Ingress that asked for it.
    WwwRedirect { to: usize, ingress: usize },
    /// A server took the request (boxed: it is much larger than the other answers).
    Served(Box<Served>),
}

/// The server that took the request and what it answered.
#[derive(Debug)]
pub(crate) struct Served {
    /// The URI as nginx matched it.
    pub uri: uri::Uri,
    /// The server (index in the configuration's servers).
    pub server: usize,
    pub answer: Answer,
}

/// What the server answered; the `usize` is the location (index in the server's locations).
#[derive(Debug)]
pub(crate) enum Answer {
    /// No location matches: nginx's own 404.
    NoLocation,
    /// The server's `if ($uri = /) { return 302 …; }` of the location's app-root, before any
    /// location is looked for.
    AppRoot(usize),
    /// The location's `return <code> <url>;` (permanent-redirect / temporal-redirect).
    Return(usize),
    /// The location's trailing-slash 301 (`auto_redirect`).
    TrailingSlash(usize),
    /// The location's CORS block answers the preflight 204 (enable-cors).
    Preflight(usize),
    /// The location's rewrite phase answers with the ssl-redirect.
    SslRedirect(usize),
    /// The location proxies, after its rewrite-target if any, maybe with a canary split; or its
    /// Service (`namespace/name`) has no endpoints and `NoEndpoints` says what answers instead.
    Proxy {
        location: usize,
        rewrite: Option<Rewritten>,
        canary: Option<CanaryUsed>,
        no_endpoints: Option<Box<(String, NoEndpoints)>>,
    },
}

impl Answer {
    /// The location that answered, if one did.
    pub fn location(&self) -> Option<usize> {
        match *self {
            Answer::NoLocation => None,
            Answer::AppRoot(k)
            | Answer::Return(k)
            | Answer::TrailingSlash(k)
            | Answer::Preflight(k)
            | Answer::SslRedirect(k)
            | Answer::Proxy { location: k, .. } => Some(k),
        }
    }
}

/// What the location's `rewrite "(?i)<path>" <target> break;` did.
#[derive(Debug)]
pub(crate) enum Rewritten {
    /// The rewrite regex cannot be evaluated by the simulator, and why.
    Unsupported(Problem),
    /// The regex does not match: the URI is proxied unchanged.
    NoMatch,
    /// The URI was rewritten (the decision's `upstream_path`); nginx variables kept as written.
    Rewrote { unknown: Vec<String> },
}

/// The canary alternative of the location's upstream that balancer.lua uses.
#[derive(Debug)]
pub(crate) struct CanaryUsed {
    /// The canary Ingress.
    pub ingress: usize,
    /// How many canaries attach to the upstream (only the first is used).
    pub attached: usize,
    /// The primary upstream: namespace and backend.
    pub upstream: (String, BackendRef),
    /// The side this request takes.
    pub side: canary::Side,
}

/// Chooses the answer to one request, phase by phase.
pub(crate) fn select(config: &Config, cx: &Context<'_>, asked: &Asked<'_>) -> Selection<Winner> {
    let (request, host) = (asked.request, asked.host());
    let mut r = Routed::no_match();
    r.tls = asked.sni().map(|sni| tls::decision(cx.manifest, &sni, host, config.certificate_for(&sni)));
    if !config.errors.is_empty() {
        r.outcome = Outcome::ConfigError;
        return Selection { routed: r, winner: Winner::ConfigError };
    }
    if let Some(winner) = passthrough(config, cx, asked, &mut r) {
        return Selection { routed: r, winner };
    }
    let uri = match uri::normalize(&request.path) {
        Ok(u) => u,
        Err(why) => {
            return Selection {
                routed: Routed { tls: r.tls, ..Routed::bad_request() },
                winner: Winner::BadRequest(why),
            }
        }
    };
    r.matched_path = Some(uri.path.clone());
    if let Some(&(to, ingress)) = config.www_redirects.get(host) {
        r.outcome = Outcome::Redirect;
        r.ingress = Some(ingress);
        r.redirect = Some(www_redirect(request, &config.servers[to].host));
        return Selection { routed: r, winner: Winner::WwwRedirect { to, ingress } };
    }
    let s = config.server_for(host);
    let server = &config.servers[s];
    let answer = match app_root(server, &uri.path) {
        Some((k, root)) => {
            let scheme = if request.scheme == Scheme::Https { "https" } else { "http" };
            let location = format!("{scheme}://{}{root}", request.host);
            answer_redirect(cx, &mut r, &server.locations[k], Redirect { status: 302, location });
            Answer::AppRoot(k)
        }
        None => located(config, cx, asked, &mut r, (&uri, server)),
    };
    if let Some(i) = answer.location().and_then(|k| target_ingress(server.locations[k].target)) {
        let mut ignored = super::annotations::ignored(&cx.manifest.ingresses[i]);
        ignored.append(&mut r.ignored_annotations);
        r.ignored_annotations = ignored;
    }
    // Another Ingress of the host can change this answer through an annotation acting for the host.
    for a in config.host_wide.get(&s).into_iter().flatten() {
        if !r.ignored_annotations.contains(a) {
            r.ignored_annotations.push(a.clone());
        }
    }
    Selection { routed: r, winner: Winner::Served(Box::new(Served { uri, server: s, answer })) }
}

/// An HTTPS request whose SNI names an ssl-passthrough server: the TCP proxy hands the connection
/// to the server's `location /` before nginx reads any HTTP, so Host and path play no part. An
/// implicit `location /` has no Service to dial: the connection is closed, no HTTP status.
fn passthrough(config: &Config, cx: &Context<'_>, asked: &Asked<'_>, r: &mut Routed) -> Option<Winner> {
    if asked.request.scheme != Scheme::Https {
        return None;
    }
    let sni = asked.sni()?;
    let &s = config.passthrough.get(&sni)?;
    let server = &config.servers[s];
    let k = passthrough::root_location(server)?;
    let target = server.locations[k].target;
    if passthrough::dialable(target) {
        fill(cx, r, target);
        r.outcome = Outcome::Rule;
        r.matched_as = Some(super::prose::passthrough_matched(&sni, &server.host));
    } else {
        r.outcome = Outcome::ControllerAnswer;
        r.ingress = server.creator;
    }
    let ingress = r.ingress.map(|i| cx.manifest.ingresses[i].id());
    r.tls = Some(passthrough::tls(&sni, &server.host, ingress, r.backend.as_ref()));
    Some(Winner::Passthrough { server: s, location: k })
}

/// The twin server's `return 308 $redirect_to;` (`http-redirect-code`, 308 by default), where
/// `ngx_srv_redirect.lua` (controller-v1.15.1) writes `<scheme>://<to>:<server_port><request_uri>`
/// without the request URI's final `/`. The server port is the controller's listener: 80 for
/// HTTP, 443 for HTTPS (without `use-forwarded-headers`).
fn www_redirect(request: &Request, to: &str) -> Redirect {
    let (scheme, port) = if request.scheme == Scheme::Https { ("https", 443) } else { ("http", 80) };
    // $request_uri: the path and query as sent (a client sends no fragment).
    let sent = request.path.split('#').next().unwrap_or_default();
    let request_uri = sent.strip_suffix('/').unwrap_or(sent);
    Redirect { status: 308, location: format!("{scheme}://{to}:{port}{request_uri}") }
}

/// The app-root of `server` that answers `path`: nginx.tmpl writes, at server level, for each
/// location with `app-root`, `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }`
/// (kubernetes/ingress-nginx `rootfs/etc/nginx/template/nginx.tmpl`, controller-v1.15.1). The
/// server's rewrite phase runs before the location is found, so the first such `if` answers `/`
/// whatever location would match.
fn app_root<'s>(server: &'s Server, path: &str) -> Option<(usize, &'s str)> {
    if path != "/" {
        return None;
    }
    server.locations.iter().enumerate().find_map(|(k, loc)| loc.rewrite.app_root.as_deref().map(|root| (k, root)))
}

/// The decision answers `redirect` itself from location `loc`: no backend receives the request.
fn answer_redirect(cx: &Context<'_>, r: &mut Routed, loc: &Location, redirect: Redirect) {
    answer_itself(cx, r, loc, Outcome::Redirect);
    r.redirect = Some(redirect);
}

/// nginx answers from location `loc` itself (`outcome`): no backend receives the request.
fn answer_itself(cx: &Context<'_>, r: &mut Routed, loc: &Location, outcome: Outcome) {
    r.outcome = outcome;
    r.matched_as = Some(loc.text());
    fill(cx, r, loc.target);
    r.backend = None;
}

/// The Ingress whose annotations location `loc` of `server` carries (`locationApplyAnnotations`):
/// a path's own Ingress; for a host's implicit `location /`, the Ingress that created the server;
/// for the catch-all's, the Ingress whose defaultBackend it is.
pub(crate) fn annotated_by(server: &Server, loc: &Location) -> Option<usize> {
    match loc.target {
        Target::Path { ingress, .. } => Some(ingress),
        Target::Root { ingress } if server.host == "_" => ingress,
        Target::Root { .. } => server.creator,
    }
}

/// What the CORS block of location `loc` does with the request (enable-cors of its Ingress).
pub(crate) fn preflight(config: &Config, server: &Server, loc: &Location, request: &Request) -> Option<Preflight> {
    let cors = config.annotations.get(annotated_by(server, loc)?)?.cors.as_ref()?;
    cors.preflight(request)
}

/// The answer of the location nginx finds: its trailing-slash 301, its `return`, its ssl-redirect,
/// or the proxy.
fn located(
    config: &Config,
    cx: &Context<'_>,
    asked: &Asked<'_>,
    r: &mut Routed,
    (uri, server): (&uri::Uri, &Server),
) -> Answer {
    let (request, host) = (asked.request, asked.host());
    match find_location(server, &uri.path) {
        None => Answer::NoLocation,
        Some((k, true)) => {
            let loc = &server.locations[k];
            let scheme = if request.scheme == Scheme::Https { "https" } else { "http" };
            let args = uri.args.as_deref().map(|a| format!("?{a}")).unwrap_or_default();
            let uri = format!("{}{args}", loc.name);
            let location = absolute(config, server, loc, uri, (scheme, host));
            answer_redirect(cx, r, loc, Redirect { status: 301, location });
            Answer::TrailingSlash(k)
        }
        Some((k, false)) => {
            let loc = &server.locations[k];
            r.matched_as = Some(loc.text());
            // ngx_http_rewrite_module's directives run in the order nginx.tmpl writes them (the
            // CORS block, then the redirect's `return`), all before rewrite_by_lua
            // (lua_ingress.lua's ssl-redirect), which nginx postpones to the end of the phase.
            if let Some(Preflight::Answered { .. }) = preflight(config, server, loc, request) {
                answer_itself(cx, r, loc, Outcome::ControllerAnswer);
                r.status = Some(204);
                r.ingress = r.ingress.or(annotated_by(server, loc));
                Answer::Preflight(k)
            } else if let Some(written) = &loc.redirect {
                if sends_location(written.status) {
                    let scheme = if request.scheme == Scheme::Https { "https" } else { "http" };
                    let location = absolute(config, server, loc, written.location.clone(), (scheme, host));
                    answer_redirect(cx, r, loc, Redirect { status: written.status, location });
                } else {
                    answer_itself(cx, r, loc, Outcome::ControllerAnswer);
                    r.status = Some(written.status);
                }
                // The host's root location carries the annotations of the Ingress that created the server.
                r.ingress = r.ingress.or(server.creator);
                Answer::Return(k)
            } else if ssl_redirects(config, loc, request, host) {
                let location =
                    tls::redirect_location(&request.host, &request.path, loc.rewrite.preserve_trailing_slash);
                answer_redirect(cx, r, loc, Redirect { status: tls::REDIRECT_CODE, location });
                Answer::SslRedirect(k)
            } else {
                proxy(config, cx, asked, r, (uri, server, k))
            }
        }
    }
}

/// `ngx_http_send_response`: `return`'s text becomes the `Location` only for 301, 302, 303, 307
/// and 308; with another code (the annotations allow 300–308) nginx sends it as the body.
pub(crate) fn sends_location(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// The `Location` nginx sends for `uri` from location `loc`: one starting with `/` gets
/// `<scheme>://<Host without port>` in front (`absolute_redirect on`, with nginx.tmpl's
/// `server_name_in_redirect off` and `port_in_redirect off`), unless the location's Ingress has
/// relative-redirects (`absolute_redirect off;`; the catch-all's root keeps Go's zero redirect).
fn absolute(config: &Config, server: &Server, loc: &Location, uri: String, (scheme, host): (&str, &str)) -> String {
    let catch_all_root = server.host == "_" && matches!(loc.target, Target::Root { .. });
    let owner = annotated_by(server, loc).filter(|_| !catch_all_root);
    let relative = owner.and_then(|i| config.annotations.get(i)).is_some_and(|a| a.relative_redirects);
    if relative || !uri.starts_with('/') {
        uri
    } else {
        format!("{scheme}://{host}{uri}")
    }
}

/// The location nginx finds for `path` in `server`, and whether it is the trailing-slash 301:
/// in regex mode the first regex (in configuration order) that matches, otherwise the static
/// location tree.
fn find_location(server: &Server, path: &str) -> Option<(usize, bool)> {
    if server.regex_mode.is_some() {
        return server
            .locations
            .iter()
            .position(|l| matches!(&l.regex, Some(Ok(re)) if re.is_match(path)))
            .map(|k| (k, false));
    }
    match server.tree.find(path) {
        Found::None => None,
        Found::Exact(k) | Found::Prefix(k) => Some((k, false)),
        Found::Redirect(k) => Some((k, true)),
    }
}

/// `lua_ingress.lua` `redirect_to_https`: plain HTTP, not an exempt location, and
/// force-ssl-redirect, or ssl-redirect with a certificate for the host.
pub(crate) fn ssl_redirects(config: &Config, loc: &Location, request: &Request, host: &str) -> bool {
    let rw = &loc.rewrite;
    let wanted = rw.force_ssl_redirect || (rw.ssl_redirect && config.certificate_for(host).is_some());
    request.scheme == Scheme::Http && !loc.name.starts_with(tls::NO_TLS_REDIRECT) && wanted
}

/// The location proxies: its target, rewrite-target and canary split.
fn proxy(
    config: &Config,
    cx: &Context<'_>,
    asked: &Asked<'_>,
    r: &mut Routed,
    (uri, server, k): (&uri::Uri, &Server, usize),
) -> Answer {
    let loc = &server.locations[k];
    fill(cx, r, loc.target);
    r.outcome = match loc.target {
        Target::Path { .. } => Outcome::Rule,
        Target::Root { ingress: Some(_) } => Outcome::DefaultBackend,
        Target::Root { ingress: None } => Outcome::NoMatch,
    };
    // rewrite-target: `rewrite "(?i)<path>" <target> break;`
    let rewrite = match (loc.rewrite.target.as_deref(), &loc.rewrite_regex) {
        (Some(target), Some(re)) => Some(rewrite(r, target, re, uri)),
        _ => None,
    };
    let owner = annotated_by(server, loc);
    let custom = owner.and_then(|i| config.annotations[i].default_backend.as_deref());
    if let Some((missing, answer)) = endpoints::check(cx, loc.target, owner, custom) {
        match &answer {
            NoEndpoints::CustomDefault { backend, .. } => r.backend = Some(backend.clone()),
            NoEndpoints::Unavailable { .. } => {
                (r.outcome, r.status, r.backend, r.upstream_path) = (Outcome::ControllerAnswer, Some(503), None, None);
            }
        }
        return Answer::Proxy { location: k, rewrite, canary: None, no_endpoints: Some(Box::new((missing, answer))) };
    }
    let mut canary = None;
    if r.outcome == Outcome::Rule || r.outcome == Outcome::DefaultBackend {
        if let (Some(primary), Some(main)) = (upstream(cx, loc.target), target_ingress(loc.target)) {
            let found = canary::split(cx, &config.alternatives, &config.annotations, &primary, main, asked.request);
            if let Some(split) = found {
                r.ignored_annotations.extend(super::annotations::ignored(&cx.manifest.ingresses[split.ingress]));
                // The location (and its settings) stays the main Ingress's; only the upstream changes.
                r.backend = split.answering_backend().cloned().or(r.backend.take());
                canary = Some(CanaryUsed {
                    ingress: split.ingress,
                    attached: split.attached,
                    upstream: primary,
                    side: split.side,
                });
                r.split = split.branches;
            }
        }
    }
    Answer::Proxy { location: k, rewrite, canary, no_endpoints: None }
}

/// Sets the decision's path fields from a target.
fn fill(cx: &Context<'_>, r: &mut Routed, target: Target) {
    match target {
        Target::Path { ingress, rule, path_index } => {
            if let Some(p) = PathRef::find(cx, ingress, rule, path_index) {
                r.ingress = Some(ingress);
                r.rule = Some(rule);
                r.path_index = Some(path_index);
                r.host = Some(p.host().to_string());
                r.path = Some(p.path().to_string());
                r.path_type = p.path_type();
                r.backend = p.backend();
                r.span = Some(p.path_value.span);
            }
        }
        Target::Root { ingress: Some(i) } => {
            let ing = &cx.manifest.ingresses[i];
            r.ingress = Some(i);
            r.backend = ing.spec.default_backend.as_ref().and_then(BackendRef::from_model);
            r.span = ing.spec.default_backend.as_ref().map(|b| b.span);
        }
        Target::Root { ingress: None } => {}
    }
}

/// The Ingress a location's target belongs to.
pub(crate) fn target_ingress(t: Target) -> Option<usize> {
    match t {
        Target::Path { ingress, .. } | Target::Root { ingress: Some(ingress) } => Some(ingress),
        Target::Root { ingress: None } => None,
    }
}

/// Applies `rewrite "(?i)<path>" <target> break;`: records the upstream path, says what it did.
fn rewrite(r: &mut Routed, target: &str, re: &Result<regex_lite::Regex, Problem>, uri: &uri::Uri) -> Rewritten {
    let re = match re {
        Ok(re) => re,
        Err(problem) => return Rewritten::Unsupported(problem.clone()),
    };
    let Some(caps) = re.captures(&uri.path) else { return Rewritten::NoMatch };
    let names: Vec<&str> = re.capture_names().flatten().collect();
    let mut unknown = Vec::new();
    let mut new = substitute(target, &caps, &names, &mut unknown);
    // ngx_http_script_regex_end_code: new arguments get the old ones appended; a final `?` drops them.
    match (new.strip_suffix('?').map(str::to_string), new.contains('?'), &uri.args) {
        (Some(without), _, _) => new = without,
        (None, true, Some(a)) => new = format!("{new}&{a}"),
        (None, false, Some(a)) => new = format!("{new}?{a}"),
        _ => {}
    }
    r.upstream_path = Some(new);
    Rewritten::Rewrote { unknown }
}

/// nginx `rewrite` replacement: `$1`…`$9` and named captures; other variables are kept as
/// written (and reported).
fn substitute(target: &str, caps: &regex_lite::Captures<'_>, names: &[&str], unknown: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut chars = target.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        if let Some(&(_, d)) = chars.peek() {
            if ('1'..='9').contains(&d) {
                chars.next();
                let n = d as usize - '0' as usize;
                out.push_str(caps.get(n).map_or("", |m| m.as_str()));
                continue;
            }
        }
        let braced = chars.peek().is_some_and(|&(_, c)| c == '{');
        if braced {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&(_, c)) = chars.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                name.push(c);
                chars.next();
            } else {
                break;
            }
        }
        if braced && chars.peek().is_some_and(|&(_, c)| c == '}') {
            chars.next();
        }
        if names.contains(&name.as_str()) {
            out.push_str(caps.name(&name).map_or("", |m| m.as_str()));
        } else {
            unknown.push(format!("${name}"));
            out.push('$');
            if braced {
                out.push('{');
                out.push_str(&name);
                out.push('}');
            } else {
                out.push_str(&name);
            }
        }
    }
    out
}
