// writeCases(): cases (as runCases() takes them) written as a case file that parseCases() and
// `ingress-sim test --cases` read back as the same cases — the playground's export
// (web/case-file.js), so the page's wasm needs no case-file writer of its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as api from "../../crates/wasm/pkg/ingress_sim.js";
import { parseCases, runCases, FANOUT } from "./support/pkg.mjs";

const { writeCases } = api;

/** The cases as the page hands them over: requests and expectations as plain objects. */
const CASES = [
  { name: "foo goes to service1", request: { host: "foo.bar.com", path: "/foo/x" }, expect: { backend: "service1:4200" } },
  {
    request: { host: "foo.bar.com", path: "/nothing", sni: "foo.bar.com", method: "POST", headers: [["X-Canary", "always"]], cookies: [["beta", "1"]] },
    expect: { outcome: "no-match" },
  },
  { name: 'quotes " and: colons # and a\nnewline', request: { host: "a", path: "/" }, expect: { outcome: "redirect", status: 308, location: "https://a/" } },
];

test("what writeCases writes, parseCases reads back as the same cases, with the file's manifest, class and profile", () => {
  const text = writeCases({ cases: CASES, manifest: FANOUT, class: "nginx", profile: "ingress-nginx" });
  assert.match(text, /^# Ingress routing test cases/);
  const file = parseCases(text);
  assert.equal(file.manifest, FANOUT);
  assert.equal(file.class, "nginx");
  assert.equal(file.profile, "ingress-nginx");
  assert.equal(file.cases.length, 3);
  assert.equal(file.cases[0].name, "foo goes to service1");
  assert.deepEqual([file.cases[0].request.host, file.cases[0].request.path], ["foo.bar.com", "/foo/x"]);
  assert.equal(file.cases[0].expect.backend, "service1:4200");
  const second = file.cases[1];
  assert.deepEqual([second.request.sni, second.request.method, second.expect.outcome], ["foo.bar.com", "POST", "no-match"]);
  assert.deepEqual(second.request.headers, [["X-Canary", "always"]]);
  assert.deepEqual(second.request.cookies, [["beta", "1"]]);
  assert.equal(file.cases[2].name, 'quotes " and: colons # and a\nnewline');
  assert.deepEqual([file.cases[2].expect.status, file.cases[2].expect.location], [308, "https://a/"]);
  // And it runs (without the class, which FANOUT's Ingress does not name): both cases pass.
  const report = runCases(FANOUT, writeCases({ cases: CASES.slice(0, 2) }), { profile: "spec" });
  assert.deepEqual(report.results.map((r) => r.passed), [true, true]);
});

test("without a manifest, class or profile the file has none; no cases is an empty list", () => {
  const file = parseCases(writeCases({ cases: [] }));
  assert.deepEqual([file.manifest, file.class, file.profile, file.cases], [null, null, null, []]);
});

test("bad input is a clear error naming the function and the case", () => {
  assert.throws(() => writeCases({ cases: [{ request: { host: "a", path: "/" } }], profile: "nginx-plus" }), /^Error: writeCases: profile: /);
  assert.throws(() => writeCases({ cases: [{ request: { path: "/" } }] }), /^Error: writeCases: cases\[0\]: /);
  assert.throws(() => writeCases({ cases: "cases: []" }), /^Error: writeCases: cases must be/);
});
