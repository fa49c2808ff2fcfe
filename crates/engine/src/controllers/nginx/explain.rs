//! One request's explanation in nginx's terms: every phase of what [`super::route::select`] chose,
//! and every other location, skipped path and server judged against it. Nothing is chosen here.

use super::canary::Side;
use super::config::{Config, ConfigError, Location, Server, SkipReason, Skipped, Target};
use super::cors::Preflight;
use super::endpoints::{self, NoEndpoints};
use super::regex::Problem;
use super::route::{annotated_by, preflight, target_ingress, Answer, CanaryUsed, Rewritten, Served, Winner};
use super::{passthrough, tls};
use crate::controllers::common::{default_backend_entry, other_class_entries, PathRef};
use crate::controllers::{Asked, Context, Routed, Selection};
use crate::decision::{Entry, Outcome, Reason, Verdict};
use crate::request::Scheme;

/// An explanation entry for whatever a location proxies to.
fn target_entry(
    cx: &Context<'_>,
    server: &Server,
    target: Target,
    verdict: Verdict,
    reason: Reason,
    message: String,
) -> Entry {
    match target {
        Target::Path { ingress, rule, path_index } => match PathRef::find(cx, ingress, rule, path_index) {
            Some(p) => p.entry(verdict, reason, message),
            None => Entry::info(message),
        },
        Target::Root { ingress: Some(i) } => {
            let mut e = default_backend_entry(&cx.manifest.ingresses[i], verdict, reason, message);
            e.host = Some(server.host.clone());
            e
        }
        Target::Root { ingress: None } => {
            let mut e = Entry::info(message);
            e.verdict = verdict;
            e.reason = reason;
            e.host = Some(server.host.clone());
            e
        }
    }
}

/// What a location proxies to, in words.
fn describe(cx: &Context<'_>, loc: &Location) -> String {
    let what = match loc.target {
        Target::Path { ingress, rule, path_index } => {
            let pt = PathRef::find(cx, ingress, rule, path_index)
                .and_then(|p| p.path_type())
                .map_or("no pathType", |t| t.as_str());
            let origin = if loc.added_exact {
                format!("added by ingress-nginx for Prefix {}", loc.raw)
            } else {
                format!("path {} ({pt})", if loc.raw.is_empty() { "/" } else { &loc.raw })
            };
            format!("{origin} of Ingress {}", cx.manifest.ingresses[ingress].id())
        }
        Target::Root { ingress: Some(i) } => {
            format!("the implicit root, spec.defaultBackend of Ingress {}", cx.manifest.ingresses[i].id())
        }
        Target::Root { ingress: None } => "the implicit root, the controller's default backend (404)".to_string(),
    };
    format!("nginx `{}` ({what})", loc.text())
}

/// Every step and candidate of one request, judged against what [`super::route::select`] chose.
pub(crate) fn explain(
    config: &Config,
    cx: &Context<'_>,
    asked: &Asked<'_>,
    selection: &Selection<Winner>,
) -> Vec<Entry> {
    let mut out = match &selection.winner {
        Winner::ConfigError => config.errors.iter().map(|e| config_error_entry(cx, e)).collect(),
        Winner::BadRequest(why) => vec![Entry::info(format!("nginx answers 400 Bad Request before any server or location is chosen: {why} (ngx_http_parse_complex_uri). No backend is reached."))],
        Winner::WwwRedirect { to, ingress } => {
            let location = selection.routed.redirect.as_ref().map(|r| r.location.as_str()).unwrap_or_default();
            let mut won = Entry::info(format!("nginx's redirect server {} (from-to-www-redirect of Ingress {}, for server {}) answers 308 → {location}: BuildRedirects adds it because no Ingress has a rule for {}; ngx_srv_redirect.lua writes the scheme, the listener's port and the request URI without a final `/`.", asked.host(), cx.manifest.ingresses[*ingress].id(), config.servers[*to].host, asked.host()));
            (won.verdict, won.reason, won.ingress) = (Verdict::Won, Reason::Redirect, Some(cx.manifest.ingresses[*ingress].id()));
            vec![won]
        }
        Winner::Passthrough { server, location } => passthrough_entries(config, cx, asked, *server, *location),
        Winner::Served(served) => served.explain(config, cx, asked, &selection.routed),
    };
    out.extend(other_class_entries(cx));
    out
}

