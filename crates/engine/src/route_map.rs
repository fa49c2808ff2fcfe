//! The route map: the input as the data of a picture (hosts → paths → backends), built from what
//! a profile already knows about it — its class admission, the spec index of the Ingresses it
//! admits, its diagnostics. It never routes a request.
//!
//! - `ingresses`: every Ingress in input order, `admitted` under the profile. The paths of an
//!   Ingress the profile does not admit are left out of `hosts` (their Ingress is listed, so a
//!   picture can say "3 Ingresses of other classes").
//! - `hosts`: every rule host (and every `spec.tls` host) of the admitted Ingresses, in R3 order:
//!   precise names, then wildcards, then the rules without host (`""`), each group sorted by name.
//!   A host's `paths` are in the spec's precedence order (R5: longest first, Exact before Prefix
//!   before ImplementationSpecific, then the Ingress rank) under the spec profile, and as written
//!   (Ingress rank, rule, path) under a controller profile, whose order may depend on the request
//!   (regex locations, rule priorities); paths that cannot be routed come last.
//! - `marks` on a path come from the profile's diagnostics placed in it: `duplicate-path` →
//!   `duplicate`, `shadowed-path` → `shadowed`, a `controller` error or warning (configuration
//!   the controller refuses or rewrites) → `conflict`, a `validation` or `decode` error or a path
//!   the router cannot use → `invalid`; a path of an Ingress the API server would reject gets
//!   `rejected`.
//! - `defaultBackends`: the admitted Ingresses' `spec.defaultBackend`s by rank; `answers` is true
//!   for the one that answers a request no rule's host catches (R6: the best-ranked).

use crate::class::Admission;
use crate::decision::BackendRef;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::matching::HostTier;
use crate::model::{Ingress, PathType};
use crate::profile::Profile;
use crate::router::{Router, Slot};
use crate::source::Span;
use crate::steps::{tier_name, tier_of};
use crate::validate::CLASS_ANNOTATION;
use crate::Simulator;
use serde::{Serialize, Serializer};

/// The input as a picture's data under one profile (a stable contract: `ingress-sim map --json`,
/// the JS API's `routeMap`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteMap {
    /// The profile whose admission, order and diagnostics the map shows.
    pub profile: Profile,
    /// Every Ingress, in input order.
    pub ingresses: Vec<MapIngress>,
    /// Every host of the admitted Ingresses, in R3 order.
    pub hosts: Vec<MapHost>,
    /// The admitted Ingresses' default backends, best rank first.
    pub default_backends: Vec<MapDefaultBackend>,
    /// How many Ingresses, hosts and paths the map holds.
    pub counts: MapCounts,
}

/// One Ingress of the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapIngress {
    /// `namespace/name`.
    pub name: String,
    /// True when the profile's controller takes it for the simulated class.
    pub admitted: bool,
    /// Its class as written: `spec.ingressClassName`, else the legacy annotation.
    pub class: Option<String>,
    /// The whole object.
    pub span: Span,
}

/// One host and the paths written for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapHost {
    /// The rule host as written (`*.foo.com`; `""`: rules without host).
    pub host: String,
    /// `precise`, `wildcard` or `any` (R3).
    #[serde(serialize_with = "serialize_tier")]
    pub tier: HostTier,
    /// Where the host is first written in the input: the `host` field of its first rule (the
    /// rule itself, for rules without host), or its first `spec.tls` hosts entry.
    pub span: Span,
    /// The `spec.tls` entries naming this host.
    pub tls: Vec<MapTls>,
    /// Its paths, in the profile's order.
    pub paths: Vec<MapPath>,
}

impl MapHost {
    /// The tier's stable name: `precise`, `wildcard` or `any`.
    pub fn tier_name(&self) -> &'static str {
        tier_name(self.tier)
    }
}

fn serialize_tier<S: Serializer>(tier: &HostTier, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(tier_name(*tier))
}

/// A `spec.tls` entry naming a host.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapTls {
    /// `secretName` (`null` when missing).
    pub secret: Option<String>,
    /// `namespace/name` of its Ingress.
    pub ingress: String,
    /// The entry.
    pub span: Span,
}

/// One written path.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapPath {
    /// `namespace/name` of its Ingress.
    pub ingress: String,
    /// The Ingress's index in `ingresses`.
    pub ingress_index: usize,
    /// Index in `spec.rules`.
    pub rule: usize,
    /// Index in the rule's `http.paths`.
    pub path_index: usize,
    /// The path as written.
    pub path: String,
    /// The path type (`null` when missing or unknown).
    pub path_type: Option<PathType>,
    /// `svc:80` or `resource:Kind/name` (`null` when it names none).
    pub backend: Option<String>,
    /// The path entry.
    pub span: Span,
    /// What the profile's diagnostics say about it.
    pub marks: Vec<Mark>,
}

/// Something a diagnostic says about a path.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mark {
    /// `shadowed`, `duplicate`, `conflict`, `invalid` or `rejected`.
    pub kind: MarkKind,
    /// The diagnostic's message.
    pub message: String,
}

