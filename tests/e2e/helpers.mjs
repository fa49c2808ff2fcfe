// Shared set-up for the end-to-end tests: the static server, Chromium, pages that fail the test
// on any console error, and small helpers around the playground's data-testid hooks.
import { launchChromium } from "../support/browser.mjs";
import { serve } from "./serve.mjs";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

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

/** Waits until the app has replaced the placeholder and shown a decision. */
export async function ready(page) {
  await page.waitForSelector(`${sel("result")}[data-outcome]`);
}

/** The result element's data attributes. */
export async function result(page) {
  return page.$eval(sel("result"), (el) => ({
    outcome: el.dataset.outcome, backend: el.dataset.backend, ingress: el.dataset.ingress,
    path: el.dataset.path, pathType: el.dataset.pathType, text: el.textContent,
  }));
}

/** Types a URL and waits for the decision for it. */
export async function route(page, url) {
  await page.fill(sel("request-url"), url);
  await page.waitForFunction(
    ([u]) => {
      const r = document.querySelector('[data-testid="result"]');
      return r && !r.classList.contains("pending") && document.querySelector('[data-testid="request-url"]').value === u;
    },
    [url],
  );
  return result(page);
}

/** Replaces the YAML and waits until the engine has caught up. */
export async function setYaml(page, yaml, timeout = 30000) {
  await page.fill(sel("yaml-editor"), yaml);
  await page.waitForFunction(() => !document.querySelector('[data-testid="result"]').classList.contains("pending"), null, { timeout });
}

/** The last `performance.measure` entry of a name, in ms. */
export function lastMeasure(page, name) {
  return page.evaluate((n) => {
    const entries = performance.getEntriesByName(n, "measure");
    return entries.length ? entries[entries.length - 1].duration : null;
  }, name);
}
