//! What the JS `Simulation` class holds: one manifest, read once, and each profile's compiled form
//! kept until the manifest changes, so that a caller asking many questions of one manifest (the
//! playground's *Compare controllers* on every URL edit) pays only for the routing.
//!
//! [`Handle::update`] re-reads only the `---` documents whose text changed (the engine's
//! [`DocumentCache`], which also reuses the routing index of unchanged hosts). Plain Rust, so it is
//! unit-tested natively; `lib.rs` decodes the JS arguments and converts the results.

use crate::input::CompareOptions;
use crate::output;
use ingress_engine::cases::{run_cases, CaseFile, CaseReport};
use ingress_engine::validate::Validation;
use ingress_engine::{Comparison, Decision, DocumentCache, Manifest, Options, Profile, Request, Simulator};

/// How many compiled forms (one per class and profile asked for) a handle keeps; the oldest goes
/// first. Six profiles under two classes fit.
const COMPILED_KEPT: usize = 12;

/// A manifest read once, and its compiled forms.
#[derive(Debug)]
pub struct Handle {
    documents: DocumentCache,
    /// Every document of the manifest, parsed, decoded and validated.
    manifest: Manifest,
    validation: Validation,
    /// The simulators compiled since the last update, oldest first.
    compiled: Vec<(Options, Simulator)>,
}

impl Handle {
    /// Reads a manifest (YAML or JSON, any number of documents). Never fails: a manifest that is
    /// not even YAML is reported by [`Handle::simulator`]'s diagnostics and refused by the routing
    /// calls.
    pub fn new(yaml: &str) -> Handle {
        let mut documents = DocumentCache::default();
        let (manifest, validation) = documents.read_all(yaml);
        Handle { documents, manifest, validation, compiled: Vec::new() }
    }

    /// Replaces the manifest, re-reading only the documents whose text changed; forgets every
    /// compiled form.
    pub fn update(&mut self, yaml: &str) {
        let (manifest, validation) = self.documents.read_all(yaml);
        self.manifest = manifest;
        self.validation = validation;
        self.compiled.clear();
    }

    /// How many compiled forms the handle holds (for tests of the caching).
    pub fn compiled_count(&self) -> usize {
        self.compiled.len()
    }

    /// The simulator for `options`, compiled on first use.
    pub fn simulator(&mut self, options: &Options) -> &Simulator {
        let index = match self.compiled.iter().position(|(compiled, _)| compiled == options) {
            Some(index) => index,
            None => {
                if self.compiled.len() == COMPILED_KEPT {
                    self.compiled.remove(0);
                }
                let (manifest, validation) = (self.manifest.clone(), self.validation.clone());
                let simulator = Simulator::from_read(manifest, validation, options, &mut self.documents);
                self.compiled.push((options.clone(), simulator));
                self.compiled.len() - 1
            }
        };
        &self.compiled[index].1
    }

    /// The simulator for `options`, or the error of a manifest from which nothing usable came out.
    pub fn usable(&mut self, options: &Options) -> Result<&Simulator, String> {
        usable(self.simulator(options))
    }

    /// Routes one request. Without `explain`, the decision comes without explanation and
    /// diagnostics (the engine's fast path, as the CLI's batch runs use).
    pub fn route(&mut self, request: &Request, options: &Options, explain: bool) -> Result<Decision, String> {
        let simulator = self.usable(options)?;
        Ok(match explain {
            true => simulator.route(request),
            false => simulator.route_unexplained(request),
        })
    }

    /// Routes one request under each profile, in the order given (without `explain`, the
    /// decisions come without explanation and diagnostics).
    pub fn compare(&mut self, request: &Request, options: &CompareOptions) -> Result<Comparison, String> {
        let class = &options.class;
        self.usable(&Options { class: class.clone(), profile: Profile::Spec })?;
        let decisions = options
            .profiles
            .iter()
            .map(|&profile| {
                let simulator = self.simulator(&Options { class: class.clone(), profile });
                match options.explain {
                    true => simulator.route(request),
                    false => simulator.route_unexplained(request),
                }
            })
            .collect();
        Ok(Comparison::of(decisions))
    }

    /// Runs a case file.
    pub fn run_cases(&mut self, file: &CaseFile, options: &Options) -> Result<CaseReport, String> {
        Ok(run_cases(self.usable(options)?, file))
    }

    /// Validates the manifest as the API server would (and the profile's controller, for a
    /// controller profile): `{ valid, errors, warnings, notices }`.
    pub fn validation(&mut self, options: &Options) -> output::Validation<'_> {
        output::Validation::of(self.simulator(options))
    }
}

