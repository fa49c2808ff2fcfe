//! The behaviour diff (issue 15): the generated requests, the profile diff, the migration diff
//! and each quiet change shown by a request whose answer changes (the request, before, after).

use ingress_engine::gateway::{GatewayOutcome, Implementation};
use ingress_engine::migrate::{self, Change, MigrateOptions, Migration, MigrationRun, Notice};
use ingress_engine::{Decision, Options, Outcome, Profile, Scheme, Simulator, Sources};

/// A wildcard host and a host-less rule.
const SHOP: &str = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: "*.shop.example.com"
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
"#;

/// A wildcard host alone.
const WILDCARD: &str = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: tenants, namespace: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: "*.foo.com"
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
"#;

/// One host written by Ingresses of two namespaces.
const SPLIT: &str = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: team-a}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /cart, pathType: Prefix, backend: {service: {name: cart, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: team-b}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /search, pathType: Prefix, backend: {service: {name: search, port: {number: 80}}}}
"#;

/// Behaviour annotations ingress2gateway does not translate.
const ANNOTATED: &str = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/force-ssl-redirect: "true"
    nginx.ingress.kubernetes.io/server-alias: "www.shop.example.com"
    nginx.ingress.kubernetes.io/auth-url: "http://auth.shop.svc/check"
    nginx.ingress.kubernetes.io/configuration-snippet: "return 403;"
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
"#;

/// A host in ingress-nginx's regex mode (use-regex on one of its Ingresses).
const REGEX: &str = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: shop
  annotations: {nginx.ingress.kubernetes.io/use-regex: "true"}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: static, namespace: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /static, pathType: Exact, backend: {service: {name: static, port: {number: 80}}}}
"#;

/// A canary by header, cookie and weight.
const CANARY: &str = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web-canary
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/canary: "true"
    nginx.ingress.kubernetes.io/canary-by-header: X-Canary
    nginx.ingress.kubernetes.io/canary-by-cookie: canary
    nginx.ingress.kubernetes.io/canary-weight: "10"
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web-next, port: {number: 80}}}}
"#;

fn migrate_to(yaml: &str, to: Implementation) -> Migration {
    migrate::migrate(Sources::Text(yaml), &MigrateOptions { to, ..MigrateOptions::default() })
}

/// The change for `scheme://host path`, if the request changed.
fn change<'m, A>(
    changed: &'m [Change<Decision, A>],
    scheme: Scheme,
    host: &str,
    path: &str,
) -> Option<&'m Change<Decision, A>> {
    changed.iter().find(|c| {
        c.request.scheme == scheme
            && c.request.host == host
            && c.request.path == path
            && c.request.headers.is_empty()
            && c.request.cookies.is_empty()
    })
}

fn notices<'m>(m: &'m Migration, code: &str) -> Vec<&'m Notice> {
    m.notices.iter().filter(|n| n.code == code).collect()
}

fn service(backend: &Option<ingress_engine::gateway::GatewayBackend>) -> String {
    backend.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[test]
fn probes_vary_host_path_scheme_and_are_deterministic_without_repeats() {
    let sim = Simulator::new(SHOP, &Options::default());
    let probes = migrate::probes(&sim);
    assert_eq!(probes, migrate::probes(&Simulator::new(SHOP, &Options::default())), "deterministic");
    let mut keys: Vec<String> = probes.iter().map(|p| format!("{:?}", p.request)).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), probes.len(), "no request twice");
    let has = |scheme: Scheme, host: &str, path: &str| {
        probes.iter().any(|p| p.request.scheme == scheme && p.request.host == host && p.request.path == path)
    };
    for path in ["/api", "/api/", "/api/x", "/apix", "/API", "/x/../api", "//api"] {
        assert!(has(Scheme::Http, "a.shop.example.com", path), "one label {path}");
        assert!(has(Scheme::Http, "a.b.shop.example.com", path), "two labels {path}");
    }
    assert!(has(Scheme::Https, "a.shop.example.com", "/api"));
    let https = probes.iter().find(|p| p.request.scheme == Scheme::Https).unwrap();
    assert_eq!(https.request.sni.as_deref(), Some(https.request.host.as_str()), "SNI = host");
    assert!(has(Scheme::Http, migrate::OTHER_HOST, "/"), "a host no rule names");
    // The host-less rule's path under the named hosts too.
    assert!(probes.iter().any(|p| p.request.host == "a.shop.example.com" && p.request.path == "/"));
    assert!(probes.iter().all(|p| !p.probes.is_empty()));
    assert!(probes.len() <= migrate::MAX_PROBES);
}

