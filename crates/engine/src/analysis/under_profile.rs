//! The findings that depend on who wins a request, under a controller profile.
//!
//! The spec profile's findings read the spec index directly (it is the spec's router). Under a
//! controller profile the winner is the controller's business: every finding here routes a
//! representative request through the profile's own router (its `select`, without explanation)
//! and judges the answer; none re-derives a winner. Each message
//! begins with the rules it follows ("under ingress-nginx: …").
//!
//! What is judged, and how:
//! - paths with the same host, path and type: the request to that host and path; the winner is
//!   named, the others "never used" — unless the answer splits the traffic with them (an
//!   ingress-nginx canary) or they sit on another entry point (GCE: one load balancer per
//!   Ingress; ALB: one per IngressGroup), where they compete for nothing;
//! - an Exact path: its one request; when another path wins it, the Exact path never wins;
//! - a TLS host no rule's host matches by the spec: the request `/` to it, under the profile
//!   (whose wildcards may cover more);
//! - several defaultBackends: a request to a host no rule names, and an unmatched path on each
//!   Ingress's own hosts.
//!
//! The spec's element-wise shadowing of Prefix paths (`/foo` and `/foo/`) is a spec rule:
//! controllers match prefixes their own ways, so it is not reported under them.

use super::{describe, object, path_warning, unrouted_tls_hosts};
use crate::controllers::{Asked, Compiled, Context, Dependencies, Routed};
use crate::decision::Outcome;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::matching::MatchKind;
use crate::model::{Ingress, Manifest};
use crate::profile::Profile;
use crate::request::Request;
use crate::router::hash::FxMap;
use crate::router::{Candidate, HostKey, Router, Slot};
use std::sync::Arc;

/// A controller profile's router, as the analysis asks it.
pub(crate) struct ProfileRouter<'a> {
    /// The profile.
    pub profile: Profile,
    /// The input and the spec router's admission.
    pub cx: Context<'a>,
    /// The compiled controller.
    pub controller: &'a dyn Compiled,
}

impl ProfileRouter<'_> {
    /// The profile's answer for one request.
    fn ask(&self, probe: &Probe) -> Routed {
        let request = Request::new(probe.host.clone(), probe.path.clone());
        self.controller.route(&self.cx, &Asked::new(&request, false), false)
    }

    /// Is the profile's answer for one request a pick among ties whose order is undefined
    /// upstream (what its explanation marks with `Reason::UndefinedOrder`)?
    fn picks_among_ties(&self, probe: &Probe) -> bool {
        let request = Request::new(probe.host.clone(), probe.path.clone());
        self.controller.picks_among_ties(&self.cx, &Asked::new(&request, false))
    }

    /// Do two Ingresses share an entry point (so that their paths compete)?
    fn compete(&self, a: usize, b: usize) -> bool {
        self.controller.entry_point(a).is_some() && self.controller.entry_point(a) == self.controller.entry_point(b)
    }

    /// `under ingress-nginx: {message}`.
    fn says(&self, message: String) -> String {
        format!("under {}: {message}", self.profile)
    }
}

/// A representative request: a host only the rule's host matches, and a path.
struct Probe {
    host: String,
    path: String,
}

impl Probe {
    /// The request to a path's own host and path (`""` is `/`).
    fn of(router: &Router, c: &Candidate) -> Probe {
        let path = if c.path.is_empty() { "/".to_string() } else { c.path.to_string() };
        Probe { host: router.probe_host(&c.key), path }
    }
}

impl std::fmt::Display for Probe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "http://{}{}", self.host, self.path)
    }
}

/// The findings on each host's paths of the last analysis under a profile, for the next analysis
/// of an edited input: a host's are reused when the Ingresses of its paths and what the
/// controller's answers for it depend on ([`Dependencies`]) are unchanged, so an edit probes only
/// the hosts it touches.
#[derive(Debug, Default)]
pub(crate) struct Reuse {
    hosts: FxMap<HostKey, (HostInputs, Vec<Diagnostic>)>,
}

