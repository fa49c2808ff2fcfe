//! Bookkeeping shared by the GCE, ALB, Traefik and Contour profiles: a compiled route remembers
//! the written path (or `spec.defaultBackend`) it came from as a [`Slot`] (indices only, no borrow
//! of the manifest), and turns into explanation entries and the winning [`Routed`].

use crate::controllers::common::{default_backend_entry, ignored_annotations, PathRef};
use crate::controllers::{Asked, Context, Routed};
use crate::decision::{BackendRef, Entry, IgnoredAnnotation, Outcome, Reason, TlsDecision, Verdict};
use crate::matching::HostMiss;

/// Where a compiled route comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Slot {
    /// `spec.rules[rule].http.paths[path]` of Ingress `ingress`.
    Path { ingress: usize, rule: usize, path: usize },
    /// `spec.defaultBackend` of Ingress `ingress`.
    Default { ingress: usize },
}

impl Slot {
    /// The Ingress (index in the manifest).
    pub fn ingress(self) -> usize {
        match self {
            Slot::Path { ingress, .. } | Slot::Default { ingress } => ingress,
        }
    }

    /// The written path, for a path slot that exists.
    pub fn path_ref<'a>(self, cx: &Context<'a>) -> Option<PathRef<'a>> {
        let Slot::Path { ingress, rule, path } = self else { return None };
        PathRef::find(cx, ingress, rule, path)
    }

    /// An explanation entry about this slot.
    pub fn entry(self, cx: &Context<'_>, verdict: Verdict, reason: Reason, message: impl Into<String>) -> Entry {
        match (self.path_ref(cx), cx.manifest.ingresses.get(self.ingress())) {
            (Some(p), _) => p.entry(verdict, reason, message),
            (None, Some(ingress)) => default_backend_entry(ingress, verdict, reason, message),
            (None, None) => Entry::info(message),
        }
    }

    /// The backend the slot sends to.
    pub fn backend(self, cx: &Context<'_>) -> Option<BackendRef> {
        match self.path_ref(cx) {
            Some(p) => p.backend(),
            None => cx
                .manifest
                .ingresses
                .get(self.ingress())
                .and_then(|i| i.spec.default_backend.as_ref())
                .and_then(BackendRef::from_model),
        }
    }

    /// The explanation entry of this slot when it answers: `won`, reason `matched` for a path or
    /// `default-backend` for a `spec.defaultBackend`.
    pub fn won(self, cx: &Context<'_>, message: impl Into<String>) -> Entry {
        let reason = if self.path_ref(cx).is_some() { Reason::Matched } else { Reason::DefaultBackend };
        self.entry(cx, Verdict::Won, reason, message)
    }

    /// The decision when this slot answers: outcome `rule` (a path) or `default-backend`, every
    /// field of [`Routed`] set but the explanation.
    pub fn decided(self, cx: &Context<'_>, matched_as: String) -> Routed {
        let mut routed = Routed::no_match();
        routed.ingress = Some(self.ingress());
        routed.backend = self.backend(cx);
        match self.path_ref(cx) {
            Some(p) => {
                routed.outcome = Outcome::Rule;
                routed.rule = Some(p.rule);
                routed.path_index = Some(p.path_index);
                routed.host = Some(p.host().to_string());
                routed.path = Some(p.path().to_string());
                routed.path_type = p.path_type();
                routed.span = Some(p.path_value.span);
            }
            None => {
                routed.outcome = Outcome::DefaultBackend;
                routed.span = cx
                    .manifest
                    .ingresses
                    .get(self.ingress())
                    .and_then(|i| i.spec.default_backend.as_ref().map(|b| b.span));
            }
        }
        routed.matched_as = Some(matched_as);
        routed
    }
}

/// The reason for a host that does not match, in the spec's terms.
pub(crate) fn host_reason(miss: HostMiss) -> Reason {
    match miss {
        HostMiss::Different => Reason::WrongHost,
        HostMiss::WildcardDepth => Reason::WildcardDepth,
        HostMiss::WildcardNeedsLabel => Reason::WildcardNeedsLabel,
    }
}

