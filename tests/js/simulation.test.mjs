// The stateful handle: `new Simulation(yaml)` answers exactly as the functions do for the same
// text, keeps each profile's compiled form until `update()`, and says what is wrong like they do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Simulation, simulate, simulateGateway, compare, validate, runCases, parseCases, corpus, FANOUT } from "./support/pkg.mjs";

const SHOP = readFileSync(new URL("../fixtures/shop.yaml", import.meta.url), "utf8");

test("every corpus file: route, compare, runCases and validate answer as the functions do", () => {
  for (const [name, text] of corpus()) {
    const file = parseCases(text);
    const options = { class: file.class, profile: file.profile };
    const sim = new Simulation(file.manifest);
    try {
      assert.deepEqual(sim.runCases(text), runCases(file.manifest, text), name);
      assert.deepEqual(sim.validate(options), validate(file.manifest, options), name);
      for (const { request, gateway } of file.cases) {
        if (name.startsWith("gateway-")) {
          // A Gateway API file: its requests go through a Gateway (compare() asks Ingress profiles).
          const through = { ...options, gateway: gateway ?? file.gateway };
          assert.deepEqual(sim.routeGateway(request, through), simulateGateway(file.manifest, request, through), `${name}: ${JSON.stringify(request)}`);
          continue;
        }
        assert.deepEqual(sim.route(request, options), simulate(file.manifest, request, options), `${name}: ${JSON.stringify(request)}`);
        const comparison = compare(file.manifest, request, { class: file.class });
        assert.deepEqual(sim.compare(request, { class: file.class }), comparison, name);
        // Unexplained: the same decisions, less their explanations and diagnostics.
        const unexplained = { ...comparison, decisions: comparison.decisions.map((d) => ({ ...d, explanation: [], diagnostics: [] })) };
        assert.deepEqual(sim.compare(request, { class: file.class, explain: false }), unexplained, name);
        assert.deepEqual(compare(file.manifest, request, { class: file.class, explain: false }), unexplained, name);
        assert.deepEqual(sim.route(request, { ...options, explain: false }), { ...simulate(file.manifest, request, options), explanation: [], diagnostics: [] }, name);
      }
    } finally {
      sim.free();
    }
  }
});

test("update() re-reads the manifest: the answers follow the new text", () => {
  const sim = new Simulation(FANOUT);
  const request = { url: "http://foo.bar.com/foo/x" };
  assert.equal(sim.route(request).backend.service.name, "service1");
  const edited = FANOUT.replace("name: service1", "name: service9");
  assert.equal(sim.update(edited), undefined);
  assert.deepEqual(sim.route(request), simulate(edited, request));
  assert.deepEqual(sim.compare(request), compare(edited, request));
  // Back, and to a text with a document more: still as a fresh read.
  sim.update(FANOUT);
  assert.equal(sim.route(request).backend.service.name, "service1");
  const more = `${FANOUT}---\n${SHOP}`;
  sim.update(more);
  assert.deepEqual(sim.route({ url: "http://shop.example.com/docs" }, { profile: "ingress-nginx" }),
    simulate(more, { url: "http://shop.example.com/docs" }, { profile: "ingress-nginx" }));
  sim.free();
});

test("explain: false gives the same answer without the explanation", () => {
  const sim = new Simulation(SHOP);
  for (const profile of ["spec", "ingress-nginx", "traefik"]) {
    const request = { url: "http://shop.example.com/staticfiles" };
    const full = sim.route(request, { profile });
    const fast = sim.route(request, { profile, explain: false });
    assert.deepEqual([fast.outcome, fast.backend, fast.ingress, fast.profile], [full.outcome, full.backend, full.ingress, full.profile], profile);
    assert.deepEqual([fast.explanation, fast.diagnostics], [[], []], profile);
    assert.ok(full.explanation.length > 0, profile);
  }
  assert.deepEqual(sim.route({ url: "http://shop.example.com/cart" }, { explain: true }), simulate(SHOP, { url: "http://shop.example.com/cart" }));
  sim.free();
});

test("analysis: false explains before the static analysis; validate() runs it, then the decision carries its findings", () => {
  // Two Ingresses with the same host and path: the analysis finds the duplicate.
  const ingress = (name) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}}\nspec:\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}\n`;
  const sim = new Simulation(`${ingress("one")}---\n${ingress("two")}`);
  const request = { url: "http://a.example.com/" };
  for (const profile of ["spec", "ingress-nginx"]) {
    sim.update(`${ingress("one")}---\n${ingress("two")}\n# ${profile}\n`);
    const early = sim.route(request, { profile, analysis: false });
    assert.ok(early.explanation.length > 0, profile);
    assert.ok(!early.diagnostics.some((d) => d.code === "duplicate-path"), `${profile}: no analysis yet`);
    assert.ok(sim.validate({ profile }).warnings.some((d) => d.code === "duplicate-path"), profile);
    const full = sim.route(request, { profile });
    assert.deepEqual([early.outcome, early.backend], [full.outcome, full.backend], profile);
    assert.ok(full.diagnostics.some((d) => d.code === "duplicate-path"), `${profile}: the analysis' finding`);
  }
  sim.free();
});

