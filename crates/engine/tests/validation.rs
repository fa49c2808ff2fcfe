//! Validation parity with the API server: the cases of kubernetes/kubernetes
//! `pkg/apis/networking/validation/validation_test.go` (`TestValidateIngress`,
//! `TestValidateIngressRuleValue`, `TestValidateIngressCreate`, `TestValidateIngressClass`), numbered
//! here in the order they are listed below, plus edge cases read from `validation.go`. Each case
//! states the exact set of `(field, type)` errors expected, so a missing or an extra error fails.

use ingress_engine::{ErrorType, Options, Simulator};

/// The base object of `TestValidateIngress`: host foo.bar.com, path /foo (ImplementationSpecific),
/// backend defaultbackend:80, plus a defaultBackend. `{spec}` replaces the whole spec.
fn ingress(spec: &str) -> String {
    format!(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: foo\n  namespace: default\nspec:\n{spec}"
    )
}

const RULE: &str = "  rules:\n  - host: foo.bar.com\n    http:\n      paths:\n      - path: {PATH}\n        pathType: {TYPE}\n        backend:\n          service:\n            name: defaultbackend\n            port:\n              number: 80\n";
const DEFAULT_BACKEND: &str =
    "  defaultBackend:\n    service:\n      name: default-backend\n      port:\n        number: 80\n";

fn with_path(path: &str, path_type: &str) -> String {
    ingress(&format!("{DEFAULT_BACKEND}{}", RULE.replace("{PATH}", path).replace("{TYPE}", path_type)))
}

fn errors(yaml: &str) -> Vec<(String, ErrorType, String)> {
    let sim = Simulator::new(yaml, &Options::default());
    sim.errors()
        .map(|d| {
            (
                d.field.clone().unwrap_or_default(),
                d.error_type.expect("validation errors carry a type"),
                d.message.clone(),
            )
        })
        .collect()
}

#[track_caller]
fn expect(yaml: &str, want: &[(&str, ErrorType)]) {
    let got = errors(yaml);
    let got_pairs: Vec<(&str, ErrorType)> = got.iter().map(|(f, t, _)| (f.as_str(), *t)).collect();
    assert_eq!(got_pairs, want, "\nerrors: {got:#?}\ninput:\n{yaml}");
}

#[track_caller]
fn expect_message(yaml: &str, field: &str, contains: &str) {
    let got = errors(yaml);
    assert!(
        got.iter().any(|(f, _, m)| f == field && m.contains(contains)),
        "want {field} containing {contains:?}, got {got:#?}"
    );
}

use ErrorType::*;
const PATH0: &str = "spec.rules[0].http.paths[0].path";

#[test]
fn a7_01_to_09_paths_backends_and_empty_specs() {
    expect(&with_path("\"\"", "ImplementationSpecific"), &[]); // 1
    expect(&with_path("/valid", "ImplementationSpecific"), &[]); // 2
    expect(
        &ingress(&format!(
            "{}{}",
            DEFAULT_BACKEND.replace("default-backend", "\"\""),
            RULE.replace("{PATH}", "/foo").replace("{TYPE}", "Prefix")
        )),
        &[("spec.defaultBackend.service.name", Required)],
    ); // 3
    expect(&with_path("/foo", "foo"), &[("spec.rules[0].http.paths[0].pathType", NotSupported)]); // 4
    expect(&with_path("\"\"", "Prefix"), &[(PATH0, Invalid)]); // 5
    expect_message(&with_path("\"\"", "Prefix"), PATH0, "must be an absolute path");
    expect(
        &ingress(&format!("{DEFAULT_BACKEND}  rules:\n  - host: foo.bar.com\n    http:\n      paths: []\n")),
        &[("spec.rules[0].http.paths", Required)],
    ); // 6
    expect(&ingress(DEFAULT_BACKEND), &[]); // 7
    expect(&ingress(&RULE.replace("{PATH}", "/foo").replace("{TYPE}", "Prefix")), &[]); // 8
    expect(&ingress("  rules: []\n"), &[("spec", Invalid)]); // 9
    expect_message(&ingress("  rules: []\n"), "spec", "either `defaultBackend` or `rules` must be specified");
}

fn with_host(host: &str) -> String {
    ingress(&RULE.replace("foo.bar.com", host).replace("{PATH}", "/foo").replace("{TYPE}", "Prefix"))
}

