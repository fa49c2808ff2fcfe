//! Reading Gateway API objects: every field of every kind into the model, `kubectl get -o yaml`
//! dumps and `*List`s, mixed inputs with Ingresses, versions, and every wrong type or unknown
//! field at its field path and line:col (with a "did you mean").
#![cfg(feature = "gateway")]

use ingress_engine::decode::parse;
use ingress_engine::model::Manifest;
use ingress_engine::{Code, Diagnostic, ErrorType, Severity};

fn problems(m: &Manifest) -> Vec<&Diagnostic> {
    m.diagnostics.iter().filter(|d| d.severity != Severity::Notice).collect()
}

#[track_caller]
fn clean(yaml: &str) -> Manifest {
    let m = parse(yaml);
    assert!(problems(&m).is_empty(), "{:#?}", m.diagnostics);
    m
}

/// `(field, error type, line, column)` of every decode error.
fn decode_errors(m: &Manifest) -> Vec<(String, ErrorType, u32, u32)> {
    m.diagnostics
        .iter()
        .filter(|d| d.code == Code::Decode && d.is_error())
        .map(|d| {
            let span = d.span.expect("decode errors have a place");
            (d.field.clone().unwrap_or_default(), d.error_type.unwrap(), span.start.line, span.start.column)
        })
        .collect()
}

const HTTP_ROUTE: &str = r#"apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: store
  namespace: shop
  labels: {app: store}
  creationTimestamp: "2026-01-02T03:04:05Z"
spec:
  parentRefs:
  - name: edge
    namespace: infra
    sectionName: https
    port: 443
  - {group: gateway.networking.k8s.io, kind: Gateway, name: internal}
  hostnames: ["shop.example.com", "*.shop.example.com"]
  rules:
  - name: api
    matches:
    - path: {type: PathPrefix, value: /api}
      headers:
      - {name: X-Canary, value: "true"}
      - {type: RegularExpression, name: X-Version, value: "v[0-9]+"}
      queryParams:
      - {name: debug, value: "1"}
      method: GET
    filters:
    - type: RequestHeaderModifier
      requestHeaderModifier:
        set: [{name: X-A, value: "1"}]
        add: [{name: X-B, value: "2"}]
        remove: [X-C]
    - type: URLRewrite
      urlRewrite:
        hostname: internal.example.com
        path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}
    - type: RequestMirror
      requestMirror:
        backendRef: {name: shadow, port: 8080}
        fraction: {numerator: 1, denominator: 10}
    - type: CORS
      cors:
        allowOrigins: ["https://app.example.com"]
        allowCredentials: true
        allowMethods: [GET, POST]
        allowHeaders: [X-A]
        exposeHeaders: [X-B]
        maxAge: 600
    backendRefs:
    - name: api-v1
      port: 8080
      weight: 90
    - name: api-v2
      namespace: canary
      port: 8080
      weight: 10
      filters:
      - type: ResponseHeaderModifier
        responseHeaderModifier: {set: [{name: X-Served-By, value: v2}]}
    timeouts: {request: 10s, backendRequest: 2s}
  - matches:
    - path: {type: Exact, value: /old}
    filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https, hostname: new.example.com, port: 443, statusCode: 301, path: {type: ReplaceFullPath, replaceFullPath: /new}}
  - filters:
    - type: ExtensionRef
      extensionRef: {group: example.com, kind: Plugin, name: auth}
"#;

