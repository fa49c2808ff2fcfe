//! The static analysis under every profile agrees with that profile's decisions: a path it calls
//! duplicate or shadowed never wins its own request, an ingress-nginx canary is a split and not a
//! duplicate, the winner it names is the one the profile routes to; and the whole-input notices
//! (the controller the input is written for, no Ingress, an unrendered template).

use ingress_engine::cases::parse_cases;
use ingress_engine::{
    Code, Decision, Diagnostic, DocumentCache, Explain, Options, Profile, Request, Severity, Simulator,
};
use std::path::PathBuf;

fn corpus(file: &str) -> (String, Option<String>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (cases, errors) = parse_cases(&text);
    assert!(errors.iter().all(|e| !e.is_error()), "{file}: {errors:?}");
    (cases.manifest.expect("a manifest"), cases.class)
}

/// An input asked about under one profile.
struct Under {
    sim: Simulator,
    profile: Profile,
}

impl Under {
    fn new(yaml: &str, class: Option<String>, profile: Profile) -> Under {
        Under { sim: Simulator::new(yaml, &Options { class }), profile }
    }

    fn route(&self, request: &Request) -> Decision {
        self.sim.route(request, self.profile, Explain::Yes)
    }

    fn diagnostics(&self) -> &[Diagnostic] {
        self.sim.diagnostics(self.profile)
    }
}

fn simulate(file: &str, profile: Profile) -> Under {
    let (manifest, class) = corpus(file);
    Under::new(&manifest, class, profile)
}

fn findings(under: &Under, code: Code) -> Vec<&Diagnostic> {
    under.diagnostics().iter().filter(|d| d.code == code).collect()
}

/// `(namespace/name, rule, path index)` of a path finding, from its object and field.
fn path_of(d: &Diagnostic) -> Option<(String, usize, usize)> {
    let id = d.object.as_deref()?.strip_prefix("Ingress ")?.to_string();
    let field = d.field.as_deref()?.strip_prefix("spec.rules[")?;
    let (rule, rest) = field.split_once("].http.paths[")?;
    Some((id, rule.parse().ok()?, rest.strip_suffix(']')?.parse().ok()?))
}

/// The request to a path's own host and path, when the rule names one host.
fn own_request(sim: &Simulator, id: &str, rule: usize, path: usize) -> Option<Request> {
    let ingress = sim.manifest().ingresses.iter().find(|i| i.id() == id)?;
    let rule = &ingress.spec.rules[rule];
    let host = rule.host();
    let written = rule.http.as_ref()?.paths[path].path();
    (!host.is_empty() && !host.starts_with('*'))
        .then(|| Request::new(host, if written.is_empty() { "/" } else { written }))
}

fn wins(decision: &Decision, id: &str, rule: usize, path: usize) -> bool {
    let named =
        decision.ingress.as_deref() == Some(id) && decision.rule == Some(rule) && decision.path_index == Some(path);
    named || decision.split.iter().any(|b| b.canary && b.ingress == id)
}

fn corpus_files() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        // Ingress routing only: the Gateway API files (`gateway-*.yaml`) are tests/gateway_corpus.rs's.
        .filter(|n| !n.starts_with("gateway-"))
        .collect();
    files.sort();
    files
}

#[test]
fn no_path_called_never_used_wins_its_own_request_under_any_profile() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in corpus_files() {
        let (manifest, class) = corpus(&file);
        let sim = Simulator::new(&manifest, &Options { class: class.clone() });
        for &profile in Profile::ALL {
            let path_findings =
                sim.diagnostics(profile).iter().filter(|d| matches!(d.code, Code::DuplicatePath | Code::ShadowedPath));
            for d in path_findings {
                if profile != Profile::Spec && !d.message.starts_with(&format!("under {profile}: ")) {
                    failures
                        .push(format!("{file} under {profile}: does not say which rules it follows: {}", d.message));
                }
                let Some((id, rule, path)) = path_of(d) else { continue };
                let Some(request) = own_request(&sim, &id, rule, path) else { continue };
                checked += 1;
                let decision = sim.route(&request, profile, Explain::No);
                if wins(&decision, &id, rule, path) {
                    failures.push(format!(
                        "{file} under {profile}: {id} rule {rule} path {path} is reported ({}) but answers {}{}",
                        d.message, request.host, request.path
                    ));
                }
            }
        }
    }
    println!("{checked} duplicate or shadowed paths checked against their own request");
    assert!(checked >= 10, "only {checked} findings checked");
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn an_ingress_nginx_canary_is_a_split_not_a_duplicate() {
    let spec = simulate("profile-ingress-nginx-canary.yaml", Profile::Spec);
    assert_eq!(
        findings(&spec, Code::DuplicatePath).len(),
        1,
        "the spec profile: the canary's path repeats the main one"
    );
    let nginx = simulate("profile-ingress-nginx-canary.yaml", Profile::IngressNginx);
    let decision = nginx.route(&Request::new("echo.example.com", "/"));
    assert!(decision.split.iter().any(|b| b.canary && b.ingress == "echo/canary"), "{:?}", decision.split);
    let never_used: Vec<_> = nginx.diagnostics().iter().filter(|d| d.message.contains("never used")).collect();
    assert!(never_used.is_empty(), "the canary gets its share of the traffic: {never_used:?}");
}

