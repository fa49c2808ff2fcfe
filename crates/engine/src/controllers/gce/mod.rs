//! The GCE profile: GKE's ingress-gce (kubernetes/ingress-gce v1.41.1).
//!
//! Every Ingress becomes its own Google Cloud load balancer with its own IP and URL map; Ingresses
//! are never merged (`pkg/controller/controller.go` `sync` translates and syncs one Ingress at a
//! time). Modelling assumption: each load balancer is reached by its own DNS name, pointed at its
//! IP, so the simulator sends a request to the oldest Ingress whose URL map has a host rule for
//! the host (then one with a host-less rule, then one with a defaultBackend) and says so.
//!
//! Class admission is ingress-gce's own (`crate::class`: the annotation only).
//!
//! Translation (`pkg/controller/translator/translator.go` `TranslateIngress`,
//! `validateAndGetPaths`): a missing pathType is ImplementationSpecific; any error (a backend that
//! is not a Service, a `*` or an empty path in an Exact or Prefix path, an unknown pathType) fails
//! the whole Ingress: `sync` returns "invalid ingress spec" and syncs nothing, so the load
//! balancer is not created or keeps its previous configuration. An ImplementationSpecific path
//! with a `*` anywhere but a trailing `/*` passes translation but the URL-map API refuses it, and
//! the sync fails the same way.
//!
//! Inside one URL map (`pkg/utils/gceurlmap.go`):
//! - `Exact` → the path as is; `Prefix /` → `/*`; `Prefix /foo` (or `/foo/`) → `/foo` and `/foo/*`;
//!   `ImplementationSpecific` → the path as written (`""` → `/*`);
//! - an empty host → host rule `*`; GCP host rules treat `*` as any run of characters, so
//!   `*.foo.com` covers `a.b.foo.com` (multi-label, unlike the spec);
//! - `PutPathRulesForHost`: two equal URL-map paths in one rule → the later one wins; a later rule
//!   with the same host replaces the earlier rule's paths;
//! - the path matcher picks the longest matching path (an exact path beats a `/*` of the same
//!   length); no match → the URL map's default service: `spec.defaultBackend`, else the system
//!   default backend (`default-http-backend`, 404).

mod explain;
mod prose;

use super::common::{by_age, BalancerDirectory, TieBreak};
use super::glob::verdict::{ignored_of, HostFit, Slot};
use super::glob::{glob_match, url_map_path_match, url_map_path_valid};
use super::{Asked, Context, Controller, Routed, Selection};
use crate::decision::{Entry, Outcome, TlsDecision};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::PathType;

/// Annotation namespaces of GKE Ingress (none of them is simulated).
const PREFIXES: &[&str] = &[
    "networking.gke.io/",
    "ingress.gcp.kubernetes.io/",
    "cloud.google.com/",
    "kubernetes.io/ingress.global-static-ip-name",
    "kubernetes.io/ingress.regional-static-ip-name",
    "kubernetes.io/ingress.allow-http",
];

/// The compiled configuration: one URL map per admitted Ingress, oldest first.
pub(crate) struct Gce {
    maps: Vec<UrlMap>,
    /// Which URL map a host reaches.
    directory: BalancerDirectory,
}

#[derive(Debug)]
struct UrlMap {
    ingress: usize,
    host_rules: Vec<HostRule>,
    /// Paths that are not in the URL map, and why.
    dropped: Vec<(Slot, Dropped)>,
    has_default: bool,
    /// Why ingress-gce cannot sync this Ingress (translation errors, URL-map paths GCP refuses):
    /// when not empty, the load balancer is not created or keeps its previous configuration.
    errors: Vec<Failure>,
}

#[derive(Debug)]
struct HostRule {
    /// The GCP host pattern (`*` for a rule without host).
    host: String,
    rule: usize,
    paths: Vec<PathRule>,
}

#[derive(Debug)]
struct PathRule {
    pattern: String,
    slot: Slot,
}

/// Why a written path is not in the URL map (`gceurlmap.go` `PutPathRulesForHost`).
#[derive(Debug)]
enum Dropped {
    /// A later path of the same rule writes this URL-map path.
    SamePathLater { pattern: String },
    /// Rule `rule` has the same host and replaces this rule's paths.
    SameHostLater { rule: usize, host: String },
}

