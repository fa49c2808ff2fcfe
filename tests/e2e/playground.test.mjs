// End-to-end tests of the release build (dist/). Run: trunk build --release && node --test tests/e2e/
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, copyFileSync, mkdirSync } from "node:fs";
import { gzipSync, inflateRawSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { DIST } from "./serve.mjs";
import { suite, sel, ready, result, route, setYaml, lastMeasure, pasteYaml, yamlReads, analysed, openGroup, settled, manyIngresses, kubectlDump, pasteEvent, putOnClipboard, watchMainThread, mainThreadReport, pickExample, SCREENSHOTS } from "./helpers.mjs";

const DOCS = fileURLToPath(new URL("../../docs/", import.meta.url));
const env = suite();

const VIRTUAL_HOSTS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: name-virtual-host-ingress
spec:
  rules:
  - host: foo.bar.com
    http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service1
            port:
              number: 80
  - host: bar.foo.com
    http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service2
            port:
              number: 80
`;

test("bundle size (wasm + js + css, gzip) stays under the cap", () => {
  const gz = (file) => gzipSync(readFileSync(`${DIST}/${file}`), { level: 9 }).length;
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB gz`;
  // What a first visit transfers: every script, stylesheet and wasm module index.html loads.
  const html = readFileSync(`${DIST}/index.html`, "utf8");
  const loaded = [...new Set([...html.matchAll(/(?:href|src)=["']?\/?([^"' >]+\.(?:wasm|js|css))/g)].map((m) => m[1]))];
  assert.ok(loaded.some((f) => f.endsWith(".wasm")) && loaded.some((f) => f.endsWith(".css")), `index.html loads ${loaded}`);
  let total = 0;
  for (const file of loaded) {
    console.log(`  ${file}: ${kb(gz(file))}`);
    total += gz(file);
  }
  console.log(`bundle (first visit): ${kb(total)} (cap 250)`);
  // Loaded only when a controller profile is chosen or "Compare controllers" is opened.
  const profiles = ["pkg/ingress_sim.js", "pkg/ingress_sim_bg.wasm"].map(gz).reduce((a, b) => a + b, 0);
  console.log(`controller profiles, on demand (pkg/): ${kb(profiles)}`);
  // Compare controllers' table is laid out by a module imported when the panel first shows one.
  assert.ok(!loaded.includes("compare-table.js"), "the comparison table's module is not part of the first visit");
  console.log(`comparison table, on demand (compare-table.js): ${kb(gz("compare-table.js"))}`);
  // So are the case-file import and export, the Recent menu's list and a controller profile's views.
  for (const module of ["case-file.js", "recent-menu.js", "profile-view.js"]) {
    assert.ok(!loaded.includes(module), `${module} is not part of the first visit`);
    console.log(`${module}, on demand: ${kb(gz(module))}`);
  }
  const widget = readdirSync(DIST).filter((f) => /\.js$/.test(f) && !loaded.includes(f)).map(gz).reduce((a, b) => a + b, 0);
  console.log(`docs widget scripts (not loaded by the playground): ${kb(widget)}`);
  const gallery = readdirSync(`${DIST}/examples`).filter((f) => f.startsWith("docs-") && f.endsWith(".state")).map((f) => gz(`examples/${f}`));
  console.log(`examples gallery, fetched when picked (examples/): ${gallery.length} files, ${kb(gallery.reduce((a, b) => a + b, 0))}`);
  // The target of issues 11 and 13, met 2026-12-05 with ~0.5 KB to spare (docs/performance.md,
  // "The first visit under 250 KB"): a feature that grows the page moves something out too.
  assert.ok(total <= 250 * 1024, `bundle ${total} B gz exceeds 250 KB`);
});

test("first visit: the placeholder gives way to the first example's decision", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  const firstRender = await page.evaluate(() => performance.getEntriesByName("app-rendered")[0].startTime);
  const nav = await page.evaluate(() => performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd);
  console.log(`first render: ${firstRender.toFixed(0)} ms after navigation (DOMContentLoaded ${nav.toFixed(0)} ms; target 500)`);
  assert.equal(await page.$(".placeholder"), null);
  const r = await result(page);
  assert.equal(r.outcome, "rule");
  assert.equal(r.backend, "service1:4200");
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SCREENSHOTS}first-visit.png`, fullPage: true });
  // The README's screenshot is refreshed on request only, so a test run leaves the tree clean.
  if (process.env.UPDATE_README_SCREENSHOT) {
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: `${DOCS}screenshot.png`, clip: { x: 0, y: 0, width: 1440, height: 900 } });
  }
});

test("paste a docs example, type URLs, read the decision", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, VIRTUAL_HOSTS);
  let r = await route(page, "http://foo.bar.com/anything");
  assert.deepEqual([r.outcome, r.backend, r.ingress, r.path, r.pathType], ["rule", "service1:80", "default/name-virtual-host-ingress", "/", "Prefix"]);
  r = await route(page, "https://BAR.foo.com:8443/x?y=1#z");
  assert.deepEqual([r.outcome, r.backend], ["rule", "service2:80"]);
  assert.match(r.text, /default certificate/);
  r = await route(page, "http://other.example/");
  assert.deepEqual([r.outcome, r.backend, r.ingress], ["no-match", "", ""]);
  // Candidates of other hosts sit in a collapsed group; opening it lists them.
  await openGroup(page, "elsewhere");
  const explanation = await page.textContent(sel("explanation"));
  assert.match(explanation, /foo\.bar\.com/);
  // The group stays as the user left it through re-renders: a moment without a decision (the URL
  // field emptied while typing another), a new decision, and a new manifest's analysis landing.
  const elsewhereOpen = () => page.$eval(`${sel("explanation")} details[data-group="elsewhere"]`, (d) => d.open);
  await route(page, "");
  assert.equal(await page.$(`${sel("explanation")} details`), null, "no decision, no groups");
  await route(page, "http://nobody.example/");
  assert.equal(await elsewhereOpen(), true, "reopened after a moment without a decision");
  await setYaml(page, VIRTUAL_HOSTS + "---\n" + VIRTUAL_HOSTS.replace("name-virtual-host-ingress", "copy"));
  assert.equal(await elsewhereOpen(), true, "still open once the new analysis has landed");
  assert.match(await page.textContent(sel("explanation")), /default\/copy/);
  await route(page, "http://other.example/");
  // The Host header override routes by the header, not the URL.
  await page.fill("#request-host", "bar.foo.com");
  await page.waitForFunction(() => document.querySelector('[data-testid="result"]').dataset.backend === "service2:80");
  await settled(page);
  await page.screenshot({ path: `${SCREENSHOTS}virtual-hosts.png`, fullPage: true });
});

test("an invalid manifest shows errors at the right lines", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  const broken = VIRTUAL_HOSTS.replace('path: "/"\n        backend:\n          service:\n            name: service1', 'path: "relative"\n        backend:\n          service:\n            name: service1')
    .replace("  - host: bar.foo.com", "  - host: Bar_Foo.com");
  await setYaml(page, broken);
  const errors = await page.$$eval(`${sel("validation-errors")} [data-severity=error]`, (els) => els.map((e) => [e.dataset.line, e.textContent]));
  console.log("  errors:", JSON.stringify(errors));
  const byLine = Object.fromEntries(errors.map(([line, text]) => [line, text]));
  assert.match(byLine["11"] ?? "", /must be an absolute path/);
  assert.match(byLine["17"] ?? "", /spec\.rules\[1\]\.host/);
  await page.screenshot({ path: `${SCREENSHOTS}errors.png`, fullPage: true });
});

test("permalink restores everything in a new page", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, VIRTUAL_HOSTS);
  await route(page, "https://bar.foo.com/shop");
  await page.fill(sel("request-sni"), "foo.bar.com");
  await settled(page);
  await page.click("text=+ Add the current request");
  // The link follows the state 300 ms after it settles (plus compression): wait until it holds
  // the added row (its URL then appears twice: the request and the row), rather than sleeping.
  const href = await shareLinkHolding(page, (state) => state.split("https://bar.foo.com/shop").length - 1 >= 2);
  assert.match(href, /#v1=[A-Za-z0-9_-]+$/);
  const fresh = await env.newPage();
  await fresh.goto(href);
  await ready(fresh);
  assert.equal(await fresh.inputValue(sel("yaml-editor")), VIRTUAL_HOSTS);
  assert.equal(await fresh.inputValue(sel("request-url")), "https://bar.foo.com/shop");
  assert.equal(await fresh.inputValue(sel("request-sni")), "foo.bar.com");
  const r = await result(fresh);
  assert.equal(r.backend, "service2:80");
  assert.match(r.text, /foo\.bar\.com/);
  const rows = await fresh.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.length);
  const before = await page.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.length);
  assert.equal(rows, before);
  // A reload without the fragment comes back from local storage (saved 300 ms after the state
  // settles: wait for it rather than racing it).
  await fresh.waitForFunction(() => (localStorage.getItem("ingress-sim/session/v1") || "").includes("https://bar.foo.com/shop"));
  await fresh.goto(env.url);
  await ready(fresh);
  assert.equal(await fresh.inputValue(sel("request-url")), "https://bar.foo.com/shop");
});

/** The share link once the state it carries (inflated) satisfies `holds`; fails after `timeout` ms. */
async function shareLinkHolding(page, holds, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const href = (await page.getAttribute(sel("share-link"), "href")) ?? "";
    const state = href.includes("#v1=") ? inflateRawSync(Buffer.from(href.split("#v1=")[1], "base64url")).toString() : "";
    if (holds(state)) return href;
    assert.ok(Date.now() < deadline, `the share link never held the expected state: ${state.slice(0, 300)}`);
    await page.waitForTimeout(50);
  }
}

const CASES = `cases:
- name: foo goes to service1
  host: foo.bar.com
  path: /
  expect:
    backend: "service1:80"
- url: https://bar.foo.com/cart
  expect:
    backend: "service2:80"
- name: wrong on purpose
  host: foo.bar.com
  path: /x
  expect:
    backend: "service2:80"
- host: nobody.example
  path: /
  expect:
    outcome: no-match
`;

test("batch tests: import, run, filter, export", async () => {
  const page = await env.newPage({ acceptDownloads: true });
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, VIRTUAL_HOSTS);
  await page.click("text=Paste a case file");
  // A case file with an error imports nothing and says where (the engine's reader, in the package).
  const rowsBefore = await page.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.length);
  await page.fill(sel("cases-import-text"), "cases:\n- host: a\n  path: /\n  expect: {outcome: no-match}\n- hots: b\n");
  await page.click("text=Replace the table with these cases");
  await page.waitForSelector(".tests .note-error >> text=Nothing imported");
  assert.match(await page.textContent(".tests .note-error"), /^Nothing imported:\nthe case file has errors:\n\s*5:3: error: cases\[1\]: unknown key "hots"/);
  assert.equal(await page.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.length), rowsBefore);
  await page.fill(sel("cases-import-text"), CASES);
  await page.click("text=Replace the table with these cases");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tests-table"] tbody tr[data-status=pass]').length === 3);
  const statuses = await page.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.map((tr) => tr.dataset.status));
  assert.deepEqual(statuses, ["pass", "pass", "fail", "pass"]);
  await page.check("text=Failures only");
  assert.equal(await page.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.length), 1);
  await page.uncheck("text=Failures only");
  // Edit the failing row's expectation: it passes.
  await page.fill('[aria-label="Row 3 expected backend"]', "service1:80");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tests-table"] tbody tr[data-status=pass]').length === 4);
  // Remove a row.
  await page.click('[aria-label="Remove row 4"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tests-table"] tbody tr').length === 3);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=Export .yaml")]);
  assert.equal(download.suggestedFilename(), "ingress-cases.yaml");
  const exported = readFileSync(await download.path(), "utf8");
  const manifest = VIRTUAL_HOSTS.trimEnd().split("\n").map((l) => (l ? `  ${l}` : l)).join("\n");
  assert.equal(exported, `# Ingress routing test cases (ingress-sim test --cases <this file>)
manifest: |2
${manifest}
cases:
- name: "foo goes to service1"
  host: "foo.bar.com"
  path: "/"
  expect:
    backend: "service1:80"
- host: "bar.foo.com"
  path: "/cart"
  sni: "bar.foo.com"
  expect:
    backend: "service2:80"
- name: "wrong on purpose"
  host: "foo.bar.com"
  path: "/x"
  expect:
    backend: "service1:80"
`);
  // The same file runs in CI: the CLI (built by scripts/test.sh before these tests) passes it.
  const cli = fileURLToPath(new URL("../../target/release/ingress-sim", import.meta.url));
  const run = spawnSync(cli, ["test", "--cases", await download.path()], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr || run.stdout);
  assert.equal(run.stdout.trim().split("\n").at(-1), "3 passed, 0 failed");
  // The exported file imports back to the same table (via file upload this time).
  await page.setInputFiles(sel("cases-import-file"), { name: "cases.yaml", mimeType: "application/yaml", buffer: Buffer.from(exported) });
  await page.waitForSelector("text=Imported 3 case(s).");
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="tests-table"] tbody tr')].every((r) => r.dataset.status !== "pending"));
  assert.deepEqual(await page.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.map((tr) => tr.dataset.status)), ["pass", "pass", "pass"]);
  const coverage = await page.textContent(".tests .summary");
  assert.match(coverage, /coverage 2\/2/);
  await page.screenshot({ path: `${SCREENSHOTS}batch.png`, fullPage: true });
});

test("the gallery's state files say what their case files say; the first visit's is compiled in as the build wrote it", async () => {
  // The build (scripts/gallery-states.mjs) writes examples/<id>.state from each corpus case file
  // with web/case-file.js and the JS API's parseCases; the page reads them with its snapshot reader.
  const { decodeSnapshot, readFields } = await import(`${DIST}/permalink.js`);
  const pkg = existsSync(`${DIST}/pkg-gateway/ingress_sim.js`) ? "pkg-gateway" : "pkg"; // the one that reads Gateway API case files
  const api = await import(`${DIST}/${pkg}/ingress_sim.js`);
  await api.default({ module_or_path: readFileSync(`${DIST}/${pkg}/ingress_sim_bg.wasm`) });
  const corpus = fileURLToPath(new URL("../../crates/engine/tests/corpus/", import.meta.url));
  const ids = readFileSync(fileURLToPath(new URL("../../web/src/examples.rs", import.meta.url)), "utf8")
    .match(/\("((?:docs|profile|gateway)-[a-z0-9-]+)", "/g).map((m) => m.slice(2, -4));
  assert.ok(ids.length >= 30, `${ids.length} gallery ids`);
  for (const id of ids) {
    const text = readFileSync(`${DIST}/examples/${id}.state`, "utf8");
    const file = api.parseCases(readFileSync(`${corpus}${id}.yaml`, "utf8"));
    const state = decodeSnapshot(text);
    const note = new Map(readFields(text));
    assert.equal(state.yaml, file.manifest, id);
    assert.equal(state.profile, file.profile ?? "spec", `${id}: opens under its own profile`);
    assert.ok(state.rows.length > 0, `${id}: the example brings its cases`);
    assert.equal(state.klass, file.class ?? null, id);
    assert.equal(note.get("title"), file.name, `${id}: the note has the file's name`);
    assert.ok(note.get("description").length > 20, `${id}: the note says what the example shows`);
    assert.equal(state.rows.length, file.cases.length, id);
    assert.equal(state.url, state.rows[0].url, `${id}: the first case is the request`);
    file.cases.forEach((c, i) => {
      const row = state.rows[i];
      assert.equal(row.name, c.name ?? "", id);
      // A controller's outcome (redirect, config-error…) stays an outcome; a backend shows as one.
      assert.equal(row.expect, c.expect.backend ?? c.expect.outcome ?? "", `${id}: ${row.name}`);
      assert.equal(row.url.startsWith("https://"), Boolean(c.request.sni), `${id}: ${row.name}`);
    });
  }
  assert.equal(readFileSync(fileURLToPath(new URL("../../web/first-visit.state", import.meta.url)), "utf8"),
    readFileSync(`${DIST}/examples/docs-simple-fanout.state`, "utf8"),
    "web/first-visit.state is stale: copy the build's examples/docs-simple-fanout.state over it");
});

test("examples gallery loads each docs example", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  const options = await page.$$eval(`${sel("examples")} option`, (os) => os.filter((o) => o.value).map((o) => [o.value, o.textContent]));
  // The docs examples (the controller scenarios, loaded under their profiles, are
  // tests/e2e/teach-present.test.mjs's).
  const ids = options.map(([id]) => id).filter((id) => id.startsWith("docs-"));
  const titles = new Map(options);
  for (const want of ["docs-minimal", "docs-simple-fanout", "docs-name-based-virtual-hosting", "docs-wildcard-host", "docs-default-backend", "docs-resource-backend", "docs-tls", "docs-exact-vs-prefix", "docs-trailing-slash"]) {
    assert.ok(ids.includes(want), `gallery lacks ${want}`);
  }
  for (const id of ids) {
    // Examples other than the first visit's are fetched from examples/<id>.state (the case file
    // in the page's state format, written by the build) when picked.
    const fetched = page.waitForResponse((r) => r.url().endsWith(`/examples/${id}.state`), { timeout: 5000 }).catch(() => null);
    const before = await page.inputValue(sel("yaml-editor"));
    await pickExample(page, id);
    const response = await fetched;
    assert.ok(id === "docs-simple-fanout" || response?.ok(), `${id}: examples/${id}.state was fetched`);
    // Consecutive examples differ, so a changed editor means this one has loaded.
    await page.waitForFunction((before) => document.querySelector('[data-testid="yaml-editor"]').value !== before, before);
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll('[data-testid="tests-table"] tbody tr');
      return rows.length > 0 && [...rows].every((r) => r.dataset.status !== "pending") && !document.querySelector('[data-testid="result"]').classList.contains("pending");
    });
    const statuses = await page.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.map((tr) => tr.dataset.status));
    const r = await result(page);
    const yaml = await page.inputValue(sel("yaml-editor"));
    console.log(`  ${id}: ${statuses.length} cases, ${statuses.filter((s) => s === "pass").length} pass; request → ${r.outcome} ${r.backend}`);
    assert.ok(yaml.includes("kind: Ingress"), id);
    // What the example shows, above the editor, while its manifest is unchanged.
    const note = await page.textContent(sel("example-note"));
    assert.ok(note.startsWith(`${titles.get(id)} — `) && note.length > titles.get(id).length + 20, `${id}: ${note}`);
    assert.ok(["rule", "default-backend", "no-match"].includes(r.outcome), id);
    assert.deepEqual(statuses.filter((s) => s !== "pass"), [], `${id}: every corpus case passes`);
  }
  await pickExample(page, "docs-tls");
  await page.waitForSelector(`${sel("example-note")} >> text=TLS`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SCREENSHOTS}example-tls.png`, fullPage: true });
  // An edit makes the manifest the user's own: the note goes.
  await page.fill(sel("yaml-editor"), (await page.inputValue(sel("yaml-editor"))) + "# mine\n");
  await page.waitForSelector(sel("example-note"), { state: "detached" });
});

test("a gallery example that cannot be fetched says so and leaves the work alone", async () => {
  const page = await env.newPage();
  await page.route("**/examples/docs-tls.state", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(env.url);
  await ready(page);
  const before = await page.inputValue(sel("yaml-editor"));
  await pickExample(page, "docs-tls");
  await page.waitForSelector(sel("example-error"));
  assert.match(await page.textContent(sel("example-error")), /“TLS” could not be loaded \(HTTP 404\)/);
  assert.equal(await page.inputValue(sel("yaml-editor")), before);
  // The browser logs the failed request itself; nothing else may complain.
  page.errors = page.errors.filter((e) => !/status of 404/.test(e));
});

test("engine timings: 1,000 Ingresses / 5,000 paths", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  const yaml = manyIngresses(1000, 5);
  await pasteYaml(page, yaml);
  const build = await lastMeasure(page, "engine-build");
  const firstUpdate = await lastMeasure(page, "engine-update");
  await analysed(page);
  const firstAnalysis = await lastMeasure(page, "engine-analysis");
  // Typing inside one document: only that document is read again (the others sit on the same
  // lines), and the routing index of every other host is reused.
  const typed = yaml.replace("name: svc-500-2\n", "name: svc-500-2b\n");
  assert.notEqual(typed, yaml);
  const typing = [];
  const reads = [];
  for (const text of [typed, yaml, typed, yaml, typed]) {
    const before = await yamlReads(page);
    await pasteYaml(page, text);
    typing.push(await lastMeasure(page, "engine-update"));
    reads.push((await yamlReads(page)) - before);
    await analysed(page);
    // Let the page settle as between a typist's keystrokes: the share link and the saved session
    // follow 300 ms later (compressing and storing 1 MB); back to back, single samples of the next
    // update took 20–30 ms, most likely collecting that garbage (with the pause: 7–15 ms).
    await page.waitForTimeout(700);
  }
  const analysis = await lastMeasure(page, "engine-analysis");
  // A new line shifts every later document, which are then read again too.
  await pasteYaml(page, yaml.replace("name: svc-500-2\n", "name: svc-500-2\n\n"));
  const newLineUpdate = await lastMeasure(page, "engine-update");
  await analysed(page);
  const routes = [];
  const builds = await page.evaluate(() => performance.getEntriesByName("engine-build", "measure").length);
  for (const n of [1, 500, 999]) {
    const r = await route(page, `http://h${n}.example.com/api/v2/items/x`);
    assert.equal(r.backend, `svc-${n}-2:8002`);
    routes.push(await lastMeasure(page, "engine-update"));
  }
  const best = Math.min(...typing);
  console.log(`engine (1,000 Ingresses, 5,000 paths, ${(yaml.length / 1e6).toFixed(2)} MB). "engine work per update" = performance measure engine-update: from the settled input to the decision ready to draw (re-read the edited documents, compile reusing unchanged hosts' index, route, run the tests table); the static analysis follows in its own task (engine-analysis).`);
  console.log(`  first paste: update ${firstUpdate.toFixed(1)} ms (parse+validate+compile ${build.toFixed(1)} ms), then analysis ${firstAnalysis.toFixed(1)} ms`);
  console.log(`  typing in one document: update ${typing.map((t) => t.toFixed(1)).join(" / ")} ms (target 16), then analysis ${analysis.toFixed(1)} ms; YAML reads per edit ${reads.join(" / ")}`);
  console.log(`  new line mid-file: update ${newLineUpdate.toFixed(1)} ms; URL edit: update ${routes.map((t) => t.toFixed(2)).join(" / ")} ms (target 16)`);
  // Targets are for the benchmarks (figures above); the assertions catch what makes them
  // impossible, and hold on a loaded 2-core CI: a URL edit never rebuilds the simulator, and
  // typing never re-reads the whole input (a full read and compile took 150-500 ms).
  assert.equal(await page.evaluate(() => performance.getEntriesByName("engine-build", "measure").length), builds, "a URL edit rebuilt the simulator");
  assert.ok(Math.max(...routes) <= 200, `a URL edit cost ${Math.max(...routes)} ms`);
  assert.ok(best <= 100, `typing update ${best} ms: far above the 16 ms target`);
  assert.deepEqual(reads, [1, 1, 1, 1, 1], "one reading of the YAML per edit");
});

