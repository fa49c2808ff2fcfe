//! N8: host-wide regex mode (kubernetes-sigs/ingress2gateway v1.1.0
//! `pkg/i2gw/providers/ingressnginx/regex.go` `regexHosts`, `regexFeature`).

use super::annotations::*;
use super::Cx;
use crate::migrate::convert::output::{Output, PathMatchType};
use crate::migrate::NoticeLevel;

/// `regexHosts`: the named hosts of non-canary Ingresses with `use-regex: true` or a
/// `rewrite-target`, each with the Ingress that put it there (the first, for the notice's place).
pub(super) fn regex_hosts(cx: &Cx<'_, '_>) -> Vec<(String, usize)> {
    let mut hosts: Vec<(String, usize)> = Vec::new();
    for (i, ing) in cx.input.ingresses.iter().enumerate() {
        if !switches(cx, i) {
            continue;
        }
        for rule in &ing.ingress.spec.rules {
            let Some(host) = rule.host.as_ref().map(|h| h.value.as_str()).filter(|h| !h.is_empty()) else { continue };
            if !hosts.iter().any(|(h, _)| h == host) {
                hosts.push((host.to_string(), i));
            }
        }
    }
    hosts
}

/// Whether Ingress `i` puts its hosts in regex mode.
fn switches(cx: &Cx<'_, '_>, i: usize) -> bool {
    let canary = parse_bool(cx.text(i, CANARY)).unwrap_or(false);
    let use_regex = parse_bool(cx.text(i, USE_REGEX)).unwrap_or(false);
    !canary && (use_regex || !cx.text(i, REWRITE_TARGET).is_empty())
}

/// The annotation that switched Ingress `i`.
fn switch_key(cx: &Cx<'_, '_>, i: usize) -> &'static str {
    if parse_bool(cx.text(i, USE_REGEX)).unwrap_or(false) {
        USE_REGEX
    } else {
        REWRITE_TARGET
    }
}

/// `regexFeature`: every path match of an HTTPRoute with a regex host becomes the
/// RegularExpression `(?i)<path>.*`, with upstream's notice. Rules without a host are flagged.
pub(super) fn apply(cx: &mut Cx<'_, '_>, output: &mut Output) {
    let hosts = regex_hosts(cx);
    for route in &mut output.http_routes {
        let Some(&(_, i)) = hosts.iter().find(|(h, _)| route.hostnames.contains(h)) else { continue };
        let mut alternations = Vec::new();
        for m in route.rules.iter_mut().flat_map(|r| &mut r.matches) {
            if let Some(path) = &mut m.path {
                if top_level_alternation(&path.value) && !alternations.contains(&path.value) {
                    alternations.push(path.value.clone());
                }
                path.kind = PathMatchType::RegularExpression;
                path.value = format!("(?i){}.*", path.value);
            }
        }
        if !alternations.is_empty() {
            let message = format!(
                "{} {} a top-level `|`: ingress-nginx writes `location ~* \"^<path>\"`, anchoring the first branch only and finding the others anywhere in the path, while ingress2gateway v1.1.0 (regex.go regexFeature) writes `(?i)<path>.*`, which a Gateway matches against the whole path: the branches match other paths",
                alternations.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", "),
                if alternations.len() == 1 { "holds" } else { "hold" },
            );
            let mut notice = crate::migrate::Notice::new(NoticeLevel::Warning, "regex-alternation", message)
                .about(format!("HTTPRoute {}/{}", route.namespace, route.name), cx.span(i, switch_key(cx, i)));
            notice.hosts = route.hostnames.clone();
            notice.paths = alternations;
            cx.notices.push(notice);
        }
        let message = "Using case-insensitive regex path matches. You may want to change this.".to_string();
        cx.on_route(NoticeLevel::Info, "regex-case-insensitive", message, route, i, switch_key(cx, i));
    }
    hostless_rules(cx);
}

/// Upstream defect flagged: ingress-nginx puts its default server (rules without a host) in regex
/// mode too, but `regexHosts` skips rules without a host, so their paths stay prefix/exact matches.
fn hostless_rules(cx: &mut Cx<'_, '_>) {
    for i in 0..cx.input.ingresses.len() {
        if !switches(cx, i) {
            continue;
        }
        let rules = &cx.ingress(i).ingress.spec.rules;
        let paths: Vec<String> = rules
            .iter()
            .filter(|r| r.host.as_ref().is_none_or(|h| h.value.is_empty()))
            .flat_map(|r| r.http.iter().flat_map(|h| &h.paths))
            .map(|p| p.path().to_string())
            .collect();
        if paths.is_empty() {
            continue;
        }
        let key = switch_key(cx, i);
        let message = format!(
            "ingress-nginx reads every path of its default server (rules without a host) as a case-insensitive regex when an Ingress there sets {key}; ingress2gateway v1.1.0 (regex.go regexHosts) only switches named hosts, so {} of Ingress {} stay{} PathPrefix/Exact",
            paths.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", "),
            cx.id(i),
            if paths.len() == 1 { "s" } else { "" },
        );
        let mut notice = crate::migrate::Notice::new(NoticeLevel::Warning, "regex-hostless-prefix", message)
            .about(cx.ingress(i).object(), cx.span(i, key));
        notice.paths = paths;
        cx.notices.push(notice);
    }
}

/// Whether `pattern` has a `|` outside groups and classes (not escaped).
fn top_level_alternation(pattern: &str) -> bool {
    let (mut depth, mut class, mut escaped) = (0usize, false, false);
    for c in pattern.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' if !class => class = true,
            ']' if class => class = false,
            '(' if !class => depth += 1,
            ')' if !class => depth = depth.saturating_sub(1),
            '|' if !class && depth == 0 => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn alternation_outside_groups() {
        assert!(super::top_level_alternation("/api|/v2"));
        assert!(!super::top_level_alternation("/(api|v2)/x"));
        assert!(!super::top_level_alternation("/[|]"));
        assert!(!super::top_level_alternation("/a\\|b"));
    }
}