#[test]
fn aws_alb_names_the_group_order_winner() {
    let alb = simulate("profile-aws-alb-group-order.yaml", Profile::AwsAlb);
    let duplicates = findings(&alb, Code::DuplicatePath);
    assert_eq!(duplicates.len(), 1, "{duplicates:?}");
    assert_eq!(duplicates[0].object.as_deref(), Some("Ingress shop/catalog"));
    assert!(duplicates[0].message.starts_with("under aws-alb: "), "{}", duplicates[0].message);
    assert!(duplicates[0].message.contains("Ingress shop/checkout answers"), "{}", duplicates[0].message);
    let spec = simulate("profile-aws-alb-group-order.yaml", Profile::Spec);
    assert_eq!(
        findings(&spec, Code::DuplicatePath)[0].object.as_deref(),
        Some("Ingress shop/checkout"),
        "the spec: the oldest wins"
    );
}

#[test]
fn traefik_names_the_router_it_picks_even_when_it_is_the_newer_ingress() {
    let traefik = simulate("profile-traefik-equal-rules.yaml", Profile::Traefik);
    let duplicates = findings(&traefik, Code::DuplicatePath);
    assert_eq!(duplicates.len(), 1, "{duplicates:?}");
    assert_eq!(duplicates[0].object.as_deref(), Some("Ingress team-b/web"), "the older Ingress loses");
    assert!(
        duplicates[0].message.contains("which one answers is undefined (simulated: ")
            && duplicates[0].message.contains("Ingress team-a/web answers http://app.example.com/"),
        "{}",
        duplicates[0].message
    );
}

/// Which of two Ingresses' identical routes Contour keeps is undefined (map iteration): the
/// duplicate says so; two identical routes of one Ingress are not a tie (the later one wins).
#[test]
fn contour_says_a_duplicate_across_ingresses_is_undefined() {
    let contour = simulate("profile-contour-route-order.yaml", Profile::Contour);
    let duplicates = findings(&contour, Code::DuplicatePath);
    assert!(!duplicates.is_empty());
    for d in &duplicates {
        assert!(d.message.contains("which one answers is undefined (simulated: "), "{}", d.message);
    }
    let spec = simulate("profile-contour-route-order.yaml", Profile::Spec);
    assert!(findings(&spec, Code::DuplicatePath).iter().all(|d| !d.message.contains("undefined")));
}

#[test]
fn traefik_reports_an_exact_path_its_prefix_twin_always_beats() {
    let traefik = simulate("profile-traefik-rule-length.yaml", Profile::Traefik);
    let shadowed = findings(&traefik, Code::ShadowedPath);
    assert_eq!(shadowed.len(), 1, "{shadowed:?}");
    assert_eq!(shadowed[0].field.as_deref(), Some("spec.rules[0].http.paths[1]"), "Exact /foo");
    assert!(shadowed[0].message.starts_with("under traefik: /foo (Exact)"), "{}", shadowed[0].message);
    assert!(findings(&simulate("profile-traefik-rule-length.yaml", Profile::Spec), Code::ShadowedPath).is_empty());
}

#[test]
fn traefik_says_which_default_backend_is_never_used() {
    let traefik = simulate("profile-traefik-rule-length.yaml", Profile::Traefik);
    let conflicts = findings(&traefik, Code::DefaultBackendConflict);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].object.as_deref(), Some("Ingress team-a/api"));
    assert!(
        conflicts[0].message.starts_with("under traefik: this defaultBackend is never used"),
        "{}",
        conflicts[0].message
    );
    assert!(conflicts[0].message.contains("team-c/fallback"), "{}", conflicts[0].message);
}

