//! [`Simulator`]: one parsed, validated and compiled input, ready to route requests.

use crate::class::{self, ClassChoice};
use crate::controllers::{self, request_sni, Compiled, Context, Routed};
use crate::decision::{BackendRef, Decision, Entry, Outcome};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Manifest;
use crate::profile::Profile;
use crate::request::Request;
use crate::router::{explain, Lookup, Router};
use crate::validate::{self, Validation};

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
///
/// Static analysis ([`crate::analysis`]) runs on first need: [`Simulator::diagnostics`],
/// [`Simulator::route`] and [`Simulator::analyse`] wait for it, so every answer is the same as if
/// it had run at construction; [`Simulator::route_early`] does not, so an interactive caller can
/// show a decision first and analyse afterwards.
#[derive(Debug)]
pub struct Simulator {
    manifest: Manifest,
    validation: Validation,
    choice: ClassChoice,
    router: Router,
    /// The compiled controller configuration, for a controller profile.
    controller: Option<Box<dyn Compiled>>,
    /// Parse, decode, validation and controller diagnostics, in input order.
    early: Vec<Diagnostic>,
    /// `early` and the static analysis, in input order, once analysed.
    diagnostics: std::sync::OnceLock<Vec<Diagnostic>>,
}

/// Sorts diagnostics into input order; at one position, by document (a fresh read and a per-document read collect
/// syntax errors in different orders, and must list them alike: found by fuzzing).
fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| d.span.map(|s| (s.start.line, s.start.column, s.doc)).unwrap_or((u32::MAX, 0, 0)));
}

/// What is said about the input as a whole ([`crate::hints`]): the controller it is written for,
/// or that it holds no Ingress.
fn whole_input_notes(manifest: &Manifest, profile: Profile) -> impl Iterator<Item = Diagnostic> {
    crate::hints::controller_hints(manifest, profile).into_iter().chain(crate::hints::no_ingress(manifest))
}

impl Simulator {
    /// Parses, validates and compiles an input (YAML or JSON, any number of documents).
    pub fn new(input: &str, options: &Options) -> Simulator {
        Simulator::from_manifest(crate::decode::parse(input), options)
    }

    /// Like [`Simulator::new`], but reuses from `cache` the parsing, decoding and validation of
    /// every document whose text and position are unchanged since the cache last saw it, so an
    /// edit re-reads only the edited document. The result is identical to [`Simulator::new`].
    ///
    /// It also reuses the routing index of every host whose paths are unchanged, and leaves the
    /// static analysis until it is needed (see [`Simulator::route_early`]).
    pub fn new_incremental(input: &str, options: &Options, cache: &mut DocumentCache) -> Simulator {
        let (manifest, validation) = cache.read(input);
        Simulator::from_read(manifest, validation, options, cache)
    }

    /// The second half of [`Simulator::new_incremental`], for a caller that runs the halves in
    /// separate tasks: compiles what [`DocumentCache::read_all`] returned, reusing the cache's
    /// routing index.
    pub fn from_read(
        manifest: Manifest,
        validation: Validation,
        options: &Options,
        cache: &mut DocumentCache,
    ) -> Simulator {
        let (choice, router) = Router::build_reusing(&manifest, options, &mut cache.index);
        Simulator::assemble(manifest, validation, options, choice, router)
    }

    /// Validates and compiles an already parsed manifest.
    pub fn from_manifest(manifest: Manifest, options: &Options) -> Simulator {
        let validation = validate::validate(&manifest);
        Simulator::from_parts(manifest, validation, options)
    }

    fn from_parts(manifest: Manifest, validation: Validation, options: &Options) -> Simulator {
        let (choice, router) = Router::build(&manifest, options);
        let simulator = Simulator::assemble(manifest, validation, options, choice, router);
        simulator.analyse();
        simulator
    }