/// Where in an Ingress a translation or URL-map error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    DefaultBackend,
    Path { rule: usize, path: usize },
}

/// One reason ingress-gce cannot sync an Ingress, at its place.
#[derive(Debug, PartialEq, Eq)]
struct Failure {
    at: Place,
    problem: Problem,
}

/// What is wrong, with the controller's own error where it has one.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// `BackendToServicePortID`: the backend is not a Service.
    NotAService,
    /// `validateAndGetPaths`: an Exact or Prefix path that is empty.
    EmptyPath(PathType),
    /// `validateAndGetPaths`: a `*` in an Exact or Prefix path.
    InvalidWildcard(PathType, String),
    /// `validateAndGetPaths`: a pathType that is not one of the three.
    UnsupportedPathType(String),
    /// GCP refuses the URL-map path (a `*` anywhere but a trailing `/*`).
    RefusedUrlMapPath(String),
}

impl Problem {
    /// The controller's own (translation) error, not GCP's refusal.
    fn is_translation(&self) -> bool {
        !matches!(self, Problem::RefusedUrlMapPath(_))
    }
}

/// `translator.go` `validateAndGetPaths`: the URL-map paths one Ingress path becomes, or the
/// translation error (a missing pathType is ImplementationSpecific, which is not validated).
fn url_map_paths(path: &str, path_type: PathType) -> Result<Vec<String>, Problem> {
    if path_type == PathType::ImplementationSpecific {
        return Ok(vec![if path.is_empty() { "/*".to_string() } else { path.to_string() }]);
    }
    if path.is_empty() {
        return Err(Problem::EmptyPath(path_type));
    }
    if path_type == PathType::Prefix && path == "/" {
        return Ok(vec!["/*".to_string()]);
    }
    if path.contains('*') {
        return Err(Problem::InvalidWildcard(path_type, path.to_string()));
    }
    Ok(match path_type {
        PathType::Prefix => {
            let trimmed = path.strip_suffix('/').unwrap_or(path);
            vec![trimmed.to_string(), format!("{trimmed}/*")]
        }
        _ => vec![path.to_string()],
    })
}

/// `validateAndGetPaths`: the pathType as ingress-gce reads it (missing: ImplementationSpecific).
fn gce_path_type(path: &crate::model::HttpPath) -> Result<PathType, Problem> {
    match (&path.path_type, path.path_type()) {
        (None, _) => Ok(PathType::ImplementationSpecific),
        (Some(_), Some(t)) => Ok(t),
        (Some(raw), None) => Err(Problem::UnsupportedPathType(raw.value.clone())),
    }
}

/// `pkg/utils/serviceport.go` `BackendToServicePortID`: only Service backends translate.
fn service_backend(backend: Option<&crate::model::Backend>) -> Result<(), Problem> {
    match backend {
        Some(b) if b.service.is_some() => Ok(()),
        _ => Err(Problem::NotAService),
    }
}

/// A GCP host rule covers a host: equal, or a `*` glob (any characters, several labels).
fn host_covers(pattern: &str, host: &str) -> bool {
    glob_match(pattern, host, false, true)
}