#[test]
fn a7_10_to_14_hosts() {
    expect(&with_host("foobar:80"), &[("spec.rules[0].host", Invalid)]);
    expect(&with_host("127.0.0.1"), &[("spec.rules[0].host", Invalid)]);
    expect_message(&with_host("127.0.0.1"), "spec.rules[0].host", "must be a DNS name, not an IP address");
    expect(&with_host("\"*.bar.com\""), &[]);
    expect(&with_host("\"foo.*.bar.com\""), &[("spec.rules[0].host", Invalid)]);
    expect_message(
        &with_host("\"foo.*.bar.com\""),
        "spec.rules[0].host",
        "a wildcard DNS-1123 subdomain must start with '*.'",
    );
    expect(&with_host("\"*\""), &[("spec.rules[0].host", Invalid)]);
    // Extra cases: upper case, trailing dot, IPv6 (two errors).
    expect(&with_host("Foo.com"), &[("spec.rules[0].host", Invalid)]);
    expect(&with_host("foo.com."), &[("spec.rules[0].host", Invalid)]);
    expect(&with_host("\"::1\""), &[("spec.rules[0].host", Invalid), ("spec.rules[0].host", Invalid)]);
}

const BOTH_BACKENDS: &str = "service:\n            name: defaultbackend\n            port:\n              {PORT}\n          resource:\n            apiGroup: example.com\n            kind: StorageBucket\n            name: static\n";

#[test]
fn a7_15_to_18_both_backends() {
    for port in ["name: http", "number: 80"] {
        let yaml = with_path("/foo", "Prefix").replace(
            "service:\n            name: defaultbackend\n            port:\n              number: 80\n",
            &BOTH_BACKENDS.replace("{PORT}", port),
        );
        expect(&yaml, &[("spec.rules[0].http.paths[0].backend", Invalid)]);
        expect_message(&yaml, "spec.rules[0].http.paths[0].backend", "cannot set both resource and service backends");
        let default = ingress(&format!(
            "  defaultBackend:\n    service:\n      name: x\n      port:\n        {port}\n    resource:\n      kind: StorageBucket\n      name: static\n"
        ));
        expect(&default, &[("spec.defaultBackend", Invalid)]);
    }
}

#[test]
fn a7_19_to_34_path_shapes_per_type() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("ImplementationSpecific", "foo", &["must be an absolute path"]),
        ("ImplementationSpecific", "/foo", &[]),
        ("ImplementationSpecific", "/foo/bar/foo", &[]),
        ("ImplementationSpecific", "/foo//bar/foo", &[]),
        ("Prefix", "foo", &["must be an absolute path"]),
        ("Prefix", "/foo", &[]),
        ("Prefix", "/foo/bar/foo", &[]),
        ("Prefix", "/foo//bar/foo", &["must not contain '//'"]),
        ("Exact", "foo", &["must be an absolute path"]),
        ("Exact", "/foo", &[]),
        ("Exact", "/foo/bar/foo", &[]),
        ("Exact", "/foo//bar/foo", &["must not contain '//'"]),
        ("Prefix", "/foo/./foo", &["must not contain '/./'"]),
        ("Exact", "/foo/../foo", &["must not contain '/../'"]),
        ("Prefix", "/foo/%2f/foo", &["must not contain '%2f'"]),
        ("Exact", "/foo/%2F/foo", &["must not contain '%2F'"]),
        // Extra cases.
        ("Prefix", "/foo/.", &["cannot end with '/.'"]),
        ("Prefix", "/foo/..", &["cannot end with '/..'"]),
        ("Prefix", "/a//b/../c%2F", &["must not contain '//'", "must not contain '/../'", "must not contain '%2F'"]),
        ("ImplementationSpecific", "\"/([a-z0-9]*)[\"", &[]),
    ];
    for (path_type, path, messages) in cases {
        let got = errors(&with_path(path, path_type));
        let got_messages: Vec<&str> = got.iter().map(|(_, _, m)| m.as_str()).collect();
        assert_eq!(got.len(), messages.len(), "{path_type} {path}: {got_messages:#?}");
        for (m, want) in got_messages.iter().zip(messages.iter()) {
            assert!(m.ends_with(want), "{path_type} {path}: {m} should end with {want}");
            assert!(m.starts_with(PATH0));
        }
    }
}