    /// Everything but the static analysis.
    fn assemble(
        manifest: Manifest,
        validation: Validation,
        options: &Options,
        choice: ClassChoice,
        router: Router,
    ) -> Simulator {
        let mut early = manifest.diagnostics.clone();
        early.extend(validation.diagnostics.iter().cloned());
        let cx = Context { manifest: &manifest, spec: &router, choice: &choice };
        let controller = controllers::compile(options.profile, &cx);
        if let Some(c) = &controller {
            early.extend(c.diagnostics(&cx));
        }
        early.extend(whole_input_notes(&manifest, options.profile));
        sort_by_position(&mut early);
        Simulator { manifest, validation, choice, router, controller, early, diagnostics: std::sync::OnceLock::new() }
    }

    /// Runs the static analysis, if it has not run yet; returns every diagnostic
    /// ([`Simulator::diagnostics`]).
    pub fn analyse(&self) -> &[Diagnostic] {
        self.diagnostics.get_or_init(|| {
            let cx = Context { manifest: &self.manifest, spec: &self.router, choice: &self.choice };
            let judge = self.controller.as_deref().map(|controller| crate::analysis::ProfileRouter {
                profile: self.router.profile,
                cx,
                controller,
            });
            let analysis = crate::analysis::analyse_under(&self.manifest, &self.router, &self.choice, judge.as_ref());
            if analysis.is_empty() {
                return self.early.clone();
            }
            // Analysis findings go before the controller's at equal positions, as they always have:
            // rebuild in the original order (parse and decode, validation, analysis, controller),
            // then sort stably.
            let mut all = self.manifest.diagnostics.clone();
            all.extend(self.validation.diagnostics.iter().cloned());
            all.extend(analysis);
            if let Some(c) = &self.controller {
                all.extend(c.diagnostics(&cx));
            }
            all.extend(whole_input_notes(&self.manifest, self.router.profile));
            sort_by_position(&mut all);
            all
        })
    }

    /// True once the static analysis has run.
    pub fn is_analysed(&self) -> bool {
        self.diagnostics.get().is_some()
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
        self.analyse()
    }

    /// The diagnostics known without static analysis (parse, decode, validation, controller); all
    /// of them once [`Simulator::is_analysed`].
    pub fn early_diagnostics(&self) -> &[Diagnostic] {
        self.diagnostics.get().unwrap_or(&self.early)
    }

    /// The errors that make the API server reject an object (and YAML errors): what `validate`
    /// reports. Warnings and notices are not included.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        // Static analysis reports warnings and notices only.
        self.early.iter().filter(|d| d.is_error())
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

    /// Routes under any profile without building the explanation, for batch runs: the decision
    /// [`Simulator::route`] returns, with an empty `explanation` and no `diagnostics`; it does not
    /// wait for the static analysis.
    pub fn route_unexplained(&self, request: &Request) -> Decision {
        let cx = Context { manifest: &self.manifest, spec: &self.router, choice: &self.choice };
        let rejected = &self.validation.rejected;
        controllers::unexplained(&cx, self.controller.as_deref(), rejected, request, |i, b| self.resolve_port(i, b))
    }

    /// Routes a request and explains the decision.
    pub fn route(&self, request: &Request) -> Decision {
        self.analyse();
        self.route_early(request)
    }

