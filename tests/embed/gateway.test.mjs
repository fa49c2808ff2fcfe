// The docs widget's `gateway` attribute (issue 14): a widget whose YAML holds Gateway API objects
// routes each request through that Gateway (or the input's only one) with the JS API, and draws
// the decision as the playground's Gateway view does (gateway/gateway-result.js, imported on first
// use): status, listener, route, rule, match, backend, redirect, upstream path, every candidate.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, TIMEOUT } from "./harness.mjs";
import { STORE, INTERNAL } from "../support/gateway-manifests.mjs";

let harness, base, newPage;

before(async () => {
  harness = await start();
  ({ base, newPage } = harness);
});

after(() => harness?.close());

/** A page with one widget (`attributes`, inline `yaml`); resolves once its update event fired. */
async function widgetPage(label, yaml, attributes) {
  const page = await newPage(label);
  await page.goto(`${base}embed-demo.html`);
  const results = await page.evaluate(([yaml, attributes]) => new Promise((resolve) => {
    const widget = document.createElement("ingress-playground");
    widget.id = "gw";
    for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
    const script = document.createElement("script");
    script.type = "application/yaml";
    script.textContent = yaml;
    widget.append(script);
    widget.addEventListener("ingress-playground:update", (e) => {
      if (e.detail.results.every((r) => r.listener !== undefined || r.outcome === "")) resolve(e.detail.results);
    });
    document.body.prepend(widget);
  }), [yaml, attributes]);
  return { page, results, widget: page.locator("#gw") };
}

test("gateway=\"ns/name\": each request goes through that Gateway, drawn as in the playground", async () => {
  const started = Date.now();
  const { page, results, widget } = await widgetPage("gateway attribute", STORE + INTERNAL, {
    gateway: "default/eg", view: "full",
    requests: "http://store.example.com/api/items http://store.example.com/old/cart",
  });
  console.log(`widget with a Gateway: first update ${Date.now() - started} ms (page load, package, drawing module)`);
  assert.deepEqual(results.map((r) => [r.outcome, r.status, r.gateway, r.listener, r.route, r.rule, r.match, r.backend]), [
    ["rule", 200, "default/eg", "http", "default/store", 0, 0, "default/api:8080"],
    ["rule", 200, "default/eg", "http", "default/store", 2, 0, "default/shop:80"],
  ]);
  assert.equal(results[1].upstreamPath, "/new/cart");
  const cards = widget.locator('[data-testid="gateway-result"]');
  assert.equal(await cards.count(), 2);
  assert.equal(await cards.nth(1).getAttribute("data-backend"), "default/shop:80");
  assert.equal(await widget.locator('[data-testid="gateway-upstream-path"]').nth(1).textContent(), "/new/cart");
  const verdicts = await widget.locator('[data-testid="gateway-candidate"]').evaluateAll((els) => els.map((e) => e.dataset.verdict));
  assert.ok(verdicts.includes("winner") && verdicts.includes("lost"), verdicts.join(" "));

  // Another Gateway by attribute: routed again through it.
  const next = page.evaluate(() => new Promise((resolve) => {
    document.querySelector("#gw").addEventListener("ingress-playground:update", (e) => resolve(e.detail.results), { once: true });
  }));
  await page.evaluate(() => document.querySelector("#gw").setAttribute("gateway", "ops/internal"));
  assert.deepEqual((await next).map((r) => `${r.gateway} ${r.route} ${r.backend}`), [
    "ops/internal ops/admin ops/admin:9000", "ops/internal ops/admin ops/admin:9000",
  ]);
  // "Open in playground" carries the Gateway in the playground's query (its #v1= state has no field for it).
  await page.waitForFunction(() => document.querySelector("#gw").shadowRoot.querySelector('[data-testid="open-in-playground"]')?.href.includes("?gateway=ops%2Finternal#v1="), null, { timeout: TIMEOUT });
  // Clicking a candidate selects its first line in the editor (the widget has no line marks).
  await widget.locator('[data-testid="gateway-candidate"] button').first().click();
  const selected = await page.evaluate(() => {
    const area = document.querySelector("#gw").shadowRoot.querySelector('[data-testid="yaml-editor"]');
    return area.value.slice(area.selectionStart, area.selectionEnd);
  });
  assert.ok(selected.length > 0, "a line of the YAML is selected");
});

test("without the attribute, the input's only Gateway answers; a Gateway not in the input is said so", async () => {
  const { results, widget } = await widgetPage("only Gateway", STORE, { requests: "http://store.example.com/api/x" });
  assert.deepEqual(results.map((r) => `${r.outcome} ${r.status} ${r.backend}`), ["rule 200 default/api:8080"]);
  assert.equal(await widget.locator('[data-testid="gateway-status"]').textContent(), "HTTP 200");

  const wrong = await widgetPage("unknown Gateway", STORE, { gateway: "default/nope", requests: "http://store.example.com/api/x" });
  const text = await wrong.widget.locator('[data-testid="result"]').first().textContent();
  assert.match(text, /default\/nope/, `the error names the Gateway asked for: ${text}`);
  assert.equal(wrong.results[0].outcome, "");
});
