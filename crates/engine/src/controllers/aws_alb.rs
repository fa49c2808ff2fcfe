//! The AWS Load Balancer Controller profile (kubernetes-sigs/aws-load-balancer-controller).
//!
//! - Class (`pkg/ingress/group_loader.go`, `class_annotation_matcher.go`): the
//!   `kubernetes.io/ingress.class` annotation is read before `spec.ingressClassName`, so this
//!   profile decides admission itself (the spec profile reads the field first).
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
//!   including `/`, `?` one character, case-sensitive); an empty path has no path condition; a rule
//!   with no condition at all gets `/*`.
//! - Default action (`model_build_listener.go` `buildListenerDefaultActions`): the one member
//!   with `spec.defaultBackend`, else a fixed 404; several defaultBackends make the whole group fail
//!   to build ("multiple ingress defined default backend").
//!
//! Not simulated: the rule optimizer (`rule_optimizer.go`) that merges rules (it keeps the order),
//! listen-ports / ssl-redirect / actions / conditions annotations (listed as ignored).

use super::common::{glob_suffix, BalancerDirectory, HostIndex, HostKey};
use super::glob::verdict::{annotation_entries, ignored_of, ingress_entry, path_reason, HostFit, Slot};
use super::glob::{glob_match, PathGlob};
use super::{Asked, Context, Controller, Routed, Selection};
use crate::class::Admission;
use crate::decision::{Entry, IgnoredAnnotation, Outcome, Reason, TlsDecision, Verdict};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::PathType;
use crate::validate::CLASS_ANNOTATION;

const GROUP_NAME: &str = "alb.ingress.kubernetes.io/group.name";
const GROUP_ORDER: &str = "alb.ingress.kubernetes.io/group.order";
const CERTIFICATE_ARN: &str = "alb.ingress.kubernetes.io/certificate-arn";
const ANNOTATION_PREFIXES: &[&str] = &["alb.ingress.kubernetes.io/"];
const SIMULATED: &[&str] = &[GROUP_NAME, GROUP_ORDER];

/// The compiled configuration: one ALB per IngressGroup.
#[derive(Debug)]
pub(crate) struct AwsAlb {
    groups: Vec<Group>,
    /// Ingresses of another class, and why (the controller's own class decision).
    excluded: Vec<(usize, String)>,
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

    /// Both conditions hold: host-header (if any) and a path-pattern.
    fn matches(&self, host: &str, path: &str) -> bool {
        self.host_ok(host) && self.matching_pattern(path).is_some()
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
        parts.push(format!("path-pattern {}", matched.map_or_else(|| self.patterns.join(" OR "), str::to_string)));
        format!("rule priority {priority}: {}", parts.join(", "))
    }
}