#[test]
fn every_field_of_an_http_route_is_read() {
    let m = clean(HTTP_ROUTE);
    let route = &m.gateway.http_routes[0];
    assert_eq!(route.id(), "shop/store");
    assert_eq!(route.meta.label("app"), Some("store"));
    assert_eq!(route.parent_refs.len(), 2);
    let parent = &route.parent_refs[0];
    assert_eq!((parent.name(), parent.namespace_or("shop"), parent.kind_or_default()), ("edge", "infra", "Gateway"));
    assert_eq!(parent.section_name.as_ref().unwrap().value, "https");
    assert_eq!(parent.port.as_ref().unwrap().value, 443);
    assert_eq!(route.parent_refs[1].namespace_or("shop"), "shop");
    let hostnames: Vec<_> = route.hostnames.iter().map(|h| h.value.as_str()).collect();
    assert_eq!(hostnames, ["shop.example.com", "*.shop.example.com"]);
    assert_eq!(route.rules.len(), 3);

    let api = &route.rules[0];
    assert_eq!(api.name.as_ref().unwrap().value, "api");
    let m0 = &api.matches[0];
    let path = m0.path.as_ref().unwrap();
    assert_eq!((path.kind_or_default(), path.value_or_default()), ("PathPrefix", "/api"));
    assert_eq!(m0.headers.len(), 2);
    assert_eq!(m0.headers[0].kind_or_default(), "Exact");
    assert_eq!(m0.headers[1].kind_or_default(), "RegularExpression");
    assert_eq!(m0.query_params[0].name.as_ref().unwrap().value, "debug");
    assert_eq!(m0.method.as_ref().unwrap().value, "GET");
    // The span of a value is its place: `method: GET` on line 25.
    assert_eq!(m0.method.as_ref().unwrap().span.start.line, 25);

    let kinds: Vec<_> = api.filters.iter().map(|f| f.kind()).collect();
    assert_eq!(kinds, ["RequestHeaderModifier", "URLRewrite", "RequestMirror", "CORS"]);
    let modifier = api.filters[0].request_header_modifier.as_ref().unwrap();
    assert_eq!(modifier.set[0].name.as_ref().unwrap().value, "X-A");
    assert_eq!(modifier.add[0].value.as_ref().unwrap().value, "2");
    assert_eq!(modifier.remove[0].value, "X-C");
    let rewrite = api.filters[1].url_rewrite.as_ref().unwrap();
    assert_eq!(rewrite.hostname.as_ref().unwrap().value, "internal.example.com");
    assert_eq!(rewrite.path.as_ref().unwrap().replace_prefix_match.as_ref().unwrap().value, "/v2");
    let mirror = api.filters[2].request_mirror.as_ref().unwrap();
    assert_eq!(mirror.backend_ref.as_ref().unwrap().name(), "shadow");
    assert_eq!(mirror.fraction.as_ref().unwrap().denominator.as_ref().unwrap().value, 10);
    let cors = api.filters[3].cors.as_ref().unwrap();
    assert!(cors.allow_credentials.as_ref().unwrap().value);
    assert_eq!(cors.max_age.as_ref().unwrap().value, 600);
    assert_eq!(cors.allow_methods.len(), 2);

    let weights: Vec<_> = api.backend_refs.iter().map(|b| (b.name(), b.weight_or_default())).collect();
    assert_eq!(weights, [("api-v1", 90), ("api-v2", 10)]);
    assert_eq!(api.backend_refs[1].namespace_or("shop"), "canary");
    assert_eq!(api.backend_refs[1].filters[0].kind(), "ResponseHeaderModifier");
    let timeouts = api.timeouts.as_ref().unwrap();
    assert_eq!(timeouts.request.as_ref().unwrap().value, "10s");

    let redirect = route.rules[1].filters[0].request_redirect.as_ref().unwrap();
    assert_eq!(redirect.status_code.as_ref().unwrap().value, 301);
    assert_eq!(redirect.path.as_ref().unwrap().replace_full_path.as_ref().unwrap().value, "/new");
    let extension = route.rules[2].filters[0].extension_ref.as_ref().unwrap();
    assert_eq!((extension.group(), extension.kind_or(""), extension.name()), ("example.com", "Plugin", "auth"));
}

