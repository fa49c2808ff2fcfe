//! Quiet changes: what a migration changes that no single answer may show (or that shows only for
//! requests nobody thought to ask), as notices with the hosts and paths affected. They are found
//! from the input and the conversion's settings alone, whether or not a probe changed:
//!
//! | code | when | sources |
//! |---|---|---|
//! | `wildcard-widens` | a rule host `*.d` (Ingress: one label; Gateway API: any number) | ingress-nginx `internal/ingress/controller/template/template.go` `buildServerName` (`~^(?<subdomain>[\w-]+)\.d$`); Kubernetes `networking/v1/types.go` `IngressRule.Host` ("must match exactly one label"); gateway-api `apis/v1/shared_types.go` `Hostname` ("`*.example.com` would match both `test.example.com`, and `foo.test.example.com`") |
//! | `regex-order` | a host with a non-canary Ingress using `use-regex: "true"` or `rewrite-target` | ingress2gateway v1.1.0 `pkg/i2gw/providers/ingressnginx/regex.go` `regexHosts`, `regexFeature` (`"(?i)" + path + ".*"`); gateway-api `apis/v1/httproute_types.go` `HTTPPathMatch` ("RegularExpression … Support: Implementation-specific", "The precedence of RegularExpression path matches are implementation-specific") |
//! | `split-host` | a host written by Ingresses of several namespaces or classes | ingress2gateway v1.1.0 `pkg/i2gw/providers/common/converter.go` `toRoutesAndGateways` (one Gateway per `namespace/ingressClass`: `gwKey`) |
//! | `normalisation-dropped` | ingress-nginx input (it matches the normalised URI) | nginx `ngx_http_core_module` `location` ("matching is performed against a normalized URI … resolving `.` and `..` … compression of two or more adjacent slashes"), `merge_slashes on`; gateway-api `HTTPPathMatch` (no normalisation required) |
//! | `annotation-dropped` | a behaviour-changing ingress-nginx annotation ingress2gateway does not translate | ingress2gateway v1.1.0 `pkg/i2gw/providers/ingressnginx/annotations.go` `parsedAnnotations`, `converter.go` `convert` ("Unsupported annotation"); ingress-nginx `docs/user-guide/nginx-configuration/annotations.md` |

use super::{Conversion, Notice, NoticeLevel};
use crate::gateway::Implementation;
use crate::model::{Ingress, Spanned};
use crate::profile::Profile;
use crate::Simulator;
use std::collections::{BTreeMap, HashMap};

/// Per listener hostname (lower case) of the converted Gateways, the Gateways (`namespace/name`)
/// with a listener for it, in the conversion's order.
pub(crate) type HostGateways = HashMap<String, Vec<String>>;

