// Controller profiles in the playground: chosen with profile-select (loaded on demand from the JS
// API package), and the "Compare controllers" view that routes one request under every profile.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { start, sel, ready, result, route, setYaml, SCREENSHOTS } from "./helpers.mjs";

const DOCS = fileURLToPath(new URL("../../docs/", import.meta.url));

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });
afterEach(() => {
  for (const page of env.pages.splice(0)) {
    assert.deepEqual(page.errors, [], "console errors");
  }
});

// The controllers disagree about /docs (nginx redirects it to /docs/) and /staticfiles (Traefik
// and Contour match it); see the fixture's comments.
const SHOP = readFileSync(new URL("../fixtures/shop.yaml", import.meta.url), "utf8");

/** Chooses a profile and waits until its decision (not a loading message) is on screen. */
async function chooseProfile(page, name) {
  await page.selectOption(sel("profile-select"), name);
  await page.waitForFunction((n) => {
    const r = document.querySelector('[data-testid="result"]');
    return r && !r.classList.contains("pending") && r.dataset.outcome && r.textContent.includes(`profile ${n}`);
  }, name, { timeout: 30000 });
  return result(page);
}

test("a controller profile loads on demand and answers in its own terms", async () => {
  const page = await env.newPage();
  const packageRequests = [];
  page.on("request", (r) => { if (r.url().includes("/pkg/")) packageRequests.push(r.url()); });
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, SHOP);
  let r = await route(page, "http://shop.example.com/docs");
  assert.deepEqual([r.outcome, r.backend], ["rule", "docs:80"], "spec: /docs/ matches /docs (trailing slash ignored)");
  assert.deepEqual(packageRequests, [], "the controller profiles are not loaded for the spec profile");

  r = await chooseProfile(page, "ingress-nginx");
  assert.equal(r.outcome, "redirect");
  assert.match(r.text, /301/);
  assert.match(r.text, /http:\/\/shop\.example\.com\/docs\//);
  assert.ok(packageRequests.some((u) => u.endsWith("ingress_sim_bg.wasm")), "the JS API package was loaded");
  const why = await page.textContent(sel("explanation"));
  assert.match(why, /location/, "the explanation speaks nginx");

  r = await route(page, "http://shop.example.com/staticfiles");
  assert.equal(r.outcome, "no-match", "ingress-nginx reads ImplementationSpecific as Prefix: element-wise");
  r = await chooseProfile(page, "traefik");
  assert.deepEqual([r.outcome, r.backend], ["rule", "assets:8080"], "Traefik's PathPrefix is a character prefix");
  await page.screenshot({ path: `${SCREENSHOTS}profile-traefik.png`, fullPage: true });
});

test("compare controllers: every profile side by side, disagreements marked, a click switches", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, SHOP);
  await route(page, "http://shop.example.com/staticfiles");
  await page.click(`${sel("compare-view")} summary`);
  await page.waitForSelector(`${sel("compare-view")}[data-agree="false"]`, { timeout: 30000 });
  const rows = await page.$$eval(`${sel("compare-view")} tr[data-profile]`, (trs) =>
    trs.map((tr) => [tr.dataset.profile, tr.dataset.outcome, tr.dataset.backend, tr.classList.contains("differs")]));
  assert.deepEqual(rows.map((row) => row[0]), ["spec", "ingress-nginx", "gce", "aws-alb", "traefik", "contour"]);
  const traefik = rows.find((row) => row[0] === "traefik");
  assert.deepEqual(traefik.slice(1, 3), ["rule", "assets:8080"]);
  const spec = rows.find((row) => row[0] === "spec");
  assert.equal(spec[1], "no-match");
  assert.ok(rows.some((row) => row[3]), "the minority answers are marked");
  const summary = await page.textContent(`${sel("compare-view")} summary`);
  assert.match(summary, /disagree on outcome, backend/);
  await page.screenshot({ path: `${SCREENSHOTS}compare-controllers.png`, fullPage: true });
  // The README's picture of the view, refreshed on request only (a test run leaves the tree clean).
  if (process.env.UPDATE_README_SCREENSHOT) {
    await page.locator(".output-pane").screenshot({ path: `${DOCS}compare.png` });
  }

  // The table follows the request; agreeing profiles say so.
  await page.fill(sel("request-url"), "http://shop.example.com/docs/guide");
  await page.waitForSelector(`${sel("compare-view")}[data-agree="true"]`, { timeout: 30000 });

  // A profile's name switches the main decision to it.
  await page.click(`${sel("compare-view")} tr[data-profile="contour"] button`);
  assert.equal(await page.$eval(sel("profile-select"), (s) => s.value), "contour");
  const r = await chooseProfile(page, "contour");
  assert.deepEqual([r.outcome, r.backend], ["rule", "docs:80"]);
});

test("the tests table runs under a controller profile", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, SHOP);
  await route(page, "http://shop.example.com/staticfiles");
  await page.click("text=+ Add the current request");
  // The example's own rows come first; the new row is the last.
  const added = `${sel("tests-table")} tbody tr:last-child`;
  await page.waitForSelector(`${added}.pass`);
  // Expected (spec) no-match; Traefik routes it, so the row fails there.
  await chooseProfile(page, "traefik");
  await page.waitForSelector(`${added}.fail`, { timeout: 30000 });
  assert.match(await page.textContent(added), /rule assets:8080/);
});
