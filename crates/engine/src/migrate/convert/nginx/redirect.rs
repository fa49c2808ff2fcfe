//! N6 and N13: redirects (kubernetes-sigs/ingress2gateway v1.1.0
//! `pkg/i2gw/providers/ingressnginx/redirect.go` `redirectFeature`,
//! `addSSLAndTrailingSlashRedirects`, `buildTrailingSlashRedirectRules`, `addWWWRedirect`).

use super::annotations::*;
use super::extensions::Pending;
use super::Cx;
use crate::migrate::convert::aggregate::name_from_host;
use crate::migrate::convert::output::{
    HttpFilter, HttpRoute, HttpRouteMatch, HttpRouteRule, Listener, ListenerProtocol, Output, PathMatch, PathMatchType,
    PathModifier, RequestRedirect,
};
use crate::migrate::NoticeLevel;
use std::collections::HashSet;

/// N6 `redirectFeature`: temporal-redirect (even empty) wins over permanent-redirect.
pub(super) fn annotations(cx: &mut Cx<'_, '_>, output: &mut Output) {
    for route in &mut output.http_routes {
        for rule in &mut route.rules {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            let id = cx.id(i);
            for key in [PROXY_REDIRECT_FROM, PROXY_REDIRECT_TO] {
                if !cx.text(i, key).is_empty() {
                    let message = format!("ingress {id} uses unsupported annotation {key}");
                    cx.on_ingress(NoticeLevel::Warning, "unsupported-annotation", message, i, key);
                }
            }
            let temporal = cx.value(i, TEMPORAL_REDIRECT);
            let permanent = cx.value(i, PERMANENT_REDIRECT);
            let (url, mut status, used) = match (temporal, permanent) {
                (None, None) => continue,
                (Some(url), _) => {
                    if permanent.is_some() {
                        let message = format!("ingress {id} has both {PERMANENT_REDIRECT} and {TEMPORAL_REDIRECT} annotations; temporal-redirect takes priority, permanent-redirect is ignored");
                        cx.on_ingress(NoticeLevel::Warning, "redirect-conflict", message, i, PERMANENT_REDIRECT);
                    }
                    (url, 302, TEMPORAL_REDIRECT)
                }
                (None, Some(url)) => (url, 301, PERMANENT_REDIRECT),
            };
            let (code_key, allowed, supported): (&str, &[i64], &str) = if used == TEMPORAL_REDIRECT {
                (TEMPORAL_REDIRECT_CODE, &[301, 302, 303, 307], "301, 302, 303, 307 for temporal redirects")
            } else {
                (PERMANENT_REDIRECT_CODE, &[301, 302, 303, 307, 308], "301, 302, 303, 307, 308 for permanent redirects")
            };
            let code = cx.text(i, code_key);
            if !code.is_empty() {
                match atoi(code) {
                    Some(c) if allowed.contains(&c) => status = c as u16,
                    _ => {
                        let message = format!("ingress {id} uses unsupported status code {code:?} in {code_key} annotation (Gateway API supports: {supported}), using default {status}");
                        cx.on_ingress(NoticeLevel::Warning, "redirect-code-unsupported", message, i, code_key);
                    }
                }
            }
            if url.is_empty() {
                let message = format!("Empty {used} annotation, skipping redirect");
                cx.on_ingress(NoticeLevel::Error, "redirect-invalid", message, i, used);
                continue;
            }
            let parsed = match GoUrl::parse(url) {
                Ok(parsed) => parsed,
                Err(err) => {
                    let message = format!("Invalid redirect URL in {used} annotation: {err}, skipping redirect");
                    cx.on_ingress(NoticeLevel::Error, "redirect-invalid", message, i, used);
                    continue;
                }
            };
            let port = match parsed.port.as_deref().map(|p| (p, atoi(p))) {
                None => None,
                Some((_, Some(p))) if (0..=i64::from(u16::MAX)).contains(&p) => Some(p as u16),
                Some((p, _)) => {
                    let message = format!("Invalid port in redirect URL {url:?}: strconv.Atoi: parsing {p:?}: value out of range, skipping redirect");
                    cx.on_ingress(NoticeLevel::Error, "redirect-invalid", message, i, used);
                    continue;
                }
            };
            if let Some(query) = parsed.query.as_deref().filter(|q| !q.is_empty()) {
                let message = format!("the query \"?{query}\" of {used} {url:?} is dropped: ingress2gateway v1.1.0 (redirect.go redirectFeature) keeps the URL's scheme, host, port and path only, and the Gateway's redirect passes on the request's own query where ingress-nginx answers with the URL as written");
                cx.on_ingress(NoticeLevel::Warning, "redirect-query-dropped", message, i, used);
            }
            let path = if parsed.path.is_empty() { "/".to_string() } else { parsed.path };
            rule.filters.push(HttpFilter::RequestRedirect(RequestRedirect {
                scheme: (!parsed.scheme.is_empty()).then_some(parsed.scheme),
                // Lowercased: upstream writes the host as typed, which PreciseHostname refuses.
                hostname: (!parsed.hostname.is_empty()).then(|| parsed.hostname.to_ascii_lowercase()),
                path: Some(PathModifier::ReplaceFullPath(path)),
                port,
                status_code: Some(status),
            }));
            // Redirects do not route to backends (the sources stay, as upstream's do).
            rule.backend_refs.clear();
        }
    }
}

