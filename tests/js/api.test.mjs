// The JS API's results: shapes (the CLI's JSON), request forms, options, validation, case files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { simulate, validate, runCases, parseCases, profiles, version, backendLabel, FANOUT, root, Simulation } from "./support/pkg.mjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const DECISION_KEYS = [
  "outcome", "status", "ingress", "rule", "pathIndex", "host", "path", "pathType", "backend", "tls",
  "explanation", "diagnostics", "profile", "profileVersion", "class", "rejected", "request", "span", "resolvedPort",
];

const isPlainObject = (value) => Object.getPrototypeOf(value) === Object.prototype;

test("simulate returns exactly the keys of `route --json`, as plain objects", () => {
  const decision = simulate(FANOUT, { host: "foo.bar.com", path: "/foo/x" });
  assert.deepEqual(Object.keys(decision).sort(), [...DECISION_KEYS].sort());
  assert.ok(isPlainObject(decision) && isPlainObject(decision.request) && isPlainObject(decision.span));
  assert.ok(Array.isArray(decision.explanation) && decision.explanation.every(isPlainObject));
  assert.deepEqual(JSON.parse(JSON.stringify(decision)), decision, "nothing JSON cannot carry (Map, undefined, bigint)");
});

test("simulate routes and explains", () => {
  const decision = simulate(FANOUT, { host: "foo.bar.com", path: "/foo/x" });
  assert.equal(decision.outcome, "rule");
  assert.equal(decision.ingress, "web/fanout");
  assert.deepEqual(decision.backend, { service: { name: "service1", port: { number: 4200 } } });
  assert.deepEqual([decision.rule, decision.pathIndex, decision.path, decision.pathType], [0, 0, "/foo", "Prefix"]);
  assert.equal(decision.tls, null, "plain HTTP has no certificate choice");
  assert.deepEqual(decision.request, { scheme: "http", host: "foo.bar.com", path: "/foo/x", sni: null });
  assert.equal(decision.profile, "spec");
  assert.equal(decision.rejected, false);
  assert.equal(decision.explanation.filter((entry) => entry.verdict === "won").length, 1);
  assert.ok(decision.span.start.line >= 1);
});

test("a named port and a no-match come back as the CLI prints them", () => {
  const exact = simulate(FANOUT, { url: "http://foo.bar.com/bar" });
  assert.deepEqual(exact.backend, { service: { name: "service2", port: { name: "http" } } });
  assert.equal(backendLabel(exact.backend), "service2:http");
  const miss = simulate(FANOUT, { url: "http://foo.bar.com/bar/x" });
  assert.equal(miss.outcome, "no-match");
  assert.deepEqual([miss.ingress, miss.backend, miss.span], [null, null, null]);
});

test("a named port resolves through a Service of the input", () => {
  assert.equal(simulate(FANOUT, { url: "http://foo.bar.com/bar" }).resolvedPort, null, "no Service in the input");
  const service = "---\napiVersion: v1\nkind: Service\nmetadata: {name: service2, namespace: web}\nspec:\n  ports: [{name: http, port: 8080}]\n";
  const decision = simulate(FANOUT + service, { url: "http://foo.bar.com/bar" });
  assert.deepEqual(decision.resolvedPort, { service: "web/service2", name: "http", number: 8080 });
});

test("an https URL implies SNI = host; an explicit sni wins; sni alone makes a request TLS", () => {
  const implied = simulate(FANOUT, { url: "https://Foo.Bar.com:8443/foo?q=1" });
  assert.equal(implied.request.scheme, "https");
  assert.equal(implied.request.sni, "Foo.Bar.com");
  assert.equal(implied.tls.secretName, "foo-tls");
  assert.equal(implied.request.host, "foo.bar.com", "the host is normalised for routing");
  assert.equal(implied.request.path, "/foo", "the query is dropped");

  const explicit = simulate(FANOUT, { url: "https://foo.bar.com/foo", sni: "other.com" });
  assert.equal(explicit.request.sni, "other.com");
  assert.equal(explicit.tls.defaultCertificate, true);

  const hostPath = simulate(FANOUT, { host: "foo.bar.com", path: "/foo", sni: "foo.bar.com" });
  assert.equal(hostPath.request.scheme, "https");
  assert.equal(hostPath.tls.secretName, "foo-tls");
});

