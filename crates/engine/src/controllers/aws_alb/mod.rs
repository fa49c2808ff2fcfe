//! The AWS Load Balancer Controller profile (kubernetes-sigs/aws-load-balancer-controller).
//!
//! - Class: the annotation before the IngressClass's controller (`crate::class`, which follows
//!   `pkg/ingress/group_loader.go` `classifyIngress`).
//! - IngressGroups (`group_loader.go`): Ingresses with the same
//!   `alb.ingress.kubernetes.io/group.name` share one ALB; an Ingress without it is a group of its
//!   own (its own ALB). Members are ordered by `alb.ingress.kubernetes.io/group.order` (default 0,
//!   −1000..1000), then `namespace/name`.
//! - Listener rules (`pkg/ingress/model_build_listener_rules.go` `buildListenerRules`): for every
//!   member, every rule in order, the paths sorted by `sortIngressPaths` (all Exact in manifest
//!   order, then Prefix by path length descending — a stable sort —, then ImplementationSpecific
//!   and paths without pathType in manifest order); each path is one ALB rule with priorities 1, 2,
//!   3… across the whole group. The ALB evaluates rules by priority and the first whose conditions
//!   all match wins — across hosts, so an earlier host-less rule shadows a later host rule.
//! - Conditions (`buildRuleConditions`, `buildPathPatterns`): host-header = the rule host
//!   (case-insensitive, `*` and `?` wildcards, so `*.foo.com` matches `a.b.foo.com`); path-pattern:
//!   Exact → the path (wildcards are an error), Prefix `/` → `/*`, Prefix `/foo` or `/foo/` →
//!   `/foo` OR `/foo/*`, ImplementationSpecific → the path as an ALB glob (`*` any characters
//!   including `/`, `?` one character, case-sensitive); an empty path has no path condition, so a
//!   rule with a host and an empty path matches every path of the host; a rule with no condition
//!   at all gets `/*`.
//! - Default action (`model_build_listener.go` `buildListenerDefaultActions`): the one member
//!   with `spec.defaultBackend`, else a fixed 404; several defaultBackends make the whole group fail
//!   to build ("multiple ingress defined default backend").
//!
//! - Listeners (`listeners`): HTTP:80, or HTTPS:443 with a certificate ARN, or `listen-ports`;
//!   a request on a port with no listener gets no HTTP response; with `ssl-redirect` an HTTP
//!   listener only redirects to HTTPS (301).
//! - A backend that is not a Service fails the whole IngressGroup (`enhanced_backend_builder.go`).
//! - Modelling assumption: each ALB is reached by its own DNS name, so a request goes to the
//!   group whose rules name its host (see `AwsAlb::select`).
//!
//! Not simulated: the rule optimizer (`rule_optimizer.go`) that merges rules (it keeps the order),
//! actions / conditions annotations (listed as ignored).

mod explain;
mod listeners;
mod prose;

use super::common::{glob_suffix, BalancerDirectory, HostIndex, HostKey};
use super::glob::verdict::{ignored_of, HostFit, Slot};
use super::glob::{glob_match, PathGlob};
use super::{Asked, Context, Controller, Routed, Selection};
use crate::decision::{Entry, IgnoredAnnotation, Outcome, Redirect, TlsDecision};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::PathType;
use listeners::{
    has_explicit_certificate, listeners, ssl_redirect, ListenPortsError, Listener, SslRedirectError, CERTIFICATE_ARN,
    LISTEN_PORTS, SSL_REDIRECT,
};

const GROUP_NAME: &str = "alb.ingress.kubernetes.io/group.name";
const GROUP_ORDER: &str = "alb.ingress.kubernetes.io/group.order";
const ANNOTATION_PREFIXES: &[&str] = &["alb.ingress.kubernetes.io/"];
const SIMULATED: &[&str] = &[GROUP_NAME, GROUP_ORDER, LISTEN_PORTS, CERTIFICATE_ARN, SSL_REDIRECT];

/// The compiled configuration: one ALB per IngressGroup.
pub(crate) struct AwsAlb {
    groups: Vec<Group>,
    /// Which group (ALB) a host reaches.
    directory: BalancerDirectory,
}

