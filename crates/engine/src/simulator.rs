//! [`Simulator`]: one parsed, validated and compiled input, ready to route requests.

use crate::class::{self, ClassChoice};
use crate::controllers::{self, Context, Controller, Routed};
use crate::decision::{BackendRef, Decision, Entry, MatchedRequest, Outcome};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Manifest;
use crate::profile::Profile;
use crate::request::{Request, Scheme};
use crate::router::{explain, Lookup, Router};
use crate::validate::{self, Validation};

/// The SNI of a request: as given, or the host for https.
fn request_sni(request: &Request, host: &str) -> Option<String> {
    request
        .sni
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| (request.scheme == Scheme::Https).then(|| host.to_string()))
}

/// What to simulate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The IngressClass to simulate; `None`: the input's default class, or every class when
    /// there is none; `"*"` ([`crate::class::EVERY_CLASS`]): every class, whatever the default.
    pub class: Option<String>,
    /// The routing profile.
    pub profile: Profile,
}

/// A parsed, validated and compiled input.
#[derive(Debug)]
pub struct Simulator {
    manifest: Manifest,
    validation: Validation,
    choice: ClassChoice,
    router: Router,
    /// The compiled controller configuration, for a controller profile.
    controller: Option<Box<dyn Controller>>,
    diagnostics: Vec<Diagnostic>,
}

impl Simulator {
    /// Parses, validates and compiles an input (YAML or JSON, any number of documents).
    pub fn new(input: &str, options: &Options) -> Simulator {
        Simulator::from_manifest(crate::decode::parse(input), options)
    }

    /// Like [`Simulator::new`], but reuses from `cache` the parsing, decoding and validation of
    /// every document whose text and position are unchanged since the cache last saw it, so an
    /// edit re-reads only the edited document. The result is identical to [`Simulator::new`].
    pub fn new_incremental(input: &str, options: &Options, cache: &mut DocumentCache) -> Simulator {
        let (manifest, validation) = cache.read(input);
        Simulator::from_parts(manifest, validation, options)
    }

    /// Validates and compiles an already parsed manifest.
    pub fn from_manifest(manifest: Manifest, options: &Options) -> Simulator {
        let validation = validate::validate(&manifest);
        Simulator::from_parts(manifest, validation, options)
    }

    fn from_parts(manifest: Manifest, validation: Validation, options: &Options) -> Simulator {
        let (choice, router) = Router::build(&manifest, options);
        let mut diagnostics = manifest.diagnostics.clone();
        diagnostics.extend(validation.diagnostics.iter().cloned());
        diagnostics.extend(crate::analysis::analyse(&manifest, &router, &choice));
        let cx = Context { manifest: &manifest, spec: &router, choice: &choice };
        let controller = controllers::compile(options.profile, &cx);
        if let Some(c) = &controller {
            diagnostics.extend(c.diagnostics(&cx));
        }
        diagnostics.sort_by_key(|d| d.span.map(|s| (s.start.line, s.start.column)).unwrap_or((u32::MAX, 0)));
        Simulator { manifest, validation, choice, router, controller, diagnostics }
    }

    /// The routing profile.
    pub fn profile(&self) -> Profile {
        self.router.profile
    }

    /// The parsed input.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Every diagnostic (parse, decode, validation, analysis), in input order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The errors that make the API server reject an object (and YAML errors): what `validate`
    /// reports. Warnings and notices are not included.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// Per Ingress (manifest order): would the API server reject it?
    pub fn rejected(&self) -> &[bool] {
        &self.validation.rejected
    }

    /// The simulated class (`None`: every class).
    pub fn class(&self) -> Option<&str> {
        self.choice.name()
    }

