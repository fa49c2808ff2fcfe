// The engine's conformance corpus through the JS API: every file's cases pass in runCases, and
// simulate (the explained route) agrees with runCases (the fast lookup) and with the expectations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { simulate, runCases, parseCases, corpus, backendLabel } from "./support/pkg.mjs";

const files = corpus();

test("the corpus is there", () => {
  assert.ok(files.length >= 10, `only ${files.length} corpus files`);
});

for (const [name, text] of files) {
  test(`corpus ${name}`, () => {
    const file = parseCases(text);
    assert.equal(typeof file.manifest, "string", "a corpus file carries its manifest");
    assert.ok(file.cases.length > 0, "a corpus file has cases");

    const report = runCases(file.manifest, text);
    const failures = report.results.filter((r) => !r.passed).map((r) => `${r.name}: expected ${r.expected}, got ${r.actual}`);
    assert.deepEqual(failures, [], "every case passes");
    assert.equal(report.failed, 0);
    assert.equal(report.passed, file.cases.length);
    // A Gateway API file (gateway-*.yaml) ends here: runCases routes its cases through the Gateway
    // (the engine's run_cases); the comparisons below are with simulate's Ingress decision.
    if (name.startsWith("gateway-")) return;

    const options = { class: file.class, profile: file.profile };
    for (const testCase of file.cases) {
      const where = `${name}:${testCase.line} ${testCase.name ?? ""}`;
      const decision = simulate(file.manifest, testCase.request, options);
      const result = report.results[testCase.index];
      assert.equal(decision.outcome, result.outcome, `${where}: simulate and runCases disagree on the outcome`);
      assert.equal(backendLabel(decision.backend), result.backend, `${where}: simulate and runCases disagree on the backend`);
      assert.equal(decision.ingress, result.ingress, `${where}: simulate and runCases disagree on the Ingress`);
      assertExpectations(decision, testCase.expect, where);
    }
  });
}

/** The case's own expectations, checked against simulate's decision. */
function assertExpectations(decision, expect, where) {
  if (expect.backend !== undefined) assert.equal(backendLabel(decision.backend), expect.backend, `${where}: backend`);
  if (expect.outcome !== undefined) assert.equal(decision.outcome, expect.outcome, `${where}: outcome`);
  if (expect.status !== undefined) assert.equal(decision.status, expect.status, `${where}: status`);
  if (expect.ingress !== undefined) assert.equal(decision.ingress, expect.ingress, `${where}: ingress`);
  if (expect.path !== undefined) assert.equal(decision.path, expect.path, `${where}: path`);
  if (expect.pathType !== undefined) assert.equal(decision.pathType, expect.pathType, `${where}: pathType`);
  // A certificate is chosen only for TLS requests; runCases also checks `tls` for plain ones.
  if (expect.tls !== undefined && decision.tls !== null) {
    assert.equal(decision.tls.secretName ?? "default", expect.tls, `${where}: tls`);
  }
  const winners = decision.explanation.filter((entry) => entry.verdict === "won");
  // A backend, a redirect or the controller's own status answers: one winner; a 404, a
  // configuration the controller refuses or a closed connection (status null): none.
  const answered = decision.outcome !== "no-match" && decision.status !== null;
  assert.equal(winners.length, answered ? 1 : 0, `${where}: one winner when something answers`);
}
