//! The explanation names as winner exactly what the profile chose: for every profile, every
//! corpus case (and variants of its request: https, SNI, upper case, a port, a query,
//! nginx-normalised paths, a deeper host) and generated inputs with the annotations the controller
//! profiles read, the explanation has one `won` entry when something answers (a rule, a
//! defaultBackend, a redirect) and none otherwise, and that entry is the decision's Ingress, rule,
//! path, backend and place. Controllers choose once (`select`); their explanation only judges the
//! other candidates against that choice, so the two can never disagree.

use ingress_engine::cases::parse_cases;
use ingress_engine::{Decision, Explain, Options, Outcome, Profile, Request, Simulator, Verdict};
use proptest::prelude::*;
use std::path::PathBuf;

/// How the explanation of one request disagrees with its decision, if it does.
fn disagreement(sim: &Simulator, profile: Profile, request: &Request) -> Option<String> {
    let decision = sim.route(request, profile, Explain::Yes);
    let won: Vec<_> = decision.explanation.iter().filter(|e| e.verdict == Verdict::Won).collect();
    // A controller's own answer comes from a location (its status), unless it closes the connection.
    let own_answer = decision.outcome == Outcome::ControllerAnswer;
    let answered = matches!(decision.outcome, Outcome::Rule | Outcome::DefaultBackend | Outcome::Redirect)
        || (own_answer && decision.status.is_some());
    let agrees = match won.as_slice() {
        [] => !answered,
        [e] => {
            answered
                && e.ingress == decision.ingress
                && e.rule == decision.rule
                && e.path_index == decision.path_index
                && e.span == decision.span
                && (decision.outcome == Outcome::Redirect || own_answer || e.backend == decision.backend)
        }
        _ => false,
    };
    (!agrees).then(|| describe(request, &decision))
}

fn describe(request: &Request, decision: &Decision) -> String {
    let won: Vec<String> = decision
        .explanation
        .iter()
        .filter(|e| e.verdict == Verdict::Won)
        .map(|e| serde_json::to_string(e).unwrap_or_default())
        .collect();
    format!(
        "profile {}, request {:?}: decision {:?} {:?} rule {:?} path {:?} backend {:?}; won entries: [{}]",
        decision.profile,
        request,
        decision.outcome,
        decision.ingress,
        decision.rule,
        decision.path_index,
        decision.backend,
        won.join(", ")
    )
}

/// The request and variants of it that exercise normalisation, TLS and redirects.
fn variants(request: &Request) -> Vec<Request> {
    let mut out = vec![request.clone()];
    let mut https = request.clone();
    https.scheme = ingress_engine::Scheme::Https;
    out.push(https);
    out.push(request.clone().with_sni(format!("other.{}", request.host)));
    out.push(Request { host: format!("{}:8080", request.host.to_ascii_uppercase()), ..request.clone() });
    out.push(Request { path: format!("{}?q=1", request.path), ..request.clone() });
    out.push(Request { path: format!("{}/", request.path.trim_end_matches('/')), ..request.clone() });
    out.push(Request { path: format!("/x/..{}", request.path.replace('/', "//")), ..request.clone() });
    out.push(Request { host: format!("deeper.{}", request.host), ..request.clone() });
    out
}

#[test]
fn every_corpus_explanation_names_the_chosen_winner_under_every_profile() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        // Ingress routing only: the Gateway API files (`gateway-*.yaml`) are tests/gateway_corpus.rs's.
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("gateway-")))
        .collect();
    files.sort();
    assert!(files.len() > 30, "the corpus has {} files", files.len());
    let mut failures = Vec::new();
    let (mut checked, mut answered) = (0, 0);
    for file in &files {
        let text = std::fs::read_to_string(file).expect("corpus file");
        let (cases, errors) = parse_cases(&text);
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        let manifest = cases.manifest.as_deref().unwrap_or_default();
        let sim = Simulator::new(manifest, &Options { class: cases.class.clone() });
        for &profile in Profile::ALL {
            for case in &cases.cases {
                for request in variants(&case.request) {
                    checked += 1;
                    answered += usize::from(sim.route(&request, profile, Explain::No).outcome != Outcome::NoMatch);
                    if let Some(d) = disagreement(&sim, profile, &request) {
                        failures.push(format!("{}: {d}", file.display()));
                    }
                }
            }
        }
    }
    assert!(checked > 1000 && answered > checked / 2, "only {checked} requests checked, {answered} answered");
    assert!(
        failures.is_empty(),
        "{} disagreements, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n")
    );
}

