//! One request's explanation in nginx's terms: every phase of what [`super::route::select`] chose,
//! and every other location, skipped path and server judged against it. Nothing is chosen here.

use super::canary::Side;
use super::config::{Config, ConfigError, Location, Server, SkipReason, Skipped, Target};
use super::cors::Preflight;
use super::endpoints::NoEndpoints;
use super::prose::{self, Answered, Lost, Matched, PassedThrough, Proxies, Rewrite, Sent, ServerFound};
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
    let id = |i: usize| cx.manifest.ingresses[i].id();
    let ingress = match loc.target {
        Target::Path { ingress, .. } | Target::Root { ingress: Some(ingress) } => id(ingress),
        Target::Root { ingress: None } => String::new(),
    };
    let proxies = match loc.target {
        Target::Path { .. } if loc.added_exact => Proxies::AddedExact { prefix: &loc.raw, ingress: &ingress },
        Target::Path { ingress: i, rule, path_index } => {
            let path_type = PathRef::find(cx, i, rule, path_index)
                .and_then(|p| p.path_type())
                .map_or("no pathType", |t| t.as_str());
            Proxies::Path { path: &loc.raw, path_type, ingress: &ingress }
        }
        Target::Root { ingress: Some(_) } => Proxies::DefaultBackend { ingress: &ingress },
        Target::Root { ingress: None } => Proxies::ControllerDefault,
    };
    prose::location(&loc.text(), proxies)
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
        Winner::BadRequest(why) => vec![Entry::info(prose::bad_request(why))],
        Winner::WwwRedirect { to, ingress } => {
            let location = selection.routed.redirect.as_ref().map(|r| r.location.as_str()).unwrap_or_default();
            let by = cx.manifest.ingresses[*ingress].id();
            let mut won = Entry::info(prose::www_redirect(asked.host(), &by, &config.servers[*to].host, location));
            (won.verdict, won.reason, won.ingress) =
                (Verdict::Won, Reason::Redirect, Some(cx.manifest.ingresses[*ingress].id()));
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
    let dialable = passthrough::dialable(root.target);
    let by = if dialable { annotated_by(server, root) } else { server.creator };
    let by = by.map(|i| cx.manifest.ingresses[i].id());
    let facts = PassedThrough {
        sni: &asked.sni().unwrap_or_default(),
        server: &server.host,
        by: by.as_deref(),
        root: &describe(cx, root),
    };
    let mut out = vec![if dialable {
        let message = prose::passthrough_won(&facts, asked.host(), asked.path());
        target_entry(cx, server, root.target, Verdict::Won, Reason::Matched, message)
    } else {
        let mut e = Entry::info(prose::passthrough_closed(&facts));
        e.host = Some(server.host.clone());
        e
    }];
    for loc in server.locations.iter().filter(|l| !std::ptr::eq(*l, root)) {
        let message = prose::passthrough_unused(&describe(cx, loc), &server.host);
        out.push(target_entry(cx, server, loc.target, Verdict::Lost, Reason::Outranked, message));
    }
    out
}

