// The route map (issue 13; web/teach/route-map.js): the Teach bar's "Route map" draws the input
// as hosts → paths → backends from the JS API's routeMap(), lights the request's way and dims
// the candidates that lost (from the explained decision), reveals a node's lines in the editor on
// click or Enter, filters, exports SVG and PNG, and draws a 1,000-Ingress dump within its budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { suite, sel, ready, settled, pasteYaml, manyIngresses, SCREENSHOTS } from "./helpers.mjs";
import { emptyState, fragmentFor } from "../../embed/permalink.js";

const env = suite();

const MANIFEST = readFileSync(new URL("../fixtures/route-map.yaml", import.meta.url), "utf8");
const MAP = sel("route-map");
const NODE = sel("route-map-node");

/** Opens the playground on a state (as a permalink), then the route map; waits until it is drawn. */
async function openMap(state, options) {
  const page = await env.newPage(options);
  await page.goto(`${env.url}#${await fragmentFor({ ...emptyState(), ...state })}`);
  await ready(page);
  await page.click(sel("teach-map"));
  await page.waitForSelector(`${sel("teach-panel")}[data-view="map"] ${MAP}[data-state="ready"]`, { timeout: 30000 });
  return page;
}

/** Waits for the map to be drawn again after an action (data-state goes busy → ready, or the filter redraws). */
async function redrawn(page, before) {
  await page.waitForFunction(([m, b]) => {
    const map = document.querySelector(m);
    return map?.dataset.state === "ready" && map.querySelector("svg") !== b;
  }, [MAP, before]);
}

/** Every node drawn: `{ kind, label, lines, lit, dimmed, reason, marks }`. */
function nodes(page) {
  return page.$$eval(NODE, (els) => els.map((el) => ({
    kind: el.dataset.kind, label: el.querySelector(".rm-label")?.textContent, lines: el.dataset.lines ?? null,
    lit: el.dataset.lit === "true", dimmed: el.dataset.dimmed === "true", reason: el.dataset.reason ?? null,
    marks: el.dataset.marks ?? "",
  })));
}

const byKind = (all, kind) => all.filter((n) => n.kind === kind);
const SHOP_API = { yaml: MANIFEST, url: "https://shop.example.com/api/v1" };

test("the map of a known manifest: hosts, paths with their types, backends, TLS, the default backend, marks", async () => {
  const page = await openMap(SHOP_API);
  const all = await nodes(page);
  assert.deepEqual(byKind(all, "host").map((n) => `${n.label} ${n.lines}`), ["shop.example.com 19-19", "*.example.com 43-43", "any host 71-79"],
    "a host reveals its host: line (the whole rule for a rule without host)");
  assert.deepEqual(byKind(all, "path").map((n) => `${n.label} ${n.lines}`).sort(), [
    "/ 22-28", "/ 46-52", "/api 29-35", "/api 36-42", "/api/v2 64-70", "/health 73-79",
  ].sort());
  assert.deepEqual(byKind(all, "backend").map((n) => n.label).sort(),
    ["api-old:8080", "api-v2:8080", "api:8080", "fallback:80", "health:8081", "web:80"]);
  assert.deepEqual(byKind(all, "tls").map((n) => n.label), ["shop-tls"]);
  assert.deepEqual(byKind(all, "default").map((n) => n.label), ["default backend of web/shop"]);
  const duplicate = all.find((n) => n.kind === "path" && n.lines === "36-42");
  assert.match(duplicate.marks, /duplicate|shadowed/, "the second /api is marked as never answering");
  const types = await page.$$eval(`${NODE}[data-kind="path"] .rm-tag`, (els) => els.map((el) => el.textContent));
  assert.deepEqual([...new Set(types)].sort(), ["Exact", "Prefix"]);
  const title = await page.$eval(`${NODE}[data-kind="path"][data-lines="36-42"] > title`, (el) => el.textContent);
  assert.match(title, /duplicate|shadowed/i, "the mark's message is the node's title");
  await page.screenshot({ path: `${SCREENSHOTS}route-map.png` });
});

test("?view=map opens the route map at start-up", async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}?view=map#${await fragmentFor({ ...emptyState(), ...SHOP_API })}`);
  await page.waitForSelector(`${sel("teach-panel")}[data-view="map"] ${MAP}[data-state="ready"]`, { timeout: 30000 });
  assert.equal(await page.locator(`${NODE}[data-lit="true"][data-kind="path"]`).count(), 1);
});

