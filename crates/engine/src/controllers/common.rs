//! What every controller module needs: the admitted paths in manifest order, Ingresses by age,
//! explanation entries that point at the input, and the list of annotations a profile ignores.

use super::Context;
use crate::class::Admission;
use crate::decision::{BackendRef, Entry, IgnoredAnnotation, Reason, Verdict};
use crate::model::{HttpPath, Ingress, PathType, Rule};
use crate::router::hash::FxMap;

/// One `spec.rules[rule].http.paths[path_index]` of an admitted Ingress.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PathRef<'a> {
    /// Index of the rule.
    pub rule: usize,
    /// Index of the path in the rule.
    pub path_index: usize,
    /// The Ingress.
    pub object: &'a Ingress,
    /// The rule.
    pub rule_value: &'a Rule,
    /// The path.
    pub path_value: &'a HttpPath,
}

impl<'a> PathRef<'a> {
    /// `spec.rules[rule].http.paths[path_index]` of the manifest's Ingress `ingress`, if it exists.
    pub fn find(cx: &Context<'a>, ingress: usize, rule: usize, path_index: usize) -> Option<PathRef<'a>> {
        let object = &**cx.manifest.ingresses.get(ingress)?;
        let rule_value = object.spec.rules.get(rule)?;
        let path_value = rule_value.http.as_ref()?.paths.get(path_index)?;
        Some(PathRef { rule, path_index, object, rule_value, path_value })
    }

    /// The rule's host, lower-case as validation requires (`""`: no host).
    pub fn host(&self) -> &'a str {
        self.rule_value.host()
    }

    /// The path as written (`""` stays `""`).
    pub fn path(&self) -> &'a str {
        self.path_value.path()
    }

    /// The path type, when it is one of the three.
    pub fn path_type(&self) -> Option<PathType> {
        self.path_value.path_type()
    }

    /// The backend, when it denotes one.
    pub fn backend(&self) -> Option<BackendRef> {
        self.path_value.backend.as_ref().and_then(BackendRef::from_model)
    }

    /// An explanation entry for this path.
    pub fn entry(&self, verdict: Verdict, reason: Reason, message: impl Into<String>) -> Entry {
        let mut e = Entry::info(message);
        e.verdict = verdict;
        e.reason = reason;
        e.ingress = Some(self.object.id());
        e.rule = Some(self.rule);
        e.path_index = Some(self.path_index);
        e.host = Some(self.host().to_string());
        e.path = Some(self.path().to_string());
        e.path_type = self.path_type();
        e.backend = self.backend();
        e.span = Some(self.path_value.span);
        e
    }
}

/// How two Ingresses with the same `creationTimestamp` are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TieBreak {
    /// `namespace/name` ascending.
    NameAscending,
    /// `namespace/name` descending (ingress-nginx `sortIngressSlice`: `in > jn`).
    NameDescending,
}

/// Admitted Ingresses, oldest `creationTimestamp` first (RFC 3339 strings in UTC compare as
/// text; a missing timestamp sorts last), ties by `namespace/name` as the controller orders them.
pub(crate) fn by_age(cx: &Context<'_>, tie: TieBreak) -> Vec<usize> {
    let ingresses = &cx.manifest.ingresses;
    let mut order: Vec<usize> = (0..ingresses.len()).filter(|&i| cx.admitted(i)).collect();
    crate::order::sort_by(&mut order, |&a, &b| {
        let stamp = |i: usize| ingresses[i].meta.creation_timestamp.as_ref().map(|t| t.value.as_str());
        let by_stamp = (stamp(a).is_none(), stamp(a)).cmp(&(stamp(b).is_none(), stamp(b)));
        let name = |i: usize| (ingresses[i].meta.namespace(), ingresses[i].meta.name());
        let by_name = match tie {
            TieBreak::NameAscending => name(a).cmp(&name(b)),
            TieBreak::NameDescending => name(b).cmp(&name(a)),
        };
        by_stamp.then(by_name).then(a.cmp(&b))
    });
    order
}

/// Entries for the Ingresses the simulated class leaves out ("ignored: other class").
pub(crate) fn other_class_entries(cx: &Context<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for (i, ingress) in cx.manifest.ingresses.iter().enumerate() {
        if let Admission::OtherClass(why) = &cx.spec.admission[i] {
            let id = ingress.id();
            let mut e = Entry::info(crate::router::explain::prose::other_class(&id, why));
            e.verdict = Verdict::Ignored;
            e.reason = Reason::OtherClass;
            e.ingress = Some(id);
            e.span = Some(ingress.span);
            out.push(e);
        }
    }
    out
}

/// An entry about an Ingress's `spec.defaultBackend`.
pub(crate) fn default_backend_entry(
    ingress: &Ingress,
    verdict: Verdict,
    reason: Reason,
    message: impl Into<String>,
) -> Entry {
    let mut e = Entry::info(message);
    e.verdict = verdict;
    e.reason = reason;
    e.ingress = Some(ingress.id());
    e.backend = ingress.spec.default_backend.as_ref().and_then(BackendRef::from_model);
    e.span = ingress.spec.default_backend.as_ref().map(|b| b.span).or(Some(ingress.span));
    e
}

