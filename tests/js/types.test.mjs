// The TypeScript declarations of crates/wasm/pkg, checked with the TypeScript compiler itself:
// usage.ts compiles (and its @ts-expect-error lines fail, so nothing is `any`), every runtime
// export is declared, and real results of every function `satisfies` their declared types —
// which catches a key the engine adds or renames, and an enum value the declarations lack.
//
// TypeScript comes from crates/wasm/ts-check (its own package.json and lock file, apart from the
// root's); it is installed there with `npm ci` when missing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as api from "../../crates/wasm/pkg/ingress_sim.js";
import { simulate, simulateGateway, validate, runCases, parseCases, profiles, implementations, corpus, pkgDir, root, FANOUT, Simulation } from "./support/pkg.mjs";

const tsCheck = join(root, "crates", "wasm", "ts-check");
const declarations = join(pkgDir, "ingress_sim.d.ts");
const samplesDir = mkdtempSync(join(tmpdir(), "ingress-sim-types-"));
const samplesFile = join(samplesDir, "samples.mts");
let ts, program;

before(() => {
  if (!existsSync(join(tsCheck, "node_modules", "typescript", "package.json"))) {
    execFileSync("npm", ["ci", "--prefix", tsCheck, "--no-audit", "--no-fund"], { stdio: "inherit" });
  }
  ts = createRequire(join(tsCheck, "package.json"))("typescript");
  writeFileSync(samplesFile, samplesModule());
  // One program for every test: usage.ts, the samples, and the declarations they import.
  const config = ts.getParsedCommandLineOfConfigFile(join(tsCheck, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, "\n")),
  });
  program = ts.createProgram({ rootNames: [...config.fileNames, samplesFile], options: config.options });
});

after(() => rmSync(samplesDir, { recursive: true, force: true }));

/** The compiler's complaints about some files of the program, as text ("" when none). */
function complaints(accept, shown = 20) {
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => accept(d.file?.fileName ?? ""));
  const text = ts.formatDiagnostics(diagnostics.slice(0, shown), {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  });
  return diagnostics.length > shown ? `${text}… and ${diagnostics.length - shown} more\n` : text;
}

test("the declarations compile, and so does usage.ts, whose expected errors are errors", () => {
  assert.equal(complaints((file) => file !== samplesFile), "");
});

test("every runtime export is declared, and no API signature is `any`", () => {
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(declarations));
  const declared = new Map(checker.getExportsOfModule(module).map((symbol) => [symbol.name, symbol]));
  for (const name of Object.keys(api)) {
    assert.ok(declared.has(name), `runtime export ${name} is not declared`);
  }
  for (const name of ["simulate", "validate", "runCases", "parseCases", "profiles", "version", "compare", "migrate", "diffProfiles"]) {
    const signatures = checker.getTypeOfSymbol(declared.get(name)).getCallSignatures();
    assert.equal(signatures.length, 1, name);
    const text = checker.signatureToString(signatures[0]);
    assert.doesNotMatch(text, /\bany\b/, `${name}${text}`);
  }
  // The Simulation class: its constructor and every method, typed.
  const simulation = checker.getTypeOfSymbol(declared.get("Simulation"));
  for (const signature of simulation.getConstructSignatures()) {
    assert.doesNotMatch(checker.signatureToString(signature), /\bany\b/, "new Simulation");
  }
  const instance = checker.getDeclaredTypeOfSymbol(declared.get("Simulation"));
  const methods = ["update", "route", "compare", "runCases", "validate", "migrate", "startMigration", "free"];
  for (const name of methods) {
    const member = instance.getProperty(name);
    assert.ok(member, `Simulation.${name} is declared`);
    const text = checker.signatureToString(checker.getTypeOfSymbol(member).getCallSignatures()[0]);
    assert.doesNotMatch(text, /\bany\b/, `Simulation.${name}${text}`);
  }
});

test("the declared string unions list every variant of the engine's enums", () => {
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(declarations));
  const aliases = new Map(checker.getExportsOfModule(module).map((symbol) => [symbol.name, symbol]));
  const literals = (alias) => {
    const type = checker.getDeclaredTypeOfSymbol(aliases.get(alias));
    return (type.isUnion() ? type.types : [type]).map((member) => member.value).sort();
  };
  const engine = [
    ["decision.rs", "Outcome", "Outcome"], ["decision.rs", "Verdict", "Verdict"], ["decision.rs", "Reason", "Reason"],
    ["diagnostic.rs", "Severity", "Severity"], ["diagnostic.rs", "Code", "DiagnosticCode"],
    ["diagnostic.rs", "ErrorType", "ErrorType"], ["model.rs", "PathType", "PathType"],
    ["profile.rs", "Profile", "ProfileName"], ["request.rs", "Scheme", "Scheme"],
  ];
  for (const [file, rustEnum, alias] of engine) {
    const source = readFileSync(join(root, "crates", "engine", "src", file), "utf8");
    assert.deepEqual(literals(alias), serialisedVariants(source, rustEnum).sort(), `${alias} vs ${file}: enum ${rustEnum}`);
  }
});

