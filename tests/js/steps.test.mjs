// The decision walked step by step: `simulate(…, {steps: true})` and `sim.route(…, {steps: true})`
// add `steps` (the engine's printer over the explanation); without the option the decision is
// unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation, simulate, parseCases, corpus, FANOUT } from "./support/pkg.mjs";

const STAGES = ["request", "class", "host", "path", "winner", "tls", "notes"];

test("steps are added only when asked for, and the rest of the decision is the same", () => {
  const request = { url: "http://foo.bar.com/foo/x" };
  const plain = simulate(FANOUT, request);
  assert.equal("steps" in plain, false);
  const walked = simulate(FANOUT, request, { steps: true });
  const { steps, ...rest } = walked;
  assert.deepEqual(rest, plain);
  assert.deepEqual(steps.map((s) => s.stage), ["request", "class", "host", "host", "host", "path", "winner"]);
  assert.deepEqual(steps.map((s) => s.rule), ["R2", "R1", "R3", "R3", "R3", "R4", "R5"]);
  const winner = steps.at(-1);
  assert.equal(winner.verdict, "won");
  assert.match(winner.title, /^Winner: service1:4200$/);
  assert.equal(winner.spans[0].start.line, plain.span.start.line);
  assert.deepEqual(Object.keys(winner).sort(), ["entries", "rule", "spans", "stage", "text", "title", "verdict"]);
});

test("every corpus case under spec and ingress-nginx: stages in order, each entry in one step", () => {
  // Steps walk Ingress decisions; the Gateway API files (gateway-*.yaml) have none.
  for (const [name, text] of corpus().filter(([name]) => !name.startsWith("gateway-"))) {
    const file = parseCases(text);
    const sim = new Simulation(file.manifest);
    try {
      for (const profile of ["spec", "ingress-nginx"]) {
        for (const { request } of file.cases) {
          const decision = sim.route(request, { class: file.class, profile, steps: true });
          const order = decision.steps.map((s) => STAGES.indexOf(s.stage));
          assert.deepEqual(order, [...order].sort((a, b) => a - b), `${name} ${profile}`);
          const entries = decision.steps.flatMap((s) => s.entries).sort((a, b) => a - b);
          assert.deepEqual(entries, decision.explanation.map((_, i) => i), `${name} ${profile}`);
          if (profile === "ingress-nginx") {
            assert.ok(decision.steps.filter((s) => s.stage === "path").every((s) => s.rule === "nginx location order"), name);
          }
        }
      }
    } finally {
      sim.free();
    }
  }
});

test("steps must be a boolean", () => {
  assert.throws(() => simulate(FANOUT, { url: "http://foo.bar.com/" }, { steps: "yes" }), /^Error: simulate: options\.steps/);
});
