//! N11: `app-root` (kubernetes-sigs/ingress2gateway v1.1.0
//! `pkg/i2gw/providers/ingressnginx/approot.go` `appRootFeature`).

use super::annotations::APP_ROOT;
use super::redirect::GoUrl;
use super::Cx;
use crate::migrate::convert::output::{
    HttpFilter, HttpRouteMatch, HttpRouteRule, Output, PathMatch, PathMatchType, PathModifier, RequestRedirect,
};
use crate::migrate::NoticeLevel;

/// The first rule whose main Ingress sets `app-root` decides: `/` answers 302 to the path, on the
/// rule when it matches Exact `/` (its backends dropped), else on a new Exact `/` rule.
pub(super) fn apply(cx: &mut Cx<'_, '_>, output: &mut Output) {
    for route in &mut output.http_routes {
        let mut app_root = None;
        let mut exact_root = None;
        for (index, rule) in route.rules.iter().enumerate() {
            let Some(i) = cx.main_ingress(&rule.sources) else { continue };
            let value = cx.text(i, APP_ROOT);
            if value.is_empty() {
                continue;
            }
            // ingress-nginx's u.IsAbs(): a URL with a scheme.
            if GoUrl::parse(value).is_ok_and(|u| !u.scheme.is_empty()) {
                let message = format!("Ignoring app-root annotation with absolute URL {value:?} (not supported)");
                cx.on_ingress(NoticeLevel::Warning, "app-root-absolute", message, i, APP_ROOT);
                continue;
            }
            app_root = Some(value.to_string());
            let is_exact_root =
                |m: &HttpRouteMatch| m.path.as_ref().is_some_and(|p| p.kind == PathMatchType::Exact && p.value == "/");
            if rule.matches.iter().any(is_exact_root) {
                exact_root = Some(index);
            }
            break;
        }
        let Some(path) = app_root else { continue };
        let redirect = HttpFilter::RequestRedirect(RequestRedirect {
            path: Some(PathModifier::ReplaceFullPath(path)),
            status_code: Some(302),
            ..Default::default()
        });
        match exact_root {
            Some(index) => {
                let rule = &mut route.rules[index];
                rule.filters.push(redirect);
                rule.backend_refs.clear();
            }
            None => route.rules.push(HttpRouteRule {
                matches: vec![HttpRouteMatch {
                    path: Some(PathMatch { kind: PathMatchType::Exact, value: "/".into() }),
                    headers: Vec::new(),
                }],
                filters: vec![redirect],
                ..Default::default()
            }),
        }
    }
}
