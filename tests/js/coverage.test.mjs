// runCases' `listUncovered`: the report lists at most that many uncovered paths and counts the
// rest in `unlisted`, so that a caller showing a few (the playground's tests table) pays for its
// cases, not for every path of the manifest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation, runCases } from "./support/pkg.mjs";

const ingress = (i) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing-${i}}
spec:
  rules:
  - host: h${i}.example.com
    http:
      paths:
      - {path: /a, pathType: Prefix, backend: {service: {name: a-${i}, port: {number: 80}}}}
      - {path: /b, pathType: Exact, backend: {service: {name: b-${i}, port: {number: 80}}}}
`;
const YAML = Array.from({ length: 50 }, (_, i) => ingress(i)).join("---\n");
const CASES = "cases:\n- {url: http://h7.example.com/a/x, expect: {backend: \"a-7:80\"}}\n";

test("listUncovered: the first uncovered paths listed, the rest counted, the results unchanged", () => {
  const sim = new Simulation(YAML);
  try {
    for (const profile of ["spec", "ingress-nginx"]) {
      const full = sim.runCases(CASES, { profile });
      assert.equal(full.unlisted, 0, "every uncovered path listed by default");
      assert.equal(full.uncovered.length, 99);
      const listed = sim.runCases(CASES, { profile, listUncovered: 5 });
      assert.deepEqual(listed, { ...full, uncovered: full.uncovered.slice(0, 5), unlisted: 94 }, profile);
      assert.deepEqual(runCases(YAML, CASES, { profile, listUncovered: 5 }), listed, "the function agrees");
      assert.deepEqual(sim.runCases(CASES, { profile, listUncovered: 0 }).uncovered, []);
    }
  } finally {
    sim.free();
  }
});

test("listUncovered must be a whole number, 0 or more", () => {
  const sim = new Simulation(YAML);
  try {
    for (const bad of [-1, 2.5, "5", true]) {
      assert.throws(() => sim.runCases(CASES, { listUncovered: bad }), /options\.listUncovered must be a whole number, 0 or more/, String(bad));
    }
    assert.throws(() => sim.runCases(CASES, { listUncoverd: 5 }), /listUncoverd/);
  } finally {
    sim.free();
  }
});