#[test]
fn canary_headers_and_cookies_are_probed() {
    let probes = migrate::probes(&Simulator::new(CANARY, &Options::default()));
    let header = probes.iter().find(|p| !p.request.headers.is_empty()).expect("a header probe");
    assert_eq!(header.request.headers, vec![("X-Canary".to_string(), "always".to_string())]);
    assert!(header.probes.contains("canary header"));
    let cookie = probes.iter().find(|p| !p.request.cookies.is_empty()).expect("a cookie probe");
    assert_eq!(cookie.request.cookies, vec![("canary".to_string(), "always".to_string())]);
    // Before: the header sends the request to the canary.
    let sim = Simulator::new(CANARY, &Options::default());
    let before = sim.route(&header.request, Profile::IngressNginx, ingress_engine::Explain::No);
    assert_eq!(before.backend_label(), "web-next:80");
    assert!(probes.iter().any(|p| p.request.headers == [("X-Canary".to_string(), "never".to_string())]));
    assert!(probes.iter().any(|p| p.request.cookies == [("canary".to_string(), "never".to_string())]));
    // ingress2gateway's canary conversion keeps each of them where it went (header rules for
    // always and never, the weights on the main rule).
    let m = migrate_to(CANARY, Implementation::EnvoyGateway);
    let by_header: Vec<_> = m.changed.iter().filter(|c| !c.request.headers.is_empty()).map(|c| &c.probes).collect();
    assert!(by_header.is_empty(), "{by_header:?}");
    // canary-by-cookie has no Gateway API form in ingress2gateway: the cookie no longer chooses.
    let cookie = m.changed.iter().find(|c| c.request.cookies == [("canary".to_string(), "always".to_string())]);
    let cookie = cookie.expect("the always cookie changes");
    assert_eq!(cookie.before.backend_label(), "web-next:80");
    assert_eq!(cookie.after.split.len(), 2, "the weighted split");
    let plain = change(&m.changed, Scheme::Http, "shop.example.com", "/");
    let answers = plain.map(|c| {
        let sim = Simulator::new(CANARY, &Options::default());
        (migrate::Answer::of_ingress(&c.before, sim.manifest()), migrate::Answer::of_gateway(&c.after))
    });
    assert!(plain.is_none(), "90/10 before and after: {answers:?}");
}

#[test]
fn wildcard_widens_from_one_label_to_any() {
    let m = migrate_to(WILDCARD, Implementation::EnvoyGateway);
    let c = change(&m.changed, Scheme::Http, "a.b.foo.com", "/api").expect("a.b.foo.com/api changes");
    assert_eq!(c.before.outcome, Outcome::NoMatch, "ingress-nginx: *.foo.com takes one label");
    assert_eq!(c.after.outcome, GatewayOutcome::Rule, "Gateway API: *.foo.com takes any number");
    assert_eq!(service(&c.after.backend), "shop/api:80");
    assert!(!c.before.explanation.is_empty() && !c.after.explanation.is_empty(), "both explained");
    assert!(change(&m.changed, Scheme::Http, "a.foo.com", "/api").is_none(), "one label: the same answer");
    let n = notices(&m, "wildcard-widens");
    assert_eq!(n.len(), 1);
    assert_eq!((n[0].hosts.clone(), n[0].paths.clone()), (vec!["*.foo.com".to_string()], vec!["/api".to_string()]));
    assert_eq!(n[0].object.as_deref(), Some("Ingress shop/tenants"));
    assert_eq!(n[0].span.map(|s| s.start.line), Some(8), "the host as written");
}

