// Gateway API manifests shared by the playground's and the widget's Gateway tests
// (tests/e2e/gateway.test.mjs, tests/embed/gateway.test.mjs).

/** One Gateway (default/eg, HTTP on 80) and an HTTPRoute with a prefix rule, a POST redirect, a
 * rewrite with a header filter (rule "legacy"), a header match and a 90/10 split. */
export const STORE = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg, namespace: default}
spec:
  gatewayClassName: eg
  listeners:
  - {name: http, protocol: HTTP, port: 80}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: store, namespace: default}
spec:
  parentRefs: [{name: eg}]
  hostnames: ["store.example.com"]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /api}
    backendRefs:
    - {name: api, port: 8080}
  - matches:
    - path: {type: Exact, value: /api/login}
      method: POST
    filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https, statusCode: 301}
  - name: legacy
    matches:
    - path: {type: PathPrefix, value: /old}
    filters:
    - type: URLRewrite
      urlRewrite:
        path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}
    - type: RequestHeaderModifier
      requestHeaderModifier:
        add: [{name: X-Legacy, value: "1"}]
    backendRefs:
    - {name: shop, port: 80}
  - matches:
    - path: {type: PathPrefix, value: /beta}
      headers: [{name: X-Canary, value: "true"}]
    backendRefs:
    - {name: beta, port: 80}
  - backendRefs:
    - {name: web, port: 80, weight: 90}
    - {name: web-canary, port: 80, weight: 10}
`;

/** A second Gateway with a route of its own (appended to STORE). */
export const INTERNAL = `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: internal, namespace: ops}
spec:
  gatewayClassName: eg
  listeners:
  - {name: admin, protocol: HTTP, port: 80}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: admin, namespace: ops}
spec:
  parentRefs: [{name: internal}]
  rules:
  - backendRefs:
    - {name: admin, port: 9000}
`;

