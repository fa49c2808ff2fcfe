// A manifest given as named sources, `[{ name, text }]`: every position names its file and counts
// lines within it, in every function and in the stateful handle; a string keeps positions unnamed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Simulation, simulate, compare, validate, runCases } from "./support/pkg.mjs";

// The CLI's two-file tests read the same files (crates/cli/tests/sources.rs).
const fixture = (name) => readFileSync(new URL(`../fixtures/sources/${name}`, import.meta.url), "utf8");
/** A Service and an Ingress for another host: 13 lines before the second source. */
const FIRST = fixture("first.yaml");
/** A GCE annotation on line 7, /api on line 13 (column 9), a relative path on line 20 (column 15). */
const SECOND = fixture("second.yaml");

const SOURCES = [
  { name: "first.yaml", text: FIRST },
  { name: "second.yaml", text: SECOND },
];
const VALID_SOURCES = [SOURCES[0], { name: "second.yaml", text: SECOND.replace("path: web", "path: /web") }];
const REQUEST = { url: "http://shop.example.com/api/x" };

const place = (span) => span && [span.file, span.start.line, span.start.column];
const diagnosticPlace = (d) => [d.file, d.line, d.column];

test("simulate: the decision, its explanation and its diagnostics name each file and line", () => {
  const decision = simulate(SOURCES, REQUEST);
  assert.deepEqual(place(decision.span), ["second.yaml", 13, 9]);
  assert.deepEqual(Object.keys(decision.span), ["doc", "file", "start", "end"]);
  const won = decision.explanation.find((e) => e.verdict === "won");
  assert.deepEqual(place(won.span), ["second.yaml", 13, 9]);
  const other = decision.explanation.find((e) => e.span?.file === "first.yaml");
  assert.deepEqual(place(other.span), ["first.yaml", 10, 5], "the other host's rule, in the first file");
  const error = decision.diagnostics.find((d) => d.severity === "error");
  assert.deepEqual(diagnosticPlace(error), ["second.yaml", 20, 15]);
  const keys = Object.keys(error);
  assert.equal(keys[keys.indexOf("file") + 1], "line", "`file` just before `line`");
});

test("ignored annotations and compare() name the file of every position", () => {
  const gce = simulate(VALID_SOURCES, REQUEST, { profile: "gce" });
  assert.deepEqual(gce.ignoredAnnotations.map((a) => [a.key, ...place(a.span)]), [["cloud.google.com/neg", "second.yaml", 7, 5]]);
  const comparison = compare(VALID_SOURCES, REQUEST);
  for (const decision of comparison.decisions) {
    assert.deepEqual(place(decision.span), ["second.yaml", 13, 9], decision.profile);
  }
});

test("validate and runCases name each file; the case file's own positions stay unnamed", () => {
  const validation = validate(SOURCES);
  assert.equal(validation.valid, false);
  assert.deepEqual(validation.errors.map(diagnosticPlace), [["second.yaml", 20, 15]]);
  const cases = "cases:\n- url: http://shop.example.com/api/x\n  expect: {backend: \"api:80\"}\n";
  const report = runCases(SOURCES, cases);
  assert.equal(report.passed, 1);
  assert.deepEqual(report.uncovered.map((u) => place(u.span)), [["first.yaml", 13, 9]]);
  assert.deepEqual(place(report.results[0].span), [undefined, 2, 3]);
});

test("a string manifest has no file key anywhere", () => {
  const decision = simulate(SECOND, { url: "http://shop.example.com/api/x" });
  assert.deepEqual(place(decision.span), [undefined, 13, 9]);
  assert.ok(!JSON.stringify(decision).includes('"file"'), "no file key");
});

test("new Simulation(sources) and update(sources) answer as the functions do", () => {
  const sim = new Simulation(SOURCES);
  try {
    assert.deepEqual(sim.route(REQUEST), simulate(SOURCES, REQUEST));
    assert.deepEqual(sim.validate(), validate(SOURCES));
    const edited = [{ name: "first.yaml", text: "# moved down\n" + FIRST }, SOURCES[1]];
    sim.update(edited);
    const decision = sim.route({ url: "http://other.example.com/api" });
    assert.deepEqual(place(decision.span), ["first.yaml", 14, 9], "lines count within the edited file");
    assert.deepEqual(decision, simulate(edited, { url: "http://other.example.com/api" }));
    sim.update(SECOND);
    assert.deepEqual(place(sim.route(REQUEST).span), [undefined, 13, 9], "back to one unnamed text");
  } finally {
    sim.free();
  }
});

test("sources of the wrong shape are refused with what and where", () => {
  const refused = (call, pattern) => assert.throws(call, (e) => e instanceof Error && pattern.test(e.message), String(pattern));
  refused(() => simulate(42, REQUEST), /^simulate: yaml must be a string or an array of \{ name, text \}, found a number$/);
  refused(() => simulate([{ name: "a.yaml" }], REQUEST), /^simulate: yaml\[0\]\.text is missing/);
  refused(() => simulate([{ text: FIRST }], REQUEST), /^simulate: yaml\[0\]\.name is missing or empty/);
  refused(() => validate([SOURCES[0], { name: "first.yaml", text: "" }]), /^validate: yaml\[1\]\.name "first.yaml" is given twice/);
  refused(() => validate([{ name: "a.yaml", text: 7 }]), /^validate: yaml\[0\]\.text must be a string, found a number$/);
  refused(() => validate([{ name: "a.yaml", text: "", path: "/x" }]), /^validate: yaml\[0\] has an unknown key "path"/);
  refused(() => new Simulation(["a: 1"]), /^Simulation: yaml\[0\] must be an object \{ name, text \}, found a string$/);
  const sim = new Simulation(SOURCES);
  refused(() => sim.update({ name: "a", text: "" }), /^Simulation\.update: yaml must be a string or an array/);
  sim.free();
});

test("an unusable named source is refused with its file and line", () => {
  const broken = [{ name: "broken.yaml", text: "kind: Service\nmetadata: {name: x\n" }];
  assert.throws(() => simulate(broken, REQUEST), (e) => /broken\.yaml:3:1/.test(e.message), "the place names the file");
});
