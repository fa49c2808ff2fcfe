//! One request through the configuration, explained in nginx's terms.
//!
//! Order of nginx's phases: the request line is normalised (`uri`), the server is chosen by Host,
//! the location is found (`ngx_http_core_find_config_phase`: the trailing-slash 301 is answered
//! here), then the location's rewrite phase runs ingress-nginx's Lua (`lua_ingress.lua`: the
//! ssl-redirect) and its `rewrite … break;` (rewrite-target), then the request is proxied
//! (`balancer.lua`: canary alternatives).

use super::config::{upstream, Config, Location, Server, SkipReason, Target};
use super::regex::Problem;
use super::select::Found;
use super::{canary, tls, uri};
use crate::controllers::common::{default_backend_entry, other_class_entries, PathRef};
use crate::controllers::{Context, Routed};
use crate::decision::{BackendRef, Entry, Outcome, Reason, Redirect, Verdict};
use crate::request::{Request, Scheme};

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

/// Routes one request; without `explain`, the same [`Routed`] with an empty explanation, built
/// without walking the server's other locations, the skipped paths and the other servers.
pub(crate) fn route(config: &Config, cx: &Context<'_>, request: &Request, explain: bool) -> Routed {
    let mut r = route_explained(config, cx, request, explain);
    if !explain {
        r.explanation = Vec::new();
    }
    r
}

