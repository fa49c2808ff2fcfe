//! What ingress-nginx's validating webhook refuses before the controller ever sees the Ingress.
//!
//! `strict-validate-path-type` (ConfigMap, default `true` since controller-v1.12.0, #11819):
//! `CheckIngress` (internal/ingress/controller/controller.go, controller-v1.15.1) calls
//! `inspector.ValidatePathType` (internal/ingress/inspector/inspector.go), which checks every
//! non-empty path whose pathType is not ImplementationSpecific against
//! `(?i)^/[[:alnum:]._\-/]*$` (internal/ingress/inspector/rules.go) and rejects the Ingress with
//! "ingress contains invalid paths". Without the webhook the store still serves such an Ingress,
//! so the routing is simulated as written and the finding is a warning.
//!
//! `checkOverlap` (same file and tag; unchanged in controller-v1.14.2): the webhook renders the
//! servers with the Ingress being admitted added and rejects it when one of its service paths
//! (host-less rules on server `_`, an empty path as `/`) is the path of a location another Ingress
//! owns, whatever the pathType, unless either carries the `canary` annotation (two `canary: "true"`
//! Ingresses with no main one are not modelled). The older Ingress owns the location, so the newer
//! one is refused. The webhook no longer runs `nginx -t`
//! (`testTemplate` commented out "to mitigate CVE-2025-1974", #13069, controller-v1.12.1 and
//! v1.11.5), so this check and `ValidatePathType` are what it still refuses for routing.

use crate::controllers::Context;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{HttpPath, Ingress, PathType};
use crate::router::hash::FxMap;
use std::borrow::Cow;

/// `validPathType`: `/`, then ASCII letters, digits, `.`, `_`, `-` and `/`.
fn valid_path(path: &str) -> bool {
    let mut bytes = path.bytes();
    bytes.next() == Some(b'/') && bytes.all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b))
}

/// A warning on the path at `spec.rules[r].http.paths[p]` that the webhook refuses.
fn refused(ingress: &Ingress, (r, p): (usize, usize), path: &HttpPath, message: String) -> Diagnostic {
    let mut d = Diagnostic::new(Severity::Warning, Code::Controller, message)
        .on(format!("Ingress {}", ingress.id()))
        .at(path.path.as_ref().map_or(path.span, |v| v.span));
    d.field = Some(format!("spec.rules[{r}].http.paths[{p}].path"));
    d
}

/// One warning per path of an admitted Ingress that the webhook's `ValidatePathType` refuses.
pub(crate) fn strict_path_types(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (_, ingress) in cx.manifest.ingresses.iter().enumerate().filter(|&(i, _)| cx.admitted(i)) {
        for (r, rule) in ingress.spec.rules.iter().enumerate() {
            for (p, path) in rule.http.iter().flat_map(|h| h.paths.iter()).enumerate() {
                let written_type = path.path_type.as_ref().map(|t| t.value.as_str());
                let text = path.path();
                if text.is_empty() || written_type == Some("ImplementationSpecific") || valid_path(text) {
                    continue;
                }
                found.push(refused(ingress, (r, p), path, super::prose::invalid_path(text, written_type)));
            }
        }
    }
    found
}

/// A service path of an Ingress: (rule index, path index, host with `_` for none, path with `/`
/// for none, the entry), as `checkOverlap` reads them.
fn service_paths(ingress: &Ingress) -> impl Iterator<Item = (usize, usize, &str, &str, &HttpPath)> {
    ingress.spec.rules.iter().enumerate().flat_map(|(r, rule)| {
        let host = Some(rule.host()).filter(|h| !h.is_empty()).unwrap_or("_");
        let paths = rule.http.iter().flat_map(|h| h.paths.iter()).enumerate();
        paths
            .filter(|(_, path)| path.backend.as_ref().is_some_and(|b| b.service.is_some()))
            .map(move |(p, path)| (r, p, host, Some(path.path()).filter(|t| !t.is_empty()).unwrap_or("/"), path))
    })
}

/// One warning per service path of an Ingress that repeats the host and a location path of an
/// older non-canary Ingress, which the webhook's `checkOverlap` refuses. An Ingress it refuses
/// never reaches the store, so its own locations are not held against later ones.
///
/// `order`: the admitted Ingresses oldest first, ties by `namespace/name` descending (the
/// configuration's order, [`super::config::age_order`]). The owners are keyed by borrowed texts,
/// so only the `<path>/` twins are allocated: this runs on every compile, over every path.
pub(crate) fn overlaps(cx: &Context<'_>, order: &[usize]) -> Vec<Diagnostic> {
    let ingresses = &cx.manifest.ingresses;
    let has = |i: usize, key: &str| ingresses[i].meta.annotation(key).map(|v| v.value.as_str());
    let paths = order.iter().map(|&i| service_paths(&ingresses[i]).count()).sum::<usize>();
    let mut owners: FxMap<(&str, Cow<'_, str>), usize> = FxMap::default();
    owners.reserve(paths * 2);
    let mut found = Vec::new();
    for &i in order {
        if has(i, "nginx.ingress.kubernetes.io/canary").is_some() {
            continue;
        }
        let ingress = &ingresses[i];
        let before = found.len();
        for (r, p, host, text, path) in service_paths(ingress) {
            let Some(&owner) = owners.get(&(host, Cow::Borrowed(text))) else { continue };
            found.push(refused(ingress, (r, p), path, super::prose::overlap(host, text, &ingresses[owner].id())));
        }
        if found.len() > before {
            continue;
        }
        // `updateServerLocations`: a Prefix path without rewrite or regex becomes `<path>/`
        // plus an exact `<path>`, and the webhook compares against both.
        let plain = has(i, "nginx.ingress.kubernetes.io/rewrite-target").is_none()
            && has(i, "nginx.ingress.kubernetes.io/use-regex") != Some("true");
        for (_, _, host, text, path) in service_paths(ingress) {
            owners.entry((host, Cow::Borrowed(text))).or_insert(i);
            if plain && path.path_type() == Some(PathType::Prefix) && !text.ends_with('/') {
                owners.entry((host, Cow::Owned(format!("{text}/")))).or_insert(i);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::valid_path;

    #[test]
    fn the_allowed_characters_are_those_of_valid_path_type() {
        for ok in ["/", "/a.b_c-d/E9", "/api/v1/"] {
            assert!(valid_path(ok), "{ok}");
        }
        for bad in ["", "a", "/a b", "/(.*)", "/a~b", "/caf\u{e9}", "/a%20b", "/a:b"] {
            assert!(!valid_path(bad), "{bad}");
        }
    }
}