fn config_error_entry(cx: &Context<'_>, e: &ConfigError) -> Entry {
    let mut entry = Entry::info(prose::config_error(e));
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
            out.push(Entry::info(prose::not_passed(&server.host, asked.request.scheme, asked.sni())));
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
                    false => prose::ignored_key_on(&a.key, &a.ingress),
                })
                .collect();
            let host_wide =
                routed.ignored_annotations.iter().any(|a| super::annotations::HOST_WIDE.contains(&a.key.as_str()));
            let mut e = Entry::info(prose::ignored_annotations(&keys, host_wide));
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
            out.push(Entry::info(prose::normalised(asked.path(), path)));
        }
        if self.uri.lossy {
            out.push(Entry::info(prose::LOSSY_URI));
        }
        let found = if aliased {
            ServerFound::Alias(&server.host)
        } else if server.host == "_" {
            ServerFound::CatchAll
        } else if server.host.starts_with("*.") {
            ServerFound::Wildcard(&server.host)
        } else {
            ServerFound::Exact
        };
        out.push(Entry::info(prose::server_found(found, host)));
        if let Some(k) = server.regex_mode {
            let why = server.locations.get(k).map(|l| describe(cx, l)).unwrap_or_default();
            out.push(Entry::info(prose::regex_mode(&server.host, &why)));
        }
        out
    }

    /// The entries about the answer itself: the winning location and what its phases did.
    fn answer_entries(&self, config: &Config, cx: &Context<'_>, asked: &Asked<'_>, routed: &Routed) -> Vec<Entry> {
        let server = &config.servers[self.server];
        let path = self.uri.path.as_str();
        let location = routed.redirect.as_ref().map(|r| r.location.as_str()).unwrap_or_default();
        let (k, rewrite, canary) = match &self.answer {
            Answer::NoLocation => return vec![Entry::info(prose::no_location(&server.host, path))],
            Answer::TrailingSlash(k) => {
                let loc = &server.locations[*k];
                let message = prose::trailing_slash(&describe(cx, loc), location, path);
                return vec![target_entry(cx, server, loc.target, Verdict::Won, Reason::Redirect, message)];
            }
            Answer::AppRoot(k) => {
                let loc = &server.locations[*k];
                let message = prose::app_root(&server.host, &describe(cx, loc), location);
                return vec![target_entry(cx, server, loc.target, Verdict::Won, Reason::Redirect, message)];
            }
            Answer::Return(k) => {
                let loc = &server.locations[*k];
                let (status, url) = loc.redirect.as_ref().map_or((0, ""), |w| (w.status, w.location.as_str()));
                let creator = match (loc.target, server.creator) {
                    (Target::Root { .. }, Some(i)) => Some(cx.manifest.ingresses[i].id()),
                    _ => None,
                };
                let (reason, sent) = match &routed.redirect {
                    Some(r) if r.location != url => (Reason::Redirect, Sent::Absolute(location)),
                    Some(_) => (Reason::Redirect, Sent::AsWritten),
                    None => (Reason::Matched, Sent::Body),
                };
                let message = prose::returned(&describe(cx, loc), creator.as_deref(), path, (status, url), sent);
                let mut won = target_entry(cx, server, loc.target, Verdict::Won, reason, message);
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
                let block = cors.map(|c| prose::preflight_answered(c, &answered)).unwrap_or_default();
                let mut won = target_entry(
                    cx,
                    server,
                    loc.target,
                    Verdict::Won,
                    Reason::Matched,
                    prose::preflight(&describe(cx, loc), path, &block),
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
        let matched = if server.regex_mode.is_some() {
            Matched::FirstRegex
        } else if loc.exact {
            Matched::Exact
        } else {
            Matched::LongestPrefix
        };
        let chosen = prose::chosen(&describe(cx, loc), matched, path);
        let rw = &loc.rewrite;
        let host = asked.host();
        let has_cert = config.certificate_for(host).is_some();
        if matches!(self.answer, Answer::SslRedirect(_)) {
            let message =
                prose::ssl_redirected(&chosen, location, rw.force_ssl_redirect, host, rw.preserve_trailing_slash);
            return vec![target_entry(cx, server, loc.target, Verdict::Won, Reason::Redirect, message)];
        }
        let mut out = Vec::new();
        let plain = asked.request.scheme == Scheme::Http;
        if plain
            && loc.name.starts_with(tls::NO_TLS_REDIRECT)
            && (rw.force_ssl_redirect || (rw.ssl_redirect && has_cert))
        {
            out.push(Entry::info(prose::no_tls_redirect_location()));
        } else if plain && has_cert && !rw.ssl_redirect {
            out.push(Entry::info(prose::SSL_REDIRECT_OFF));
        }
        if let (Some(rewritten), Some(target)) = (rewrite, rw.target.as_deref()) {
            out.push(rewrite_entry(rewritten, target, loc, path, routed.upstream_path.as_deref().unwrap_or_default()));
        }
        let (verdict, reason, by) = match routed.outcome {
            Outcome::Rule => (Verdict::Won, Reason::Matched, Answered::Backend),
            Outcome::DefaultBackend => (Verdict::Won, Reason::DefaultBackend, Answered::DefaultBackend),
            Outcome::ControllerAnswer => (Verdict::Won, Reason::Matched, Answered::Backend),
            _ => (Verdict::Info, Reason::Note, Answered::NotFound),
        };
        let mut won = target_entry(cx, server, loc.target, verdict, reason, prose::answered(&chosen, by));
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
            let mut e = Entry::info(prose::no_endpoints(missing, answer, &by));
            e.reason = Reason::Note;
            notes.push(e);
        } else if let Some(custom) = annotations.and_then(|a| a.default_backend.as_deref()) {
            let serving = super::config::upstream(cx, loc.target).map(|(_, b)| b);
            let mut e = Entry::info(prose::default_backend_unused(custom, serving.as_ref()));
            e.ingress = owner.map(|i| cx.manifest.ingresses[i].id());
            notes.push(e);
        }
        if let Some(Preflight::OriginRefused { origin }) = preflight(config, server, loc, asked.request) {
            let cors = annotations.and_then(|a| a.cors.as_ref());
            notes.extend(cors.map(|c| Entry::info(prose::preflight_refused(c, origin.as_deref()))));
        }
        notes
    }
}

/// A location that did not answer, judged against the one that did (`won`; `redirect`: it
/// answered with the trailing-slash 301).
/// A location the server's app-root `if` answered before nginx looked for one.
fn not_reached(cx: &Context<'_>, server: &Server, loc: &Location) -> Entry {
    let message = prose::not_reached(&describe(cx, loc));
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
    let win = won.map(|w| w.text());
    let win = win.as_deref();
    let (verdict, reason, why) = if server.regex_mode.is_some() {
        match &loc.regex {
            Some(Ok(re)) if re.is_match(path) => (Verdict::Lost, Reason::Outranked, Lost::RegexLater { won: win }),
            Some(Ok(_)) => (Verdict::Lost, Reason::NotMatched, Lost::RegexNoMatch),
            Some(Err(problem)) => (Verdict::Ignored, Reason::Note, Lost::RegexUnevaluated { why: Some(problem) }),
            None => (Verdict::Ignored, Reason::Note, Lost::RegexUnevaluated { why: None }),
        }
    } else if redirect {
        let matches = if loc.exact { loc.name == path } else { path.starts_with(&loc.name) };
        if matches {
            (Verdict::Lost, Reason::Outranked, Lost::SlashRedirectFirst { won: win })
        } else {
            (Verdict::Lost, Reason::NotMatched, Lost::NoMatch)
        }
    } else if loc.exact {
        (Verdict::Lost, Reason::NotMatched, Lost::ExactNeedsWhole { name: &loc.name })
    } else if path.starts_with(&loc.name) {
        let why = match (won, win) {
            (Some(w), Some(text)) if w.exact => Lost::ExactWins { won: text },
            _ => Lost::LongerPrefix { won: win },
        };
        (Verdict::Lost, Reason::Outranked, why)
    } else {
        (Verdict::Lost, Reason::NotMatched, Lost::NotPrefix { name: &loc.name })
    };
    target_entry(cx, server, loc.target, verdict, reason, prose::lost(&describe(cx, loc), why, path))
}

/// A server that did not take the request for `host`.
fn other_server_entry(cx: &Context<'_>, other: &Server, host: &str) -> Entry {
    let mut e = Entry::info(prose::other_server(&other.host, host));
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
            let path_type = p.path_type().map_or("Prefix", |t| t.as_str());
            p.entry(Verdict::Lost, Reason::Duplicate, prose::duplicate_path(p.path(), path_type, &server.host, &by))
        }
        SkipReason::Resource => p.entry(Verdict::Ignored, Reason::Note, prose::RESOURCE_PATH.to_string()),
        SkipReason::Canary => p.entry(Verdict::Ignored, Reason::Canary, prose::CANARY_PATH.to_string()),
    })
}

