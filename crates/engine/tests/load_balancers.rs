//! The profiles with one load balancer per Ingress (`gce`) or IngressGroup (`aws-alb`): what the
//! explanation says when the controller syncs nothing, and when an ALB has no listener for the
//! request's port. The routing answers themselves are corpus scenarios
//! (`profile-gce-translation-errors.yaml`, `profile-aws-alb-listeners.yaml`).

use ingress_engine::{Explain, Options, Outcome, Profile, Reason, Request, Simulator};

/// One Ingress with a `*` in a Prefix path: a GCE translation error (and an ALB one).
const INPUT: &str = "\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: web}
spec:
  tls:
  - {hosts: [shop.example.com], secretName: shop-tls}
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}
      - {path: /api/*, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
";

/// The same Ingress without its `/api/*` path: valid for the ALB controller, on HTTP:80 only.
fn valid() -> String {
    INPUT.lines().filter(|l| !l.contains("/api/*")).collect::<Vec<_>>().join("\n")
}

fn route_in(input: &str, url: &str, profile: Profile, explain: Explain) -> ingress_engine::Decision {
    let sim = Simulator::new(input, &Options::default());
    sim.route(&Request::from_url(url).expect("a valid URL"), profile, explain)
}

#[test]
fn gce_names_the_translation_error_that_fails_the_whole_ingress() {
    let decision = route_in(INPUT, "http://shop.example.com/", Profile::Gce, Explain::Yes);
    assert_eq!(decision.outcome, Outcome::ConfigError);
    let failed = decision.explanation.iter().find(|e| e.reason == Reason::ConfigError).expect("a config-error step");
    assert!(
        failed
            .message
            .contains("spec.rules[0].http.paths[1]: failed to validate prefix path /api/* due to invalid wildcard"),
        "{}",
        failed.message
    );
    assert!(failed.message.contains("The whole Ingress fails"), "{}", failed.message);
    let warning = decision
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("GCE: ingress-gce cannot translate Ingress web/shop"));
    assert!(warning.is_some(), "the input's diagnostics name the failing Ingress: {:?}", decision.diagnostics);
}

#[test]
fn gce_says_when_google_cloud_refuses_the_url_map() {
    let input = INPUT.replace("{path: /api/*, pathType: Prefix", "{path: /img/*.png, pathType: ImplementationSpecific");
    let decision = route_in(&input, "http://shop.example.com/", Profile::Gce, Explain::Yes);
    assert_eq!(decision.outcome, Outcome::ConfigError);
    let failed = decision.explanation.iter().find(|e| e.reason == Reason::ConfigError).expect("a config-error step");
    assert!(failed.message.starts_with("Google Cloud refuses the URL map of Ingress web/shop"), "{}", failed.message);
    assert!(failed.message.contains("URL-map path /img/*.png is invalid"), "{}", failed.message);
}

#[test]
fn an_alb_without_an_https_listener_does_not_answer_https() {
    let input = valid();
    let route = |url: &str, explain: Explain| route_in(&input, url, Profile::AwsAlb, explain);
    let decision = route("https://shop.example.com/", Explain::Yes);
    assert_eq!(decision.outcome, Outcome::NoMatch);
    assert!(
        decision.explanation.iter().any(|e| e.message.contains("has no HTTPS:443 listener (its listeners: HTTP:80)")),
        "{:?}",
        decision.explanation
    );
    let tls = decision.tls.expect("an https request has a TLS step");
    assert!(tls.message.contains("spec.tls alone opens no HTTPS listener"), "{}", tls.message);
    // A batch decision carries no diagnostics, like every profile's.
    assert!(route("https://shop.example.com/", Explain::No).diagnostics.is_empty());
    assert_eq!(route("http://shop.example.com/", Explain::No).outcome, Outcome::Rule);
}

#[test]
fn an_alb_with_ssl_redirect_answers_http_with_a_301_to_the_https_port() {
    let input = valid().replace(
        "metadata: {name: shop, namespace: web}",
        "metadata:\n  name: shop\n  namespace: web\n  annotations:\n    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}, {\"HTTPS\": 443}]'\n    alb.ingress.kubernetes.io/ssl-redirect: '443'",
    );
    let decision = route_in(&input, "http://shop.example.com/cart?id=7", Profile::AwsAlb, Explain::Yes);
    assert_eq!(decision.outcome, Outcome::Redirect, "{:?}", decision.explanation);
    let redirect = decision.redirect.expect("a redirect");
    assert_eq!((redirect.status, redirect.location.as_str()), (301, "https://shop.example.com:443/cart?id=7"));
    assert!(decision.ignored_annotations.iter().all(|a| !a.key.ends_with("ssl-redirect")), "simulated, not ignored");
    let https = route_in(&input, "https://shop.example.com/cart", Profile::AwsAlb, Explain::No);
    assert_eq!(https.outcome, Outcome::Rule);
    // The redirect port must be an HTTPS listener of the group, else the group fails.
    let wrong = input.replace("ssl-redirect: '443'", "ssl-redirect: '80'");
    assert_eq!(
        route_in(&wrong, "http://shop.example.com/", Profile::AwsAlb, Explain::No).outcome,
        Outcome::ConfigError
    );
}