#[test]
fn a_host_split_across_namespaces_answers_from_one_gateway_only() {
    let m = migrate_to(SPLIT, Implementation::EnvoyGateway);
    assert_eq!(m.gateways, vec!["team-a/nginx".to_string(), "team-b/nginx".to_string()]);
    let c = change(&m.changed, Scheme::Http, "shop.example.com", "/search").expect("/search changes");
    assert_eq!(c.before.backend_label(), "search:80");
    assert_eq!(c.after.gateway, "team-a/nginx", "the first Gateway serving the host");
    assert_eq!(c.after.status, Some(404));
    assert!(change(&m.changed, Scheme::Http, "shop.example.com", "/cart").is_none());
    let n = notices(&m, "split-host");
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].hosts, vec!["shop.example.com".to_string()]);
    assert_eq!(n[0].paths, vec!["/cart".to_string(), "/search".to_string()]);
    assert!(n[0].message.contains("team-a/nginx, team-b/nginx"), "{}", n[0].message);
}

#[test]
fn url_normalisation_is_dropped_where_the_implementation_does_not_normalise() {
    let spec = migrate_to(SHOP, Implementation::Spec);
    let c =
        change(&spec.changed, Scheme::Http, "a.shop.example.com", "/x/../api").expect("dot segment changes under spec");
    assert_eq!(c.before.backend_label(), "api:80", "nginx matched the normalised /api");
    assert_ne!(service(&c.after.backend), "shop/api:80");
    let c = change(&spec.changed, Scheme::Http, "a.shop.example.com", "//api").expect("// changes under spec");
    assert_eq!(c.before.backend_label(), "api:80");
    let n = notices(&spec, "normalisation-dropped");
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].level, migrate::NoticeLevel::Warning);
    assert_eq!(n[0].hosts, vec!["*.shop.example.com".to_string()]);
    // Envoy Gateway normalises before matching: the same answers, and an informational notice.
    let envoy = migrate_to(SHOP, Implementation::EnvoyGateway);
    assert!(change(&envoy.changed, Scheme::Http, "a.shop.example.com", "/x/../api").is_none());
    assert_eq!(notices(&envoy, "normalisation-dropped")[0].level, migrate::NoticeLevel::Info);
}

#[test]
fn behaviour_annotations_ingress2gateway_drops() {
    let m = migrate_to(ANNOTATED, Implementation::EnvoyGateway);
    let c = change(&m.changed, Scheme::Http, "shop.example.com", "/").expect("force-ssl-redirect is lost");
    assert_eq!(c.before.outcome, Outcome::Redirect);
    assert_eq!(c.before.status, Some(308));
    assert_eq!(c.after.outcome, GatewayOutcome::Rule);
    let c = change(&m.changed, Scheme::Https, "www.shop.example.com", "/").expect("server-alias is lost");
    assert_eq!(c.before.backend_label(), "web:80");
    assert_ne!(c.after.outcome, GatewayOutcome::Rule);
    let dropped = notices(&m, "annotation-dropped");
    let keys: Vec<&str> = dropped.iter().map(|n| n.message.split(' ').next().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "nginx.ingress.kubernetes.io/force-ssl-redirect",
            "nginx.ingress.kubernetes.io/server-alias",
            "nginx.ingress.kubernetes.io/auth-url",
            "nginx.ingress.kubernetes.io/configuration-snippet"
        ]
    );
    assert_eq!(dropped[1].hosts, vec!["shop.example.com".to_string(), "www.shop.example.com".to_string()]);
    assert_eq!(dropped[0].paths, vec!["/".to_string()]);
    assert_eq!(dropped[0].span.map(|s| s.start.line), Some(8), "the annotation as written");
}