#[test]
fn a7_35_to_38_class_field_and_annotation() {
    let with_class = |annotation: Option<&str>, field: Option<&str>| {
        let mut y = String::from("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: foo\n");
        if let Some(a) = annotation {
            y.push_str(&format!("  annotations:\n    kubernetes.io/ingress.class: {a}\n"));
        }
        y.push_str("spec:\n");
        if let Some(f) = field {
            y.push_str(&format!("  ingressClassName: {f}\n"));
        }
        y.push_str(DEFAULT_BACKEND);
        y
    };
    expect(&with_class(None, Some("bar")), &[]);
    expect(&with_class(Some("foo"), None), &[]);
    expect(&with_class(Some("foo"), Some("foo")), &[]);
    let mismatch = with_class(Some("foo"), Some("bar"));
    expect(&mismatch, &[("annotations.kubernetes.io/ingress.class", Invalid)]);
    expect_message(
        &mismatch,
        "annotations.kubernetes.io/ingress.class",
        "must match `ingressClassName` when both are specified",
    );
}

#[test]
fn a7_41_to_46_resources_and_tls() {
    expect(
        &ingress("  defaultBackend:\n    resource:\n      apiGroup: example.com\n      kind: foo\n      name: bar\n"),
        &[],
    );
    expect(
        &ingress("  defaultBackend:\n    resource:\n      kind: foo\n"),
        &[("spec.defaultBackend.resource.name", Required)],
    );
    expect(
        &ingress("  defaultBackend:\n    resource:\n      kind: foo/\n      name: bar\n"),
        &[("spec.defaultBackend.resource.kind", Invalid)],
    );
    expect(&ingress(&format!("{DEFAULT_BACKEND}  tls:\n  - secretName: valid\n")), &[]);
    expect(
        &ingress(&format!("{DEFAULT_BACKEND}  tls:\n  - secretName: invalid name\n")),
        &[("spec.tls[0].secretName", Invalid)],
    );
    let tls = "  tls:\n  - hosts: [\"*.bar.com\"]\n";
    expect(
        &ingress(&format!(
            "{tls}{}",
            RULE.replace("foo.bar.com", "\"*.foo.com\"").replace("{PATH}", "/foo").replace("{TYPE}", "Exact")
        )),
        &[],
    );
    expect(
        &ingress(&format!(
            "{tls}{}",
            RULE.replace("foo.bar.com", "\"*.foo.com\"").replace("{PATH}", "foo").replace("{TYPE}", "Exact")
        )),
        &[(PATH0, Invalid)],
    );
    expect(
        &ingress(&format!("{DEFAULT_BACKEND}  tls:\n  - hosts: [\"foo.*.bar.com\"]\n")),
        &[("spec.tls[0].hosts[0]", Invalid)],
    );
    expect(&ingress(&format!("{DEFAULT_BACKEND}  tls:\n  - {{}}\n")), &[]);
    expect(&ingress(&format!("{DEFAULT_BACKEND}  tls:\n  - hosts: []\n")), &[]);
    expect(&ingress(&format!("{DEFAULT_BACKEND}  tls:\n  - hosts: [10.0.0.1]\n")), &[]);
}

#[test]
fn a7_47_service_names_are_dns1035_labels() {
    let yaml = with_path("/foo", "Prefix").replace("name: defaultbackend", "name: 1adrian");
    expect(&yaml, &[("spec.rules[0].http.paths[0].backend.service.name", Invalid)]);
    expect_message(&yaml, "spec.rules[0].http.paths[0].backend.service.name", "a DNS-1035 label must consist of");
}

#[test]
fn extra_ports_and_missing_path_type() {
    let port = |p: &str| {
        with_path("/foo", "Prefix").replace("port:\n              number: 80", &format!("port:\n              {p}"))
    };
    expect(&port("{name: http, number: 80}"), &[("spec.rules[0].http.paths[0].backend", Invalid)]);
    expect(&port("{}"), &[("spec.rules[0].http.paths[0].backend", Required)]);
    expect_message(&port("{}"), "spec.rules[0].http.paths[0].backend", "port name or number is required");
    expect(&port("{number: 70000}"), &[("spec.rules[0].http.paths[0].backend.service.port.number", Invalid)]);
    expect_message(
        &port("{number: 70000}"),
        "spec.rules[0].http.paths[0].backend.service.port.number",
        "Invalid value: 70000: must be between 1 and 65535, inclusive",
    );
    expect(&port("{name: HTTP}"), &[("spec.rules[0].http.paths[0].backend.service.port.name", Invalid); 2]);
    // A missing pathType is one error, and the (broken) backend is not validated.
    let yaml = with_path("/foo", "Prefix")
        .replace("        pathType: Prefix\n", "")
        .replace("name: defaultbackend", "name: BAD");
    expect(&yaml, &[("spec.rules[0].http.paths[0].pathType", Required)]);
    // A host-only rule is valid.
    expect(&ingress("  rules:\n  - host: foo.bar.com\n"), &[]);
}

