// The route map: `routeMap(yaml, options)` and `sim.routeMap(options)` give the input as a
// picture's data (the engine's, never routed), alike, with the profile's admission and marks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation, routeMap, parseCases, corpus, FANOUT } from "./support/pkg.mjs";

const TWO = `${FANOUT}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: other, namespace: web}
spec:
  ingressClassName: traefik
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  rules:
  - host: "*.bar.com"
    http:
      paths:
      - {path: /foo, pathType: Prefix, backend: {service: {name: wild, port: {number: 80}}}}
      - {path: /foo, pathType: Prefix, backend: {service: {name: again, port: {number: 80}}}}
`;

test("the map's shape: hosts in tier order, paths with backends and marks, TLS, default backends", () => {
  const map = routeMap(TWO);
  assert.deepEqual(Object.keys(map).sort(), ["counts", "defaultBackends", "hosts", "ingresses", "profile"]);
  assert.equal(map.profile, "spec");
  assert.deepEqual(map.counts, { ingresses: 2, hosts: 2, paths: 4 });
  assert.deepEqual(map.hosts.map((h) => [h.host, h.tier]), [["foo.bar.com", "precise"], ["*.bar.com", "wildcard"]]);
  assert.deepEqual(map.hosts.map((h) => h.span.start.line), [8, 21], "each host's first `host:` field");
  const [bar, foo] = map.hosts[0].paths; // equal lengths: Exact before Prefix (R5)
  assert.deepEqual([foo.path, foo.pathType, foo.backend, foo.ingress, foo.ingressIndex, foo.rule, foo.pathIndex], ["/foo", "Prefix", "service1:4200", "web/fanout", 0, 0, 0]);
  assert.equal(bar.backend, "service2:http");
  assert.deepEqual(map.hosts[0].tls.map((t) => t.secret), ["foo-tls"]);
  assert.deepEqual(map.hosts[1].paths.map((p) => p.marks.map((m) => m.kind)), [[], ["duplicate"]]);
  assert.deepEqual(map.defaultBackends.map((d) => [d.ingress, d.backend, d.answers]), [["web/other", "fallback:80", true]]);
});

test("the class and profile decide what is admitted", () => {
  const map = routeMap(TWO, { class: "traefik", profile: "traefik" });
  assert.equal(map.profile, "traefik");
  assert.deepEqual(map.ingresses.map((i) => [i.name, i.admitted, i.class]), [["web/fanout", false, null], ["web/other", true, "traefik"]]);
  assert.deepEqual(map.hosts.map((h) => h.host), ["*.bar.com"]);
});

test("Simulation.routeMap answers as routeMap() for every corpus file, and follows update()", () => {
  for (const [name, text] of corpus()) {
    const file = parseCases(text);
    const sim = new Simulation(file.manifest);
    try {
      for (const profile of ["spec", "ingress-nginx", "gce"]) {
        const options = { class: file.class, profile };
        assert.deepEqual(sim.routeMap(options), routeMap(file.manifest, options), `${name} ${profile}`);
      }
    } finally {
      sim.free();
    }
  }
  const sim = new Simulation(FANOUT);
  assert.equal(sim.routeMap().counts.paths, 2);
  sim.update(TWO);
  assert.equal(sim.routeMap().counts.paths, 4);
  sim.free();
});

test("bad options throw naming the function; a broken manifest is an empty map", () => {
  assert.throws(() => routeMap(FANOUT, { profile: "nope" }), /^Error: routeMap: unknown profile "nope"/);
  assert.throws(() => routeMap(FANOUT, { steps: true }), /^Error: routeMap: options has an unknown key "steps"/);
  assert.deepEqual(routeMap("kind: [").counts, { ingresses: 0, hosts: 0, paths: 0 });
  const sim = new Simulation("");
  assert.throws(() => sim.routeMap({ profile: 3 }), /^Error: Simulation\.routeMap: options\.profile/);
  sim.free();
});
