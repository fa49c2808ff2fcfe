// Profiles name the release they model; older releases are profiles of their own (`name@version`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compare, profiles, runCases, simulate } from "./support/pkg.mjs";

const corpus = (file) => readFileSync(new URL(`../../crates/engine/tests/corpus/${file}`, import.meta.url), "utf8");

const TENANTS = readFileSync(new URL("../fixtures/tenants.yaml", import.meta.url), "utf8");

test("profiles() lists every profile with its version and release, older releases after their latest", () => {
  const listed = profiles().map((p) => [p.name, p.version]);
  assert.deepEqual(listed, [
    ["spec", "networking.k8s.io/v1"],
    ["ingress-nginx", "1.15"],
    ["ingress-nginx@1.14.2", "1.14.2"],
    ["gce", "1.41"],
    ["aws-alb", "3.5"],
    ["traefik", "3.7"],
    ["traefik@3.6", "3.6"],
    ["traefik@3.6.10", "3.6.10"],
    ["traefik-ingress-nginx", "3.7"],
    ["contour", "1.33"],
  ]);
  assert.ok(profiles().every((p) => typeof p.release === "string" && p.release));
});

test("every decision names its profile's version", () => {
  const request = { url: "http://a.foo.com/api" };
  for (const { name, version } of profiles()) {
    const decision = simulate(TENANTS, request, { profile: name });
    assert.equal(decision.profile, name);
    assert.equal(decision.profileVersion, version);
  }
  assert.equal(simulate(TENANTS, request, { profile: "traefik@3.7" }).profile, "traefik");
});

test("compare shows where traefik@3.6 and traefik differ", () => {
  const comparison = compare(TENANTS, { url: "http://a.foo.com/api/orders" }, { profiles: ["traefik", "traefik@3.6"] });
  assert.equal(comparison.agree, false);
  const answers = comparison.decisions.map((d) => [d.profile, d.backend.service.name, d.matchedAs]);
  assert.deepEqual(answers, [
    ["traefik", "api", 'Host("a.foo.com") && PathPrefix("/api")'],
    ["traefik@3.6", "tenant-site", 'HostRegexp("^[a-zA-Z0-9-]+\\\\.foo\\\\.com$") && PathPrefix("/")'],
  ]);
});

test("a case file's versioned profile is used, and the corpus scenarios pass", () => {
  for (const file of ["profile-traefik-3.6-wildcard-host.yaml", "profile-traefik-3.6.10-backticked-rules.yaml", "profile-ingress-nginx-1.14.2-regex-escapes.yaml", "profile-ingress-nginx-1.14.2-double-quote.yaml"]) {
    const text = corpus(file);
    const manifest = text.match(/^manifest: \|\n((?: {2}.*\n|\n)*)/m)[1].replace(/^ {2}/gm, "");
    const report = runCases(manifest, text);
    assert.equal(report.failed, 0, `${file}: ${JSON.stringify(report.results.filter((r) => !r.passed))}`);
  }
});

test("an unknown version is an error listing the known ones", () => {
  assert.throws(() => simulate(TENANTS, { url: "http://a/" }, { profile: "traefik@3.5" }), /^Error: simulate: traefik has no profile for version "3\.5"; known: traefik \(= traefik@3\.7\), traefik@3\.6, traefik@3\.6\.10$/);
  assert.throws(
    () => compare(TENANTS, { url: "http://a/" }, { profiles: ["ingress-nginx@1.14"] }),
    /options\.profiles: ingress-nginx has no profile for version "1\.14" \(1\.14\.0–1\.14\.2 is ingress-nginx@1\.14\.2; 1\.14\.3 and later route as ingress-nginx\)/,
  );
});