#[derive(Debug)]
struct Group {
    /// The group name, or `namespace/name` for an implicit group.
    name: String,
    explicit: bool,
    members: Vec<usize>,
    /// Listener rules; priority = index + 1.
    rules: Vec<AlbRule>,
    /// The member whose defaultBackend is the listener's default action.
    default: Option<usize>,
    /// Each member (an Ingress index) with the listeners it is on.
    listening: Vec<(usize, Vec<Listener>)>,
    /// The HTTPS port every HTTP listener redirects to (`ssl-redirect`).
    redirect_to: Option<u16>,
    /// Why the controller cannot build this group (the ALB keeps its previous configuration).
    errors: Vec<GroupError>,
    /// The listener rules (positions in `rules`) by their host-header.
    index: HostIndex,
    /// The members' annotations the profile does not simulate.
    ignored: Vec<IgnoredAnnotation>,
}

/// Why the controller cannot build an IngressGroup (each names the member, `namespace/name`).
#[derive(Debug)]
enum GroupError {
    /// `group.order` outside −1000..1000.
    OrderOutOfRange { id: String, order: i64 },
    /// `group.order` that is not an integer.
    OrderNotInteger { id: String, value: String },
    /// A pathType that is not one of the three.
    UnknownPathType { id: String, path: String },
    /// A backend that is not a Service (`enhanced_backend_builder.go`).
    NotAService { id: String, at: BackendAt },
    /// A `*` or `?` in an Exact or Prefix path (`buildPathPatterns`).
    Wildcard { id: String, path_type: PathType, path: String },
    /// Several members have a defaultBackend.
    MultipleDefaults(Vec<String>),
    /// A member's `listen-ports`.
    ListenPorts { id: String, error: ListenPortsError },
    /// The group's `ssl-redirect`.
    SslRedirect(SslRedirectError),
}

/// Where a backend is written in an Ingress.
#[derive(Clone, Copy, Debug)]
enum BackendAt {
    Path { rule: usize, path: usize },
    Default,
}

#[derive(Debug)]
struct AlbRule {
    slot: Slot,
    /// The member (an Ingress index) it comes from: the rule is on that member's listeners.
    member: usize,
    host: Option<String>,
    /// path-pattern values (any of them matches).
    patterns: Vec<String>,
    /// The same, compiled.
    globs: Vec<PathGlob>,
}

impl AlbRule {
    fn host_ok(&self, host: &str) -> bool {
        self.host.as_deref().is_none_or(|h| glob_match(h, host, true, true))
    }

    /// Both conditions hold: host-header (if any) and path-pattern (if any).
    fn matches(&self, host: &str, path: &str) -> bool {
        self.host_ok(host) && self.path_ok(path)
    }

    /// No path-pattern condition (a host with an empty path), or one of its values matches.
    fn path_ok(&self, path: &str) -> bool {
        self.patterns.is_empty() || self.matching_pattern(path).is_some()
    }

    fn matching_pattern(&self, path: &str) -> Option<&str> {
        self.patterns.iter().zip(&self.globs).find(|(_, g)| g.matches(path)).map(|(p, _)| p.as_str())
    }

    /// The literal every path a pattern of this rule matches starts with (the longest common
    /// start of the patterns' text before their first wildcard); `None` without patterns.
    fn head(&self) -> Option<&str> {
        fn literal(p: &str) -> &str {
            &p[..p.find(['*', '?']).unwrap_or(p.len())]
        }
        let mut patterns = self.patterns.iter().map(|p| literal(p));
        let mut head = patterns.next()?;
        for p in patterns {
            let common = head.bytes().zip(p.bytes()).take_while(|(a, b)| a == b).count();
            let mut cut = common;
            while !head.is_char_boundary(cut) {
                cut -= 1;
            }
            head = &head[..cut];
        }
        Some(head)
    }
}

/// `enhanced_backend_builder.go` `Build` @v3.5.0: a backend without a Service (a resource
/// backend) is an error, which fails the model build of the whole IngressGroup.
fn is_service(backend: Option<&crate::model::Backend>) -> bool {
    backend.is_some_and(|b| b.service.is_some())
}

