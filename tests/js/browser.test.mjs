// The package in a real page: Debian's Chromium (driven by playwright-core) loads crates/wasm/pkg
// from a local HTTP server the way a web app would (`await init()` fetches the .wasm, streamed,
// as application/wasm), then calls the API there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { pkgDir, corpus, FANOUT } from "./support/pkg.mjs";

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

const MIME = { ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".ts": "text/plain" };

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
  const files = new Set(readdirSync(pkgDir));
  server = createServer(async (request, response) => {
    const path = new URL(request.url, "http://localhost").pathname;
    const name = path.startsWith("/pkg/") ? path.slice("/pkg/".length) : null;
    if (path === "/") {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE);
    } else if (name !== null && files.has(name)) {
      const type = MIME[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
      served.set(path, type);
      response.writeHead(200, { "Content-Type": type }).end(await readFile(join(pkgDir, name)));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
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
