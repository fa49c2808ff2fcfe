//! [`Simulator`]: one parsed and validated input, and every profile asked about it so far.

use crate::class::{self, ClassChoice};
use crate::compare::Comparison;
use crate::controllers::{self, Asked, Compiled, Context};
use crate::decision::Decision;
use crate::diagnostic::Diagnostic;
use crate::model::Manifest;
use crate::profile::Profile;
use crate::request::Request;
use crate::router::Router;
use crate::source::{input_order, SourceId, Sources};
use crate::validate::{self, Validation};
use crate::DocumentCache;
use std::sync::{Arc, OnceLock};

/// What to simulate, whatever the profile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The IngressClass to simulate; `None`: the input's default class, or every class when
    /// there is none; `"*"` ([`crate::EVERY_CLASS`]): every class, whatever the default.
    pub class: Option<String>,
}

/// How much of a decision [`Simulator::route`] builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Explain {
    /// The explanation, and every diagnostic of the input under the profile (its static analysis
    /// runs first if it has not yet).
    Yes,
    /// The explanation, without waiting for the static analysis: until
    /// [`Simulator::analyse`] has run for the profile, `diagnostics` lacks the analysis findings
    /// (warnings and notices); everything else is as with [`Explain::Yes`]. For an interactive
    /// caller that shows the decision first and analyses afterwards.
    BeforeAnalysis,
    /// No explanation and only the request's own diagnostics, for batch runs: the same answer,
    /// computed without judging the other candidates.
    No,
}

/// One input, parsed and validated, ready to be asked about under any [`Profile`].
///
/// The class is chosen once (R1, [`Options`]); each profile's controller configuration, class
/// admission and static analysis are computed the first time that profile is asked about
/// ([`Simulator::route`], [`Simulator::analyse`]…) and kept, so asking again costs nothing and
/// a profile never asked about costs nothing. Every answer is the same as if everything had been
/// computed at construction.
#[derive(Debug)]
pub struct Simulator {
    manifest: Manifest,
    validation: Validation,
    choice: ClassChoice,
    /// The spec index of the Ingresses the spec rules admit, built with the simulator because it
    /// reuses the [`DocumentCache`]'s per-host index; every profile that admits the same
    /// Ingresses shares it.
    spec_index: Arc<Router>,
    /// Per profile, in [`Profile::ALL`] order: its compiled form, once asked about.
    profiles: [OnceLock<CompiledProfile>; PROFILES],
    /// Per Gateway API implementation, in [`crate::gateway::Implementation::ALL`] order: its
    /// compiled table, once asked about.
    #[cfg(feature = "gateway")]
    gateway_tables: [OnceLock<crate::gateway::table::Table>; 3],
    /// What each profile's compile may take from the last compile of an earlier reading, and
    /// leaves for the next (shared with the [`DocumentCache`] it was read with).
    reuse: Arc<CompileReuse>,
}

/// Per profile, in [`Profile::ALL`] order, what its last compile leaves for the next one after an
/// edit ([`controllers::Reuse`]). Everything kept is checked against the new input before it is
/// used, so a reading of any input may share it.
#[derive(Debug, Default)]
pub(crate) struct CompileReuse {
    profiles: [std::sync::Mutex<ProfileReuse>; PROFILES],
}

/// What one profile's compile and static analysis leave for the next ones.
#[derive(Debug, Default)]
struct ProfileReuse {
    controller: controllers::Reuse,
    analysis: crate::analysis::Reuse,
}

