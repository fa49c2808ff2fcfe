// The Teach bar and the step-through (issue 13): the engine's decision walked one step at a time,
// each step marking its lines in the editor; the bridge's events (teach-reveal, teach-load with
// Undo, teach-request); presenter mode; keyboard-only use; contrast in both colour schemes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pressSteps } from "../support/step-keys.mjs";
import { suite, sel, ready, result, route, setYaml, settled, pasteYaml, contrasts, SCREENSHOTS } from "./helpers.mjs";

const env = suite();

const YAML = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: web}
spec:
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend: {service: {name: api, port: {number: 80}}}
      - path: /api/v2
        pathType: Exact
        backend: {service: {name: api-v2, port: {number: 80}}}
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: tenants, namespace: web}
spec:
  rules:
  - host: "*.example.com"
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: tenant, port: {number: 80}}}
`;
const URL_V2 = "https://shop.example.com/api/v2/users";

/** The steps the JS API gives for the request (asked in the page, apart from the view). */
function engineSteps(page, yaml, url, profile) {
  return page.evaluate(async ([yaml, url, profile]) => {
    const api = await import(new URL("pkg/ingress_sim.js", document.baseURI).href);
    await api.default();
    const simulation = new api.Simulation(yaml);
    const steps = simulation.route({ url }, { profile, steps: true }).steps;
    simulation.free();
    return steps.map(({ stage, rule, title, spans }) => ({ stage, rule, title, span: spans[0] ?? null }));
  }, [yaml, url, profile]);
}

/** The lines a span covers, as the editor marks them ("12-14"); an end at column 1 is exclusive. */
function lines(span) {
  if (!span) return null;
  const last = span.end.column <= 1 && span.end.line > span.start.line ? span.end.line - 1 : Math.max(span.end.line, span.start.line);
  return `${span.start.line}-${last}`;
}

/** Waits until the step-through shows step `n` (1-based) of `total`. */
async function atStep(page, n, total) {
  await page.waitForFunction(([n, total]) => {
    const count = document.querySelector('[data-testid="step-count"]');
    const current = document.querySelector('[data-testid="step"][aria-current="step"]');
    return count?.textContent === `Step ${n} of ${total}` && current && Number(current.dataset.index) === n - 1;
  }, [n, total]);
}

/** What the editor marks for the current step: its data-lines, or null without a mark. */
function stepMark(page) {
  return page.evaluate(() => document.querySelector('[data-testid="step-mark"]')?.dataset.lines ?? null);
}

/** A fresh page showing YAML's decision for URL_V2. */
async function routed(options = {}) {
  const page = await env.newPage(options);
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, YAML);
  await route(page, URL_V2);
  return page;
}

/** A fresh page with the step-through open on YAML's decision for URL_V2. */
async function stepping(options = {}) {
  const page = await routed(options);
  await openSteps(page);
  return page;
}

/** Opens the step-through and waits for its steps for the request on screen. */
async function openSteps(page) {
  await page.click(sel("teach-steps"));
  await page.waitForSelector(`${sel("teach-panel")}[data-view="steps"] ${sel("step")}[aria-current="step"]`);
}

/** Walks every step with the Next button, checking the editor's mark against the engine's spans. */
async function walk(page, expected) {
  const total = expected.length;
  for (let i = 0; i < total; i++) {
    await atStep(page, i + 1, total);
    const want = lines(expected[i].span);
    await page.waitForFunction((want) => (document.querySelector('[data-testid="step-mark"]')?.dataset.lines ?? null) === want, want);
    const shown = await page.$eval(`${sel("step")}[aria-current="step"]`, (li) => ({ rule: li.dataset.rule, stage: li.dataset.stage, text: li.textContent }));
    assert.equal(shown.rule, expected[i].rule, `step ${i + 1}: its rule`);
    assert.equal(shown.stage, expected[i].stage, `step ${i + 1}: its stage`);
    assert.ok(shown.text.includes(expected[i].title), `step ${i + 1}: its title`);
    const said = await page.textContent(`${sel("steps-view")} [aria-live="polite"]`);
    assert.ok(said.startsWith(`Step ${i + 1} of ${total}, ${expected[i].rule}: ${expected[i].title}.`), `step ${i + 1}: announced (${said})`);
    if (i + 1 < total) await page.click(sel("step-next"));
  }
  assert.equal(await page.getAttribute(sel("step-next"), "aria-disabled"), "true", "Next is inactive on the last step");
}

test("the step-through walks a spec decision, marking each step's lines in the editor", async () => {
  const page = await env.newPage();
  const loaded = [];
  page.on("request", (r) => { if (new URL(r.url()).pathname.includes("/teach/")) loaded.push(new URL(r.url()).pathname); });
  await page.goto(env.url);
  await ready(page);
  assert.deepEqual(loaded, [], "no Teach module is part of the first visit");
  await setYaml(page, YAML);
  const r = await route(page, URL_V2);
  assert.equal(r.backend, "api:80");
  const expected = await engineSteps(page, YAML, URL_V2, "spec");
  assert.ok(expected.length >= 5, `a decision with several steps (${expected.length})`);
  assert.ok(expected.some((s) => /^R\d$/.test(s.rule)), "the spec's steps name rules R1–R7");
  await openSteps(page);
  assert.ok(loaded.some((p) => p.endsWith("/teach/steps.js")), "steps.js loads when the view opens");
  assert.equal(await page.getAttribute(sel("teach-steps"), "aria-pressed"), "true");
  await walk(page, expected);
  await page.screenshot({ path: `${SCREENSHOTS}teach-steps.png` });
  // Back to the first with the Previous button, then closing clears the mark.
  await page.click(sel("step-prev"));
  await atStep(page, expected.length - 1, expected.length);
  await page.click(sel("teach-close"));
  await page.waitForSelector(sel("teach-panel"), { state: "detached" });
  assert.equal(await stepMark(page), null, "closing the panel clears the mark");
  assert.equal(await page.getAttribute(sel("teach-steps"), "aria-pressed"), "false");
});

test("the step-through walks an ingress-nginx decision in the controller's own terms", async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}?view=steps`);
  await ready(page);
  await page.waitForSelector(`${sel("teach-panel")}[data-view="steps"]`);
  await setYaml(page, YAML);
  await route(page, URL_V2);
  await page.selectOption(sel("profile-select"), "ingress-nginx");
  await page.waitForFunction(() => document.querySelector('[data-testid="steps-view"]')?.dataset.profile === "ingress-nginx");
  await settled(page);
  const expected = await engineSteps(page, YAML, URL_V2, "ingress-nginx");
  assert.ok(expected.some((s) => !/^R\d$/.test(s.rule)), `some steps are the controller's own rules: ${expected.map((s) => s.rule)}`);
  await page.click(`${sel("step")}[data-index="0"]`);
  await walk(page, expected);
});