#[test]
fn regex_hosts_become_case_insensitive_regular_expressions_of_implementation_specific_order() {
    let envoy = migrate_to(REGEX, Implementation::EnvoyGateway);
    let n = notices(&envoy, "regex-order");
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].hosts, vec!["shop.example.com".to_string()]);
    assert_eq!(n[0].paths, vec!["/".to_string(), "/static".to_string()]);
    assert_eq!(n[0].object.as_deref(), Some("Ingress shop/app"));
    // The host's paths are written as case-insensitive regular expressions; ingress-nginx's regex
    // mode already matched case-insensitively and longest first, as Envoy Gateway ranks them, so
    // the probes find no change here: the order is the quiet part (equal-length patterns, other
    // implementations), which the notice states.
    if envoy.conversion.yaml.contains("RegularExpression") {
        assert!(envoy.conversion.yaml.contains("(?i)/static.*"), "{}", envoy.conversion.yaml);
        let upper = change(&envoy.changed, Scheme::Http, "shop.example.com", "/STATIC");
        assert!(upper.is_none(), "both match /STATIC case-insensitively");
    }
}

#[test]
fn profile_diffs_ask_the_same_probes_of_two_ingress_profiles() {
    // Traefik 3.6 → 3.7: the wildcard router no longer outranks the exact host's longer rule.
    let yaml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/profile-traefik-3.6-wildcard-host.yaml"
    ))
    .unwrap();
    let manifest = yaml.split_once("manifest: |\n").unwrap().1.split_once("\ncases:").unwrap().0;
    let manifest: String = manifest.lines().map(|l| l.strip_prefix("  ").unwrap_or(l)).collect::<Vec<_>>().join("\n");
    let sim = Simulator::new(manifest.as_str(), &Options::default());
    let diff = sim.diff(Profile::TraefikV3_6, Profile::Traefik);
    assert_eq!(diff.requests, migrate::probes(&sim).len());
    let c = change(&diff.changed, Scheme::Http, "a.foo.com", "/api").expect("a.foo.com/api changes");
    assert_eq!((c.before.backend_label(), c.after.backend_label()), ("tenant-site:80".into(), "api:8080".into()));
    assert!(!c.before.explanation.is_empty() && !c.after.explanation.is_empty());
    // ingress-nginx → Traefik's NGINX provider: the host-less rule answers under the wildcard host.
    let sim = Simulator::new(SHOP, &Options::default());
    let diff = sim.diff(Profile::IngressNginx, Profile::TraefikIngressNginx);
    let c = change(&diff.changed, Scheme::Http, "a.shop.example.com", "/").expect("a.shop.example.com/ changes");
    assert_eq!(c.before.outcome, Outcome::NoMatch);
    assert_eq!(c.after.backend_label(), "web:80");
    // A profile against itself changes nothing.
    assert!(sim.diff(Profile::IngressNginx, Profile::IngressNginx).changed.is_empty());
    let json = serde_json::to_value(&diff).unwrap();
    assert_eq!(json["from"], "ingress-nginx");
    assert_eq!(json["to"], "traefik-ingress-nginx");
    assert!(json["changed"][0]["before"]["outcome"].is_string());
}

#[test]
fn an_input_without_ingress_asks_nothing() {
    let services = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n";
    let sim = Simulator::new(services, &Options::default());
    assert!(migrate::probes(&sim).is_empty());
    assert_eq!(sim.diff(Profile::IngressNginx, Profile::Traefik).requests, 0);
    let m = migrate_to(services, Implementation::EnvoyGateway);
    assert_eq!((m.requests, m.changed.len(), m.gateways.len()), (0, 0, 0));
    let empty = migrate_to("", Implementation::EnvoyGateway);
    assert_eq!((empty.requests, empty.changed.len()), (0, 0));
}

