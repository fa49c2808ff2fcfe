//! End-to-end checks of the profile through the public simulator.

use crate::decision::{Outcome, Reason, Verdict};
use crate::profile::Profile;
use crate::request::Request;
use crate::simulator::{Explain, Options, Simulator};

/// An input asked about under the ingress-nginx profile.
struct Nginx(Simulator);

impl Nginx {
    fn route(&self, request: &Request) -> crate::Decision {
        self.0.route(request, Profile::IngressNginx, Explain::Yes)
    }

    fn diagnostics(&self) -> &[crate::Diagnostic] {
        self.0.diagnostics(Profile::IngressNginx)
    }
}

fn sim(yaml: &str) -> Nginx {
    Nginx(Simulator::new(yaml, &Options::default()))
}

const CANARY: &str = "profile-ingress-nginx-canary.yaml";

/// The manifest of a corpus file (`tests/corpus/`; the corpus test runs its cases).
fn corpus_manifest(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(file);
    let (cases, _) = crate::cases::parse_cases(&std::fs::read_to_string(path).unwrap());
    cases.manifest.unwrap_or_default()
}

#[test]
fn canary_split() {
    let s = sim(&corpus_manifest(CANARY));
    let d = s.route(&Request::new("echo.example.com", "/"));
    assert_eq!(d.outcome, Outcome::Rule);
    assert_eq!(d.split.len(), 2, "{:#?}", d.explanation);
    assert!(!d.split[0].canary);
    assert_eq!(d.split[0].backend.as_ref().unwrap().to_string(), "production:80");
    assert_eq!(d.split[0].weight, Some(90.0));
    assert!(d.split[1].canary);
    assert_eq!(d.split[1].ingress, "echo/canary");
    assert_eq!(d.split[1].backend.as_ref().unwrap().to_string(), "canary:80");
    assert_eq!(d.split[1].weight, Some(10.0));
    assert!(d.split[1].selector.contains("header X-Canary"), "{}", d.split[1].selector);
    assert!(d.explanation.iter().any(|e| e.reason == Reason::Canary));
}

/// The canary's share for `canary-weight` and `canary-weight-total` annotations on the corpus's
/// canary Ingress.
fn canary_share(weight: &str, total: &str) -> (f64, String) {
    let manifest = corpus_manifest(CANARY).replace(
        "canary-weight: \"10\"",
        &format!("canary-weight: \"{weight}\"\n    nginx.ingress.kubernetes.io/canary-weight-total: \"{total}\""),
    );
    let d = sim(&manifest).route(&Request::new("echo.example.com", "/"));
    assert_eq!(d.split.len(), 2, "{manifest}");
    (d.split[1].weight.unwrap(), d.split[1].selector.clone())
}

/// balancer.lua draws from 100 unless the total is above 100: weight 5 of "10" is 5 %.
#[test]
fn canary_weight_total_below_100_is_ignored() {
    let (share, selector) = canary_share("5", "10");
    assert_eq!(share, 5.0);
    assert!(selector.contains("canary-weight-total 10 is below 100"), "{selector}");
    assert_eq!(canary_share("10", "10").0, 10.0);
    assert_eq!(canary_share("50", "200").0, 25.0);
    assert_eq!(canary_share("300", "200").0, 100.0);
    assert!(!canary_share("50", "200").1.contains("ignores"));
}

/// rewrite-target /foo on Prefix /foo: `location /foo/` rewrites (`rewrite "(?i)/foo/" /foo
/// break;`), the added `= /foo` copy (path equal to the target) does not.
#[test]
fn rewrite_decided_on_the_normalised_path() {
    let s = sim(&corpus_manifest("profile-ingress-nginx-rewrite-normalised.yaml"));
    let d = s.route(&Request::new("shop.example.com", "/foo/list?page=2"));
    assert_eq!(d.matched_as.as_deref(), Some("location ~* \"^/foo/\""));
    assert_eq!(d.upstream_path.as_deref(), Some("/foo?page=2"));
    let d = s.route(&Request::new("shop.example.com", "/foo"));
    assert_eq!(d.matched_as.as_deref(), Some("location ~* \"^/foo\""));
    assert_eq!(d.upstream_path, None);
}