test("the route map under the steps marks the boxes of the current step", async () => {
  const page = await stepping();
  const expected = await engineSteps(page, YAML, URL_V2, "spec");
  await page.click(sel("steps-map"));
  assert.equal(await page.getAttribute(sel("steps-map"), "aria-pressed"), "true");
  await page.waitForSelector(`${sel("steps-map-view")} svg`);
  // The winner's step looks at the winning path: its box is marked.
  const winner = expected.findIndex((s) => s.stage === "winner");
  await page.click(`${sel("step")}[data-index="${winner}"]`);
  await page.waitForSelector(`${sel("steps-map-view")} [data-step]`);
  // The request step looks at no path: nothing marked.
  await page.click(`${sel("step")}[data-index="0"]`);
  await page.waitForFunction(() => !document.querySelector('[data-testid="steps-map-view"] [data-step]'));
  await page.screenshot({ path: `${SCREENSHOTS}teach-steps-map.png`, fullPage: true });
  await page.click(sel("steps-map"));
  assert.ok(await page.$eval(sel("steps-map-view"), (el) => el.hidden), "Hide the route map hides it");
});

test("a host with 5,000 paths walks 5,000 steps, at most 200 of them in the list at once", async () => {
  const paths = Array.from({ length: 5000 }, (_, p) => `      - path: /svc${p}
        pathType: Prefix
        backend: {service: {name: s${p % 7}, port: {number: 80}}}`).join("\n");
  const yaml = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: big\nspec:\n  rules:\n  - host: big.example.com\n    http:\n      paths:\n${paths}\n`;
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await pasteYaml(page, yaml);
  await route(page, "http://big.example.com/svc4321/x");
  let started = Date.now();
  await openSteps(page);
  console.log(`step-through of 5,000 paths: opened in ${Date.now() - started} ms (the JS API package loaded too)`);
  const total = Number((await page.textContent(sel("step-count"))).match(/of (\d+)/)[1]);
  assert.ok(total > 5000, `every candidate is a step: ${total}`);
  assert.ok((await page.$$(sel("step"))).length <= 200, "the list holds at most 200 steps");
  await page.focus(".teach-host");
  await page.keyboard.press("End");
  await atStep(page, total, total);
  await page.keyboard.press("ArrowLeft");
  await atStep(page, total - 1, total);
  started = Date.now();
  await route(page, "http://big.example.com/svc12/x");
  await page.waitForFunction((t) => document.querySelector('[data-testid="step-count"]')?.textContent.endsWith(`of ${t}`), total);
  console.log(`step-through of 5,000 paths: a URL edit re-walked in ${Date.now() - started} ms (with the page's own update)`);
  await atStep(page, total - 1, total);
});

test("keyboard only: Tab to the Teach bar, open the step-through, ← → Home End; typing in a field does not step", async () => {
  const page = await routed();
  await page.focus(sel("request-url"));
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.dataset.testid === "teach-steps");
  }
  assert.ok(reached, "Tab reaches the Step through button from the request form");
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${sel("step")}[aria-current="step"]`);
  assert.ok(await page.evaluate(() => document.activeElement?.closest('[data-testid="teach-panel"]') !== null), "the opened view has the focus");
  const total = (await engineSteps(page, YAML, URL_V2, "spec")).length;
  await atStep(page, 1, total);
  await pressSteps(page, [["ArrowRight", 2], ["ArrowRight", 3], ["ArrowLeft", 2], ["End", total], ["Home", 1]], (n) => atStep(page, n, total));
  // Tab moves on to the view's buttons (Previous, inactive on the first step, keeps its place in
  // the tab order), which work with Enter; arrows still step there.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "step-prev");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "step-next");
  await pressSteps(page, [["Enter", 2], ["ArrowRight", 3]], (n) => atStep(page, n, total));
  // Next goes inactive on the last step but keeps the focus, so the keys go on working.
  await page.keyboard.press("End");
  await atStep(page, total, total);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "step-next");
  await pressSteps(page, [["Enter", total], ["ArrowLeft", total - 1], ["ArrowRight", total], ["Home", 1]], (n) => atStep(page, n, total));
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await atStep(page, 3, total);
  // Arrow keys in the URL field move the caret, not the steps.
  await page.focus(sel("request-url"));
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Home");
  await atStep(page, 3, total);
  // Escape closes the panel and gives the focus back to its button.
  await page.focus(sel("step-next"));
  await page.keyboard.press("Escape");
  await page.waitForSelector(sel("teach-panel"), { state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "teach-steps");
});

test("re-running after an edit keeps the step; a step without lines clears the mark", async () => {
  const page = await stepping();
  const expected = await engineSteps(page, YAML, URL_V2, "spec");
  await page.click(`${sel("step")}[data-index="2"]`);
  await atStep(page, 3, expected.length);
  // A comment line at the top moves every span down a line: the same step, marked one line lower.
  const edited = `# moved\n${YAML}`;
  await setYaml(page, edited);
  const after = await engineSteps(page, edited, URL_V2, "spec");
  await atStep(page, 3, after.length);
  const want = lines(after[2].span);
  await page.waitForFunction((want) => (document.querySelector('[data-testid="step-mark"]')?.dataset.lines ?? null) === want, want);
  if (after[2].span) assert.notEqual(lines(after[2].span), lines(expected[2].span));
  // A step whose engine step has no span leaves no mark.
  const bare = after.findIndex((s) => !s.span);
  if (bare >= 0) {
    await page.click(`${sel("step")}[data-index="${bare}"]`);
    await page.waitForFunction(() => !document.querySelector('[data-testid="step-mark"]'));
  }
  // An invalid URL: the view says why instead of steps.
  await page.fill(sel("request-url"), "not a url");
  await page.waitForFunction(() => !document.querySelector('[data-testid="steps-status"]')?.hidden);
  assert.match(await page.textContent(sel("steps-status")), /^request\.url: .*not a url/, "the JS API's error, naming the field");
  assert.equal(await page.textContent(sel("step-count")), "No steps");
});

