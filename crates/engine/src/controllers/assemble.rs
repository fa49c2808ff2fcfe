//! The one place a profile's answer ([`Routed`]) becomes a [`Decision`], for every profile and
//! for explained and batch decisions alike. An explained decision gets the steps every profile
//! shares around the profile's own entries: what normalising the request changed, the class
//! simulated, whether the answering Ingress would be rejected, the certificate and the named
//! port.

use super::{Asked, Context, Routed};
use crate::decision::{BackendRef, Decision, Entry, PortRef, Reason, ResolvedPort};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Ingress;

/// The decision `routed` gives the request. `input` is what is known about the input under the
/// profile, for an explained decision (its `diagnostics` start with it); `None` for a batch
/// decision, which keeps the profile's entries (none, for `select` alone) and diagnostics as they
/// are.
pub(crate) fn decision(cx: &Context<'_>, asked: &Asked<'_>, routed: Routed, input: Option<&[Diagnostic]>) -> Decision {
    let resolved_port =
        routed.ingress.zip(routed.backend.as_ref()).and_then(|(i, b)| resolve_port(cx, &cx.manifest.ingresses[i], b));
    let Some(input) = input else {
        return routed.into_decision(cx, asked, resolved_port);
    };
    let mut explanation: Vec<Entry> = asked.notes().iter().map(Entry::info).collect();
    explanation.push(Entry::info(class_step(cx)));
    explanation.extend(rejection_step(cx, routed.ingress));
    let mut routed = routed;
    explanation.append(&mut routed.explanation);
    explanation.extend(routed.tls.as_ref().map(|t| {
        let mut e = Entry::info(t.message.clone());
        e.reason = Reason::Tls;
        e.span = t.span;
        e.ingress = t.ingress.clone();
        e
    }));
    explanation.extend(named_port_step(routed.backend.as_ref(), resolved_port.as_ref()));
    let mut diagnostics = input.to_vec();
    diagnostics.extend(asked.notes().iter().map(|n| Diagnostic::new(Severity::Notice, Code::Document, n.clone())));
    diagnostics.append(&mut routed.diagnostics);
    Decision { explanation, diagnostics, ..routed.into_decision(cx, asked, resolved_port) }
}

/// Which class is simulated, and under which profile (and how the profile's controller is
/// configured for it: [`crate::class::describe`]).
fn class_step(cx: &Context<'_>) -> String {
    crate::class::describe(cx.profile, cx.choice)
}

/// When the answering Ingress would be rejected by the API server: so, and how many errors.
fn rejection_step(cx: &Context<'_>, answering: Option<usize>) -> Option<Entry> {
    let i = answering.filter(|&i| cx.validation.rejected.get(i).copied().unwrap_or(false))?;
    let object = format!("Ingress {}", cx.manifest.ingresses[i].id());
    let errors = cx
        .manifest
        .diagnostics
        .iter()
        .chain(&cx.validation.diagnostics)
        .filter(|d| d.is_error() && d.object.as_deref() == Some(&object))
        .count();
    Some(Entry::info(format!(
        "{object} would be rejected by the API server ({errors} error(s), see diagnostics); this decision shows what it would do if it were admitted."
    )))
}

/// A named service port and the number it resolves to.
fn named_port_step(backend: Option<&BackendRef>, port: Option<&ResolvedPort>) -> Option<Entry> {
    let (Some(BackendRef::Service { port: PortRef::Name(name), .. }), Some(port)) = (backend, port) else {
        return None;
    };
    Some(Entry::info(format!("The named port {name:?} resolves to port {} of Service {}.", port.number, port.service)))
}

/// Looks a service backend's port up in the input's Services (in the Ingress's namespace).
fn resolve_port(cx: &Context<'_>, ingress: &Ingress, backend: &BackendRef) -> Option<ResolvedPort> {
    let BackendRef::Service { name, port } = backend else { return None };
    let namespace = ingress.meta.namespace();
    let service = cx.manifest.services.iter().find(|s| s.meta.name() == name && s.meta.namespace() == namespace)?;
    let spec = service.ports.iter().find(|p| match port {
        PortRef::Name(n) => p.name.as_deref() == Some(n.as_str()),
        PortRef::Number(n) => p.port == Some(*n),
    })?;
    Some(ResolvedPort { service: format!("{namespace}/{name}"), name: spec.name.clone(), number: spec.port? })
}