test("options choose the class and the profile", () => {
  const classed = simulate(FANOUT, { host: "foo.bar.com", path: "/foo" }, { class: "nginx" });
  assert.equal(classed.class, "nginx");
  assert.equal(classed.outcome, "no-match", "the Ingress has no class, and nginx is not the default");
  const explicit = simulate(FANOUT, { host: "foo.bar.com", path: "/foo" }, { profile: "spec", class: null });
  assert.equal(explicit.profile, "spec");
  assert.equal(explicit.class, null);
  assert.equal(simulate(FANOUT, { host: "foo.bar.com", path: "/foo" }, {}).outcome, "rule");
  assert.equal(simulate(FANOUT, { host: "foo.bar.com", path: "/foo" }, null).outcome, "rule");
});

test("profiles and version", () => {
  const list = profiles();
  assert.ok(list.length >= 1);
  assert.ok(list.every((p) => typeof p.name === "string" && typeof p.description === "string" && p.description));
  assert.ok(list.some((p) => p.name === "spec"));
  for (const { name } of list) {
    assert.equal(simulate(FANOUT, { host: "foo.bar.com", path: "/" }, { profile: name }).profile, name);
  }
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  const [, workspaceVersion] = cargo.match(/^\[workspace\.package\][^[]*?^version = "([^"]+)"/ms);
  assert.equal(version(), workspaceVersion);
});

test("validate reports an invalid manifest with field, type, object and place", () => {
  const invalid = FANOUT.replace("host: foo.bar.com", "host: Foo.Bar.com").replace("pathType: Exact", "pathType: exact");
  const result = validate(invalid);
  assert.deepEqual(Object.keys(result).sort(), ["errors", "notices", "valid", "warnings"]);
  assert.equal(result.valid, false);
  const hostError = result.errors.find((d) => d.field === "spec.rules[0].host");
  assert.ok(hostError, JSON.stringify(result.errors));
  assert.equal(hostError.severity, "error");
  assert.equal(hostError.type, "Invalid");
  assert.equal(hostError.object, "Ingress web/fanout");
  assert.equal(hostError.line, 8);
  assert.ok(hostError.column >= 1 && hostError.endLine >= hostError.line);
  assert.match(hostError.message, /Foo\.Bar\.com/);
  const pathTypeError = result.errors.find((d) => d.field === "spec.rules[0].http.paths[1].pathType");
  assert.ok(pathTypeError, JSON.stringify(result.errors));
  assert.equal(pathTypeError.type, "NotSupported");
  assert.equal(pathTypeError.line, 12);
});

test("validate accepts a valid manifest and reports YAML that cannot be read", () => {
  const valid = validate(FANOUT);
  assert.equal(valid.valid, true);
  assert.deepEqual(valid.errors, []);
  assert.ok(valid.warnings.every((d) => d.severity === "warning"));
  const broken = validate("kind: Ingress\nspec: [unclosed\n");
  assert.equal(broken.valid, false);
  assert.ok(broken.errors.some((d) => d.code === "syntax" && d.line >= 1), JSON.stringify(broken.errors));
});

test("simulate reports a rejected Ingress instead of refusing it", () => {
  const invalid = FANOUT.replace("host: foo.bar.com", "host: foo.bar.com\n    http: {paths: []}\n  - host: foo.bar.com");
  const decision = simulate(invalid.replace("pathType: Exact", "pathType: exact"), { host: "foo.bar.com", path: "/foo" });
  assert.equal(decision.rejected, true);
  assert.ok(decision.diagnostics.some((d) => d.severity === "error"));
});