/// The annotations of `ingress` whose key starts with one of `prefixes` (the controller's own
/// annotation namespaces) and is not in `simulated` (full keys): what the profile lists as ignored.
pub(crate) fn ignored_annotations(ingress: &Ingress, prefixes: &[&str], simulated: &[&str]) -> Vec<IgnoredAnnotation> {
    ingress
        .meta
        .annotations
        .iter()
        .filter(|(key, _)| {
            prefixes.iter().any(|p| key.value.starts_with(p)) && !simulated.contains(&key.value.as_str())
        })
        .map(|(key, _)| IgnoredAnnotation { ingress: ingress.id(), key: key.value.clone(), span: Some(key.span) })
        .collect()
}

/// The routes of a controller whose first-match order runs across hosts (ALB listener rules,
/// Traefik routers), indexed by the host they name, so that a request looks only at the routes
/// its host could match. Each list holds positions in the controller's order, ascending; the
/// routes that can match some request host are all in the lists [`HostIndex::first`] looks at
/// for it, so the first route (in that order) that matches is the first match of one of the lists.
/// A long list is split further by the first bytes of the literal every path the route matches
/// starts with (its `head`), so that a request only tries the routes its path could match.
#[derive(Debug, Default)]
pub(crate) struct HostIndex {
    /// Routes with a literal host, by the host in ASCII lower case.
    exact: FxMap<String, RouteList>,
    /// Routes with a one-label wildcard `*.domain`, by `domain` in ASCII lower case.
    wildcard: FxMap<String, RouteList>,
    /// Routes with a glob `*.domain` whose star takes any characters, by `.domain` in lower case.
    suffix: FxMap<String, RouteList>,
    /// Routes every request has to try: no host, or a host pattern the maps do not key.
    always: RouteList,
}