/// `buildPathPatterns`: the path-pattern values of one path, or `Err` when an Exact or Prefix
/// path has a wildcard (the controller's error).
fn path_patterns(path: &str, path_type: Option<PathType>) -> Result<Vec<String>, ()> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    match path_type {
        None | Some(PathType::ImplementationSpecific) => Ok(vec![path.to_string()]),
        Some(PathType::Exact | PathType::Prefix) if path.contains(['*', '?']) => Err(()),
        Some(PathType::Exact) => Ok(vec![path.to_string()]),
        Some(PathType::Prefix) if path == "/" => Ok(vec!["/*".to_string()]),
        Some(PathType::Prefix) => {
            let trimmed = path.strip_suffix('/').unwrap_or(path);
            Ok(vec![trimmed.to_string(), format!("{trimmed}/*")])
        }
    }
}

impl Group {
    fn compile(cx: &Context<'_>, name: String, explicit: bool, mut members: Vec<usize>) -> Group {
        let ingresses = &cx.manifest.ingresses;
        let mut errors = Vec::new();
        let order = |i: usize| -> i64 {
            ingresses[i].meta.annotation(GROUP_ORDER).and_then(|v| v.value.trim().parse::<i64>().ok()).unwrap_or(0)
        };
        for &i in &members {
            if let Some(v) = ingresses[i].meta.annotation(GROUP_ORDER) {
                let id = ingresses[i].id();
                match v.value.trim().parse::<i64>() {
                    Ok(n) if (-1000..=1000).contains(&n) => {}
                    Ok(order) => errors.push(GroupError::OrderOutOfRange { id, order }),
                    Err(_) => errors.push(GroupError::OrderNotInteger { id, value: v.value.clone() }),
                }
            }
        }
        // group_loader.go sortGroupMembers @v3.5.0: by group.order, then
        // k8s.NamespacedName(ing).String() compared as one string, so `app-v2/web` ('-' < '/')
        // comes before `app/web`.
        crate::order::sort_by_key(&mut members, |&i| (order(i), ingresses[i].id(), i));
        let mut rules = Vec::new();
        for &i in &members {
            rules.extend(member_rules(cx, i, &mut errors));
        }
        let defaults: Vec<usize> =
            members.iter().copied().filter(|&i| ingresses[i].spec.default_backend.is_some()).collect();
        if defaults.len() > 1 {
            errors.push(GroupError::MultipleDefaults(defaults.iter().map(|&i| ingresses[i].id()).collect()));
        } else if let Some(&i) = defaults.first() {
            if !is_service(ingresses[i].spec.default_backend.as_ref()) {
                errors.push(GroupError::NotAService { id: ingresses[i].id(), at: BackendAt::Default });
            }
        }
        let mut index = HostIndex::default();
        for (k, rule) in rules.iter().enumerate() {
            index.add(
                k,
                match rule.host.as_deref() {
                    Some(h) if !h.contains(['*', '?']) => HostKey::Exact(h),
                    Some(h) => glob_suffix(h, true).map_or(HostKey::Always, HostKey::Suffix),
                    None => HostKey::Always,
                },
                rule.head(),
            );
        }
        index.finish();
        let ignored = ignored_of(cx, &members, ANNOTATION_PREFIXES, SIMULATED);
        let mut listening = Vec::new();
        for &i in &members {
            match listeners(&ingresses[i]) {
                Ok(on) => listening.push((i, on)),
                Err(error) => errors.push(GroupError::ListenPorts { id: ingresses[i].id(), error }),
            }
        }
        let mut group = Group {
            name,
            explicit,
            members,
            rules,
            default: defaults.first().copied(),
            listening,
            redirect_to: None,
            errors,
            index,
            ignored,
        };
        match ssl_redirect(group.members.iter().map(|&i| &*ingresses[i]), &group.all_listeners()) {
            Ok(port) => group.redirect_to = port,
            Err(e) => group.errors.push(GroupError::SslRedirect(e)),
        }
        group
    }

    /// Does member `ingress` listen on `listener`?
    fn listens(&self, ingress: usize, listener: Listener) -> bool {
        self.listening.iter().any(|(i, on)| *i == ingress && on.contains(&listener))
    }

    /// Does any member listen on `listener`?
    fn has_listener(&self, listener: Listener) -> bool {
        self.listening.iter().any(|(_, on)| on.contains(&listener))
    }

