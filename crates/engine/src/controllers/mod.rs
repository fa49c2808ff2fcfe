//! Controller profiles: how a real Ingress controller routes the same input.
//!
//! Every [`Profile`] has a module here, the spec profile included (`spec`: the indexed spec
//! router chooses, its explanation judges every path). Each controller module compiles the
//! admitted Ingresses into the controller's own configuration (nginx servers and locations, a GCE URL map per Ingress, ALB listener rules,
//! Traefik routers, Contour virtual hosts) and routes a request through it, explaining every step
//! in the controller's terms. Each module cites the controller source it follows.
//!
//! Contract of a controller module (see the crate-private `Controller` trait):
//! - it is compiled at most once per input, when the simulator is first asked about its profile
//!   (`compile`, which returns the configuration and its diagnostics), and owns no borrow of the
//!   manifest: it keeps indices into [`Manifest::ingresses`] and is handed the manifest again when
//!   routing;
//! - class admission and API-server rejection come from the `Context` (the profile's admission,
//!   `crate::class::admission`, compiled into the spec index the context holds);
//! - `Controller::select` is the only place it chooses (balancer, server, rule or location,
//!   redirect, canary split, certificate) for a request (`Asked`: as sent and normalised once),
//!   from indexes built at compile time; it returns a
//!   `Selection`: the `Routed` answer and the facts about the winner the explanation needs;
//! - `Controller::explain` walks every candidate and judges it against that winner (why it lost,
//!   why it never applied), in the controller's terms; it never chooses, so the explanation cannot
//!   disagree with the decision (`tests/explanations.rs` checks the winner it names);
//! - routing with the explanation is `select` then `explain`; a batch run
//!   ([`crate::Explain::No`]) is `select` alone. One function (`assemble::decision`) turns every
//!   profile's answer into a [`crate::Decision`], adding the steps every profile shares (request
//!   notes, class, rejection, certificate, named port), so every decision has the same shape.

mod assemble;
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
mod spec;
#[cfg(feature = "controllers")]
mod traefik;

pub(crate) use assemble::decision;
/// Envoy's reading of a request path (Contour; Envoy Gateway in [`crate::gateway`]).
#[cfg(feature = "gateway")]
pub(crate) use glob::request_path::envoy_path;
#[cfg(feature = "controllers")]
pub(crate) use traefik::missing_service_consequence;

use crate::class::ClassChoice;
use crate::decision::{BackendRef, Entry, IgnoredAnnotation, Outcome, Redirect, SplitBranch, TlsDecision};
use crate::diagnostic::Diagnostic;
use crate::model::{Manifest, PathType};
use crate::profile::Profile;
use crate::request::Request;
use crate::router::Router;
use crate::source::Span;
use crate::validate::Validation;

