// Presenter mode on a projector (issue 13): at 1280×720 with 150 % browser zoom (emulated as a
// viewport of 853×480 CSS px at device scale 1.5) the YAML and the answer are side by side in
// type of 18 px and more, the editing chrome is hidden, "Hide the answer" hides the decision until
// switched back, every control is reachable by keyboard and every text meets WCAG AA; and the
// examples gallery's controller scenarios, which open under their own profile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DIST } from "./serve.mjs";
import { suite, sel, ready, settled, pickExample, contrasts, SCREENSHOTS } from "./helpers.mjs";

const env = suite();
const DOCS = fileURLToPath(new URL("../../docs/", import.meta.url));
/** A 1280×720 projector at 150 % zoom. */
const PROJECTOR = { viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 };

/** Opens the playground in presenter mode and waits until teach/presenter.css applies. */
async function presenting(options = {}) {
  const page = await env.newPage({ ...PROJECTOR, ...options });
  await page.goto(`${env.url}?present`);
  await ready(page);
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".editor")).zoom === "1.4");
  return page;
}

/** An element's box, or null when it is not rendered. */
const box = (page, selector) => page.$eval(selector, (el) => {
  const r = el.getBoundingClientRect();
  return r.width && r.height ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : null;
});

/** Text as large as it is drawn: the computed size times the CSS zoom of its ancestors. */
const drawnSize = (page, selector) => page.$eval(selector, (el) => parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom ?? 1));