    /// The ALB's listeners: every member's, each once.
    fn all_listeners(&self) -> Vec<Listener> {
        let mut all: Vec<Listener> = Vec::new();
        for l in self.listening.iter().flat_map(|(_, on)| on) {
            if !all.contains(l) {
                all.push(*l);
            }
        }
        all
    }

    fn fit(&self, host: &str) -> HostFit {
        if self.rules.iter().any(|r| r.host.as_deref().is_some_and(|h| glob_match(h, host, true, true))) {
            HostFit::Named
        } else if self.rules.iter().any(|r| r.host.is_none()) {
            HostFit::CatchAll
        } else if self.default.is_some() {
            HostFit::Default
        } else {
            HostFit::Nothing
        }
    }
}

/// The listener rules of one member (`buildListenerRules`): every rule in order, its paths sorted
/// by `sortIngressPaths` / `classifyIngressPathsByType` (Exact in manifest order, then Prefix by
/// length descending, stable, then ImplementationSpecific and type-less); what cannot be built
/// goes to `errors`.
fn member_rules(cx: &Context<'_>, i: usize, errors: &mut Vec<GroupError>) -> Vec<AlbRule> {
    let ingress = &cx.manifest.ingresses[i];
    let mut rules = Vec::new();
    for (r, rule) in ingress.spec.rules.iter().enumerate() {
        let Some(http) = &rule.http else { continue };
        let (mut exact, mut prefix, mut other) = (Vec::new(), Vec::new(), Vec::new());
        for (p, path) in http.paths.iter().enumerate() {
            match (path.path_type.as_ref(), path.path_type()) {
                (_, Some(PathType::Exact)) => exact.push(p),
                (_, Some(PathType::Prefix)) => prefix.push(p),
                (None, _) | (_, Some(PathType::ImplementationSpecific)) => other.push(p),
                (Some(_), None) => {
                    errors.push(GroupError::UnknownPathType { id: ingress.id(), path: path.path().to_string() })
                }
            }
        }
        crate::order::sort_by_key(&mut prefix, |&p| std::cmp::Reverse(http.paths[p].path().len()));
        for p in exact.into_iter().chain(prefix).chain(other) {
            let path = &http.paths[p];
            if !is_service(path.backend.as_ref()) {
                errors.push(GroupError::NotAService { id: ingress.id(), at: BackendAt::Path { rule: r, path: p } });
                continue;
            }
            let Ok(mut patterns) = path_patterns(path.path(), path.path_type()) else {
                let (path_type, path) = (path.path_type().unwrap_or(PathType::Exact), path.path().to_string());
                errors.push(GroupError::Wildcard { id: ingress.id(), path_type, path });
                continue;
            };
            let host = Some(rule.host().to_string()).filter(|h| !h.is_empty());
            if host.is_none() && patterns.is_empty() {
                patterns.push("/*".to_string());
            }
            let globs = patterns.iter().map(|p| PathGlob::new(p)).collect();
            rules.push(AlbRule { slot: Slot::Path { ingress: i, rule: r, path: p }, member: i, host, patterns, globs });
        }
    }
    rules
}

/// A summary: the derived form would keep every nested type's `Debug` in the JS package for the
/// `dyn` controller's vtable, and nothing reads it.
impl std::fmt::Debug for AwsAlb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AwsAlb").field("groups", &self.groups.len()).finish_non_exhaustive()
    }
}