test("the request's way is lit and the candidates that lost are dimmed with their reason", async () => {
  const page = await openMap(SHOP_API);
  const all = await nodes(page);
  const lit = all.filter((n) => n.lit).map((n) => `${n.kind} ${n.label}`).sort();
  assert.deepEqual(lit, ["backend api:8080", "host shop.example.com", "path /api", "tls shop-tls"]);
  const winner = all.find((n) => n.lit && n.kind === "path");
  assert.equal(winner.lines, "29-35");
  const result = await page.$eval(sel("result"), (el) => el.dataset.backend);
  assert.equal(result, "api:8080", "the page's own decision agrees with the lit backend");
  const dimmed = all.filter((n) => n.dimmed);
  assert.ok(dimmed.some((n) => n.lines === "22-28"), "Prefix / lost to the longer /api");
  assert.ok(dimmed.some((n) => n.lines === "64-70"), "Exact /api/v2 does not match /api/v1");
  for (const n of dimmed) assert.ok(n.reason?.length > 10, `a dimmed node says why (${n.lines}: ${n.reason})`);
  const title = await page.$eval(`${NODE}[data-kind="path"][data-lines="64-70"] > title`, (el) => el.textContent);
  assert.ok(title.includes((dimmed.find((n) => n.lines === "64-70")).reason), "the reason is in the hover title");
  assert.equal(await page.locator(`${sel("route-map")} path.rm-edge[data-lit="true"]`).count(), 2, "host → /api → api:8080");

  // Another request lights another way.
  await page.fill(sel("request-url"), "http://shop.example.com/api/v2");
  await settled(page);
  await page.waitForFunction((node) => [...document.querySelectorAll(`${node}[data-kind="path"][data-lit="true"]`)]
    .map((el) => el.dataset.lines).join() === "64-70", NODE);
  assert.equal(await page.textContent(sel("route-map-request")), "Lit: http://shop.example.com/api/v2 → api-v2:8080 (web/shop-v2, /api/v2 Exact). Dimmed boxes lost; hover or focus one for why.");
});

test("an Ingress the class leaves out is in the legend as not admitted, its paths not drawn", async () => {
  const corpus = readFileSync(new URL("../../crates/engine/tests/corpus/conformance-ingress-class.yaml", import.meta.url), "utf8");
  const yaml = corpus.split("manifest: |\n")[1].split("\ncases:")[0].replace(/^ {2}/gm, "");
  const page = await openMap({ yaml, url: "http://ingress-class/" });
  const legend = await page.$$eval(`${MAP} .rm-legend-item`, (els) => els.map((el) => [el.classList.contains("rm-unadmitted"), el.querySelector("text").textContent]));
  assert.deepEqual(legend, [
    [true, "default/test-ingress-class · class some-invalid-class-name · not admitted"],
    [false, "default/test-ingress-class-valid · class conformance"],
  ]);
  const hosts = await page.$$eval(`${NODE}[data-kind="host"]`, (els) => els.map((el) => el.getAttribute("aria-label").split(" (")[0]));
  assert.deepEqual(hosts, ["Host ingress-class-valid"], "a box too narrow for its name has it whole in its label");
  assert.match(await page.textContent(`${MAP} .route-map-count`), /1 Ingress not admitted under this class and profile, not drawn/);
});

test("clicking a path shows its lines in the editor", async () => {
  const page = await openMap(SHOP_API);
  await page.click(`${NODE}[data-kind="path"][data-lines="64-70"]`);
  await page.waitForSelector(`${sel("step-mark")}[data-lines="64-70"]`);
  await page.click(`${NODE}[data-kind="tls"]`);
  await page.waitForSelector(`${sel("step-mark")}[data-lines="${await page.getAttribute(`${NODE}[data-kind="tls"]`, "data-lines")}"]`);
});