/** Opens a page with the main-thread watch on, pastes `text` as a user would (a paste event). */
async function pasteLarge(text) {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await putOnClipboard(page, text);
  await watchMainThread(page);
  const started = Date.now();
  await pasteEvent(page);
  return { page, started, inputHandled: Date.now() - started };
}

test("a 10 MB paste keeps the page alive", async () => {
  const yaml = manyIngresses(20500, 2, "big");
  const { page, started, inputHandled } = await pasteLarge(yaml);
  await page.waitForSelector(sel("large-input-banner"));
  // The page answers while the engine reads: typing in the URL field goes through at once.
  await page.waitForSelector(sel("engine-progress"), { timeout: 10000 });
  const typingStarted = Date.now();
  await page.fill(sel("request-url"), "http://big20499.example.com/api/v1/items");
  const typingMs = Date.now() - typingStarted;
  const progress = await page.textContent(sel("engine-progress")).catch(() => "(done)");
  await page.waitForFunction(() => !document.querySelector('[data-testid="result"]').classList.contains("pending"), null, { timeout: 120000 });
  const settled = Date.now() - started;
  const read = await lastMeasure(page, "engine-read");
  const build = await lastMeasure(page, "engine-build");
  const update = await lastMeasure(page, "engine-update");
  await analysed(page, 120000);
  const done = Date.now() - started;
  const analysis = await lastMeasure(page, "engine-analysis");
  let r = await result(page);
  assert.equal(r.backend, "svc-20499-1:8001");
  await page.waitForTimeout(300);
  const main = await mainThreadReport(page);
  const problems = await page.textContent("#problems-heading");
  console.log(`  problems: ${problems}`);
  await page.screenshot({ path: `${SCREENSHOTS}large-paste.png`, clip: { x: 0, y: 0, width: 1440, height: 1000 } });
  // The read-only view draws the visible lines only, and the text is all there.
  assert.match(await page.textContent(sel("yaml-large-view")), /apiVersion: networking\.k8s\.io\/v1/);
  assert.match(await page.textContent(sel("large-input-banner")), /Large input \(10\.\d MB, [\d,]+ lines\): shown read-only/);
  assert.equal(await page.getAttribute(sel("share-link"), "aria-disabled"), "true");
  r = await route(page, "http://big7.example.com/api/v0/items/x");
  assert.equal(r.backend, "svc-7-0:8000");
  const routeMs = await lastMeasure(page, "engine-update");
  console.log(`10 MB paste (${(yaml.length / 1e6).toFixed(1)} MB, 20,500 Ingresses): input handled in ${inputHandled} ms; typing in the URL field while the engine read took ${typingMs} ms (progress then: ${progress.trim()}); decision after ${settled} ms (600 ms debounce, reading in slices ${read.toFixed(0)} ms, compiling ${build.toFixed(0)} ms, routing ${update.toFixed(0)} ms), analysis done after ${done} ms (${analysis.toFixed(0)} ms); a URL edit then costs ${routeMs.toFixed(1)} ms`);
  console.log(`  longest main-thread task during and after the paste: ${main.longest.toFixed(0)} ms (target 200; the ${main.count} tasks over 50 ms: ${main.top.join(", ")}${main.count > 5 ? ", …" : ""} ms; longest frame gap ${main.gap.toFixed(0)} ms)`);
  assert.ok(typingMs < 1000, `typing took ${typingMs} ms while the engine worked`);
  // The target is 200 ms; on this shared 2-core machine the compile task measures 160-350 ms idle,
  // up to ~850 ms with builds beside it. The assertion guards against the seconds-long freezes
  // this test exists for.
  assert.ok(main.longest < 2000, `a main-thread task took ${main.longest} ms`);
});

