//! What the JS `Simulation` class holds: one manifest, read once per update into one engine
//! [`Simulator`], which each profile is asked of: a profile is compiled the first time it is asked
//! for and kept until the manifest changes, so that a caller asking many questions of one manifest
//! (the playground's *Compare controllers* on every URL edit) pays only for the routing.
//!
//! [`Handle::update`] re-reads only the `---` documents whose text changed (the engine's
//! [`DocumentCache`], which also reuses the routing index of unchanged hosts). Plain Rust, so it is
//! unit-tested natively; `lib.rs` decodes the JS arguments and converts the results.

use crate::input::{CompareOptions, Setting};
use crate::output;
use ingress_engine::cases::{run_cases_listing, CaseFile, CaseReport};
use ingress_engine::{
    ClassNames, Comparison, Decision, DocumentCache, Explain, Options, Profile, Request, Simulator, Sources,
};

/// A manifest read once, asked about under any profile.
#[derive(Debug)]
pub struct Handle {
    documents: DocumentCache,
    /// The options the simulator was read with (the class last asked for).
    options: Options,
    /// The manifest, parsed, decoded and validated; its profiles compiled as they are asked for.
    simulator: Simulator,
    /// The manifest's text as given: a migration reads it again beside the converted YAML.
    #[cfg(feature = "gateway")]
    input: crate::input::ManifestInput,
}

/// `Explain::Yes` when asked to explain, else the batch decision.
pub fn explain(explain: bool) -> Explain {
    match explain {
        true => Explain::Yes,
        false => Explain::No,
    }
}

impl Handle {
    /// Reads a manifest (YAML or JSON, any number of documents). Never fails: a manifest that is
    /// not even YAML is reported by [`Handle::validation`] and refused by the routing calls.
    pub fn new<'a>(yaml: impl Into<Sources<'a>>) -> Handle {
        let mut documents = DocumentCache::default();
        let options = Options::default();
        let yaml = yaml.into();
        let simulator = Simulator::new_incremental(yaml, &options, &mut documents);
        #[cfg(feature = "gateway")]
        let input = held(yaml);
        Handle {
            documents,
            options,
            simulator,
            #[cfg(feature = "gateway")]
            input,
        }
    }

    /// Replaces the manifest, re-reading only the documents whose text changed; forgets every
    /// compiled profile.
    pub fn update<'a>(&mut self, yaml: impl Into<Sources<'a>>) {
        let yaml = yaml.into();
        self.simulator = Simulator::new_incremental(yaml, &self.options, &mut self.documents);
        #[cfg(feature = "gateway")]
        {
            self.input = held(yaml);
        }
    }

    /// The manifest's text, as last given.
    #[cfg(feature = "gateway")]
    pub fn input(&self) -> Sources<'_> {
        self.input.sources()
    }

    /// How many profiles the handle has compiled since the last update or change of class (for
    /// tests of the caching).
    pub fn compiled_count(&self) -> usize {
        Profile::ALL.iter().filter(|&&profile| self.simulator.is_compiled(profile)).count()
    }

    /// The simulator read with `options`: the one held, or, for another class, the same reading
    /// under that class (which then is the one held).
    pub fn simulator(&mut self, options: &Options) -> &Simulator {
        if *options != self.options {
            self.simulator = self.simulator.with_options(options, &mut self.documents);
            self.options = options.clone();
        }
        &self.simulator
    }

    /// The simulator for `options`, or the error of a manifest from which nothing usable came out.
    pub fn usable(&mut self, options: &Options) -> Result<&Simulator, String> {
        usable(self.simulator(options))
    }

    /// Routes one request, explained as asked ([`Explain::No`]: the engine's fast path, as the
    /// CLI's batch runs use).
    pub fn route(&mut self, request: &Request, setting: &Setting, explain: Explain) -> Result<Decision, String> {
        let profile = setting.profile.ingress().map_err(|e| format!("options.profile: {e}"))?;
        Ok(self.usable(&setting.options())?.route(request, profile, explain))
    }

    /// Routes one request under each profile, in the order given (without `explain`, the
    /// decisions come without explanation and diagnostics).
    pub fn compare(&mut self, request: &Request, options: &CompareOptions) -> Result<Comparison, String> {
        let simulator = self.usable(&Options { class: options.class.clone() })?;
        Ok(simulator.compare(request, &options.profiles, explain(options.explain)))
    }

    /// Runs a case file, listing at most `listed` uncovered paths (the rest counted).
    pub fn run_cases(&mut self, file: &CaseFile, setting: &Setting, listed: usize) -> Result<CaseReport, String> {
        Ok(run_cases_listing(self.usable(&setting.options())?, &setting.profile, file, listed))
    }

    /// The input's Gateways (`namespace/name`, input order).
    #[cfg(feature = "gateway")]
    pub fn gateways(&self) -> Vec<String> {
        self.simulator.gateways()
    }

    /// Whether a request goes through a Gateway ([`Simulator::asks_gateway`]).
    #[cfg(feature = "gateway")]
    pub fn asks_gateway(&self, gateway: Option<&str>) -> bool {
        self.simulator.asks_gateway(gateway)
    }

    /// The classes the manifest names (the same under every profile).
    pub fn classes(&self) -> ClassNames {
        ClassNames::of(self.simulator.manifest())
    }

    /// Validates the manifest as the API server would (and the profile's controller, for a
    /// controller profile): `{ valid, errors, warnings, notices }`.
    pub fn validation(&mut self, setting: &Setting) -> output::Validation<'_> {
        output::Validation::of(self.simulator(&setting.options()), &setting.profile)
    }
}