/// `simulator`, unless nothing usable came out of its manifest.
pub fn usable(simulator: &Simulator) -> Result<&Simulator, String> {
    match simulator.manifest().is_unusable() {
        true => Err(output::unusable_manifest(simulator)),
        false => Ok(simulator),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ingress_engine::cases::parse_cases;
    use ingress_engine::ProfileSet;

    fn ingress(name: &str, host: &str, path: &str, service: &str) -> String {
        format!(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}}}\nspec:\n  rules:\n  - host: {host}\n    http:\n      paths:\n      - {{path: {path}, pathType: ImplementationSpecific, backend: {{service: {{name: {service}, port: {{number: 80}}}}}}}}\n"
        )
    }

    fn manifest() -> String {
        [ingress("a", "shop.example.com", "/static", "assets"), ingress("b", "docs.example.com", "/", "docs")]
            .join("---\n")
    }

    fn spec() -> Options {
        Options::default()
    }

    fn every_profile(explain: bool) -> CompareOptions {
        CompareOptions { class: None, profiles: Profile::ALL.to_vec(), explain }
    }

    #[test]
    fn routes_as_a_fresh_simulator_does_under_every_profile() {
        let text = manifest();
        let mut handle = Handle::new(&text);
        for &profile in Profile::ALL {
            let options = Options { class: None, profile };
            for url in ["http://shop.example.com/staticfiles", "http://docs.example.com/x", "http://nobody/"] {
                let request = Request::from_url(url).unwrap();
                let fresh = Simulator::new(&text, &options).route(&request);
                assert_eq!(handle.route(&request, &options, true).unwrap(), fresh, "{profile:?} {url}");
            }
        }
        assert_eq!(handle.compiled_count(), Profile::ALL.len(), "one compiled form per profile, kept");
    }

    #[test]
    fn compiled_forms_are_kept_until_the_next_update() {
        let mut handle = Handle::new(&manifest());
        let request = Request::from_url("http://shop.example.com/static/a.css").unwrap();
        let first: *const Simulator = handle.simulator(&spec());
        handle.route(&request, &spec(), true).unwrap();
        assert_eq!(first, handle.simulator(&spec()) as *const Simulator, "the same compiled form answers again");
        assert_eq!(handle.compiled_count(), 1);
        // An edit: the handle answers for the new text, compiled afresh.
        let edited = manifest().replace("name: assets", "name: assets-v2");
        handle.update(&edited);
        assert_eq!(handle.compiled_count(), 0);
        let decision = handle.route(&request, &spec(), true).unwrap();
        assert_eq!(decision.backend_label(), "assets-v2:80");
        assert_eq!(decision, Simulator::new(&edited, &spec()).route(&request));
    }

    #[test]
    fn the_number_of_compiled_forms_is_bounded() {
        let mut handle = Handle::new(&manifest());
        for class in 0..COMPILED_KEPT + 3 {
            handle.simulator(&Options { class: Some(format!("class-{class}")), profile: Profile::Spec });
        }
        assert_eq!(handle.compiled_count(), COMPILED_KEPT);
    }

    #[test]
    fn compare_agrees_with_a_profile_set() {
        let text = manifest();
        let mut handle = Handle::new(&text);
        let request = Request::from_url("http://shop.example.com/staticfiles").unwrap();
        let compared = handle.compare(&request, &every_profile(true)).unwrap();
        let sim = Simulator::new(&text, &spec());
        assert_eq!(compared, ProfileSet::all(sim.manifest(), None).compare(&request));
        assert!(!compared.agree, "Traefik's character prefix matches /staticfiles, the spec does not");
        // A second comparison reuses the compiled forms.
        let count = handle.compiled_count();
        handle.compare(&Request::from_url("http://docs.example.com/").unwrap(), &every_profile(true)).unwrap();
        assert_eq!(handle.compiled_count(), count);
        // Unexplained: the same answers and differences.
        let fast = handle.compare(&request, &every_profile(false)).unwrap();
        assert_eq!(
            (&fast.groups, &fast.differences, fast.agree),
            (&compared.groups, &compared.differences, compared.agree)
        );
        assert!(fast.decisions.iter().all(|d| d.explanation.is_empty()));
    }

    #[test]
    fn unexplained_routes_give_the_same_answer_without_the_explanation() {
        let mut handle = Handle::new(&manifest());
        let request = Request::from_url("http://docs.example.com/x").unwrap();
        let explained = handle.route(&request, &spec(), true).unwrap();
        let fast = handle.route(&request, &spec(), false).unwrap();
        assert_eq!((fast.outcome, fast.backend_label()), (explained.outcome, explained.backend_label()));
        assert!(fast.explanation.is_empty() && !explained.explanation.is_empty());
    }

    #[test]
    fn an_unusable_manifest_is_refused_with_its_errors_but_validates() {
        let mut handle = Handle::new("spec: [");
        let request = Request::from_url("http://a/").unwrap();
        let message = handle.route(&request, &spec(), true).unwrap_err();
        assert!(
            message.starts_with("yaml: nothing usable came out of the manifest:\n  2:1: error: YAML syntax"),
            "{message}"
        );
        assert!(handle.compare(&request, &every_profile(true)).is_err());
        assert!(!handle.validation(&spec()).valid);
        // Fixed by an update.
        handle.update(&manifest());
        assert!(handle.route(&request, &spec(), true).is_ok());
        assert!(handle.validation(&spec()).valid);
    }

    #[test]
    fn case_files_run_against_the_held_manifest() {
        let mut handle = Handle::new(&manifest());
        let (file, errors) = parse_cases(
            "cases:\n- {url: http://docs.example.com/, expect: {backend: \"docs:80\"}}\n- {url: http://shop.example.com/staticfiles, expect: {outcome: no-match}}\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let spec_report = handle.run_cases(&file, &spec()).unwrap();
        assert_eq!((spec_report.passed, spec_report.failed), (2, 0));
        let traefik = handle.run_cases(&file, &Options { class: None, profile: Profile::Traefik }).unwrap();
        assert_eq!((traefik.passed, traefik.failed), (1, 1));
    }
}