const GATEWAY: &str = r#"apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: envoy}
spec:
  controllerName: gateway.envoyproxy.io/gatewayclass-controller
  description: Envoy Gateway
  parametersRef: {group: gateway.envoyproxy.io, kind: EnvoyProxy, name: proxy, namespace: envoy-gateway-system}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: envoy
  addresses: [{type: IPAddress, value: 203.0.113.7}]
  infrastructure:
    labels: {team: edge}
    parametersRef: {group: gateway.envoyproxy.io, kind: EnvoyProxy, name: proxy}
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces: {from: All}
  - name: https
    hostname: "*.example.com"
    port: 443
    protocol: HTTPS
    tls:
      mode: Terminate
      certificateRefs: [{kind: Secret, name: wildcard-cert}]
      options: {example.com/cipher: modern}
    allowedRoutes:
      namespaces:
        from: Selector
        selector:
          matchLabels: {shared-gateway: "true"}
          matchExpressions: [{key: env, operator: In, values: [prod, staging]}]
      kinds: [{kind: HTTPRoute}, {group: gateway.networking.k8s.io, kind: GRPCRoute}]
  - name: passthrough
    port: 8443
    protocol: TLS
    tls: {mode: Passthrough}
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {shared-gateway: "true", env: prod}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: from-shop, namespace: canary}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service}, {group: "", kind: Service, name: api-v2}]
"#;

#[test]
fn gateways_classes_namespaces_and_grants_are_read() {
    let m = clean(GATEWAY);
    let g = &m.gateway;
    assert_eq!(g.classes[0].controller_name.as_ref().unwrap().value, "gateway.envoyproxy.io/gatewayclass-controller");
    assert_eq!(g.classes[0].parameters_ref.as_ref().unwrap().namespace.as_ref().unwrap().value, "envoy-gateway-system");
    let gateway = &g.gateways[0];
    assert_eq!(gateway.id(), "infra/edge");
    assert_eq!(gateway.class_name.as_ref().unwrap().value, "envoy");
    assert_eq!(gateway.addresses[0].value.as_ref().unwrap().value, "203.0.113.7");
    let names: Vec<_> = gateway.listeners.iter().map(|l| (l.name(), l.protocol())).collect();
    assert_eq!(names, [("http", "HTTP"), ("https", "HTTPS"), ("passthrough", "TLS")]);
    assert_eq!(gateway.listeners[0].allowed_routes.as_ref().unwrap().from_or_default(), "All");
    let https = &gateway.listeners[1];
    assert_eq!(https.hostname.as_ref().unwrap().value, "*.example.com");
    let tls = https.tls.as_ref().unwrap();
    assert_eq!((tls.mode_or_default(), tls.certificate_refs[0].name()), ("Terminate", "wildcard-cert"));
    assert_eq!(tls.options[0].0.value, "example.com/cipher");
    let allowed = https.allowed_routes.as_ref().unwrap();
    assert_eq!(allowed.from_or_default(), "Selector");
    let selector = allowed.selector.as_ref().unwrap();
    assert_eq!(selector.match_labels[0].1.value, "true");
    assert_eq!(selector.match_expressions[0].values.len(), 2);
    assert_eq!(allowed.kinds.len(), 2);
    assert_eq!(gateway.listeners[2].tls.as_ref().unwrap().mode_or_default(), "Passthrough");

    let shop = g.namespace("shop").unwrap();
    assert_eq!(shop.label("env"), Some("prod"));
    assert_eq!(shop.label("kubernetes.io/metadata.name"), Some("shop"), "set by the API server");
    let grant = &g.reference_grants[0];
    assert_eq!(grant.from[0].namespace.as_ref().unwrap().value, "shop");
    assert!(grant.to[0].name.is_none());
    assert_eq!(grant.to[1].name.as_ref().unwrap().value, "api-v2");
    assert!(g.has_gateway_api());
}

#[test]
fn grpc_and_tls_routes_are_read() {
    let m = clean(
        r#"apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: grpc, namespace: shop}
spec:
  parentRefs: [{name: edge, namespace: infra}]
  hostnames: [grpc.example.com]
  rules:
  - matches:
    - method: {service: com.example.User, method: Login}
      headers: [{name: x-tenant, value: a}]
    - method: {type: RegularExpression, service: "com\\.example\\..*"}
    filters:
    - {type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: x-grpc, value: "1"}]}}
    backendRefs: [{name: users, port: 50051}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: TLSRoute
metadata: {name: db, namespace: shop}
spec:
  parentRefs: [{name: edge, namespace: infra, sectionName: passthrough}]
  hostnames: [db.example.com]
  rules:
  - backendRefs: [{name: db, port: 5432, weight: 1}]
"#,
    );
    let grpc = &m.gateway.grpc_routes[0];
    let method = grpc.rules[0].matches[0].method.as_ref().unwrap();
    assert_eq!(method.service.as_ref().unwrap().value, "com.example.User");
    assert_eq!(method.method.as_ref().unwrap().value, "Login");
    assert_eq!(grpc.rules[0].matches[0].headers[0].name.as_ref().unwrap().value, "x-tenant");
    assert_eq!(grpc.rules[0].matches[1].method.as_ref().unwrap().kind.as_ref().unwrap().value, "RegularExpression");
    assert_eq!(grpc.rules[0].backend_refs[0].port.as_ref().unwrap().value, 50051);
    let tls = &m.gateway.tls_routes[0];
    assert_eq!(tls.id(), "shop/db");
    assert_eq!(tls.hostnames[0].value, "db.example.com");
    assert_eq!(tls.rules[0].backend_refs[0].name(), "db");
}

