// The field help's reading of YAML (web/teach/field-help.js): which field a key at a line and
// column is, from indentation and braces, and what the help says about it. Pure functions, in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldAt, helpFor } from "../../web/teach/field-help.js";

const YAML = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
spec:
  ingressClassName: nginx
  defaultBackend:
    service: {name: web, port: {number: 80}}
  tls:
  - hosts: [a.example.com]
    secretName: a-tls
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
      - {path: /x, pathType: Exact, backend: {service: {name: x, port: {name: http}}}}
  - http:
      paths:
      - pathtype: Prefix
---
apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  spec:
    rules:
    - host: b.example.com
`;
const lines = YAML.split("\n");

/** The field path at `word` (its `nth` occurrence) on 1-based `line`. */
function at(line, word, nth = 0) {
  let column = -1;
  for (let i = 0; i <= nth; i++) column = lines[line - 1].indexOf(word, column + 1);
  assert.ok(column >= 0, `${word} on line ${line}`);
  return fieldAt(YAML, line - 1, column + 1)?.path.join(".") ?? null;
}

test("block keys: parents by indentation, list items included", () => {
  assert.equal(at(1, "apiVersion"), "apiVersion");
  assert.equal(at(4, "name"), "metadata.name");
  assert.equal(at(6, "use-regex"), "metadata.annotations.nginx.ingress.kubernetes.io/use-regex");
  assert.equal(at(8, "ingressClassName"), "spec.ingressClassName");
  assert.equal(at(8, "nginx"), "spec.ingressClassName", "a key's value explains the key");
  assert.equal(at(12, "hosts"), "spec.tls.hosts");
  assert.equal(at(13, "secretName"), "spec.tls.secretName");
  assert.equal(at(15, "host"), "spec.rules.host");
  assert.equal(at(18, "path"), "spec.rules.http.paths.path");
  assert.equal(at(19, "pathType"), "spec.rules.http.paths.pathType");
  assert.equal(at(24, "number"), "spec.rules.http.paths.backend.service.port.number");
  // A later list item is not a child of the previous item's keys.
  assert.equal(at(26, "http"), "spec.rules.http");
  assert.equal(at(28, "pathtype"), "spec.rules.http.paths.pathtype");
  // A List's items, after a document separator.
  assert.equal(at(36, "rules"), "items.spec.rules");
  assert.equal(at(37, "host"), "items.spec.rules.host");
});

test("flow mappings: the keys open before the position", () => {
  assert.equal(at(10, "service"), "spec.defaultBackend.service");
  assert.equal(at(10, "name"), "spec.defaultBackend.service.name");
  assert.equal(at(10, "number"), "spec.defaultBackend.service.port.number");
  assert.equal(at(25, "path"), "spec.rules.http.paths.path");
  assert.equal(at(25, "pathType"), "spec.rules.http.paths.pathType");
  assert.equal(at(25, "backend"), "spec.rules.http.paths.backend");
  assert.equal(at(25, "name", 1), "spec.rules.http.paths.backend.service.port.name");
});

test("positions on no key give nothing", () => {
  assert.equal(fieldAt(YAML, 24, 16), null, "the values inside a flow mapping are not keys");
  assert.equal(fieldAt(YAML, 28, 0), null, "a document separator");
  assert.equal(fieldAt(YAML, 999, 0), null, "past the end");
});

test("the help: a defaultBackend's children read as a backend's; annotations by controller; unknown fields none", () => {
  const pathType = helpFor(["spec", "rules", "http", "paths", "pathType"]);
  assert.match(pathType.text, /Exact.*Prefix.*ImplementationSpecific/s);
  assert.equal(pathType.link, "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#HTTPIngressPath");
  assert.equal(helpFor(["spec", "defaultBackend", "service", "name"]).text, helpFor(["spec", "rules", "http", "paths", "backend", "service", "name"]).text);
  assert.match(helpFor(["metadata", "annotations", "alb.ingress.kubernetes.io/group.order"]).text, /IngressGroup/);
  assert.match(helpFor(["metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-body-size"]).text, /does not act on/);
  assert.equal(helpFor(["metadata", "annotations", "example.com/mine"]), null);
  assert.equal(helpFor(["spec", "rules", "http", "paths", "pathtype"]), null);
  for (const field of ["pathType", "ingressClassName", "defaultBackend", "rules", "host", "paths", "path", "backend", "service", "port", "tls", "hosts", "secretName", "resource"]) {
    const parent = { pathType: "paths", ingressClassName: "spec", defaultBackend: "spec", rules: "spec", host: "rules", paths: "http", path: "paths", backend: "paths", service: "backend", port: "service", tls: "spec", hosts: "tls", secretName: "tls", resource: "backend" }[field];
    assert.ok(helpFor([parent, field])?.text.length > 30, `${parent}.${field} has help`);
  }
});
