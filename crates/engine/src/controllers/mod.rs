//! Controller profiles: how a real Ingress controller routes the same input.
//!
//! The spec profile is routed by the indexed [`crate::router::Router`]. Every other
//! [`Profile`] has a module here that compiles the admitted Ingresses into the controller's own
//! configuration (nginx servers and locations, a GCE URL map per Ingress, ALB listener rules,
//! Traefik routers, Contour virtual hosts) and routes a request through it, explaining every step
//! in the controller's terms. Each module cites the controller source it follows.
//!
//! Contract of a controller module (see the crate-private `Controller` trait):
//! - it is compiled once per input (`compile`, which returns the configuration and its
//!   diagnostics) and owns no borrow of the manifest: it keeps indices into
//!   [`Manifest::ingresses`] and is handed the manifest again when routing;
//! - class admission and API-server rejection come from the `Context` (the spec router's
//!   admission, unless the controller decides class differently and says so);
//! - `Controller::select` is the only place it chooses (balancer, server, rule or location,
//!   redirect, canary split, certificate) for a request (`Asked`: as sent and normalised once),
//!   from indexes built at compile time; it returns a
//!   `Selection`: the `Routed` answer and the facts about the winner the explanation needs;
//! - `Controller::explain` walks every candidate and judges it against that winner (why it lost,
//!   why it never applied), in the controller's terms; it never chooses, so the explanation cannot
//!   disagree with the decision (`tests/explanations.rs` checks the winner it names);
//! - routing with the explanation is `select` then `explain`; a batch run
//!   ([`crate::Simulator::route_unexplained`]) is `select` alone. The simulator adds the request
//!   notes, the class step and the named-port resolution, so every profile's decision has the
//!   same shape.

#[cfg(feature = "controllers")]
mod aws_alb;
#[cfg(feature = "controllers")]
mod common;
#[cfg(feature = "controllers")]
mod contour;
#[cfg(feature = "controllers")]
mod gce;
#[cfg(feature = "controllers")]
mod glob;
#[cfg(feature = "controllers")]
mod nginx;
#[cfg(feature = "controllers")]
mod traefik;

use crate::class::ClassChoice;
use crate::decision::{BackendRef, Entry, IgnoredAnnotation, Outcome, Redirect, SplitBranch, TlsDecision};
use crate::diagnostic::Diagnostic;
use crate::model::{Manifest, PathType};
use crate::profile::Profile;
use crate::request::Request;
use crate::router::Router;
use crate::source::Span;

/// What a controller module gets to compile and route: the input and the spec router's view of
/// it (class admission, age rank).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "controllers"), allow(dead_code))]
pub(crate) struct Context<'a> {
    /// The parsed input.
    pub manifest: &'a Manifest,
    /// The spec router: `admission[i]`, `rank[i]` (0 = oldest admitted), certificate choice.
    pub spec: &'a Router,
    /// The simulated class.
    pub choice: &'a ClassChoice,
}

#[cfg_attr(not(feature = "controllers"), allow(dead_code))]
impl Context<'_> {
    /// Is Ingress `i` admitted by the simulated class (spec rules: field first, then annotation)?
    pub fn admitted(&self, i: usize) -> bool {
        self.spec.rank[i].is_some()
    }
}

/// A profile's answer for one request, before the simulator adds the common steps: the fields of
/// [`crate::Decision`] with the same names mean the same (`tls` by the profile's own rules), but
/// the answering Ingress is an index and the matched path is set only when it differs.
#[derive(Clone, Debug)]
pub(crate) struct Routed {
    pub outcome: Outcome,
    /// Index of the answering Ingress in the manifest.
    pub ingress: Option<usize>,
    pub rule: Option<usize>,
    pub path_index: Option<usize>,
    pub host: Option<String>,
    pub path: Option<String>,
    pub path_type: Option<PathType>,
    pub backend: Option<BackendRef>,
    pub span: Option<Span>,
    /// Candidate entries and steps in the profile's terms.
    pub explanation: Vec<Entry>,
    pub tls: Option<TlsDecision>,
    pub matched_as: Option<String>,
    pub redirect: Option<Redirect>,
    pub upstream_path: Option<String>,
    pub split: Vec<SplitBranch>,
    pub ignored_annotations: Vec<IgnoredAnnotation>,
    /// The path as the controller matched it, when it differs from the spec normalisation
    /// (nginx decodes and normalises first).
    pub matched_path: Option<String>,
    /// Diagnostics about this request under the controller.
    pub diagnostics: Vec<Diagnostic>,
}