/// [`HostGateways`] of the Gateways read back (`gateways`), in `order` (the conversion's).
pub(crate) fn host_gateways(gateways: &[crate::gateway::model::Gateway], order: &[String]) -> HostGateways {
    let mut map: HostGateways = HashMap::new();
    for id in order {
        let Some(gateway) = gateways.iter().find(|g| g.id() == *id) else { continue };
        for listener in &gateway.listeners {
            let Some(host) = listener.hostname.as_ref().filter(|h| !h.value.is_empty()) else { continue };
            let ids = map.entry(host.value.to_ascii_lowercase()).or_default();
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    map
}

/// ingress-nginx's annotation prefix.
const NGINX: &str = "nginx.ingress.kubernetes.io/";

/// The behaviour-changing ingress-nginx annotations ingress2gateway v1.1.0 does not translate (none
/// is in `annotations.go` `parsedAnnotations`, and no feature reads it: `from-to-www-redirect` is
/// not in that list either, but `redirect.go` translates it, so it is not here), and what is lost
/// with each.
const DROPPED: &[(&str, &str)] = &[
    ("force-ssl-redirect", "http requests were redirected to https (308) even without a TLS host; after, they reach the backend over http"),
    ("server-alias", "the alias hosts were served like the rule's host; after, no listener or route names them"),
    ("auth-url", "every request was first authorised by the external service (401/403 when it refuses); after, requests reach the backend unauthenticated"),
    ("auth-signin", "unauthenticated requests were redirected to the sign-in page; after, they reach the backend"),
    ("auth-type", "basic/digest authentication answered 401 without credentials; after, requests reach the backend unauthenticated"),
    ("auth-secret", "basic/digest authentication answered 401 without credentials; after, requests reach the backend unauthenticated"),
    ("configuration-snippet", "the location's custom nginx configuration (returns, rewrites, denials, headers) no longer runs"),
    ("server-snippet", "the server's custom nginx configuration (returns, rewrites, denials, headers) no longer runs"),
    ("custom-http-errors", "error answers were replaced by the default backend's pages; after, the backend's own errors reach the client"),
    ("default-backend", "requests no rule matched (and error pages) went to this Service; after, they get the Gateway's 404"),
    ("limit-rps", "requests beyond the rate limit were refused (503); after, none are"),
    ("limit-rpm", "requests beyond the rate limit were refused (503); after, none are"),
    ("limit-connections", "connections beyond the limit were refused (503); after, none are"),
    ("mirror-target", "requests were mirrored to another service; after, they are not"),
    ("upstream-hash-by", "requests with the same key went to the same endpoint; after, endpoints are chosen without the key"),
];

/// The quiet changes of migrating `sim`'s input from `from` to `to` as `conversion` converted it.
pub(crate) fn quiet_changes(
    sim: &Simulator,
    conversion: &Conversion,
    gateways: &HostGateways,
    from: Profile,
    to: Implementation,
) -> Vec<Notice> {
    let _ = conversion;
    let ingresses = &sim.manifest().ingresses;
    let nginx = from.name().starts_with("ingress-nginx");
    let mut notices = Vec::new();
    if from != Profile::Gce {
        notices.extend(ingresses.iter().flat_map(|i| wildcard_widens(i)));
    }
    if nginx {
        notices.extend(regex_order(ingresses));
    }
    notices.extend(split_host(ingresses, gateways));
    if nginx {
        notices.extend(normalisation_dropped(ingresses, to));
        notices.extend(ingresses.iter().flat_map(|i| annotations_dropped(i)));
    }
    notices
}

/// The rule hosts and paths of an Ingress, as written (hosts deduplicated, input order).
fn hosts_and_paths(ingress: &Ingress) -> (Vec<String>, Vec<String>) {
    let mut hosts: Vec<String> = Vec::new();
    let mut paths: Vec<String> = Vec::new();
    for rule in &ingress.spec.rules {
        if !rule.host().is_empty() && !hosts.iter().any(|h| h == rule.host()) {
            hosts.push(rule.host().to_string());
        }
        for path in rule.http.iter().flat_map(|h| &h.paths) {
            let p = if path.path().is_empty() { "/" } else { path.path() };
            if !paths.iter().any(|q| q == p) {
                paths.push(p.to_string());
            }
        }
    }
    (hosts, paths)
}

fn annotation<'a>(ingress: &'a Ingress, key: &str) -> Option<&'a Spanned<String>> {
    ingress.meta.annotation(&format!("{NGINX}{key}"))
}

/// The IngressClass ingress2gateway files an Ingress under (`common.GetIngressClass`: the
/// `ingressClassName`, else the `kubernetes.io/ingress.class` annotation).
fn class_of(ingress: &Ingress) -> &str {
    match &ingress.spec.ingress_class_name {
        Some(name) if !name.value.is_empty() => &name.value,
        _ => ingress.meta.annotation(crate::CLASS_ANNOTATION).map_or("", |v| v.value.as_str()),
    }
}