/// The kinds of [`Mark`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// A shorter path of higher precedence always answers first (`shadowed-path`).
    Shadowed,
    /// The same host, path and type as a path that wins (`duplicate-path`).
    Duplicate,
    /// The controller refuses or rewrites the configuration here (`controller`).
    Conflict,
    /// The API server would refuse the field, or the router cannot use the path.
    Invalid,
    /// The API server would reject its Ingress.
    Rejected,
}

crate::names::stable_names!(MarkKind, as_str;
    Shadowed => "shadowed",
    Duplicate => "duplicate",
    Conflict => "conflict",
    Invalid => "invalid",
    Rejected => "rejected",
);

impl MarkKind {
    /// The kind a diagnostic placed in a path gives it, if any.
    fn of(d: &Diagnostic) -> Option<MarkKind> {
        match d.code {
            Code::DuplicatePath => Some(MarkKind::Duplicate),
            Code::ShadowedPath => Some(MarkKind::Shadowed),
            Code::Controller if d.severity != Severity::Notice => Some(MarkKind::Conflict),
            Code::Validation | Code::Decode if d.is_error() => Some(MarkKind::Invalid),
            _ => None,
        }
    }
}

/// A `spec.defaultBackend`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapDefaultBackend {
    /// `namespace/name` of its Ingress.
    pub ingress: String,
    /// `svc:80` or `resource:Kind/name` (`null` when it names none).
    pub backend: Option<String>,
    /// The `defaultBackend` mapping.
    pub span: Span,
    /// True for the one that answers a request no rule's host catches (R6).
    pub answers: bool,
}

/// The sizes of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MapCounts {
    /// Ingresses in the input.
    pub ingresses: usize,
    /// Hosts in `hosts`.
    pub hosts: usize,
    /// Paths in `hosts`.
    pub paths: usize,
}

impl Simulator {
    /// The input as a route map under `profile` (see [`crate::route_map`]); runs the profile's
    /// static analysis if it has not run yet (the marks come from it).
    pub fn route_map(&self, profile: Profile) -> RouteMap {
        let index = self.profile_index(profile);
        let diagnostics = self.analyse(profile);
        build(self, profile, index, diagnostics)
    }
}

fn build(sim: &Simulator, profile: Profile, index: &Router, diagnostics: &[Diagnostic]) -> RouteMap {
    let manifest = sim.manifest();
    let rejected = sim.rejected();
    let ingresses: Vec<MapIngress> = manifest
        .ingresses
        .iter()
        .enumerate()
        .map(|(i, ingress)| MapIngress {
            name: ingress.id(),
            admitted: matches!(index.admission().get(i), Some(Admission::Admitted)),
            class: class_of(ingress),
            span: ingress.span,
        })
        .collect();
    let marks = Marks::of(diagnostics);

    // Everything drawn under a host, flat; then sorted by (tier, name, order) and grouped: R3
    // order, names sorted within a tier, paths in the profile's order (one stable sort, no map).
    let mut placed: Vec<Placed> = Vec::new();
    let place = |placed: &mut Vec<Placed>, (host, span, at): (&str, Span, (usize, usize)), order, item| {
        placed.push(Placed {
            tier: tier_of(host),
            key: host.to_ascii_lowercase(),
            written: host.to_string(),
            span,
            at,
            order,
            item,
        });
    };
    for (i, ingress) in manifest.ingresses.iter().enumerate() {
        let Some(rank) = index.rank.get(i).copied().flatten() else { continue };
        let id = &ingresses[i].name;
        let rejected = rejected.get(i).copied().unwrap_or(false);
        for (r, rule) in ingress.spec.rules.iter().enumerate() {
            let written = (rule.host(), rule.host.as_ref().map_or(rule.span, |h| h.span), (i, r));
            let Some(http) = rule.http.as_ref().filter(|h| !h.paths.is_empty()) else {
                place(&mut placed, written, (Order::Unroutable, rank, r, 0), Item::Rule);
                continue;
            };
            for (p, entry) in http.paths.iter().enumerate() {
                let mut path_marks = marks.within(entry.span);
                let order = match index.slot(i, r, p) {
                    Some(Slot::Candidate(c)) if profile == Profile::Spec => {
                        Order::Routable(Some(index.candidates[c as usize].priority))
                    }
                    Some(Slot::Candidate(_)) => Order::Routable(None),
                    Some(Slot::Unroutable(u)) => {
                        if !path_marks.iter().any(|m| m.kind == MarkKind::Invalid) {
                            let message = index.unroutable[u as usize].reason.clone();
                            path_marks.push(Mark { kind: MarkKind::Invalid, message });
                        }
                        Order::Unroutable
                    }
                    None => Order::Unroutable,
                };
                if rejected {
                    let message = format!("the API server would reject Ingress {id}");
                    path_marks.push(Mark { kind: MarkKind::Rejected, message });
                }
                let path = MapPath {
                    ingress: id.clone(),
                    ingress_index: i,
                    rule: r,
                    path_index: p,
                    path: entry.path().to_string(),
                    path_type: entry.path_type(),
                    backend: entry.backend.as_ref().and_then(BackendRef::from_model).map(|b| b.to_string()),
                    span: entry.span,
                    marks: path_marks,
                };
                place(&mut placed, written, (order, rank, r, p), Item::Path(path));
            }
        }
        for tls in &ingress.spec.tls {
            for name in &tls.hosts {
                let secret = tls.secret_name.as_ref().map(|s| s.value.clone());
                let entry = MapTls { secret, ingress: id.clone(), span: tls.span };
                let written = (name.value.as_str(), name.span, (i, usize::MAX));
                place(&mut placed, written, (Order::Unroutable, 0, 0, 0), Item::Tls(entry));
            }
        }
    }
    crate::order::sort_by(&mut placed, |a, b| (a.tier, &a.key, a.order).cmp(&(b.tier, &b.key, b.order)));
    let mut hosts: Vec<MapHost> = Vec::new();
    let mut last_key: Option<(HostTier, String, (usize, usize))> = None;
    for item in placed {
        if last_key.as_ref().is_none_or(|(tier, key, _)| *tier != item.tier || *key != item.key) {
            let host =
                MapHost { host: item.written, tier: item.tier, span: item.span, tls: Vec::new(), paths: Vec::new() };
            hosts.push(host);
            last_key = Some((item.tier, item.key, item.at));
        }
        let host = hosts.last_mut().expect("pushed above");
        // The host's place: where it is first written in the input.
        if let Some((_, _, first)) = last_key.as_mut().filter(|(_, _, first)| item.at < *first) {
            *first = item.at;
            host.span = item.span;
        }
        match item.item {
            Item::Rule => {}
            Item::Path(path) => host.paths.push(path),
            Item::Tls(tls) => host.tls.push(tls),
        }
    }

    let default_backends = index
        .default_backends
        .iter()
        .enumerate()
        .filter_map(|(n, &i)| {
            let backend = manifest.ingresses[i].spec.default_backend.as_ref()?;
            Some(MapDefaultBackend {
                ingress: ingresses[i].name.clone(),
                backend: BackendRef::from_model(backend).map(|b| b.to_string()),
                span: backend.span,
                answers: n == 0,
            })
        })
        .collect();
    let counts =
        MapCounts { ingresses: ingresses.len(), hosts: hosts.len(), paths: hosts.iter().map(|h| h.paths.len()).sum() };
    RouteMap { profile, ingresses, hosts, default_backends, counts }
}

