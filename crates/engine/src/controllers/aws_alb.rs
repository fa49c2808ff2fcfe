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

use super::common::{glob_suffix, other_class_entries, BalancerDirectory, HostIndex, HostKey};
use super::glob::verdict::{annotation_entries, ignored_of, ingress_entry, path_reason, HostFit, Slot};
use super::glob::{glob_match, PathGlob};
use super::{Asked, Context, Controller, Routed, Selection};
use listeners::{
    has_explicit_certificate, listeners, ssl_redirect, Listener, CERTIFICATE_ARN, LISTEN_PORTS, SSL_REDIRECT,
};

mod listeners;
use crate::decision::{Entry, IgnoredAnnotation, Outcome, Reason, Redirect, TlsDecision, Verdict};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::PathType;

const GROUP_NAME: &str = "alb.ingress.kubernetes.io/group.name";
const GROUP_ORDER: &str = "alb.ingress.kubernetes.io/group.order";
const ANNOTATION_PREFIXES: &[&str] = &["alb.ingress.kubernetes.io/"];
const SIMULATED: &[&str] = &[GROUP_NAME, GROUP_ORDER, LISTEN_PORTS, CERTIFICATE_ARN, SSL_REDIRECT];

/// The compiled configuration: one ALB per IngressGroup.
#[derive(Debug)]
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
    errors: Vec<String>,
    /// The listener rules (positions in `rules`) by their host-header.
    index: HostIndex,
    /// The members' annotations the profile does not simulate.
    ignored: Vec<IgnoredAnnotation>,
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

    /// `rule priority 3: host-header foo.com, path-pattern /foo OR /foo/*`, with only the
    /// matched pattern when one is given.
    fn describe(&self, priority: usize, matched: Option<&str>) -> String {
        let mut parts = Vec::new();
        if let Some(h) = &self.host {
            parts.push(format!("host-header {h}"));
        }
        if self.patterns.is_empty() {
            parts.push("no path-pattern (every path)".to_string());
        } else {
            parts.push(format!("path-pattern {}", matched.map_or_else(|| self.patterns.join(" OR "), str::to_string)));
        }
        format!("rule priority {priority}: {}", parts.join(", "))
    }
}

/// `enhanced_backend_builder.go` `Build` @v3.5.0: a backend without a Service (a resource
/// backend) is an error, which fails the model build of the whole IngressGroup.
fn service_backend(backend: Option<&crate::model::Backend>) -> Result<(), &'static str> {
    match backend {
        Some(b) if b.service.is_some() => Ok(()),
        _ => Err("missing required \"service\" field"),
    }
}