/// What the findings on one host's paths are made from: the request host probed, the Ingresses
/// of its paths (index and shared value, in candidate order), and the controller's dependencies
/// for the probed host.
#[derive(Debug)]
struct HostInputs {
    probe_host: String,
    members: Vec<(usize, Arc<Ingress>)>,
    dependencies: Dependencies,
}

impl HostInputs {
    /// The inputs of the findings on the host of candidates `ids` (in id order), probed at
    /// `probe_host`, whose answers depend on `dependencies`.
    fn new(
        manifest: &Manifest,
        router: &Router,
        probe_host: String,
        dependencies: Dependencies,
        ids: &[usize],
    ) -> HostInputs {
        let mut members: Vec<(usize, Arc<Ingress>)> = Vec::new();
        for i in ingresses_of(router, ids) {
            members.push((i, manifest.ingresses[i].clone()));
        }
        HostInputs { probe_host, members, dependencies }
    }

    /// `*self == HostInputs::new(…)` for these arguments, found without copying the members
    /// (typing leaves all hosts but one as they were).
    fn is(
        &self,
        manifest: &Manifest,
        router: &Router,
        probe_host: &str,
        dependencies: &Dependencies,
        ids: &[usize],
    ) -> bool {
        let mut kept = self.members.iter();
        self.probe_host == probe_host
            && self.dependencies == *dependencies
            && ingresses_of(router, ids).all(|i| {
                kept.next().is_some_and(|(k, ingress)| *k == i && Arc::ptr_eq(ingress, &manifest.ingresses[i]))
            })
            && kept.next().is_none()
    }
}

/// The Ingresses of candidates `ids` (in id order), each once: a rule's paths are consecutive.
fn ingresses_of<'r>(router: &'r Router, ids: &'r [usize]) -> impl Iterator<Item = usize> + 'r {
    let mut last = None;
    ids.iter().map(|&id| router.candidates[id].ingress).filter(move |&i| last.replace(i) != Some(i))
}

/// Every finding of this module, reusing from `reuse` the findings on unchanged hosts. A build
/// without the controller profiles has no router to ask: it judges nothing (its decisions already
/// say the profile is not built in).
pub(crate) fn findings(
    manifest: &Manifest,
    router: &Router,
    judge: &ProfileRouter<'_>,
    reuse: &mut Reuse,
    out: &mut Vec<Diagnostic>,
) {
    if !cfg!(feature = "controllers") {
        return;
    }
    let hosts = candidates_by_host(router);
    for (key, ids) in &hosts {
        let probe_host = router.probe_host(key);
        let dependencies = judge.controller.dependencies(&probe_host);
        let judged = || {
            let mut found = Vec::new();
            let reported = duplicate_paths(manifest, router, judge, ids, &mut found);
            exact_paths(manifest, router, judge, ids, &reported, &mut found);
            found
        };
        match (dependencies, reuse.hosts.get_mut(*key)) {
            (Some(dependencies), Some((before, found))) => {
                if !before.is(manifest, router, &probe_host, &dependencies, ids) {
                    *before = HostInputs::new(manifest, router, probe_host, dependencies, ids);
                    *found = judged();
                }
                out.extend(found.iter().cloned());
            }
            (Some(dependencies), None) => {
                let found = judged();
                out.extend(found.iter().cloned());
                let inputs = HostInputs::new(manifest, router, probe_host, dependencies, ids);
                reuse.hosts.insert((*key).clone(), (inputs, found));
            }
            (None, _) => {
                reuse.hosts.remove(*key);
                out.extend(judged());
            }
        }
    }
    // Forget the hosts the input no longer has.
    if reuse.hosts.len() > hosts.len() {
        let keys: FxMap<&HostKey, ()> = hosts.iter().map(|(key, _)| (*key, ())).collect();
        reuse.hosts.retain(|key, _| keys.contains_key(key));
    }
    tls_hosts(manifest, router, judge, out);
    default_backends(manifest, router, judge, out);
}