impl AwsAlb {
    /// The ALBs, and the groups the controller cannot build.
    pub fn compile(cx: &Context<'_>) -> (AwsAlb, Vec<Diagnostic>) {
        let ingresses = &cx.manifest.ingresses;
        let mut keyed: Vec<((bool, String), Vec<usize>)> = Vec::new();
        for (i, ingress) in ingresses.iter().enumerate().filter(|&(i, _)| cx.admitted(i)) {
            let key = match ingress.meta.annotation(GROUP_NAME).map(|v| v.value.trim()).filter(|v| !v.is_empty()) {
                Some(name) => (true, name.to_string()),
                None => (false, ingress.id()),
            };
            match keyed.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(i),
                None => keyed.push((key, vec![i])),
            }
        }
        // Which ALB a request reaches is up to DNS; the simulator tries the groups oldest first
        // (the oldest member's creationTimestamp, a missing one last, then namespace/name).
        let age = |i: usize| {
            let m = &ingresses[i].meta;
            let stamp = m.creation_timestamp.as_ref().map(|t| t.value.clone());
            (stamp.is_none(), stamp, m.namespace().to_string(), m.name().to_string(), i)
        };
        crate::order::sort_by_key(&mut keyed, |(_, members)| members.iter().map(|&i| age(i)).min());
        let groups: Vec<Group> =
            keyed.into_iter().map(|((explicit, name), members)| Group::compile(cx, name, explicit, members)).collect();
        let mut diagnostics = Vec::new();
        for g in groups.iter().filter(|g| !g.errors.is_empty()) {
            let first = g.members.first().map(|&i| &ingresses[i]);
            diagnostics.push(
                Diagnostic::new(Severity::Warning, Code::Controller, prose::group_failure_diagnostic(g))
                    .at_opt(first.map(|i| i.span))
                    .on(first.map(|i| format!("Ingress {}", i.id())).unwrap_or_default()),
            );
        }
        let mut directory = BalancerDirectory::new(groups.len());
        for (g, group) in groups.iter().enumerate() {
            for rule in &group.rules {
                match rule.host.as_deref() {
                    Some(h) => directory.add_host(g, h, true),
                    None => directory.add_catch_all(g),
                }
            }
            if group.default.is_some() {
                directory.add_default(g);
            }
        }
        (AwsAlb { groups, directory }, diagnostics)
    }
}

/// What [`AwsAlb::select`](Controller::select) chose: the IngressGroup (ALB) the request reaches
/// and the listener rule (a position in its rules; priority = position + 1).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Winner {
    group: Option<usize>,
    rule: Option<usize>,
}

impl Controller for AwsAlb {
    type Winner = Winner;

    /// One ALB per IngressGroup.
    fn entry_point(&self, ingress: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.members.contains(&ingress))
    }

    /// The ALB by the directory (the first group with a host-header covering the host, else the
    /// first with a host-less rule, else the first with a default backend, else the first); in it,
    /// the first listener rule by priority whose conditions all match, from the per-host lists;
    /// else the listener's default action.
    fn select(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Selection<Winner> {
        let (host, path) = (asked.host(), asked.path());
        let Some(chosen) = self.directory.choose(host, |h, host| glob_match(h, host, true, true)) else {
            return Selection::nothing();
        };
        let group = &self.groups[chosen];
        let listener = Listener::of_request(asked.request);
        let mut winner = None;
        let mut routed = if !group.errors.is_empty() {
            Routed { outcome: Outcome::ConfigError, ..Routed::no_match() }
        } else if !group.has_listener(listener) {
            // No HTTP response at all; the explanation says so.
            Routed::no_match()
        } else if let Some(port) = group.redirect_to.filter(|_| !listener.https) {
            redirected(cx, group, asked, port)
        } else {
            winner = group.index.first(host, path, |k| {
                let rule = &group.rules[k];
                group.listens(rule.member, listener) && rule.matches(host, path)
            });
            match (winner, group.default.filter(|&i| group.listens(i, listener))) {
                (Some(w), _) => {
                    let rule = &group.rules[w];
                    rule.slot.decided(cx, prose::rule(rule, w + 1, rule.matching_pattern(path)))
                }
                (None, Some(i)) => Slot::Default { ingress: i }.decided(cx, prose::DEFAULT_ACTION.to_string()),
                (None, None) => Routed::no_match(),
            }
        };
        routed.tls = asked.sni().map(|sni| certificate(cx, group, listener, &sni, host));
        routed.ignored_annotations = group.ignored.clone();
        Selection { routed, winner: Winner { group: Some(chosen), rule: winner } }
    }

    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Winner>) -> Vec<Entry> {
        explain::explain(self, cx, asked, selection)
    }
}

