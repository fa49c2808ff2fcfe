// Hostile and huge #v1= links in the iframe twin (embed.html), in Chromium: the frame refuses
// what is over the caps (permalink.js LIMITS, shared with the playground) with a message in the
// frame, quickly, and stays alive. Prints how long each link takes to be refused or shown.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createDeflateRaw } from "node:zlib";
import { start, TIMEOUT } from "./harness.mjs";
import { emptyState, fragmentFor, stateFromFragment, LIMITS } from "../../embed/permalink.js";

let harness, base, newPage;

before(async () => {
  harness = await start();
  ({ base, newPage } = harness);
});

after(() => harness?.close());

/** A `v1=` fragment whose snapshot is one YAML field of `bytes` "a"s (one line), deflated as it
 * is generated: the 1 GB text never exists in memory here, as in a crafted link. */
async function singleLineLink(bytes) {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks = [];
  deflate.on("data", (chunk) => chunks.push(chunk));
  const ended = new Promise((ok, fail) => { deflate.on("end", ok); deflate.on("error", fail); });
  deflate.write(`yaml ${bytes}:`);
  const block = Buffer.alloc(1 << 20, "a");
  for (let left = bytes; left > 0; left -= block.length) {
    if (!deflate.write(block.subarray(0, Math.min(left, block.length)))) await new Promise((ok) => deflate.once("drain", ok));
  }
  deflate.end("\n");
  await ended;
  return `v1=${Buffer.concat(chunks).toString("base64url")}`;
}

const YAML = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: foo.bar.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;

/** A host page framing embed.html with a fragment; resolves to { page, frame, ms } once the
 * frame shows `selector` (ms: from the frame's creation). The frame records its long tasks, and
 * how many results were routed at each frame it drew (window.routedAtFrames). */
async function frameWith(label, fragment, selector) {
  const page = await newPage(label);
  await page.addInitScript(() => {
    window.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longest = Math.max(window.longest, entry.duration);
    }).observe({ type: "longtask", buffered: true });
    window.routedAtFrames = new Set();
    const sample = () => {
      const routed = document.querySelector("ingress-playground")?.shadowRoot?.querySelectorAll("[data-outcome]").length;
      if (routed) window.routedAtFrames.add(routed);
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.goto(`${base}embed-demo.html`);
  const started = Date.now();
  await page.evaluate((src) => {
    const iframe = document.createElement("iframe");
    iframe.id = "hostile";
    iframe.style.cssText = "width: 900px; height: 600px";
    iframe.src = src;
    document.body.prepend(iframe);
  }, `embed.html?readonly&view=compact#${fragment}`);
  const frame = await (await page.waitForSelector("#hostile")).contentFrame();
  await frame.waitForSelector(selector, { timeout: TIMEOUT });
  return { page, frame, ms: Date.now() - started };
}

/** The frame answers within a second, and still shows a valid link when its fragment changes. */
async function assertAlive(frame, fragment) {
  const tick = await Promise.race([
    frame.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok("tick")))),
    new Promise((ok) => setTimeout(() => ok("frozen"), 1000)),
  ]);
  assert.equal(tick, "tick", "the frame still renders");
  await frame.evaluate((hash) => { location.hash = hash; }, fragment);
  await frame.waitForSelector('[data-testid="result"][data-outcome="rule"]', { timeout: TIMEOUT });
}

let validLink;
before(async () => {
  validLink = await fragmentFor({ ...emptyState(), yaml: YAML, url: "http://foo.bar.com/" });
});