test("runCases reports results and coverage like `ingress-sim test`", () => {
  const cases = `cases:
- {name: foo, host: foo.bar.com, path: /foo, expect: {backend: "service1:4200"}}
- {name: wrong, url: http://foo.bar.com/bar, expect: {backend: "service1:4200"}}
`;
  const report = runCases(FANOUT, cases);
  assert.deepEqual(Object.keys(report).sort(), ["coverable", "failed", "passed", "results", "uncovered", "unlisted"]);
  assert.deepEqual([report.passed, report.failed, report.coverable, report.unlisted], [1, 1, 2, 0]);
  assert.deepEqual(report.results.map((r) => [r.name, r.passed, r.backend]), [
    ["foo", true, "service1:4200"],
    ["wrong", false, "service2:http"],
  ]);
  assert.equal(report.results[1].span.start.line, 3);
  assert.deepEqual(report.uncovered, [], "both paths were reached");
  const partial = runCases(FANOUT, `cases:\n- {host: foo.bar.com, path: /foo, expect: {outcome: rule}}\n`);
  assert.deepEqual(partial.uncovered.map((u) => [u.path, u.pathType, u.backend]), [["/bar", "Exact", "service2:http"]]);
});

test("runCases applies the case file's class unless options override it", () => {
  const cases = `class: nginx\ncases:\n- {host: foo.bar.com, path: /foo, expect: {outcome: no-match}}\n`;
  assert.equal(runCases(FANOUT, cases).passed, 1);
  assert.equal(runCases(FANOUT, cases, { class: "other" }).passed, 1);
  const anyClass = `cases:\n- {host: foo.bar.com, path: /foo, expect: {outcome: no-match}}\n`;
  assert.equal(runCases(FANOUT, anyClass).failed, 1, "without a class the Ingress answers");
});

test("expect.location holds a redirect's Location, in a case file's text and in case objects", () => {
  const moved = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: moved, namespace: web, annotations: {nginx.ingress.kubernetes.io/permanent-redirect: "https://new.example.com/"}}
spec:
  ingressClassName: nginx
  rules:
  - host: old.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: old, port: {number: 80}}}}]}
`;
  const options = { profile: "ingress-nginx" };
  const text = (location) => `cases:\n- {host: old.example.com, path: /x, expect: {status: 301, location: "${location}"}}\n`;
  assert.equal(runCases(moved, text("https://new.example.com/"), options).passed, 1);
  assert.equal(runCases(moved, text("https://elsewhere.example.com/"), options).failed, 1);
  const [parsed] = parseCases(text("https://new.example.com/")).cases;
  assert.deepEqual(parsed.expect, { status: 301, location: "https://new.example.com/" });
  const objects = (location) => [{ request: parsed.request, expect: { status: 301, location } }];
  const sim = new Simulation(moved);
  try {
    assert.equal(sim.runCases(objects("https://new.example.com/"), options).passed, 1);
    assert.equal(sim.runCases(objects("https://elsewhere.example.com/"), options).failed, 1);
  } finally {
    sim.free();
  }
});

test("parseCases gives each request in the shape simulate takes", () => {
  const file = parseCases(`name: demo
manifest: |
  kind: List
cases:
- {name: tls, url: "https://foo.bar.com:8443/foo?q", expect: {backend: "service1:4200", tls: foo-tls}}
- {host: foo.bar.com, path: /bar, sni: x.com, expect: {outcome: rule, pathType: Exact}}
`);
  assert.deepEqual([file.name, file.manifest, file.class, file.profile], ["demo", "kind: List\n", null, null]);
  assert.deepEqual(file.cases[0].request, { host: "foo.bar.com:8443", path: "/foo?q", sni: "foo.bar.com" });
  assert.deepEqual(file.cases[0].expect, { backend: "service1:4200", tls: "foo-tls" });
  assert.deepEqual([file.cases[0].name, file.cases[0].line], ["tls", 5]);
  assert.deepEqual(file.cases[1].request, { host: "foo.bar.com", path: "/bar", sni: "x.com" });
  assert.deepEqual(file.cases[1].expect, { outcome: "rule", pathType: "Exact" });
  assert.equal(file.cases[1].name, null);
  assert.equal(simulate(FANOUT, file.cases[0].request).tls.secretName, "foo-tls");
});