test("the bridge: teach-load loads with Undo, teach-request sets the request form, teach-reveal marks lines", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  const before = await page.inputValue(sel("yaml-editor"));
  await openSteps(page);
  const fire = (type, detail) => page.evaluate(([type, detail]) => {
    document.querySelector(".teach-host").dispatchEvent(new CustomEvent(`teach-${type}`, { detail, bubbles: true }));
  }, [type, detail]);
  await fire("load", {
    title: "Lesson 1", yaml: YAML, profile: "ingress-nginx",
    request: { url: "https://shop.example.com/api", headers: { "X-Canary": "always" }, cookies: [["beta", "1"]] },
    rows: [{ name: "v2", request: { url: URL_V2 }, expect: { backend: "api:80" } }, { request: { url: "http://x.example.com/" }, expect: { backend: "tenant:80" } }],
  });
  await page.waitForSelector(sel("undo-load"));
  await settled(page);
  assert.equal(await page.inputValue(sel("yaml-editor")), YAML);
  assert.equal(await page.inputValue(sel("request-url")), "https://shop.example.com/api");
  assert.equal(await page.inputValue(sel("request-headers")), "X-Canary: always\nCookie: beta=1");
  assert.equal(await page.inputValue(sel("profile-select")), "ingress-nginx");
  assert.match(await page.textContent(sel("load-notice")), /Lesson 1/);
  assert.equal(await page.$$eval(`${sel("tests-table")} tbody tr`, (rows) => rows.length), 2);
  await fire("request", { url: "http://x.example.com/a", method: "POST" });
  await page.waitForFunction(() => document.querySelector('[data-testid="request-url"]').value === "http://x.example.com/a");
  assert.equal(await page.inputValue(sel("request-method")), "POST");
  assert.equal(await page.inputValue(sel("request-headers")), "");
  await fire("reveal", { line: 9, end: 11 });
  await page.waitForFunction(() => document.querySelector('[data-testid="step-mark"]')?.dataset.lines === "9-11");
  await page.click(sel("undo-load"));
  await page.waitForFunction((b) => document.querySelector('[data-testid="yaml-editor"]').value === b, before);
});