/// A request on an HTTP listener of a group with `ssl-redirect`: the listener's only action, a
/// 301 to HTTPS on the redirect port. The ALB writes the target as
/// `#{protocol}://#{host}:#{port}/#{path}?#{query}`, the port included (the controller sets it).
fn redirected(cx: &Context<'_>, group: &Group, asked: &Asked<'_>, port: u16) -> Routed {
    let raw = asked.request.path.split('#').next().unwrap_or_default();
    let path = if raw.starts_with('/') { raw.to_string() } else { format!("/{raw}") };
    let setter =
        group.members.iter().copied().find(|&i| cx.manifest.ingresses[i].meta.annotation(SSL_REDIRECT).is_some());
    let mut routed = Routed::no_match();
    routed.outcome = Outcome::Redirect;
    routed.redirect = Some(Redirect { status: 301, location: format!("https://{}:{port}{path}", asked.host()) });
    routed.ingress = setter;
    routed.span = setter.map(|i| cx.manifest.ingresses[i].span);
    routed.matched_as = Some(prose::redirect_action(port));
    routed
}

/// Which certificate an HTTPS listener serves for an SNI name.
#[derive(Debug)]
enum CertificateChoice {
    /// The port has no HTTPS listener.
    NoHttpsListener,
    /// `certificate-arn` of member `id`.
    Explicit { id: String },
    /// A certificate discovered in ACM for a rule or tls host of member `id`.
    Discovered { id: String, host: String },
    /// No discovered certificate matches: the listener's default certificate.
    ListenerDefault,
}

/// The certificate of an HTTPS listener. ALB certificates come from ACM, never from Secrets:
/// `certificate-arn` on a member of the listener, else the certificates the controller discovers
/// in ACM for the members' rule and tls hosts (`model_build_listener.go`
/// `computeIngressInferredTLSCertARNs`; the simulator assumes ACM holds one for each host). The
/// ALB picks the certificate by SNI.
fn certificate(cx: &Context<'_>, group: &Group, listener: Listener, sni: &str, host: &str) -> TlsDecision {
    let sni = sni.trim().trim_end_matches('.').to_ascii_lowercase();
    let ingresses = &cx.manifest.ingresses;
    let mut decision = TlsDecision::fallback(sni.clone(), String::new());
    let on_listener: Vec<usize> = group.members.iter().copied().filter(|&i| group.listens(i, listener)).collect();
    let choice = if !listener.https || on_listener.is_empty() {
        CertificateChoice::NoHttpsListener
    } else if let Some(&i) = on_listener.iter().find(|&&i| has_explicit_certificate(&ingresses[i])) {
        decision.ingress = Some(ingresses[i].id());
        decision.default_certificate = false;
        CertificateChoice::Explicit { id: ingresses[i].id() }
    } else {
        let tls_host = on_listener.iter().find_map(|&i| {
            ingresses[i].spec.tls.iter().enumerate().find_map(|(t, tls)| {
                tls.hosts
                    .iter()
                    .find(|h| glob_match(&h.value, &sni, false, true))
                    .map(|h| (i, Some((t, tls.span)), h.value.clone()))
            })
        });
        let rule_host = || {
            on_listener.iter().find_map(|&i| {
                ingresses[i]
                    .spec
                    .rules
                    .iter()
                    .find(|r| !r.host().is_empty() && glob_match(r.host(), &sni, false, true))
                    .map(|r| (i, None, r.host().to_string()))
            })
        };
        match tls_host.or_else(rule_host) {
            Some((i, entry, h)) => {
                decision.ingress = Some(ingresses[i].id());
                decision.matched_host = Some(h.clone());
                decision.default_certificate = false;
                if let Some((t, span)) = entry {
                    decision.entry = Some(t);
                    decision.span = Some(span);
                }
                CertificateChoice::Discovered { id: ingresses[i].id(), host: h }
            }
            None => CertificateChoice::ListenerDefault,
        }
    };
    decision.message = prose::tls(group, listener, &choice, &sni, host);
    decision
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert_eq!(path_patterns("/", Some(PathType::Prefix)).unwrap(), ["/*"]);
        assert_eq!(path_patterns("/foo/", Some(PathType::Prefix)).unwrap(), ["/foo", "/foo/*"]);
        assert_eq!(path_patterns("/a*", None).unwrap(), ["/a*"]);
        assert!(path_patterns("/a*", Some(PathType::Exact)).is_err());
        assert!(path_patterns("/a?", Some(PathType::Prefix)).is_err());
        assert!(path_patterns("", Some(PathType::Prefix)).unwrap().is_empty());
    }
}
