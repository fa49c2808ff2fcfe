// Lessons (issue 13; web/teach/lessons.js, README "Lessons"): the Teach bar's "Lessons" lists the
// track with progress; a learner loads lesson 1's YAML, sees the exercise fail, edits the YAML in
// the editor as a user types, sees it pass ("Solved!"), and finds the ✓ again after a reload.
// A teacher's lesson round-trips through a `#lesson=` link; `?lesson=URL` opens a served lesson
// file, and a missing, broken, oversized or silent one says what is wrong (never a hang).
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { suite, sel, ready, settled, SCREENSHOTS } from "./helpers.mjs";

const env = suite();

const PANEL = `${sel("teach-panel")}[data-view="lessons"]`;
const STATUS = sel("lesson-status");

/** Opens the Lessons view (the Teach bar's button) unless it is open; waits for a lesson's title. */
async function openLessons(page) {
  if (!(await page.$(PANEL))) await page.click(sel("teach-lessons"));
  await page.waitForSelector(`${PANEL} ${sel("lesson-title")}`, { timeout: 30000 });
}

/** A fresh page on the playground, settled. */
async function playground(query = "") {
  const page = await env.newPage();
  await page.goto(`${env.url}${query}`);
  await ready(page);
  return page;
}

/** Waits until the exercise's status says solved (true) or not (false), the page settled. */
async function solved(page, expected) {
  await settled(page);
  await page.waitForSelector(`${STATUS}[data-solved="${expected}"]`, { timeout: 30000 });
  return page.$$eval(sel("lesson-case"), (els) => els.map((el) => el.dataset.passed === "true"));
}

/** Replaces `from` (its first occurrence in the editor) by typing `to` over it, as a user would. */
async function typeOver(page, from, to) {
  await page.evaluate((text) => {
    const area = document.querySelector('[data-testid="yaml-editor"]');
    const at = area.value.indexOf(text);
    if (at < 0) throw new Error(`${text} is not in the editor`);
    area.focus();
    area.setSelectionRange(at, at + text.length);
  }, from);
  await page.keyboard.type(to);
}

/** Drops the console's record of a resource the test made fail on purpose. */
function forgetFailedLoads(page) {
  page.errors = page.errors.filter((e) => !/Failed to load resource/.test(e));
}

