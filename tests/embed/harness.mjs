// What the widget's browser tests share: the site (site.mjs) served on 127.0.0.1, one Chromium,
// pages that record console errors (checked when the file's tests are done), and helpers around
// the widget's data-testid hooks (inside its open shadow root).
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { launchChromium } from "../support/browser.mjs";
import { siteDir, serve } from "./site.mjs";

export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });
export const TIMEOUT = 30000;

/** Serves the site and starts Chromium; resolves to { base, site, newPage, close }. */
export async function start() {
  const site = await siteDir();
  const server = await serve(site.dir);
  const browser = await launchChromium();
  const pages = [];

  /** A page in a fresh context that records console errors (`page.errors`) and .wasm fetches. */
  async function newPage(label, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
    const page = await context.newPage();
    page.label = label;
    page.errors = [];
    page.warnings = [];
    page.wasm = [];
    page.on("console", (m) => {
      if (m.type() === "error") page.errors.push(m.text());
      if (m.type() === "warning") page.warnings.push(m.text());
    });
    page.on("pageerror", (e) => page.errors.push(e.message));
    page.on("request", (r) => { if (new URL(r.url()).pathname.endsWith(".wasm")) page.wasm.push({ url: r.url(), frame: r.frame() }); });
    pages.push(page);
    return page;
  }

  /** Fails on any console error a page recorded, then stops everything. */
  async function close() {
    try {
      for (const page of pages) assert.deepEqual(page.errors, [], `console errors on ${page.label}`);
    } finally {
      await browser.close();
      await server.close();
      await site.cleanup();
    }
  }

  return { base: server.url, site, newPage, close };
}

/** The data-* of every result of a widget (a locator scope). */
export const results = (scope) => scope.locator('[data-testid="result"]').evaluateAll((els) => els.map((el) => ({
  outcome: el.dataset.outcome, backend: el.dataset.backend, ingress: el.dataset.ingress, path: el.dataset.path, pathType: el.dataset.pathType,
})));

/** Waits until every result of the widget with this id is filled in and not pending. */
export async function settled(page, widget) {
  await page.waitForFunction((id) => {
    const el = document.getElementById(id);
    const all = el?.shadowRoot?.querySelectorAll('[data-testid="result"]') ?? [];
    return all.length > 0 && [...all].every((r) => r.dataset.outcome !== undefined && !r.classList.contains("pending"));
  }, widget, { timeout: TIMEOUT });
}

/** "outcome backend" per result. */
export const summary = (rs) => rs.map((r) => `${r.outcome} ${r.backend}`);