/// An owned copy of the input's text.
#[cfg(feature = "gateway")]
fn held(yaml: Sources<'_>) -> crate::input::ManifestInput {
    match yaml {
        Sources::Text(text) => crate::input::ManifestInput::Text(text.to_string()),
        Sources::Named(sources) => crate::input::ManifestInput::Named(sources.to_vec()),
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

    fn ingress(name: &str, host: &str, path: &str, service: &str) -> String {
        format!(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}}}\nspec:\n  rules:\n  - host: {host}\n    http:\n      paths:\n      - {{path: {path}, pathType: ImplementationSpecific, backend: {{service: {{name: {service}, port: {{number: 80}}}}}}}}\n"
        )
    }

    fn manifest() -> String {
        [ingress("a", "shop.example.com", "/static", "assets"), ingress("b", "docs.example.com", "/", "docs")]
            .join("---\n")
    }

    fn spec() -> Setting {
        Setting::default()
    }

    fn every_profile(explain: bool) -> CompareOptions {
        CompareOptions { class: None, profiles: Profile::ALL.to_vec(), explain }
    }

    #[test]
    fn routes_as_a_fresh_simulator_does_under_every_profile() {
        let text = manifest();
        let mut handle = Handle::new(&text);
        for &profile in Profile::ALL {
            let setting = Setting { class: None, profile: profile.into() };
            for url in ["http://shop.example.com/staticfiles", "http://docs.example.com/x", "http://nobody/"] {
                let request = Request::from_url(url).unwrap();
                let fresh = Simulator::new(&text, &Options::default()).route(&request, profile, Explain::Yes);
                assert_eq!(handle.route(&request, &setting, Explain::Yes).unwrap(), fresh, "{profile:?} {url}");
            }
        }
        assert_eq!(handle.compiled_count(), Profile::ALL.len(), "one compiled form per profile, kept");
    }

    #[test]
    fn compiled_forms_are_kept_until_the_next_update() {
        let mut handle = Handle::new(&manifest());
        let request = Request::from_url("http://shop.example.com/static/a.css").unwrap();
        handle.route(&request, &spec(), Explain::Yes).unwrap();
        assert_eq!(handle.compiled_count(), 1, "only the profile asked for is compiled");
        handle.route(&request, &spec(), Explain::No).unwrap();
        assert_eq!(handle.compiled_count(), 1);
        // An edit: the handle answers for the new text, compiled afresh.
        let edited = manifest().replace("name: assets", "name: assets-v2");
        handle.update(&edited);
        assert_eq!(handle.compiled_count(), 0);
        let decision = handle.route(&request, &spec(), Explain::Yes).unwrap();
        assert_eq!(decision.backend_label(), "assets-v2:80");
        assert_eq!(decision, Simulator::new(&edited, &Options::default()).route(&request, Profile::Spec, Explain::Yes));
    }

    #[test]
    fn another_class_reads_the_same_manifest_under_it() {
        let text = manifest().replace("spec:\n", "spec:\n  ingressClassName: internal\n");
        let mut handle = Handle::new(&text);
        let request = Request::from_url("http://docs.example.com/").unwrap();
        let internal = Setting { class: Some("internal".into()), profile: Profile::Spec.into() };
        assert_eq!(handle.route(&request, &internal, Explain::No).unwrap().backend_label(), "docs:80");
        let other = Setting { class: Some("other".into()), profile: Profile::Spec.into() };
        assert_eq!(handle.route(&request, &other, Explain::No).unwrap().backend_label(), "");
        assert_eq!(handle.compiled_count(), 1, "the profiles of the class asked before are gone");
    }

    #[test]
    fn compare_agrees_with_a_fresh_simulator() {
        let text = manifest();
        let mut handle = Handle::new(&text);
        let request = Request::from_url("http://shop.example.com/staticfiles").unwrap();
        let compared = handle.compare(&request, &every_profile(true)).unwrap();
        let sim = Simulator::new(&text, &Options::default());
        assert_eq!(compared, sim.compare(&request, Profile::ALL, Explain::Yes));
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
        let explained = handle.route(&request, &spec(), Explain::Yes).unwrap();
        let fast = handle.route(&request, &spec(), Explain::No).unwrap();
        assert_eq!((fast.outcome, fast.backend_label()), (explained.outcome, explained.backend_label()));
        assert!(fast.explanation.is_empty() && !explained.explanation.is_empty());
    }

    #[test]
    fn an_unusable_manifest_is_refused_with_its_errors_but_validates() {
        let mut handle = Handle::new("spec: [");
        let request = Request::from_url("http://a/").unwrap();
        let message = handle.route(&request, &spec(), Explain::Yes).unwrap_err();
        assert!(
            message.starts_with("yaml: nothing usable came out of the manifest:\n  2:1: error: YAML syntax"),
            "{message}"
        );
        assert!(handle.compare(&request, &every_profile(true)).is_err());
        assert!(!handle.validation(&spec()).valid);
        // Fixed by an update.
        handle.update(&manifest());
        assert!(handle.route(&request, &spec(), Explain::Yes).is_ok());
        assert!(handle.validation(&spec()).valid);
    }

    #[test]
    fn case_files_run_against_the_held_manifest() {
        let mut handle = Handle::new(&manifest());
        let (file, errors) = parse_cases(
            "cases:\n- {url: http://docs.example.com/, expect: {backend: \"docs:80\"}}\n- {url: http://shop.example.com/staticfiles, expect: {outcome: no-match}}\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let spec_report = handle.run_cases(&file, &spec(), usize::MAX).unwrap();
        assert_eq!((spec_report.passed, spec_report.failed), (2, 0));
        let traefik =
            handle.run_cases(&file, &Setting { class: None, profile: Profile::Traefik.into() }, usize::MAX).unwrap();
        assert_eq!((traefik.passed, traefik.failed), (1, 1));
        let counted = handle.run_cases(&file, &spec(), 0).unwrap();
        assert_eq!(
            (counted.uncovered.len(), counted.unlisted),
            (0, spec_report.uncovered.len()),
            "none listed, all counted"
        );
        assert_eq!(counted.results, spec_report.results);
    }
}