/// The controller's class decision: the annotation first, then the field (then the spec's
/// default-class rule, which the field-less, annotation-less case shares).
fn admission(cx: &Context<'_>, i: usize) -> Result<(), String> {
    let Some(target) = cx.choice.name() else { return Ok(()) };
    let ingress = &cx.manifest.ingresses[i];
    if let Some(annotation) = ingress.meta.annotation(CLASS_ANNOTATION) {
        return if annotation.value == target {
            Ok(())
        } else {
            Err(format!("its {CLASS_ANNOTATION} annotation is {:?}, not {target:?} — the AWS Load Balancer Controller reads the annotation before spec.ingressClassName (group_loader.go)", annotation.value))
        };
    }
    match &cx.spec.admission[i] {
        Admission::Admitted => Ok(()),
        Admission::OtherClass(why) => Err(why.clone()),
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
        // group_loader.go: members by group.order, then namespace/name.
        members.sort_by(|&a, &b| {
            let key =
                |i: usize| (order(i), ingresses[i].meta.namespace().to_string(), ingresses[i].meta.name().to_string());
            key(a).cmp(&key(b)).then(a.cmp(&b))
        });
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
                    rules.push(AlbRule { slot: Slot::Path { ingress: i, rule: r, path: p }, host, patterns, globs });
                }
            }
        }
        let defaults: Vec<usize> =
            members.iter().copied().filter(|&i| ingresses[i].spec.default_backend.is_some()).collect();
        if defaults.len() > 1 {
            let ids: Vec<String> = defaults.iter().map(|&i| ingresses[i].id()).collect();
            errors.push(format!("multiple ingress defined default backend: [{}]", ids.join(", ")));
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
        Group { name, explicit, members, rules, default: defaults.first().copied(), errors, index, ignored }
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
        let mut excluded = Vec::new();
        let mut keyed: Vec<((bool, String), Vec<usize>)> = Vec::new();
        for (i, ingress) in ingresses.iter().enumerate() {
            if let Err(why) = admission(cx, i) {
                excluded.push((i, why));
                continue;
            }
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
        (AwsAlb { groups, excluded, directory }, diagnostics)
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
        let mut winner = None;
        let mut routed = if group.errors.is_empty() {
            winner = group.index.first(host, path, |k| group.rules[k].matches(host, path));
            match (winner, group.default) {
                (Some(w), _) => {
                    let rule = &group.rules[w];
                    rule.slot.decided(cx, rule.describe(w + 1, rule.matching_pattern(path)))
                }
                (None, Some(i)) => Slot::Default { ingress: i }.decided(cx, DEFAULT_ACTION.to_string()),
                (None, None) => Routed::no_match(),
            }
        } else {
            Routed { outcome: Outcome::ConfigError, ..Routed::no_match() }
        };
        routed.tls = asked.sni().map(|sni| certificate(cx, group, &sni, host));
        routed.ignored_annotations = group.ignored.clone();
        Selection { routed, winner: Winner { group: Some(chosen), rule: winner } }
    }

    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Winner>) -> Vec<Entry> {
        let (host, path) = (asked.host(), asked.path());
        let mut explanation: Vec<Entry> = self
            .excluded
            .iter()
            .map(|(i, why)| {
                let id = cx.manifest.ingresses[*i].id();
                ingress_entry(
                    cx,
                    *i,
                    Verdict::Ignored,
                    Reason::OtherClass,
                    format!("Ingress {id} is ignored: it belongs to another IngressClass — {why}."),
                )
            })
            .collect();
        let Some(chosen) = selection.winner.group else {
            explanation.push(Entry::info("No admitted Ingress, so no ALB exists: nothing answers.".to_string()));
            return explanation;
        };
        let group = &self.groups[chosen];
        let mut intro = Entry::info(format!(
            "AWS ALB: every IngressGroup is one Application Load Balancer (an Ingress without {GROUP_NAME} is a group of its own). The request is sent to the ALB of {} (the oldest group for which {}); its listener rules are evaluated by priority and the first whose conditions all match wins, whatever the host.",
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
        if group.errors.is_empty() {
            explanation.extend(group.judge(cx, selection.winner.rule, host, path));
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
    fn judge(&self, cx: &Context<'_>, winner: Option<usize>, host: &str, path: &str) -> Vec<Entry> {
        let mut explanation = vec![match (winner, self.default) {
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
            explanation.push(if !rule.host_ok(host) {
                rule.slot.entry(
                    cx,
                    Verdict::Lost,
                    Reason::WrongHost,
                    format!("{shown}: host-header does not match {host}."),
                )
            } else if let Some(p) = rule.matching_pattern(path) {
                let same = won.is_some_and(|wr| wr.host == rule.host && wr.patterns == rule.patterns);
                let reason = if same { Reason::Duplicate } else { Reason::Outranked };
                let w = winner.map_or(0, |w| w + 1);
                rule.slot.entry(
                    cx,
                    Verdict::Lost,
                    reason,
                    format!("{}: matches, but rule priority {w} matched first.", rule.describe(k + 1, Some(p))),
                )
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

/// ALB certificates come from ACM, never from Secrets: the `certificate-arn` annotation, else
/// discovery of ACM certificates for the rule and tls hosts (`model_build_listener.go`
/// `computeIngressInferredTLSCertARNs`). The ALB picks the certificate by SNI and falls back to
/// the listener's default (first) certificate.
fn certificate(cx: &Context<'_>, group: &Group, sni: &str, host: &str) -> TlsDecision {
    let sni = sni.trim().trim_end_matches('.').to_ascii_lowercase();
    let ingresses = &cx.manifest.ingresses;
    let differs = if sni != host {
        format!(" The SNI name {sni} picks the certificate; the Host header {host} picks the route.")
    } else {
        String::new()
    };
    let mut decision = TlsDecision::fallback(sni.clone(), String::new());
    if let Some(&i) = group.members.iter().find(|&&i| ingresses[i].meta.annotation(CERTIFICATE_ARN).is_some()) {
        decision.ingress = Some(ingresses[i].id());
        decision.default_certificate = false;
        decision.message = format!("TLS (AWS ALB): the HTTPS listener uses the ACM certificate(s) of {CERTIFICATE_ARN} on {}; the ALB picks one by SNI (not simulated). Kubernetes Secrets are not used.{differs}", ingresses[i].id());
        return decision;
    }
    let found = group.members.iter().find_map(|&i| {
        ingresses[i].spec.tls.iter().enumerate().find_map(|(t, tls)| {
            tls.hosts
                .iter()
                .find(|h| glob_match(&h.value, &sni, false, true))
                .map(|h| (i, t, h.value.clone(), tls.span))
        })
    });
    decision.message = match found {
        Some((i, t, h, span)) => {
            decision.ingress = Some(ingresses[i].id());
            decision.entry = Some(t);
            decision.matched_host = Some(h.clone());
            decision.default_certificate = false;
            decision.span = Some(span);
            format!("TLS (AWS ALB): spec.tls[{t}] of {} lists {h}, so the controller discovers an ACM certificate for it and the ALB serves it for {sni}. The secretName is not used: the ALB never reads Kubernetes Secrets.{differs}", ingresses[i].id())
        }
        None if group.members.iter().any(|&i| !ingresses[i].spec.tls.is_empty()) => format!("TLS (AWS ALB): no tls host of the group covers {sni}; the ALB serves its listener's default certificate (clients will likely see a name mismatch).{differs}"),
        None => format!("TLS (AWS ALB): no Ingress of the group has tls hosts or {CERTIFICATE_ARN}, so the ALB has only an HTTP:80 listener (unless listen-ports says otherwise): a TLS connection is refused.{differs}"),
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
