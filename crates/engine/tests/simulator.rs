//! The façade: one `Simulator` per input, every profile a question asked of it. A profile is
//! compiled the first time it is asked about and kept; its static analysis runs on first need;
//! `compare` is `route` over several profiles; each profile routes the Ingresses its own class
//! rules admit.

use ingress_engine::{Explain, Options, Profile, Request, Simulator};

const SHOP: &str = include_str!("fixtures/shop.yaml");

fn request() -> Request {
    Request::from_url("http://shop.example.com/api/x").expect("a valid URL")
}

fn compiled(sim: &Simulator) -> Vec<Profile> {
    Profile::ALL.iter().copied().filter(|&p| sim.is_compiled(p)).collect()
}

#[test]
fn a_profile_is_compiled_only_when_asked_about() {
    let sim = Simulator::new(SHOP, &Options::default());
    assert_eq!(compiled(&sim), [], "reading the input compiles no profile");
    assert!(sim.errors().next().is_none(), "errors need no profile");
    sim.route(&request(), Profile::Traefik, Explain::No);
    assert_eq!(compiled(&sim), [Profile::Traefik]);
    sim.early_diagnostics(Profile::Gce);
    assert_eq!(compiled(&sim), [Profile::Gce, Profile::Traefik]);
    sim.compare(&request(), &[Profile::Spec, Profile::Traefik], Explain::No);
    assert_eq!(compiled(&sim), [Profile::Spec, Profile::Gce, Profile::Traefik]);
}

#[test]
fn a_profile_is_compiled_once_and_kept() {
    let sim = Simulator::new(SHOP, &Options::default());
    for &profile in Profile::ALL {
        // The diagnostics known at compile time live in the compiled form: the same allocation
        // answers every later question, so nothing was compiled again.
        let compiled_form = sim.early_diagnostics(profile).as_ptr();
        for explain in [Explain::No, Explain::BeforeAnalysis, Explain::No] {
            sim.route(&request(), profile, explain);
            assert_eq!(sim.early_diagnostics(profile).as_ptr(), compiled_form, "{profile}: compiled again");
        }
        assert!(!sim.is_analysed(profile), "{profile}: analysed before it was needed");
        let analysis = sim.analyse(profile).as_ptr();
        sim.route(&request(), profile, Explain::Yes);
        assert_eq!(sim.diagnostics(profile).as_ptr(), analysis, "{profile}: analysed again");
    }
}

#[test]
fn the_analysis_runs_for_the_profile_that_needs_it_only() {
    let sim = Simulator::new(SHOP, &Options::default());
    let early = sim.route(&request(), Profile::IngressNginx, Explain::BeforeAnalysis);
    assert!(!sim.is_analysed(Profile::IngressNginx));
    let full = sim.route(&request(), Profile::IngressNginx, Explain::Yes);
    assert!(sim.is_analysed(Profile::IngressNginx));
    assert!(!sim.is_analysed(Profile::Spec) && !sim.is_compiled(Profile::Spec));
    assert!(full.diagnostics.len() > early.diagnostics.len(), "the analysis found the missing Service");
    assert_eq!((early.outcome, early.explanation), (full.outcome, full.explanation));
}

#[test]
fn compare_is_route_under_each_profile() {
    let sim = Simulator::new(SHOP, &Options::default());
    let profiles = [Profile::Contour, Profile::Spec, Profile::AwsAlb];
    for explain in [Explain::Yes, Explain::No] {
        let comparison = sim.compare(&request(), &profiles, explain);
        let routed: Vec<_> = profiles.iter().map(|&p| sim.route(&request(), p, explain)).collect();
        assert_eq!(comparison.decisions, routed);
    }
}

#[test]
fn one_reading_answers_as_a_fresh_simulator_per_profile() {
    let shared = Simulator::new(SHOP, &Options::default());
    for &profile in Profile::ALL.iter().rev() {
        let fresh = Simulator::new(SHOP, &Options::default());
        for explain in [Explain::Yes, Explain::No] {
            assert_eq!(shared.route(&request(), profile, explain), fresh.route(&request(), profile, explain));
        }
        assert_eq!(shared.diagnostics(profile), fresh.diagnostics(profile), "{profile}");
    }
}

#[test]
fn each_profile_routes_what_its_own_class_rules_admit() {
    // ingress-gce takes only Ingresses without spec.ingressClassName (kubernetes/ingress-gce
    // `pkg/utils/utils.go` IsGCEIngress); the spec, with no class chosen and no default class,
    // takes every Ingress (R1).
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: named}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n";
    let sim = Simulator::new(yaml, &Options::default());
    let request = Request::new("a.example.com", "/");
    assert_eq!(sim.route(&request, Profile::Spec, Explain::No).backend_label(), "web:80");
    assert_eq!(sim.route(&request, Profile::Gce, Explain::No).backend_label(), "");
    assert_eq!(sim.route(&request, Profile::Spec, Explain::No).backend_label(), "web:80", "asked again");
}

#[test]
fn another_class_is_another_reading_of_the_same_input() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: internal}\nspec:\n  ingressClassName: internal\n  defaultBackend: {service: {name: internal, port: {number: 80}}}\n";
    let mut cache = ingress_engine::DocumentCache::default();
    let every = Simulator::new_incremental(yaml, &Options::default(), &mut cache);
    let other = every.with_options(&Options { class: Some("external".into()) }, &mut cache);
    let request = Request::new("a.example.com", "/");
    assert_eq!(every.route(&request, Profile::Spec, Explain::No).backend_label(), "internal:80");
    assert_eq!(other.route(&request, Profile::Spec, Explain::No).backend_label(), "");
    assert_eq!(other.class(), Some("external"));
    assert_eq!(compiled(&other), [Profile::Spec], "nothing compiled is carried over");
}