test("lesson 1 from start to a solved exercise: load, fail, edit, pass, progress kept", async () => {
  const page = await playground();
  await page.evaluate(() => localStorage.removeItem("ingress-sim/lessons/v1"));
  await openLessons(page);
  const items = await page.$$eval(sel("lesson-item"), (els) => els.map((el) => el.dataset.lesson));
  assert.ok(items.length >= 8, `a track of about eight lessons (${items.length})`);
  await page.click(`${sel("lesson-item")}[data-lesson="01-exact-vs-prefix"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson"]')?.dataset.lesson === "01-exact-vs-prefix");
  assert.equal(await page.textContent(sel("lesson-title")), "Exact vs Prefix");
  assert.match(await page.textContent(sel("lesson-goal")), /\/api/);

  await page.click(sel("lesson-load"));
  await page.waitForFunction(() => document.querySelector('[data-testid="yaml-editor"]').value.includes("pathType: Exact"));
  assert.ok(await page.$(sel("undo-load")), "loading the lesson's YAML offers Undo");
  const before = await solved(page, "false");
  assert.ok(before.includes(false) && before.includes(true), `some cases fail at the start (${before})`);
  const reason = await page.textContent(`${sel("lesson-case")}[data-passed="false"] .lesson-reason`);
  assert.match(reason, /expected backend api:8080; got .*web:80/, "a failing case says what the engine answered");
  assert.equal(await page.$eval(`${sel("lesson-item")}[data-lesson="01-exact-vs-prefix"]`, (el) => el.dataset.done), "false");
  await page.screenshot({ path: `${SCREENSHOTS}lessons-exercise.png` });

  await typeOver(page, "Exact", "Prefix");
  const after = await solved(page, "true");
  assert.ok(after.every(Boolean), "every case passes");
  assert.match(await page.textContent(STATUS), /Solved!/);
  await page.waitForSelector(`${sel("lesson-item")}[data-lesson="01-exact-vs-prefix"][data-done="true"]`);

  await page.reload();
  await ready(page);
  await openLessons(page);
  const done = await page.$eval(`${sel("lesson-item")}[data-lesson="01-exact-vs-prefix"]`, (el) => ({ done: el.dataset.done, text: el.textContent }));
  assert.deepEqual([done.done, done.text.startsWith("✓")], ["true", true], "the progress survives a reload");
});

test("requests to try set the request form; hints come one at a time, then the solution; keyboard works", async () => {
  const page = await playground();
  await openLessons(page);
  await page.click(`${sel("lesson-item")}[data-lesson="02-longest-match-wins"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson"]')?.dataset.lesson === "02-longest-match-wins");
  const url = await page.getAttribute(`${sel("lesson-request")} >> nth=1`, "data-url");
  await page.click(`${sel("lesson-request")} >> nth=1`);
  await page.waitForFunction((u) => document.querySelector('[data-testid="request-url"]').value === u, url);

  assert.equal(await page.$$eval(sel("lesson-hint-text"), (els) => els.length), 0);
  await page.focus(sel("lesson-hint"));
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${sel("lesson-hint-text")}[data-hint="1"]`);
  assert.equal(await page.isVisible(sel("lesson-show-solution")), false, "the solution waits for the last hint");
  await page.keyboard.press("Enter"); // the focus stays on the button for the next hint
  await page.waitForSelector(`${sel("lesson-hint-text")}[data-hint="2"]`);
  await page.waitForSelector(`${sel("lesson-show-solution")}:focus`);
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${sel("lesson-solution")} pre`);
  await page.click(sel("lesson-load-solution"));
  assert.deepEqual((await solved(page, "true")).every(Boolean), true, "the solution solves the exercise");

  await page.click(sel("lesson-next"));
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson"]')?.dataset.lesson === "03-trailing-slashes");
  assert.equal(await page.$$eval(sel("lesson-hint-text"), (els) => els.length), 0, "the next lesson starts without hints");
});

const TEACHER_LESSON = `---
title: Our checkout route
---

The checkout must go to **checkout**, [the docs](https://kubernetes.io/docs/concepts/services-networking/ingress/) say how.
A [bad link](javascript:alert(1)) and <img src=x onerror=alert(1)> stay text.

\`\`\`yaml manifest
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
\`\`\`

\`\`\`yaml exercise
description: Send /checkout to checkout.
cases:
- url: http://shop.example.com/checkout/pay
  expect: {backend: "checkout:80"}
\`\`\`
`;

test("a teacher's lesson: written, previewed, shared as a #lesson= link that opens it (round trip)", async () => {
  const page = await playground();
  await openLessons(page);
  await page.click(sel("lesson-write"));
  await page.fill(sel("lesson-source"), TEACHER_LESSON);
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-title"]')?.textContent === "Our checkout route");
  const links = await page.$$eval(`${sel("lesson")} a`, (els) => els.map((a) => a.getAttribute("href")));
  assert.deepEqual(links, ["https://kubernetes.io/docs/concepts/services-networking/ingress/"], "only the http(s) link is a link");
  assert.equal(await page.$(`${sel("lesson")} img`), null, "HTML in a lesson stays text");
  // Typing through a broken state: the error names the line, the last readable preview stays.
  await page.fill(sel("lesson-source"), `${TEACHER_LESSON}\n\`\`\`hint\nstill typing`);
  await page.waitForSelector(`${sel("lesson-error")}:not([hidden])`);
  assert.match(await page.textContent(sel("lesson-error")), /line 27: the block opened here \(```hint\) is never closed/);
  assert.equal(await page.textContent(sel("lesson-title")), "Our checkout route");
  await page.fill(sel("lesson-source"), TEACHER_LESSON);
  await page.waitForSelector(`${sel("lesson-error")}[hidden]`, { state: "attached" });
  await page.click(sel("lesson-share"));
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-share-link"]')?.value.includes("#lesson="));
  const href = await page.inputValue(sel("lesson-share-link"));
  assert.ok(href.startsWith(env.url), href);

  const learner = await env.newPage();
  await learner.goto(href);
  await ready(learner);
  await learner.waitForSelector(`${PANEL} ${sel("lesson-title")}`, { timeout: 30000 });
  assert.equal(await learner.textContent(sel("lesson-title")), "Our checkout route");
  assert.equal(await learner.isVisible(sel("lesson-error")), false, "the #lesson= fragment is no broken permalink");
  await learner.click(sel("lesson-load"));
  assert.deepEqual(await solved(learner, "false"), [false]);
  await typeOver(learner, "      - {path: /,", "      - {path: /checkout, pathType: Prefix, backend: {service: {name: checkout, port: {number: 80}}}}\n      - {path: /,");
  assert.deepEqual(await solved(learner, "true"), [true]);
});

test("?lesson=URL opens a served lesson file; a missing, broken, oversized or silent one says why", async () => {
  const served = await playground("?lesson=lessons/03-trailing-slashes.md");
  await served.waitForSelector(`${PANEL} ${sel("lesson-title")}`, { timeout: 30000 });
  assert.equal(await served.textContent(sel("lesson-title")), "Trailing slashes");

  const cases = [
    ["lessons/no-such-lesson.md", null, /Could not load the lesson from .*no-such-lesson\.md: HTTP 404/],
    ["broken.md", { body: "# T\n\n```yaml manifest\nkind: Ingress\n" }, /This lesson cannot be read: line 3: the block opened here .* is never closed/],
    ["huge.md", { body: "#".repeat(300 * 1024) }, /more than the 256 KiB a lesson may be/],
    ["javascript:alert(1)", null, /only http\(s\) URLs are read/],
  ];
  for (const [src, reply, message] of cases) {
    const page = await env.newPage();
    if (reply) await page.route(`**/${src}`, (route) => route.fulfill({ status: 200, contentType: "text/markdown", ...reply }));
    await page.goto(`${env.url}?lesson=${encodeURIComponent(src)}`);
    await ready(page);
    await page.waitForSelector(`${PANEL} ${sel("lesson-error")}:not([hidden])`, { timeout: 30000 });
    assert.match(await page.textContent(sel("lesson-error")), message, src);
    forgetFailedLoads(page);
  }

  const silent = await env.newPage();
  await silent.route("**/silent.md", () => {}); // never answers
  const started = Date.now();
  await silent.goto(`${env.url}?lesson=silent.md`);
  await ready(silent);
  await silent.waitForSelector(`${PANEL} ${sel("lesson-error")}:not([hidden])`, { timeout: 30000 });
  assert.match(await silent.textContent(sel("lesson-error")), /no answer within 10 s/);
  console.log(`# a lesson URL that never answers is given up after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  forgetFailedLoads(silent);

  const links = [
    ["%%%not-base64", /This lesson link cannot be opened: the link is damaged \(not base64url\)/],
    // 3 MB of text in a few KB: refused once 2 MB are inflated, as a #v1= link is (README, "Hostile links").
    [deflateRawSync(Buffer.alloc(3 * 1024 * 1024, "#"), { level: 9 }).toString("base64url"), /cannot be opened: this link holds more than 2 MB of text/],
  ];
  for (const [payload, message] of links) {
    const page = await env.newPage();
    await page.goto(`${env.url}#lesson=${payload}`);
    await ready(page);
    await page.waitForSelector(`${PANEL} ${sel("lesson-error")}:not([hidden])`, { timeout: 30000 });
    assert.match(await page.textContent(sel("lesson-error")), message);
  }
});

test("the docs widget shows a lesson (lesson=\"URL\"): its text, YAML, requests and a live exercise", async () => {
  const page = await env.newPage();
  // A docs page of our own (the dist's pages carry their own policies; this one embeds the widget).
  await page.route("**/docs-page.html", (route) => route.fulfill({
    status: 200, contentType: "text/html",
    body: `<!doctype html><meta charset="utf-8"><title>docs</title><script type="module" src="ingress-playground.js"></script>
      <ingress-playground lesson="lessons/01-exact-vs-prefix.md" view="full"></ingress-playground>`,
  }));
  await page.goto(`${env.url}docs-page.html`);
  const widget = "ingress-playground";
  await page.waitForSelector(`${widget} ${sel("widget-lesson")} h2`, { timeout: 30000 });
  assert.equal(await page.textContent(`${widget} ${sel("widget-lesson")} h2`), "Exact vs Prefix");
  await page.waitForFunction(() => document.querySelector("ingress-playground").yaml.includes("pathType: Exact"));
  assert.deepEqual(await page.$eval(widget, (el) => el.requests), [
    "http://shop.example.com/api", "http://shop.example.com/api/orders", "http://shop.example.com/apis",
  ]);
  await page.waitForSelector(`${widget} ${STATUS}[data-solved="false"]`);
  await page.waitForSelector(`${widget} ${sel("lesson-case")}[data-passed="false"]`);
  const editor = `${widget} ${sel("yaml-editor")}`;
  await page.$eval(editor, (area) => {
    const at = area.value.indexOf("Exact");
    area.focus();
    area.setSelectionRange(at, at + "Exact".length);
  });
  await page.keyboard.type("Prefix");
  await page.waitForSelector(`${widget} ${STATUS}[data-solved="true"]`, { timeout: 30000 });
  assert.deepEqual(await page.$$eval(`${widget} ${sel("lesson-case")}`, (els) => els.map((el) => el.dataset.passed)), ["true", "true", "true", "true", "true"]);
  await page.screenshot({ path: `${SCREENSHOTS}lesson-widget.png` });

  const missing = await env.newPage();
  await missing.route("**/docs-page.html", (route) => route.fulfill({
    status: 200, contentType: "text/html",
    body: `<!doctype html><meta charset="utf-8"><title>docs</title><script type="module" src="ingress-playground.js"></script>
      <ingress-playground lesson="lessons/none.md"></ingress-playground>`,
  }));
  await missing.goto(`${env.url}docs-page.html`);
  await missing.waitForSelector(`${widget} ${sel("widget-lesson-error")}`, { timeout: 30000 });
  assert.match(await missing.textContent(`${widget} ${sel("widget-lesson-error")}`), /Could not load the lesson from .*none\.md: HTTP 404/);
  forgetFailedLoads(missing);
});

test("keyboard only: Tab reaches every control of the Lessons view in reading order", async () => {
  const page = await playground();
  await openLessons(page);
  await page.click(`${sel("lesson-item")}[data-lesson="04-wildcard-hosts"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson"]')?.dataset.lesson === "04-wildcard-hosts");
  await page.focus(`${sel("lesson-item")} >> nth=0`);
  const reached = [];
  for (let i = 0; i < 40; i++) {
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.dataset?.testid ?? (el?.tagName === "SUMMARY" ? "summary" : el?.tagName === "A" ? "link" : el?.tagName ?? "");
    });
    if (reached.at(-1) !== id) reached.push(id);
    if (id === "lesson-share") break;
    await page.keyboard.press("Tab");
  }
  for (const id of ["lesson-item", "lesson-write", "lesson-load", "lesson-request", "lesson-hint", "lesson-prev", "lesson-next", "lesson-share"]) {
    assert.ok(reached.includes(id), `Tab reaches ${id} (${reached.join(" → ")})`);
  }
  const order = ["lesson-write", "lesson-load", "lesson-request", "lesson-hint", "lesson-next", "lesson-share"].map((id) => reached.indexOf(id));
  assert.deepEqual(order, [...order].sort((a, b) => a - b), `in reading order: ${reached.join(" → ")}`);
  await page.focus(sel("lesson-load"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="yaml-editor"]').value.includes('"*.example.com"'));
  assert.deepEqual((await solved(page, "false")).includes(false), true);
});

test("every lesson of the track in the page: its YAML fails the exercise, its solution passes, under its profile", async () => {
  const page = await playground();
  await openLessons(page);
  const ids = await page.$$eval(sel("lesson-item"), (els) => els.map((el) => el.dataset.lesson));
  for (const id of ids) {
    await page.click(`${sel("lesson-item")}[data-lesson="${id}"]`);
    await page.waitForFunction((want) => document.querySelector('[data-testid="lesson"]')?.dataset.lesson === want, id);
    await page.click(sel("lesson-load"));
    await page.waitForSelector(`${sel("undo-load")}`);
    const start = await solved(page, "false");
    assert.ok(start.includes(false), `${id}: the starting YAML fails`);
    const profile = await page.inputValue(sel("profile-select"));
    const lessonProfile = { "08-ingress-nginx-regex": "ingress-nginx", "09-traefik-rule-length": "traefik" }[id] ?? "spec";
    assert.equal(profile, lessonProfile, `${id}: loading sets the lesson's profile`);
    while (await page.isVisible(sel("lesson-hint"))) await page.click(sel("lesson-hint"));
    await page.click(sel("lesson-show-solution"));
    await page.click(sel("lesson-load-solution"));
    assert.ok((await solved(page, "true")).every(Boolean), `${id}: the solution passes in the page`);
  }
  // Solved with the solution shown: none of them counts as done.
  assert.equal(await page.$$eval(`${sel("lesson-item")}[data-done="true"]`, (els) => els.length), 0);
  assert.match(await page.textContent(sel("lesson-status")), /not marked done/);
});
