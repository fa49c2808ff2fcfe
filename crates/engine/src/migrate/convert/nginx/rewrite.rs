//! N12: `rewrite-target` (kubernetes-sigs/ingress2gateway v1.1.0
//! `pkg/i2gw/providers/ingressnginx/rewrite.go` `applyRewriteTargetToEmitterIR`, applied by
//! `pkg/i2gw/emitters/common_emitter/emitter.go` `applyPathRewrites`, reported by
//! `pkg/i2gw/emitters/utils/utils.go` `LogUnparsedErrors`).

use super::annotations::*;
use super::extensions::{Pending, PendingKind};
use super::regex::regex_hosts;
use super::Cx;
use crate::migrate::convert::output::{HttpFilter, Output};
use crate::migrate::NoticeLevel;

/// Each rule whose main Ingress has a `rewrite-target` gets a ReplaceFullPath URLRewrite (and the
/// `X-Forwarded-Prefix` header from `x-forwarded-prefix`) — unless its host is in regex mode and
/// the target holds `\$` (Go's `"\\$"`), which upstream reports as a capture group and drops.
/// A target with `$1` (how ingress-nginx writes a capture group) passes that check and is written
/// literally: flagged.
pub(super) fn collect(cx: &mut Cx<'_, '_>, output: &Output, pending: &mut Vec<Pending>) {
    let hosts = regex_hosts(cx);
    for route in &output.http_routes {
        let regex = route.hostnames.iter().any(|h| hosts.iter().any(|(r, _)| r == h));
        for (rule_index, rule) in route.rules.iter().enumerate() {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            let target = cx.text(i, REWRITE_TARGET);
            if target.is_empty() {
                continue;
            }
            if regex && target.contains("\\$") {
                let message = format!("Failed to apply metadata.annotations.{REWRITE_TARGET:?} from rewrite-target from Ingress {}: Path rewrites with capture group references are not supported", cx.id(i));
                cx.on_route(NoticeLevel::Warning, "rewrite-not-converted", message, route, i, REWRITE_TARGET);
                continue;
            }
            // Upstream also writes the URLRewrite beside a redirect (permanent/temporal-redirect,
            // app-root), which the API server refuses ("May specify either
            // httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both"): the
            // whole HTTPRoute would be lost. The redirect is kept, the rewrite left out, and said.
            if rule.filters.iter().any(|f| matches!(f, HttpFilter::RequestRedirect(_))) {
                let message = format!("rewrite-target {target:?} is not converted on a rule that redirects: ingress2gateway v1.1.0 writes a URLRewrite beside the RequestRedirect, which the API server refuses for the whole HTTPRoute; the redirect is kept");
                cx.on_route(NoticeLevel::Warning, "rewrite-with-redirect", message, route, i, REWRITE_TARGET);
                continue;
            }
            let forwarded_prefix = cx.text(i, X_FORWARDED_PREFIX);
            if !forwarded_prefix.is_empty()
                && rule.filters.iter().any(|f| matches!(f, HttpFilter::RequestHeaderModifier(_)))
            {
                let message = format!("X-Forwarded-Prefix {forwarded_prefix:?} joins the rule's RequestHeaderModifier: ingress2gateway v1.1.0 writes a second one, which the API server refuses for the whole HTTPRoute");
                cx.on_route(NoticeLevel::Info, "header-modifier-merged", message, route, i, X_FORWARDED_PREFIX);
            }
            if let Some(what) = substitution(target) {
                let message = format!("rewrite-target {target:?} refers to {what}, which ingress-nginx substitutes; ingress2gateway v1.1.0 (rewrite.go applyRewriteTargetToEmitterIR) only recognises \"\\$\", so the URLRewrite replaces the whole path with the literal text {target:?}");
                let mut notice =
                    crate::migrate::Notice::new(NoticeLevel::Warning, "rewrite-capture-group-literal", message)
                        .about(cx.ingress(i).object(), cx.span(i, REWRITE_TARGET));
                notice.hosts = route.hostnames.clone();
                notice.paths = cx.written_paths(&rule.sources);
                cx.notices.push(notice);
            }
            let kind = PendingKind::Rewrite {
                full_path: target.to_string(),
                forwarded_prefix: (!forwarded_prefix.is_empty()).then(|| forwarded_prefix.to_string()),
            };
            pending.push(Pending::new(route, rule_index, kind));
        }
    }
}

/// What `$…` in a rewrite target names for nginx: a capture group (`$1`) or a variable (`$host`).
fn substitution(target: &str) -> Option<&'static str> {
    let mut rest = target;
    let mut found = None;
    while let Some(at) = rest.find('$') {
        if at > 0 && rest.as_bytes()[at - 1] == b'\\' {
            rest = &rest[at + 1..];
            continue;
        }
        match rest.as_bytes().get(at + 1) {
            Some(b) if b.is_ascii_digit() => return Some("a regex capture group"),
            Some(b) if b.is_ascii_alphabetic() || *b == b'{' || *b == b'_' => found = Some("an nginx variable"),
            _ => {}
        }
        rest = &rest[at + 1..];
    }
    found
}

#[cfg(test)]
mod tests {
    #[test]
    fn substitutions() {
        assert_eq!(super::substitution("/$1"), Some("a regex capture group"));
        assert_eq!(super::substitution("/$host/x"), Some("an nginx variable"));
        assert_eq!(super::substitution("/plain"), None);
        assert_eq!(super::substitution("/a\\$1"), None);
    }
}