#[test]
fn migration_json_is_deterministic_and_shaped_for_the_cli() {
    let a = serde_json::to_string(&migrate_to(SHOP, Implementation::EnvoyGateway)).unwrap();
    let b = serde_json::to_string(&migrate_to(SHOP, Implementation::EnvoyGateway)).unwrap();
    assert_eq!(a, b);
    let json: serde_json::Value = serde_json::from_str(&a).unwrap();
    // Sorted: serde_json keeps insertion order when another crate of the workspace turns on its
    // `preserve_order` feature, and sorts otherwise.
    let mut keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["changed", "from", "gateways", "notices", "requests", "to"]);
    assert_eq!((json["from"].as_str(), json["to"].as_str()), (Some("ingress-nginx"), Some("envoy-gateway")));
    let first = &json["changed"][0];
    for key in ["request", "probes", "before", "after"] {
        assert!(!first[key].is_null(), "changed[0].{key}");
    }
    assert!(first["after"]["gateway"].is_string());
}

#[test]
fn after_decisions_point_into_the_emitted_yaml() {
    let m = migrate_to(WILDCARD, Implementation::EnvoyGateway);
    let c = change(&m.changed, Scheme::Http, "a.b.foo.com", "/api").unwrap();
    let span = c.after.span.expect("the winning match's place");
    assert_eq!(span.source.name(), Some(migrate::EMITTED_SOURCE));
    let line = m.conversion.yaml.lines().nth(span.start.line as usize - 1).unwrap();
    assert!(
        line.contains("path") || line.contains("/api") || line.contains("matches") || line.contains("type"),
        "{line}"
    );
    let answered = m.changed.iter().find_map(|c| c.before.span).expect("a before decision with a place");
    assert_eq!(answered.source.name(), Some(migrate::UNNAMED_INPUT), "before: the unnamed input, named");
}

#[test]
fn a_stepped_run_gives_the_same_migration_and_never_routes_more_than_asked() {
    let options = MigrateOptions::default();
    let mut run = MigrationRun::new(Sources::Text(SPLIT), &options);
    let mut last = run.progress();
    assert!(!last.finished);
    let mut steps = 0;
    while !last.finished {
        let progress = run.step(3);
        assert!(progress.done >= last.done && progress.done <= last.done + 3, "{last:?} → {progress:?}");
        assert!(progress.done <= progress.total || progress.total == 0);
        last = progress;
        steps += 1;
        assert!(steps < 1_000, "the run ends");
    }
    assert_eq!(last.done, last.total);
    let stepped = serde_json::to_string(&run.finish()).unwrap();
    let whole = serde_json::to_string(&migrate::migrate(Sources::Text(SPLIT), &options)).unwrap();
    assert_eq!(stepped, whole);
}

/// `count` Ingresses of one host each, without TLS: every https probe changes (ingress-nginx
/// answers with its default certificate; the converted Gateway has no HTTPS listener).
fn many_hosts(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: app-{i}, namespace: shop}}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: h{i}.example.com\n    http:\n      paths:\n      - {{path: /app, pathType: Prefix, backend: {{service: {{name: app, port: {{number: 80}}}}}}}}\n"
            )
        })
        .collect::<Vec<_>>()
        .join("---\n")
}