/// The TLS connection handed to the ssl-passthrough server's `location /` by SNI, and the
/// locations of that server it never reaches.
fn passthrough_entries(config: &Config, cx: &Context<'_>, asked: &Asked<'_>, s: usize, k: usize) -> Vec<Entry> {
    let server = &config.servers[s];
    let root = &server.locations[k];
    let by = |i: Option<usize>| i.map(|i| format!(" of Ingress {}", cx.manifest.ingresses[i].id())).unwrap_or_default();
    let sni = asked.sni().unwrap_or_default();
    let mut out = vec![if passthrough::dialable(root.target) {
        target_entry(cx, server, root.target, Verdict::Won, Reason::Matched, format!("TLS connection with SNI {sni}: server {} has ssl-passthrough{}, so the controller's TCP proxy ({}) hands the connection, still encrypted, to the backend of its `location /`, {}. nginx never reads the HTTP request: the Host header ({}) and the path ({}) play no part, and no other annotation applies.", server.host, by(annotated_by(server, root)), passthrough::FLAG, describe(cx, root), asked.host(), asked.path()))
    } else {
        let mut e = Entry::info(format!("TLS connection with SNI {sni}: server {} has ssl-passthrough{} ({}), but its `location /` is {}: no Service to dial, so the TCP proxy closes the connection and the client gets no HTTP answer. Give the Ingress a `/` path to pass TLS through to its Service.", server.host, by(server.creator), passthrough::FLAG, describe(cx, root)));
        e.host = Some(server.host.clone());
        e
    }];
    for loc in server.locations.iter().filter(|l| !std::ptr::eq(*l, root)) {
        let message = format!("{} is not used: with ssl-passthrough, TLS connections to {} go to `location /` whatever the path (plain HTTP is routed by nginx as usual).", describe(cx, loc), server.host);
        out.push(target_entry(cx, server, loc.target, Verdict::Lost, Reason::Outranked, message));
    }
    out
}

fn config_error_entry(cx: &Context<'_>, e: &ConfigError) -> Entry {
    let mut entry = Entry::info(format!("nginx -t fails: {}. ingress-nginx does not load a configuration nginx refuses (the admission webhook, when enabled, rejects the Ingress that causes it): the previous configuration keeps serving, so this input never takes effect.", e.message));
    entry.reason = Reason::ConfigError;
    entry.verdict = Verdict::Info;
    entry.span = e.span;
    entry.host = Some(e.host.clone());
    if let Some(i) = e.target.and_then(target_ingress) {
        entry.ingress = Some(cx.manifest.ingresses[i].id());
    }
    entry
}