const HOSTS: &[&str] = &[
    "",
    "a.example.com",
    "A.Example.com",
    "b.example.com",
    "*.example.com",
    "*.a.example.com",
    "x.a.example.com",
    "api-?.example.com",
    "*",
];
const PATHS: &[&str] = &[
    "",
    "/",
    "/a",
    "/a/",
    "/ab",
    "/a/b",
    "/A",
    "/b/",
    "/a*",
    "/a/*",
    "/v?/x",
    "/api/v[0-9]+",
    "/(.*)",
    "/a/(.+)",
    "/a%2Fb",
];
const TYPES: &[Option<&str>] = &[Some("Exact"), Some("Prefix"), Some("ImplementationSpecific"), None];
/// Annotations the profiles read (and some they list as ignored).
const ANNOTATIONS: &[(&str, &[&str])] = &[
    ("alb.ingress.kubernetes.io/group.name", &["g1", "g2"]),
    ("alb.ingress.kubernetes.io/group.order", &["1", "-5", "2000", "x"]),
    ("alb.ingress.kubernetes.io/certificate-arn", &["arn:aws:acm:x"]),
    ("alb.ingress.kubernetes.io/ssl-redirect", &["443"]),
    ("traefik.ingress.kubernetes.io/router.priority", &["5", "100", "x"]),
    ("traefik.ingress.kubernetes.io/router.pathmatcher", &["Path", "PathPrefix", "PathRegexp", "Bogus"]),
    ("traefik.ingress.kubernetes.io/router.middlewares", &["m"]),
    ("projectcontour.io/response-timeout", &["1s"]),
    ("cloud.google.com/backend-config", &["{}"]),
    ("nginx.ingress.kubernetes.io/rewrite-target", &["/$1", "/x", "https://other/$1"]),
    ("nginx.ingress.kubernetes.io/use-regex", &["true"]),
    ("nginx.ingress.kubernetes.io/ssl-redirect", &["false", "true"]),
    ("nginx.ingress.kubernetes.io/force-ssl-redirect", &["true"]),
    ("nginx.ingress.kubernetes.io/canary", &["true"]),
    ("nginx.ingress.kubernetes.io/canary-weight", &["30"]),
    ("nginx.ingress.kubernetes.io/enable-cors", &["true"]),
    ("kubernetes.io/ingress.class", &["nginx", "other"]),
];

#[derive(Clone, Debug)]
struct GenPath {
    path: &'static str,
    path_type: Option<&'static str>,
    resource: bool,
}