#[test]
fn only_the_first_changes_carry_explanations() {
    let yaml = many_hosts(migrate::MAX_EXPLAINED + 10);
    let m = migrate_to(&yaml, Implementation::EnvoyGateway);
    assert!(m.changed.len() > migrate::MAX_EXPLAINED, "{} changed", m.changed.len());
    let explained = |c: &Change<Decision, ingress_engine::gateway::GatewayDecision>| {
        !c.before.explanation.is_empty() && !c.after.explanation.is_empty()
    };
    assert!(m.changed[..migrate::MAX_EXPLAINED].iter().all(explained));
    assert!(m.changed[migrate::MAX_EXPLAINED..]
        .iter()
        .all(|c| c.before.explanation.is_empty() && c.after.explanation.is_empty()));
    let notice = notices(&m, "unexplained-changes");
    assert_eq!(notice.len(), 1);
    assert!(notice[0].message.starts_with(&format!("{} requests change", m.changed.len())));
    // The same answers whether explained or not: the unexplained ones still changed.
    let sim = Simulator::new(yaml.as_str(), &Options::default());
    let last = m.changed.last().unwrap();
    let before = sim.route(&last.request, Profile::IngressNginx, ingress_engine::Explain::Yes);
    assert_eq!(before.backend_label(), last.before.backend_label());
}

#[test]
fn a_finished_run_explains_any_change_on_request_and_explanations_stay_small() {
    let yaml = many_hosts(migrate::MAX_EXPLAINED + 10);
    let mut run = MigrationRun::new(Sources::Text(&yaml), &MigrateOptions::default());
    let m = run.finish_keeping();
    let last = m.changed.len() - 1;
    assert!(!m.changed[last].explained);
    let explained = run.explain(last).expect("the last change");
    assert!(explained.explained);
    assert_eq!(explained.request, m.changed[last].request);
    assert_eq!(explained.before.backend_label(), m.changed[last].before.backend_label());
    assert!(!explained.before.explanation.is_empty() && !explained.after.explanation.is_empty());
    assert!(run.explain(m.changed.len()).is_none());
    // Other hosts' candidates and other listeners' matches are one line each, not one per path.
    let json = serde_json::to_string(&m.changed[0]).unwrap();
    assert!(json.len() < 20_000, "{} bytes", json.len());
    assert!(m.changed[0].before.explanation.len() < 10, "{:?}", m.changed[0].before.explanation);
}

#[test]
fn a_canary_never_header_is_the_main_side_alone_and_equal_urls_are_equal() {
    let sim = Simulator::new(CANARY, &Options::default());
    let mut request = ingress_engine::Request::new("shop.example.com", "/");
    request.headers.push(("X-Canary".into(), "never".into()));
    let before = sim.route(&request, Profile::IngressNginx, ingress_engine::Explain::No);
    let answer = migrate::Answer::of_ingress_request(&before, &request, sim.manifest());
    assert_eq!(answer.backends, vec![("shop/web:80".to_string(), None)]);
    let plain = ingress_engine::Request::new("shop.example.com", "/");
    let weighted = migrate::Answer::of_ingress_request(&before, &plain, sim.manifest());
    assert_eq!(weighted.backends.len(), 2, "without the header: the weighted split");
}

#[test]
fn the_emitted_yaml_can_be_read_back_under_the_callers_name() {
    let options = MigrateOptions { emitted_name: Some("out/gateway.yaml".into()), ..MigrateOptions::default() };
    let m = migrate::migrate(Sources::Text(WILDCARD), &options);
    let c = change(&m.changed, Scheme::Http, "a.b.foo.com", "/api").unwrap();
    assert_eq!(c.after.span.unwrap().source.name(), Some("out/gateway.yaml"));
}

#[test]
fn one_host_on_one_converted_gateway_is_not_split() {
    // A class-less Ingress and one of class nginx, same namespace: the conversion puts both on
    // the namespace's nginx Gateway, so nothing is split.
    let yaml = SPLIT.replace("namespace: team-b", "namespace: team-a").replace("name: shop, namespace: team-a}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n      - {path: /search", "name: search, namespace: team-a}\nspec:\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n      - {path: /search");
    assert!(yaml.contains("name: search"), "{yaml}");
    let m = migrate_to(&yaml, Implementation::EnvoyGateway);
    assert_eq!(m.gateways.len(), 1, "{:?}", m.gateways);
    assert!(notices(&m, "split-host").is_empty());
    assert!(change(&m.changed, Scheme::Http, "shop.example.com", "/search").is_none());
}