impl Served {
    fn explain(&self, config: &Config, cx: &Context<'_>, asked: &Asked<'_>, routed: &Routed) -> Vec<Entry> {
        let server = &config.servers[self.server];
        let aliased = server.host != asked.host() && config.aliases.get(asked.host()) == Some(&self.server);
        let mut out = self.steps(cx, server, asked, aliased);
        if config.passthrough.get(&server.host) == Some(&self.server) {
            out.push(Entry::info(passthrough::not_passed_note(&server.host, asked.request.scheme, asked.sni())));
        }
        out.extend(self.answer_entries(config, cx, asked, routed));
        let won = self.answer.location().map(|w| &server.locations[w]);
        let redirect = matches!(self.answer, Answer::TrailingSlash(_));
        for (_, loc) in server.locations.iter().enumerate().filter(|&(k, _)| Some(k) != self.answer.location()) {
            out.push(match self.answer {
                Answer::AppRoot(_) => not_reached(cx, server, loc),
                _ => judge_location(cx, server, loc, won, redirect, &self.uri.path),
            });
        }
        let skipped = config.skipped.iter().filter(|k| k.host == server.host);
        out.extend(skipped.filter_map(|skip| skipped_entry(cx, server, skip)));
        for other in config.servers.iter().filter(|o| o.host != server.host && o.host != "_") {
            out.push(other_server_entry(cx, other, asked.host()));
        }
        if !routed.ignored_annotations.is_empty() {
            let answering = routed.ingress.map(|i| cx.manifest.ingresses[i].id());
            let keys: Vec<String> = routed
                .ignored_annotations
                .iter()
                .map(|a| match answering.as_deref() == Some(a.ingress.as_str()) {
                    true => a.key.clone(),
                    false => format!("{} on {}", a.key, a.ingress),
                })
                .collect();
            let host_wide =
                routed.ignored_annotations.iter().any(|a| super::annotations::HOST_WIDE.contains(&a.key.as_str()));
            let note = if host_wide {
                " Those acting for the whole host (server-snippet, auth-tls-*) may change this answer whichever Ingress of the host carries them."
            } else {
                ""
            };
            let mut e =
                Entry::info(format!("Not simulated (listed in ignoredAnnotations): {}.{note}", keys.join(", ")));
            e.reason = Reason::IgnoredAnnotation;
            out.push(e);
        }
        out
    }

    /// The steps before the location: URI normalisation, the server, its regex mode.
    fn steps(&self, cx: &Context<'_>, server: &Server, asked: &Asked<'_>, aliased: bool) -> Vec<Entry> {
        let (host, path) = (asked.host(), self.uri.path.as_str());
        let mut out = Vec::new();
        if path != asked.path() {
            out.push(Entry::info(format!(
                "nginx normalises the URI before matching locations: {:?} is matched as {:?} (percent-decoding, merged slashes, resolved . and .. segments).",
                asked.path(), path
            )));
        }
        if self.uri.lossy {
            out.push(Entry::info("The decoded URI is not valid UTF-8; the simulator matches it with U+FFFD in place of the invalid bytes (nginx matches the raw bytes)."));
        }
        out.push(Entry::info(if aliased {
            format!("nginx server {} answers Host {host}: {host} is in its server_name, a server-alias of the oldest Ingress with a rule for {} that sets one (createServers).", server.host, server.host)
        } else if server.host == "_" {
            format!("No nginx server_name matches {host}, so the catch-all `server _` (default_server) answers.")
        } else if server.host.starts_with("*.") {
            format!(
                "nginx server {} answers Host {host}: its server_name is the regex ~^(?<subdomain>[\\w-]+)\\.{} (exactly one label).",
                server.host,
                server.host[2..].replace('.', "\\.")
            )
        } else {
            format!("nginx server {host} answers Host {host} (exact server_name).")
        }));
        if let Some(k) = server.regex_mode {
            let why = server.locations.get(k).map(|l| describe(cx, l)).unwrap_or_default();
            out.push(Entry::info(format!("Server {} is in regex mode (enforceRegexModifier): {why} uses use-regex or rewrite-target, so every location of this host is written `location ~* \"^<path>\"` — case-insensitive, anchored at the start only, checked in configuration order (longest path first), first match wins.", server.host)));
        }
        out
    }

