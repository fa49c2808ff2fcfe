//! Class admission per profile, through the public `Simulator`: one input, and each profile takes
//! the Ingresses its own controller would (`crate::class`), says so in the class step of every
//! decision, lists the others as ignored, and reports them as `other-class` notices.

use ingress_engine::{Code, Explain, Options, Outcome, Profile, Reason, Request, Simulator, Verdict};

/// Three Ingresses, one host each: no class at all, `spec.ingressClassName: nginx` (an
/// IngressClass the input does not hold), and the annotation `gce`.
const INPUT: &str = "\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: plain, namespace: web}
spec:
  rules:
  - host: plain.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: plain, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: classed, namespace: web}
spec:
  ingressClassName: nginx
  rules:
  - host: classed.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: classed, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: annotated
  namespace: web
  annotations: {kubernetes.io/ingress.class: gce}
spec:
  rules:
  - host: annotated.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: annotated, port: {number: 80}}}}
";

/// The Ingresses that answer their own host under `profile`, with no class chosen.
fn answering(sim: &Simulator, profile: Profile) -> Vec<String> {
    ["plain", "classed", "annotated"]
        .into_iter()
        .filter(|name| {
            let decision = sim.route(&Request::new(format!("{name}.example.com"), "/"), profile, Explain::No);
            decision.outcome == Outcome::Rule
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn each_profile_takes_the_ingresses_its_controller_takes() {
    let sim = Simulator::new(INPUT, &Options::default());
    assert_eq!(answering(&sim, Profile::Spec), ["plain", "classed", "annotated"], "no class, no default: all");
    assert_eq!(answering(&sim, Profile::IngressNginx), ["plain", "classed"], "GetIngressClass: annotated nginx only");
    assert_eq!(answering(&sim, Profile::Gce), ["plain", "annotated"], "IsGCEIngress");
    assert_eq!(answering(&sim, Profile::Traefik), ["plain"], "shouldProcessIngress");
    assert_eq!(answering(&sim, Profile::Contour), ["plain"], "MatchesIngress");
    assert_eq!(answering(&sim, Profile::AwsAlb), ["plain"], "classifyIngress, run without --ingress-class");
}

#[test]
fn every_class_asked_for_takes_every_ingress_under_every_profile() {
    let sim = Simulator::new(INPUT, &Options { class: Some("*".to_string()) });
    for &profile in Profile::ALL {
        assert_eq!(answering(&sim, profile), ["plain", "classed", "annotated"], "{profile}");
    }
}

#[test]
fn the_decision_and_the_diagnostics_say_why_an_ingress_is_not_taken() {
    let sim = Simulator::new(INPUT, &Options::default());
    let decision = sim.route(&Request::new("classed.example.com", "/"), Profile::Gce, Explain::Yes);
    assert_eq!(decision.outcome, Outcome::NoMatch);
    let step = &decision.explanation[0].message;
    assert!(step.contains("ingress-gce runs without --ingress-class"), "{step}");
    let ignored = decision
        .explanation
        .iter()
        .find(|e| e.verdict == Verdict::Ignored && e.ingress.as_deref() == Some("web/classed"))
        .expect("the Ingress with spec.ingressClassName is listed as ignored");
    assert_eq!(ignored.reason, Reason::OtherClass);
    assert!(ignored.message.contains("ignores an Ingress with spec.ingressClassName"), "{}", ignored.message);

    let notices: Vec<&str> = sim
        .diagnostics(Profile::Gce)
        .iter()
        .filter(|d| d.code == Code::OtherClass)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("not simulated, the controller does not take it: its spec.ingressClassName"),
        "{}",
        notices[0]
    );
    assert!(sim.diagnostics(Profile::Spec).iter().all(|d| d.code != Code::OtherClass), "the spec takes every Ingress");
}
