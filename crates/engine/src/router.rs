//! Compiling admitted Ingresses into an index, and looking requests up in it.
//!
//! The index answers a request in time proportional to the number of path elements of the
//! request, not to the number of rules: one hash lookup for the host tier, one for an Exact path,
//! one per element in the Prefix trie. `explain` walks every candidate instead, with the same
//! predicates ([`crate::matching`]), to say why each one lost.

pub(crate) mod explain;
pub(crate) mod hash;
mod index;

use crate::class::Admission;
use crate::decision::{BackendRef, Outcome};
use crate::matching::{HostTier, MatchKind};
use crate::model::{Ingress, Manifest, PathType};
use crate::profile::Profile;
use crate::source::Span;
use hash::FxMap;
use index::HostPaths;
use std::sync::Arc;

/// The total order of candidates: a smaller value wins. Longest path first (docs: "longest
/// matching path"), then Exact before Prefix before ImplementationSpecific (docs: Exact wins a
/// tie), then the Ingress rank (oldest creationTimestamp, then namespace/name, then input order),
/// then the rule and path index inside the Ingress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Priority {
    neg_len: std::cmp::Reverse<usize>,
    type_rank: u8,
    ingress_rank: u32,
    rule: u32,
    path: u32,
}

/// Where a rule host lives in the index: lower-cased, wildcards by their domain.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum HostKey {
    /// `foo.bar.com`.
    Precise(Arc<str>),
    /// `*.bar.com`, keyed by `bar.com`.
    Wildcard(Arc<str>),
    /// No host.
    Any,
}

impl HostKey {
    fn of(rule_host: &str) -> HostKey {
        let key = rule_host.to_ascii_lowercase();
        if key.is_empty() {
            HostKey::Any
        } else if let Some(domain) = key.strip_prefix("*.") {
            HostKey::Wildcard(domain.into())
        } else {
            HostKey::Precise(key.into())
        }
    }
}

/// A routable path of an admitted Ingress.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// Index in `Router::candidates`.
    pub id: u32,
    pub ingress: usize,
    pub rule: usize,
    pub path_index: usize,
    /// The rule host as written (`""` for none), shared by the rule's paths.
    pub host: Arc<str>,
    /// The rule host's place in the index.
    pub key: HostKey,
    /// The path as written (shared with the next build's copy while its Ingress is unchanged).
    pub path: Arc<str>,
    pub path_type: PathType,
    pub kind: MatchKind,
    pub priority: Priority,
    pub backend: Option<Arc<BackendRef>>,
    pub span: Span,
}

/// The lookup structures of the last build, per host key, for [`Router::build_reusing`].
#[derive(Debug, Default)]
pub(crate) struct IndexCache {
    entries: FxMap<HostKey, Arc<HostPaths>>,
    /// The ranks of the last build.
    ranks: ByAge<Vec<Option<u32>>>,
    /// Per manifest Ingress: what its rules compiled to in the last build.
    ingresses: Vec<Option<IngressPaths>>,
}

/// What one admitted Ingress's rules compile to, whatever the other Ingresses: its candidates
/// (numbered from 0 within the Ingress), the paths that cannot be routed, and each written path's
/// slot among them. Kept with the Ingress (weakly: the same allocation alive is the same value,
/// see [`Aged`]) and its rank, so that typing in one document compiles only its Ingress again.
#[derive(Debug)]
struct IngressPaths {
    ingress: std::sync::Weak<Ingress>,
    rank: u32,
    /// Per rule: its host as written and its place in the index.
    rules: Vec<(Arc<str>, HostKey)>,
    candidates: Vec<Candidate>,
    unroutable: Vec<Unroutable>,
    /// `(rule, path index)` → its slot, in the order the paths are written.
    slots: Vec<((u32, u32), Slot)>,
}