    /// The entries about the answer itself: the winning location and what its phases did.
    fn answer_entries(&self, config: &Config, cx: &Context<'_>, asked: &Asked<'_>, routed: &Routed) -> Vec<Entry> {
        let server = &config.servers[self.server];
        let path = self.uri.path.as_str();
        let location = routed.redirect.as_ref().map(|r| r.location.as_str()).unwrap_or_default();
        let (k, rewrite, canary) = match &self.answer {
            Answer::NoLocation => {
                return vec![Entry::info(format!(
                    "No location of server {} matches {path}: nginx answers 404 itself.",
                    server.host
                ))]
            }
            Answer::TrailingSlash(k) => {
                let loc = &server.locations[*k];
                return vec![target_entry(cx, server, loc.target, Verdict::Won, Reason::Redirect, format!("{} answers 301 → {location}: {path} is one `/` short of a location whose name ends in `/` and that proxies (auto_redirect in ngx_http_core_find_static_location), and no exact `= {path}` exists.", describe(cx, loc)))];
            }
            Answer::AppRoot(k) => {
                let loc = &server.locations[*k];
                return vec![target_entry(cx, server, loc.target, Verdict::Won, Reason::Redirect, format!("Server {} answers 302 → {location} before looking for a location: {} sets nginx.ingress.kubernetes.io/app-root, which nginx.tmpl writes at server level as `if ($uri = /) {{ return 302 $scheme://$http_host<app-root>; }}`.", server.host, describe(cx, loc)))];
            }
            Answer::Return(k) => {
                let loc = &server.locations[*k];
                let (status, url) = loc.redirect.as_ref().map_or((0, ""), |w| (w.status, w.location.as_str()));
                let whose = match (loc.target, server.creator) {
                    (Target::Root { .. }, Some(i)) => format!(" (the host's `location /` takes the annotations of Ingress {}, which created the server: createServers, locationApplyAnnotations)", cx.manifest.ingresses[i].id()),
                    _ => String::new(),
                };
                let (reason, sent) = match &routed.redirect {
                    Some(r) if r.location != url => (Reason::Redirect, format!(" nginx sends Location: {location}: absolute_redirect puts the scheme and the Host (without its port) in front of a path, unless the Ingress sets relative-redirects.")),
                    Some(_) => (Reason::Redirect, String::new()),
                    None => (Reason::Matched, format!(" nginx turns `return`'s URL into a Location only for 301, 302, 303, 307 and 308: it answers {status} with the URL as the body (ngx_http_send_response), no redirect.")),
                };
                let mut won = target_entry(cx, server, loc.target, Verdict::Won, reason, format!("{}{whose} matches {path}; its `return {status} {url};` (permanent-redirect / temporal-redirect of its Ingress; temporal-redirect wins when both are set) answers before the backend, and before the ssl-redirect of its rewrite phase.{sent}", describe(cx, loc)));
                won.ingress = routed.ingress.map(|i| cx.manifest.ingresses[i].id());
                return vec![won];
            }
            Answer::Preflight(k) => {
                let loc = &server.locations[*k];
                let cors = annotated_by(server, loc).and_then(|i| config.annotations[i].cors.as_ref());
                let answered = match preflight(config, server, loc, asked.request) {
                    Some(Preflight::Answered { allow_origin }) => allow_origin,
                    _ => String::new(),
                };
                let block = cors.map(|c| c.answered_message(&answered)).unwrap_or_default();
                let mut won = target_entry(
                    cx,
                    server,
                    loc.target,
                    Verdict::Won,
                    Reason::Matched,
                    format!("{} matches {path}; {block}", describe(cx, loc)),
                );
                won.ingress = routed.ingress.map(|i| cx.manifest.ingresses[i].id());
                won.backend = None;
                return vec![won];
            }
            Answer::SslRedirect(k) => (*k, None, None),
            Answer::Proxy { location, rewrite, canary, .. } => (*location, rewrite.as_ref(), canary.as_ref()),
        };
        let no_endpoints = match &self.answer {
            Answer::Proxy { no_endpoints, .. } => no_endpoints.as_deref(),
            _ => None,
        };
        let loc = &server.locations[k];
        let how = if server.regex_mode.is_some() {
            "is the first regex location (in configuration order) that matches".to_string()
        } else if loc.exact {
            format!("matches exactly ({path})")
        } else {
            format!("is the longest prefix of {path}")
        };
        let chosen = format!("{} {how}", describe(cx, loc));
        let rw = &loc.rewrite;
        let host = asked.host();
        let has_cert = config.certificate_for(host).is_some();
        if matches!(self.answer, Answer::SslRedirect(_)) {
            let why = if rw.force_ssl_redirect {
                "force-ssl-redirect is set".to_string()
            } else {
                format!("a certificate is configured for {host} and ssl-redirect is on (the default)")
            };
            let slash =
                if rw.preserve_trailing_slash { "" } else { "; a final `/` is dropped unless preserve-trailing-slash" };
            return vec![target_entry(cx, server, loc.target, Verdict::Won, Reason::Redirect, format!("{chosen}; its rewrite phase (lua_ingress.lua) answers {} → {location}: plain HTTP and {why}{slash}.", tls::REDIRECT_CODE))];
        }
        let mut out = Vec::new();
        let plain = asked.request.scheme == Scheme::Http;
        if plain
            && loc.name.starts_with(tls::NO_TLS_REDIRECT)
            && (rw.force_ssl_redirect || (rw.ssl_redirect && has_cert))
        {
            out.push(Entry::info(format!(
                "No ssl-redirect: the location path starts with {} (no-tls-redirect-locations).",
                tls::NO_TLS_REDIRECT
            )));
        } else if plain && has_cert && !rw.ssl_redirect {
            out.push(Entry::info(
                "No ssl-redirect: the answering Ingress sets nginx.ingress.kubernetes.io/ssl-redirect: \"false\".",
            ));
        }
        if let (Some(rewritten), Some(target)) = (rewrite, rw.target.as_deref()) {
            out.push(rewrite_entry(rewritten, target, loc, path, routed.upstream_path.as_deref().unwrap_or_default()));
        }
        let (verdict, reason, tail) = match routed.outcome {
            Outcome::Rule => (Verdict::Won, Reason::Matched, ""),
            Outcome::DefaultBackend => (Verdict::Won, Reason::DefaultBackend, " — the server's implicit `location /` proxies to the spec.defaultBackend of the Ingress that created the server"),
            Outcome::ControllerAnswer => (Verdict::Won, Reason::Matched, ""),
            _ => (Verdict::Info, Reason::Note, " — the controller's default backend answers 404"),
        };
        let mut won = target_entry(cx, server, loc.target, verdict, reason, format!("{chosen}{tail}."));
        let swapped = matches!(no_endpoints, Some((_, NoEndpoints::CustomDefault { .. })));
        if swapped || canary.is_some_and(|c| matches!(c.side, Side::Canary(_))) {
            // The location stays; its upstream is swapped (balancer.lua's canary, getBackendServers' custom default backend).
            won.backend = routed.backend.clone();
        }
        out.push(won);
        if let Some(c) = canary {
            out.push(canary_entry(cx, c, routed));
        }
        out.extend(self.location_notes(config, cx, asked, (server, loc), no_endpoints));
        out
    }