impl UrlMap {
    fn compile(cx: &Context<'_>, ingress: usize) -> UrlMap {
        let object = &cx.manifest.ingresses[ingress];
        let mut map = UrlMap {
            ingress,
            host_rules: Vec::new(),
            dropped: Vec::new(),
            has_default: object.spec.default_backend.is_some(),
            errors: Vec::new(),
        };
        if let Some(default) = &object.spec.default_backend {
            if let Err(problem) = service_backend(Some(default)) {
                map.errors.push(Failure { at: Place::DefaultBackend, problem });
            }
        }
        for (r, rule) in object.spec.rules.iter().enumerate() {
            // TranslateIngress: a rule without `http` adds nothing.
            let Some(http) = &rule.http else { continue };
            let mut written: Vec<PathRule> = Vec::new();
            for (p, path) in http.paths.iter().enumerate() {
                let slot = Slot::Path { ingress, rule: r, path: p };
                let at = Place::Path { rule: r, path: p };
                let patterns = service_backend(path.backend.as_ref())
                    .and_then(|()| gce_path_type(path))
                    .and_then(|t| url_map_paths(path.path(), t));
                let patterns = match patterns {
                    Ok(patterns) => patterns,
                    Err(problem) => {
                        map.errors.push(Failure { at, problem });
                        continue;
                    }
                };
                for pattern in patterns {
                    if url_map_path_valid(&pattern) {
                        written.push(PathRule { pattern, slot });
                    } else {
                        map.errors.push(Failure { at, problem: Problem::RefusedUrlMapPath(pattern) });
                    }
                }
            }
            // gceurlmap.go PutPathRulesForHost: of two equal paths the later one wins.
            let mut paths: Vec<PathRule> = Vec::new();
            for path in written.into_iter().rev() {
                if let Some(later) = paths.iter().find(|q| q.pattern == path.pattern) {
                    if later.slot != path.slot {
                        map.dropped.push((path.slot, Dropped::SamePathLater { pattern: path.pattern }));
                    }
                    continue;
                }
                paths.insert(0, path);
            }
            let host = if rule.host().is_empty() { "*".to_string() } else { rule.host().to_string() };
            // A later rule with the same host replaces the earlier rule's paths.
            if let Some(at) = map.host_rules.iter().position(|h| h.host == host) {
                let replaced = map.host_rules.remove(at);
                for path in replaced.paths {
                    map.dropped.push((path.slot, Dropped::SameHostLater { rule: r, host: host.clone() }));
                }
            }
            map.host_rules.push(HostRule { host, rule: r, paths });
        }
        map
    }

    /// True when one of `errors` is the controller's own (translation), not GCP's.
    fn untranslatable(&self) -> bool {
        self.errors.iter().any(|f| f.problem.is_translation())
    }

    /// The warning for an Ingress ingress-gce cannot sync.
    fn failure(&self, cx: &Context<'_>) -> Diagnostic {
        let object = &cx.manifest.ingresses[self.ingress];
        Diagnostic::new(Severity::Warning, Code::Controller, prose::failure_diagnostic(&self.failure_text(cx)))
            .on(format!("Ingress {}", object.id()))
            .at(object.span)
    }

    /// What ingress-gce does with an Ingress it cannot sync (`controller.go` `sync`: the
    /// translation's errors stop it before GCP is called; GCP's refusal fails the sync itself).
    fn failure_text(&self, cx: &Context<'_>) -> String {
        prose::sync_failure(&cx.manifest.ingresses[self.ingress].id(), self.untranslatable(), &self.errors)
    }

    fn fit(&self, host: &str) -> HostFit {
        if self.host_rules.iter().any(|h| h.host != "*" && host_covers(&h.host, host)) {
            HostFit::Named
        } else if self.host_rules.iter().any(|h| h.host == "*") {
            HostFit::CatchAll
        } else if self.has_default {
            HostFit::Default
        } else {
            HostFit::Nothing
        }
    }

    /// The host rule GCP picks: an exact host, else the longest matching wildcard, else `*`.
    fn host_rule(&self, host: &str) -> Option<usize> {
        let rank = |h: &HostRule| {
            if h.host.eq_ignore_ascii_case(host) {
                (0, 0)
            } else if h.host == "*" {
                (2, 0)
            } else {
                (1, usize::MAX - h.host.len())
            }
        };
        (0..self.host_rules.len())
            .filter(|&i| host_covers(&self.host_rules[i].host, host))
            .min_by_key(|&i| (rank(&self.host_rules[i]), i))
    }
}

/// A summary: the derived form would keep every nested type's `Debug` in the JS package for the
/// `dyn` controller's vtable, and nothing reads it.
impl std::fmt::Debug for Gce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gce").field("url_maps", &self.maps.len()).finish_non_exhaustive()
    }
}