impl Routed {
    /// A decision with no answer yet (404), to be filled in.
    pub fn no_match() -> Routed {
        Routed {
            outcome: Outcome::NoMatch,
            ingress: None,
            rule: None,
            path_index: None,
            host: None,
            path: None,
            path_type: None,
            backend: None,
            span: None,
            explanation: Vec::new(),
            tls: None,
            matched_as: None,
            redirect: None,
            upstream_path: None,
            split: Vec::new(),
            ignored_annotations: Vec::new(),
            matched_path: None,
            diagnostics: Vec::new(),
        }
    }

    /// The decision this answer gives `request` (normalised to `host` and `path`), with an empty
    /// explanation and no diagnostics: the one place every profile's decision is assembled, for
    /// the explained and the batch route alike. `rejected` is the validation's per-Ingress verdict,
    /// `resolved_port` the answering backend's named port looked up in the input's Services.
    pub fn into_decision(
        self,
        cx: &Context<'_>,
        request: &Request,
        host: &str,
        path: &str,
        rejected: &[bool],
        resolved_port: Option<crate::decision::ResolvedPort>,
    ) -> crate::Decision {
        let answering = self.ingress;
        crate::Decision {
            outcome: self.outcome,
            ingress: answering.map(|i| cx.manifest.ingresses[i].id()),
            rule: self.rule,
            path_index: self.path_index,
            host: self.host,
            path: self.path,
            path_type: self.path_type,
            backend: self.backend,
            tls: self.tls,
            explanation: self.explanation,
            diagnostics: self.diagnostics,
            profile: cx.spec.profile,
            class: cx.choice.name().map(str::to_string),
            rejected: answering.is_some_and(|i| rejected.get(i).copied().unwrap_or(false)),
            request: crate::decision::MatchedRequest {
                scheme: request.scheme,
                host: host.to_string(),
                path: self.matched_path.unwrap_or_else(|| path.to_string()),
                sni: request_sni(request, host),
            },
            span: self.span,
            resolved_port,
            matched_as: self.matched_as,
            redirect: self.redirect,
            upstream_path: self.upstream_path,
            split: self.split,
            ignored_annotations: self.ignored_annotations,
        }
    }

    /// The spec index's answer (`found`, for a request to `host`), without explanation, and the
    /// certificate for `sni`.
    pub fn from_spec_lookup(
        found: &crate::router::Lookup<'_>,
        manifest: &Manifest,
        spec: &Router,
        host: &str,
        sni: Option<&str>,
    ) -> Routed {
        let candidate = found.candidate;
        let mut routed = Routed::no_match();
        routed.outcome = found.outcome;
        routed.ingress = found.ingress();
        routed.rule = candidate.map(|c| c.rule);
        routed.path_index = candidate.map(|c| c.path_index);
        routed.host = candidate.map(|c| c.host.to_string());
        routed.path = candidate.map(|c| c.path.to_string());
        routed.path_type = candidate.map(|c| c.path_type);
        routed.backend = found.backend(manifest);
        routed.span = candidate.map(|c| c.span).or_else(|| {
            found.default_ingress.and_then(|i| manifest.ingresses[i].spec.default_backend.as_ref().map(|b| b.span))
        });
        routed.tls = sni.map(|sni| crate::tls::choose_certificate(manifest, spec, sni, host));
        routed
    }
}

/// What a controller's [`Controller::select`] chose for one request: the decision (with an
/// empty `explanation`) and the facts about the winner that [`Controller::explain`] judges the
/// other candidates against (which load balancer, server, rule or location, which redirect…).
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "controllers"), allow(dead_code))]
pub(crate) struct Selection<W> {
    /// The decision, before the simulator adds the common steps.
    pub routed: Routed,
    /// The controller's own facts about the winner, for the explanation.
    pub winner: W,
}