    /// The compiled router.
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// Routes without explanation: no allocation when the host is already lower-case.
    pub fn lookup(&self, request: &Request) -> Lookup<'_> {
        let normalized = request.normalize(false);
        self.router.lookup(&self.manifest, &normalized.host, normalized.path)
    }

    /// Routes a request and explains the decision.
    pub fn route(&self, request: &Request) -> Decision {
        let normalized = request.normalize(true);
        let routed = match &self.controller {
            Some(controller) => {
                let cx = Context {
                    manifest: &self.manifest,
                    spec: &self.router,
                    choice: &self.choice,
                };
                controller.route(&cx, request)
            }
            None => self.route_spec(request, &normalized),
        };
        self.decide(request, &normalized, routed)
    }

    /// The spec profile: the index's answer and every candidate's verdict.
    fn route_spec(&self, request: &Request, normalized: &crate::request::NormalizedRequest<'_>) -> Routed {
        let found = self.router.lookup(&self.manifest, &normalized.host, normalized.path);
        let mut explanation =
            explain::candidates(&self.router, &self.manifest, &self.validation.rejected, normalized, &found);
        if found.outcome == Outcome::NoMatch {
            explanation.push(Entry::info(match found.tier {
                Some(_) => format!("No path matches {} and no admitted Ingress has a defaultBackend: the controller answers 404 from its own default backend.", normalized.path),
                None => format!("No rule matches the host {} and no admitted Ingress has a defaultBackend: the controller answers 404 from its own default backend.", normalized.host),
            }));
        }
        let sni = request_sni(request, &normalized.host);
        let candidate = found.candidate;
        let mut routed = Routed::no_match();
        routed.outcome = found.outcome;
        routed.ingress = found.ingress();
        routed.rule = candidate.map(|c| c.rule);
        routed.path_index = candidate.map(|c| c.path_index);
        routed.host = candidate.map(|c| c.host.to_string());
        routed.path = candidate.map(|c| c.path.to_string());
        routed.path_type = candidate.map(|c| c.path_type);
        routed.backend = found.backend(&self.manifest);
        routed.span = candidate.map(|c| c.span).or_else(|| {
            found.default_ingress.and_then(|i| self.manifest.ingresses[i].spec.default_backend.as_ref().map(|b| b.span))
        });
        routed.explanation = explanation;
        routed.tls = sni
            .as_deref()
            .map(|sni| crate::tls::choose_certificate(&self.manifest, &self.router, sni, &normalized.host));
        routed
    }

    /// Adds the steps every profile shares (request notes, class, rejection, TLS, named port) to
    /// a profile's answer.
    fn decide(
        &self,
        request: &Request,
        normalized: &crate::request::NormalizedRequest<'_>,
        routed: Routed,
    ) -> Decision {
        let profile = self.router.profile;
        let mut explanation: Vec<Entry> = normalized.notes.iter().map(Entry::info).collect();
        explanation.push(Entry::info(match &self.choice {
            class::ClassChoice::Chosen(c) => {
                format!("Simulating IngressClass {c:?} with the {profile} profile.")
            }
            class::ClassChoice::Default(c) => {
                format!("Simulating IngressClass {c:?} (the default class in the input) with the {profile} profile.")
            }
            class::ClassChoice::Any => format!(
                "No IngressClass chosen and none is marked default, so every Ingress takes part, whatever its class. Profile: {profile}."
            ),
            class::ClassChoice::Every => {
                format!("All IngressClasses asked for: every Ingress takes part, whatever its class. Profile: {profile}.")
            }
        }));
        let answering = routed.ingress;
        let rejected = answering.is_some_and(|i| self.validation.rejected.get(i).copied().unwrap_or(false));
        if let Some(i) = answering.filter(|_| rejected) {
            let object = format!("Ingress {}", self.manifest.ingresses[i].id());
            let errors =
                self.diagnostics.iter().filter(|d| d.is_error() && d.object.as_deref() == Some(&object)).count();
            explanation.push(Entry::info(format!(
                "{object} would be rejected by the API server ({errors} error(s), see diagnostics); this decision shows what it would do if it were admitted."
            )));
        }
        explanation.extend(routed.explanation);
        if let Some(t) = &routed.tls {
            let mut e = Entry::info(t.message.clone());
            e.reason = crate::decision::Reason::Tls;
            e.span = t.span;
            e.ingress = t.ingress.clone();
            explanation.push(e);
        }
        let mut diagnostics = self.diagnostics.clone();
        diagnostics
            .extend(normalized.notes.iter().map(|n| Diagnostic::new(Severity::Notice, Code::Document, n.clone())));
        diagnostics.extend(routed.diagnostics);
        let backend = routed.backend;
        let resolved_port =
            answering.zip(backend.as_ref()).and_then(|(i, b)| self.resolve_port(&self.manifest.ingresses[i], b));
        if let (Some(port), Some(BackendRef::Service { port: crate::decision::PortRef::Name(name), .. })) =
            (&resolved_port, &backend)
        {
            explanation.push(Entry::info(format!(
                "The named port {name:?} resolves to port {} of Service {}.",
                port.number, port.service
            )));
        }
        Decision {
            outcome: routed.outcome,
            ingress: answering.map(|i| self.manifest.ingresses[i].id()),
            rule: routed.rule,
            path_index: routed.path_index,
            host: routed.host,
            path: routed.path,
            path_type: routed.path_type,
            backend,
            tls: routed.tls,
            explanation,
            diagnostics,
            profile,
            class: self.choice.name().map(str::to_string),
            rejected,
            request: MatchedRequest {
                scheme: request.scheme,
                host: normalized.host.to_string(),
                path: routed.matched_path.unwrap_or_else(|| normalized.path.to_string()),
                sni: request_sni(request, &normalized.host),
            },
            span: routed.span,
            resolved_port,
            matched_as: routed.matched_as,
            redirect: routed.redirect,
            upstream_path: routed.upstream_path,
            split: routed.split,
            ignored_annotations: routed.ignored_annotations,
        }
    }

    /// Looks a service backend's port up in the input's Services.
    fn resolve_port(
        &self,
        ingress: &crate::model::Ingress,
        backend: &BackendRef,
    ) -> Option<crate::decision::ResolvedPort> {
        let BackendRef::Service { name, port } = backend else { return None };
        let namespace = ingress.meta.namespace();
        let service =
            self.manifest.services.iter().find(|s| s.meta.name() == name && s.meta.namespace() == namespace)?;
        let spec = service.ports.iter().find(|p| match port {
            crate::decision::PortRef::Name(n) => p.name.as_deref() == Some(n.as_str()),
            crate::decision::PortRef::Number(n) => p.port == Some(*n),
        })?;
        Some(crate::decision::ResolvedPort {
            service: format!("{namespace}/{name}"),
            name: spec.name.clone(),
            number: spec.port?,
        })
    }

    /// The backend label (`service:port`, `resource:Kind/name` or `""`) for a fast lookup.
    pub fn backend_label(&self, found: &Lookup<'_>) -> String {
        found.backend(&self.manifest).as_ref().map(BackendRef::to_string).unwrap_or_default()
    }
}