#[derive(Clone, Debug)]
struct GenIngress {
    rules: Vec<(&'static str, Vec<GenPath>)>,
    age: u8,
    default_backend: bool,
    tls: Option<&'static str>,
    annotations: Vec<(usize, usize)>,
    class_field: Option<&'static str>,
}

fn path_strategy() -> impl Strategy<Value = GenPath> {
    (prop::sample::select(PATHS), prop::sample::select(TYPES), prop::bool::weighted(0.05))
        .prop_map(|(path, path_type, resource)| GenPath { path, path_type, resource })
}

fn ingress_strategy() -> impl Strategy<Value = GenIngress> {
    (
        prop::collection::vec((prop::sample::select(HOSTS), prop::collection::vec(path_strategy(), 0..4)), 0..3),
        0u8..4,
        prop::bool::weighted(0.25),
        prop::option::weighted(0.3, prop::sample::select(HOSTS)),
        prop::collection::vec((0..ANNOTATIONS.len(), 0usize..4), 0..3),
        prop::option::weighted(0.15, prop::sample::select(&["nginx", "other"][..])),
    )
        .prop_map(|(rules, age, default_backend, tls, annotations, class_field)| GenIngress {
            rules,
            age,
            default_backend,
            tls,
            annotations,
            class_field,
        })
}

fn render(ingresses: &[GenIngress]) -> String {
    let mut out = String::new();
    for (i, ing) in ingresses.iter().enumerate() {
        out.push_str(&format!(
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing{i}\n  namespace: ns{}\n  creationTimestamp: \"2024-01-0{}T00:00:00Z\"\n",
            i % 2,
            ing.age + 1
        ));
        let mut seen = Vec::new();
        let annotations: Vec<String> = ing
            .annotations
            .iter()
            .filter(|(k, _)| {
                !seen.contains(k) && {
                    seen.push(*k);
                    true
                }
            })
            .map(|&(k, v)| {
                let (key, values) = ANNOTATIONS[k];
                format!("    {key}: {:?}\n", values[v % values.len()])
            })
            .collect();
        if !annotations.is_empty() {
            out.push_str("  annotations:\n");
            out.extend(annotations);
        }
        out.push_str("spec:\n");
        if let Some(c) = ing.class_field {
            out.push_str(&format!("  ingressClassName: {c}\n"));
        }
        if ing.default_backend || ing.rules.is_empty() {
            out.push_str(&format!("  defaultBackend: {{service: {{name: default{i}, port: {{number: 80}}}}}}\n"));
        }
        if let Some(h) = ing.tls {
            let hosts = if h.is_empty() { String::new() } else { format!("hosts: [{h:?}], ") };
            out.push_str(&format!("  tls:\n  - {{{hosts}secretName: tls{i}}}\n"));
        }
        if !ing.rules.is_empty() {
            out.push_str("  rules:\n");
        }
        for (r, (host, paths)) in ing.rules.iter().enumerate() {
            out.push_str(&if host.is_empty() {
                "  - http:\n".to_string()
            } else {
                format!("  - host: {host:?}\n    http:\n")
            });
            out.push_str("      paths:\n");
            for (p, path) in paths.iter().enumerate() {
                out.push_str(&format!("      - path: {:?}\n", path.path));
                if let Some(t) = path.path_type {
                    out.push_str(&format!("        pathType: {t}\n"));
                }
                if path.resource {
                    out.push_str(&format!(
                        "        backend: {{resource: {{apiGroup: k8s.example.com, kind: Bucket, name: b{i}}}}}\n"
                    ));
                } else {
                    out.push_str(&format!(
                        "        backend: {{service: {{name: svc{i}-{r}-{p}, port: {{number: 80}}}}}}\n"
                    ));
                }
            }
            if paths.is_empty() {
                out.push_str(&format!("      - path: /\n        pathType: Prefix\n        backend: {{service: {{name: svc{i}-{r}, port: {{number: 80}}}}}}\n"));
            }
        }
    }
    out
}

const REQUEST_HOSTS: &[&str] = &[
    "a.example.com",
    "A.EXAMPLE.com:8080",
    "b.example.com",
    "c.example.com",
    "x.a.example.com",
    "y.x.a.example.com",
    "api-1.example.com",
    "example.com",
    "other.org",
    "b.example.com.",
];
/// The request paths: every path the generated Ingresses write (patterns too: `/a*` is sent as
/// a path like any other), and paths that only a request has (a query, dot segments, escapes).
fn request_paths() -> impl Iterator<Item = &'static str> {
    PATHS.iter().copied().chain(["/b", "/v1/x", "/api/v2", "/a/b/c?x=1", "//a/./b/../c", "/%41"])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn generated_explanations_name_the_chosen_winner(
        ingresses in prop::collection::vec(ingress_strategy(), 0..7),
        class in prop::option::weighted(0.2, prop::sample::select(&["nginx", "other", "*"][..])),
    ) {
        let yaml = render(&ingresses);
        let sim = Simulator::new(&yaml, &Options { class: class.map(str::to_string) });
        for &profile in Profile::ALL {
            for host in REQUEST_HOSTS {
                for path in request_paths() {
                    for https in [false, true] {
                        let mut request = Request::new(*host, path);
                        if https {
                            request = request.with_sni(host.trim_end_matches(":8080").to_ascii_lowercase());
                        }
                        if let Some(d) = disagreement(&sim, profile, &request) {
                            prop_assert!(false, "{d}\ninput:\n{yaml}");
                        }
                    }
                }
            }
        }
    }
}