/// One thing drawn under a host, before the hosts are grouped.
struct Placed {
    tier: HostTier,
    /// The host lower-cased: what groups.
    key: String,
    /// The host as written, and where.
    written: String,
    span: Span,
    /// Its place in the input: (Ingress, rule), TLS entries after the rules.
    at: (usize, usize),
    order: (Order, u32, usize, usize),
    item: Item,
}

/// What is drawn: a rule (its host exists even without paths), a path, a TLS entry.
enum Item {
    Rule,
    Path(MapPath),
    Tls(MapTls),
}

/// Where a path sorts within its host: routable paths first (by the spec's precedence under the
/// spec profile, else as written), then those the router cannot use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Order {
    Routable(Option<crate::router::Priority>),
    Unroutable,
}

/// The class an Ingress names: the field, else the legacy annotation.
fn class_of(ingress: &Ingress) -> Option<String> {
    if let Some(name) = &ingress.spec.ingress_class_name {
        return Some(name.value.clone());
    }
    ingress.meta.annotations.iter().find(|(k, _)| k.value == CLASS_ANNOTATION).map(|(_, v)| v.value.clone())
}

/// The marking diagnostics, by the document they are in, sorted by start: a path's marks are the
/// diagnostics placed within its span.
struct Marks<'a> {
    placed: Vec<(Span, MarkKind, &'a str)>,
}

impl<'a> Marks<'a> {
    fn of(diagnostics: &'a [Diagnostic]) -> Marks<'a> {
        let mut placed: Vec<(Span, MarkKind, &str)> =
            diagnostics.iter().filter_map(|d| Some((d.span?, MarkKind::of(d)?, d.message.as_str()))).collect();
        crate::order::sort_by_key(&mut placed, |(s, _, _)| (s.source, s.doc, s.start));
        Marks { placed }
    }

    /// The marks of the diagnostics within `span`, in input order, one per kind and message.
    fn within(&self, span: Span) -> Vec<Mark> {
        let key = (span.source, span.doc, span.start);
        let first = self.placed.partition_point(|(s, _, _)| (s.source, s.doc, s.start) < key);
        let mut out: Vec<Mark> = Vec::new();
        for (s, kind, message) in &self.placed[first..] {
            if s.source != span.source || s.doc != span.doc || s.start > span.end {
                break;
            }
            if s.end <= span.end && !out.iter().any(|m| m.kind == *kind && m.message == *message) {
                out.push(Mark { kind: *kind, message: message.to_string() });
            }
        }
        out
    }
}