/// What `kubectl get gateway,httproute -A -o yaml` prints: a `List` with status, managedFields,
/// uid and resourceVersion.
#[test]
fn kubectl_dumps_and_typed_lists_are_unwrapped() {
    let dump = r#"apiVersion: v1
items:
- apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway"}
    creationTimestamp: "2026-03-01T10:00:00Z"
    generation: 1
    name: edge
    namespace: infra
    resourceVersion: "4242"
    uid: 7d6f3c1e-0000-4000-8000-000000000001
  spec:
    gatewayClassName: envoy
    listeners:
    - allowedRoutes:
        namespaces:
          from: Same
      name: http
      port: 80
      protocol: HTTP
  status:
    addresses:
    - type: IPAddress
      value: 203.0.113.7
    conditions:
    - lastTransitionTime: "2026-03-01T10:00:05Z"
      message: Gateway is accepted
      observedGeneration: 1
      reason: Accepted
      status: "True"
      type: Accepted
    listeners:
    - attachedRoutes: 1
      conditions: []
      name: http
      supportedKinds:
      - group: gateway.networking.k8s.io
        kind: HTTPRoute
- apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata:
    name: web
    namespace: infra
    managedFields:
    - apiVersion: gateway.networking.k8s.io/v1
      fieldsType: FieldsV1
      manager: kubectl-client-side-apply
      operation: Update
  spec:
    parentRefs:
    - group: gateway.networking.k8s.io
      kind: Gateway
      name: edge
    rules:
    - backendRefs:
      - group: ""
        kind: Service
        name: web
        port: 80
        weight: 1
      matches:
      - path:
          type: PathPrefix
          value: /
  status:
    parents:
    - conditions: []
      controllerName: gateway.envoyproxy.io/gatewayclass-controller
      parentRef: {group: gateway.networking.k8s.io, kind: Gateway, name: edge}
kind: List
metadata:
  resourceVersion: ""
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRouteList
items:
- apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: {name: second, namespace: infra}
  spec:
    rules: [{backendRefs: [{name: web, port: 80}]}]
"#;
    let m = clean(dump);
    assert_eq!(m.gateway.gateways.len(), 1);
    let names: Vec<_> = m.gateway.http_routes.iter().map(|r| r.id()).collect();
    assert_eq!(names, ["infra/web", "infra/second"]);
    assert_eq!(m.gateway.gateways[0].meta.creation_timestamp.as_ref().unwrap().value, "2026-03-01T10:00:00Z");
}

#[test]
fn an_item_of_a_list_is_reported_at_its_items_path() {
    let m = parse(
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: gateway.networking.k8s.io/v1\n  kind: HTTPRoute\n  metadata: {name: r}\n  spec:\n    rules:\n    - backendRef: {name: web}\n",
    );
    assert_eq!(decode_errors(&m), [("items[0].spec.rules[0].backendRef".into(), ErrorType::UnknownField, 9, 7)]);
    assert!(m.diagnostics[0].message.contains("did you mean \"backendRefs\""), "{}", m.diagnostics[0].message);
}