#[test]
fn metadata_and_message_shape() {
    let yaml = with_path("/foo", "Prefix").replace("name: foo\n", "name: Foo_Bar\n");
    expect(&yaml, &[("metadata.name", Invalid)]);
    expect_message(&yaml, "metadata.name", "metadata.name: Invalid value: \"Foo_Bar\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    let no_name = with_path("/foo", "Prefix").replace("  name: foo\n", "");
    expect(&no_name, &[("metadata.name", Required)]);
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let yaml = ingress("  rules:\n  - host: Bad_Host\n    http:\n      paths:\n      - path: relative\n        pathType: Prefix\n        backend:\n          service:\n            name: 9svc\n            port:\n              number: 0\n      - path: /x\n        pathType: Regex\n        backend: {}\n");
    expect(
        &yaml,
        &[
            ("spec.rules[0].host", Invalid),
            (PATH0, Invalid),
            ("spec.rules[0].http.paths[0].backend.service.name", Invalid),
            ("spec.rules[0].http.paths[0].backend", Required),
            ("spec.rules[0].http.paths[1].pathType", NotSupported),
            ("spec.rules[0].http.paths[1].backend", Invalid),
        ],
    );
}

fn class(spec: &str) -> String {
    format!("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: test123\nspec:\n{spec}")
}

#[test]
fn a7_59_to_74_ingress_classes() {
    expect(&class("  controller: foo.co/bar\n"), &[]);
    expect(&class("  controller: foo.co/bar\n").replace("test123", "\"test*123\""), &[("metadata.name", Invalid)]);
    expect(&class("  controller: \"\"\n"), &[("spec.controller", Required)]);
    expect(&class(&format!("  controller: foo.co/{}\n", "a".repeat(243))), &[]);
    expect(&class(&format!("  controller: foo.co/{}\n", "a".repeat(244))), &[("spec.controller", TooLong)]);
    let params = |p: &str| class(&format!("  controller: foo.co/bar\n  parameters:\n{p}"));
    expect(&params("    apiGroup: example.com\n    kind: foo\n    name: bar\n    scope: Cluster\n"), &[]);
    expect(&params("    name: bar\n"), &[("spec.parameters.kind", Required)]);
    expect(&params("    kind: foo\n"), &[("spec.parameters.name", Required)]);
    expect(&params("    kind: foo/\n    name: bar\n"), &[("spec.parameters.kind", Invalid)]);
    expect(&params("    kind: foo\n    name: bar\n    scope: bad-scope\n"), &[("spec.parameters.scope", NotSupported)]);
    expect(&params("    kind: foo\n    name: bar\n    scope: Namespace\n    namespace: foo-ns\n"), &[]);
    expect(
        &params("    kind: foo\n    name: bar\n    scope: Namespace\n    namespace: foo_ns\n"),
        &[("spec.parameters.namespace", Invalid)],
    );
    expect(&params("    kind: foo\n    name: bar\n    scope: Namespace\n"), &[("spec.parameters.namespace", Required)]);
    expect(
        &params("    kind: foo\n    name: bar\n    scope: Cluster\n    namespace: foo-ns\n"),
        &[("spec.parameters.namespace", Forbidden)],
    );
    expect(
        &params("    kind: foo\n    name: bar\n    scope: Cluster\n    namespace: \"\"\n"),
        &[("spec.parameters.namespace", Forbidden)],
    );
}

#[test]
fn validation_errors_sit_on_their_line() {
    let yaml = with_path("bar", "Exact");
    let sim = Simulator::new(&yaml, &Options::default());
    let error = sim.errors().next().expect("one error");
    let line = yaml.lines().position(|l| l.contains("- path: bar")).unwrap() as u32 + 1;
    let span = error.span.expect("placed");
    assert_eq!((span.start.line, span.start.column), (line, 15));
}