impl<W: Default> Selection<W> {
    /// Nothing answers (404) and there is nothing to say about a winner.
    pub fn nothing() -> Selection<W> {
        Selection { routed: Routed::no_match(), winner: W::default() }
    }
}

/// One request as every controller reads it: as sent, and its host and path normalised as the
/// spec does (R2), once for both [`Controller::select`] and [`Controller::explain`].
pub(crate) struct Asked<'r> {
    /// The request as sent.
    pub request: &'r Request,
    normalized: crate::request::NormalizedRequest<'r>,
}

#[cfg_attr(not(feature = "controllers"), allow(dead_code))]
impl<'r> Asked<'r> {
    pub fn new(request: &'r Request) -> Asked<'r> {
        Asked { request, normalized: request.normalize(false) }
    }

    /// The host: lower case, without port or trailing dot.
    pub fn host(&self) -> &str {
        &self.normalized.host
    }

    /// The path without query or fragment; `/` when empty.
    pub fn path(&self) -> &str {
        self.normalized.path
    }

    /// The name the TLS handshake asks for: [`request_sni`].
    pub fn sni(&self) -> Option<String> {
        request_sni(self.request, self.host())
    }
}

/// A compiled controller configuration: one trait for every profile.
pub(crate) trait Controller: std::fmt::Debug + Send + Sync {
    /// What [`Controller::explain`] needs to know about the winner.
    type Winner;

    /// The only place the controller chooses its answer for one request (load balancer, server,
    /// rule, location, router or route; redirect, canary split, certificate), from the indexes
    /// built at compile time.
    fn select(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Selection<Self::Winner>;

    /// Every candidate judged against the given winner, in the controller's terms: why it lost
    /// or never applied, and the steps that led to the winner. It never chooses anything itself.
    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Self::Winner>) -> Vec<Entry>;

    /// The entry point (load balancer, proxy) that serves Ingress `ingress`, when it is compiled:
    /// two paths compete for a request only when they share one. The static analysis asks it
    /// before calling a path "never used". Default: one proxy merges every Ingress (ingress-nginx,
    /// Traefik, Contour).
    fn entry_point(&self, _ingress: usize) -> Option<usize> {
        Some(0)
    }
}

/// A compiled [`Controller`] behind `dyn`, as the simulator holds it (each profile has its own
/// [`Controller::Winner`]).
pub(crate) trait Compiled: std::fmt::Debug + Send + Sync {
    /// Diagnostics about the input under this controller (configuration nginx refuses, regex the
    /// simulator cannot evaluate, rules the controller drops, …), with spans.
    fn diagnostics(&self, cx: &Context<'_>) -> Vec<Diagnostic>;

    /// Routes one request and explains the decision: [`Controller::select`], then
    /// [`Controller::explain`].
    fn route(&self, cx: &Context<'_>, request: &Request) -> Routed;

    /// Routes one request without the explanation, for batch runs: [`Controller::select`] alone.
    fn decide(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Routed;

    /// [`Controller::entry_point`].
    fn entry_point(&self, ingress: usize) -> Option<usize>;
}

/// What the profile's router (`controller`, or the spec index when `None`) answers for one
/// request, without explanation: the one place a winner is chosen, for batch runs and for the
/// static analysis alike.
pub(crate) fn decide(cx: &Context<'_>, controller: Option<&dyn Compiled>, request: &Request) -> Routed {
    decide_asked(cx, controller, &Asked::new(request))
}

/// [`decide`] for a request already normalised.
fn decide_asked(cx: &Context<'_>, controller: Option<&dyn Compiled>, asked: &Asked<'_>) -> Routed {
    match controller {
        Some(c) => c.decide(cx, asked),
        None => {
            let found = cx.spec.lookup(cx.manifest, asked.host(), asked.path());
            Routed::from_spec_lookup(&found, cx.manifest, cx.spec, asked.host(), asked.sni().as_deref())
        }
    }
}

/// The SNI of a request: as given, or the host for https.
pub(crate) fn request_sni(request: &Request, host: &str) -> Option<String> {
    request
        .sni
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| (request.scheme == crate::request::Scheme::Https).then(|| host.to_string()))
}

/// A controller and what it said about the input when it was compiled.
#[derive(Debug)]
struct Built<C> {
    controller: C,
    diagnostics: Vec<Diagnostic>,
}

/// Boxes what a controller module's `compile` returns.
fn built<C: Controller + 'static>((controller, diagnostics): (C, Vec<Diagnostic>)) -> Box<dyn Compiled> {
    Box::new(Built { controller, diagnostics })
}

impl<C: Controller> Compiled for Built<C> {
    fn diagnostics(&self, _cx: &Context<'_>) -> Vec<Diagnostic> {
        self.diagnostics.clone()
    }