#[test]
fn gce_load_balancers_do_not_compete() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a, creationTimestamp: \"2024-01-01T00:00:00Z\"}\nspec:\n  rules:\n  - host: x.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: b, creationTimestamp: \"2025-01-01T00:00:00Z\"}\nspec:\n  rules:\n  - host: x.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}\n      - {path: /, pathType: Prefix, backend: {service: {name: b2, port: {number: 80}}}}\n";
    let spec = Under::new(yaml, None, Profile::Spec);
    assert_eq!(findings(&spec, Code::DuplicatePath).len(), 2);
    let gce = Under::new(yaml, None, Profile::Gce);
    assert!(
        findings(&gce, Code::DuplicatePath).is_empty(),
        "each Ingress is its own load balancer, and b is not reached by the request the simulator sends to a: {:?}",
        gce.diagnostics()
    );
}

const NGINX_DUMP: &str = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app\n  annotations:\n    nginx.ingress.kubernetes.io/use-regex: \"true\"\n    nginx.ingress.kubernetes.io/rewrite-target: /$2\nspec:\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - {path: /api(/|$)(.*), pathType: ImplementationSpecific, backend: {service: {name: api, port: {number: 80}}}}\n";

#[test]
fn the_spec_profile_suggests_the_controller_the_input_is_written_for() {
    let sim = Under::new(NGINX_DUMP, None, Profile::Spec);
    let hints: Vec<_> = sim.diagnostics().iter().filter(|d| d.code == Code::ControllerHint).collect();
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!((hints[0].severity, hints[0].line()), (Severity::Notice, Some(6)));
    assert_eq!(hints[0].suggested_profile, Some(Profile::IngressNginx));
    let json = serde_json::to_value(hints[0]).expect("serialises");
    assert_eq!(json["code"], "controller-hint");
    assert_eq!(json["suggestedProfile"], "ingress-nginx");
    // The decision carries it too (the JS API and `route --json` show a decision's diagnostics).
    let decision = sim.route(&Request::new("a.example.com", "/api/x"));
    assert!(decision.diagnostics.iter().any(|d| d.code == Code::ControllerHint));
    let nginx = Under::new(NGINX_DUMP, None, Profile::IngressNginx);
    assert!(nginx.diagnostics().iter().all(|d| d.code != Code::ControllerHint), "the profile is already chosen");
}

#[test]
fn an_input_without_ingress_says_so_and_one_with_ingresses_does_not() {
    for input in
        ["", "# nothing yet\n", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n"]
    {
        let sim = Simulator::new(input, &Options::default());
        let codes: Vec<Code> = sim.diagnostics(Profile::Spec).iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::NoIngress], "{input:?}");
        assert!(sim.diagnostics(Profile::Spec)[0].message.starts_with("No Ingress in the input"));
    }
    assert!(Simulator::new(NGINX_DUMP, &Options::default())
        .diagnostics(Profile::Spec)
        .iter()
        .all(|d| d.code != Code::NoIngress));
}

const HELM_TEMPLATE: &str = "{{- if .Values.ingress.enabled -}}\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ include \"app.fullname\" . }}\nspec:\n  rules:\n  - host: {{ .Values.host | quote }}\n{{- end }}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ .Release.Name }}\n";

#[test]
fn a_helm_template_is_named_first_at_its_first_action() {
    let sim = Simulator::new(HELM_TEMPLATE, &Options::default());
    let first = &sim.diagnostics(Profile::Spec)[0];
    assert_eq!((first.code, first.severity, first.line()), (Code::Template, Severity::Error, Some(1)));
    assert!(first.message.contains("helm template"), "{}", first.message);
    let templates: Vec<_> =
        sim.diagnostics(Profile::Spec).iter().filter(|d| d.code == Code::Template).map(|d| d.line()).collect();
    assert_eq!(templates, [Some(1), Some(14)], "one per document");
    // A rendered manifest has none.
    assert!(Simulator::new(NGINX_DUMP, &Options::default())
        .diagnostics(Profile::Spec)
        .iter()
        .all(|d| d.code != Code::Template));
}

#[test]
fn incremental_reading_finds_the_same_template_errors() {
    let mut cache = DocumentCache::default();
    let _ = Simulator::new_incremental(NGINX_DUMP, &Options::default(), &mut cache);
    let incremental = Simulator::new_incremental(HELM_TEMPLATE, &Options::default(), &mut cache);
    assert_eq!(
        incremental.diagnostics(Profile::Spec),
        Simulator::new(HELM_TEMPLATE, &Options::default()).diagnostics(Profile::Spec)
    );
}