impl IngressPaths {
    /// Compiles the rules of Ingress `i` at `rank`.
    fn compile(i: usize, ingress: &Arc<Ingress>, rank: u32) -> IngressPaths {
        let mut paths = IngressPaths {
            ingress: Arc::downgrade(ingress),
            rank,
            rules: Vec::with_capacity(ingress.spec.rules.len()),
            candidates: Vec::new(),
            unroutable: Vec::new(),
            slots: Vec::new(),
        };
        for (r, rule) in ingress.spec.rules.iter().enumerate() {
            let host: Arc<str> = rule.host().into();
            let key = HostKey::of(&host);
            paths.rules.push((host.clone(), key.clone()));
            let Some(http) = &rule.http else { continue };
            for (p, path) in http.paths.iter().enumerate() {
                let place = (r as u32, p as u32);
                let Some(path_type) = path.path_type() else {
                    let reason = match &path.path_type {
                        None => "its pathType is missing (required since networking.k8s.io/v1)".to_string(),
                        Some(t) => format!("its pathType {:?} is not Exact, Prefix or ImplementationSpecific", t.value),
                    };
                    paths.slots.push((place, Slot::Unroutable(paths.unroutable.len() as u32)));
                    paths.unroutable.push(Unroutable { reason });
                    continue;
                };
                let text = path.path();
                if !text.is_empty() && !text.starts_with('/')
                    || text.is_empty() && path_type != PathType::ImplementationSpecific
                {
                    let reason = format!("its path {text:?} is not absolute (it must start with /)");
                    paths.slots.push((place, Slot::Unroutable(paths.unroutable.len() as u32)));
                    paths.unroutable.push(Unroutable { reason });
                    continue;
                }
                let id = paths.candidates.len() as u32;
                paths.slots.push((place, Slot::Candidate(id)));
                paths.candidates.push(Candidate {
                    id,
                    ingress: i,
                    rule: r,
                    path_index: p,
                    host: host.clone(),
                    key: key.clone(),
                    path: text.into(),
                    path_type,
                    kind: Profile::Spec.match_kind(path_type),
                    priority: Priority {
                        neg_len: std::cmp::Reverse(text.len()),
                        type_rank: type_rank(path_type),
                        ingress_rank: rank,
                        rule: r as u32,
                        path: p as u32,
                    },
                    backend: path.backend.as_ref().and_then(BackendRef::from_model).map(Arc::new),
                    span: path.span,
                });
            }
        }
        paths
    }

    /// Is this what Ingress `ingress` at `rank` compiles to?
    fn is_for(&self, ingress: &Arc<Ingress>, rank: u32) -> bool {
        self.rank == rank && std::ptr::eq(self.ingress.as_ptr(), Arc::as_ptr(ingress))
    }
}

/// Something computed from the Ingresses' ages and names alone (an order by age), kept with what
/// it was computed from: an edit that changes no Ingress's admission, creationTimestamp,
/// namespace or name (nor their number) keeps it, so typing does not sort every Ingress again.
#[derive(Debug, Default)]
pub(crate) struct ByAge<T> {
    /// Per manifest Ingress: what its place in the order depends on.
    ingresses: Vec<Aged>,
    value: T,
}

/// One Ingress as [`ByAge`] saw it: held weakly (a strong hold would make the
/// [`crate::DocumentCache`] copy every Ingress it moves to other lines), so unchanged while the
/// same allocation is still in use, and its age key for the Ingresses that are not.
#[derive(Debug)]
struct Aged {
    ingress: std::sync::Weak<Ingress>,
    admitted: bool,
    /// creationTimestamp, namespace, name.
    key: (Option<String>, String, String),
}

impl Aged {
    fn of(ingress: &Arc<Ingress>, admitted: bool) -> Aged {
        let meta = &ingress.meta;
        let stamp = meta.creation_timestamp.as_ref().map(|t| t.value.clone());
        let key = (stamp, meta.namespace().to_string(), meta.name().to_string());
        Aged { ingress: Arc::downgrade(ingress), admitted, key }
    }

    /// Is this the same allocation as `ingress` (alive, so its value is unchanged)?
    fn is(&self, ingress: &Arc<Ingress>) -> bool {
        std::ptr::eq(self.ingress.as_ptr(), Arc::as_ptr(ingress))
    }
}