    /// What the answering location's annotations did not do, or did instead of proxying: no
    /// endpoints, an unused default-backend, a preflight whose origin is refused.
    fn location_notes(
        &self,
        config: &Config,
        cx: &Context<'_>,
        asked: &Asked<'_>,
        (server, loc): (&Server, &Location),
        no_endpoints: Option<&(String, NoEndpoints)>,
    ) -> Vec<Entry> {
        let owner = annotated_by(server, loc);
        let annotations = owner.and_then(|i| config.annotations.get(i));
        let mut notes = Vec::new();
        if let Some((missing, answer)) = no_endpoints {
            let by = owner.map(|i| cx.manifest.ingresses[i].id()).unwrap_or_default();
            notes.push(endpoints::entry(missing, answer, &by));
        } else if let Some(custom) = annotations.and_then(|a| a.default_backend.as_deref()) {
            let serving = super::config::upstream(cx, loc.target).map(|(_, b)| b);
            let mut e = Entry::info(endpoints::unused_note(custom, serving.as_ref()));
            e.ingress = owner.map(|i| cx.manifest.ingresses[i].id());
            notes.push(e);
        }
        if let Some(Preflight::OriginRefused { origin }) = preflight(config, server, loc, asked.request) {
            let cors = annotations.and_then(|a| a.cors.as_ref());
            notes.extend(cors.map(|c| Entry::info(c.refused_message(origin.as_deref()))));
        }
        notes
    }
}