test("a large paste is shown read-only until Edit anyway", async () => {
  const yaml = manyIngresses(1100, 5);
  const { page } = await pasteLarge(yaml);
  await page.waitForSelector(sel("large-input-banner"));
  assert.equal(await page.$(sel("yaml-editor")), null);
  await page.waitForFunction(() => !document.querySelector('[data-testid="result"]').classList.contains("pending"), null, { timeout: 60000 });
  await page.click(sel("edit-anyway"));
  await page.waitForSelector(sel("yaml-editor"));
  assert.equal((await page.inputValue(sel("yaml-editor"))).length, yaml.length);
  assert.equal(await page.$(sel("large-input-banner")), null);
  // A small paste goes into the textarea, over the selection. (Playwright's fill does not return
  // on a textarea holding > 1 MB, with or without this feature: replace the text as a paste would.)
  await pasteYaml(page, VIRTUAL_HOSTS);
  await page.fill(sel("yaml-editor"), VIRTUAL_HOSTS);
  await pasteEvent(page, "# a comment\n");
  assert.equal(await page.inputValue(sel("yaml-editor")), "# a comment\n");
  assert.equal(await page.$(sel("large-input-banner")), null);
});

/**
 * Selects all the editor's text and pastes `text` over it as a user does (Ctrl+A, Ctrl+V: a real
 * `paste` event with the text in its DataTransfer), then waits until the page has settled.
 * Returns the longest main-thread task from the paste to the settled page, in ms.
 */