impl<T: Clone> ByAge<T> {
    /// The value for these Ingresses: the one kept, or `compute()`'s.
    pub(crate) fn get(
        &mut self,
        ingresses: &[Arc<Ingress>],
        admitted: impl Fn(usize) -> bool,
        compute: impl FnOnce() -> T,
    ) -> T {
        let mut unchanged = self.ingresses.len() == ingresses.len();
        self.ingresses.truncate(ingresses.len());
        for (i, ingress) in ingresses.iter().enumerate() {
            let admitted = admitted(i);
            match self.ingresses.get_mut(i) {
                Some(seen) if seen.is(ingress) && seen.admitted == admitted => {}
                Some(seen) => {
                    let now = Aged::of(ingress, admitted);
                    unchanged &= now.admitted == seen.admitted && now.key == seen.key;
                    *seen = now;
                }
                None => self.ingresses.push(Aged::of(ingress, admitted)),
            }
        }
        if !unchanged {
            self.value = compute();
        }
        self.value.clone()
    }
}

/// A path that cannot take part in routing, and why.
#[derive(Clone, Debug)]
pub(crate) struct Unroutable {
    pub reason: String,
}

/// The compiled routing table of one simulation.
#[derive(Debug)]
pub struct Router {
    pub(crate) candidates: Vec<Candidate>,
    precise: FxMap<Arc<str>, Arc<HostPaths>>,
    wildcard: FxMap<Arc<str>, Arc<HostPaths>>,
    any: Option<Arc<HostPaths>>,
    /// Per manifest Ingress: its rank among admitted Ingresses (0 = oldest), `None` if not admitted.
    pub(crate) rank: Vec<Option<u32>>,
    /// Per manifest Ingress: why it was not admitted.
    pub(crate) admission: Vec<Admission>,
    /// Admitted Ingresses with a defaultBackend, best rank first.
    pub(crate) default_backends: Vec<usize>,
    pub(crate) unroutable: Vec<Unroutable>,
    /// `(ingress, rule, path index)` → what became of that path.
    slots: FxMap<(u32, u32, u32), Slot>,
}

/// What compiling made of one written path.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot {
    /// An index into `candidates`.
    Candidate(u32),
    /// An index into `unroutable`.
    Unroutable(u32),
}

/// What a [`Lookup`] found, without the borrow: kept by the spec profile's selection so that its
/// explanation judges every candidate against the same winner.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Found {
    outcome: Option<Outcome>,
    candidate: Option<u32>,
    default_ingress: Option<usize>,
    tier: Option<HostTier>,
}

/// Where a request lands, without explanation (the fast path).
#[derive(Clone, Copy, Debug)]
pub struct Lookup<'r> {
    /// The outcome.
    pub outcome: Outcome,
    pub(crate) candidate: Option<&'r Candidate>,
    /// The Ingress whose defaultBackend answers, for [`Outcome::DefaultBackend`].
    pub(crate) default_ingress: Option<usize>,
    /// The host tier that was chosen, if any rule's host matched.
    pub(crate) tier: Option<HostTier>,
}

impl<'r> Lookup<'r> {
    /// The backend that gets the request, as `service:port` or `resource:Kind/name`.
    pub fn backend(&self, manifest: &Manifest) -> Option<BackendRef> {
        match (self.candidate, self.default_ingress) {
            (Some(c), _) => c.backend.as_deref().cloned(),
            (None, Some(i)) => manifest.ingresses[i].spec.default_backend.as_ref().and_then(BackendRef::from_model),
            _ => None,
        }
    }

    /// The index of the answering Ingress in the manifest.
    pub fn ingress(&self) -> Option<usize> {
        self.candidate.map(|c| c.ingress).or(self.default_ingress)
    }

    /// `(ingress, rule, path index)` of the winning path.
    pub fn path_position(&self) -> Option<(usize, usize, usize)> {
        self.candidate.map(|c| (c.ingress, c.rule, c.path_index))
    }

    /// What was found, without the borrow ([`Router::found`] gives it back).
    pub(crate) fn found(&self) -> Found {
        Found {
            outcome: Some(self.outcome),
            candidate: self.candidate.map(|c| c.id),
            default_ingress: self.default_ingress,
            tier: self.tier,
        }
    }
}

fn type_rank(t: PathType) -> u8 {
    match t {
        PathType::Exact => 0,
        PathType::Prefix => 1,
        PathType::ImplementationSpecific => 2,
    }
}

