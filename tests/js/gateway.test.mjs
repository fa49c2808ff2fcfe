// Gateway API through the JS API: simulateGateway() and Simulation.routeGateway() answer with the
// Gateway decision (the CLI's `route --json` shape), the engine's rule says which routing a
// request takes (asksGateway), and simulate() refuses Gateway-only input naming the right call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation, simulate, simulateGateway, validate, runCases, parseCases, implementations, FANOUT } from "./support/pkg.mjs";

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg, namespace: infra}
spec:
  gatewayClassName: eg
  listeners:
  - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}
`;

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: store, namespace: shop}
spec:
  parentRefs: [{name: eg, namespace: infra}]
  hostnames: ["store.example.com"]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api}}]
    filters:
    - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}}
    backendRefs: [{name: api, port: 8080}]
  - matches: [{path: {type: Exact, value: /api/login}, method: POST}]
    filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]
  - backendRefs: [{name: web, port: 80, weight: 90}, {name: web-canary, port: 80, weight: 10}]
`;

const SOURCES = [
  { name: "gateway.yaml", text: GATEWAY },
  { name: "route.yaml", text: ROUTE },
];

test("simulateGateway: listener, route, rule, match, backend and the rewritten path, at their files", () => {
  const decision = simulateGateway(SOURCES, { url: "http://store.example.com/api/orders?x=1" });
  assert.equal(decision.status, 200);
  assert.equal(decision.outcome, "rule");
  assert.equal(decision.gateway, "infra/eg");
  assert.equal(decision.listener, "http");
  assert.deepEqual([decision.route, decision.routeKind, decision.rule, decision.match], ["shop/store", "HTTPRoute", 0, 0]);
  assert.deepEqual(decision.backend, { service: { name: "api", namespace: "shop", port: { number: 8080 } } });
  assert.equal(decision.upstreamPath, "/v2/orders?x=1");
  assert.equal(decision.profile, "spec");
  const winner = decision.explanation.find((e) => e.verdict === "winner");
  assert.deepEqual([winner.span.file, winner.span.start.line], ["route.yaml", 8]);
});

test("a redirect, a split, the method and the implementation", () => {
  const redirect = simulateGateway(SOURCES, { url: "http://store.example.com/api/login", method: "POST" }, { profile: "envoy-gateway" });
  assert.equal(redirect.profile, "envoy-gateway");
  assert.deepEqual(redirect.redirect, { status: 301, location: "https://store.example.com/api/login" });
  const split = simulateGateway(SOURCES, { url: "http://store.example.com/" }, { profile: "contour" });
  assert.deepEqual(
    split.split.map((s) => [s.backend.service.name, s.weight]),
    [["web", 90], ["web-canary", 10]],
  );
  const bare = simulateGateway(SOURCES, { url: "http://store.example.com/" }, { explain: false });
  assert.deepEqual(bare.explanation, []);
});

test("the Simulation answers as the function does, and says which routing a request takes", () => {
  const sim = new Simulation([...SOURCES, { name: "fanout.yaml", text: FANOUT }]);
  try {
    assert.deepEqual(sim.gateways(), ["infra/eg"]);
    assert.equal(sim.asksGateway(), false, "a mixed input routes through Ingresses unless a Gateway is named");
    assert.equal(sim.asksGateway("infra/eg"), true);
    const request = { url: "http://store.example.com/api/x" };
    const mixed = [...SOURCES, { name: "fanout.yaml", text: FANOUT }];
    assert.deepEqual(sim.routeGateway(request, { gateway: "infra/eg" }), simulateGateway(mixed, request, { gateway: "infra/eg" }));
    assert.equal(sim.route({ url: "http://foo.bar.com/foo" }).ingress, "web/fanout");
  } finally {
    sim.free();
  }
  const only = new Simulation(SOURCES);
  try {
    assert.equal(only.asksGateway(), true, "Gateways and no Ingress");
  } finally {
    only.free();
  }
});

test("mistakes name the option and what the input has", () => {
  const throws = (fn, pattern) => assert.throws(fn, (error) => error instanceof Error && pattern.test(error.message), String(pattern));
  throws(() => simulate(SOURCES, { url: "http://store.example.com/" }), /^simulate: this input has Gateways and no Ingress, so its requests go through a Gateway: call simulateGateway\(\)/);
  throws(() => simulateGateway(SOURCES, { url: "http://a/" }, { profile: "ingress-nginx" }), /^simulateGateway: options\.profile: ingress-nginx routes Ingresses only/);
  throws(() => simulateGateway(SOURCES, { url: "http://a/" }, { gateway: "infra/nope" }), /^simulateGateway: options\.gateway: no Gateway "infra\/nope" in the input; the input has infra\/eg$/);
  const two = [...SOURCES, { name: "second.yaml", text: GATEWAY.replace("name: eg", "name: internal") }];
  throws(() => simulateGateway(two, { url: "http://a/" }), /options\.gateway: the input has 2 Gateways; name the one to send the request to \(namespace\/name\): infra\/eg, infra\/internal/);
  throws(() => simulateGateway(FANOUT, { url: "http://a/" }), /options\.gateway: the input has no Gateway/);
  throws(() => simulateGateway(SOURCES, { url: "http://a/" }, { steps: true }), /options has an unknown key "steps" \(expected class, profile, gateway, explain\)/);
  throws(() => simulate(FANOUT, { url: "http://a/" }, { profile: "envoy-gateway" }), /^simulate: options\.profile: envoy-gateway is a Gateway API implementation/);
});