/// The candidates of each host key, in id order (hosts in order of their first candidate).
fn candidates_by_host(router: &Router) -> Vec<(&HostKey, Vec<usize>)> {
    let mut index: FxMap<&HostKey, usize> = FxMap::default();
    let mut hosts: Vec<(&HostKey, Vec<usize>)> = Vec::new();
    // A rule's paths are consecutive candidates: the host is looked up once per run of them.
    let mut last: Option<(&HostKey, usize)> = None;
    for (id, c) in router.candidates.iter().enumerate() {
        let h = match last {
            Some((key, h)) if *key == c.key => h,
            _ => *index.entry(&c.key).or_insert_with(|| {
                hosts.push((&c.key, Vec::new()));
                hosts.len() - 1
            }),
        };
        last = Some((&c.key, h));
        hosts[h].1.push(id);
    }
    hosts
}

/// The candidate the profile's answer names (its Ingress, rule and path), if it is one.
fn winner(router: &Router, routed: &Routed) -> Option<usize> {
    let (i, r, p) = (routed.ingress?, routed.rule?, routed.path_index?);
    match router.slot(i, r, p)? {
        Slot::Candidate(id) => Some(id as usize),
        Slot::Unroutable(_) => None,
    }
}

/// True when the answer splits the traffic with Ingress `i` (an ingress-nginx canary).
fn splits_with(manifest: &Manifest, routed: &Routed, i: usize) -> bool {
    let id = manifest.ingresses[i].id();
    routed.split.iter().any(|b| b.canary && b.ingress == id)
}

