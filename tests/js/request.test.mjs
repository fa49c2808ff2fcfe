// The request's method, headers and cookies through the JS API: an ingress-nginx canary by header
// or cookie answers the canary; headers as an object or as pairs; parseCases gives them back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { simulate, parseCases, runCases, Simulation, corpusDir, backendLabel } from "./support/pkg.mjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const CORPUS = readFileSync(join(corpusDir, "profile-ingress-nginx-canary-header.yaml"), "utf8");
const MANIFEST = parseCases(CORPUS).manifest;
const NGINX = { profile: "ingress-nginx" };

const answer = (request) => backendLabel(simulate(MANIFEST, request, NGINX).backend);

test("a canary-by-header Ingress answers the canary for X-Canary: always", () => {
  const url = "http://always.example.com/";
  assert.equal(answer({ url }), "always-main:80");
  const decision = simulate(MANIFEST, { url, headers: { "X-Canary": "always" } }, NGINX);
  assert.equal(backendLabel(decision.backend), "always-canary:80");
  assert.deepEqual(decision.split.map((branch) => [branch.canary, branch.taken]), [[false, false], [true, true]]);
  const canary = decision.explanation.find((entry) => entry.reason === "canary");
  assert.match(canary.message, /This request goes to the canary side \(header X-Canary: always\)/);
  assert.equal(answer({ url, headers: [["x-canary", "never"]], cookies: { canary: "always" } }), "always-main:80");
  assert.equal(answer({ url, headers: [["Cookie", "canary=always"]] }), "always-canary:80");
  assert.equal(answer({ host: "cookie.example.com", cookies: [["beta", "always"]], method: "POST" }), "cookie-canary:80");
});

test("the stateful handle routes with headers too", () => {
  const sim = new Simulation(MANIFEST);
  try {
    const request = { url: "http://pattern.example.com/", headers: { "X-Version": "v2.3" } };
    assert.equal(backendLabel(sim.route(request, NGINX).backend), "pattern-canary:80");
    assert.equal(backendLabel(sim.route({ ...request, headers: { "X-Version": "v3" } }, NGINX).backend), "pattern-main:80");
  } finally {
    sim.free();
  }
});

test("parseCases gives each case's method, headers and cookies back, ready for simulate", () => {
  const file = parseCases(CORPUS);
  const cookieCase = file.cases.find((c) => c.name === "a Cookie header line is read as cookies");
  assert.deepEqual(cookieCase.request.cookies, [["session", "1"], ["canary", "always"]]);
  assert.equal(cookieCase.request.headers, undefined, "a Cookie line is cookies, not a header");
  for (const testCase of file.cases) {
    assert.equal(answer(testCase.request), testCase.expect.backend, testCase.name);
  }
  const report = runCases(MANIFEST, CORPUS);
  assert.equal(report.failed, 0);
  const posted = parseCases("cases:\n- {host: a, method: PUT, headers: [\"X-A: 1\"], expect: {outcome: no-match}}\n");
  assert.deepEqual(posted.cases[0].request, { host: "a", path: "/", method: "PUT", headers: [["X-A", "1"]] });
});