/**
 * The JSON strings of a fieldless Rust enum's variants: its `stable_names!` table (names.rs), or
 * the `NAMES` list of an enum that writes its names by hand (profile.rs).
 */
function serialisedVariants(source, name) {
  const found = new RegExp(`stable_names!\\(${name}, \\w+;([\\s\\S]*?)\\);`).exec(source);
  if (found) return [...found[1].matchAll(/\w+ => "([^"]+)"/g)].map((m) => m[1]);
  const names = new RegExp(`impl ${name} \\{[\\s\\S]*?pub const NAMES: &'static \\[&'static str\\] =\\s*&\\[([\\s\\S]*?)\\];`).exec(source);
  assert.ok(names, `neither stable_names!(${name}, …) nor ${name}::NAMES found`);
  return [...names[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

test("real results satisfy their declared types", () => {
  assert.equal(complaints((file) => file === samplesFile), "");
});

/** A module of `export const x = [...] satisfies T[];`, one per sample kind. */
function samplesModule() {
  const types =
    "Decision, GatewayDecision, Validation, CaseReport, CaseFile, ProfileInfo, ImplementationInfo, SimulateRequest, Comparison, Migration, ProfileDiff, MigrationProgress";
  const lines = [`import type { ${types} } from ${JSON.stringify(join(pkgDir, "ingress_sim.js"))};`];
  for (const [name, type, values] of collectSamples()) {
    assert.ok(values.length > 0, `no ${name} samples`);
    lines.push(`export const ${name} = ${JSON.stringify(values, null, 1)} satisfies ${type}[];`);
  }
  return lines.join("\n") + "\n";
}

/** [name, declared type, values]: every function's results on the corpus and on edge cases. */
function collectSamples() {
  const decisions = [];
  const gatewayDecisions = [];
  const validations = [validate(FANOUT.replace("pathType: Exact", "pathType: exact")), validate("spec: [")];
  const reports = [runCases(FANOUT, "cases:\n- {host: x, path: /, expect: {outcome: rule}}\n")];
  const caseFiles = [];
  const requests = [{ url: "https://foo.bar.com/" }, { url: "http://foo.bar.com/", sni: "x" }];
  const comparisons = [];
  for (const [name, text] of corpus()) {
    const file = parseCases(text);
    const options = { class: file.class, profile: file.profile };
    caseFiles.push(file);
    reports.push(runCases(file.manifest, text));
    validations.push(validate(file.manifest, options));
    // The Simulation's answers too: the same shapes through the handle.
    const sim = new Simulation(file.manifest);
    reports.push(sim.runCases(text));
    validations.push(sim.validate(options));
    for (const { request, gateway } of file.cases) {
      requests.push(request);
      if (name.startsWith("gateway-")) {
        const through = { ...options, gateway: gateway ?? file.gateway };
        gatewayDecisions.push(simulateGateway(file.manifest, request, through));
        gatewayDecisions.push(sim.routeGateway(request, { ...through, explain: false }));
        continue;
      }
      decisions.push(simulate(file.manifest, request, options));
      decisions.push(sim.route(request, { ...options, explain: false }));
      comparisons.push(sim.compare(request, { class: file.class }));
    }
    sim.free();
  }
  // Migration (issue 15): every Ingress corpus file converted and diffed, stepped once, and diffed
  // between two profiles.
  const migrations = [];
  const diffs = [];
  const progress = [];
  for (const [name, text] of corpus()) {
    if (name.startsWith("gateway-")) continue;
    const manifest = parseCases(text).manifest;
    migrations.push(api.migrate(manifest));
    diffs.push(api.diffProfiles(manifest, { from: "ingress-nginx", to: "traefik" }));
  }
  const stepped = new Simulation(FANOUT);
  const run = stepped.startMigration({ to: "contour" });
  do progress.push(run.step(3)); while (!progress.at(-1).done);
  migrations.push(run.finish());
  run.free();
  stepped.free();
  // Named sources: every position carries `file`.
  const sources = [{ name: "fanout.yaml", text: FANOUT }, { name: "invalid.yaml", text: FANOUT.replace("pathType: Exact", "pathType: exact") }];
  decisions.push(simulate(sources, { url: "https://foo.bar.com/foo" }));
  validations.push(validate(sources));
  reports.push(runCases(sources, "cases:\n- {host: x, path: /, expect: {outcome: rule}}\n"));
  return [
    ["decisions", "Decision", decisions],
    ["gatewayDecisions", "GatewayDecision", gatewayDecisions],
    ["implementationList", "ImplementationInfo", implementations()],
    ["validations", "Validation", validations],
    ["reports", "CaseReport", reports],
    ["caseFiles", "CaseFile", caseFiles],
    ["requests", "SimulateRequest", requests],
    ["profileList", "ProfileInfo", profiles()],
    ["comparisons", "Comparison", comparisons],
    ["migrations", "Migration", migrations],
    ["profileDiffs", "ProfileDiff", diffs],
    ["migrationProgress", "MigrationProgress", progress],
  ];
}
