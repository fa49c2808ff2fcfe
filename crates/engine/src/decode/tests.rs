use super::*;
use crate::diagnostic::{Code, ErrorType, Severity};

fn codes(m: &Manifest) -> Vec<(Code, Severity)> {
    m.diagnostics.iter().map(|d| (d.code, d.severity)).collect()
}

#[test]
fn v1beta1_is_converted_with_a_notice() {
    let m = parse(
        "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\nspec:\n  backend:\n    serviceName: fallback\n    servicePort: 80\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - path: /api\n        backend:\n          serviceName: api\n          servicePort: http\n",
    );
    assert_eq!(codes(&m), vec![(Code::Converted, Severity::Notice)], "{:#?}", m.diagnostics);
    let notice = &m.diagnostics[0];
    assert!(notice.message.contains("pathType defaulted to ImplementationSpecific on 1 path"), "{}", notice.message);
    assert_eq!(notice.span.unwrap().start.line, 1);
    let ing = &m.ingresses[0];
    let path = &ing.spec.rules[0].http.as_ref().unwrap().paths[0];
    assert_eq!(path.path_type(), Some(PathType::ImplementationSpecific));
    let service = path.backend.as_ref().unwrap().service.as_ref().unwrap();
    assert_eq!(service.name.as_ref().unwrap().value, "api");
    assert_eq!(service.port.as_ref().unwrap().name.as_ref().unwrap().value, "http");
    let default = ing.spec.default_backend.as_ref().unwrap().service.as_ref().unwrap();
    assert_eq!(default.port.as_ref().unwrap().number.as_ref().unwrap().value, 80);
}

#[test]
fn v1beta1_field_names_in_a_v1_object_are_unknown_fields_with_a_hint() {
    let m = parse("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          serviceName: api\n          servicePort: 80\n");
    let unknown: Vec<_> = m.diagnostics.iter().filter(|d| d.error_type == Some(ErrorType::UnknownField)).collect();
    assert_eq!(unknown.len(), 2, "{:#?}", m.diagnostics);
    assert_eq!(unknown[0].field.as_deref(), Some("spec.rules[0].http.paths[0].backend.serviceName"));
    assert!(unknown[0].message.contains("networking.k8s.io/v1 uses service.name"));
    assert_eq!(unknown[0].span.unwrap().start.line, 11);
}

#[test]
fn lists_and_kubectl_dumps_are_unwrapped() {
    let dump = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: Ingress\n  metadata:\n    name: web\n    namespace: shop\n    uid: 0b3c\n    resourceVersion: \"123\"\n    generation: 2\n    creationTimestamp: \"2024-01-02T03:04:05Z\"\n    managedFields:\n    - manager: kubectl\n      operation: Update\n      fieldsV1: {f:spec: {}}\n  spec:\n    ingressClassName: nginx\n    rules:\n    - host: shop.example.com\n      http:\n        paths:\n        - path: /\n          pathType: Prefix\n          backend: {service: {name: web, port: {number: 80}}}\n  status:\n    loadBalancer:\n      ingress:\n      - ip: 203.0.113.10\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: web}\nmetadata:\n  resourceVersion: \"\"\n";
    let m = parse(dump);
    assert_eq!(m.ingresses.len(), 1);
    assert_eq!(m.ingresses[0].id(), "shop/web");
    assert_eq!(m.ingresses[0].meta.creation_timestamp.as_ref().unwrap().value, "2024-01-02T03:04:05Z");
    assert_eq!(m.ingresses[0].status.len(), 1);
    assert_eq!(codes(&m), vec![(Code::Document, Severity::Notice)], "{:#?}", m.diagnostics);
    assert!(m.diagnostics[0].message.contains("skipped Deployment web"));
}

#[test]
fn json_input_works() {
    let m = parse(
        r#"{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"j"},"spec":{"defaultBackend":{"service":{"name":"s","port":{"number":8080}}}}}"#,
    );
    assert!(m.diagnostics.is_empty(), "{:#?}", m.diagnostics);
    let port = m.ingresses[0].spec.default_backend.as_ref().unwrap().service.as_ref().unwrap().port.as_ref().unwrap();
    assert_eq!(port.number.as_ref().unwrap().value, 8080);
}