/// 1.15 quotes and escapes location paths: a `"` in a regex path is no configuration error, and
/// the location is shown as the template writes it.
#[test]
fn quoted_regex_locations() {
    let s = sim(&corpus_manifest("profile-ingress-nginx-quoted-paths.yaml"));
    assert!(s.diagnostics().iter().all(|d| !d.message.contains("nginx -t")), "{:#?}", s.diagnostics());
    let d = s.route(&Request::new("print.example.com", "/label/\"abc\""));
    assert_eq!(d.outcome, Outcome::Rule);
    assert_eq!(d.matched_as.as_deref(), Some(r#"location ~* "^/label/\"[a-z]+\"""#));
}

#[test]
fn redirects_say_where() {
    let s = sim(&corpus_manifest("profile-ingress-nginx-paths.yaml"));
    let d = s.route(&Request::new("shop.example.com", "/docs?x=1"));
    let r = d.redirect.unwrap();
    assert_eq!((r.status, r.location.as_str()), (301, "http://shop.example.com/docs/?x=1"));
    assert_eq!(d.matched_as.as_deref(), Some("location = /docs/"));
    let s = sim(&corpus_manifest("profile-ingress-nginx-tls.yaml"));
    let d = s.route(&Request::from_url("http://secure.example.com:80/account/?q=1").unwrap());
    let r = d.redirect.unwrap();
    assert_eq!((r.status, r.location.as_str()), (308, "https://secure.example.com/account/?q=1"));
    let d = s.route(&Request::from_url("http://secure.example.com/account/").unwrap());
    assert_eq!(d.redirect.unwrap().location, "https://secure.example.com/account");
}

#[test]
fn matched_as_and_normalised_path() {
    let regex = "location ~* \"^/foo/bar/[A-Z0-9]{3}\"";
    let table = [
        ("profile-ingress-nginx-paths.yaml", "shop.example.com", "/foo", "location = /foo", "/foo"),
        ("profile-ingress-nginx-paths.yaml", "shop.example.com", "//foo/./bar", "location /foo/", "/foo/bar"),
        ("profile-ingress-nginx-regex.yaml", "test.com", "/foo/bar/bar", regex, "/foo/bar/bar"),
    ];
    for (file, host, path, matched_as, matched_path) in table {
        let d = sim(&corpus_manifest(file)).route(&Request::new(host, path));
        assert_eq!(d.matched_as.as_deref(), Some(matched_as), "{host}{path}");
        assert_eq!(d.request.path, matched_path, "{host}{path}");
    }
    let d = sim(&corpus_manifest("profile-ingress-nginx-regex.yaml")).route(&Request::new("test.com", "/foo/bar/bar"));
    assert!(d.explanation.iter().any(|e| e.reason == Reason::Outranked && e.path.as_deref() == Some("/foo/bar/bar")));
}

#[test]
fn rewrite_target_upstream_path() {
    let s = sim(&corpus_manifest("profile-ingress-nginx-regex.yaml"));
    let d = s.route(&Request::new("rewrite.bar.com", "/something/new?x=1"));
    assert_eq!(d.upstream_path.as_deref(), Some("/new?x=1"));
    let d = s.route(&Request::new("rewrite.bar.com", "/something"));
    assert_eq!(d.upstream_path.as_deref(), Some("/"));
}

#[test]
fn duplicate_location_diagnostic() {
    let s = sim(&corpus_manifest("profile-ingress-nginx-duplicate-location.yaml"));
    let d: Vec<_> = s.diagnostics().iter().filter(|d| d.message.contains("duplicate location \"/app/\"")).collect();
    assert_eq!(d.len(), 1, "{:#?}", s.diagnostics());
    assert!(d[0].span.is_some());
}

#[test]
fn unsupported_regex_is_not_guessed_and_annotations_are_listed() {
    let yaml = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: r
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  rules:
  - host: r.com
    http:
      paths:
      - path: /(?!admin)long
        pathType: ImplementationSpecific
        backend: {service: {name: look, port: {number: 80}}}
      - path: /a
        pathType: ImplementationSpecific
        backend: {service: {name: a, port: {number: 80}}}
"#;
    let s = sim(yaml);
    assert!(s.diagnostics().iter().any(|d| d.message.contains("not supported by the simulator")));
    let d = s.route(&Request::new("r.com", "/alpha"));
    assert_eq!(d.backend_label(), "a:80");
    assert!(d.explanation.iter().any(|e| e.verdict == Verdict::Ignored && e.message.contains("not evaluated")));
    assert!(d.ignored_annotations.iter().any(|a| a.key == "nginx.ingress.kubernetes.io/proxy-body-size"));
    assert!(d.explanation.iter().any(|e| e.reason == Reason::IgnoredAnnotation));
}

#[test]
fn odd_inputs_do_not_panic() {
    let s = sim(&corpus_manifest("profile-ingress-nginx-regex.yaml"));
    for p in ["", "?", "#", "%", "%%", "/%C0%AF", "/..", "/a/../..", "//////", "/\u{1F600}", "*", "/%2e%2e/"] {
        for h in ["", ":", "test.com", "TEST.com.", "[::1]:80", "a.b.c"] {
            let _ = s.route(&Request::new(h, p));
            let _ = s.route(&Request::new(h, p).with_sni(h));
        }
    }
}

/// ingress-nginx@1.14.2 writes prefix locations unquoted: an ImplementationSpecific path with a
/// space (admission does not check ImplementationSpecific paths) is `location /a b`, which
/// `nginx -t` refuses ("invalid location modifier"); since 1.14.3 it is `location "/a b"` and routes.
#[test]
fn unquoted_plain_locations_before_1_14_3() {
    let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: docs, namespace: web}\nspec:\n  rules:\n  - host: docs.example.com\n    http:\n      paths:\n      - path: /user guide\n        pathType: ImplementationSpecific\n        backend: {service: {name: guide, port: {number: 80}}}\n";
    let s = Simulator::new(yaml, &Options::default());
    let request = Request::new("docs.example.com", "/user%20guide/intro");
    let old = s.route(&request, Profile::IngressNginxV1_14_2, Explain::Yes);
    assert_eq!(old.outcome, Outcome::ConfigError, "{:#?}", old.explanation);
    assert!(
        old.explanation.iter().any(|e| e.message.contains("nginx cannot read `location /user guide/`")),
        "{:#?}",
        old.explanation
    );
    assert_eq!(old.profile_version, "1.14.2");
    let new = s.route(&request, Profile::IngressNginx, Explain::Yes);
    assert_eq!(new.backend_label(), "guide:80", "{:#?}", new.explanation);
    assert_eq!(new.profile_version, "1.15");
}

/// ingress-nginx@1.14.2 shows regex locations as it wrote them, unescaped.
#[test]
fn regex_locations_shown_as_the_release_writes_them() {
    let yaml = corpus_manifest("profile-ingress-nginx-1.14.2-regex-escapes.yaml");
    let s = Simulator::new(&yaml, &Options::default());
    let request = Request::new("api.example.com", "/api/v2");
    let old = s.route(&request, Profile::IngressNginxV1_14_2, Explain::No);
    assert_eq!(old.matched_as.as_deref(), Some(r#"location ~* "^/api/v\\d+""#));
    let new = s.route(&request, Profile::IngressNginx, Explain::No);
    assert_eq!(new.matched_as.as_deref(), Some(r#"location ~* "^/api""#));
}

#[test]
fn host_wide_annotations_of_other_ingresses_of_the_host_are_named() {
    let yaml = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: web
  creationTimestamp: "2024-01-01T00:00:00Z"
  annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 8m}
spec:
  rules:
  - host: app.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  namespace: web
  creationTimestamp: "2024-01-02T00:00:00Z"
  annotations:
    nginx.ingress.kubernetes.io/server-snippet: "return 403;"
    nginx.ingress.kubernetes.io/proxy-read-timeout: "30"
spec:
  rules:
  - host: app.example.com
    http:
      paths:
      - {path: /admin, pathType: Prefix, backend: {service: {name: admin, port: {number: 80}}}}
"#;
    let d = sim(yaml).route(&Request::new("app.example.com", "/shop"));
    assert_eq!(d.backend_label(), "app:80");
    let listed: Vec<(&str, &str)> =
        d.ignored_annotations.iter().map(|a| (a.ingress.as_str(), a.key.as_str())).collect();
    assert_eq!(
        listed,
        [
            ("web/app", "nginx.ingress.kubernetes.io/proxy-body-size"),
            ("web/admin", "nginx.ingress.kubernetes.io/server-snippet"),
        ],
        "the other Ingress's location-only annotation cannot change this answer and is left out"
    );
    let note = d.explanation.iter().find(|e| e.reason == Reason::IgnoredAnnotation).unwrap();
    assert!(note.message.contains("nginx.ingress.kubernetes.io/server-snippet on web/admin"), "{}", note.message);
    assert!(note.message.contains("whichever Ingress of the host"), "{}", note.message);
}

#[test]
fn strict_path_type_admission_names_each_refused_path() {
    let yaml = r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app, namespace: web}
spec:
  rules:
  - host: app.example.com
    http:
      paths:
      - {path: "/v1/(.*)", pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
      - {path: "/v2/(.*)", pathType: ImplementationSpecific, backend: {service: {name: b, port: {number: 80}}}}
      - {path: /ok.v3_x-y, pathType: Exact, backend: {service: {name: c, port: {number: 80}}}}
"#;
    let s = sim(yaml);
    let refused: Vec<_> = s.diagnostics().iter().filter(|d| d.message.contains("admission webhook rejects")).collect();
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert!(refused[0].message.contains("path /v1/(.*) cannot be used with pathType Prefix"), "{}", refused[0].message);
    assert_eq!(refused[0].field.as_deref(), Some("spec.rules[0].http.paths[0].path"));
    assert_eq!(refused[0].span.unwrap().start.line, 10);
}

#[test]
fn the_webhook_rejects_a_newer_ingress_that_repeats_a_host_and_path() {
    let ingress = |name: &str, day: u8, extra: &str, path: &str, path_type: &str| {
        format!(
            r#"apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {name}
  namespace: web
  creationTimestamp: "2024-01-0{day}T00:00:00Z"{extra}
spec:
  rules:
  - host: app.example.com
    http:
      paths:
      - {{path: /api, pathType: Prefix, backend: {{service: {{name: {name}, port: {{number: 80}}}}}}}}
      - {{path: {path}, pathType: {path_type}, backend: {{service: {{name: {name}, port: {{number: 80}}}}}}}}
"#
        )
    };
    let canary = "\n  annotations: {nginx.ingress.kubernetes.io/canary: \"true\"}";
    let yaml = [
        ingress("old", 1, "", "/own", "Prefix"),
        ingress("new", 2, "", "/own/", "Exact"),
        ingress("canary", 3, canary, "/canary", "Prefix"),
    ]
    .join("---\n");
    let s = sim(&yaml);
    let refused: Vec<_> = s.diagnostics().iter().filter(|d| d.message.contains("already defined")).collect();
    assert_eq!(refused.len(), 2, "/api, and /own/ (old's Prefix /own is location /own/), not the canary: {refused:#?}");
    assert!(
        refused[0].message.contains(r#"host "app.example.com" and path "/api" is already defined in ingress web/old"#),
        "{}",
        refused[0].message
    );
    assert!(refused[0].message.contains("served as simulated"), "{}", refused[0].message);
    assert_eq!(refused[0].object.as_deref(), Some("Ingress web/new"));
    assert!(
        refused[1].message.contains(r#"path "/own/" is already defined in ingress web/old"#),
        "{}",
        refused[1].message
    );
    assert_eq!(refused[1].field.as_deref(), Some("spec.rules[0].http.paths[1].path"));
}