test("implementations() lists spec, envoy-gateway and contour with their releases", () => {
  const list = implementations();
  assert.deepEqual(list.map((i) => i.name), ["spec", "envoy-gateway", "contour"]);
  for (const i of list) {
    assert.ok(i.title && i.description && i.version, JSON.stringify(i));
  }
});

test("validate reports route status; case files check Gateway requests under their implementation", () => {
  const refused = [{ name: "gateway.yaml", text: GATEWAY.replace("from: All", "from: Same") }, SOURCES[1]];
  const validation = validate(refused);
  const status = [...validation.errors, ...validation.warnings, ...validation.notices].find((d) => d.code === "route-status");
  assert.ok(status, JSON.stringify(validation));
  assert.match(status.message, /NotAllowedByListeners/);
  assert.equal(status.file, "route.yaml");

  const cases = `profile: envoy-gateway
gateway: infra/eg
cases:
- name: api rewritten
  url: http://store.example.com/api/x
  expect: {backend: shop/api:8080, upstreamPath: /v2/x, route: shop/store}
- name: wrong on purpose
  url: http://store.example.com/other
  expect: {backend: shop/api:8080}
`;
  const file = parseCases(cases);
  assert.deepEqual([file.profile, file.gateway], ["envoy-gateway", "infra/eg"]);
  assert.deepEqual(file.cases[0].expect, { backend: "shop/api:8080", upstreamPath: "/v2/x", route: "shop/store" });
  const report = runCases(SOURCES, cases);
  assert.deepEqual([report.passed, report.failed], [1, 1], JSON.stringify(report.results));
});

test("cases as values carry the Gateway keys and outcomes, as parseCases gives them", () => {
  const cases = [
    { name: "api", request: { url: "http://store.example.com/api/x" }, expect: { backend: "shop/api:8080", route: "shop/store", upstreamPath: "/v2/x" } },
    { name: "no listener on 8080", request: { url: "http://store.example.com:8080/" }, expect: { outcome: "no-listener" } },
    { name: "wrong route on purpose", request: { url: "http://store.example.com/" }, expect: { route: "shop/other" } },
  ];
  const sim = new Simulation(SOURCES);
  try {
    const report = sim.runCases(cases, { profile: "envoy-gateway" });
    assert.deepEqual(report.results.map((r) => r.passed), [true, true, false], JSON.stringify(report.results));
    assert.throws(() => sim.runCases([{ request: { url: "http://a/" }, expect: { outcome: "lost" } }]), /expect\.outcome: unknown outcome "lost"/);
  } finally {
    sim.free();
  }
});

// compareGateway(): a RegularExpression path and a PathPrefix both match /api/x; `spec` ranks the
// regex after every PathPrefix, Envoy Gateway and Contour before it (gateway/implementation.rs).
const { compareGateway } = await import("../../crates/wasm/pkg/ingress_sim.js");
const REGEX_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: regex, namespace: shop}
spec:
  parentRefs: [{name: eg, namespace: infra}]
  rules:
  - matches: [{path: {type: RegularExpression, value: "/api/.*"}}]
    backendRefs: [{name: by-regex, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: by-prefix, port: 80}]
`;

test("compareGateway groups the implementations by answer and names what differs", () => {
  const input = [{ name: "gateway.yaml", text: GATEWAY }, { name: "regex.yaml", text: REGEX_ROUTE }];
  const comparison = compareGateway(input, { url: "http://any.example/api/x" }, { explain: false });
  assert.equal(comparison.agree, false);
  assert.deepEqual(comparison.differences, ["backend", "rule"]);
  assert.deepEqual(
    comparison.groups.map((g) => [g.answer, g.profiles]),
    [
      ["shop/by-regex:80, upstream path /api/x", ["envoy-gateway", "contour"]],
      ["shop/by-prefix:80, upstream path /api/x", ["spec"]],
    ],
  );
  assert.deepEqual(comparison.decisions.map((d) => [d.profile, d.rule, d.explanation.length]), [["spec", 1, 0], ["envoy-gateway", 0, 0], ["contour", 0, 0]]);

  const sim = new Simulation(input);
  try {
    const two = sim.compareGateway({ url: "http://any.example/api/x" }, { profiles: ["envoy-gateway", "contour"], gateway: "infra/eg" });
    assert.equal(two.agree, true);
    assert.deepEqual(two.differences, []);
    assert.ok(two.decisions[0].explanation.length > 0, "explained by default");
    assert.throws(() => sim.compareGateway({ url: "http://a/" }, { profiles: ["ingress-nginx"] }), /options\.profiles: ingress-nginx routes Ingresses only/);
    assert.throws(() => sim.compareGateway({ url: "http://a/" }, { gateway: "infra/nope" }), /options\.gateway: no Gateway "infra\/nope"/);
    assert.throws(() => sim.compareGateway({ url: "http://a/" }, { profile: "spec" }), /profile/);
  } finally {
    sim.free();
  }
});

test("runCases counts the Gateway matches the cases reached and lists the others", () => {
  const cases = `cases:
- url: http://store.example.com/api/x
  expect: {backend: shop/api:8080}
`;
  const report = runCases(SOURCES, cases);
  assert.deepEqual([report.coverable, report.coverableMatches, report.uncoveredMatches, report.unlisted], [3, 3, 2, 0]);
  assert.deepEqual(
    report.uncovered.map((u) => [u.route, u.listener, u.rule, u.match ?? null, u.routeKind]),
    [["shop/store", "http", 1, 0, "HTTPRoute"], ["shop/store", "http", 2, null, "HTTPRoute"]],
  );
});
