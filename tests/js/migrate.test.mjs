// Migration through the JS API: migrate() and Simulation.migrate() answer with the CLI's
// `migrate --json` object plus the converted YAML, a stepped run (startMigration → step(n) →
// finish()) answers the same in slices, and diffProfiles() is the CLI's `diff --json`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation } from "./support/pkg.mjs";
import * as api from "../../crates/wasm/pkg/ingress_sim.js";

const { migrate, diffProfiles } = api;

/** A wildcard host: one label as an Ingress host, any number as a Gateway API hostname. */
const WILDCARD = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: wild
  namespace: shop
spec:
  ingressClassName: nginx
  rules:
  - host: "*.example.com"
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  ports:
  - {name: http, port: 80}
`;

const SOURCES = [
  { name: "service.yaml", text: SERVICE },
  { name: "wild.yaml", text: WILDCARD },
];

/** An ImplementationSpecific path: a string prefix under Traefik, element-wise under `spec`. */
const STATIC = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: static, namespace: default}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /static, pathType: ImplementationSpecific, backend: {service: {name: assets, port: {number: 80}}}}
`;

test("migrate(): the CLI's migrate --json keys plus the YAML, and the wildcard's widening as a change", () => {
  const migration = migrate(SOURCES);
  assert.deepEqual(Object.keys(migration), ["from", "to", "gateways", "notices", "requests", "changed", "yaml"]);
  assert.deepEqual([migration.from, migration.to], ["ingress-nginx", "envoy-gateway"]);
  assert.deepEqual(migration.gateways, ["shop/nginx"]);
  assert.match(migration.yaml, /kind: Gateway\n/);
  assert.match(migration.yaml, /kind: HTTPRoute\n/);
  const widened = migration.changed.find((c) => c.request.host === "a.b.example.com" && c.request.scheme === "http");
  assert.ok(widened, JSON.stringify(migration.changed.map((c) => c.request)));
  assert.ok(widened.probes.length > 0);
  assert.deepEqual([widened.before.outcome, widened.before.status, widened.before.profile], ["no-match", 404, "ingress-nginx"]);
  assert.deepEqual([widened.after.outcome, widened.after.status, widened.after.gateway], ["rule", 200, "shop/nginx"]);
  // "After" positions point into the converted YAML; notices into the input file they are about.
  const winner = widened.after.explanation.find((e) => e.verdict === "winner");
  assert.equal(winner.span.file, "gateway-api.yaml");
  const widens = migration.notices.find((n) => n.code === "wildcard-widens");
  assert.ok(widens, JSON.stringify(migration.notices));
  assert.deepEqual([widens.level, widens.object, widens.span.file, widens.span.start.line], ["warning", "Ingress shop/wild", "wild.yaml", 9]);
  assert.ok(migration.requests >= migration.changed.length);
});

test("options: the implementation after, names of the wrong kind and unknown keys throw naming the function", () => {
  assert.equal(migrate(WILDCARD, { to: "contour" }).to, "contour");
  assert.equal(migrate(WILDCARD, { from: null, to: "" }).to, "envoy-gateway", "null and empty take the default");
  assert.throws(() => migrate(WILDCARD, { to: "traefik" }), /^Error: migrate: options\.to: traefik routes Ingresses only.*envoy-gateway/);
  assert.throws(() => migrate(WILDCARD, { from: "envoy-gateway" }), /^Error: migrate: options\.from: envoy-gateway is a Gateway API implementation/);
  assert.throws(() => migrate(WILDCARD, { form: "spec" }), /^Error: migrate: options/);
  assert.throws(() => migrate(42), /^Error: migrate: yaml must be a string or an array/);
  assert.throws(() => migrate("spec: ["), /^Error: migrate: yaml: nothing usable came out of the manifest/);
});

test("Simulation.migrate() answers as migrate() for the held manifest, and after update()", () => {
  const sim = new Simulation(SOURCES);
  try {
    assert.deepEqual(sim.migrate(), migrate(SOURCES));
    assert.deepEqual(sim.migrate({ to: "spec" }), migrate(SOURCES, { to: "spec" }));
    sim.update(STATIC);
    assert.deepEqual(sim.migrate(), migrate(STATIC));
    sim.update("spec: [");
    assert.throws(() => sim.migrate(), /^Error: Simulation\.migrate: yaml: nothing usable/);
  } finally {
    sim.free();
  }
});