/// The parts of Go's `url.Parse` the redirect reads: scheme (lowercased), hostname, port and the
/// percent-decoded path; the query is kept to say that upstream drops it (so does the fragment).
pub(super) struct GoUrl {
    pub scheme: String,
    pub hostname: String,
    pub port: Option<String>,
    pub path: String,
    pub query: Option<String>,
}

impl GoUrl {
    pub fn parse(raw: &str) -> Result<GoUrl, String> {
        if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
            return Err(format!("parse {raw:?}: net/url: invalid control character in URL"));
        }
        let without_fragment = raw.split('#').next().unwrap_or("");
        let (scheme, rest) = split_scheme(without_fragment).map_err(|e| format!("parse {raw:?}: {e}"))?;
        let (rest, query) = match rest.split_once('?') {
            Some((rest, query)) => (rest, Some(query.to_string())),
            None => (rest, None),
        };
        let mut url = GoUrl {
            scheme: scheme.to_ascii_lowercase(),
            hostname: String::new(),
            port: None,
            path: String::new(),
            query,
        };
        let path = if let Some(after) = rest.strip_prefix("//") {
            let end = after.find('/').unwrap_or(after.len());
            let authority = &after[..end];
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let (hostname, port) = split_host_port(host).map_err(|e| format!("parse {raw:?}: {e}"))?;
            url.hostname = hostname.to_string();
            url.port = port.map(str::to_string);
            &after[end..]
        } else {
            rest
        };
        url.path = percent_decode(path).ok_or_else(|| format!("parse {raw:?}: invalid URL escape"))?;
        Ok(url)
    }
}

/// `getScheme`: letters, digits, `+-.` after a first letter, up to `:`.
fn split_scheme(raw: &str) -> Result<(&str, &str), &'static str> {
    for (index, b) in raw.bytes().enumerate() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' if index > 0 => {}
            b':' if index == 0 => return Err("missing protocol scheme"),
            b':' => return Ok((&raw[..index], &raw[index + 1..])),
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