#[test]
fn ingresses_and_gateway_api_objects_mix_in_one_input() {
    let mixed = format!(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: legacy}}\nspec:\n  rules:\n  - host: old.example.com\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: old, port: {{number: 80}}}}}}}}\n---\n{GATEWAY}---\n{HTTP_ROUTE}---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  ports: [{{port: 80}}]\n"
    );
    let m = clean(&mixed);
    assert_eq!(m.ingresses.len(), 1);
    assert_eq!(m.services.len(), 1);
    assert_eq!(m.gateway.gateways.len(), 1);
    assert_eq!(m.gateway.http_routes.len(), 1);
    assert_eq!(m.gateway.namespaces.len(), 1);
    assert!(!m.is_unusable());
}

#[test]
fn unknown_fields_get_a_did_you_mean_at_their_path() {
    let m = parse(
        r#"apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r}
spec:
  parentRef: [{name: edge}]
  hostnames: [a.example.com]
  rules:
  - matches:
    - path: {typ: Exact, value: /a}
      header: []
    filters:
    - type: RequestRedirect
      requestRedirect: {statuscode: 301}
    backendRefs:
    - {name: web, port: 80, wieght: 2}
"#,
    );
    let errors = decode_errors(&m);
    let fields: Vec<_> = errors.iter().map(|(f, t, l, c)| (f.as_str(), *t, *l, *c)).collect();
    assert_eq!(
        fields,
        [
            ("spec.rules[0].matches[0].path.typ", ErrorType::UnknownField, 9, 14),
            ("spec.rules[0].matches[0].header", ErrorType::UnknownField, 10, 7),
            ("spec.rules[0].filters[0].requestRedirect.statuscode", ErrorType::UnknownField, 13, 25),
            ("spec.rules[0].backendRefs[0].wieght", ErrorType::UnknownField, 15, 29),
            ("spec.parentRef", ErrorType::UnknownField, 5, 3),
        ]
    );
    let hints: Vec<_> = m.diagnostics.iter().filter_map(|d| d.message.split("did you mean ").nth(1)).collect();
    assert_eq!(hints, ["\"type\"?)", "\"headers\"?)", "\"statusCode\"?)", "\"weight\"?)", "\"parentRefs\"?)"]);
    assert!(m.diagnostics.iter().all(|d| d.object.as_deref() == Some("HTTPRoute default/r")), "{:#?}", m.diagnostics);
}

#[test]
fn wrong_types_are_reported_and_the_rest_is_read() {
    let m = parse(
        r#"apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: g}
spec:
  gatewayClassName: envoy
  listeners:
  - name: http
    port: "80"
    protocol: HTTP
    hostname: 42
  - name: other
    port: 8080
    protocol: HTTP
    allowedRoutes: {namespaces: {from: [All]}}
"#,
    );
    let errors = decode_errors(&m);
    let fields: Vec<_> = errors.iter().map(|(f, t, l, c)| (f.as_str(), *t, *l, *c)).collect();
    assert_eq!(
        fields,
        [
            ("spec.listeners[0].hostname", ErrorType::TypeMismatch, 10, 15),
            ("spec.listeners[0].port", ErrorType::TypeMismatch, 8, 11),
            ("spec.listeners[1].allowedRoutes.namespaces.from", ErrorType::TypeMismatch, 14, 40),
        ]
    );
    let listeners = &m.gateway.gateways[0].listeners;
    assert_eq!(listeners.len(), 2);
    assert!(listeners[0].port.is_none());
    assert_eq!(listeners[0].protocol(), "HTTP");
    assert_eq!(listeners[1].port.as_ref().unwrap().value, 8080);
}

#[test]
fn grpc_route_filters_know_only_grpc_filter_fields() {
    let m = parse(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {name: r}\nspec:\n  rules:\n  - filters:\n    - type: RequestRedirect\n      requestRedirect: {scheme: https}\n",
    );
    let fields: Vec<_> = decode_errors(&m).into_iter().map(|(f, t, _, _)| (f, t)).collect();
    assert_eq!(fields, [("spec.rules[0].filters[0].requestRedirect".to_string(), ErrorType::UnknownField)]);
}