/// Paths of one host (`ids`) with the same path and type, in candidate order; returns the
/// candidates reported.
fn duplicate_paths(
    manifest: &Manifest,
    router: &Router,
    judge: &ProfileRouter<'_>,
    ids: &[usize],
    out: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut reported = Vec::new();
    let mut index: FxMap<(&str, u8), usize> = FxMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &id in ids {
        let c = &router.candidates[id];
        let g = *index.entry((&*c.path, c.path_type as u8)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(id);
    }
    for members in groups.iter().filter(|m| m.len() > 1) {
        let probe = Probe::of(router, &router.candidates[members[0]]);
        let routed = judge.ask(&probe);
        let Some(w) = winner(router, &routed).filter(|w| members.contains(w)) else {
            continue;
        };
        let won = &router.candidates[w];
        let mut undefined = None;
        for &id in members.iter().filter(|&&id| id != w) {
            let c = &router.candidates[id];
            if splits_with(manifest, &routed, c.ingress) || !judge.compete(c.ingress, won.ingress) {
                continue;
            }
            reported.push(id);
            let (this, other) = (describe(c, manifest), describe(won, manifest));
            let message = judge.says(if *undefined.get_or_insert_with(|| judge.picks_among_ties(&probe)) {
                format!("{this} is defined twice; which one answers is undefined (simulated: {other} answers {probe} and this one is never used)")
            } else {
                format!("{this} is defined twice; {other} answers {probe} and this one is never used")
            });
            out.push(path_warning(manifest, c, Code::DuplicatePath, message));
        }
    }
    reported
}

/// An Exact path of one host (`ids`) matches one request: when the profile sends it elsewhere,
/// the path never wins.
fn exact_paths(
    manifest: &Manifest,
    router: &Router,
    judge: &ProfileRouter<'_>,
    ids: &[usize],
    reported: &[usize],
    out: &mut Vec<Diagnostic>,
) {
    for &id in ids {
        let c = &router.candidates[id];
        if c.kind != MatchKind::Exact || c.path_type != crate::model::PathType::Exact || reported.contains(&id) {
            continue;
        }
        let probe = Probe::of(router, c);
        let routed = judge.ask(&probe);
        let Some(w) = winner(router, &routed).filter(|&w| w != id) else { continue };
        let won = &router.candidates[w];
        if splits_with(manifest, &routed, c.ingress) || !judge.compete(c.ingress, won.ingress) {
            continue;
        }
        let message = judge.says(format!(
            "{} can never win: its one request {probe} goes to {}",
            describe(c, manifest),
            describe(won, manifest)
        ));
        out.push(path_warning(manifest, c, Code::ShadowedPath, message));
    }
}

/// What a request that found no rule got, in words.
fn fallback(manifest: &Manifest, routed: &Routed) -> String {
    match (routed.outcome, routed.ingress) {
        (Outcome::DefaultBackend, Some(i)) => format!("the defaultBackend of Ingress {}", manifest.ingresses[i].id()),
        (Outcome::ControllerAnswer, _) => {
            routed.status.map_or_else(|| "a closed connection".to_string(), |s| format!("the controller's own {s}"))
        }
        _ => "the controller's 404".to_string(),
    }
}

/// TLS hosts no rule's host matches by the spec, unless the profile routes them to a rule.
fn tls_hosts(manifest: &Manifest, router: &Router, judge: &ProfileRouter<'_>, out: &mut Vec<Diagnostic>) {
    for host in unrouted_tls_hosts(manifest, router) {
        let name = host.value.value.to_ascii_lowercase();
        let key = match name.strip_prefix("*.") {
            Some(domain) => HostKey::Wildcard(domain.into()),
            None => HostKey::Precise(name.as_str().into()),
        };
        let probe = Probe { host: router.probe_host(&key), path: "/".to_string() };
        let routed = judge.ask(&probe);
        if matches!(routed.outcome, Outcome::Rule | Outcome::Redirect) {
            continue;
        }
        let message = judge.says(format!(
            "TLS host {} has no rule: a client gets the certificate, then {probe} gets {}",
            host.value.value,
            fallback(manifest, &routed)
        ));
        out.push(host.diagnostic(manifest, message));
    }
}

/// A path no rule of any Ingress is likely to have, to reach a default backend.
const UNMATCHED_PATH: &str = "/.ingress-sim-unmatched";

/// Several defaultBackends: which one answers unknown hosts, and whether each other one answers
/// anything (the unmatched paths of its own hosts).
fn default_backends(manifest: &Manifest, router: &Router, judge: &ProfileRouter<'_>, out: &mut Vec<Diagnostic>) {
    if router.default_backends.len() < 2 {
        return;
    }
    let unknown = Probe { host: router.probe_host(&HostKey::Any), path: "/".to_string() };
    let routed = judge.ask(&unknown);
    let global = routed.ingress.filter(|_| routed.outcome == Outcome::DefaultBackend);
    // On its own load balancer (GCE, an ALB without a group) a defaultBackend competes with none.
    let competes = |i: usize| global.is_none_or(|g| judge.compete(i, g));
    for &i in router.default_backends.iter().filter(|&&i| Some(i) != global && competes(i)) {
        let ingress = &manifest.ingresses[i];
        let answers_own_hosts = ingress.spec.rules.iter().filter(|r| !r.host().is_empty()).any(|rule| {
            let probe = Probe { host: rule.host().to_ascii_lowercase(), path: UNMATCHED_PATH.to_string() };
            let own = judge.ask(&probe);
            own.outcome == Outcome::DefaultBackend && own.ingress == Some(i)
        });
        let others = match global {
            Some(g) => format!("Ingress {}'s answers requests to hosts no rule names", manifest.ingresses[g].id()),
            None => format!("a request to a host no rule names ({unknown}) gets the controller's 404"),
        };
        let message = if answers_own_hosts {
            judge.says(format!("this defaultBackend answers only unmatched paths of this Ingress's hosts; {others}"))
        } else {
            judge.says(format!(
                "this defaultBackend is never used: {others}, and an unmatched path on this Ingress's hosts does not reach it either"
            ))
        };
        let span = ingress.spec.default_backend.as_ref().map(|b| b.span);
        out.push(
            Diagnostic::new(Severity::Notice, Code::DefaultBackendConflict, message)
                .at_opt(span)
                .on(object(manifest, i)),
        );
    }
}