/// 1,000 Ingresses, each with its own host and five paths (two Exact), and every tenth repeating
/// the previous one's paths: the analysis routes one request per duplicate group and per Exact path.
fn many_ingresses(count: usize) -> String {
    let mut yaml = String::new();
    for i in 0..count {
        let host = if i % 10 == 9 { i - 1 } else { i };
        yaml.push_str(&format!("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: app-{i}, namespace: ns}}\nspec:\n  rules:\n  - host: h{host}.example.com\n    http:\n      paths:\n"));
        for (p, kind) in ["Prefix", "Prefix", "Exact", "Prefix", "Exact"].iter().enumerate() {
            yaml.push_str(&format!("      - {{path: /p{p}, pathType: {kind}, backend: {{service: {{name: s{i}, port: {{number: 80}}}}}}}}\n"));
        }
    }
    yaml
}

#[test]
fn the_analysis_under_each_profile_costs_little_beside_the_build() {
    let yaml = many_ingresses(1000);
    for &profile in Profile::ALL {
        let start = std::time::Instant::now();
        let mut cache = DocumentCache::default();
        let sim = Simulator::new_incremental(&yaml, &Options::default(), &mut cache);
        let _ = sim.route(&Request::new("a.example.com", "/"), profile, Explain::BeforeAnalysis);
        let built = start.elapsed();
        let start = std::time::Instant::now();
        let duplicates = sim.analyse(profile).iter().filter(|d| d.code == Code::DuplicatePath).count();
        let analysed = start.elapsed();
        println!("{profile}: build {built:.1?}, analysis {analysed:.1?} ({duplicates} duplicate paths; debug build)");
        // GCE and ALB (no group.name) give every Ingress its own load balancer: nothing competes.
        let expected = if matches!(profile, Profile::Gce | Profile::AwsAlb) { 0 } else { 500 };
        assert_eq!(duplicates, expected, "{profile}: the 100 repeated Ingresses' five paths each lose");
        assert!(
            analysed < built * 3 + std::time::Duration::from_millis(200),
            "{profile}: analysis {analysed:?} vs build {built:?}"
        );
    }
}

#[test]
fn the_template_fuzz_seed_reads_under_every_profile() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/seeds/parse_validate_route/input-helm-template.yaml");
    let text = std::fs::read_to_string(path).expect("the seed");
    for &profile in Profile::ALL {
        let sim = Under::new(&text, None, profile);
        assert_eq!(sim.diagnostics()[0].code, Code::Template, "{profile}");
        let decision = sim.route(&Request::new("a.example.com", "/{{/x"));
        if profile == Profile::Spec {
            assert_eq!(decision.ingress.as_deref(), Some("default/rendered"), "the rendered document still routes");
        }
    }
}

#[test]
fn default_backends_on_separate_load_balancers_do_not_conflict() {
    let file = "profile-ingress-nginx-merge.yaml";
    for profile in [Profile::Gce, Profile::AwsAlb] {
        let sim = simulate(file, profile);
        let conflicts = findings(&sim, Code::DefaultBackendConflict);
        assert!(conflicts.is_empty(), "{profile}: every Ingress is its own load balancer: {conflicts:?}");
    }
    let nginx = simulate(file, Profile::IngressNginx);
    let conflicts = findings(&nginx, Code::DefaultBackendConflict);
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    assert!(conflicts.iter().all(|d| d.message.starts_with("under ingress-nginx: ")), "{conflicts:?}");
}

#[test]
fn a_tls_host_is_unrouted_only_when_the_profile_routes_it_nowhere() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: cdn}\nspec:\n  tls:\n  - hosts: [a.b.cdn.example.com, nowhere.example.org]\n    secretName: cdn-tls\n  rules:\n  - host: \"*.cdn.example.com\"\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: cdn, port: {number: 80}}}}\n";
    let unrouted = |profile| {
        let sim = Under::new(yaml, None, profile);
        findings(&sim, Code::TlsHostUnrouted).iter().map(|d| d.message.clone()).collect::<Vec<_>>()
    };
    let spec = unrouted(Profile::Spec);
    assert_eq!(spec.len(), 2, "the spec's wildcard covers one label: {spec:?}");
    let alb = unrouted(Profile::AwsAlb);
    assert_eq!(alb.len(), 1, "the ALB's host wildcard covers several labels: {alb:?}");
    assert!(alb[0].starts_with("under aws-alb: TLS host nowhere.example.org has no rule"), "{}", alb[0]);
}