/// `parseHost` + `Hostname`/`Port`: `[v6]:port` or `name:port`; the port must be digits.
fn split_host_port(host: &str) -> Result<(&str, Option<&str>), String> {
    let (name, port) = if let Some(v6) = host.strip_prefix('[') {
        let close = v6.find(']').ok_or("missing ']' in host")?;
        let after = &v6[close + 1..];
        (&v6[..close], after.strip_prefix(':'))
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    match port {
        Some(p) if !p.bytes().all(|b| b.is_ascii_digit()) => {
            Err(format!("invalid port {:?} after host", format!(":{p}")))
        }
        Some("") => Ok((name, None)),
        _ => Ok((name, port)),
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// N13 `addSSLAndTrailingSlashRedirects`: trailing-slash redirects on every route; for a host with
/// TLS (`spec.tls` hosts of any Ingress, or every rule host of an Ingress whose `tls` entry lists
/// none), a `<route>-http` route on port 80 and the route itself on port 443.
///
/// Upstream defect flagged (`http-copy-incomplete`): a rule kept on port 80 (`ssl-redirect:
/// false`) is copied before the common emitter adds its URLRewrite and CORS filters, so plain-HTTP
/// requests are neither rewritten nor answered as CORS preflights there.
pub(super) fn ssl_and_trailing_slash(cx: &mut Cx<'_, '_>, output: &mut Output, pending: &[Pending]) {
    let mut tls_hosts: HashSet<&str> = HashSet::new();
    for ing in &cx.input.ingresses {
        for tls in &ing.ingress.spec.tls {
            if tls.hosts.is_empty() {
                let hosts = ing.ingress.spec.rules.iter().filter_map(|r| r.host.as_ref()).map(|h| h.value.as_str());
                tls_hosts.extend(hosts.filter(|h| !h.is_empty()));
                break;
            }
            tls_hosts.extend(tls.hosts.iter().map(|h| h.value.as_str()));
        }
    }
    let mut added = Vec::new();
    for route in &mut output.http_routes {
        let trailing = trailing_slash_rules(&route.rules);
        let provider_rules = route.rules.len();
        route.rules.extend(trailing.iter().cloned());
        if !route.hostnames.iter().any(|h| tls_hosts.contains(h.as_str())) {
            continue;
        }
        let mut http_rules = Vec::new();
        let mut redirects = false;
        let mut incomplete = Vec::new();
        for (rule_index, rule) in route.rules[..provider_rules].iter().enumerate() {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            // `enableRedirect, _ = strconv.ParseBool(val)`: a value that is no boolean disables it.
            let enabled = cx.value(i, SSL_REDIRECT).is_none_or(|v| parse_bool(v).unwrap_or(false));
            if enabled {
                redirects = true;
                let redirect =
                    RequestRedirect { scheme: Some("https".into()), status_code: Some(308), ..Default::default() };
                http_rules.push(HttpRouteRule {
                    matches: rule.matches.clone(),
                    filters: vec![HttpFilter::RequestRedirect(redirect)],
                    ..Default::default()
                });
            } else {
                let index = http_rules.len();
                let lost: Vec<&str> = pending.iter().filter_map(|p| p.filter_for(route, rule_index)).collect();
                if !lost.is_empty() {
                    let message = format!("rule {index} of HTTPRoute {}/{}-http (port 80, ssl-redirect false) has no {} filter: ingress2gateway v1.1.0 (redirect.go addSSLAndTrailingSlashRedirects) copies the rule before the common emitter adds it to the HTTPS route, so plain-HTTP requests are answered without it", route.namespace, route.name, lost.join(" or "));
                    let mut notice = crate::migrate::Notice::new(NoticeLevel::Warning, "http-copy-incomplete", message)
                        .about(format!("HTTPRoute {}/{}", route.namespace, route.name), cx.span(i, SSL_REDIRECT));
                    notice.hosts = route.hostnames.clone();
                    notice.paths = cx.written_paths(&rule.sources);
                    incomplete.push(notice);
                }
                http_rules.push(HttpRouteRule { sources: Vec::new(), ..rule.clone() });
            }
        }
        if !redirects {
            continue;
        }
        cx.notices.extend(incomplete);
        // One hop on port 80: http://host/p → 301 https://host/p/.
        for mut rule in trailing {
            if let Some(HttpFilter::RequestRedirect(r)) = rule.filters.first_mut() {
                r.scheme = Some("https".into());
            }
            http_rules.push(rule);
        }
        let mut parent_refs = route.parent_refs.clone();
        for parent in &mut parent_refs {
            parent.port = Some(80);
        }
        added.push(HttpRoute {
            namespace: route.namespace.clone(),
            name: format!("{}-http", route.name),
            parent_refs,
            hostnames: route.hostnames.clone(),
            rules: http_rules,
        });
        let section = route.hostnames.first().map(|h| format!("{}-https", name_from_host(h)));
        for parent in &mut route.parent_refs {
            parent.port = Some(443);
            if section.is_some() {
                parent.section_name = section.clone();
            }
        }
    }
    output.http_routes.extend(added);
}

/// `buildTrailingSlashRedirectRules`: `/p/` (Exact or PathPrefix) → an Exact `/p` rule answering 301
/// with `/p/`, unless some rule matches `/p` already or a PathPrefix covers it.
fn trailing_slash_rules(rules: &[HttpRouteRule]) -> Vec<HttpRouteRule> {
    let paths = || {
        rules
            .iter()
            .flat_map(|r| &r.matches)
            .filter_map(|m| m.path.as_ref())
            .filter(|p| matches!(p.kind, PathMatchType::Exact | PathMatchType::PathPrefix))
    };
    let matched: Vec<&str> = paths().map(|p| p.value.as_str()).collect();
    let prefixes: Vec<&str> =
        paths().filter(|p| p.kind == PathMatchType::PathPrefix).map(|p| p.value.as_str()).collect();
    let mut added: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for target in paths().map(|p| p.value.as_str()) {
        if target == "/" || !target.ends_with('/') {
            continue;
        }
        // strings.TrimSuffix: one slash.
        let source = target[..target.len() - 1].to_string();
        if source.is_empty()
            || matched.contains(&source.as_str())
            || prefixes.iter().any(|p| prefix_covers(p, &source))
            || added.contains(&source)
        {
            continue;
        }
        let redirect = RequestRedirect {
            status_code: Some(301),
            path: Some(PathModifier::ReplaceFullPath(target.to_string())),
            ..Default::default()
        };
        out.push(HttpRouteRule {
            matches: vec![HttpRouteMatch {
                path: Some(PathMatch { kind: PathMatchType::Exact, value: source.clone() }),
                headers: Vec::new(),
            }],
            filters: vec![HttpFilter::RequestRedirect(redirect)],
            ..Default::default()
        });
        added.push(source);
    }
    out
}

/// `pathPrefixCovers`: Gateway API PathPrefix matching by segments.
fn prefix_covers(prefix: &str, path: &str) -> bool {
    if !path.starts_with(prefix) {
        return false;
    }
    path.len() == prefix.len() || prefix.ends_with('/') || path.as_bytes()[prefix.len()] == b'/'
}

/// N13 `addWWWRedirect`: a route whose rules' main Ingresses end with `from-to-www-redirect: true`
/// gets, per hostname, a `www.` twin (or the bare name for a `www.` host) answering 301 to it, on
/// new listeners of the twin host (HTTPS only when the host has an HTTPS listener to copy TLS from).
/// `provider_routes`: the routes of the provider IR (those before N13's `-http` routes).
pub(super) fn www(cx: &mut Cx<'_, '_>, output: &mut Output, provider_routes: usize) {
    let mut added = Vec::new();
    for route in &output.http_routes[..provider_routes] {
        let mut enabled = false;
        for rule in &route.rules {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            let Some(value) = cx.value(i, FROM_TO_WWW_REDIRECT) else { continue };
            match parse_bool(value) {
                Some(parsed) => enabled = parsed,
                None => {
                    // Upstream returns the error: no further route gets its redirect.
                    let message = format!("failed to parse from-to-www-redirect configuration: strconv.ParseBool: parsing {value:?}: invalid syntax");
                    cx.on_ingress(NoticeLevel::Error, "www-redirect-invalid", message, i, FROM_TO_WWW_REDIRECT);
                    output.http_routes.extend(added);
                    return;
                }
            }
        }
        if !enabled {
            continue;
        }
        for host in &route.hostnames {
            if host.starts_with("*.") {
                // Upstream writes `www.*.<domain>` as a listener and route hostname and `*` into
                // names: the API server refuses the route and the whole Gateway.
                let i = route.rules.iter().find_map(|r| cx.main_ingress(&r.sources));
                if let Some(i) = i {
                    let message = format!("from-to-www-redirect is not converted for the wildcard host {host:?}: ingress2gateway v1.1.0 writes the host \"www.{host}\" into a listener and an HTTPRoute, which the API server refuses (with the whole Gateway)");
                    cx.on_ingress(NoticeLevel::Warning, "www-redirect-not-written", message, i, FROM_TO_WWW_REDIRECT);
                }
                continue;
            }
            let (source, target) = match host.strip_prefix("www.") {
                Some(bare) => (bare.to_string(), host.clone()),
                None => (format!("www.{host}"), host.clone()),
            };
            let dashed = source.replace('.', "-");
            let mut parent_refs = Vec::new();
            for parent in &route.parent_refs {
                for (port, suffix) in [(80, "http"), (443, "https")] {
                    let mut p = parent.clone();
                    p.port = Some(port);
                    p.section_name = Some(format!("{dashed}-{suffix}"));
                    parent_refs.push(p);
                }
            }
            let redirect =
                RequestRedirect { hostname: Some(target.clone()), status_code: Some(301), ..Default::default() };
            added.push(HttpRoute {
                namespace: route.namespace.clone(),
                name: format!("00-{}-{dashed}-www-redirect", route.name),
                parent_refs: parent_refs.clone(),
                hostnames: vec![source.clone()],
                rules: vec![HttpRouteRule {
                    filters: vec![HttpFilter::RequestRedirect(redirect)],
                    ..Default::default()
                }],
            });
            for parent in &parent_refs {
                let namespace = parent.namespace.clone().unwrap_or_else(|| route.namespace.clone());
                let Some(gateway) =
                    output.gateways.iter_mut().find(|g| g.namespace == namespace && g.name == parent.name)
                else {
                    continue;
                };
                add_www_listeners(&mut gateway.listeners, &source, &target, &dashed);
            }
        }
    }
    output.http_routes.extend(added);
}

fn add_www_listeners(listeners: &mut Vec<Listener>, source: &str, target: &str, dashed: &str) {
    let on = |l: &Listener, host: &str| l.hostname.as_deref() == Some(host);
    let tls =
        listeners.iter().rfind(|l| on(l, target) && l.protocol == ListenerProtocol::Https).and_then(|l| l.tls.clone());
    let has = |protocol| listeners.iter().any(|l| on(l, source) && l.protocol == protocol);
    let (http, https) = (has(ListenerProtocol::Http), has(ListenerProtocol::Https));
    if !http {
        listeners.push(Listener {
            name: format!("{dashed}-http"),
            hostname: Some(source.to_string()),
            port: 80,
            protocol: ListenerProtocol::Http,
            tls: None,
        });
    }
    if let (false, Some(tls)) = (https, tls) {
        listeners.push(Listener {
            name: format!("{dashed}-https"),
            hostname: Some(source.to_string()),
            port: 443,
            protocol: ListenerProtocol::Https,
            tls: Some(tls),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_url_parts() {
        let u = GoUrl::parse("HTTPS://user@www.example.com:8443/new%20path?q=1#f").unwrap();
        assert_eq!(
            (u.scheme.as_str(), u.hostname.as_str(), u.port.as_deref(), u.path.as_str()),
            ("https", "www.example.com", Some("8443"), "/new path")
        );
        assert_eq!(u.query.as_deref(), Some("q=1"));
        let u = GoUrl::parse("/relative").unwrap();
        assert_eq!((u.scheme.as_str(), u.path.as_str()), ("", "/relative"));
        assert!(GoUrl::parse(":nope").is_err());
        assert!(GoUrl::parse("http://h:x/").is_err());
    }

    /// redirect_test.go TestBuildTrailingSlashRedirectRules, case by case: (rules, each a list of
    /// matches; the redirect sources expected).
    #[test]
    fn upstream_trailing_slash_table() {
        use PathMatchType::{Exact as E, PathPrefix as P};
        let rule = |matches: &[(PathMatchType, &str)]| HttpRouteRule {
            matches: matches
                .iter()
                .map(|(kind, value)| HttpRouteMatch {
                    path: Some(PathMatch { kind: *kind, value: value.to_string() }),
                    headers: Vec::new(),
                })
                .collect(),
            ..Default::default()
        };
        type Matches<'a> = &'a [(PathMatchType, &'a str)];
        let cases: &[(&str, &[Matches], &[&str])] = &[
            ("generates redirect for trailing slash path", &[&[(P, "/foo/")]], &["/foo"]),
            ("no redirect when exact path exists", &[&[(E, "/foo"), (P, "/foo/")]], &[]),
            ("no redirect when prefix path exists", &[&[(P, "/foo"), (P, "/foo/")]], &[]),
            ("no redirect when shorter prefix covers path", &[&[(P, "/a")], &[(E, "/a/b/c/")]], &[]),
            ("no redirect when root prefix covers path", &[&[(P, "/")], &[(P, "/xyz/")]], &[]),
            (
                "redirect when prefix does not cover at segment boundary",
                &[&[(P, "/ab")], &[(E, "/a/b/c/")]],
                &["/a/b/c"],
            ),
            ("no redirect for root path", &[&[(P, "/")]], &[]),
            ("no redirect for path without trailing slash", &[&[(P, "/foo")]], &[]),
            ("deduplicates redirect sources", &[&[(P, "/foo/")], &[(E, "/foo/")]], &["/foo"]),
        ];
        for (name, rules, want) in cases {
            let rules: Vec<HttpRouteRule> = rules.iter().map(|r| rule(r)).collect();
            let got = trailing_slash_rules(&rules);
            let sources: Vec<&str> = got.iter().map(|r| r.matches[0].path.as_ref().unwrap().value.as_str()).collect();
            assert_eq!(sources, *want, "{name}");
            for (r, source) in got.iter().zip(sources) {
                assert_eq!(r.matches[0].path.as_ref().unwrap().kind, PathMatchType::Exact, "{name}");
                let Some(HttpFilter::RequestRedirect(redirect)) = r.filters.first() else { panic!("{name}") };
                assert_eq!(redirect.status_code, Some(301), "{name}");
                assert_eq!(redirect.path, Some(PathModifier::ReplaceFullPath(format!("{source}/"))), "{name}");
            }
        }
    }

    #[test]
    fn trailing_slash_rules_skip_covered_paths() {
        let rule = |kind, value: &str| HttpRouteRule {
            matches: vec![HttpRouteMatch { path: Some(PathMatch { kind, value: value.into() }), headers: Vec::new() }],
            ..Default::default()
        };
        let rules = [
            rule(PathMatchType::PathPrefix, "/docs/"),
            rule(PathMatchType::PathPrefix, "/api"),
            rule(PathMatchType::Exact, "/api/v1/"),
        ];
        let out = trailing_slash_rules(&rules);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].matches[0].path.as_ref().unwrap().value, "/docs");
    }
}