test("mistakes throw an Error naming the method, as the functions do", () => {
  const throws = (fn, pattern) => assert.throws(fn, (error) => error instanceof Error && pattern.test(error.message));
  throws(() => new Simulation(42), /^Simulation: yaml must be a string or an array of \{ name, text \}, found a number$/);
  const sim = new Simulation(FANOUT);
  throws(() => sim.update(null), /^Simulation\.update: yaml must be a string or an array of \{ name, text \}, found null$/);
  throws(() => sim.route({ url: "ftp://foo.bar.com/" }), /^Simulation\.route: request\.url: scheme "ftp" is not supported/);
  throws(() => sim.route({ url: "http://a/" }, { explain: "no" }), /^Simulation\.route: options\.explain must be a boolean, found a string$/);
  throws(() => sim.route({ url: "http://a/" }, { profiles: ["spec"] }), /^Simulation\.route: options has an unknown key "profiles" \(expected class, profile, explain, analysis, steps\)$/);
  throws(() => sim.route({ url: "http://a/" }, { analysis: 0 }), /^Simulation\.route: options\.analysis must be a boolean, found a number$/);
  throws(() => sim.compare({ url: "http://a/" }, { profiles: ["envoy"] }), /^Simulation\.compare: options\.profiles: unknown profile "envoy"/);
  throws(() => sim.runCases("cases: [1]"), /^Simulation\.runCases: casesYaml: the case file has errors:\n {2}1:/);
  throws(() => sim.validate({ profile: "haproxy" }), /^Simulation\.validate: unknown profile "haproxy"/);
  // The handle still answers after its mistakes.
  assert.equal(sim.route({ url: "http://foo.bar.com/foo" }).outcome, "rule");
  // A manifest with nothing usable: read, validated, and refused by the routing calls with its errors.
  sim.update("spec: [");
  assert.equal(sim.validate().valid, false);
  throws(() => sim.route({ url: "http://a/" }), /^Simulation\.route: yaml: nothing usable came out of the manifest:\n {2}2:1: error: YAML syntax/);
  throws(() => sim.compare({ url: "http://a/" }), /^Simulation\.compare: yaml: nothing usable/);
  sim.update(FANOUT);
  assert.equal(sim.route({ url: "http://foo.bar.com/foo" }).outcome, "rule");
  sim.free();
  throws(() => sim.route({ url: "http://foo.bar.com/foo" }), /null pointer|already|moved|freed/i);
});

/** 1,000 Ingresses, 5 paths each (the playground's e2e size). */
function manyIngresses(count = 1000, pathsEach = 5) {
  const docs = [];
  for (let i = 0; i < count; i++) {
    const paths = Array.from({ length: pathsEach }, (_, p) =>
      `      - {path: /api/v${p}/items, pathType: ${p % 2 ? "Exact" : "Prefix"}, backend: {service: {name: svc-${i}-${p}, port: {number: ${8000 + p}}}}}`);
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ing-${i}, namespace: team-${i % 20}}\nspec:\n  rules:\n  - host: h${i}.example.com\n    http:\n      paths:\n${paths.join("\n")}`);
  }
  return docs.join("\n---\n") + "\n";
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timed = (fn) => { const start = performance.now(); fn(); return performance.now() - start; };

test("a second question costs only the routing (1,000 Ingresses / 5,000 paths, every profile)", () => {
  const yaml = manyIngresses();
  const requests = [1, 250, 500, 750, 999].map((n) => ({ url: `http://h${n}.example.com/api/v2/items/x` }));
  const oneShot = requests.map((request) => timed(() => compare(yaml, request)));
  const sim = new Simulation(yaml);
  const first = timed(() => sim.compare(requests[0]));
  const held = requests.map((request) => timed(() => {
    const comparison = sim.compare(request);
    assert.equal(comparison.agree, true);
  }));
  const unexplained = requests.map((request) => timed(() => sim.compare(request, { explain: false })));
  const edited = yaml.replace("name: svc-500-2,", "name: svc-500-2b,");
  const update = timed(() => sim.update(edited));
  const afterUpdate = timed(() => assert.equal(sim.compare(requests[2]).decisions[0].backend.service.name, "svc-500-2b"));
  sim.free();
  console.log(`compare(), 1,000 Ingresses / 5,000 paths, 6 profiles: one-shot function ${median(oneShot).toFixed(1)} ms (median of 5); Simulation: first ${first.toFixed(1)} ms, then ${held.map((t) => t.toFixed(1)).join(" / ")} ms (explain: false ${unexplained.map((t) => t.toFixed(1)).join(" / ")} ms; the explanations list all 5,000 candidates); update() of one document ${update.toFixed(1)} ms, next compare ${afterUpdate.toFixed(1)} ms`);
  // Generous: the held handle only routes (well under a millisecond without explanations, which
  // list every candidate); the function reads and compiles everything each time.
  assert.ok(median(unexplained) * 10 < median(oneShot), `held ${median(unexplained)} ms vs one-shot ${median(oneShot)} ms`);
});