impl CompileReuse {
    /// `profile`'s part, locked (a panic while it was held leaves nothing inconsistent: every
    /// entry is checked before use).
    fn of(&self, profile: Profile) -> std::sync::MutexGuard<'_, ProfileReuse> {
        self.profiles[profile as usize].lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// How many profiles there are.
const PROFILES: usize = Profile::ALL.len();

/// One profile compiled for the input.
#[derive(Debug)]
struct CompiledProfile {
    profile: Profile,
    /// The spec index of the Ingresses this profile's controller admits (admission, rank,
    /// certificates, the candidates the static analysis probes).
    index: Arc<Router>,
    controller: Box<dyn Compiled>,
    /// Parse, decode, validation and controller diagnostics and the whole-input notes, in
    /// input order.
    early: Vec<Diagnostic>,
    /// `early` and the static analysis, in input order, once analysed.
    all: OnceLock<Vec<Diagnostic>>,
}

/// The place a diagnostic sorts by in input order (`order`: the input's sources); at one position,
/// by document (a fresh read and a per-document read collect syntax errors in different orders,
/// and must list them alike: found by fuzzing). Diagnostics without a place go last.
fn position_key(d: &Diagnostic, order: &[SourceId]) -> (usize, u32, u32, u32) {
    d.span.map(|s| input_order(order, s)).unwrap_or((usize::MAX, u32::MAX, 0, 0))
}

/// Sorts diagnostics into input order ([`position_key`]), stably.
fn sort_by_position(diagnostics: &mut [Diagnostic], order: &[SourceId]) {
    crate::order::sort_by_key(diagnostics, |d| position_key(d, order));
}

/// What is said about the input as a whole ([`crate::hints`]): the controller it is written for,
/// or that it holds no Ingress.
fn whole_input_notes(manifest: &Manifest, profile: Profile) -> impl Iterator<Item = Diagnostic> {
    crate::hints::controller_hints(manifest, profile).into_iter().chain(crate::hints::no_ingress(manifest))
}

impl Simulator {
    /// Parses and validates an input (YAML or JSON, any number of documents): one text (`&str`),
    /// or named sources (`&[Source]`) whose positions name their files.
    pub fn new<'a>(input: impl Into<Sources<'a>>, options: &Options) -> Simulator {
        Simulator::from_manifest(crate::decode::parse(input), options)
    }