test("presenter mode at 1280×720 and 150 %: the YAML and the answer side by side, in type of 18 px and more", async () => {
  const page = await presenting();
  const editor = await box(page, sel("yaml-editor"));
  const answer = await box(page, sel("result"));
  const [width, height] = [853, 480];
  for (const [name, b] of [["editor", editor], ["result", answer]]) {
    assert.ok(b && b.left >= 0 && b.right <= width && b.top >= 0 && b.top < height - 60, `${name} on screen: ${JSON.stringify(b)}`);
  }
  assert.ok(editor.right <= answer.left, `side by side: editor ends at ${editor.right}, the answer starts at ${answer.left}`);
  assert.ok(editor.top < answer.bottom && answer.top < editor.bottom, "at the same height");
  const sizes = {};
  for (const selector of [sel("yaml-editor"), ".result-main", ".decision-facts dd", sel("request-url"), `${sel("teach-present")}`, sel("hide-answer"), ".field label"]) {
    sizes[selector] = await drawnSize(page, selector);
  }
  console.log(`presenter at 853×480 CSS px: editor ${JSON.stringify(editor)}, result ${JSON.stringify(answer)}; drawn sizes ${JSON.stringify(sizes)}`);
  for (const [selector, size] of Object.entries(sizes)) assert.ok(size >= 18, `${selector}: ${size} px`);
  // The editing chrome is not shown.
  for (const hidden of [sel("tests-table"), sel("share-link"), sel("recent"), ".footer", ".diagnostics", sel("compare-view")]) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} hidden while presenting`);
  }
  // Without presenter mode the same window drops to one column (what presenter mode fixes).
  await page.click(sel("teach-present"));
  await page.waitForSelector(".app:not(.presenting)");
  const [plainEditor, plainAnswer] = [await box(page, sel("yaml-editor")), await box(page, sel("result"))];
  assert.ok(plainAnswer.top >= plainEditor.bottom, "one column without presenter mode");
});

test("Hide the answer hides the decision, the explanation and the winner's lines until switched back", async () => {
  const page = await presenting();
  const hide = sel("hide-answer");
  assert.equal(await page.getAttribute(hide, "aria-pressed"), "false");
  assert.ok(await page.isVisible(".result-main"));
  assert.ok(await page.isVisible(".mark-winner"));
  await page.click(hide);
  await page.waitForSelector('.app[data-hide-answer="true"]');
  assert.equal(await page.getAttribute(hide, "aria-pressed"), "true");
  for (const answer of [".result-main", ".decision-facts", sel("explanation"), ".mark-winner"]) {
    assert.equal(await page.isVisible(answer), false, `${answer} hidden`);
  }
  assert.match(await page.$eval(sel("result"), (el) => getComputedStyle(el, "::before").content), /Answer hidden/);
  await page.screenshot({ path: `${SCREENSHOTS}presenter-hidden.png` });
  // A new question keeps it hidden; the switch shows it again.
  await page.fill(sel("request-url"), "http://foo.bar.com/bar");
  await settled(page);
  assert.equal(await page.isVisible(".result-main"), false);
  await page.click(hide);
  await page.waitForSelector('.app[data-hide-answer="false"]');
  assert.ok(await page.isVisible(".result-main"));
  assert.match(await page.textContent(".result-main"), /service2/);
  // The route map keeps its picture but not the request's way through it.
  await page.click(sel("teach-map"));
  await page.waitForSelector(`${sel("route-map")}[data-state="ready"] [data-lit="true"]`);
  const lit = () => page.$eval('[data-testid="route-map-node"][data-lit="true"] .rm-box', (el) => getComputedStyle(el).fill);
  const plain = await page.$eval(".output-pane", (el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(await lit(), plain, "lit while the answer shows");
  await page.click(hide);
  await page.waitForSelector('.app[data-hide-answer="true"]');
  assert.equal(await lit(), plain, "not lit while the answer is hidden");
  assert.equal(await page.isVisible(sel("route-map-request")), false);
  await page.click(hide);
  await page.waitForSelector('.app[data-hide-answer="false"]');
  await page.click(sel("teach-map"));
  // Leaving presenter mode shows the answer; a later switch starts unpressed.
  await page.click(hide);
  await page.waitForSelector('.app[data-hide-answer="true"]');
  await page.click(sel("teach-present"));
  await page.waitForFunction(() => !document.querySelector(".app").hasAttribute("data-hide-answer"));
  assert.ok(await page.isVisible(".result-main"));
  await page.click(sel("teach-present"));
  assert.equal(await page.getAttribute(hide, "aria-pressed"), "false");
  assert.ok(await page.isVisible(".result-main"));
});

test("presenter mode: the keyboard reaches every control, and the switch works with it", async () => {
  const page = await presenting();
  await page.focus("body");
  const reached = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.dataset?.testid ?? el?.id ?? el?.tagName;
    });
    if (reached.includes(id) && id === reached[0]) break;
    reached.push(id);
  }
  for (const control of ["examples", "teach-steps", "teach-map", "teach-lessons", "teach-present", "hide-answer", "request-url", "profile-select", "yaml-editor"]) {
    assert.ok(reached.includes(control), `Tab reaches ${control}: ${reached.join(", ")}`);
  }
  await page.focus(sel("hide-answer"));
  await page.keyboard.press("Enter");
  await page.waitForSelector('.app[data-hide-answer="true"]');
  await page.keyboard.press("Space");
  await page.waitForSelector('.app[data-hide-answer="false"]');
  // Stepping through in presenter mode: the steps view opens by keyboard and steps with →.
  await page.focus(sel("teach-steps"));
  await page.keyboard.press("Enter");
  await page.waitForSelector(sel("step"));
  await page.keyboard.press("ArrowRight");
  await page.waitForSelector(`${sel("step")}[aria-current="step"]`);
  const editor = await box(page, sel("yaml-editor"));
  assert.ok(editor.top >= 0 && editor.bottom <= 480, "stepping leaves the YAML where it is");
});

for (const scheme of ["light", "dark"]) {
  test(`presenter mode meets WCAG AA contrast (${scheme})`, async () => {
    const page = await presenting({ colorScheme: scheme });
    await page.click(sel("teach-steps"));
    await page.waitForSelector(`${sel("step")}[aria-current="step"]`);
    const found = await contrasts(page, ".app");
    assert.ok(found.length > 20, `texts checked: ${found.length}`);
    assert.deepEqual(found.filter((f) => f.ratio < 4.5), [], "every text at 4.5:1 or more");
    await page.screenshot({ path: `${SCREENSHOTS}presenter-${scheme}.png` });
  });
}

test("docs/presenter.png: the projector's view, stepping through a decision", async () => {
  const page = await presenting({ colorScheme: "light" });
  await page.click(sel("teach-steps"));
  await page.waitForSelector(`${sel("step")}[aria-current="step"]`);
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await page.waitForSelector(`${sel("step")}[data-index="5"][aria-current="step"]`);
  await page.waitForSelector(sel("step-mark"));
  await page.screenshot({ path: `${DOCS}presenter.png` });
});

/** The `name:` and `profile:` of a case file in dist/examples/. */
function caseFile(id) {
  const text = readFileSync(`${DIST}/examples/${id}.yaml`, "utf8");
  const field = (key) => /^(?:"(.*)"|(.*))$/.exec(new RegExp(`^${key}: *(.*)$`, "m").exec(text)?.[1] ?? "")?.slice(1).find((v) => v !== undefined) ?? "";
  return { name: field("name").replace(/\\"/g, '"'), profile: field("profile") || "spec" };
}

test("the examples gallery teaches the controllers: grouped scenarios open under their profile with their notes", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  const groups = await page.$$eval(`${sel("examples")} optgroup`, (gs) => gs.map((g) => [g.label, [...g.querySelectorAll("option")].map((o) => o.value)]));
  assert.deepEqual(groups.map(([label]) => label), ["Kubernetes docs", "ingress-nginx", "Traefik", "AWS ALB", "GCE", "Contour", "Gateway API"]);
  assert.ok(groups[0][1].every((id) => id.startsWith("docs-")));
  // The Gateway API guides (the last group) open the Gateway view: tests/e2e of web/gateway/.
  assert.ok(groups.at(-1)[1].every((id) => id.startsWith("gateway-docs-")));
  const scenarios = groups.slice(1, -1).flatMap(([, ids]) => ids);
  assert.ok(scenarios.length >= 10 && scenarios.every((id) => id.startsWith("profile-")), scenarios.join(", "));
  for (const id of scenarios) {
    const { name, profile } = caseFile(id);
    const before = await page.inputValue(sel("yaml-editor"));
    await pickExample(page, id);
    await page.waitForFunction((b) => document.querySelector('[data-testid="yaml-editor"]').value !== b, before);
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll('[data-testid="tests-table"] tbody tr');
      return rows.length > 0 && [...rows].every((r) => r.dataset.status !== "pending");
    }, null, { timeout: 30000 });
    await settled(page);
    assert.equal(await page.inputValue(sel("profile-select")), profile, `${id} opens under ${profile}`);
    const note = await page.textContent(sel("example-note"));
    assert.ok(note.startsWith(`${name} — `), `${id}: the note is the scenario's: ${note.slice(0, 80)}`);
    assert.match(await page.textContent(`${sel("load-notice")} span`), new RegExp(`Loaded the example “${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”`));
    const statuses = await page.$$eval(`${sel("tests-table")} tbody tr`, (trs) => trs.map((tr) => tr.dataset.status));
    console.log(`  ${id} (${profile}): ${statuses.length} cases, ${statuses.filter((s) => s === "pass").length} pass`);
    assert.deepEqual(statuses.filter((s) => s !== "pass"), [], `${id}: every case passes under ${profile}`);
  }
});