/// A location that did not answer, judged against the one that did (`won`; `redirect`: it
/// answered with the trailing-slash 301).
/// A location the server's app-root `if` answered before nginx looked for one.
fn not_reached(cx: &Context<'_>, server: &Server, loc: &Location) -> Entry {
    let message =
        format!("{} is not reached: the server's app-root `if ($uri = /)` answered first.", describe(cx, loc));
    target_entry(cx, server, loc.target, Verdict::Lost, Reason::Outranked, message)
}

fn judge_location(
    cx: &Context<'_>,
    server: &Server,
    loc: &Location,
    won: Option<&Location>,
    redirect: bool,
    path: &str,
) -> Entry {
    let d = describe(cx, loc);
    let win = won.map(|w| format!("`{}`", w.text())).unwrap_or_default();
    let (verdict, reason, msg) = if server.regex_mode.is_some() {
        match &loc.regex {
            Some(Ok(re)) if re.is_match(path) => (
                Verdict::Lost,
                Reason::Outranked,
                format!(
                    "{d} matches too, but regex locations are checked in configuration order and {win} comes first."
                ),
            ),
            Some(Ok(_)) => (
                Verdict::Lost,
                Reason::NotMatched,
                format!("{d}: the regex does not match {path} (case-insensitive, anchored at the start)."),
            ),
            unevaluated => {
                let why = match unevaluated {
                    Some(Err(Problem::Unsupported(w) | Problem::Invalid(w))) => w.clone(),
                    _ => String::new(),
                };
                (Verdict::Ignored, Reason::Note, format!("{d} is not evaluated: its regex is not supported by the simulator ({why}). The decision assumes it does not match; if it does and comes first, nginx chooses it instead."))
            }
        }
    } else if redirect {
        let matches = if loc.exact { loc.name == path } else { path.starts_with(&loc.name) };
        if matches {
            (
                Verdict::Lost,
                Reason::Outranked,
                format!(
                    "{d} matches as a prefix, but nginx's trailing-slash redirect for {win} ends the lookup first."
                ),
            )
        } else {
            (Verdict::Lost, Reason::NotMatched, format!("{d} does not match {path}."))
        }
    } else if loc.exact {
        (
            Verdict::Lost,
            Reason::NotMatched,
            format!("{d}: an exact location needs the whole URI to be {}, not {path}.", loc.name),
        )
    } else if path.starts_with(&loc.name) {
        let why = match won {
            Some(w) if w.exact => format!("the exact match {win} wins at once"),
            _ => format!("nginx keeps the longest matching prefix, {win}"),
        };
        (Verdict::Lost, Reason::Outranked, format!("{d} matches as a prefix, but {why}."))
    } else {
        (Verdict::Lost, Reason::NotMatched, format!("{d}: {path} does not start with {}.", loc.name))
    };
    target_entry(cx, server, loc.target, verdict, reason, msg)
}

/// A server that did not take the request for `host`.
fn other_server_entry(cx: &Context<'_>, other: &Server, host: &str) -> Entry {
    let mut e =
        Entry::info(format!("nginx server {} does not answer: its server_name does not match {host}.", other.host));
    e.verdict = Verdict::Lost;
    e.reason = if other.host.starts_with("*.") && host.ends_with(&other.host[1..]) {
        Reason::WildcardDepth
    } else {
        Reason::WrongHost
    };
    e.host = Some(other.host.clone());
    e.ingress = other.creator.map(|i| cx.manifest.ingresses[i].id());
    e
}