    /// Like [`Simulator::new`], but reuses from `cache` the parsing, decoding and validation of
    /// every document whose text and position are unchanged since the cache last saw it, so an
    /// edit re-reads only the edited document, and the spec index of every host whose paths are
    /// unchanged. The answers are identical to [`Simulator::new`]'s, under every profile.
    pub fn new_incremental<'a>(
        input: impl Into<Sources<'a>>,
        options: &Options,
        cache: &mut DocumentCache,
    ) -> Simulator {
        let (manifest, validation) = cache.read(input.into());
        Simulator::from_read(manifest, validation, options, cache)
    }

    /// The second half of [`Simulator::new_incremental`], for a caller that runs the halves in
    /// separate tasks: takes what [`DocumentCache::read_all`] returned, reusing the cache's
    /// routing index.
    pub fn from_read(
        manifest: Manifest,
        validation: Validation,
        options: &Options,
        cache: &mut DocumentCache,
    ) -> Simulator {
        let (choice, router) = Router::build_reusing(&manifest, options, &mut cache.index);
        Simulator::assemble(manifest, validation, choice, router, cache.compiled.clone())
    }

    /// The same input under other options (another class): a new simulator sharing this one's
    /// reading (parsing, decoding, validation), reusing `cache`'s routing index; nothing of this
    /// one's profiles is carried over, since class admission decides what they compile.
    pub fn with_options(&self, options: &Options, cache: &mut DocumentCache) -> Simulator {
        Simulator::from_read(self.manifest.clone(), self.validation.clone(), options, cache)
    }

    /// Validates an already parsed manifest.
    pub fn from_manifest(manifest: Manifest, options: &Options) -> Simulator {
        let validation = validate::validate(&manifest);
        let (choice, router) = Router::build(&manifest, options);
        Simulator::assemble(manifest, validation, choice, router, Arc::default())
    }

    fn assemble(
        manifest: Manifest,
        validation: Validation,
        choice: ClassChoice,
        spec_index: Router,
        reuse: Arc<CompileReuse>,
    ) -> Simulator {
        let profiles = std::array::from_fn(|_| OnceLock::new());
        Simulator {
            manifest,
            validation,
            choice,
            spec_index: Arc::new(spec_index),
            profiles,
            #[cfg(feature = "gateway")]
            gateway_tables: std::array::from_fn(|_| OnceLock::new()),
            reuse,
        }
    }

    /// Routes a request under `profile`: the decision, explained as `explain` asks.
    pub fn route(&self, request: &Request, profile: Profile, explain: Explain) -> Decision {
        let compiled = self.compiled(profile);
        let cx = self.context(compiled);
        let input = match explain {
            Explain::Yes => Some(self.analysed(compiled)),
            Explain::BeforeAnalysis => Some(compiled.known()),
            Explain::No => None,
        };
        compiled.controller.decide(&cx, &Asked::new(request, input.is_some()), input)
    }

    /// Routes a request under each of `profiles` ([`Simulator::route`]) and says where the
    /// answers differ.
    pub fn compare(&self, request: &Request, profiles: &[Profile], explain: Explain) -> Comparison {
        Comparison::of(profiles.iter().map(|&profile| self.route(request, profile, explain)).collect())
    }

    /// Every diagnostic of the input under `profile` (parse, decode, validation, the profile's
    /// controller, static analysis), in input order; runs the profile's static analysis if it
    /// has not run yet.
    pub fn analyse(&self, profile: Profile) -> &[Diagnostic] {
        self.analysed(self.compiled(profile))
    }

    /// [`Simulator::analyse`].
    pub fn diagnostics(&self, profile: Profile) -> &[Diagnostic] {
        self.analyse(profile)
    }

    /// The diagnostics under `profile` known without its static analysis (parse, decode,
    /// validation, controller); all of them once [`Simulator::is_analysed`].
    pub fn early_diagnostics(&self, profile: Profile) -> &[Diagnostic] {
        self.compiled(profile).known()
    }

    /// True once `profile` has been compiled for this input (it is, the first time it is asked
    /// about).
    pub fn is_compiled(&self, profile: Profile) -> bool {
        self.slot(profile).get().is_some()
    }

    /// True once the static analysis under `profile` has run.
    pub fn is_analysed(&self, profile: Profile) -> bool {
        self.slot(profile).get().is_some_and(|c| c.all.get().is_some())
    }

    /// The parsed input.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The errors that make the API server reject an object (and YAML errors), in input order:
    /// what `validate` reports, whatever the profile. Warnings and notices are not included.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        let order = &self.manifest.sources;
        let mut errors: Vec<&Diagnostic> =
            self.manifest.diagnostics.iter().chain(&self.validation.diagnostics).filter(|d| d.is_error()).collect();
        crate::order::sort_by_key(&mut errors, |d| position_key(d, order));
        errors.into_iter()
    }

    /// Per Ingress (manifest order): would the API server reject it?
    pub fn rejected(&self) -> &[bool] {
        &self.validation.rejected
    }

    /// The simulated class (`None`: every class).
    pub fn class(&self) -> Option<&str> {
        self.choice.name()
    }

    /// The spec index of the Ingresses `profile` admits (its admission, ranks and candidates:
    /// what the route map draws), the profile compiled on first need.
    pub(crate) fn profile_index(&self, profile: Profile) -> &Router {
        &self.compiled(profile).index
    }

    /// Where `profile`'s compiled form is kept.
    fn slot(&self, profile: Profile) -> &OnceLock<CompiledProfile> {
        // `Profile::ALL` lists the profiles in declaration order.
        let index = profile as usize;
        debug_assert_eq!(Profile::ALL[index], profile);
        &self.profiles[index]
    }

    /// `profile` compiled, the first time it is asked for.
    fn compiled(&self, profile: Profile) -> &CompiledProfile {
        self.slot(profile).get_or_init(|| self.compile(profile))
    }

    /// The profile's class admission, its spec index (shared when it admits what the spec does)
    /// and its controller configuration.
    fn compile(&self, profile: Profile) -> CompiledProfile {
        let admission = class::admission(profile, &self.manifest, &self.choice);
        let index = if admission == self.spec_index.admission() {
            self.spec_index.clone()
        } else {
            Arc::new(Router::compile(&self.manifest, admission))
        };
        let cx = Context {
            manifest: &self.manifest,
            validation: &self.validation,
            spec: &index,
            choice: &self.choice,
            profile,
        };
        let controller = controllers::compile(&cx, &mut self.reuse.of(profile).controller);
        let mut early = self.manifest.diagnostics.clone();
        early.extend(self.validation.diagnostics.iter().cloned());
        early.extend(controller.diagnostics().iter().cloned());
        early.extend(whole_input_notes(&self.manifest, profile));
        sort_by_position(&mut early, &self.manifest.sources);
        CompiledProfile { profile, index, controller, early, all: OnceLock::new() }
    }

    /// What a compiled profile is handed to route.
    fn context<'a>(&'a self, compiled: &'a CompiledProfile) -> Context<'a> {
        Context {
            manifest: &self.manifest,
            validation: &self.validation,
            spec: &compiled.index,
            choice: &self.choice,
            profile: compiled.profile,
        }
    }

    /// Every diagnostic under a compiled profile, its static analysis run on first need.
    fn analysed<'a>(&'a self, compiled: &'a CompiledProfile) -> &'a [Diagnostic] {
        compiled.all.get_or_init(|| {
            let cx = self.context(compiled);
            // The spec profile's findings read its index directly; a controller's are judged by
            // asking it.
            let judge = (compiled.profile != Profile::Spec).then_some(crate::analysis::ProfileRouter {
                profile: compiled.profile,
                cx,
                controller: &*compiled.controller,
            });
            let mut reuse = self.reuse.of(compiled.profile);
            let judge = judge.as_ref().map(|judge| (judge, &mut reuse.analysis));
            let analysis = crate::analysis::analyse_under(&self.manifest, &compiled.index, &self.choice, judge);
            if analysis.is_empty() {
                return compiled.early.clone();
            }
            // Analysis findings go before the controller's at equal positions: rebuild in that
            // order (parse and decode, validation, analysis, controller), then sort stably.
            let mut all = self.manifest.diagnostics.clone();
            all.extend(self.validation.diagnostics.iter().cloned());
            all.extend(analysis);
            all.extend(compiled.controller.diagnostics().iter().cloned());
            all.extend(whole_input_notes(&self.manifest, compiled.profile));
            sort_by_position(&mut all, &self.manifest.sources);
            all
        })
    }
}