/// What the location's rewrite-target did (`upstream`: the rewritten URI, when it was rewritten).
fn rewrite_entry(rewritten: &Rewritten, target: &str, loc: &Location, path: &str, upstream: &str) -> Entry {
    let rewrite = match rewritten {
        Rewritten::Unsupported(why) => Rewrite::Unsupported { name: &loc.name, why },
        Rewritten::NoMatch => Rewrite::NoMatch,
        Rewritten::Rewrote { unknown } => Rewrite::Rewrote { upstream, unknown },
    };
    Entry::info(prose::rewrite(rewrite, target, &loc.quoted_name(), path))
}

/// The canary alternative balancer.lua uses for the location's upstream, and the side this request takes.
fn canary_entry(cx: &Context<'_>, c: &CanaryUsed, routed: &Routed) -> Entry {
    let canary = &cx.manifest.ingresses[c.ingress];
    let selector = routed.split.get(1).map(|b| b.selector.as_str()).unwrap_or_default();
    let upstream = (c.upstream.0.as_str(), &c.upstream.1);
    let mut e = Entry::info(prose::canary_used(&canary.id(), upstream, selector, &c.side, c.attached));
    e.reason = Reason::Canary;
    e.ingress = Some(canary.id());
    e.span = Some(canary.span);
    e
}