/// Ranks Ingresses: oldest creationTimestamp first (an Ingress without one counts as newest: it
/// has not been created yet), then `namespace/name`, then input order.
fn rank_ingresses(ingresses: &[std::sync::Arc<Ingress>], admitted: &[bool]) -> Vec<Option<u32>> {
    let mut order: Vec<usize> = (0..ingresses.len()).filter(|&i| admitted[i]).collect();
    // Keys are unique (the index is part of them), so the order is total; computing each key
    // once matters with tens of thousands of Ingresses.
    crate::order::sort_by_key(&mut order, |&i| {
        let ts = ingresses[i].meta.creation_timestamp.as_ref().map(|t| t.value.as_str());
        (ts.is_none(), ts, ingresses[i].meta.namespace(), ingresses[i].meta.name(), i)
    });
    let mut rank = vec![None; ingresses.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = Some(r as u32);
    }
    rank
}

impl Router {
    /// Chooses the class (R1) and compiles the Ingresses the spec admits (for benches).
    pub fn build(manifest: &Manifest, options: &crate::Options) -> (crate::class::ClassChoice, Router) {
        Router::build_reusing(manifest, options, &mut IndexCache::default())
    }

    /// How many routable paths were compiled.
    pub fn path_count(&self) -> usize {
        self.candidates.len()
    }