test("keyboard: Tab reaches the map's nodes, Enter reveals, Enter on a host's triangle collapses it", async () => {
  const page = await openMap(SHOP_API);
  await page.focus(sel("route-map-filter"));
  let focused = null;
  for (let i = 0; i < 30 && focused?.kind !== "path"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => {
      const el = document.activeElement;
      return { kind: el?.dataset.kind ?? el?.dataset.testid ?? el?.tagName, lines: el?.dataset.lines ?? null, role: el?.getAttribute("role"), label: el?.getAttribute("aria-label") };
    });
  }
  assert.equal(focused.kind, "path", "Tab reaches a path node");
  assert.equal(focused.role, "button");
  assert.match(focused.label, /^Path \//);
  assert.equal(await page.textContent(sel("route-map-detail")), focused.label, "the focused box is described under the map");
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${sel("step-mark")}[data-lines="${focused.lines}"]`);

  await page.focus(`${sel("route-map-toggle")}[data-host="shop.example.com"]`);
  const before = await page.$(`${MAP} svg`);
  await page.keyboard.press("Enter");
  await redrawn(page, before);
  assert.equal(await page.getAttribute(`${sel("route-map-toggle")}[data-host="shop.example.com"]`, "aria-expanded"), "false");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.host), "shop.example.com", "focus stays on the triangle");
  assert.equal(await page.locator(`${NODE}[data-kind="path"]`).count(), 2, "its four paths are hidden");
});

test("the filter keeps the hosts and paths whose host, path or service matches", async () => {
  const page = await openMap(SHOP_API);
  let before = await page.$(`${MAP} svg`);
  await page.fill(sel("route-map-filter"), "api-v2");
  await redrawn(page, before);
  let all = await nodes(page);
  assert.deepEqual(byKind(all, "path").map((n) => n.label), ["/api/v2"]);
  assert.deepEqual(byKind(all, "host").map((n) => n.label), ["shop.example.com"]);
  before = await page.$(`${MAP} svg`);
  await page.fill(sel("route-map-filter"), "example.com");
  await redrawn(page, before);
  all = await nodes(page);
  assert.deepEqual(byKind(all, "host").map((n) => n.label), ["shop.example.com", "*.example.com"]);
  before = await page.$(`${MAP} svg`);
  await page.fill(sel("route-map-filter"), "no such thing");
  await redrawn(page, before);
  assert.equal((await nodes(page)).filter((n) => n.kind !== "default").length, 0);
  assert.match(await page.textContent(sel("route-map")), /Nothing matches the filter\./);
});

test("in a narrow panel the map is a tree that fits: each path's box says its backend", async () => {
  const page = await openMap(SHOP_API, { viewport: { width: 420, height: 900 } });
  const fits = await page.$eval(`${MAP} .route-map-scroll`, (el) => el.scrollWidth <= el.clientWidth);
  assert.ok(fits, "no sideways scrolling");
  const all = await nodes(page);
  assert.equal(byKind(all, "backend").length, 0, "no backend column");
  const lit = await page.$eval(`${NODE}[data-kind="path"][data-lit="true"]`, (el) => [el.querySelector(".rm-label").textContent, el.querySelector(".rm-sub").textContent]);
  assert.deepEqual(lit, ["/api", "→ api:8080"]);
  assert.deepEqual(byKind(all, "host").map((n) => n.label), ["shop.example.com", "*.example.com", "any host"]);
  await page.screenshot({ path: `${SCREENSHOTS}route-map-narrow.png` });
});

for (const scheme of ["light", "dark"]) {
  test(`contrast (${scheme}): text at least 4.5:1 on its box, Ingress colours and lines at least 3:1`, async () => {
    const page = await openMap(SHOP_API, { colorScheme: scheme });
    const { checked, failures } = await page.$eval(`${MAP} svg`, (svg) => {
      const rgb = (c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = (c) => {
        const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const fill = (el) => getComputedStyle(el).fill;
      const page = fill(svg.querySelector(".rm-background"));
      const out = [];
      let checked = 0;
      for (const text of svg.querySelectorAll("text")) {
        checked++;
        const node = text.closest(".rm-node");
        const under = text.classList.contains("rm-badge-text") ? fill(node.querySelector(".rm-badge"))
          : node ? fill(node.querySelector(".rm-box")) : page;
        const r = ratio(fill(text), under);
        if (r < 4.5) out.push(`text "${text.textContent}" ${r.toFixed(2)}`);
      }
      for (const mark of svg.querySelectorAll(".rm-stripe, .rm-swatch, .rm-edge")) {
        const colour = mark.classList.contains("rm-edge") ? getComputedStyle(mark).stroke : fill(mark);
        const r = ratio(colour, page);
        if (r < 3) out.push(`${mark.getAttribute("class")} ${r.toFixed(2)}`);
        checked++;
      }
      return { checked, failures: out };
    });
    assert.ok(checked > 50, `${checked} texts and marks checked`);
    assert.deepEqual(failures, []);
  });
}

test("exports the map as SVG and PNG files", async () => {
  const page = await openMap(SHOP_API, { acceptDownloads: true });
  const [svg] = await Promise.all([page.waitForEvent("download"), page.click(sel("route-map-export-svg"))]);
  assert.equal(svg.suggestedFilename(), "route-map.svg");
  const text = readFileSync(await svg.path(), "utf8");
  assert.match(text, /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(text.includes("shop.example.com") && text.includes("api-v2:8080"), "the labels are in the file");
  assert.match(text, /<style[^>]*>[^<]*\.l0\{fill:/, "the looks are written into the file (no stylesheet needed)");
  assert.ok(!text.includes("rm-node"), "its own classes only");
  // The file keeps each box's look: the lit boxes share one fill, the dimmed ones another.
  const fills = new Map([...text.matchAll(/\.(l\d+)\{fill:([^;]+);/g)].map((m) => [m[1], m[2]]));
  const boxFill = (state) => [...text.matchAll(new RegExp(`<g [^>]*data-${state}="true"[^>]*><title[^>]*>[^<]*</title><rect class="(l\\d+)"`, "g"))]
    .map((m) => fills.get(m[1]));
  const [lit, dimmed] = [boxFill("lit"), boxFill("dimmed")];
  assert.equal(lit.length, 4, "host, TLS, path and backend lit");
  assert.ok(dimmed.length >= 5);
  assert.equal(new Set(lit).size, 1);
  assert.equal(new Set(dimmed).size, 1);
  assert.notEqual(lit[0], dimmed[0]);
  const [png] = await Promise.all([page.waitForEvent("download"), page.click(sel("route-map-export-png"))]);
  assert.equal(png.suggestedFilename(), "route-map.png");
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
  assert.ok(bytes.length > 5000, `the PNG has a picture in it (${bytes.length} bytes)`);
});

test("a 1,000-Ingress, 5,000-path dump: hosts collapsed, the winner's host open, drawn within 300 ms", async () => {
  const page = await openMap({ yaml: MANIFEST, url: "http://h507.example.com/api/v3/items" });
  const before = await page.$(`${MAP} svg`);
  await pasteYaml(page, manyIngresses(1000, 5));
  await settled(page, 120000);
  await redrawn(page, before);
  const timings = await page.evaluate(() => {
    const last = (name) => performance.getEntriesByName(name, "measure").at(-1)?.duration ?? null;
    return { read: last("route-map-read"), engine: last("route-map-engine"), render: last("route-map-render") };
  });
  console.log(`route map, 1,000 Ingresses / 5,000 paths: layout and draw ${timings.render.toFixed(1)} ms `
    + `(before it, the JS API read the YAML in ${timings.read.toFixed(1)} ms and answered routeMap() in ${timings.engine.toFixed(1)} ms)`);
  assert.match(await page.textContent(sel("route-map")), /1000 of 1000 hosts, 5000 of 5000 paths \(hosts collapsed/);
  const lit = (await nodes(page)).filter((n) => n.lit).map((n) => `${n.kind} ${n.label}`).sort();
  assert.deepEqual(lit, ["backend svc-507-3:8003", "host h507.example.com", "path /api/v3/items"], "the winner's host is open and lit");
  assert.ok(timings.render <= 300, `drawn in ${timings.render.toFixed(1)} ms (target ≤ 300)`);

  // Filtering the dump is a redraw of the same budget.
  const drawn = await page.$(`${MAP} svg`);
  await page.fill(sel("route-map-filter"), "svc-42-");
  await redrawn(page, drawn);
  const filtered = Number(await page.getAttribute(MAP, "data-render-ms"));
  console.log(`route map, filtered to one host of 1,000: ${filtered.toFixed(1)} ms`);
  assert.deepEqual(byKind(await nodes(page), "host").map((n) => n.label), ["h42.example.com"]);
  assert.ok(filtered <= 300);
});

test("one host with 5,000 paths, opened because the request goes there: only the rows near the view are drawn", async () => {
  const paths = Array.from({ length: 5000 }, (_, p) => `      - path: /svc${p}
        pathType: Prefix
        backend:
          service:
            name: s${p % 7}
            port:
              number: 80`).join("\n");
  const yaml = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: big\nspec:\n  rules:\n  - host: big.example.com\n    http:\n      paths:\n${paths}\n`;
  const page = await openMap({ yaml: MANIFEST, url: "http://big.example.com/svc4321/x" });
  const before = await page.$(`${MAP} svg`);
  await pasteYaml(page, yaml);
  await settled(page, 120000);
  await redrawn(page, before);
  const render = Number(await page.getAttribute(MAP, "data-render-ms"));
  // Printed, not asserted: the budget is the 1,000-Ingress test's; this one checks what is drawn.
  console.log(`route map, one host with 5,000 paths, open: layout and draw ${render.toFixed(1)} ms`);
  const drawn = await nodes(page);
  assert.ok(drawn.length < 300, `${drawn.length} boxes drawn of 5,000 paths`);
  assert.ok(await page.locator(`${MAP} path.rm-edge`).count() < 400, "and as few lines");
  // The map scrolled to the lit path (its host is thousands of rows up, not drawn).
  assert.deepEqual(drawn.filter((n) => n.lit).map((n) => `${n.kind} ${n.label}`).sort(), ["backend s2:80", "path /svc4321"]);
});