/// How a route's host is indexed.
pub(crate) enum HostKey<'a> {
    /// It matches only a host equal to this one, ignoring ASCII case.
    Exact(&'a str),
    /// It matches only `<one label>.<domain>`, ignoring ASCII case.
    OneLabel(&'a str),
    /// It matches only hosts ending in this suffix, which starts with `.`, ignoring ASCII case.
    Suffix(&'a str),
    /// Any other host: tried for every request.
    Always,
}

/// A list longer than this is split by path head.
const SPLIT_ABOVE: usize = 24;
/// How many bytes of a path head split a list.
const HEAD_BYTES: usize = 4;

/// Positions of routes, ascending: flat, or split by the first [`HEAD_BYTES`] of their path head.
#[derive(Debug, Default)]
struct RouteList {
    /// While building: every route with its head.
    pending: Vec<(u32, Option<Box<str>>)>,
    /// A short list: every route.
    flat: Vec<u32>,
    /// A long list: routes by the first bytes of their head (fewer for a shorter head) …
    by_head: FxMap<Box<str>, Vec<u32>>,
    /// … and the routes without a head.
    headless: Vec<u32>,
}

impl RouteList {
    fn finish(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        if pending.len() <= SPLIT_ABOVE {
            self.flat = pending.into_iter().map(|(k, _)| k).collect();
            return;
        }
        for (k, head) in pending {
            match head {
                Some(head) => {
                    let mut cut = head.len().min(HEAD_BYTES);
                    while !head.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    self.by_head.entry(head[..cut].into()).or_default().push(k);
                }
                None => self.headless.push(k),
            }
        }
    }

    /// Feeds `scan` the sub-lists `path` could match.
    fn scan(&self, path: &str, scan: &mut impl FnMut(&[u32])) {
        scan(&self.flat);
        if self.by_head.is_empty() {
            scan(&self.headless);
            return;
        }
        scan(&self.headless);
        for cut in (0..=path.len().min(HEAD_BYTES)).filter(|&cut| path.is_char_boundary(cut)) {
            if let Some(list) = self.by_head.get(&path[..cut]) {
                scan(list);
            }
        }
    }
}

impl HostIndex {
    /// Adds the route at `position` (positions must be added in ascending order); `head`: a
    /// literal every path it matches starts with, if there is one.
    pub fn add(&mut self, position: usize, key: HostKey<'_>, head: Option<&str>) {
        let list = match key {
            HostKey::Exact(h) => self.exact.entry(h.to_ascii_lowercase()).or_default(),
            HostKey::OneLabel(d) => self.wildcard.entry(d.to_ascii_lowercase()).or_default(),
            HostKey::Suffix(d) => self.suffix.entry(d.to_ascii_lowercase()).or_default(),
            HostKey::Always => &mut self.always,
        };
        list.pending.push((position as u32, head.map(Into::into)));
    }

    /// Ends building: splits the long lists.
    pub fn finish(&mut self) {
        let maps = [&mut self.exact, &mut self.wildcard, &mut self.suffix];
        maps.into_iter().flat_map(|m| m.values_mut()).for_each(RouteList::finish);
        self.always.finish();
    }

    /// The first position, over the lists a normalised (lower-case) request host and its path can
    /// match, for which `matches` holds.
    pub fn first(&self, host: &str, path: &str, mut matches: impl FnMut(usize) -> bool) -> Option<usize> {
        let mut best: Option<u32> = None;
        let mut scan = |list: &[u32]| {
            for &k in list {
                if best.is_some_and(|b| k >= b) {
                    break;
                }
                if matches(k as usize) {
                    best = Some(k);
                    break;
                }
            }
        };
        if let Some(list) = self.exact.get(host) {
            list.scan(path, &mut scan);
        }
        if let Some(list) = host.split_once('.').and_then(|(_, domain)| self.wildcard.get(domain)) {
            list.scan(path, &mut scan);
        }
        if !self.suffix.is_empty() {
            for suffix in dot_suffixes(host) {
                if let Some(list) = self.suffix.get(suffix) {
                    list.scan(path, &mut scan);
                }
            }
        }
        self.always.scan(path, &mut scan);
        best.map(|b| b as usize)
    }
}

/// The suffixes of `host` that start with a `.`, longest first (`.b.c` and `.c` of `a.b.c`).
pub(crate) fn dot_suffixes(host: &str) -> impl Iterator<Item = &str> {
    host.bytes().enumerate().filter(|&(_, b)| b == b'.').map(move |(at, _)| &host[at..])
}

/// The suffix `.domain` of a host glob `*.domain` whose star is the only wildcard (`question`:
/// `?` is a wildcard too): such a glob matches exactly the hosts that end in `.domain`.
pub(crate) fn glob_suffix(pattern: &str, question: bool) -> Option<&str> {
    let suffix = pattern.strip_prefix('*').filter(|s| s.starts_with('.'))?;
    let wild = if question { suffix.contains(['*', '?']) } else { suffix.contains('*') };
    (!wild).then_some(suffix)
}

/// Which load balancer (a GCE URL map, an ALB IngressGroup) a request for a host reaches, when
/// each has its own address: the first, in the controller's order, with a host rule covering the
/// host; else the first with a host-less rule; else the first with a default backend; else the
/// first. Literal hosts and `*.domain` globs are looked up by hash; other globs are tried in order.
#[derive(Debug, Default)]
pub(crate) struct BalancerDirectory {
    /// How many balancers there are.
    count: usize,
    /// Literal host (lower case) → the first balancer with it.
    exact: FxMap<String, usize>,
    /// `.domain` (lower case) of a `*.domain` glob → the first balancer with it.
    suffix: FxMap<String, usize>,
    /// Other host globs, with their balancer, in balancer order.
    globs: Vec<(usize, String)>,
    first_catch_all: Option<usize>,
    first_default: Option<usize>,
}

impl BalancerDirectory {
    /// A directory of `count` balancers.
    pub fn new(count: usize) -> BalancerDirectory {
        BalancerDirectory { count, ..BalancerDirectory::default() }
    }

    /// Registers a host rule of balancer `b` (balancers registered in order; `question`: `?` is
    /// a wildcard as well as `*`).
    pub fn add_host(&mut self, b: usize, host: &str, question: bool) {
        let wild = if question { host.contains(['*', '?']) } else { host.contains('*') };
        if !wild {
            self.exact.entry(host.to_ascii_lowercase()).or_insert(b);
        } else if let Some(suffix) = glob_suffix(host, question) {
            self.suffix.entry(suffix.to_ascii_lowercase()).or_insert(b);
        } else {
            self.globs.push((b, host.to_string()));
        }
    }

    /// Registers that balancer `b` has a host-less rule.
    pub fn add_catch_all(&mut self, b: usize) {
        self.first_catch_all = self.first_catch_all.or(Some(b));
    }

    /// Registers that balancer `b` has a default backend.
    pub fn add_default(&mut self, b: usize) {
        self.first_default = self.first_default.or(Some(b));
    }

    /// The balancer for `host` (lower case); `covers(glob, host)` matches the globs the index
    /// cannot key. `None` when there is no balancer.
    pub fn choose(&self, host: &str, covers: impl Fn(&str, &str) -> bool) -> Option<usize> {
        if self.count == 0 {
            return None;
        }
        let exact = self.exact.get(host).copied();
        let suffix = dot_suffixes(host).filter_map(|s| self.suffix.get(s).copied()).min();
        let found = exact.into_iter().chain(suffix).min();
        let glob = self
            .globs
            .iter()
            .take_while(|(b, _)| found.is_none_or(|e| *b < e))
            .find(|(_, h)| covers(h, host))
            .map(|(b, _)| *b);
        Some(glob.or(found).or(self.first_catch_all).or(self.first_default).unwrap_or(0))
    }
}
