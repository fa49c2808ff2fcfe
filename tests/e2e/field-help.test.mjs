// Field help in the editor (issue 13): hovering a field name, or moving the caret onto one with the
// keyboard, shows what it means in the Ingress v1 API with a link to the reference; an unknown
// field shows the engine's "did you mean"; Escape closes the help. Its module is loaded on first
// use, never by a first visit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, sel, ready, setYaml, analysed } from "./helpers.mjs";

const env = suite();
const HELP = sel("field-help");
const REFERENCE = "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/";

const YAML = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
spec:
  ingressClassName: nginx
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathtype: Prefix
        backend: {service: {name: api, port: {number: 80}}}
`;

/** The viewport point over `word` (its `nth` occurrence) on 1-based `line` of the editor. */
function pointOver(page, line, word, nth = 0) {
  return page.$eval(sel("yaml-editor"), (area, [line, word, nth]) => {
    const style = getComputedStyle(area);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontSize} ${style.fontFamily}`;
    const char = context.measureText("0000000000").width / 10;
    const text = area.value.split("\n")[line - 1];
    let column = -1;
    for (let i = 0; i <= nth; i++) column = text.indexOf(word, column + 1);
    const zoom = area.currentCSSZoom ?? 1;
    const rect = area.getBoundingClientRect();
    const x = parseFloat(style.paddingLeft) + (column + word.length / 2) * char - area.scrollLeft;
    const y = parseFloat(style.paddingTop) + (line - 0.5) * parseFloat(style.lineHeight) - area.scrollTop;
    return { x: rect.left + x * zoom, y: rect.top + y * zoom };
  }, [line, word, nth]);
}

async function hover(page, line, word, nth) {
  const { x, y } = await pointOver(page, line, word, nth);
  await page.mouse.move(x, y);
}

/** Moves the caret to line `line`, column `column` (1-based) with the keyboard only. */
async function caretTo(page, line, column) {
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < line; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Home");
  for (let i = 1; i < column; i++) await page.keyboard.press("ArrowRight");
}

test("a first visit does not load the field help; hovering a field shows what it means, with the reference", async () => {
  const page = await env.newPage();
  const loaded = [];
  page.on("request", (r) => { if (/teach\/field-help/.test(r.url())) loaded.push(r.url()); });
  await page.goto(env.url);
  await ready(page);
  assert.deepEqual(loaded, [], "not loaded by a first visit");
  // Line 11 of the first example: `            pathType: Prefix`.
  assert.match(await page.inputValue(sel("yaml-editor")).then((t) => t.split("\n")[10]), /pathType: Prefix/);
  await hover(page, 11, "pathType");
  await page.waitForSelector(`${HELP}:not([hidden])`);
  assert.ok(loaded.some((u) => u.endsWith("field-help.js")), "loaded on first use");
  assert.equal(await page.getAttribute(HELP, "data-field"), "spec.rules.http.paths.pathType");
  const text = await page.textContent(HELP);
  assert.match(text, /Exact/);
  assert.match(text, /Prefix: element by element/);
  assert.equal(await page.getAttribute(`${HELP} a`, "href"), `${REFERENCE}#HTTPIngressPath`);
  // The box is above the hovered line (a hover), leaving the lines below it free.
  const [box, over] = [await page.$eval(HELP, (el) => el.getBoundingClientRect().bottom), await pointOver(page, 11, "pathType")];
  assert.ok(box < over.y, `above the line: ${box} < ${over.y}`);
  assert.equal(await page.getAttribute(HELP, "data-side"), "above");
  // Another field; the value of a field explains the field; hovering nothing closes the help.
  await hover(page, 13, "service");
  await page.waitForSelector(`${HELP}[data-field="spec.rules.http.paths.backend.service"]:not([hidden])`);
  await hover(page, 14, "service1");
  await page.waitForSelector(`${HELP}[data-field="spec.rules.http.paths.backend.service.name"]:not([hidden])`);
  await hover(page, 9, "paths");
  await page.waitForSelector(`${HELP}[data-field="spec.rules.http.paths"]:not([hidden])`);
  await page.mouse.move(5, 5);
  await page.waitForSelector(HELP, { state: "hidden" });
});

test("by keyboard: the caret on a field shows its help, Tab reaches the link, Escape closes it", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, YAML);
  await page.focus(sel("yaml-editor"));
  await caretTo(page, 8, 5); // ingressClassName
  await page.waitForSelector(`${HELP}[data-field="spec.ingressClassName"]:not([hidden])`);
  assert.equal(await page.getAttribute(HELP, "data-side"), "below", "under the caret's line");
  assert.match(await page.textContent(HELP), /IngressClass/);
  assert.equal(await page.getAttribute(`${HELP} a`, "href"), `${REFERENCE}#IngressSpec`);
  assert.match(await page.getAttribute(sel("yaml-editor"), "aria-describedby"), /field-help/);
  // Escape closes it and the caret stays in the editor.
  await page.keyboard.press("Escape");
  await page.waitForSelector(HELP, { state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "yaml-editor");
  // Another field by keyboard: the TLS Secret (a flow list's neighbour), then Tab to the link.
  await caretTo(page, 11, 6); // secretName
  await page.waitForSelector(`${HELP}[data-field="spec.tls.secretName"]:not([hidden])`);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid="field-help"]') !== null), true, "Tab reaches the help's link");
  await page.keyboard.press("Escape");
  await page.waitForSelector(HELP, { state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "yaml-editor", "Escape returns to the editor");
  // Flow mappings: the port number inside `backend: {service: {name: api, port: {number: 80}}}`.
  await caretTo(page, 18, 51);
  await page.waitForSelector(`${HELP}[data-field="spec.rules.http.paths.backend.service.port.number"]:not([hidden])`);
});

test("an unknown field shows the engine's “did you mean”; an annotation its controller's meaning", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await setYaml(page, YAML);
  await analysed(page);
  // The engine's decode diagnostic for line 17, as the Problems list shows it.
  const problem = await page.textContent(`${sel("validation-errors")} li[data-line="17"] .message`);
  assert.match(problem, /unknown field "spec\.rules\[0\]\.http\.paths\[0\]\.pathtype" \(did you mean "pathType"\?\)/);
  await hover(page, 17, "pathtype");
  await page.waitForSelector(`${HELP}:not([hidden]) .field-help-unknown[data-suggestion="pathType"]`);
  const text = await page.textContent(HELP);
  assert.match(text, /Unknown field pathtype: did you mean pathType\?/);
  assert.match(text, /How path is matched/, "and what the suggested field means");
  await hover(page, 6, "nginx.ingress");
  await page.waitForSelector(`${HELP}[data-field="metadata.annotations.nginx.ingress.kubernetes.io/use-regex"]:not([hidden])`);
  assert.match(await page.textContent(HELP), /regex mode/);
  assert.match(await page.getAttribute(`${HELP} a`, "href"), /^https:\/\/kubernetes\.github\.io\/ingress-nginx\//);
});

test("field help under presenter mode's zoomed editor finds the same fields", async () => {
  const page = await env.newPage({ viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
  await page.goto(`${env.url}?present`);
  await ready(page);
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".editor")).zoom === "1.4");
  await hover(page, 11, "pathType");
  await page.waitForSelector(`${HELP}[data-field="spec.rules.http.paths.pathType"]:not([hidden])`);
  const size = await page.$eval(HELP, (el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 18, `help text at ${size} px on a projector`);
  await hover(page, 7, "host");
  await page.waitForSelector(`${HELP}[data-field="spec.rules.host"]:not([hidden])`);
});