#[cfg(feature = "gateway")]
impl Simulator {
    /// `implementation`'s compiled Gateway API table, compiled the first time it is asked for.
    pub(crate) fn gateway_table(
        &self,
        implementation: crate::gateway::Implementation,
    ) -> &crate::gateway::table::Table {
        self.gateway_tables[implementation.slot()]
            .get_or_init(|| crate::gateway::table::Table::compile(&self.manifest, implementation))
    }

    /// What the API server would say about the input.
    pub(crate) fn validation(&self) -> &Validation {
        &self.validation
    }

    /// Parse, decode and validation diagnostics (every severity), unsorted.
    pub(crate) fn read_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.manifest.diagnostics.iter().chain(&self.validation.diagnostics)
    }
}

impl CompiledProfile {
    /// Every diagnostic known so far: all of them once analysed.
    fn known(&self) -> &[Diagnostic] {
        self.all.get().unwrap_or(&self.early)
    }
}

impl Simulator {
    /// The spec index of the Ingresses `profile` admits.
    pub(crate) fn index(&self, profile: Profile) -> &Router {
        &self.compiled(profile).index
    }

    /// The certificate the spec's rules (R7) choose among the Ingresses `profile` admits, for an
    /// SNI name on a request routed by `host` (normalised).
    pub(crate) fn certificate(&self, profile: Profile, sni: &str, host: &str) -> crate::decision::TlsDecision {
        crate::tls::choose_certificate(&self.manifest, self.index(profile), sni, host)
    }
}

#[cfg(all(test, feature = "controllers"))]
mod tests {
    use super::*;

    fn ingress(name: &str, host: &str, service: &str) -> String {
        format!(
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}}}\nspec:\n  rules:\n  - host: {host}\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: {service}, port: {{number: 80}}}}}}}}\n"
        )
    }

    /// The compiled part that answers `host` under ingress-nginx (its server).
    fn server(sim: &Simulator, host: &str) -> Arc<dyn std::any::Any + Send + Sync> {
        let dependencies = sim.compiled(Profile::IngressNginx).controller.dependencies(host);
        dependencies.expect("ingress-nginx says what a host depends on").part
    }

    /// An edit in one host's Ingress compiles that host's server again and keeps the others'
    /// (tests/incremental_profiles.rs checks that the answers equal a fresh simulator's).
    #[test]
    fn an_edit_recompiles_only_the_edited_hosts_server() {
        let options = Options::default();
        let mut cache = DocumentCache::default();
        let a = ingress("a", "a.example.com", "web");
        let before =
            Simulator::new_incremental(&(a.clone() + &ingress("b", "b.example.com", "web")), &options, &mut cache);
        let after = Simulator::new_incremental(&(a + &ingress("b", "b.example.com", "api")), &options, &mut cache);
        assert!(Arc::ptr_eq(&server(&before, "a.example.com"), &server(&after, "a.example.com")));
        assert!(!Arc::ptr_eq(&server(&before, "b.example.com"), &server(&after, "b.example.com")));
        // A simulator read on its own shares nothing with them.
        let fresh = Simulator::new(&ingress("a", "a.example.com", "web"), &options);
        assert!(!Arc::ptr_eq(&server(&before, "a.example.com"), &server(&fresh, "a.example.com")));
    }
}
