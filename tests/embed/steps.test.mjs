// The docs widget's view="steps": the playground's step-through (web/teach/steps.js) walking the
// first request's decision inside a docs page, keyboard accessible, each step showing its lines.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { dedent } from "../../embed/dedent.js";
import { start, SCREENSHOTS, TIMEOUT } from "./harness.mjs";
import { pressSteps } from "../support/step-keys.mjs";

let harness, base, newPage;

before(async () => {
  harness = await start();
  ({ base, newPage } = harness);
});

after(() => harness?.close());

/** The demo page's "longest prefix wins" example (embed/embed-demo.html), as its widget reads it. */
const YAML = demoYaml("longest-prefix");
const URL_V2 = "http://shop.example.com/api/v2/orders";

/** The inline YAML of the demo page's widget `id`, dedented as the widget does. */
function demoYaml(id) {
  const html = readFileSync(new URL("../../embed/embed-demo.html", import.meta.url), "utf8");
  const found = html.match(new RegExp(`<ingress-playground id="${id}"[^>]*>\\s*<script type="application/yaml">([\\s\\S]*?)</script>`));
  assert.ok(found, `embed-demo.html has the widget #${id} with inline YAML`);
  return dedent(found[1]);
}

/** A page with one widget in view="steps" (the demo page defines the element). */
async function widgetPage(label, { theme = "auto", profile = "", colorScheme = "light" } = {}) {
  const page = await newPage(label, { colorScheme });
  await page.goto(`${base}embed-demo.html`);
  await page.evaluate(([yaml, url, theme, profile]) => {
    const widget = document.createElement("ingress-playground");
    widget.id = "stepper";
    widget.setAttribute("view", "steps");
    widget.setAttribute("theme", theme);
    widget.setAttribute("requests", `${url} http://shop.example.com/other`);
    if (profile) widget.setAttribute("profile", profile);
    const script = document.createElement("script");
    script.type = "application/yaml";
    script.textContent = yaml;
    widget.append(script);
    document.body.prepend(widget);
  }, [YAML, URL_V2, theme, profile]);
  await page.waitForFunction(() => document.querySelector("#stepper")?.shadowRoot?.querySelector('[data-testid="step"][aria-current="step"]'), null, { timeout: TIMEOUT });
  return page;
}

/** The engine's steps for the request, asked apart from the view. */
function engineSteps(page, profile) {
  return page.evaluate(async ([yaml, url, profile]) => {
    const { loadEngine } = await import(new URL("engine.js", document.baseURI).href);
    const api = await loadEngine();
    return api.simulate(yaml, { url }, { profile, steps: true }).steps.map((s) => ({ rule: s.rule, title: s.title, line: s.spans[0]?.start.line ?? null }));
  }, [YAML, URL_V2, profile]);
}

/** The widget's current step: its index, the counter and the lines it shows. */
function current(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#stepper").shadowRoot;
    const li = root.querySelector('[data-testid="step"][aria-current="step"]');
    return {
      index: Number(li.dataset.index), count: root.querySelector('[data-testid="step-count"]').textContent,
      rule: li.dataset.rule, lines: li.querySelector(".step-lines")?.textContent ?? null,
      excerptShown: li.querySelector(".step-lines") ? getComputedStyle(li.querySelector(".step-lines")).display !== "none" : false,
    };
  });
}

async function atStep(page, n, total) {
  await page.waitForFunction(([n, total]) => document.querySelector("#stepper").shadowRoot.querySelector('[data-testid="step-count"]').textContent === `Step ${n} of ${total}`, [n, total], { timeout: TIMEOUT });
}

test('view="steps" walks the first request\'s decision, each step showing its YAML lines', async () => {
  const page = await widgetPage("steps");
  const widget = page.locator("#stepper");
  const expected = await engineSteps(page, "spec");
  assert.ok(expected.length >= 4, `several steps: ${expected.length}`);
  assert.equal(await widget.locator('[data-testid="step"]').count(), expected.length);
  assert.equal(await widget.locator('[data-testid="result"]').count(), 1, "only the first request is shown");
  assert.equal(await widget.locator('[data-testid="result"]').getAttribute("data-backend"), "api-v2:8080");
  const lines = YAML.split("\n");
  for (let i = 0; i < expected.length; i++) {
    await atStep(page, i + 1, expected.length);
    const now = await current(page);
    assert.equal(now.rule, expected[i].rule);
    if (expected[i].line) {
      assert.ok(now.excerptShown, `step ${i + 1} shows its lines`);
      assert.equal(now.lines.split("\n")[0], lines[expected[i].line - 1], `step ${i + 1} starts at line ${expected[i].line}`);
    }
    if (i + 1 < expected.length) await widget.locator('[data-testid="step-next"]').click();
  }
  const href = await widget.locator('[data-testid="open-in-playground"]').getAttribute("href");
  assert.equal(new URL(href).searchParams.get("view"), "steps", "Open in playground opens the step-through");
  await widget.screenshot({ path: join(SCREENSHOTS, "widget-steps.png") });
});

test('view="steps" is keyboard accessible: Tab to its buttons, Enter, ← → Home End', async () => {
  const page = await widgetPage("steps-keys", { profile: "ingress-nginx" });
  const total = (await engineSteps(page, "ingress-nginx")).length;
  await atStep(page, 1, total);
  await page.locator("#stepper").locator('[data-testid="request-url"]').focus();
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.querySelector("#stepper").shadowRoot.activeElement?.dataset.testid === "step-next");
  }
  assert.ok(reached, "Tab reaches the Next step button (Previous is disabled on the first step)");
  await pressSteps(page, [["Enter", 2], ["ArrowRight", 3], ["ArrowLeft", 2], ["End", total], ["Home", 1]], (n) => atStep(page, n, total));
  // Editing the request re-walks the new decision; typing's arrow keys stay the field's.
  const url = page.locator("#stepper").locator('[data-testid="request-url"]');
  await url.fill("http://shop.example.com/api/orders");
  await page.waitForFunction(() => document.querySelector("#stepper").shadowRoot.querySelector('[data-testid="result"]').dataset.backend === "api-v1:8080", null, { timeout: TIMEOUT });
  await url.press("ArrowLeft");
  assert.equal((await current(page)).index, 0);
});

for (const scheme of ["light", "dark"]) {
  test(`view="steps" meets WCAG AA contrast (${scheme})`, async () => {
    const page = await widgetPage(`steps-contrast-${scheme}`, { colorScheme: scheme });
    await page.locator("#stepper").locator('[data-testid="step"][data-index="1"]').click();
    const low = await page.evaluate(() => {
      const rgba = (text) => text.match(/[\d.]+/g).map(Number);
      const luminance = ([r, g, b]) => {
        const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      const behind = (el) => {
        for (let node = el; node; node = node.parentElement ?? node.getRootNode().host) {
          const color = rgba(getComputedStyle(node).backgroundColor);
          if (color.length < 4 || color[3] === 1) return color.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const root = document.querySelector("#stepper").shadowRoot.querySelector('[data-testid="widget-steps"]');
      const out = [];
      for (const el of root.querySelectorAll("*")) {
        if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
        const style = getComputedStyle(el);
        if (style.display === "none") continue;
        const [r, g, b] = rgba(style.color);
        const [hi, lo] = [luminance([r, g, b]), luminance(behind(el))].sort((x, y) => y - x);
        const ratio = (hi + 0.05) / (lo + 0.05);
        if (ratio < 4.5) out.push({ text: el.textContent.trim().slice(0, 40), ratio });
      }
      return out;
    });
    assert.deepEqual(low, []);
  });
}