    /// Routes a host and path without explanation (R2 normalisation included): the bare index,
    /// for the benches.
    pub fn route_fast(&self, manifest: &Manifest, request: &crate::Request) -> Lookup<'_> {
        let normalized = request.normalize(false);
        self.lookup(manifest, &normalized.host, normalized.path)
    }

    /// Like [`Router::build`], but reuses from `cache` the lookup structures of every host whose
    /// paths (and their ids and precedence) are unchanged since the cache last saw them, and
    /// leaves this build's structures in `cache`. The router is identical to [`Router::build`]'s.
    pub(crate) fn build_reusing(
        manifest: &Manifest,
        options: &crate::Options,
        cache: &mut IndexCache,
    ) -> (crate::class::ClassChoice, Router) {
        let choice = crate::class::choose_class(manifest, options.class.as_deref());
        let admission = crate::class::admission(Profile::Spec, manifest, &choice);
        (choice, Router::compile_reusing(manifest, admission, cache))
    }

    /// Compiles the admitted Ingresses of a manifest.
    pub(crate) fn compile(manifest: &Manifest, admission: Vec<Admission>) -> Router {
        Router::compile_reusing(manifest, admission, &mut IndexCache::default())
    }

    /// [`Router::compile`], reusing and refreshing `cache` (see [`Router::build_reusing`]).
    fn compile_reusing(manifest: &Manifest, admission: Vec<Admission>, cache: &mut IndexCache) -> Router {
        let admitted: Vec<bool> = admission.iter().map(|a| *a == Admission::Admitted).collect();
        let ingresses = &manifest.ingresses;
        let rank = cache.ranks.get(ingresses, |i| admitted[i], || rank_ingresses(ingresses, &admitted));
        let mut router = Router {
            candidates: Vec::new(),
            precise: FxMap::default(),
            wildcard: FxMap::default(),
            any: None,
            rank,
            admission,
            default_backends: Vec::new(),
            unroutable: Vec::new(),
            slots: FxMap::default(),
        };
        // The admitted Ingresses best rank first: ranks number them 0, 1, 2…
        let mut by_rank: Vec<usize> = vec![0; router.rank.iter().flatten().count()];
        for (i, rank) in router.rank.iter().enumerate() {
            if let Some(rank) = rank {
                by_rank[*rank as usize] = i;
            }
        }
        // Per host key, in order of first appearance: the Ingresses with a rule for it (best rank
        // first) and the candidates filed under it (in id order).
        let mut keys: FxMap<HostKey, usize> = FxMap::default();
        let mut groups: Vec<(HostKey, Vec<usize>, Vec<u32>)> = Vec::new();
        // Sized up front: tens of thousands of paths otherwise rehash and regrow many times.
        let admitted_rules = || by_rank.iter().flat_map(|&i| &manifest.ingresses[i].spec.rules);
        let paths = admitted_rules().map(|r| r.http.as_ref().map_or(0, |h| h.paths.len())).sum();
        router.candidates.reserve(paths);
        router.slots.reserve(paths);
        keys.reserve(admitted_rules().count());
        cache.ingresses.resize_with(ingresses.len(), || None);
        // Per rule of the Ingress being added: its host key's group.
        let mut rule_groups = Vec::new();
        for &i in &by_rank {
            let ingress = &ingresses[i];
            let rank = router.rank[i].unwrap_or(u32::MAX);
            let kept = &mut cache.ingresses[i];
            let paths = match kept {
                Some(paths) if paths.is_for(ingress, rank) => paths,
                _ => kept.insert(IngressPaths::compile(i, ingress, rank)),
            };
            router.add_ingress(i, paths, &mut keys, &mut groups, &mut rule_groups);
        }
        router.default_backends =
            by_rank.iter().copied().filter(|&i| manifest.ingresses[i].spec.default_backend.is_some()).collect();
        // The kept entries stay in their map (moving a thousand into a new one cost more than
        // the few rebuilt); the hosts the input no longer has are dropped after.
        for (key, ingresses, members) in groups {
            let candidates = &router.candidates;
            let paths = match cache.entries.get_mut(&key) {
                Some(kept) if kept.same_as(&ingresses, &members, candidates) => kept.clone(),
                kept => {
                    let better = |a: u32, b: u32| candidates[a as usize].priority < candidates[b as usize].priority;
                    let paths = Arc::new(HostPaths::build(ingresses, members, candidates, better));
                    match kept {
                        Some(kept) => *kept = paths.clone(),
                        None => {
                            cache.entries.insert(key.clone(), paths.clone());
                        }
                    }
                    paths
                }
            };
            match key {
                HostKey::Any => router.any = Some(paths),
                HostKey::Wildcard(domain) => {
                    router.wildcard.insert(domain, paths);
                }
                HostKey::Precise(host) => {
                    router.precise.insert(host, paths);
                }
            }
        }
        // Every host of this build has its entry: more entries means hosts the input lost.
        if cache.entries.len() > keys.len() {
            cache.entries.retain(|key, _| keys.contains_key(key));
        }
        router
    }

    fn entry(&self, key: &HostKey) -> Option<&HostPaths> {
        match key {
            HostKey::Any => self.any.as_deref(),
            HostKey::Wildcard(domain) => self.wildcard.get(domain).map(|e| &**e),
            HostKey::Precise(host) => self.precise.get(host).map(|e| &**e),
        }
    }

    /// Adds the candidates, unroutable paths and slots of Ingress `i`, compiled as `paths`, and
    /// files its rules under their host keys.
    fn add_ingress(
        &mut self,
        i: usize,
        paths: &IngressPaths,
        keys: &mut FxMap<HostKey, usize>,
        groups: &mut Vec<(HostKey, Vec<usize>, Vec<u32>)>,
        rule_groups: &mut Vec<usize>,
    ) {
        let (first_id, first_unroutable) = (self.candidates.len() as u32, self.unroutable.len() as u32);
        rule_groups.clear();
        for (_, key) in &paths.rules {
            let group = *keys.entry(key.clone()).or_insert_with(|| {
                groups.push((key.clone(), Vec::new(), Vec::new()));
                groups.len() - 1
            });
            let entry = &mut groups[group];
            if !entry.1.contains(&i) {
                entry.1.push(i);
            }
            rule_groups.push(group);
        }
        for c in &paths.candidates {
            let id = first_id + c.id;
            groups[rule_groups[c.rule]].2.push(id);
            self.candidates.push(Candidate { id, ..c.clone() });
        }
        self.unroutable.extend(paths.unroutable.iter().cloned());
        for &((r, p), slot) in &paths.slots {
            let slot = match slot {
                Slot::Candidate(id) => Slot::Candidate(first_id + id),
                Slot::Unroutable(n) => Slot::Unroutable(first_unroutable + n),
            };
            self.slots.insert((i as u32, r, p), slot);
        }
    }

    /// The host entry for a normalised request host, and its tier: a precise rule for the host,
    /// else a wildcard covering its first label, else the host-less rules.
    fn tier(&self, host: &str) -> Option<(HostTier, &HostPaths)> {
        if let Some(e) = self.precise.get(host) {
            return Some((HostTier::Precise, e));
        }
        if let Some((label, domain)) = host.split_once('.') {
            if !label.is_empty() {
                if let Some(e) = self.wildcard.get(domain) {
                    return Some((HostTier::Wildcard, e));
                }
            }
        }
        self.any.as_deref().map(|e| (HostTier::Any, e))
    }

    /// Routes a normalised host and path.
    pub(crate) fn lookup(&self, manifest: &Manifest, host: &str, path: &str) -> Lookup<'_> {
        let better = |a: u32, b: u32| self.candidates[a as usize].priority < self.candidates[b as usize].priority;
        let tier = self.tier(host);
        if let Some((t, entry)) = tier {
            if let Some(id) = entry.lookup(path, better) {
                return Lookup {
                    outcome: Outcome::Rule,
                    candidate: Some(&self.candidates[id as usize]),
                    default_ingress: None,
                    tier: Some(t),
                };
            }
        }
        let default_ingress = self.default_for(manifest, tier.map(|(_, e)| e));
        Lookup {
            outcome: if default_ingress.is_some() { Outcome::DefaultBackend } else { Outcome::NoMatch },
            candidate: None,
            default_ingress,
            tier: tier.map(|(t, _)| t),
        }
    }

    /// D1: among the Ingresses with rules for the matched host, the best-ranked one with a
    /// defaultBackend; D2: otherwise the best-ranked admitted Ingress with one.
    fn default_for(&self, manifest: &Manifest, entry: Option<&HostPaths>) -> Option<usize> {
        entry
            .and_then(|e| e.ingresses.iter().copied().find(|&i| manifest.ingresses[i].spec.default_backend.is_some()))
            .or_else(|| self.default_backends.first().copied())
    }

    /// The lookup that found `found`.
    pub(crate) fn found<'r>(&'r self, found: Found) -> Lookup<'r> {
        Lookup {
            outcome: found.outcome.unwrap_or(Outcome::NoMatch),
            candidate: found.candidate.and_then(|id| self.candidates.get(id as usize)),
            default_ingress: found.default_ingress,
            tier: found.tier,
        }
    }

    /// The per-Ingress admission this index was compiled with.
    pub(crate) fn admission(&self) -> &[Admission] {
        &self.admission
    }

    /// What became of a written path.
    pub(crate) fn slot(&self, ingress: usize, rule: usize, path_index: usize) -> Option<Slot> {
        self.slots.get(&(ingress as u32, rule as u32, path_index as u32)).copied()
    }

    /// True when the Ingress takes part in this simulation.
    pub(crate) fn is_admitted(&self, ingress: usize) -> bool {
        self.rank[ingress].is_some()
    }

    /// Every host key with rules: `(host as a rule writes it, ingress indices)`.
    pub(crate) fn host_keys(&self) -> impl Iterator<Item = (String, &[usize])> {
        self.precise
            .iter()
            .map(|(h, e)| (h.to_string(), e.ingresses.as_slice()))
            .chain(self.wildcard.iter().map(|(d, e)| (format!("*.{d}"), e.ingresses.as_slice())))
            .chain(self.any.iter().map(|e| (String::new(), e.ingresses.as_slice())))
    }

    /// A request host that only the rules of `key` match: the host itself, a label under a
    /// wildcard's domain that no rule names exactly, or a `.invalid` name (RFC 2606) no rule
    /// names, for a rule without host. The static analysis routes such a request to learn who
    /// wins it under a profile.
    pub(crate) fn probe_host(&self, key: &HostKey) -> String {
        let free = |host: &String| !self.precise.contains_key(host.as_str());
        let named = |domain: &str| {
            (1..)
                .map(|n: u32| if n == 1 { format!("probe.{domain}") } else { format!("probe-{n}.{domain}") })
                .find(free)
        };
        match key {
            HostKey::Precise(host) => host.to_string(),
            HostKey::Wildcard(domain) => named(domain).unwrap_or_default(),
            HostKey::Any => named("ingress-sim.invalid").unwrap_or_default(),
        }
    }

    /// Routes `path` under exactly the host key of a rule (for static analysis).
    pub(crate) fn lookup_in_host(&self, key: &HostKey, path: &str) -> Option<&Candidate> {
        let better = |a: u32, b: u32| self.candidates[a as usize].priority < self.candidates[b as usize].priority;
        self.entry(key).and_then(|e| e.lookup(path, better)).map(|id| &self.candidates[id as usize])
    }
}
