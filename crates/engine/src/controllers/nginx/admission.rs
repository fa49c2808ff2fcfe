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
use std::sync::Arc;

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

/// What the two checks found among the Ingresses of one [`Neighbourhood`] in the last compile, and
/// the Ingresses (index and shared value, oldest first) it was found among.
#[derive(Debug)]
struct Checked {
    members: Vec<(usize, Arc<Ingress>)>,
    invalid_paths: Vec<Diagnostic>,
    overlaps: Vec<Diagnostic>,
}

/// The findings of the last compile under a profile per neighbourhood (keyed by its oldest
/// Ingress), for the next compile: an edit checks again only the neighbourhood it touched. Holding
/// the `Arc`s keeps their addresses from being reused, so pointer equality means the same value
/// (as [`super::config::Reuse`] holds its hosts' Ingresses).
#[derive(Debug, Default)]
pub(crate) struct Reuse {
    checked: FxMap<usize, Checked>,
}

/// The webhook's refusals (`ValidatePathType`, then `checkOverlap`): one warning per refused path,
/// each list in an order of its own (the simulator sorts every diagnostic by position).
///
/// Both checks look only within a neighbourhood: `checkOverlap` compares paths of one host, and an
/// Ingress it refuses on one host owns no location on its other hosts, so the Ingresses linked by
/// shared hosts are judged together and apart from every other. `order`: the admitted Ingresses
/// oldest first, ties by `namespace/name` descending ([`super::config::age_order`]).
pub(crate) fn refusals(cx: &Context<'_>, order: &[usize], reuse: &mut Reuse) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let ingresses = &cx.manifest.ingresses;
    let mut previous = std::mem::take(&mut reuse.checked);
    reuse.checked.reserve(previous.len());
    let (mut invalid_paths, mut overlapping) = (Vec::new(), Vec::new());
    for members in neighbourhoods(cx, order) {
        let same = |kept: &Checked| {
            kept.members.len() == members.len()
                && kept.members.iter().zip(&members).all(|(a, &i)| a.0 == i && Arc::ptr_eq(&a.1, &ingresses[i]))
        };
        let checked = match previous.remove(&members[0]) {
            Some(kept) if same(&kept) => kept,
            _ => Checked {
                invalid_paths: strict_path_types(cx, &members),
                overlaps: overlaps(cx, &members),
                members: members.iter().map(|&i| (i, ingresses[i].clone())).collect(),
            },
        };
        invalid_paths.extend(checked.invalid_paths.iter().cloned());
        overlapping.extend(checked.overlaps.iter().cloned());
        reuse.checked.insert(members[0], checked);
    }
    (invalid_paths, overlapping)
}

/// The admitted Ingresses with rules (`order`'s), grouped so that two Ingresses naming the same
/// host (`_` for a rule without one) are in the same group, each group oldest first.
fn neighbourhoods(cx: &Context<'_>, order: &[usize]) -> Vec<Vec<usize>> {
    // Union-find over hosts: an Ingress links the hosts of its rules.
    let mut node_of: FxMap<&str, usize> = FxMap::default();
    let mut parent: Vec<usize> = Vec::new();
    fn root(parent: &mut [usize], mut n: usize) -> usize {
        while parent[n] != n {
            parent[n] = parent[parent[n]];
            n = parent[n];
        }
        n
    }
    let mut first_host: Vec<Option<usize>> = Vec::with_capacity(order.len());
    for &i in order {
        let mut first = None;
        for rule in &cx.manifest.ingresses[i].spec.rules {
            let host = Some(rule.host()).filter(|h| !h.is_empty()).unwrap_or("_");
            let node = *node_of.entry(host).or_insert_with(|| {
                parent.push(parent.len());
                parent.len() - 1
            });
            match first {
                None => first = Some(node),
                Some(f) => {
                    let (a, b) = (root(&mut parent, f), root(&mut parent, node));
                    parent[b] = a;
                }
            }
        }
        first_host.push(first);
    }
    let mut group_of_root: Vec<Option<usize>> = vec![None; parent.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (&i, first) in order.iter().zip(first_host) {
        let Some(node) = first else { continue };
        let r = root(&mut parent, node);
        let g = *group_of_root[r].get_or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
}

/// One warning per path of the Ingresses `members` (admitted) that the webhook's
/// `ValidatePathType` refuses.
fn strict_path_types(cx: &Context<'_>, members: &[usize]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for ingress in members.iter().map(|&i| &cx.manifest.ingresses[i]) {
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

/// A location path as `checkOverlap` compares it: `(text without one trailing /, whether it had
/// one)`, so that `/foo/` written and the `/foo/` twin of Prefix `/foo` are one key without
/// allocating the twin.
fn location_key(text: &str) -> (&str, bool) {
    match text.strip_suffix('/') {
        Some(stem) => (stem, true),
        None => (text, false),
    }
}

/// One warning per service path of an Ingress that repeats the host and a location path of an
/// older non-canary Ingress, which the webhook's `checkOverlap` refuses. An Ingress it refuses
/// never reaches the store, so its own locations are not held against later ones.
///
/// `members`: admitted Ingresses oldest first, ties by `namespace/name` descending (the
/// configuration's order), every Ingress naming one of their hosts among them.
fn overlaps(cx: &Context<'_>, members: &[usize]) -> Vec<Diagnostic> {
    let ingresses = &cx.manifest.ingresses;
    let has = |i: usize, key: &str| ingresses[i].meta.annotation(key).map(|v| v.value.as_str());
    let mut owners: FxMap<(&str, (&str, bool)), usize> = FxMap::default();
    let mut found = Vec::new();
    for &i in members {
        if has(i, "nginx.ingress.kubernetes.io/canary").is_some() {
            continue;
        }
        let ingress = &ingresses[i];
        let before = found.len();
        for (r, p, host, text, path) in service_paths(ingress) {
            let Some(&owner) = owners.get(&(host, location_key(text))) else { continue };
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
            owners.entry((host, location_key(text))).or_insert(i);
            if plain && path.path_type() == Some(PathType::Prefix) && !text.ends_with('/') {
                owners.entry((host, (text, true))).or_insert(i);
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
