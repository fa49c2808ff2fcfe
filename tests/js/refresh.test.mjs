// Simulation.refresh(query): what a page shows for one state of its input — the decision, the
// cases' report, the validation and the classes — in one call, each part exactly as the method of
// the same name answers it; and the manifest as UTF-8 bytes (a Uint8Array), as the page passes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation, parseCases, corpus, FANOUT } from "./support/pkg.mjs";

const bytes = (text) => new TextEncoder().encode(text);

test("every corpus file: refresh answers as route, runCases, validate and classes do", () => {
  for (const [name, text] of corpus()) {
    if (name.startsWith("gateway-")) continue; // Ingress files: the page's refresh asks Ingress profiles
    const file = parseCases(text);
    const options = { class: file.class, profile: file.profile };
    const cases = file.cases.map(({ name, request, expect }) => ({ name, request, expect }));
    const request = file.cases[0]?.request;
    const separate = new Simulation(file.manifest);
    const refreshed = new Simulation("");
    try {
      const answer = refreshed.refresh({ yaml: bytes(file.manifest), request, options, cases, listUncovered: 2 });
      assert.deepEqual(answer, {
        decision: request ? separate.route(request, options) : null,
        report: separate.runCases(cases, { ...options, listUncovered: 2 }),
        validation: separate.validate(options),
        classes: separate.classes(),
      }, name);
    } finally {
      separate.free();
      refreshed.free();
    }
  }
});

test("refresh without yaml asks the manifest held; parts not asked for are null", () => {
  const sim = new Simulation(FANOUT);
  try {
    const request = { url: "http://foo.bar.com/foo/x" };
    const answer = sim.refresh({ request, options: { explain: false } });
    assert.equal(answer.decision.backend.service.name, "service1");
    assert.deepEqual(answer.decision.explanation, [], "options reach the decision");
    assert.equal(answer.report, null);
    assert.deepEqual(answer.validation, sim.validate());
    const bare = sim.refresh({});
    assert.deepEqual([bare.decision, bare.report], [null, null]);
    assert.deepEqual(bare.classes, sim.classes());
    // The text replaced through refresh, then through update as bytes: the answers follow it.
    const edited = FANOUT.replaceAll("service1", "service9");
    assert.equal(sim.refresh({ yaml: edited, request }).decision.backend.service.name, "service9");
    sim.update(bytes(FANOUT));
    assert.equal(sim.route(request).backend.service.name, "service1");
    const built = new Simulation(bytes(edited));
    assert.deepEqual(built.route(request), sim.refresh({ yaml: bytes(edited), request }).decision);
    built.free();
  } finally {
    sim.free();
  }
});

test("refresh says what is wrong like the separate calls do", () => {
  const sim = new Simulation(FANOUT);
  try {
    assert.throws(() => sim.refresh(42), /^Error: Simulation\.refresh: query must be an object \{ yaml\?, request\?, options\?, cases\?, listUncovered\? \}, found a number$/);
    assert.throws(() => sim.refresh({ request: { host: 7 } }), /^Error: Simulation\.refresh: request\.host must be a string, found a number$/);
    assert.throws(() => sim.refresh({ options: { profile: "nginx-plus" } }), /^Error: Simulation\.refresh: .*nginx-plus/);
    assert.throws(() => sim.refresh({ listUncovered: 1.5 }), /^Error: Simulation\.refresh: query\.listUncovered must be a whole number, 0 or more, found 1\.5$/);
    assert.throws(() => sim.refresh({ yaml: new Uint8Array([0x61, 0xff, 0x62]) }), /^Error: Simulation\.refresh: yaml: the bytes are not UTF-8 \(at byte 1\)$/);
    assert.throws(() => sim.update(new Uint8Array([0xc3])), /^Error: Simulation\.update: yaml: the bytes are not UTF-8 \(at byte 0\)$/);
    // A manifest from which nothing usable came out: refused as route refuses it, validated without a request.
    assert.throws(() => sim.refresh({ yaml: "spec: [", request: { url: "http://a/" } }), /^Error: Simulation\.refresh: yaml: nothing usable came out of the manifest/);
    assert.equal(sim.refresh({}).validation.valid, false);
  } finally {
    sim.free();
  }
});