#[test]
fn versions_the_crds_serve_are_read_silently_the_others_are_named() {
    let object =
        |api: &str, kind: &str| format!("apiVersion: {api}\nkind: {kind}\nmetadata: {{name: x}}\nspec: {{}}\n");
    for (api, kind) in [
        ("gateway.networking.k8s.io/v1beta1", "HTTPRoute"),
        ("gateway.networking.k8s.io/v1beta1", "Gateway"),
        ("gateway.networking.k8s.io/v1beta1", "GatewayClass"),
        ("gateway.networking.k8s.io/v1beta1", "ReferenceGrant"),
        ("gateway.networking.k8s.io/v1", "TLSRoute"),
    ] {
        let m = parse(&object(api, kind));
        assert!(m.diagnostics.is_empty(), "{api} {kind}: {:#?}", m.diagnostics);
    }
    let tls = parse(&object("gateway.networking.k8s.io/v1alpha2", "TLSRoute"));
    assert_eq!(tls.gateway.tls_routes.len(), 1);
    assert_eq!((tls.diagnostics[0].code, tls.diagnostics[0].severity), (Code::Converted, Severity::Notice));
    assert!(tls.diagnostics[0].message.contains("experimental channel"), "{}", tls.diagnostics[0].message);
    let grpc = parse(&object("gateway.networking.k8s.io/v1alpha2", "GRPCRoute"));
    assert_eq!((grpc.diagnostics[0].code, grpc.diagnostics[0].severity), (Code::Converted, Severity::Warning));
    assert!(grpc.diagnostics[0].message.contains("no longer served"), "{}", grpc.diagnostics[0].message);
    let future = parse(&object("gateway.networking.k8s.io/v2", "HTTPRoute"));
    assert_eq!(decode_errors(&future), [("apiVersion".into(), ErrorType::NotSupported, 1, 13)]);
    assert_eq!(future.gateway.http_routes.len(), 1, "still read as v1");
    assert_eq!(future.diagnostics[0].object.as_deref(), Some("HTTPRoute default/x"), "the error belongs to the object");
}

#[test]
fn experimental_channel_fields_are_read_with_a_notice() {
    let m = parse(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules:\n  - retry: {attempts: 3, codes: [503], backoff: 1s}\n    backendRefs: [{name: web, port: 80}]\n",
    );
    assert!(problems(&m).is_empty(), "{:#?}", m.diagnostics);
    assert_eq!(m.diagnostics.len(), 1);
    assert_eq!(m.diagnostics[0].field.as_deref(), Some("spec.rules[0].retry"));
    assert!(m.diagnostics[0].message.contains("experimental channel"));
    let retry = m.gateway.http_routes[0].rules[0].retry.as_ref().unwrap();
    assert_eq!(retry.attempts.as_ref().unwrap().value, 3);
}

#[test]
fn other_kinds_are_skipped_with_a_notice_naming_the_kinds_that_route() {
    let m = parse("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");
    assert_eq!(m.diagnostics.len(), 1);
    assert!(m.diagnostics[0].message.contains("Gateway API"), "{}", m.diagnostics[0].message);
    assert!(m.diagnostics[0].message.contains("HTTPRoute"), "{}", m.diagnostics[0].message);
}

#[test]
fn an_input_of_only_gateway_api_objects_is_usable() {
    let m =
        parse("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules: 7\n");
    assert!(m.diagnostics.iter().any(|d| d.is_error()));
    assert!(!m.is_unusable(), "the route was read");
}

/// A mixed input of four documents; `host` is the first route's hostname, `comment` lines go
/// above everything (moving every later document down).
fn mixed(host: &str, comment: &str) -> String {
    format!(
        "{comment}apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: legacy}}\nspec:\n  rules:\n  - host: old.example.com\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: old, port: {{number: 80}}}}}}}}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {{name: edge}}\nspec:\n  gatewayClassName: envoy\n  listeners: [{{name: http, port: 80, protocol: HTTP}}]\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: first}}\nspec:\n  parentRefs: [{{name: edge}}]\n  hostnames: [{host}]\n  rules: [{{backendRefs: [{{name: a, port: 80}}]}}]\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: second}}\nspec:\n  parentRefs: [{{name: edge}}]\n  rules:\n  - matches: [{{path: {{type: Exact, value: \"no-slash\"}}}}]\n    backendRefs: [{{name: b, port: 80}}]\n"
    )
}

