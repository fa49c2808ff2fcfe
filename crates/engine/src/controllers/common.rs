//! What every controller module needs: the admitted paths in manifest order, Ingresses by age,
//! explanation entries that point at the input, and the list of annotations a profile ignores.

use super::Context;
use crate::class::Admission;
use crate::decision::{BackendRef, Entry, IgnoredAnnotation, Reason, Verdict};
use crate::model::{HttpPath, Ingress, PathType, Rule};

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
    order.sort_by(|&a, &b| {
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
            let mut e = Entry::info(format!("Ingress {id} is ignored: it belongs to another IngressClass — {why}."));
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
