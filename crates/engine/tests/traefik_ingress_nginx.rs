//! Migrating from ingress-nginx to Traefik's `kubernetesIngressNGINX` provider: the corpus
//! scenarios of the `traefik-ingress-nginx` profile name, in each case, what ingress-nginx
//! answers when it differs (`(ingress-nginx: …)`). Here every such case is asked of both
//! profiles through `Simulator::compare`, and must differ; the others must agree, so the
//! scenarios say exactly which requests change.

use ingress_engine::cases::parse_cases;
use ingress_engine::compare::answer_label;
use ingress_engine::{Explain, Options, Profile, Request, Simulator};

/// The profile's corpus files: `profile-traefik-ingress-nginx-*.yaml`.
fn corpus_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("profile-traefik-ingress-nginx-"))
        })
        .collect();
    files.sort();
    files
}

/// A case name that says what ingress-nginx answers instead.
fn claims_a_difference(name: &str) -> bool {
    name.contains("(ingress-nginx")
}

#[test]
fn the_scenarios_name_every_request_whose_answer_changes_from_ingress_nginx() {
    let profiles = [Profile::IngressNginx, Profile::TraefikIngressNginx];
    let (mut differing, mut total) = (0, 0);
    let mut wrong = Vec::new();
    let files = corpus_files();
    assert!(files.len() >= 6, "{files:?}");
    for path in &files {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let (cases, errors) = parse_cases(&std::fs::read_to_string(path).expect("corpus file"));
        assert!(errors.is_empty(), "{file}: {errors:?}");
        let sim = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &Options::default());
        for case in &cases.cases {
            let name = case.name.clone().unwrap_or_default();
            let comparison = sim.compare(&case.request, &profiles, Explain::No);
            let [nginx, traefik] = [&comparison.decisions[0], &comparison.decisions[1]].map(answer_label);
            let differs = nginx != traefik;
            total += 1;
            differing += usize::from(differs);
            if differs {
                println!("  differs: {file}: {name} — ingress-nginx {nginx}, traefik-ingress-nginx {traefik}");
            }
            if differs != claims_a_difference(&name) {
                wrong.push(format!("{file}: {name:?}: ingress-nginx {nginx}, traefik-ingress-nginx {traefik}"));
            }
        }
    }
    println!(
        "traefik-ingress-nginx scenarios: {differing} of {total} requests answered differently from ingress-nginx"
    );
    assert!(wrong.is_empty(), "cases whose name does not say whether ingress-nginx differs:\n{}", wrong.join("\n"));
    assert!(differing >= 8, "{differing}");
}

/// The first difference a user migrating meets: Exact and Prefix `/cart` on one host. nginx's
/// `location = /cart` wins; the provider's Prefix router `(Path("/cart") || PathPrefix("/cart/"))`
/// is the longer rule, so the higher priority.
#[test]
fn compare_shows_prefix_beating_exact_under_the_provider() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: shop, namespace: web}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n      - {path: /cart, pathType: Exact, backend: {service: {name: exact, port: {number: 80}}}}\n      - {path: /cart, pathType: Prefix, backend: {service: {name: prefix, port: {number: 80}}}}\n";
    let sim = Simulator::new(yaml, &Options::default());
    let request = Request::new("shop.example.com", "/cart");
    let comparison = sim.compare(&request, &[Profile::IngressNginx, Profile::TraefikIngressNginx], Explain::Yes);
    let answers: Vec<(String, String)> =
        comparison.decisions.iter().map(|d| (d.profile.to_string(), answer_label(d))).collect();
    assert_eq!(
        answers,
        [
            ("ingress-nginx".to_string(), "exact:80".to_string()),
            ("traefik-ingress-nginx".to_string(), "prefix:80".to_string())
        ]
    );
    let traefik = &comparison.decisions[1];
    assert_eq!(
        traefik.matched_as.as_deref(),
        Some(r#"Host("shop.example.com") && (Path("/cart") || PathPrefix("/cart/"))"#)
    );
    assert_eq!(traefik.profile_version, "3.7");
}

/// The annotations the profile simulates (canary ones included) are not listed as ignored; one
/// it does not (proxy-body-size) is.
#[test]
fn ignored_annotations_name_only_what_the_profile_leaves_out() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: main\n  namespace: web\n  annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 8m}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: a.example.com\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: main, port: {number: 80}}}}]}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: canary\n  namespace: web\n  annotations: {nginx.ingress.kubernetes.io/canary: \"true\", nginx.ingress.kubernetes.io/canary-by-header: X-Canary}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: a.example.com\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: next, port: {number: 80}}}}]}\n";
    let sim = Simulator::new(yaml, &Options::default());
    let mut request = Request::new("a.example.com", "/");
    request.headers.push(("X-Canary".into(), "always".into()));
    let decision = sim.route(&request, Profile::TraefikIngressNginx, Explain::Yes);
    assert_eq!(answer_label(&decision), "next:80");
    let ignored: Vec<&str> = decision.ignored_annotations.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(ignored, ["nginx.ingress.kubernetes.io/proxy-body-size"]);
}

/// Two Ingresses with their own defaultBackend for one host give two routers `Host("h")` of the
/// same priority: Traefik's order between them is undefined, and the decision says so.
#[test]
fn two_own_default_backends_of_a_host_tie() {
    let ingress = |name: &str, path: &str| {
        format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}, namespace: web}}\nspec:\n  ingressClassName: nginx\n  defaultBackend: {{service: {{name: {name}-default, port: {{number: 80}}}}}}\n  rules:\n  - host: h.example.com\n    http: {{paths: [{{path: {path}, pathType: Prefix, backend: {{service: {{name: {name}, port: {{number: 80}}}}}}}}]}}\n")
    };
    let yaml = format!("{}---\n{}", ingress("one", "/a"), ingress("two", "/b"));
    let sim = Simulator::new(&yaml, &Options::default());
    let decision = sim.route(&Request::new("h.example.com", "/elsewhere"), Profile::TraefikIngressNginx, Explain::Yes);
    assert_eq!(decision.matched_as.as_deref(), Some(r#"Host("h.example.com")"#));
    assert!(
        decision.explanation.iter().any(|e| e.reason == ingress_engine::Reason::UndefinedOrder),
        "{:#?}",
        decision.explanation
    );
}