/// `NotMatched`, or `CaseMismatch` when the path would have matched ignoring case.
pub(crate) fn path_reason(matches_ignoring_case: bool) -> Reason {
    if matches_ignoring_case {
        Reason::CaseMismatch
    } else {
        Reason::NotMatched
    }
}

/// A non-candidate entry about a whole Ingress (another load balancer, skipped by the controller).
pub(crate) fn ingress_entry(
    cx: &Context<'_>,
    ingress: usize,
    verdict: Verdict,
    reason: Reason,
    message: String,
) -> Entry {
    let mut e = Entry::info(message);
    e.verdict = verdict;
    e.reason = reason;
    if let Some(object) = cx.manifest.ingresses.get(ingress) {
        e.ingress = Some(object.id());
        e.span = Some(object.span);
    }
    e
}

/// One explanation line per `involved` Ingress with annotations in the controller's own
/// namespaces that the profile does not simulate (the decision lists them: [`ignored_of`]).
pub(crate) fn annotation_entries(
    cx: &Context<'_>,
    involved: &[usize],
    prefixes: &[&str],
    simulated: &[&str],
    profile: &str,
) -> Vec<Entry> {
    let mut out = Vec::new();
    for i in distinct(involved.iter().copied()) {
        let Some(ingress) = cx.manifest.ingresses.get(i) else { continue };
        let ignored = ignored_annotations(ingress, prefixes, simulated);
        let Some(first) = ignored.first() else { continue };
        let keys: Vec<&str> = ignored.iter().map(|a| a.key.as_str()).collect();
        let message = super::prose::annotations_not_simulated(&ingress.id(), profile, &keys);
        let mut e = ingress_entry(cx, i, Verdict::Info, Reason::IgnoredAnnotation, message);
        e.span = first.span;
        out.push(e);
    }
    out
}

/// The annotations of `involved` Ingresses in the controller's own namespaces that the profile
/// does not simulate, for the decision's `ignoredAnnotations`.
pub(crate) fn ignored_of(
    cx: &Context<'_>,
    involved: &[usize],
    prefixes: &[&str],
    simulated: &[&str],
) -> Vec<IgnoredAnnotation> {
    let mut out = Vec::new();
    let single = involved.len() == 1;
    for i in if single { involved.to_vec() } else { distinct(involved.iter().copied()) } {
        if let Some(ingress) = cx.manifest.ingresses.get(i) {
            out.extend(ignored_annotations(ingress, prefixes, simulated));
        }
    }
    out
}

/// `involved` without repetitions, first occurrence kept.
pub(crate) fn distinct(involved: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    involved.into_iter().filter(|&i| seen.insert(i)).collect()
}

/// The spec's certificate choice (`crate::tls::choose_certificate`: the `IngressTLS.secretName`
/// comment in kubernetes/api `networking/v1/types.go`), with the controller's words added when
/// no `tls` entry covers the name (`when_default`) or always (`note`).
pub(crate) fn spec_certificate(
    cx: &Context<'_>,
    asked: &Asked<'_>,
    when_default: &str,
    note: &str,
) -> Option<TlsDecision> {
    let sni = asked.sni()?;
    let mut tls = crate::tls::choose_certificate(cx.manifest, cx.spec, &sni, asked.host());
    if tls.default_certificate && tls.secret_name.is_none() && tls.ingress.is_none() {
        tls.message = format!("{} {when_default}", tls.message);
    }
    if !note.is_empty() {
        tls.message = format!("{} {note}", tls.message);
    }
    Some(tls)
}

/// How well a load balancer's host rules fit a request host: the controller creates one load
/// balancer per Ingress (GCE) or per IngressGroup (ALB). The explanation says with it why the
/// request reached the chosen one and not another (the choice is
/// [`crate::controllers::common::BalancerDirectory::choose`]: the first by fit, in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum HostFit {
    /// A host rule names or covers the host.
    Named,
    /// A host-less rule catches every host.
    CatchAll,
    /// Only a default backend could answer.
    Default,
    /// Nothing of it answers this host.
    Nothing,
}