/// What a profile gets to compile and route: the input, its validation, and the spec index of
/// the Ingresses the profile admits (class admission, age rank).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "controllers"), allow(dead_code))]
pub(crate) struct Context<'a> {
    /// The parsed input.
    pub manifest: &'a Manifest,
    /// The API server's verdicts: `rejected[i]` and the errors.
    pub validation: &'a Validation,
    /// The spec index of the admitted Ingresses: `admission[i]`, `rank[i]` (0 = oldest
    /// admitted), certificate choice.
    pub spec: &'a Router,
    /// The simulated class.
    pub choice: &'a ClassChoice,
    /// The profile routing.
    pub profile: Profile,
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
    /// A status the controller answers with itself, when the outcome alone does not say it
    /// ([`Outcome::status`] otherwise).
    pub status: Option<u16>,
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
            status: None,
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

    /// The proxy answers 400 Bad Request itself, before any route: nothing is routed.
    #[cfg(feature = "controllers")]
    pub fn bad_request() -> Routed {
        Routed { status: Some(400), ..Routed::no_match() }
    }

    /// The decision this answer gives the request, with this answer's explanation and
    /// diagnostics as they are (`assemble::decision` adds the shared steps). `resolved_port`
    /// is the answering backend's named port looked up in the input's Services.
    #[inline(always)]
    fn into_decision(
        self,
        cx: &Context<'_>,
        asked: &Asked<'_>,
        resolved_port: Option<crate::decision::ResolvedPort>,
    ) -> crate::Decision {
        let (request, host) = (asked.request, asked.host());
        let answering = self.ingress;
        crate::Decision {
            outcome: self.outcome,
            status: self.status.or_else(|| self.outcome.status(self.redirect.as_ref())),
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
            profile: cx.profile,
            profile_version: cx.profile.version().to_string(),
            class: cx.choice.name().map(str::to_string),
            rejected: answering.is_some_and(|i| cx.validation.rejected.get(i).copied().unwrap_or(false)),
            request: crate::decision::MatchedRequest {
                scheme: request.scheme,
                host: host.to_string(),
                path: self.matched_path.unwrap_or_else(|| asked.path().to_string()),
                sni: asked.sni(),
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
}

/// What a controller's [`Controller::select`] chose for one request: the decision (with an
/// empty `explanation`) and the facts about the winner that [`Controller::explain`] judges the
/// other candidates against (which load balancer, server, rule or location, which redirect…).
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "controllers"), allow(dead_code))]
pub(crate) struct Selection<W> {
    /// The decision, before the common steps are added.
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
    /// The request normalised once; with `notes`, what the normalisation dropped or changed is
    /// said too ([`Asked::notes`]), for an explained decision.
    pub fn new(request: &'r Request, notes: bool) -> Asked<'r> {
        Asked { request, normalized: request.normalize(notes) }
    }

    /// What the normalisation dropped or changed, in words (only when asked for).
    pub fn notes(&self) -> &[String] {
        &self.normalized.notes
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

    /// Whether the answer to `asked` is a pick among candidates whose order is undefined upstream
    /// (the explanation marks it with [`crate::Reason::UndefinedOrder`]), without the cost of an
    /// explanation: the static analysis asks it of every duplicate it reports. Default: every
    /// order is defined.
    fn picks_among_ties(&self, _cx: &Context<'_>, _asked: &Asked<'_>) -> bool {
        false
    }

    /// What the answer to any request for `host` (normalised) depends on ([`Dependencies`]), for
    /// the static analysis to reuse its findings on a host across edits. Default: not known, so
    /// nothing is reused.
    fn dependencies(&self, _host: &str) -> Option<Dependencies> {
        None
    }
}

/// What a controller's answers for one host depend on, as a compile keeps it across edits: equal
/// dependencies (the same generation of everything hosts share, the same shared part for the
/// host) mean the same answer to every request for the host, as long as the Ingresses that part
/// was built from are unchanged (the same `Arc`s, which the part holds).
#[derive(Clone, Debug)]
pub(crate) struct Dependencies {
    /// Changes whenever what every host may depend on changes (see the controller's compile).
    pub generation: u64,
    /// The part of the compiled configuration that answers the host.
    pub part: std::sync::Arc<dyn std::any::Any + Send + Sync>,
}

impl PartialEq for Dependencies {
    fn eq(&self, other: &Dependencies) -> bool {
        self.generation == other.generation
            && std::ptr::eq(
                std::sync::Arc::as_ptr(&self.part) as *const (),
                std::sync::Arc::as_ptr(&other.part) as *const (),
            )
    }
}

/// A compiled [`Controller`] behind `dyn`, as the simulator holds it (each profile has its own
/// [`Controller::Winner`]).
pub(crate) trait Compiled: std::fmt::Debug + Send + Sync {
    /// Diagnostics about the input under this controller (configuration nginx refuses, regex the
    /// simulator cannot evaluate, rules the controller drops, …), with spans.
    fn diagnostics(&self) -> &[Diagnostic];

    /// The profile's answer for one request: [`Controller::select`], then, when `explain`,
    /// [`Controller::explain`]. What the static analysis asks.
    fn route(&self, cx: &Context<'_>, asked: &Asked<'_>, explain: bool) -> Routed;

    /// The decision for one request: [`Compiled::route`], explained when `input` (what is known
    /// about the input under the profile) is given, made a [`crate::Decision`] by
    /// [`decision`]. One call, so that the answer is built where it becomes the decision rather
    /// than copied across the `dyn` boundary.
    fn decide(&self, cx: &Context<'_>, asked: &Asked<'_>, input: Option<&[Diagnostic]>) -> crate::Decision;

    /// [`Controller::entry_point`].
    fn entry_point(&self, ingress: usize) -> Option<usize>;

    /// [`Controller::picks_among_ties`].
    fn picks_among_ties(&self, cx: &Context<'_>, asked: &Asked<'_>) -> bool;

    /// [`Controller::dependencies`].
    fn dependencies(&self, host: &str) -> Option<Dependencies>;
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
struct Built<C> {
    controller: C,
    diagnostics: Vec<Diagnostic>,
}

/// Boxes what a controller module's `compile` returns.
fn built<C: Controller + 'static>((controller, diagnostics): (C, Vec<Diagnostic>)) -> Box<dyn Compiled> {
    Box::new(Built { controller, diagnostics })
}

/// The controller's own summary and a count: the derived form would keep the diagnostics'
/// `Debug` in the JS package for the `dyn` controller's vtable, and nothing reads it.
impl<C: std::fmt::Debug> std::fmt::Debug for Built<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Built")
            .field("controller", &self.controller)
            .field("diagnostics", &self.diagnostics.len())
            .finish()
    }
}