impl Gce {
    /// The URL maps, and what GCP would refuse in them.
    pub fn compile(cx: &Context<'_>) -> (Gce, Vec<Diagnostic>) {
        let maps: Vec<UrlMap> =
            by_age(cx, TieBreak::NameAscending).into_iter().map(|i| UrlMap::compile(cx, i)).collect();
        let diagnostics = maps.iter().filter(|m| !m.errors.is_empty()).map(|m| m.failure(cx)).collect();
        let mut directory = BalancerDirectory::new(maps.len());
        for (m, map) in maps.iter().enumerate() {
            for h in map.host_rules.iter().map(|h| h.host.as_str()) {
                match h {
                    "*" => directory.add_catch_all(m),
                    h => directory.add_host(m, h, false),
                }
            }
            if map.has_default {
                directory.add_default(m);
            }
        }
        (Gce { maps, directory }, diagnostics)
    }

    /// The longest URL-map path of host rule `h` matching `path`, an exact path before a `/*` of
    /// the same length: its index in the rule's paths.
    fn longest(map: &UrlMap, h: usize, path: &str) -> Option<usize> {
        let mut best: Option<(usize, bool, usize)> = None;
        for (k, rule) in map.host_rules[h].paths.iter().enumerate() {
            if let Some(len) = url_map_path_match(&rule.pattern, path) {
                let exact = !rule.pattern.ends_with('*');
                if best.is_none_or(|(l, e, _)| (len, exact) > (l, e)) {
                    best = Some((len, exact, k));
                }
            }
        }
        best.map(|(_, _, k)| k)
    }
}

/// What [`Gce::select`](Controller::select) chose: the URL map the request reaches, its host rule
/// and the path rule (an index in that host rule's paths).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Winner {
    map: Option<usize>,
    host_rule: Option<usize>,
    path: Option<usize>,
}

impl Controller for Gce {
    type Winner = Winner;

    /// Every Ingress is its own load balancer.
    fn entry_point(&self, ingress: usize) -> Option<usize> {
        self.maps.iter().position(|m| m.ingress == ingress)
    }

    /// The load balancer by the directory (the first URL map, oldest first, that names the host,
    /// then one with a host-less rule, then one with a defaultBackend); in its URL map, GCP's host
    /// rule and the longest path; else the default service.
    fn select(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Selection<Winner> {
        let (host, path) = (asked.host(), asked.path());
        let Some(chosen) = self.directory.choose(host, host_covers) else { return Selection::nothing() };
        let map = &self.maps[chosen];
        let host_rule = map.host_rule(host);
        let best = host_rule.and_then(|h| Gce::longest(map, h, path));
        let mut routed = match host_rule.zip(best) {
            _ if !map.errors.is_empty() => Routed { outcome: Outcome::ConfigError, ..Routed::no_match() },
            Some((h, k)) => {
                let rule = &map.host_rules[h].paths[k];
                rule.slot.decided(cx, prose::matched_url_map_path(&rule.pattern))
            }
            None if map.has_default => {
                Slot::Default { ingress: map.ingress }.decided(cx, prose::DEFAULT_SERVICE.to_string())
            }
            None => Routed::no_match(),
        };
        routed.tls = asked.sni().map(|sni| certificate(cx, map.ingress, &sni, host));
        routed.ignored_annotations = ignored_of(cx, &[map.ingress], PREFIXES, &[]);
        Selection { routed, winner: Winner { map: Some(chosen), host_rule, path: best } }
    }

    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Winner>) -> Vec<Entry> {
        explain::explain(self, cx, asked, selection)
    }
}

/// How the load balancer's certificate was chosen for an SNI name.
#[derive(Clone, Debug, PartialEq, Eq)]
enum CertificateChoice {
    /// A tls entry lists the name, exactly or by a one-label wildcard (the tls host).
    Covers(String),
    /// No entry covers the name: GCP serves the first one.
    First,
}