/// `buildPathPatterns`: the path-pattern values of one path, or the controller's error.
fn path_patterns(path: &str, path_type: Option<PathType>) -> Result<Vec<String>, String> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    match path_type {
        None | Some(PathType::ImplementationSpecific) => Ok(vec![path.to_string()]),
        Some(PathType::Exact) if path.contains(['*', '?']) => {
            Err(format!("exact path shouldn't contain wildcards: {path}"))
        }
        Some(PathType::Exact) => Ok(vec![path.to_string()]),
        Some(PathType::Prefix) if path == "/" => Ok(vec!["/*".to_string()]),
        Some(PathType::Prefix) if path.contains(['*', '?']) => {
            Err(format!("prefix path shouldn't contain wildcards: {path}"))
        }
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
                match v.value.trim().parse::<i64>() {
                    Ok(n) if (-1000..=1000).contains(&n) => {}
                    Ok(n) => errors.push(format!(
                        "{GROUP_ORDER} of {} is {n}: explicit order must be within [-1000:1000]",
                        ingresses[i].id()
                    )),
                    Err(_) => {
                        errors.push(format!("{GROUP_ORDER} of {} is {:?}, not an integer", ingresses[i].id(), v.value))
                    }
                }
            }
        }
        // group_loader.go sortGroupMembers @v3.5.0: by group.order, then
        // k8s.NamespacedName(ing).String() compared as one string, so `app-v2/web` ('-' < '/')
        // comes before `app/web`.
        members.sort_by_cached_key(|&i| (order(i), ingresses[i].id(), i));
        let mut rules = Vec::new();
        for &i in &members {
            for (r, rule) in ingresses[i].spec.rules.iter().enumerate() {
                let Some(http) = &rule.http else { continue };
                // sortIngressPaths / classifyIngressPathsByType.
                let (mut exact, mut prefix, mut other) = (Vec::new(), Vec::new(), Vec::new());
                for (p, path) in http.paths.iter().enumerate() {
                    match (path.path_type.as_ref(), path.path_type()) {
                        (_, Some(PathType::Exact)) => exact.push(p),
                        (_, Some(PathType::Prefix)) => prefix.push(p),
                        (None, _) | (_, Some(PathType::ImplementationSpecific)) => other.push(p),
                        (Some(_), None) => {
                            errors.push(format!("unknown pathType for path {:?} in {}", path.path(), ingresses[i].id()))
                        }
                    }
                }
                prefix.sort_by_key(|&p| std::cmp::Reverse(http.paths[p].path().len()));
                for p in exact.into_iter().chain(prefix).chain(other) {
                    let path = &http.paths[p];
                    if let Err(e) = service_backend(path.backend.as_ref()) {
                        errors.push(format!("{e} (in {}, spec.rules[{r}].http.paths[{p}].backend)", ingresses[i].id()));
                        continue;
                    }
                    let mut patterns = match path_patterns(path.path(), path.path_type()) {
                        Ok(patterns) => patterns,
                        Err(e) => {
                            errors.push(format!("{e} (in {})", ingresses[i].id()));
                            continue;
                        }
                    };
                    let host = Some(rule.host().to_string()).filter(|h| !h.is_empty());
                    if host.is_none() && patterns.is_empty() {
                        patterns.push("/*".to_string());
                    }
                    let globs = patterns.iter().map(|p| PathGlob::new(p)).collect();
                    rules.push(AlbRule {
                        slot: Slot::Path { ingress: i, rule: r, path: p },
                        member: i,
                        host,
                        patterns,
                        globs,
                    });
                }
            }
        }
        let defaults: Vec<usize> =
            members.iter().copied().filter(|&i| ingresses[i].spec.default_backend.is_some()).collect();
        if defaults.len() > 1 {
            let ids: Vec<String> = defaults.iter().map(|&i| ingresses[i].id()).collect();
            errors.push(format!("multiple ingress defined default backend: [{}]", ids.join(", ")));
        } else if let Some(&i) = defaults.first() {
            if let Err(e) = service_backend(ingresses[i].spec.default_backend.as_ref()) {
                errors.push(format!("{e} (in {}, spec.defaultBackend)", ingresses[i].id()));
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
                Err(e) => errors.push(format!("{e} (in {})", ingresses[i].id())),
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
            Err(e) => group.errors.push(e),
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

    /// "HTTP:80, HTTPS:443".
    fn listener_list(&self) -> String {
        self.all_listeners().iter().map(Listener::to_string).collect::<Vec<_>>().join(", ")
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

    fn title(&self) -> String {
        if self.explicit {
            format!("IngressGroup {:?}", self.name)
        } else {
            format!("the implicit IngressGroup of {}", self.name)
        }
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
        keyed.sort_by_cached_key(|(_, members)| members.iter().map(|&i| age(i)).min());
        let groups: Vec<Group> =
            keyed.into_iter().map(|((explicit, name), members)| Group::compile(cx, name, explicit, members)).collect();
        let mut diagnostics = Vec::new();
        for g in groups.iter().filter(|g| !g.errors.is_empty()) {
            let first = g.members.first().map(|&i| &ingresses[i]);
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::Controller,
                    format!("AWS ALB: the controller cannot build {}: {}.", g.title(), g.errors.join("; ")),
                )
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
            // No HTTP response at all; the explanation says so (`no_listener`).
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
                    rule.slot.decided(cx, rule.describe(w + 1, rule.matching_pattern(path)))
                }
                (None, Some(i)) => Slot::Default { ingress: i }.decided(cx, DEFAULT_ACTION.to_string()),
                (None, None) => Routed::no_match(),
            }
        };
        routed.tls = asked.sni().map(|sni| certificate(cx, group, listener, &sni, host));
        routed.ignored_annotations = group.ignored.clone();
        Selection { routed, winner: Winner { group: Some(chosen), rule: winner } }
    }

    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Winner>) -> Vec<Entry> {
        let (host, path) = (asked.host(), asked.path());
        let mut explanation = other_class_entries(cx);
        let Some(chosen) = selection.winner.group else {
            explanation.push(Entry::info("No admitted Ingress, so no ALB exists: nothing answers.".to_string()));
            return explanation;
        };
        let group = &self.groups[chosen];
        let mut intro = Entry::info(format!(
            "AWS ALB: every IngressGroup is one Application Load Balancer (an Ingress without {GROUP_NAME} is a group of its own). Modelling assumption: each ALB is reached by its own DNS name, so the request goes to the ALB of {} (the oldest group for which {}); its listener rules are evaluated by priority and the first whose conditions all match wins, whatever the host.",
            group.title(),
            match group.fit(host) {
                HostFit::Named => format!("a host-header condition covers {host}"),
                HostFit::CatchAll => format!("no group has a host-header for {host} and this one has host-less rules"),
                HostFit::Default => format!("no group has a rule for {host} and this one has a default backend"),
                HostFit::Nothing => format!("no group has a rule for {host}"),
            }
        ));
        intro.ingress = group.members.first().map(|&i| cx.manifest.ingresses[i].id());
        explanation.push(intro);
        for other in self.groups.iter().enumerate().filter(|&(o, _)| o != chosen).map(|(_, g)| g) {
            let reason = if other.fit(host) == HostFit::Nothing { Reason::WrongHost } else { Reason::Outranked };
            for &i in &other.members {
                explanation.push(ingress_entry(cx, i, Verdict::Lost, reason, format!(
                    "Ingress {} belongs to {}, another ALB (another DNS name): the request sent to {} never reaches it.",
                    cx.manifest.ingresses[i].id(), other.title(), group.title()
                )));
            }
        }
        let listener = Listener::of_request(asked.request);
        if group.errors.is_empty() && !group.has_listener(listener) {
            let mut e = Entry::info(no_listener(group, listener));
            e.ingress = group.members.first().map(|&i| cx.manifest.ingresses[i].id());
            explanation.push(e);
        } else if let (true, Some(i), Some(redirect)) =
            (group.errors.is_empty(), selection.routed.ingress, selection.routed.redirect.as_ref())
        {
            explanation.push(ingress_entry(cx, i, Verdict::Won, Reason::Redirect, format!(
                "Redirected: {} sets {SSL_REDIRECT}, so every HTTP listener of the ALB has no rules and only the default action: redirect to HTTPS ({} {}). model_build_listener_rules.go buildListenerRules builds no rule on an HTTP listener then.",
                cx.manifest.ingresses[i].id(),
                redirect.status,
                redirect.location
            )));
        } else if group.errors.is_empty() {
            explanation.extend(group.judge(cx, selection.winner.rule, listener, host, path));
        } else {
            let mut e = Entry::info(format!(
                "The controller cannot build {}: {}. It reports the error and leaves the ALB as it was (its previous rules are not simulated).",
                group.title(),
                group.errors.join("; ")
            ));
            e.reason = Reason::ConfigError;
            e.ingress = group.members.first().map(|&i| cx.manifest.ingresses[i].id());
            explanation.push(e);
        }
        explanation.extend(annotation_entries(cx, &group.members, ANNOTATION_PREFIXES, SIMULATED, "aws-alb"));
        explanation
    }
}