/// A path of this server that did not become a location.
fn skipped_entry(cx: &Context<'_>, server: &Server, skip: &Skipped) -> Option<Entry> {
    let p = PathRef::find(cx, skip.ingress, skip.rule, skip.path_index)?;
    Some(match &skip.why {
        SkipReason::Duplicate(kept) => {
            let by = target_ingress(*kept).map(|i| cx.manifest.ingresses[i].id()).unwrap_or_default();
            p.entry(Verdict::Lost, Reason::Duplicate, format!("Path {} ({}) is dropped: the same path and type is already configured for server {} by Ingress {by} (ingress-nginx merges Ingresses oldest creationTimestamp first, ties by namespace/name descending: the oldest wins).", p.path(), p.path_type().map_or("Prefix", |t| t.as_str()), server.host))
        }
        SkipReason::Resource => p.entry(
            Verdict::Ignored,
            Reason::Note,
            "ingress-nginx skips paths whose backend is not a Service (backend.resource).".to_string(),
        ),
        SkipReason::Canary => p.entry(
            Verdict::Ignored,
            Reason::Canary,
            "A canary Ingress creates no location; its paths only add alternative backends to matching locations."
                .to_string(),
        ),
    })
}

/// What the location's rewrite-target did (`upstream`: the rewritten URI, when it was rewritten).
fn rewrite_entry(rewritten: &Rewritten, target: &str, loc: &Location, path: &str, upstream: &str) -> Entry {
    Entry::info(match rewritten {
        Rewritten::Unsupported(w) => format!("rewrite-target {target:?} is not evaluated: the rewrite regex (?i){} is not supported by the simulator ({w}).", loc.name),
        Rewritten::NoMatch => format!("rewrite \"(?i){}\" does not match {path}: the URI is proxied unchanged.", loc.quoted_name()),
        Rewritten::Rewrote { unknown } => {
            let note = if unknown.is_empty() {
                String::new()
            } else {
                format!(" The nginx variables {} are not simulated and are shown as written.", unknown.join(", "))
            };
            if upstream.starts_with("http://") || upstream.starts_with("https://") {
                format!("rewrite \"(?i){}\" {target} turns the URI into {upstream}: nginx answers it as a 302 redirect.{note}", loc.quoted_name())
            } else {
                format!("rewrite \"(?i){}\" {target} break; rewrites {path} to {upstream}: the backend receives {upstream}.{note}", loc.quoted_name())
            }
        }
    })
}

/// The canary alternative balancer.lua uses for the location's upstream, and the side this request takes.
fn canary_entry(cx: &Context<'_>, c: &CanaryUsed, routed: &Routed) -> Entry {
    let canary = &cx.manifest.ingresses[c.ingress];
    let side = match &c.side {
        Side::Canary(why) => format!("This request goes to the canary side ({why})."),
        Side::Main(why) => format!("This request stays on the main side ({why})."),
        Side::Random(why) => format!("{why}; the decision shows the main side, the split lists both."),
    };
    let mut e = Entry::info(format!(
        "Canary: Ingress {} adds an alternative backend to upstream {}/{} (balancer.lua): {}. {side}{}",
        canary.id(),
        c.upstream.0,
        c.upstream.1,
        routed.split.get(1).map(|b| b.selector.as_str()).unwrap_or_default(),
        if c.attached > 1 {
            format!(" {} more canaries attach to the same upstream; balancer.lua only uses the first.", c.attached - 1)
        } else {
            String::new()
        }
    ));
    e.reason = Reason::Canary;
    e.ingress = Some(canary.id());
    e.span = Some(canary.span);
    e
}
