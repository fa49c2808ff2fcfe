// Shared set-up for the end-to-end tests: the static server, Chromium, pages that fail the test
// on any console error, and small helpers around the playground's data-testid hooks.
import { before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { launchChromium } from "../support/browser.mjs";
import { serve } from "./serve.mjs";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * A test file's set-up: starts the server and the browser before its tests, closes them after,
 * and after each test fails it on any console error of the pages it opened. Returns the
 * environment of `start()`, filled in once the tests run.
 */
export function suite() {
  const env = {};
  before(async () => { Object.assign(env, await start()); });
  after(async () => { await env.close(); });
  afterEach(() => {
    for (const page of env.pages.splice(0)) {
      assert.deepEqual(page.errors, [], "console errors");
    }
  });
  return env;
}

/** Starts the server and the browser; returns { url, browser, newPage, close }. */
export async function start() {
  const server = await serve();
  const browser = await launchChromium();
  const pages = [];
  /** A page in a fresh context (no saved session), recording console errors. */
  async function newPage(options = {}) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, ...options });
    const page = await context.newPage();
    page.errors = [];
    page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
    page.on("pageerror", (e) => page.errors.push(e.message));
    pages.push(page);
    return page;
  }
  async function close() {
    await browser.close();
    await server.close();
  }
  return { url: server.url, browser, newPage, close, pages };
}

export const sel = (id) => `[data-testid="${id}"]`;

/**
 * Waits until the page has settled: the app sets `data-settled="true"` on its root once the
 * decision for the input on screen and that input's static analysis have both landed (so no
 * re-render is coming on its own). Wait for this after every action, rather than sleeping.
 */
export async function settled(page, timeout = 30000) {
  await page.waitForSelector('.app[data-settled="true"]', { timeout });
}

/** Waits until the app has replaced the placeholder, shown a decision, and settled. */
export async function ready(page) {
  await page.waitForSelector(`${sel("result")}[data-outcome]`);
  await settled(page);
}

/** The result element's data attributes. */
export async function result(page) {
  return page.$eval(sel("result"), (el) => ({
    outcome: el.dataset.outcome, backend: el.dataset.backend, ingress: el.dataset.ingress,
    path: el.dataset.path, pathType: el.dataset.pathType, text: el.textContent,
  }));
}

/** Types a URL and waits for the decision for it (the page settled). */
export async function route(page, url) {
  await page.fill(sel("request-url"), url);
  await page.waitForFunction(
    ([u]) => document.querySelector('.app[data-settled="true"]') && document.querySelector('[data-testid="request-url"]').value === u,
    [url],
  );
  return result(page);
}

/** Replaces the YAML and waits until the engine has caught up (decision and static analysis). */
export async function setYaml(page, yaml, timeout = 30000) {
  await page.fill(sel("yaml-editor"), yaml);
  await settled(page, timeout);
}

/** Waits until the static analysis (which follows the decision) has reached the problems list, and the page settled. */
export async function analysed(page, timeout = 30000) {
  await page.waitForSelector('.diagnostics[data-analysed="true"]', { timeout });
  await settled(page, timeout);
}

/** Opens an explanation group (`data-group`: steps, same-host, elsewhere) and waits until its entries are drawn. */
export async function openGroup(page, group) {
  const details = `${sel("explanation")} details[data-group="${group}"]`;
  await page.click(`${details} > summary`);
  await page.waitForSelector(`${details}[open] li.entry`);
}

/** Hands text to the page (window.__clipboard), so that moving 10 MB into it is not part of the paste. */
export async function putOnClipboard(page, text) {
  await page.evaluate((t) => { window.__clipboard = t; }, text);
}

/** Pastes text into the editor as a user's paste does: a `paste` event with the clipboard data. */
export async function pasteEvent(page, text) {
  if (text !== undefined) await putOnClipboard(page, text);
  await page.evaluate(() => {
    const area = document.querySelector('[data-testid="yaml-editor"]');
    area.focus();
    area.select();
    const data = new DataTransfer();
    data.setData("text/plain", window.__clipboard);
    area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
}

/** Starts recording main-thread blocks: Long Tasks (> 50 ms) and the gaps of a frame heartbeat. */
export async function watchMainThread(page) {
  await page.evaluate(() => {
    window.__main = { tasks: [], gap: 0, last: performance.now() };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__main.tasks.push(e.duration);
    }).observe({ type: "longtask" });
    const beat = () => {
      const now = performance.now();
      window.__main.gap = Math.max(window.__main.gap, now - window.__main.last);
      window.__main.last = now;
      requestAnimationFrame(beat);
    };
    requestAnimationFrame(beat);
  });
}

/** `{ longest, top, count, gap }`: the longest main-thread task, the five longest, how many exceeded 50 ms, the longest frame gap (ms). */
export function mainThreadReport(page) {
  return page.evaluate(() => ({
    longest: Math.max(0, ...window.__main.tasks),
    top: [...window.__main.tasks].sort((a, b) => b - a).slice(0, 5).map(Math.round),
    count: window.__main.tasks.length,
    gap: window.__main.gap,
  }));
}

/** Puts text in the editor the way a paste does (one input event), then waits for the engine (`timeout` 0: does not wait). */
export async function pasteYaml(page, text, timeout = 60000) {
  await page.evaluate((t) => {
    const area = document.querySelector('[data-testid="yaml-editor"]');
    area.value = t;
    area.dispatchEvent(new InputEvent("input", { bubbles: true }));
  }, text);
  if (timeout) {
    await page.waitForFunction(() => !document.querySelector('[data-testid="result"]').classList.contains("pending"), null, { timeout });
  }
}