for (const [label, bytes] of [["100 MB", 100_000_000], ["1 GB", 1_000_000_000]]) {
  test(`a ${label} single-line link is refused in the frame, quickly, and the frame stays alive`, async () => {
    const fragment = await singleLineLink(bytes);
    const { frame, ms } = await frameWith(`hostile ${label}`, fragment, '[data-testid="link-error"]');
    const text = await frame.textContent('[data-testid="link-error"]');
    assert.match(text, /this link holds more than 2 MB of text/);
    // What reading the link costs, apart from the browser's own handling of a long URL.
    const reading = await frame.evaluate(async () => {
      const { readLink } = await import("./permalink.js");
      const started = performance.now();
      await readLink(location.hash).catch(() => {});
      return Math.round(performance.now() - started);
    });
    console.log(`embed.html: ${label} single line (${(fragment.length / 1024).toFixed(0)} KB link) refused in ${ms} ms from the frame's creation (reading the link: ${reading} ms), longest task ${await frame.evaluate(() => window.longest)} ms`);
    assert.ok(reading < 1000, `reading the link took ${reading} ms`);
    assert.ok(ms < 10000, `refused in ${ms} ms`);
    assert.ok(await frame.evaluate(() => window.longest) < 1000, "no long freeze");
    await assertAlive(frame, validLink);
  });
}

test("a link with 10,000 test rows shows the first 1,000 and says how many were dropped", async () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ name: "", url: `http://foo.bar.com/${i}`, sni: "", expect: "" }));
  // The request URL is the first row's: the widget shows each URL once, so 1,000 requests.
  const fragment = await fragmentFor({ ...emptyState(), yaml: YAML, url: rows[0].url, rows });
  const { frame, ms } = await frameWith("10,000 rows", fragment, '[data-testid="link-notice"]');
  await frame.waitForFunction((n) => document.querySelector("ingress-playground")?.shadowRoot
    ?.querySelectorAll('[data-testid="result"][data-outcome]').length === n, LIMITS.rows, { timeout: TIMEOUT });
  const longest = await frame.evaluate(() => window.longest);
  console.log(`embed.html: 10,000 rows (${(fragment.length / 1024).toFixed(1)} KB link) shown as ${LIMITS.rows} in ${ms} ms to the notice, longest task ${longest} ms`);
  assert.equal(await frame.textContent('[data-testid="link-notice"]'), "This link holds 10,000 test rows: the first 1,000 are shown and 9,000 left out (a link opens at most 1,000).");
  assert.equal(await frame.locator('[data-testid="request-url"]').count(), LIMITS.rows);
  // Routed in slices, the page drawn in between (in one ~1.2 s task before), and laid out near
  // the viewport only: the longest task is ~150 ms on an idle machine.
  const midway = await frame.evaluate((n) => [...window.routedAtFrames].filter((routed) => routed < n).length, LIMITS.rows);
  assert.ok(midway >= 3, `frames drawn while routing: ${midway}`);
  assert.ok(longest < 1000, `longest task ${longest} ms`);
  await assertAlive(frame, validLink);
});

test("a line longer than 10,000 characters is shown truncated, and still simulated whole", async () => {
  const comment = `# ${"x".repeat(50_000)}`;
  const fragment = await fragmentFor({ ...emptyState(), yaml: `${comment}\n${YAML}`, url: "http://foo.bar.com/" });
  const { frame } = await frameWith("long line", fragment, '[data-testid="result"][data-outcome]');
  const shown = await frame.locator('[data-testid="yaml-editor"]').inputValue();
  const [first] = shown.split("\n");
  assert.equal(first, `${comment.slice(0, LIMITS.lineChars)}… 40,002 more characters`);
  assert.ok(shown.endsWith(YAML), "the other lines are whole");
  assert.equal(await frame.getAttribute('[data-testid="result"]', "data-backend"), "web:80");
  // "Open in playground" carries the YAML as it is, not as shown.
  await frame.waitForFunction(() => document.querySelector("ingress-playground").shadowRoot.querySelector('[data-testid="open-in-playground"]').href.includes("#v1="));
  const href = await frame.getAttribute('[data-testid="open-in-playground"]', "href");
  assert.equal((await stateFromFragment(new URL(href).hash)).yaml, `${comment}\n${YAML}`);
});