    fn route(&self, cx: &Context<'_>, request: &Request) -> Routed {
        let asked = Asked::new(request);
        let selection = self.controller.select(cx, &asked);
        let explanation = self.controller.explain(cx, &asked, &selection);
        Routed { explanation, ..selection.routed }
    }

    fn decide(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Routed {
        self.controller.select(cx, asked).routed
    }

    fn entry_point(&self, ingress: usize) -> Option<usize> {
        self.controller.entry_point(ingress)
    }
}

/// Compiles the input for a controller profile; `None` for [`Profile::Spec`].
#[cfg(feature = "controllers")]
pub(crate) fn compile(profile: Profile, cx: &Context<'_>) -> Option<Box<dyn Compiled>> {
    match profile {
        Profile::Spec => None,
        Profile::IngressNginx => Some(built(nginx::Nginx::compile(cx))),
        Profile::Gce => Some(built(gce::Gce::compile(cx))),
        Profile::AwsAlb => Some(built(aws_alb::AwsAlb::compile(cx))),
        Profile::Traefik => Some(built(traefik::Traefik::compile(cx))),
        Profile::Contour => Some(built(contour::Contour::compile(cx))),
    }
}

/// Without the `controllers` feature (the playground's own engine, which loads the controller
/// profiles on demand through the JS API), a controller profile answers nothing and says why.
#[cfg(not(feature = "controllers"))]
pub(crate) fn compile(profile: Profile, _cx: &Context<'_>) -> Option<Box<dyn Compiled>> {
    (profile != Profile::Spec).then(|| {
        let unavailable = Unavailable(profile);
        let diagnostic = Diagnostic::new(
            crate::diagnostic::Severity::Error,
            crate::diagnostic::Code::Controller,
            unavailable.message(),
        );
        built((unavailable, vec![diagnostic]))
    })
}

/// A controller profile this build does not contain.
#[cfg(not(feature = "controllers"))]
#[derive(Debug)]
struct Unavailable(Profile);

#[cfg(not(feature = "controllers"))]
impl Unavailable {
    fn message(&self) -> String {
        format!("The {} profile is not part of this build of the engine (it was built without the `controllers` feature); nothing was routed.", self.0)
    }
}

#[cfg(not(feature = "controllers"))]
impl Controller for Unavailable {
    type Winner = ();

    fn select(&self, _cx: &Context<'_>, _asked: &Asked<'_>) -> Selection<()> {
        Selection::nothing()
    }

    fn explain(&self, _cx: &Context<'_>, _asked: &Asked<'_>, _selection: &Selection<()>) -> Vec<Entry> {
        vec![Entry::info(self.message())]
    }
}

/// [`crate::Simulator::route_unexplained`]: the decision of `controller` (the spec index when
/// `None`) for one request, with every field of [`crate::Simulator::route`]'s decision but an
/// empty `explanation` and no `diagnostics` (neither the input's nor the request's notes).
/// `rejected` is the validation's per-Ingress verdict; `resolve_port` looks a backend's port up in
/// the input's Services.
pub(crate) fn unexplained(
    cx: &Context<'_>,
    controller: Option<&dyn Compiled>,
    rejected: &[bool],
    request: &Request,
    resolve_port: impl Fn(&crate::model::Ingress, &BackendRef) -> Option<crate::decision::ResolvedPort>,
) -> crate::Decision {
    let asked = Asked::new(request);
    let routed = decide_asked(cx, controller, &asked);
    let resolved_port =
        routed.ingress.zip(routed.backend.as_ref()).and_then(|(i, b)| resolve_port(&cx.manifest.ingresses[i], b));
    routed.into_decision(cx, request, asked.host(), asked.path(), rejected, resolved_port)
}