test("presenter mode: ?present and the Present button toggle .presenting; ?lesson opens the lessons view", async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}?present`);
  await ready(page);
  await page.waitForSelector(`.app.presenting ${sel("teach-present")}[aria-pressed="true"]`);
  assert.ok(await page.$(sel("hide-answer")), "the Hide the answer switch shows while presenting");
  await page.click(sel("teach-present"));
  await page.waitForSelector(`.app:not(.presenting) ${sel("teach-present")}[aria-pressed="false"]`);
  assert.equal(await page.$(sel("hide-answer")), null, "and goes with presenter mode");
  await page.click(sel("teach-present"));
  await page.waitForSelector(`.app.presenting ${sel("teach-present")}[aria-pressed="true"]`);
  // A re-render of the page (an edit) keeps presenter mode.
  await page.fill(sel("request-url"), "http://shop.example.com/other");
  await settled(page);
  assert.ok(await page.$eval(".app", (app) => app.classList.contains("presenting")));
  const lesson = await env.newPage();
  await lesson.goto(`${env.url}#lesson=not-a-permalink`);
  await lesson.waitForSelector(`${sel("teach-panel")}[data-view="lessons"]`);
  assert.equal(await lesson.$(`.notice[role="status"]`), null, "#lesson= is not read as a broken permalink");
  // The lessons view reports the bad lesson itself; this test only checks the page opened it.
  lesson.errors.length = 0;
});

for (const scheme of ["light", "dark"]) {
  test(`the Teach bar and the step-through meet WCAG AA contrast (${scheme})`, async () => {
    const page = await stepping({ colorScheme: scheme });
    await page.click(`${sel("step")}[data-index="1"]`);
    const found = await contrasts(page, '[data-testid="teach-bar"], [data-testid="teach-panel"]');
    assert.ok(found.length > 10, `texts checked: ${found.length}`);
    const low = found.filter((f) => f.ratio < 4.5);
    assert.deepEqual(low, [], "every text at 4.5:1 or more");
    await page.screenshot({ path: `${SCREENSHOTS}teach-steps-${scheme}.png` });
  });
}