#[test]
fn wrong_types_are_reported_and_the_rest_is_read() {
    let m = parse("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: t\n  annotations:\n    nginx.ingress.kubernetes.io/use-regex: true\nspec:\n  rules:\n  - host: 123\n    http:\n      paths:\n      - path: /a\n        pathType: Prefix\n        backend:\n          service:\n            name: s\n            port:\n              number: \"80\"\n  tls: {hosts: [a]}\n");
    let fields: Vec<_> = m.diagnostics.iter().map(|d| d.field.clone().unwrap_or_default()).collect();
    assert_eq!(
        fields,
        vec![
            "metadata.annotations.nginx.ingress.kubernetes.io/use-regex",
            "spec.rules[0].host",
            "spec.rules[0].http.paths[0].backend.service.port.number",
            "spec.tls",
        ],
        "{:#?}",
        m.diagnostics
    );
    assert!(m.diagnostics[0].message.contains("quote it: \"true\""));
    assert!(m.diagnostics[2].message.contains("expected an integer, found string \"80\""));
    // The good parts were still read.
    assert_eq!(m.ingresses[0].spec.rules[0].http.as_ref().unwrap().paths[0].path(), "/a");
}

#[test]
fn other_documents_and_non_objects() {
    let m = parse("just a string\n---\nkind: Ingress\n---\n- a\n- b\n---\n");
    let messages: Vec<_> = m.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(m.diagnostics.len(), 3, "{messages:#?}");
    assert!(messages[0].contains("expected a Kubernetes object"));
    assert!(messages[1].contains("apiVersion: Required value"));
    assert!(m.is_unusable());
}

#[test]
fn services_resolve_ports() {
    let m = parse("apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports:\n  - {name: http, port: 80, targetPort: 8080}\n");
    assert_eq!(m.services.len(), 1);
    assert_eq!(m.services[0].ports[0].name.as_deref(), Some("http"));
    assert_eq!(m.services[0].ports[0].port, Some(80));
    assert!(m.diagnostics.is_empty());
}

#[test]
fn duplicate_keys_are_reported() {
    let m = parse("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: d}\nspec:\n  defaultBackend: {service: {name: a, port: {number: 1}}}\n  defaultBackend: {service: {name: b, port: {number: 2}}}\n");
    assert!(
        m.diagnostics.iter().any(|d| d.error_type == Some(ErrorType::Duplicate) && d.span.unwrap().start.line == 6),
        "{:#?}",
        m.diagnostics
    );
}

#[test]
fn a_misspelt_field_gets_the_nearest_known_name_of_its_object() {
    let m = parse("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  ingresClassName: nginx\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - path: /\n        pathtype: Prefix\n        backend: {service: {name: web, port: {number: 80}}}\n        weight: 3\n");
    let unknown = |field: &str| {
        m.diagnostics
            .iter()
            .find(|d| d.error_type == Some(ErrorType::UnknownField) && d.field.as_deref() == Some(field))
            .unwrap_or_else(|| panic!("no unknown-field error at {field}: {:#?}", m.diagnostics))
    };
    let class = unknown("spec.ingresClassName");
    assert_eq!(
        class.message,
        "spec.ingresClassName: Unknown field: strict decoding error: unknown field \"spec.ingresClassName\" (did you mean \"ingressClassName\"?)"
    );
    assert_eq!(class.span.unwrap().start.line, 5);
    let path_type = unknown("spec.rules[0].http.paths[0].pathtype");
    assert!(path_type.message.ends_with("(did you mean \"pathType\"?)"), "{}", path_type.message);
    // Nothing near "weight" among path, pathType, backend: no guess.
    let weight = unknown("spec.rules[0].http.paths[0].weight");
    assert!(weight.message.ends_with("unknown field \"spec.rules[0].http.paths[0].weight\""), "{}", weight.message);
}
