// compare(): every profile's decision side by side, the CLI's `compare --json` shape.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compare, profiles, simulate } from "./support/pkg.mjs";

const SHOP = readFileSync(new URL("../fixtures/shop.yaml", import.meta.url), "utf8");

test("compare routes under every profile, in profiles() order, each decision as simulate() gives it", () => {
  const request = { url: "http://shop.example.com/cart" };
  const comparison = compare(SHOP, request);
  assert.deepEqual(Object.keys(comparison).sort(), ["agree", "decisions", "differences", "groups"]);
  assert.deepEqual(comparison.decisions.map((d) => d.profile), profiles().map((p) => p.name));
  for (const decision of comparison.decisions) {
    assert.deepEqual(decision, simulate(SHOP, request, { profile: decision.profile }));
  }
  assert.equal(comparison.agree, true);
  assert.deepEqual(comparison.groups, [{ answer: "cart:80", profiles: profiles().map((p) => p.name) }]);
  assert.deepEqual(comparison.differences, []);
});

test("compare names what differs when the profiles disagree", () => {
  const comparison = compare(SHOP, { host: "shop.example.com", path: "/staticfiles" }, { profiles: ["spec", "traefik"] });
  assert.equal(comparison.agree, false);
  assert.deepEqual(comparison.decisions.map((d) => [d.profile, d.outcome]), [["spec", "no-match"], ["traefik", "rule"]]);
  assert.deepEqual(comparison.differences.slice(0, 2), ["outcome", "backend"]);
  assert.deepEqual(comparison.groups.map((g) => g.profiles.length), [1, 1]);
});

test("compare rejects unknown profiles and options keys with a named Error", () => {
  assert.throws(() => compare(SHOP, { url: "http://a/" }, { profiles: ["envoy"] }), /^Error: compare: options.profiles: unknown profile "envoy"/);
  assert.throws(() => compare(SHOP, { url: "http://a/" }, { profile: "spec" }), /^Error: compare: options has an unknown key "profile"/);
});