test("startMigration(): step(n) reports progress until done, finish() answers as migrate()", () => {
  const sim = new Simulation(SOURCES);
  const run = sim.startMigration({ to: "envoy-gateway" });
  // The run keeps its own copy of the input: an update after the start does not change it.
  sim.update(STATIC);
  const seen = [];
  for (let steps = 0; steps < 1000; steps++) {
    const progress = run.step(2);
    assert.deepEqual(Object.keys(progress), ["done", "routed", "total", "stage"]);
    assert.ok(progress.routed <= progress.total, JSON.stringify(progress));
    seen.push(progress);
    if (progress.done) break;
  }
  const last = seen.at(-1);
  assert.ok(last.done, "the run ends");
  assert.equal(last.stage, "done");
  assert.ok(seen.some((p) => p.stage === "route") && seen.some((p) => p.stage !== "route"), "setup stages, then routing");
  assert.equal(last.routed, last.total);
  assert.ok(seen.some((p) => !p.done && p.routed > 0 && p.routed < p.total), `progress in between: ${JSON.stringify(seen)}`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].routed >= seen[i - 1].routed, "progress never goes back");
  const migration = run.finish();
  assert.deepEqual(migration, migrate(SOURCES));
  assert.throws(() => run.finish(), /^Error: MigrationRun\.finish: the run is finished already/);
  assert.throws(() => run.step(10), /^Error: MigrationRun\.step: the run is finished already/);
  // explain(index) still answers after finish(): the change as the migration lists it explained.
  assert.ok(migration.changed.every((c) => c.explained === true), "a small run explains every change");
  migration.changed.forEach((change, index) => assert.deepEqual(run.explain(index), change, `change ${index}`));
  assert.throws(() => run.explain(migration.changed.length), /^Error: MigrationRun\.explain: index \d+ is past the last changed request/);
  assert.throws(() => run.explain(-1), /^Error: MigrationRun\.explain: index must be a whole number, 0 or more, found -1/);
  assert.throws(() => run.explain(0.5), /index must be a whole number/);
  run.free();
  // finish() without stepping routes everything; bad step sizes throw.
  const other = sim.startMigration();
  assert.throws(() => other.step(0), /^Error: MigrationRun\.step: maxRequests must be a number, 1 or more, found 0/);
  assert.throws(() => other.step(undefined), /maxRequests must be a number, 1 or more, found NaN/);
  assert.deepEqual(other.finish(), migrate(STATIC));
  other.free();
  assert.throws(() => sim.startMigration({ to: "gce" }), /^Error: Simulation\.startMigration: options\.to: gce routes Ingresses only/);
  sim.free();
});

test("diffProfiles(): the CLI's diff --json, Traefik's string prefix as a change", () => {
  const diff = diffProfiles(STATIC, { from: "spec", to: "traefik" });
  assert.deepEqual(Object.keys(diff), ["from", "to", "requests", "changed"]);
  assert.deepEqual([diff.from, diff.to], ["spec", "traefik"]);
  const longer = diff.changed.find((c) => c.request.path === "/staticx");
  assert.ok(longer, JSON.stringify(diff.changed.map((c) => c.request.path)));
  assert.deepEqual([longer.before.outcome, longer.after.outcome, longer.after.backend.service.name], ["no-match", "rule", "assets"]);
  assert.deepEqual(diffProfiles(STATIC, { from: "traefik", to: "traefik@3.7" }).changed, []);
  // Another class than the one written: no Ingress takes part, nothing differs.
  assert.deepEqual(diffProfiles(STATIC, { from: "spec", to: "traefik", class: "other" }).changed, []);
  assert.throws(() => diffProfiles(STATIC, { from: "spec" }), /^Error: diffProfiles: options\.to is missing/);
  assert.throws(() => diffProfiles(STATIC), /^Error: diffProfiles: options is missing/);
  assert.throws(() => diffProfiles(STATIC, { from: "spec", to: "envoy-gateway" }), /^Error: diffProfiles: options\.to: envoy-gateway is a Gateway API implementation/);
});
