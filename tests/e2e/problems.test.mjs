// The Problems panel follows the chosen profile: under ingress-nginx a canary is a split (not a
// path "never used"), under the spec profile an ingress-nginx input gets a hint with a button that
// chooses that profile, and an input with no Ingress says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { suite, sel, ready, setYaml, analysed, settled } from "./helpers.mjs";

const env = suite();

/** The `manifest:` block of a corpus file, unindented. */
function corpusManifest(file) {
  const text = readFileSync(new URL(`../../crates/engine/tests/corpus/${file}`, import.meta.url), "utf8");
  const block = text.split("\nmanifest: |\n")[1].split("\ncases:\n")[0];
  return block.split("\n").map((line) => line.replace(/^ {2}/, "")).join("\n");
}

/** The problems on screen: `{severity, message, line}` each. */
async function problems(page) {
  return page.$$eval(`${sel("validation-errors")} li.diagnostic`, (items) => items.map((li) => ({
    severity: li.dataset.severity, message: li.querySelector(".message")?.textContent ?? "", line: li.dataset.line,
  })));
}

/** Waits until the result names the profile's decision, the page settled, and the problems list shows it. */
async function underProfile(page, name) {
  await page.waitForFunction((n) => {
    const r = document.querySelector('[data-testid="result"]');
    return r && !r.classList.contains("pending") && r.dataset.outcome && r.textContent.includes(`profile ${n}`);
  }, name, { timeout: 30000 });
  await analysed(page);
}

/** A new page with a corpus file's manifest in the editor and a URL in the request bar, settled. */
async function openCorpus(file, url) {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, corpusManifest(file));
  await page.fill(sel("request-url"), url);
  await analysed(page);
  return page;
}

test("an ingress-nginx canary: a duplicate under spec, a split with no 'never used' under ingress-nginx; the hint's button switches", async () => {
  const page = await openCorpus("profile-ingress-nginx-canary.yaml", "http://echo.example.com/");
  let found = await problems(page);
  assert.ok(found.some((p) => p.severity === "warning" && /never used/.test(p.message)), `spec: the canary repeats the path: ${JSON.stringify(found)}`);
  assert.ok(await page.locator(".mark-warning").count() > 0, "spec: the editor marks the repeated path");
  const hint = found.find((p) => /written for ingress-nginx/.test(p.message));
  assert.ok(hint, `a hint names the controller: ${JSON.stringify(found)}`);
  assert.equal(hint.line, "28", "at the first nginx annotation");
  const button = page.locator(sel("use-profile"));
  assert.equal(await button.getAttribute("data-profile"), "ingress-nginx");
  assert.equal(await button.textContent(), "Use the ingress-nginx profile");

  await button.click();
  await underProfile(page, "ingress-nginx");
  assert.equal(await page.$eval(sel("profile-select"), (s) => s.value), "ingress-nginx");
  const split = await page.textContent(sel("result"));
  assert.match(split, /canary/i, "the result shows the canary split");
  found = await problems(page);
  assert.deepEqual(found.filter((p) => /never used/.test(p.message)), [], "the canary is not 'never used' under ingress-nginx");
  assert.deepEqual(found.filter((p) => /written for/.test(p.message)), [], "no hint once the profile is chosen");
  // The editor marks what the Problems panel lists under ingress-nginx, not the spec profile's
  // findings (it draws the visible lines only, hence at most one mark per listed line).
  const warningLines = new Set(found.filter((p) => p.severity === "warning").map((p) => p.line));
  assert.ok(await page.locator(".mark-warning").count() <= warningLines.size, `marks beyond ${[...warningLines]}`);
  assert.equal(await page.locator(sel("use-profile")).count(), 0);
});

test("under aws-alb the Problems panel names the Ingress group.order puts first", async () => {
  const page = await openCorpus("profile-aws-alb-group-order.yaml", "http://shop.example.com/api");
  await page.selectOption(sel("profile-select"), "aws-alb");
  await underProfile(page, "aws-alb");
  const duplicates = (await problems(page)).filter((p) => /defined twice/.test(p.message));
  assert.equal(duplicates.length, 1, JSON.stringify(duplicates));
  assert.match(duplicates[0].message, /^under aws-alb: .*Ingress shop\/catalog is defined twice; .*Ingress shop\/checkout answers/);
});

test("an input with no Ingress says so instead of 'No problems'", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await page.fill(sel("yaml-editor"), "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n");
  await settled(page);
  await page.waitForSelector('.diagnostics[data-analysed="true"]');
  const summary = await page.textContent(".diagnostics .summary");
  assert.equal(summary, "No Ingress in the input");
  assert.ok((await problems(page)).some((p) => p.message.startsWith("No Ingress in the input")));
});