    /// Like [`Simulator::route`], without waiting for the static analysis: until
    /// [`Simulator::analyse`] has run, `diagnostics` lacks the analysis findings (warnings and
    /// notices); everything else is the same.
    pub fn route_early(&self, request: &Request) -> Decision {
        let normalized = request.normalize(true);
        let routed = match &self.controller {
            Some(controller) => {
                let cx = Context { manifest: &self.manifest, spec: &self.router, choice: &self.choice };
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
        let mut routed =
            Routed::from_spec_lookup(&found, &self.manifest, &self.router, &normalized.host, sni.as_deref());
        routed.explanation = explanation;
        routed
    }

    /// Adds the steps every profile shares (request notes, class, rejection, TLS, named port) to
    /// a profile's answer.
    fn decide(
        &self,
        request: &Request,
        normalized: &crate::request::NormalizedRequest<'_>,
        mut routed: Routed,
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
            let errors = self.errors().filter(|d| d.object.as_deref() == Some(&object)).count();
            explanation.push(Entry::info(format!(
                "{object} would be rejected by the API server ({errors} error(s), see diagnostics); this decision shows what it would do if it were admitted."
            )));
        }
        explanation.extend(std::mem::take(&mut routed.explanation));
        if let Some(t) = &routed.tls {
            let mut e = Entry::info(t.message.clone());
            e.reason = crate::decision::Reason::Tls;
            e.span = t.span;
            e.ingress = t.ingress.clone();
            explanation.push(e);
        }
        let mut diagnostics = self.early_diagnostics().to_vec();
        diagnostics
            .extend(normalized.notes.iter().map(|n| Diagnostic::new(Severity::Notice, Code::Document, n.clone())));
        diagnostics.extend(std::mem::take(&mut routed.diagnostics));
        let resolved_port =
            answering.zip(routed.backend.as_ref()).and_then(|(i, b)| self.resolve_port(&self.manifest.ingresses[i], b));
        if let (Some(port), Some(BackendRef::Service { port: crate::decision::PortRef::Name(name), .. })) =
            (&resolved_port, &routed.backend)
        {
            explanation.push(Entry::info(format!(
                "The named port {name:?} resolves to port {} of Service {}.",
                port.number, port.service
            )));
        }
        let cx = Context { manifest: &self.manifest, spec: &self.router, choice: &self.choice };
        let (host, path) = (normalized.host.as_ref(), normalized.path);
        let decision = routed.into_decision(&cx, request, host, path, &self.validation.rejected, resolved_port);
        Decision { explanation, diagnostics, ..decision }
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
/// last input, keyed by its index and checked against its exact text, the decoded objects, their
/// diagnostics and their validation. Positions are absolute: a chunk found on other lines (lines
/// were added or removed above it) has its places moved ([`crate::source::MoveLines`]) rather
/// than being read again, so typing a new line re-reads only the document it is typed in.
#[derive(Debug, Default)]
pub struct DocumentCache {
    chunks: crate::router::hash::FxMap<u32, CachedChunk>,
    /// The routing index of the last build, per host.
    index: crate::router::IndexCache,
    /// A read in slices under way ([`DocumentCache::read_slice`]).
    slicing: Option<SlicedRead>,
}

#[derive(Debug)]
struct CachedChunk {
    /// The chunk's exact text (the map is keyed by index; the text must match too).
    text: Box<str>,
    /// Its first line in the input it was last seen in.
    first_line: u32,
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
            let key = index as u32;
            let cached = match previous.remove(&key) {
                Some(mut cached) if cached.fits(&chunk, budget) => {
                    cached.move_to(chunk.first_line);
                    cached
                }
                _ => CachedChunk::read(&chunk, index as u32, &limits, budget),
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

    /// The first half of [`Simulator::new_incremental`]: every document of `input` parsed, decoded
    /// and validated (reusing what the cache holds), as one manifest and its validation.
    pub fn read_all(&mut self, input: &str) -> (Manifest, Validation) {
        self.read(input)
    }

    /// Reads the next documents of a large `input` into the cache, one at a time while `more()`
    /// answers true (it is asked after each document), so that a caller on a UI thread can yield
    /// between slices; the [`Simulator::new_incremental`] that follows finds every document read.
    /// Returns `Some((bytes read, bytes in the input))` while documents remain, `None` once all
    /// are read. A call with another input starts over.
    pub fn read_slice(&mut self, input: &str, mut more: impl FnMut() -> bool) -> Option<(usize, usize)> {
        let identity = (input.as_ptr() as usize, input.len());
        let mut read = match self.slicing.take() {
            Some(read) if read.input == identity => read,
            _ => SlicedRead::start(input),
        };
        let limits = crate::yaml::Limits::default();
        while let Some(&(start, len, first_line, line_count)) = read.chunks.get(read.next) {
            let text = input.get(start..start + len)?;
            let chunk = crate::yaml::Chunk { text, first_line, line_count };
            let index = read.next as u32;
            let key = index;
            let nodes = match self.chunks.get_mut(&key) {
                Some(cached) if cached.fits(&chunk, read.budget) => {
                    cached.move_to(first_line);
                    cached.nodes
                }
                _ => {
                    let cached = CachedChunk::read(&chunk, index, &limits, read.budget);
                    let nodes = cached.nodes;
                    if !cached.budget_bound {
                        self.chunks.insert(key, cached);
                    }
                    nodes
                }
            };
            read.budget -= nodes.min(read.budget);
            read.next += 1;
            read.done_bytes = start + len;
            if !more() {
                break;
            }
        }
        if read.next >= read.chunks.len() {
            return None;
        }
        let progress = (read.done_bytes, input.len());
        self.slicing = Some(read);
        Some(progress)
    }
}

/// A read of one input in slices (see [`DocumentCache::read_slice`]).
#[derive(Debug)]
struct SlicedRead {
    /// The input's address and length.
    input: (usize, usize),
    /// `(byte offset, byte length, first line, line count)` of every chunk.
    chunks: Vec<(usize, usize, u32, u32)>,
    next: usize,
    done_bytes: usize,
    /// The input-wide node budget left before chunk `next`.
    budget: usize,
}

impl SlicedRead {
    fn start(input: &str) -> SlicedRead {
        let base = input.as_ptr() as usize;
        let chunks = crate::yaml::chunks(input)
            .map(|c| (c.text.as_ptr() as usize - base, c.text.len(), c.first_line, c.line_count))
            .collect();
        SlicedRead {
            input: (base, input.len()),
            chunks,
            next: 0,
            done_bytes: 0,
            budget: crate::yaml::Limits::default().max_nodes,
        }
    }
}

impl CachedChunk {
    /// Parses, decodes and validates one chunk with `budget` nodes left.
    fn read(chunk: &crate::yaml::Chunk<'_>, index: u32, limits: &crate::yaml::Limits, budget: usize) -> CachedChunk {
        let parsed = crate::yaml::parse_chunk(chunk, index, limits, &mut budget.clone());
        let budget_bound = matches!(parsed.error, Some(crate::yaml::YamlError::TooManyNodes { .. }));
        let mut part = crate::decode::decode_documents(&parsed.documents, parsed.error.into_iter().collect());
        // As `decode::parse` does: a template's error first.
        part.diagnostics.splice(0..0, crate::decode::template_error(chunk, index));
        let validation = validate::validate(&part);
        CachedChunk {
            text: chunk.text.into(),
            first_line: chunk.first_line,
            part,
            validation,
            nodes: parsed.nodes,
            budget_bound,
        }
    }

    /// True when this is a read of `chunk`'s text (wherever it sits) within the node budget left.
    fn fits(&self, chunk: &crate::yaml::Chunk<'_>, budget: usize) -> bool {
        same_text(&self.text, chunk.text) && self.nodes <= budget
    }

    /// Moves every place to a chunk starting on `first_line`.
    fn move_to(&mut self, first_line: u32) {
        use crate::source::MoveLines;
        let by = i64::from(first_line) - i64::from(self.first_line);
        if by != 0 {
            self.part.move_lines(by);
            self.validation.move_lines(by);
            self.first_line = first_line;
        }
    }
}

/// `a == b`, 16 bytes at a time: on wasm, `memcmp` compares byte by byte, and the cache compares
/// the whole input on every edit.
fn same_text(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut x, mut y) = (a.as_bytes().chunks_exact(16), b.as_bytes().chunks_exact(16));
    let word = |c: &[u8]| u128::from_ne_bytes(c.try_into().unwrap_or_default());
    (&mut x).zip(&mut y).all(|(p, q)| word(p) == word(q)) && x.remainder() == y.remainder()
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
