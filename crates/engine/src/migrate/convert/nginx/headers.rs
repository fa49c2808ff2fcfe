//! N7: request header modifiers (kubernetes-sigs/ingress2gateway v1.1.0
//! `pkg/i2gw/providers/ingressnginx/headers.go` `headerModifierFeature`, `applyHeaderModifiers`).

use super::annotations::*;
use super::Cx;
use crate::migrate::convert::output::{HeaderModifier, HttpFilter, Output};
use crate::migrate::NoticeLevel;

/// `upstream-vhost` → set `Host`, `connection-proxy-header` → set `Connection`, appended to the
/// rule's first RequestHeaderModifier (or a new one); `custom-headers` is reported.
pub(super) fn apply(cx: &mut Cx<'_, '_>, output: &mut Output) {
    for route in &mut output.http_routes {
        for rule_index in 0..route.rules.len() {
            let Some(i) = cx.main_ingress(&route.rules[rule_index].sources) else { continue };
            let mut set = Vec::new();
            for (key, header) in [(UPSTREAM_VHOST, "Host"), (CONNECTION_PROXY_HEADER, "Connection")] {
                let value = cx.text(i, key);
                if !value.is_empty() {
                    set.push((header.to_string(), value.to_string()));
                }
            }
            if cx.value(i, CUSTOM_HEADERS).is_some() {
                let message = format!("Ingress {} uses '{CUSTOM_HEADERS}' which is not supported.", cx.id(i));
                cx.on_route(NoticeLevel::Warning, "unsupported-annotation", message, route, i, CUSTOM_HEADERS);
            }
            if set.is_empty() {
                continue;
            }
            let filters = &mut route.rules[rule_index].filters;
            let existing = filters.iter_mut().find_map(|f| match f {
                HttpFilter::RequestHeaderModifier(m) => Some(m),
                _ => None,
            });
            match existing {
                Some(modifier) => modifier.set.extend(set),
                None => filters.push(HttpFilter::RequestHeaderModifier(HeaderModifier { set, ..Default::default() })),
            }
        }
    }
}