fn route_explained(config: &Config, cx: &Context<'_>, request: &Request, explain: bool) -> Routed {
    let mut r = Routed::no_match();
    let normalized = request.normalize(false);
    let host = normalized.host.to_string();
    let sni = request
        .sni
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| (request.scheme == Scheme::Https).then(|| host.clone()));
    r.tls = sni.as_deref().map(|sni| tls::decision(cx.manifest, sni, &host, config.certificate_for(sni)));

    if !config.errors.is_empty() {
        r.outcome = Outcome::ConfigError;
        for e in &config.errors {
            let mut entry = Entry::info(format!("nginx -t fails: {}. ingress-nginx does not load a configuration nginx refuses (the admission webhook, when enabled, rejects the Ingress that causes it): the previous configuration keeps serving, so this input never takes effect.", e.message));
            entry.reason = Reason::ConfigError;
            entry.verdict = Verdict::Info;
            entry.span = e.span;
            entry.host = Some(e.host.clone());
            if let Some(Target::Path { ingress, .. } | Target::Root { ingress: Some(ingress) }) = e.target {
                entry.ingress = Some(cx.manifest.ingresses[ingress].id());
            }
            r.explanation.push(entry);
        }
        if explain {
            r.explanation.extend(other_class_entries(cx));
        }
        return r;
    }

    let uri = match uri::normalize(&request.path) {
        Ok(u) => u,
        Err(why) => {
            r.explanation.push(Entry::info(format!("nginx answers 400 Bad Request before any server or location is chosen: {why} (ngx_http_parse_complex_uri). No backend is reached.")));
            if explain {
                r.explanation.extend(other_class_entries(cx));
            }
            return r;
        }
    };
    r.matched_path = Some(uri.path.clone());
    if uri.path != normalized.path {
        r.explanation.push(Entry::info(format!(
            "nginx normalises the URI before matching locations: {:?} is matched as {:?} (percent-decoding, merged slashes, resolved . and .. segments).",
            normalized.path, uri.path
        )));
    }
    if uri.lossy {
        r.explanation.push(Entry::info("The decoded URI is not valid UTF-8; the simulator matches it with U+FFFD in place of the invalid bytes (nginx matches the raw bytes)."));
    }

    let s = config.server_for(&host);
    let server = &config.servers[s];
    r.explanation.push(Entry::info(if server.host == "_" {
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
    if let Some(k) = server.regex_mode.filter(|_| explain) {
        let why = server.locations.get(k).map(|l| describe(cx, l)).unwrap_or_default();
        r.explanation.push(Entry::info(format!("Server {} is in regex mode (enforceRegexModifier): {why} uses use-regex or rewrite-target, so every location of this host is written `location ~* \"^<path>\"` — case-insensitive, anchored at the start only, checked in configuration order (longest path first), first match wins.", server.host)));
    }

    // Location lookup.
    let path = uri.path.as_str();
    let (winner, redirect, evaluated): (Option<usize>, bool, Vec<Option<bool>>) = if server.regex_mode.is_some() {
        let evaluated: Vec<Option<bool>> = server
            .locations
            .iter()
            .map(|l| match &l.regex {
                Some(Ok(re)) => Some(re.is_match(path)),
                _ => None,
            })
            .collect();
        (evaluated.iter().position(|m| *m == Some(true)), false, evaluated)
    } else {
        match server.tree.find(path) {
            Found::None => (None, false, Vec::new()),
            Found::Exact(k) | Found::Prefix(k) => (Some(k), false, Vec::new()),
            Found::Redirect(k) => (Some(k), true, Vec::new()),
        }
    };

    // The losers, in configuration order.
    let mut losers = Vec::new();
    for (k, loc) in server.locations.iter().enumerate().filter(|_| explain) {
        if Some(k) == winner {
            continue;
        }
        let d = describe(cx, loc);
        let win = winner.and_then(|w| server.locations.get(w)).map(|w| format!("`{}`", w.text())).unwrap_or_default();
        let (verdict, reason, msg) = if server.regex_mode.is_some() {
            match evaluated.get(k).copied().flatten() {
                None => {
                    let why = match &loc.regex {
                        Some(Err(Problem::Unsupported(w) | Problem::Invalid(w))) => w.clone(),
                        _ => String::new(),
                    };
                    (Verdict::Ignored, Reason::Note, format!("{d} is not evaluated: its regex is not supported by the simulator ({why}). The decision assumes it does not match; if it does and comes first, nginx chooses it instead."))
                }
                Some(false) => (Verdict::Lost, Reason::NotMatched, format!("{d}: the regex does not match {path} (case-insensitive, anchored at the start).")),
                Some(true) => (Verdict::Lost, Reason::Outranked, format!("{d} matches too, but regex locations are checked in configuration order and {win} comes first.")),
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
            let why = match winner.and_then(|w| server.locations.get(w)) {
                Some(w) if w.exact => format!("the exact match {win} wins at once"),
                _ => format!("nginx keeps the longest matching prefix, {win}"),
            };
            (Verdict::Lost, Reason::Outranked, format!("{d} matches as a prefix, but {why}."))
        } else {
            (Verdict::Lost, Reason::NotMatched, format!("{d}: {path} does not start with {}.", loc.name))
        };
        losers.push(target_entry(cx, server, loc.target, verdict, reason, msg));
    }

    let answering: Option<usize>;
    match winner.and_then(|w| server.locations.get(w)) {
        None => {
            r.explanation.push(Entry::info(format!(
                "No location of server {} matches {path}: nginx answers 404 itself.",
                server.host
            )));
            answering = None;
        }
        Some(loc) if redirect => {
            let scheme = if request.scheme == Scheme::Https { "https" } else { "http" };
            let args = uri.args.as_deref().map(|a| format!("?{a}")).unwrap_or_default();
            let location = format!("{scheme}://{host}{}{args}", loc.name);
            r.outcome = Outcome::Redirect;
            r.redirect = Some(Redirect { status: 301, location: location.clone() });
            r.matched_as = Some(loc.text());
            fill(cx, &mut r, loc.target);
            r.backend = None;
            if explain {
                r.explanation.push(target_entry(cx, server, loc.target, Verdict::Won, Reason::Redirect, format!("{} answers 301 → {location}: {path} is one `/` short of a location whose name ends in `/` and that proxies (auto_redirect in ngx_http_core_find_static_location), and no exact `= {path}` exists.", describe(cx, loc))));
            }
            answering = target_ingress(loc.target);
        }
        Some(loc) => {
            r.matched_as = Some(loc.text());
            let how = if server.regex_mode.is_some() {
                "is the first regex location (in configuration order) that matches".to_string()
            } else if loc.exact {
                format!("matches exactly ({path})")
            } else {
                format!("is the longest prefix of {path}")
            };
            let chosen = if explain { format!("{} {how}", describe(cx, loc)) } else { String::new() };
            // Rewrite phase: lua_ingress.lua redirect_to_https.
            let rw = &loc.rewrite;
            let exempt = loc.name.starts_with(tls::NO_TLS_REDIRECT);
            let plain = request.scheme == Scheme::Http;
            let has_cert = config.certificate_for(&host).is_some();
            let ssl = plain && !exempt && (rw.force_ssl_redirect || (rw.ssl_redirect && has_cert));
            if ssl {
                let location = tls::redirect_location(&request.host, &request.path, rw.preserve_trailing_slash);
                r.outcome = Outcome::Redirect;
                r.redirect = Some(Redirect { status: tls::REDIRECT_CODE, location: location.clone() });
                fill(cx, &mut r, loc.target);
                r.backend = None;
                let why = if rw.force_ssl_redirect {
                    "force-ssl-redirect is set".to_string()
                } else {
                    format!("a certificate is configured for {host} and ssl-redirect is on (the default)")
                };
                let slash = if rw.preserve_trailing_slash {
                    ""
                } else {
                    "; a final `/` is dropped unless preserve-trailing-slash"
                };
                r.explanation.push(target_entry(cx, server, loc.target, Verdict::Won, Reason::Redirect, format!("{chosen}; its rewrite phase (lua_ingress.lua) answers {} → {location}: plain HTTP and {why}{slash}.", tls::REDIRECT_CODE)));
            } else {
                if plain && exempt && (rw.force_ssl_redirect || (rw.ssl_redirect && has_cert)) {
                    r.explanation.push(Entry::info(format!(
                        "No ssl-redirect: the location path starts with {} (no-tls-redirect-locations).",
                        tls::NO_TLS_REDIRECT
                    )));
                } else if plain && has_cert && !rw.ssl_redirect {
                    r.explanation.push(Entry::info("No ssl-redirect: the answering Ingress sets nginx.ingress.kubernetes.io/ssl-redirect: \"false\"."));
                }
                fill(cx, &mut r, loc.target);
                r.outcome = match loc.target {
                    Target::Path { .. } => Outcome::Rule,
                    Target::Root { ingress: Some(_) } => Outcome::DefaultBackend,
                    Target::Root { ingress: None } => Outcome::NoMatch,
                };
                let (verdict, reason, tail) = match r.outcome {
                    Outcome::Rule => (Verdict::Won, Reason::Matched, String::new()),
                    Outcome::DefaultBackend => (Verdict::Won, Reason::DefaultBackend, " — the server's implicit `location /` proxies to the spec.defaultBackend of the Ingress that created the server".to_string()),
                    _ => (Verdict::Info, Reason::Note, " — the controller's default backend answers 404".to_string()),
                };
                // rewrite-target: `rewrite "(?i)<path>" <target> break;`
                if let (Some(target), Some(re)) = (rw.target.as_deref(), &loc.rewrite_regex) {
                    rewrite(&mut r, target, re, &uri, loc);
                }
                r.explanation.push(target_entry(cx, server, loc.target, verdict, reason, format!("{chosen}{tail}.")));
                if r.outcome == Outcome::Rule || r.outcome == Outcome::DefaultBackend {
                    if let (Some(primary), Some(main)) = (upstream(cx, loc.target), target_ingress(loc.target)) {
                        let (split, canary_ingress, n) =
                            canary::split(cx, &config.alternatives, &config.annotations, &primary, main);
                        if let Some(ci) = canary_ingress {
                            let mut e = Entry::info(format!(
                                "Canary: Ingress {} adds an alternative backend to upstream {}/{} (balancer.lua): {}. The request shows the main side; the split lists both.{}",
                                cx.manifest.ingresses[ci].id(),
                                primary.0,
                                primary.1,
                                split.get(1).map(|b| b.selector.as_str()).unwrap_or_default(),
                                if n > 1 { format!(" {} more canaries attach to the same upstream; balancer.lua only uses the first.", n - 1) } else { String::new() }
                            ));
                            e.reason = Reason::Canary;
                            e.ingress = Some(cx.manifest.ingresses[ci].id());
                            e.span = Some(cx.manifest.ingresses[ci].span);
                            r.explanation.push(e);
                            r.ignored_annotations.extend(super::annotations::ignored(&cx.manifest.ingresses[ci]));
                        }
                        r.split = split;
                    }
                }
            }
            answering = target_ingress(loc.target);
        }
    }
    r.explanation.extend(losers);

    // Paths that did not become locations of this server.
    for skip in config.skipped.iter().filter(|k| explain && k.host == server.host) {
        let Some(p) = PathRef::find(cx, skip.ingress, skip.rule, skip.path_index) else { continue };
        let e = match &skip.why {
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
        };
        r.explanation.push(e);
    }
    // Servers that did not answer.
    for other in config.servers.iter().filter(|o| explain && o.host != server.host && o.host != "_") {
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
        r.explanation.push(e);
    }
    if let Some(i) = answering {
        let mut ignored = super::annotations::ignored(&cx.manifest.ingresses[i]);
        ignored.append(&mut r.ignored_annotations);
        r.ignored_annotations = ignored;
    }
    if explain && !r.ignored_annotations.is_empty() {
        let keys: Vec<&str> = r.ignored_annotations.iter().map(|a| a.key.as_str()).collect();
        let mut e = Entry::info(format!("Not simulated (listed in ignoredAnnotations): {}.", keys.join(", ")));
        e.reason = Reason::IgnoredAnnotation;
        r.explanation.push(e);
    }
    if explain {
        r.explanation.extend(other_class_entries(cx));
    }
    r
}

fn target_ingress(t: Target) -> Option<usize> {
    match t {
        Target::Path { ingress, .. } | Target::Root { ingress: Some(ingress) } => Some(ingress),
        Target::Root { ingress: None } => None,
    }
}

/// Applies `rewrite "(?i)<path>" <target> break;` and records the upstream path.
fn rewrite(r: &mut Routed, target: &str, re: &Result<regex_lite::Regex, Problem>, uri: &uri::Uri, loc: &Location) {
    let re = match re {
        Ok(re) => re,
        Err(Problem::Unsupported(w) | Problem::Invalid(w)) => {
            r.explanation.push(Entry::info(format!("rewrite-target {target:?} is not evaluated: the rewrite regex (?i){} is not supported by the simulator ({w}).", loc.raw)));
            return;
        }
    };
    let Some(caps) = re.captures(&uri.path) else {
        r.explanation.push(Entry::info(format!(
            "rewrite \"(?i){}\" does not match {}: the URI is proxied unchanged.",
            loc.raw, uri.path
        )));
        return;
    };
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
    let mut note = String::new();
    if !unknown.is_empty() {
        note = format!(" The nginx variables {} are not simulated and are shown as written.", unknown.join(", "));
    }
    if new.starts_with("http://") || new.starts_with("https://") {
        r.explanation.push(Entry::info(format!(
            "rewrite \"(?i){}\" {target} turns the URI into {new}: nginx answers it as a 302 redirect.{note}",
            loc.raw
        )));
        r.upstream_path = Some(new);
        return;
    }
    r.explanation.push(Entry::info(format!(
        "rewrite \"(?i){}\" {target} break; rewrites {} to {new}: the backend receives {new}.{note}",
        loc.raw, uri.path
    )));
    r.upstream_path = Some(new);
}