#[test]
fn the_document_cache_keeps_gateway_objects_and_incremental_equals_fresh() {
    use ingress_engine::gateway::Implementation;
    use ingress_engine::{DocumentCache, Explain, Options, Request, Simulator};
    use std::sync::Arc;

    let mut cache = DocumentCache::default();
    let (before, _) = cache.read_all(&mixed("a.example.com", ""));
    assert_eq!(before.gateway.http_routes.len(), 2);
    let edited = mixed("b.example.com", "");
    let (after, validation) = cache.read_all(&edited);
    // The edited document was read again; the others are the very same objects.
    assert!(!Arc::ptr_eq(&before.gateway.http_routes[0], &after.gateway.http_routes[0]));
    assert!(
        Arc::ptr_eq(&before.gateway.http_routes[1], &after.gateway.http_routes[1]),
        "an unchanged route was read again"
    );
    assert_eq!(before.gateway.gateways, after.gateway.gateways);
    assert_eq!(after.gateway.http_routes[0].hostnames[0].value, "b.example.com");
    // The invalid path of the second route is still reported, from the cache.
    assert!(validation.diagnostics.iter().any(|d| d.field.as_deref() == Some("spec.rules[0].matches[0].path")));
    assert_eq!(validation.gateway_rejected.http_routes, [false, true]);

    // Lines added above every document: places move, nothing else changes.
    for text in [edited.clone(), mixed("b.example.com", "# one\n# two\n")] {
        let incremental = Simulator::new_incremental(&text, &Options::default(), &mut cache);
        let fresh = Simulator::new(&text, &Options::default());
        assert_eq!(format!("{:?}", incremental.manifest().gateway), format!("{:?}", fresh.manifest().gateway));
        let errors = |s: &Simulator| s.errors().cloned().collect::<Vec<_>>();
        assert_eq!(errors(&incremental), errors(&fresh));
        let request = Request::new("b.example.com", "/");
        let decide = |s: &Simulator| {
            let decision = s.route_gateway(&request, None, Implementation::Spec, Explain::Yes).expect("one Gateway");
            serde_json::to_string(&decision).unwrap()
        };
        assert_eq!(decide(&incremental), decide(&fresh));
    }
}

#[test]
fn mistyped_kinds_and_groups_are_named_and_other_gateway_kinds_skipped() {
    let object =
        |api: &str, kind: &str| format!("apiVersion: {api}\nkind: {kind}\nmetadata: {{name: x}}\nspec: {{}}\n");
    let typo = parse(&object("gateway.networking.k8s.io/v1", "HttpRoute"));
    assert_eq!(decode_errors(&typo), [("kind".into(), ErrorType::NotSupported, 2, 7)]);
    assert!(typo.diagnostics[0].message.contains("did you mean \"HTTPRoute\"?"), "{}", typo.diagnostics[0].message);
    let habit = parse(&object("networking.k8s.io/v1", "HTTPRoute"));
    assert_eq!(decode_errors(&habit), [("apiVersion".into(), ErrorType::Invalid, 1, 13)]);
    assert!(habit.diagnostics[0].message.contains("did you mean \"gateway.networking.k8s.io/v1\"?"));
    assert_eq!(habit.gateway.http_routes.len(), 1, "read as v1");
    let misspelt = parse(&object("gateway.networking.k8.io/v1", "Gateway"));
    assert_eq!(decode_errors(&misspelt)[0].0, "apiVersion");
    // Istio's Gateway is another API: skipped, as before.
    let istio = parse(&object("networking.istio.io/v1beta1", "Gateway"));
    assert_eq!(istio.diagnostics.len(), 1);
    assert_eq!((istio.diagnostics[0].code, istio.diagnostics[0].severity), (Code::Document, Severity::Notice));
    assert!(istio.gateway.is_empty());
    let tcp = parse(&object("gateway.networking.k8s.io/v1", "TCPRoute"));
    assert_eq!((tcp.diagnostics[0].code, tcp.diagnostics[0].severity), (Code::Document, Severity::Notice));
    assert!(tcp.diagnostics[0].message.contains("of Gateway API, only GatewayClass"), "{}", tcp.diagnostics[0].message);
}