/// `wildcard-widens`: each wildcard rule host.
fn wildcard_widens(ingress: &Ingress) -> Vec<Notice> {
    let mut seen: Vec<&str> = Vec::new();
    let mut notices = Vec::new();
    for rule in &ingress.spec.rules {
        let Some(host) = rule.host.as_ref().filter(|h| h.value.starts_with("*.")) else { continue };
        if seen.contains(&host.value.as_str()) {
            continue;
        }
        seen.push(&host.value);
        let domain = &host.value[2..];
        let paths = ingress
            .spec
            .rules
            .iter()
            .filter(|r| r.host() == host.value)
            .flat_map(|r| r.http.iter().flat_map(|h| &h.paths))
            .map(|p| if p.path().is_empty() { "/".to_string() } else { p.path().to_string() })
            .collect();
        let message = format!(
            "The wildcard host {} matches exactly one label before {domain} as an Ingress host (a.{domain}); as a Gateway API hostname it matches any number (a.b.{domain} too), so requests that got the default answer now reach these paths.",
            host.value
        );
        let mut notice =
            Notice::new(NoticeLevel::Warning, "wildcard-widens", message).about(object(ingress), Some(host.span));
        notice.hosts = vec![host.value.clone()];
        notice.paths = paths;
        notices.push(notice);
    }
    notices
}

/// `regex-order`: ingress2gateway's `regexHosts` (a non-canary Ingress with `use-regex: "true"` or
/// a `rewrite-target` makes every route of its rule hosts use `(?i)<path>.*` RegularExpression
/// matches).
fn regex_order(ingresses: &[std::sync::Arc<Ingress>]) -> Vec<Notice> {
    let truthy = |v: Option<&Spanned<String>>| v.is_some_and(|v| v.value.trim().eq_ignore_ascii_case("true"));
    let mut hosts: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    let mut order = Vec::new();
    for (i, ingress) in ingresses.iter().enumerate() {
        if truthy(annotation(ingress, "canary")) {
            continue;
        }
        let regex = truthy(annotation(ingress, "use-regex"))
            || annotation(ingress, "rewrite-target").is_some_and(|v| !v.value.is_empty());
        if !regex {
            continue;
        }
        for rule in ingress.spec.rules.iter().filter(|r| !r.host().is_empty()) {
            if !hosts.contains_key(rule.host()) {
                hosts.insert(rule.host().to_string(), (i, Vec::new()));
                order.push(rule.host().to_string());
            }
        }
    }
    // Every path of every Ingress with that host is converted so.
    for ingress in ingresses {
        for rule in &ingress.spec.rules {
            if let Some((_, paths)) = hosts.get_mut(rule.host()) {
                for path in rule.http.iter().flat_map(|h| &h.paths) {
                    let p = if path.path().is_empty() { "/" } else { path.path() };
                    if !paths.iter().any(|q| q == p) {
                        paths.push(p.to_string());
                    }
                }
            }
        }
    }
    order
        .into_iter()
        .map(|host| {
            let (first, paths) = hosts.remove(&host).unwrap_or_default();
            let ingress = &ingresses[first];
            let why = annotation(ingress, "use-regex").or_else(|| annotation(ingress, "rewrite-target"));
            let message = format!(
                "Every path of {host} becomes a case-insensitive RegularExpression match \"(?i)<path>.*\" (ingress2gateway's regex conversion, because of use-regex or rewrite-target): /API now matches /api, and which regular expression wins when several match is implementation-specific in Gateway API, not ingress-nginx's longest-first order."
            );
            let mut notice =
                Notice::new(NoticeLevel::Warning, "regex-order", message).about(object(ingress), why.map(|v| v.span));
            notice.hosts = vec![host];
            notice.paths = paths;
            notice
        })
        .collect()
}