/// The certificate of one Ingress's load balancer: GCP serves the certificate whose name matches
/// the SNI name (a tls entry listing it exactly or by a one-label wildcard) and otherwise the first
/// certificate of the target HTTPS proxy. Other Ingresses' certificates live on other load
/// balancers. Without a tls entry the load balancer has no HTTPS frontend from Secrets (pre-shared
/// or managed certificates come from annotations, which the profile does not simulate).
fn certificate(cx: &Context<'_>, ingress: usize, sni: &str, host: &str) -> TlsDecision {
    let sni = sni.trim().trim_end_matches('.').to_ascii_lowercase();
    let object = &cx.manifest.ingresses[ingress];
    let id = object.id();
    let with_secret: Vec<usize> = (0..object.spec.tls.len())
        .filter(|&t| object.spec.tls[t].secret_name.as_ref().is_some_and(|s| !s.value.is_empty()))
        .collect();
    let exact = with_secret.iter().copied().find_map(|t| {
        object.spec.tls[t].hosts.iter().find(|h| h.value.eq_ignore_ascii_case(&sni)).map(|h| (t, h.value.clone()))
    });
    let wildcard = || {
        with_secret.iter().copied().find_map(|t| {
            object.spec.tls[t]
                .hosts
                .iter()
                .find(|h| crate::matching::match_host(&h.value, &sni) == crate::matching::HostMatch::Wildcard)
                .map(|h| (t, h.value.clone()))
        })
    };
    let chosen = match (exact.or_else(wildcard), with_secret.first()) {
        (Some((t, h)), _) => Some((t, CertificateChoice::Covers(h))),
        (None, Some(&t)) => Some((t, CertificateChoice::First)),
        (None, None) => None,
    };
    let Some((t, choice)) = chosen else {
        let message = prose::tls_no_certificate(&id, &sni, host);
        return TlsDecision::fallback(sni, message);
    };
    let tls = &object.spec.tls[t];
    let secret = tls.secret_name.as_ref().map(|s| s.value.clone());
    TlsDecision {
        message: prose::tls_certificate(&id, t, secret.as_deref().unwrap_or_default(), &choice, &sni, host),
        sni,
        secret_name: secret,
        ingress: Some(id),
        entry: Some(t),
        matched_host: match choice {
            CertificateChoice::Covers(h) => Some(h),
            CertificateChoice::First => None,
        },
        default_certificate: false,
        span: Some(tls.span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation() {
        assert_eq!(url_map_paths("/", PathType::Prefix).unwrap(), ["/*"]);
        assert_eq!(url_map_paths("/foo/", PathType::Prefix).unwrap(), ["/foo", "/foo/*"]);
        assert_eq!(url_map_paths("/foo", PathType::Exact).unwrap(), ["/foo"]);
        assert_eq!(url_map_paths("", PathType::ImplementationSpecific).unwrap(), ["/*"]);
        assert_eq!(url_map_paths("/v1/*", PathType::ImplementationSpecific).unwrap(), ["/v1/*"]);
    }

    #[test]
    fn translation_errors_use_the_controller_messages() {
        assert_eq!(
            url_map_paths("/v1/*", PathType::Prefix).unwrap_err().to_string(),
            "failed to validate prefix path /v1/* due to invalid wildcard"
        );
        assert_eq!(
            url_map_paths("/a*", PathType::Exact).unwrap_err().to_string(),
            "failed to validate exact path /a* due to invalid wildcard"
        );
        assert_eq!(
            url_map_paths("", PathType::Exact).unwrap_err().to_string(),
            "failed to validate exact path type due to empty path"
        );
    }

    #[test]
    fn a_missing_path_type_is_implementation_specific() {
        let manifest = crate::decode::parse(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /docs\n        backend: {service: {name: s, port: {number: 80}}}\n      - path: /x\n        pathType: Glob\n        backend: {service: {name: s, port: {number: 80}}}\n",
        );
        let paths = &manifest.ingresses[0].spec.rules[0].http.as_ref().unwrap().paths;
        assert_eq!(gce_path_type(&paths[0]), Ok(PathType::ImplementationSpecific));
        // Only the exact URL-map path /docs: an ImplementationSpecific path is not a prefix.
        assert_eq!(url_map_paths("/docs", gce_path_type(&paths[0]).unwrap()).unwrap(), ["/docs"]);
        assert_eq!(gce_path_type(&paths[1]).unwrap_err().to_string(), "unsupported path type: Glob");
    }

    #[test]
    fn hosts_are_multi_label() {
        assert!(host_covers("*.foo.com", "a.b.foo.com"));
        assert!(!host_covers("*.foo.com", "foo.com"));
        assert!(host_covers("*", "anything"));
    }
}