/** How many times the page has read a YAML text so far (its own engine or the JS API package: each sets the mark `yaml-read`). */
export function yamlReads(page) {
  return page.evaluate(() => performance.getEntriesByName("yaml-read", "mark").length);
}

/** The last `performance.measure` entry of a name, in ms. */
export function lastMeasure(page, name) {
  return page.evaluate((n) => {
    const entries = performance.getEntriesByName(n, "measure");
    return entries.length ? entries[entries.length - 1].duration : null;
  }, name);
}

/** `count` Ingresses with `pathsEach` paths each, one host each (`${hostPrefix}${i}.example.com`), as `---` documents. */
export function manyIngresses(count, pathsEach, hostPrefix = "h") {
  const docs = [];
  for (let i = 0; i < count; i++) {
    const paths = [];
    for (let p = 0; p < pathsEach; p++) {
      paths.push(`      - path: /api/v${p}/items
        pathType: ${p % 2 ? "Exact" : "Prefix"}
        backend:
          service:
            name: svc-${i}-${p}
            port:
              number: ${8000 + p}`);
    }
    docs.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing-${i}
  namespace: team-${i % 20}
spec:
  rules:
  - host: ${hostPrefix}${i}.example.com
    http:
      paths:
${paths.join("\n")}`);
  }
  return docs.join("\n---\n") + "\n";
}

/**
 * A `kubectl get ingress -A -o yaml` dump of about `bytes` characters: one List, each Ingress with
 * the metadata and status the API server adds, a few annotations, two hosts and four paths.
 */
export function kubectlDump(bytes) {
  const items = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"annotations":{},"name":"app-${i}","namespace":"team-${i % 40}"}}
      nginx.ingress.kubernetes.io/proxy-body-size: 8m
    creationTimestamp: "2026-11-${String(1 + (i % 28)).padStart(2, "0")}T10:${String(i % 60).padStart(2, "0")}:00Z"
    generation: 1
    name: app-${i}
    namespace: team-${i % 40}
    resourceVersion: "${100000 + i}"
    uid: 6f1c${String(i).padStart(8, "0")}-4e2b-11ee-be56-0242ac120002
  spec:
    ingressClassName: nginx
    rules:
    - host: app-${i}.example.com
      http:
        paths:
        - backend:
            service:
              name: app-${i}-web
              port:
                number: 80
          path: /
          pathType: Prefix
        - backend:
            service:
              name: app-${i}-api
              port:
                name: http
          path: /api
          pathType: Prefix
    - host: admin-${i}.example.com
      http:
        paths:
        - backend:
            service:
              name: app-${i}-admin
              port:
                number: 8080
          path: /admin
          pathType: Exact
        - backend:
            service:
              name: app-${i}-static
              port:
                number: 80
          path: /static
          pathType: ImplementationSpecific
    tls:
    - hosts:
      - app-${i}.example.com
      secretName: app-${i}-tls
  status:
    loadBalancer:
      ingress:
      - ip: 203.0.113.${i % 250}
`;
    items.push(item);
    size += item.length;
  }
  return `apiVersion: v1\nitems:\n${items.join("")}kind: List\nmetadata:\n  resourceVersion: ""\n`;
}

/** Loads a gallery example: chooses it in the Examples menu, then presses Load (choosing alone loads nothing). */
export async function pickExample(page, id) {
  await page.selectOption(sel("examples"), id);
  await page.click(sel("examples-load"));
}

/**
 * Every visible text under the elements matching `roots` (a CSS selector), with its WCAG contrast
 * ratio against what is drawn behind it: the ancestors' backgrounds blended from the first opaque
 * one, the text's colour with its alpha and the element's opacity (a disabled control is exempt
 * from WCAG, so its fading does not count). Fields count by their value.
 */
export function contrasts(page, roots) {
  return page.evaluate((roots) => {
    const rgba = (text) => text.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
      const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const behind = (el) => {
      const layers = [];
      for (let node = el; node; node = node.parentElement) {
        const color = rgba(getComputedStyle(node).backgroundColor);
        const alpha = color.length < 4 ? 1 : color[3];
        if (alpha > 0) layers.push([...color.slice(0, 3), alpha]);
        if (alpha === 1) break;
      }
      let base = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) base = [r, g, b].map((c, i) => c * a + base[i] * (1 - a));
      return base;
    };
    const out = [];
    for (const root of document.querySelectorAll(roots)) {
      for (const el of root.querySelectorAll("*")) {
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        const field = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
        if (!field && ![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
        const style = getComputedStyle(el);
        const background = behind(el);
        const [r, g, b, a = 1] = rgba(style.color);
        const alpha = a * (el.closest(":disabled") ? 1 : Number(style.opacity));
        const text = [r, g, b].map((c, i) => c * alpha + background[i] * (1 - alpha));
        const [hi, lo] = [luminance(text), luminance(background)].sort((x, y) => y - x);
        // Rounded down, so a ratio shown as 4.5 is at least 4.5.
        const ratio = Math.floor(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
        out.push({ text: (field ? el.value : el.textContent).trim().slice(0, 40), ratio });
      }
    }
    return out;
  }, roots);
}