/// `split-host`: a host whose rules come from Ingresses of several namespaces or classes, which
/// ingress2gateway puts on several Gateways (one per `namespace/class`, each its own address):
/// the Gateways with a listener for the host as converted, or, before any Gateway is written, the
/// `namespace/class` pairs of the input.
fn split_host(ingresses: &[std::sync::Arc<Ingress>], converted: &HostGateways) -> Vec<Notice> {
    let mut by_host: BTreeMap<&str, (usize, Vec<String>)> = BTreeMap::new();
    let mut order = Vec::new();
    for (i, ingress) in ingresses.iter().enumerate() {
        let gateway = format!("{}/{}", ingress.meta.namespace(), class_of(ingress));
        for rule in ingress.spec.rules.iter().filter(|r| !r.host().is_empty()) {
            let entry = by_host.entry(rule.host()).or_insert_with(|| {
                order.push(rule.host());
                (i, Vec::new())
            });
            if !entry.1.contains(&gateway) {
                entry.1.push(gateway.clone());
            }
        }
    }
    if !converted.is_empty() {
        for host in &order {
            if let Some((_, gateways)) = by_host.get_mut(host) {
                *gateways = converted.get(&host.to_ascii_lowercase()).cloned().unwrap_or_default();
            }
        }
    }
    let mut notices = Vec::new();
    for host in order {
        let (first, gateways) = &by_host[host];
        if gateways.len() < 2 {
            continue;
        }
        let message = format!(
            "{host} is served by {} Gateways ({}), one per namespace and class of the Ingresses that write it, each with its own address: DNS can point {host} at one of them only, and the paths of the others stop answering for it.",
            gateways.len(),
            gateways.join(", ")
        );
        let ingress = &ingresses[*first];
        let span = ingress.spec.rules.iter().find(|r| r.host() == host).and_then(|r| r.host.as_ref()).map(|h| h.span);
        let mut notice = Notice::new(NoticeLevel::Warning, "split-host", message).about(object(ingress), span);
        notice.hosts = vec![host.to_string()];
        notice.paths = ingresses
            .iter()
            .flat_map(|i| i.spec.rules.iter())
            .filter(|r| r.host() == host)
            .flat_map(|r| r.http.iter().flat_map(|h| &h.paths))
            .map(|p| if p.path().is_empty() { "/".to_string() } else { p.path().to_string() })
            .fold(Vec::new(), |mut all, p| {
                if !all.contains(&p) {
                    all.push(p);
                }
                all
            });
        notices.push(notice);
    }
    notices
}

/// `normalisation-dropped`: ingress-nginx matches the normalised URI; Gateway API does not require
/// it (Envoy-based implementations normalise, but then pass the normalised path on).
fn normalisation_dropped(ingresses: &[std::sync::Arc<Ingress>], to: Implementation) -> Option<Notice> {
    let mut hosts: Vec<String> = Vec::new();
    for ingress in ingresses {
        for host in hosts_and_paths(ingress).0 {
            if !hosts.contains(&host) {
                hosts.push(host);
            }
        }
    }
    if ingresses.is_empty() {
        return None;
    }
    let (level, after) = match to {
        Implementation::Spec => (
            NoticeLevel::Warning,
            "the Gateway API specification does not require it, so /x/../api and //api no longer match /api".to_string(),
        ),
        other => (
            NoticeLevel::Info,
            format!(
                "{} normalises too (Envoy normalize_path, merge_slashes), but passes the normalised path on, where nginx passed the path as sent; other implementations may not normalise at all",
                other.title()
            ),
        ),
    };
    let message = format!(
        "ingress-nginx matched the normalised path (. and .. segments resolved, repeated slashes merged); {after}."
    );
    let mut notice = Notice::new(level, "normalisation-dropped", message);
    notice.hosts = hosts;
    Some(notice)
}

/// `annotation-dropped`: each behaviour-changing annotation of [`DROPPED`] on an Ingress.
fn annotations_dropped(ingress: &Ingress) -> Vec<Notice> {
    let (hosts, paths) = hosts_and_paths(ingress);
    let mut notices = Vec::new();
    for (key, value) in &ingress.meta.annotations {
        let Some(name) = key.value.strip_prefix(NGINX) else { continue };
        let Some((_, lost)) = DROPPED.iter().find(|(k, _)| *k == name) else { continue };
        if name == "force-ssl-redirect" && !value.value.trim().eq_ignore_ascii_case("true") {
            continue;
        }
        let message = format!("{} is not translated (ingress2gateway has no conversion for it): {lost}.", key.value);
        let mut notice =
            Notice::new(NoticeLevel::Warning, "annotation-dropped", message).about(object(ingress), Some(key.span));
        notice.hosts = hosts.clone();
        if name == "server-alias" {
            notice
                .hosts
                .extend(value.value.split([',', ' ']).map(str::trim).filter(|a| !a.is_empty()).map(str::to_string));
        }
        notice.paths = paths.clone();
        notices.push(notice);
    }
    notices
}

/// `Ingress namespace/name`.
fn object(ingress: &Ingress) -> String {
    format!("Ingress {}", ingress.id())
}
