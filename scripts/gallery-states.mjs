// The examples gallery in the playground's own state format, made at build time (trunk's
// post-build hook, scripts/trunk-hooks.sh): every `examples/<id>.yaml` of a dist directory (the
// corpus, copied there by index.html) gets an `examples/<id>.state` beside it, which the page
// fetches when the example is picked (web/src/examples.rs). The case file is read by the JS API
// package's `parseCases` (the engine's reader) and written by web/case-file.js (the same module
// the tests table's import uses), so the page's wasm needs no case-file reader.
//   node scripts/gallery-states.mjs DIST
// The first visit's example is compiled into the page: web/first-visit.state is a copy of
// DIST/examples/docs-simple-fanout.state (tests/e2e/playground.test.mjs checks they are equal).
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node scripts/gallery-states.mjs DIST");
  process.exit(2);
}
// The package and case-file.js as the page loads them (case-file.js imports ./permalink.js, beside it in dist/).
// The package with Gateway API (pkg-gateway/, when the build ships one apart) reads every corpus file.
const pkg = existsSync(resolve(dist, "pkg-gateway", "ingress_sim.js")) ? "pkg-gateway" : "pkg";
const api = await import(pathToFileURL(resolve(dist, pkg, "ingress_sim.js")).href);
await api.default({ module_or_path: readFileSync(resolve(dist, pkg, "ingress_sim_bg.wasm")) });
const { exampleText } = await import(pathToFileURL(resolve(dist, "case-file.js")).href);

const dir = join(dist, "examples");
let written = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
  let file;
  try {
    file = api.parseCases(readFileSync(join(dir, name), "utf8"));
  } catch {
    continue; // a corpus file the engine refuses on purpose is no example
  }
  if (!file.manifest) continue;
  writeFileSync(join(dir, name.replace(/\.yaml$/, ".state")), exampleText(file));
  written += 1;
}
console.log(`gallery-states: ${written} examples/*.state`);