const DEFAULT_ACTION: &str = "listener default action: forward to spec.defaultBackend";

impl Group {
    /// The winning listener rule (or the default action) and every other rule judged against it.
    fn judge(&self, cx: &Context<'_>, winner: Option<usize>, listener: Listener, host: &str, path: &str) -> Vec<Entry> {
        let mut explanation = vec![match (winner, self.default.filter(|&i| self.listens(i, listener))) {
            (Some(w), _) => {
                let rule = &self.rules[w];
                let shown = rule.describe(w + 1, rule.matching_pattern(path));
                rule.slot.won(cx, format!("Matched: {shown} is the first rule by priority whose conditions all match."))
            }
            (None, Some(i)) => Slot::Default { ingress: i }.won(
                cx,
                format!("No listener rule matches {host}{path}: the listener's default action forwards to the defaultBackend of {}.", cx.manifest.ingresses[i].id()),
            ),
            (None, None) => Entry::info(format!("No listener rule matches {host}{path} and no Ingress of the group has a defaultBackend: the listener's default action is a fixed 404 response.")),
        }];
        let won = winner.map(|w| &self.rules[w]);
        for (k, rule) in self.rules.iter().enumerate().filter(|&(k, _)| Some(k) != winner) {
            let shown = rule.describe(k + 1, None);
            explanation.push(if !self.listens(rule.member, listener) {
                rule.slot.entry(
                    cx,
                    Verdict::Lost,
                    Reason::Outranked,
                    format!("{shown}: its Ingress {} is not on the {listener} listener the request arrives at (listener rules are built per port, for the members that listen on it).", cx.manifest.ingresses[rule.member].id()),
                )
            } else if !rule.host_ok(host) {
                rule.slot.entry(
                    cx,
                    Verdict::Lost,
                    Reason::WrongHost,
                    format!("{shown}: host-header does not match {host}."),
                )
            } else if rule.path_ok(path) {
                let same = won.is_some_and(|wr| wr.host == rule.host && wr.patterns == rule.patterns);
                let reason = if same { Reason::Duplicate } else { Reason::Outranked };
                let w = winner.map_or(0, |w| w + 1);
                let shown = rule.describe(k + 1, rule.matching_pattern(path));
                rule.slot.entry(cx, Verdict::Lost, reason, format!("{shown}: matches, but rule priority {w} matched first."))
            } else {
                let folded = path.to_ascii_lowercase();
                let case = rule.patterns.iter().any(|p| glob_match(&p.to_ascii_lowercase(), &folded, true, false));
                rule.slot.entry(
                    cx,
                    Verdict::Lost,
                    path_reason(case),
                    format!(
                        "{shown}: path-pattern does not match {path} (ALB path patterns are case-sensitive globs)."
                    ),
                )
            });
        }
        explanation
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
    routed.matched_as = Some(format!("listener default action: redirect to HTTPS:{port} (301)"));
    routed
}

/// A request on a port the ALB has no listener for.
fn no_listener(group: &Group, listener: Listener) -> String {
    format!(
        "AWS ALB: the ALB of {} has no {listener} listener (its listeners: {}), so it does not accept the connection: the client gets no HTTP response at all (the controller's security group opens only the listener ports, so the connection times out). The decision shows no-match, though no 404 is sent either. A listener comes from {LISTEN_PORTS}; without it a member is on HTTP:80, or on HTTPS:443 only when it has {CERTIFICATE_ARN} (spec.tls alone opens no HTTPS listener; model_build_listener.go computeIngressListenPorts).",
        group.title(),
        group.listener_list()
    )
}

/// The certificate of an HTTPS listener. ALB certificates come from ACM, never from Secrets:
/// `certificate-arn` on a member of the listener, else the certificates the controller discovers
/// in ACM for the members' rule and tls hosts (`model_build_listener.go`
/// `computeIngressInferredTLSCertARNs`; the simulator assumes ACM holds one for each host). The
/// ALB picks the certificate by SNI.
fn certificate(cx: &Context<'_>, group: &Group, listener: Listener, sni: &str, host: &str) -> TlsDecision {
    let sni = sni.trim().trim_end_matches('.').to_ascii_lowercase();
    let ingresses = &cx.manifest.ingresses;
    let differs = if sni != host {
        format!(" The SNI name {sni} picks the certificate; the Host header {host} picks the route.")
    } else {
        String::new()
    };
    let mut decision = TlsDecision::fallback(sni.clone(), String::new());
    let on_listener: Vec<usize> = group.members.iter().copied().filter(|&i| group.listens(i, listener)).collect();
    if !listener.https || on_listener.is_empty() {
        decision.message = format!("TLS (AWS ALB): the ALB of {} has no HTTPS listener on port {} (its listeners: {}): the TLS handshake for {sni} is not answered. spec.tls alone opens no HTTPS listener; {CERTIFICATE_ARN} or {LISTEN_PORTS} does.{differs}", group.title(), listener.port, group.listener_list());
        return decision;
    }
    if let Some(&i) = on_listener.iter().find(|&&i| has_explicit_certificate(&ingresses[i])) {
        decision.ingress = Some(ingresses[i].id());
        decision.default_certificate = false;
        decision.message = format!("TLS (AWS ALB): the {listener} listener uses the ACM certificate(s) of {CERTIFICATE_ARN} on {}; the ALB picks one by SNI (not simulated). Kubernetes Secrets are not used.{differs}", ingresses[i].id());
        return decision;
    }
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
    decision.message = match tls_host.or_else(rule_host) {
        Some((i, entry, h)) => {
            decision.ingress = Some(ingresses[i].id());
            decision.matched_host = Some(h.clone());
            decision.default_certificate = false;
            if let Some((t, span)) = entry {
                decision.entry = Some(t);
                decision.span = Some(span);
            }
            format!("TLS (AWS ALB): the {listener} listener has no {CERTIFICATE_ARN}, so the controller discovers ACM certificates for the rule and tls hosts of {} (computeIngressInferredTLSCertARNs); the simulator assumes ACM holds one for {h}, which the ALB serves for {sni}. Kubernetes Secrets are not used.{differs}", ingresses[i].id())
        }
        None => format!("TLS (AWS ALB): no rule or tls host on the {listener} listener covers {sni}, so no discovered ACM certificate matches; the ALB serves its listener's default certificate (clients will likely see a name mismatch).{differs}"),
    };
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
        assert!(path_patterns("", Some(PathType::Prefix)).unwrap().is_empty());
    }
}