impl<C: Controller> Built<C> {
    /// [`Controller::select`], then, when `explain`, [`Controller::explain`]. Inlined, and the
    /// explanation put in place, so that the answer (568 bytes) is not copied on its way to the
    /// decision.
    #[inline(always)]
    fn answer(&self, cx: &Context<'_>, asked: &Asked<'_>, explain: bool) -> Selection<C::Winner> {
        let mut selection = self.controller.select(cx, asked);
        if explain {
            selection.routed.explanation = self.controller.explain(cx, asked, &selection);
        }
        selection
    }
}

impl<C: Controller> Compiled for Built<C> {
    fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    fn route(&self, cx: &Context<'_>, asked: &Asked<'_>, explain: bool) -> Routed {
        self.answer(cx, asked, explain).routed
    }

    fn decide(&self, cx: &Context<'_>, asked: &Asked<'_>, input: Option<&[Diagnostic]>) -> crate::Decision {
        decision(cx, asked, self.answer(cx, asked, input.is_some()).routed, input)
    }

    fn entry_point(&self, ingress: usize) -> Option<usize> {
        self.controller.entry_point(ingress)
    }

    fn picks_among_ties(&self, cx: &Context<'_>, asked: &Asked<'_>) -> bool {
        self.controller.picks_among_ties(cx, asked)
    }

    fn dependencies(&self, host: &str) -> Option<Dependencies> {
        self.controller.dependencies(host)
    }
}

/// What a profile's compile leaves for its next compile after an edit (one per profile, kept by
/// [`crate::DocumentCache`]): ingress-nginx's servers per host.
#[derive(Debug, Default)]
pub(crate) struct Reuse {
    #[cfg(feature = "controllers")]
    nginx: nginx::Reuse,
}

/// Compiles the input for a profile, reusing what `reuse` holds of its last compile.
#[cfg(feature = "controllers")]
pub(crate) fn compile(cx: &Context<'_>, reuse: &mut Reuse) -> Box<dyn Compiled> {
    match cx.profile {
        Profile::Spec => built((spec::Spec, Vec::new())),
        Profile::IngressNginx | Profile::IngressNginxV1_14_2 => built(nginx::Nginx::compile(cx, &mut reuse.nginx)),
        Profile::Gce => built(gce::Gce::compile(cx)),
        Profile::AwsAlb => built(aws_alb::AwsAlb::compile(cx)),
        Profile::Traefik | Profile::TraefikV3_6 | Profile::TraefikV3_6_10 | Profile::TraefikIngressNginx => {
            built(traefik::Traefik::compile(cx))
        }
        Profile::Contour => built(contour::Contour::compile(cx)),
    }
}

/// Without the `controllers` feature (the playground's own engine, which loads the controller
/// profiles on demand through the JS API), a controller profile answers nothing and says why.
#[cfg(not(feature = "controllers"))]
pub(crate) fn compile(cx: &Context<'_>, _reuse: &mut Reuse) -> Box<dyn Compiled> {
    if cx.profile == Profile::Spec {
        return built((spec::Spec, Vec::new()));
    }
    let unavailable = Unavailable(cx.profile);
    let diagnostic =
        Diagnostic::new(crate::diagnostic::Severity::Error, crate::diagnostic::Code::Controller, unavailable.message());
    built((unavailable, vec![diagnostic]))
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
