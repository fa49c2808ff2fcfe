// The package in a real page: Debian's Chromium (driven by playwright-core) loads crates/wasm/pkg
// from a local HTTP server the way a web app would (`await init()` fetches the .wasm, streamed,
// as application/wasm), then calls the API there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchChromium, serveDirectory } from "../support/browser.mjs";
import { pkgDir, corpus, FANOUT } from "./support/pkg.mjs";


const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>ingress-sim</title>
<link rel="icon" href="data:,">
<script type="module">
  import init, * as api from "/pkg/ingress_sim.js";
  window.ingressSim = init().then(() => api);
</script>
`;

let server, origin, browser;
const served = new Map(); // path → Content-Type

before(async () => {
  // The package is served under /pkg/ (its directory's parent is the root) and the page at /.
  server = await serveDirectory(join(pkgDir, ".."), { pages: { "/": PAGE }, onServe: (path, type) => served.set(path, type) });
  origin = server.url.replace(/\/$/, "");
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("simulate, runCases and errors work in Chromium", { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const console = [];
  page.on("console", (message) => console.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => console.push(`pageerror: ${error.message}`));
  await page.goto(`${origin}/`);

  const decision = await page.evaluate(async (yaml) => {
    const { simulate } = await window.ingressSim;
    return simulate(yaml, { url: "https://foo.bar.com/foo/x" });
  }, FANOUT);
  assert.equal(decision.outcome, "rule");
  assert.deepEqual(decision.backend, { service: { name: "service1", port: { number: 4200 } } });
  assert.equal(decision.tls.secretName, "foo-tls");

  const thrown = await page.evaluate(async (yaml) => {
    const { simulate } = await window.ingressSim;
    try {
      simulate(yaml, { url: "ftp://foo.bar.com/" });
      return null;
    } catch (error) {
      return { isError: error instanceof Error, trapped: error instanceof WebAssembly.RuntimeError, message: error.message };
    }
  }, FANOUT);
  assert.deepEqual(thrown, {
    isError: true,
    trapped: false,
    message: 'simulate: request.url: scheme "ftp" is not supported: an Ingress serves http and https',
  });

  const failures = await page.evaluate(async (files) => {
    const { parseCases, runCases } = await window.ingressSim;
    return files.map(([name, text]) => [name, runCases(parseCases(text).manifest, text).failed]).filter(([, failed]) => failed);
  }, corpus());
  assert.deepEqual(failures, [], "every corpus file passes in the browser too");

  assert.equal(served.get("/pkg/ingress_sim_bg.wasm"), "application/wasm", "init() fetched the wasm");
  assert.deepEqual(console.filter((line) => /^(warning|error|pageerror)/.test(line)), [], "no warnings (e.g. the MIME fallback)");
  await page.close();
});

test("a Simulation handle works in Chromium: route, compare, update, free", { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const console = [];
  page.on("pageerror", (error) => console.push(`pageerror: ${error.message}`));
  await page.goto(`${origin}/`);
  const answers = await page.evaluate(async (yaml) => {
    const { Simulation, simulate } = await window.ingressSim;
    const sim = new Simulation(yaml);
    const request = { url: "https://foo.bar.com/foo/x" };
    const routed = sim.route(request);
    const same = JSON.stringify(routed) === JSON.stringify(simulate(yaml, request));
    const compared = sim.compare(request, { profiles: ["spec", "traefik"] });
    sim.update(yaml.replace("name: service1", "name: renamed"));
    const updated = sim.route(request, { explain: false });
    sim.free();
    let afterFree = null;
    try { sim.route(request); } catch (error) { afterFree = error instanceof Error; }
    return { same, backend: routed.backend.service.name, profiles: compared.decisions.map((d) => d.profile), updated: updated.backend.service.name, explanation: updated.explanation.length, afterFree };
  }, FANOUT);
  assert.deepEqual(answers, { same: true, backend: "service1", profiles: ["spec", "traefik"], updated: "renamed", explanation: 0, afterFree: true });
  assert.deepEqual(console, []);
  await page.close();
});