async function pasteOverSelection(page, text) {
  await putOnClipboard(page, text);
  await watchMainThread(page);
  await pasteEvent(page);
  // Up to 512 KiB the text lands in the textarea; above, in the read-only view (editor.rs
  // READ_ONLY_BYTES: laying out that much text in a textarea is one long task).
  await page.waitForFunction((n) => document.querySelector('[data-testid="yaml-editor"]')?.value.length === n
    || document.querySelector('[data-testid="large-input-banner"]'), text.length, { timeout: 120000 });
  await settled(page, 120000);
  return (await mainThreadReport(page)).longest;
}

test("a paste over the editor's text replaces it without freezing the page (100 KB, 300 KB, 1 MB)", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  // A paste inside the text goes where the selection is, and the caret ends after it.
  await page.fill(sel("yaml-editor"), "a: 1\nc: 3\n");
  await page.$eval(sel("yaml-editor"), (a) => { a.focus(); a.setSelectionRange(5, 5); });
  await putOnClipboard(page, "b: 2\n");
  await page.evaluate(() => {
    const area = document.querySelector('[data-testid="yaml-editor"]');
    const data = new DataTransfer();
    data.setData("text/plain", window.__clipboard);
    area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.equal(await page.inputValue(sel("yaml-editor")), "a: 1\nb: 2\nc: 3\n");
  assert.deepEqual(await page.$eval(sel("yaml-editor"), (a) => [a.selectionStart, a.selectionEnd]), [10, 10]);
  await settled(page);
  const figures = [];
  // Bounds per size: the quadratic took 0.7 s, 5.5 s and 57 s; the fix takes ~0.05–0.15 s and
  // ~0.15–0.2 s for 100 and 300 KB on an idle machine (the textarea's own layout of the text), and
  // the 1 MB paste goes to the read-only view; several times that with builds beside the tests.
  for (const [size, bound] of [[100e3, 2000], [300e3, 2000], [1e6, 2000]]) {
    const dump = kubectlDump(size);
    const longest = await pasteOverSelection(page, dump);
    if (dump.length <= 512 * 1024) {
      assert.equal(await page.inputValue(sel("yaml-editor")), dump, "the editor holds exactly the pasted text");
    } else {
      assert.equal(await page.$(sel("yaml-editor")), null, "a paste over 512 KiB is shown read-only");
      assert.match(await page.textContent(sel("yaml-large-view")), /apiVersion: networking\.k8s\.io\/v1/);
    }
    const r = await route(page, "https://admin-7.example.com/admin");
    assert.deepEqual([r.outcome, r.backend], ["rule", "app-7-admin:8080"], "the engine read the pasted dump");
    figures.push(`${(dump.length / 1e3).toFixed(0)} KB (${dump.split("\n").length.toLocaleString("en")} lines): ${longest.toFixed(0)} ms`);
    assert.ok(longest <= bound, `pasting ${dump.length} characters blocked the page for ${longest} ms`);
  }
  console.log(`paste over the whole text (Ctrl+A, Ctrl+V of a kubectl get ingress -A -o yaml dump), longest main-thread task: ${figures.join("; ")} (target 200 ms)`);
});

test("Ctrl+V from the system clipboard goes through the same paste", async () => {
  const page = await env.newPage({ permissions: ["clipboard-read", "clipboard-write"] });
  await page.goto(env.url);
  await ready(page);
  const dump = kubectlDump(100e3);
  await page.evaluate((t) => navigator.clipboard.writeText(t), dump);
  await watchMainThread(page);
  await page.focus(sel("yaml-editor"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await page.waitForFunction((n) => document.querySelector('[data-testid="yaml-editor"]').value.length === n, dump.length);
  await settled(page);
  const { longest } = await mainThreadReport(page);
  console.log(`Ctrl+A, Ctrl+V of ${(dump.length / 1e3).toFixed(0)} KB from the clipboard: longest main-thread task ${longest.toFixed(0)} ms`);
  assert.equal(await page.inputValue(sel("yaml-editor")), dump);
  assert.ok(longest <= 2000, `${longest} ms`);
});

test("keyboard, labels, dark scheme and phone layout", async () => {
  const page = await env.newPage({ colorScheme: "dark" });
  await page.goto(env.url);
  await ready(page);
  // Every form control has an accessible name.
  const unlabelled = await page.$$eval("input, select, textarea", (els) =>
    els.filter((el) => el.type !== "file" && !el.labels?.length && !el.getAttribute("aria-label")).map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
  // Tab reaches the editor, then the URL field, in page order.
  await page.focus(sel("yaml-editor"));
  const order = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => document.activeElement?.dataset?.testid || document.activeElement?.id || document.activeElement?.tagName));
  }
  assert.ok(order.includes("request-url"), order.join(","));
  assert.equal(await page.getAttribute(sel("result"), "aria-live"), "polite");
  await page.screenshot({ path: `${SCREENSHOTS}dark.png`, fullPage: true });
  const phone = await env.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phone.goto(env.url);
  await ready(phone);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await phone.screenshot({ path: `${SCREENSHOTS}phone.png`, fullPage: true });
});

test("long unbroken values wrap: the problems list stays readable and the page no wider than the window", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  const long = "x".repeat(400);
  const yaml = VIRTUAL_HOSTS.replace("name: name-virtual-host-ingress", `name: ${long}`)
    .replace("host: bar.foo.com", `host: ${"b".repeat(300)}.foo.com`)
    .replace('path: "/"\n        backend:\n          service:\n            name: service1', `path: "/${"p".repeat(500)}"\n        backend:\n          service:\n            name: service1`);
  await setYaml(page, yaml);
  await route(page, `http://foo.bar.com/${"p".repeat(500)}`);
  for (const viewport of [{ width: 1440, height: 1000 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      messages: [...document.querySelectorAll(".diagnostic .message")].map((m) => m.getBoundingClientRect().width),
    }));
    assert.ok(layout.messages.length > 0, "the long values are reported");
    assert.ok(layout.overflow <= 0, `at ${viewport.width} px the page is ${layout.overflow} px wider than the window`);
    // One character per line was ~8 px wide.
    assert.ok(Math.min(...layout.messages) >= 120, `a problem's message is ${Math.min(...layout.messages)} px wide at ${viewport.width} px`);
  }
  await page.screenshot({ path: `${SCREENSHOTS}long-values.png`, fullPage: true });
});

test("a crash shows the error banner with Reload", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  assert.equal(await page.isVisible("#fatal"), false);
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent("error", { message: "RuntimeError: unreachable" })));
  assert.equal(await page.isVisible("#fatal"), true);
  assert.match(await page.textContent("#fatal"), /unreachable/);
  assert.equal(await page.isVisible("#fatal-reload"), true);
});