impl Simulator {
    /// The certificate decision for an SNI name on a request routed by `host` (normalised).
    pub fn certificate(&self, sni: &str, host: &str) -> crate::decision::TlsDecision {
        crate::tls::choose_certificate(&self.manifest, &self.router, sni, host)
    }
}

/// The per-document results [`Simulator::new_incremental`] reuses: for each `---` chunk of the
/// last input, keyed by its index, first line and exact text, the decoded objects, their
/// diagnostics and their validation. Positions are absolute, so a chunk is reused only where it
/// sits on the same lines as before (typing inside a line reuses every other document; a new line
/// re-reads the documents after it).
#[derive(Debug, Default)]
pub struct DocumentCache {
    chunks: crate::router::hash::FxMap<(u32, u32), CachedChunk>,
}

#[derive(Debug)]
struct CachedChunk {
    /// The chunk's exact text (the map is keyed by index and first line; the text must match too).
    text: Box<str>,
    part: Manifest,
    validation: Validation,
    nodes: usize,
    /// Cut short by the input-wide node budget, so it depends on the chunks before it: not reused.
    budget_bound: bool,
}

impl DocumentCache {
    /// Parses, decodes and validates `input`, chunk by chunk, reusing what it can; forgets the
    /// chunks the input no longer has.
    fn read(&mut self, input: &str) -> (Manifest, Validation) {
        let limits = crate::yaml::Limits::default();
        let mut budget = limits.max_nodes;
        let mut previous = std::mem::take(&mut self.chunks);
        let mut manifest = Manifest::default();
        let mut validation = Validation::default();
        for (index, chunk) in crate::yaml::chunks(input).enumerate() {
            let key = (index as u32, chunk.first_line);
            let cached = match previous.remove(&key) {
                Some(cached) if *cached.text == *chunk.text && cached.nodes <= budget => cached,
                _ => {
                    let parsed = crate::yaml::parse_chunk(&chunk, index as u32, &limits, &mut budget.clone());
                    let budget_bound = matches!(parsed.error, Some(crate::yaml::YamlError::TooManyNodes { .. }));
                    let part = crate::decode::decode_documents(&parsed.documents, parsed.error.into_iter().collect());
                    let validation = validate::validate(&part);
                    CachedChunk { text: chunk.text.into(), part, validation, nodes: parsed.nodes, budget_bound }
                }
            };
            budget -= cached.nodes.min(budget);
            append(&mut manifest, &mut validation, &cached);
            // A chunk cut short by the shared node budget depends on the chunks before it.
            if !cached.budget_bound {
                self.chunks.insert(key, cached);
            }
        }
        (manifest, validation)
    }
}

fn append(manifest: &mut Manifest, validation: &mut Validation, chunk: &CachedChunk) {
    manifest.ingresses.extend(chunk.part.ingresses.iter().cloned());
    manifest.classes.extend(chunk.part.classes.iter().cloned());
    manifest.services.extend(chunk.part.services.iter().cloned());
    manifest.diagnostics.extend(chunk.part.diagnostics.iter().cloned());
    manifest.documents += chunk.part.documents;
    validation.diagnostics.extend(chunk.validation.diagnostics.iter().cloned());
    validation.rejected.extend(chunk.validation.rejected.iter().copied());
}
