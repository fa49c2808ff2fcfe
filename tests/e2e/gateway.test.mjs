// The Gateway API view (issue 14; web/gateway/): YAML holding Gateway API objects is routed by
// the JS API package through its Gateway, and the decision takes the result card's place —
// listener, route, rule, match, backend, redirect, rewritten path — with every candidate a button
// that marks its lines in the editor, a Gateway select when the input has several, and an
// implementation select. A first visit loads only gateway/watch.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { suite, sel, ready, settled, setYaml, pasteYaml, pickExample, contrasts, SCREENSHOTS } from "./helpers.mjs";
import { emptyState, fragmentFor } from "../../embed/permalink.js";
import { STORE, INTERNAL } from "../support/gateway-manifests.mjs";

const env = suite();

const VIEW = sel("gateway-view");
const CARD = sel("gateway-result");

/** The card's data-* contract and the view's state. */
function card(page) {
  return page.evaluate(([v, c]) => {
    const view = document.querySelector(v);
    const el = document.querySelector(c);
    return {
      state: view?.dataset.state, url: view?.dataset.url, ...(el ? { ...el.dataset } : {}),
      timings: view ? { read: view.dataset.readMs, engine: view.dataset.engineMs, render: view.dataset.renderMs, total: view.dataset.totalMs } : null,
    };
  }, [VIEW, CARD]);
}

/**
 * Waits until the view has drawn the decision for `url` with every field of `expected` (after
 * the page settled), and returns the card; on timeout, fails with what the card says instead.
 */
async function decided(page, url, expected) {
  await settled(page);
  try {
    await page.waitForFunction(([v, c, u, want]) => {
      const view = document.querySelector(v);
      const el = document.querySelector(c);
      if (view?.dataset.state !== "ready" || view.dataset.url !== u || !el) return false;
      return Object.entries(want).every(([k, value]) => el.dataset[k] === String(value));
    }, [VIEW, CARD, url, expected], { timeout: 30000 });
  } catch {
    assert.deepEqual(await card(page), { ...expected, url }, `the Gateway view for ${url}`);
  }
  return card(page);
}

/** Opens the playground (a first visit), pastes `yaml` into the editor and types `url`. */
async function openWith(yaml, url, options) {
  const page = await env.newPage(options);
  const loaded = [];
  page.on("request", (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto(env.url);
  await ready(page);
  page.firstVisit = [...loaded];
  await setYaml(page, yaml);
  await page.fill(sel("request-url"), url);
  return page;
}

test("a Gateway + HTTPRoute manifest: listener, route, rule, match and backend in the result card's place", async () => {
  const page = await openWith(STORE, "http://store.example.com/api/items");
  assert.ok(page.firstVisit.some((p) => p.endsWith("/gateway/watch.js")), "the watcher is part of the first visit");
  assert.ok(!page.firstVisit.some((p) => /\/gateway\/gateway(-result)?\.js$/.test(p)), "the view is not part of the first visit");
  assert.ok(!page.firstVisit.some((p) => p.includes("/pkg-gateway/")), "nor the package with Gateway API");
  const got = await decided(page, "http://store.example.com/api/items", {
    outcome: "rule", status: 200, gateway: "default/eg", listener: "http", route: "default/store", rule: 0, match: 0, backend: "default/api:8080",
  });
  console.log(`gateway view, first decision: read ${got.timings.read} ms, engine ${got.timings.engine} ms, render ${got.timings.render} ms, update ${got.timings.total} ms`);
  assert.equal(await page.isVisible(sel("result")), false, "the page's own result card (\"No Ingress\") gives way");
  assert.equal(await page.isVisible(sel("explanation")), false);
  assert.equal(await page.textContent(sel("gateway-status")), "HTTP 200");
  assert.equal(await page.textContent(sel("gateway-fact-route")), "HTTPRoute default/store");
  assert.equal(await page.isVisible(sel("gateway-select")), false, "one Gateway: no select");
  const verdicts = await page.$$eval(sel("gateway-candidate"), (els) => els.map((e) => `${e.dataset.verdict} ${e.dataset.reason}`));
  assert.ok(verdicts.includes("winner matched"), verdicts.join(", "));
  assert.ok(verdicts.some((v) => v.startsWith("lost ")), "the other rules are explained");

  // The request's Method (the page's own select) picks the redirect rule.
  await page.fill(sel("request-url"), "http://store.example.com/api/login");
  await page.selectOption(sel("request-method"), "POST");
  const redirect = await decided(page, "http://store.example.com/api/login", { outcome: "redirect", status: 301, rule: 1 });
  assert.equal(redirect.backend, "");
  assert.equal(await page.textContent(sel("gateway-redirect")), "301 → https://store.example.com/api/login");
  assert.equal(await page.textContent(`${CARD} .gw-main`), "https://store.example.com/api/login");

  // A rewrite: the path the backend receives, and the header the filter adds.
  await page.selectOption(sel("request-method"), "GET");
  const typed = Date.now();
  await page.fill(sel("request-url"), "http://store.example.com/old/cart?id=7");
  const rewrite = await decided(page, "http://store.example.com/old/cart?id=7", { outcome: "rule", rule: 2, backend: "default/shop:80" });
  console.log(`gateway view, URL edit → decision drawn: ${Date.now() - typed} ms (its update: read ${rewrite.timings.read} ms, engine ${rewrite.timings.engine} ms, render ${rewrite.timings.render} ms)`);
  assert.equal(await page.textContent(sel("gateway-upstream-path")), "/new/cart?id=7");
  assert.match(await page.textContent(sel("gateway-fact-rule")), /^2 \(legacy\)$/);
  assert.match(await page.textContent(sel("gateway-upstream-headers")), /X-Legacy: 1/);

  // The request's Headers (the page's own box) pick the header match; without it, the split.
  await page.fill(sel("request-url"), "http://store.example.com/beta/x");
  await page.fill(sel("request-headers"), "X-Canary: true");
  await decided(page, "http://store.example.com/beta/x", { rule: 3, backend: "default/beta:80" });
  await page.fill(sel("request-headers"), "");
  await decided(page, "http://store.example.com/beta/x", { rule: 4, backend: "default/web:80" });
  const shares = await page.$$eval(`${sel("gateway-split")} li`, (els) => els.map((e) => `${e.dataset.backend} ${e.dataset.share}`));
  assert.deepEqual(shares, ["default/web:80 0.9", "default/web-canary:80 0.1"]);
});

test("clicking a candidate marks its lines in the editor; the keyboard reaches every control", async () => {
  const page = await openWith(STORE, "http://store.example.com/old/x");
  await decided(page, "http://store.example.com/old/x", { rule: 2 });
  const lost = page.locator(`${sel("gateway-candidate")}[data-verdict="lost"]`).first();
  const lines = await lost.getAttribute("data-lines");
  assert.match(lines, /^\d+-\d+$/);
  await lost.locator("button").click();
  assert.equal(await page.getAttribute(sel("step-mark"), "data-lines"), lines, "the candidate's lines are marked");
  const winner = page.locator(`${sel("gateway-candidate")}[data-verdict="winner"]`);
  const winnerLines = await winner.getAttribute("data-lines");
  assert.equal(winnerLines, "28-28", "the winning match is the legacy rule's path match (line 28 of STORE)");

  // Tab from the URL field through the view: the implementation select, then each candidate; Enter reveals.
  await page.focus(sel("request-url"));
  const reached = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.dataset.testid ?? el?.closest("[data-testid]")?.dataset.testid ?? el?.tagName;
    });
    reached.push(where);
    if (where === "gateway-candidate") {
      const candidateLines = await page.evaluate(() => document.activeElement.closest("[data-testid=gateway-candidate]").dataset.lines);
      await page.keyboard.press("Enter");
      assert.equal(await page.getAttribute(sel("step-mark"), "data-lines"), candidateLines, "Enter on a candidate marks its lines");
      break;
    }
  }
  assert.ok(reached.includes("gateway-implementation"), `the implementation select is in the tab order: ${reached.join(" → ")}`);
  assert.equal(reached.at(-1), "gateway-candidate", `a candidate is reached by Tab: ${reached.join(" → ")}`);
});

test("a second Gateway: the select appears and switches the decision; the implementation select switches the reading", async () => {
  const page = await openWith(STORE, "http://store.example.com/api/x");
  await decided(page, "http://store.example.com/api/x", { gateway: "default/eg", backend: "default/api:8080" });
  await setYaml(page, STORE + INTERNAL);
  await decided(page, "http://store.example.com/api/x", { gateway: "default/eg", backend: "default/api:8080" });
  assert.equal(await page.isVisible(sel("gateway-select")), true, "several Gateways: the select shows");
  const options = await page.$$eval(`${sel("gateway-select")} option`, (els) => els.map((e) => e.value));
  assert.deepEqual(options, ["default/eg", "ops/internal"]);
  await page.selectOption(sel("gateway-select"), "ops/internal");
  await decided(page, "http://store.example.com/api/x", { gateway: "ops/internal", route: "ops/admin", backend: "ops/admin:9000" });

  const implementations = await page.$$eval(`${sel("gateway-implementation")} option`, (els) => els.map((e) => e.value));
  assert.deepEqual(implementations, ["spec", "envoy-gateway", "contour"]);
  await page.selectOption(sel("gateway-implementation"), "envoy-gateway");
  await page.waitForFunction(() => document.querySelector('[data-testid="gateway-fact-implementation"]')?.textContent.startsWith("envoy-gateway"));
  assert.equal((await card(page)).gateway, "ops/internal", "the Gateway chosen stays");

  // The choices are kept in the address's query, which the Share link keeps (the #v1= state is unchanged).
  assert.deepEqual(await page.evaluate(() => [...new URLSearchParams(location.search)]), [["gateway", "ops/internal"], ["implementation", "envoy-gateway"]]);
  let shared = "";
  for (const deadline = Date.now() + 10000; Date.now() < deadline && !(shared.includes("#v1=") && shared.includes("implementation=")); await page.waitForTimeout(50)) {
    shared = (await page.getAttribute(sel("share-link"), "href")) ?? "";
  }
  assert.match(shared, /\?gateway=ops%2Finternal&implementation=envoy-gateway#v1=/, "the Share link carries the choices");
  const reopened = await env.newPage();
  await reopened.goto(new URL(shared, env.url).href);
  await ready(reopened);
  await decided(reopened, "http://store.example.com/api/x", { gateway: "ops/internal", backend: "ops/admin:9000" });
  assert.equal(await reopened.inputValue(sel("gateway-implementation")), "envoy-gateway");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.selectOption(sel("gateway-select"), "default/eg");
  await page.fill(sel("request-url"), "http://store.example.com/old/cart");
  await decided(page, "http://store.example.com/old/cart", { gateway: "default/eg", rule: 2 });
  await page.locator(`${sel("gateway-candidate")}[data-verdict="winner"] button`).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: fileURLToPath(new URL("../../docs/gateway.png", import.meta.url)) });
});

test("a problem in a Gateway API object is listed by the view at its line (the page's own Problems list gives way)", async () => {
  const bad = STORE.replace("{name: api, port: 8080}", "{name: api, port: 99999}");
  const page = await openWith(bad, "http://store.example.com/api/x");
  await decided(page, "http://store.example.com/api/x", { rule: 0 });
  assert.equal(await page.isVisible(sel("validation-errors")), false, "the page's Problems list (no Gateway API in its engine) is hidden");
  const problems = await page.$$eval(sel("gateway-diagnostic"), (els) => els.map((e) => `${e.dataset.severity} ${e.dataset.line} ${e.textContent}`));
  assert.equal(problems.filter((p) => p.includes("backendRefs[0].port")).length, 1, `listed once: ${problems.join(" | ")}`);
  assert.match(problems.find((p) => p.includes("backendRefs[0].port")), /^error 19 /);
  await page.click(`${sel("gateway-diagnostic")}[data-line="19"] button`);
  assert.equal(await page.getAttribute(sel("step-mark"), "data-lines"), "19-19");
});

test("a link's test rows are run by the JS API through the Gateway (the page's own table gives way)", async () => {
  const page = await env.newPage();
  const rows = [
    { name: "api prefix", url: "http://store.example.com/api/x", sni: "", expect: "api:8080" },
    { name: "rewritten to shop", url: "http://store.example.com/old/x", sni: "", expect: "api:8080" },
  ];
  await page.goto(`${env.url}#${await fragmentFor({ ...emptyState(), yaml: STORE, url: "http://store.example.com/api/x", rows })}`);
  await ready(page);
  await decided(page, "http://store.example.com/api/x", { rule: 0 });
  await page.waitForSelector(sel("gateway-tests"));
  assert.equal(await page.isVisible(sel("tests-table")), false, "the page's table (its engine reads no Gateway API) is hidden");
  const verdicts = await page.$$eval(sel("gateway-test"), (els) => els.map((e) => `${e.dataset.status} ${e.textContent}`));
  assert.equal(verdicts.length, 2, verdicts.join(" | "));
  assert.match(verdicts[0], /^pass /);
  assert.match(verdicts[1], /^fail .*shop/, "the second row's verdict names what answered");
  assert.deepEqual(await page.$eval(sel("gateway-tests"), (e) => [e.dataset.passed, e.dataset.failed]), ["1", "1"]);
});

test("the gallery's Gateway API examples open the Gateway view, their cases passing", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  const ids = await page.$$eval(`${sel("examples")} optgroup[label="Gateway API"] option`, (os) => os.map((o) => o.value));
  assert.ok(ids.length >= 5 && ids.every((id) => id.startsWith("gateway-")), `the Gateway API group: ${ids.join(", ")}`);
  const wrong = {};
  for (const id of ids) {
    const before = await page.inputValue(sel("yaml-editor"));
    await pickExample(page, id);
    await page.waitForFunction((b) => document.querySelector('[data-testid="yaml-editor"]').value !== b, before);
    await settled(page);
    const url = await page.inputValue(sel("request-url"));
    await page.waitForFunction(([v, u]) => {
      const view = document.querySelector(v);
      return view?.dataset.state === "ready" && view.dataset.url === u && view.querySelector('[data-testid="gateway-tests"]');
    }, [VIEW, url], { timeout: 30000 });
    const { passed, failed } = await page.$eval(sel("gateway-tests"), (e) => ({ passed: Number(e.dataset.passed), failed: Number(e.dataset.failed) }));
    const failures = await page.$$eval(`${sel("gateway-test")}[data-status="fail"]`, (els) => els.map((e) => e.textContent));
    const error = await page.$eval(sel("gateway-tests"), (e) => e.querySelector(".gw-error")?.textContent ?? "");
    console.log(`  ${id}: ${url} → ${(await card(page)).outcome ?? "?"}; ${passed} cases pass, ${failed} fail${error ? `; ${error}` : ""}`);
    if (failures.length || error || !(passed > 0)) wrong[id] = error || failures;
  }
  assert.deepEqual(wrong, {}, "every Gateway API example's cases pass in the view");
});

test("Ingresses beside a Gateway: the page's answer stands until a Gateway is picked in the select", async () => {
  const ingress = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: default}
spec:
  rules:
  - host: store.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: legacy, port: {number: 80}}}}
`;
  const page = await openWith(STORE + ingress, "http://store.example.com/api/x");
  await page.waitForFunction((v) => document.querySelector(v)?.dataset.state === "ready" && !document.querySelector(v).hidden, VIEW);
  await page.waitForSelector(`${sel("result")}[data-backend="legacy:80"]`);
  assert.equal(await page.isVisible(sel("result")), true, "the engine routes through the Ingresses: the page's card answers");
  assert.equal(await page.isVisible(CARD), false);
  assert.match(await page.textContent(sel("gateway-note")), /Ingresses too/);
  const options = await page.$$eval(`${sel("gateway-select")} option`, (els) => els.map((e) => e.value));
  assert.deepEqual(options, ["", "default/eg"]);
  await page.selectOption(sel("gateway-select"), "default/eg");
  await decided(page, "http://store.example.com/api/x", { gateway: "default/eg", backend: "default/api:8080" });
  assert.equal(await page.isVisible(sel("result")), false, "through the Gateway, its card stands in");
  await page.selectOption(sel("gateway-select"), "");
  await page.waitForSelector(`${CARD}`, { state: "detached" });
  assert.equal(await page.isVisible(sel("result")), true);
});

/** One Gateway and `count` HTTPRoutes (host r<i>.example.com, rules /a … /e, each to its own Service). */
function manyRoutes(count) {
  const routes = Array.from({ length: count }, (_, i) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r${i}, namespace: default}
spec:
  parentRefs: [{name: eg}]
  hostnames: ["r${i}.example.com"]
  rules:
${["a", "b", "c", "d", "e"].map((p) => `  - matches: [{path: {type: PathPrefix, value: /${p}}}]
    backendRefs: [{name: s${i}-${p}, port: 80}]`).join("\n")}
`);
  return STORE.split("---")[0] + routes.join("");
}

test("a Gateway with 300 HTTPRoutes (1,500 matches): the view's timings", async () => {
  const page = await openWith(STORE, "http://store.example.com/api/x");
  await decided(page, "http://store.example.com/api/x", { rule: 0 });
  const started = Date.now();
  await pasteYaml(page, manyRoutes(300));
  const first = await decided(page, "http://store.example.com/api/x", { outcome: "no-match", status: 404 });
  console.log(`300 HTTPRoutes pasted → decision drawn: ${Date.now() - started} ms (read ${first.timings.read} ms, engine ${first.timings.engine} ms, render ${first.timings.render} ms)`);
  const typed = Date.now();
  await page.fill(sel("request-url"), "http://r123.example.com/c/x");
  const routed = await decided(page, "http://r123.example.com/c/x", { route: "default/r123", rule: 2, backend: "default/s123-c:80" });
  const check = await page.getAttribute(VIEW, "data-check-ms");
  const drawn = await page.$$eval(sel("gateway-candidate"), (els) => els.length);
  console.log(`300 HTTPRoutes, URL edit → decision drawn: ${Date.now() - typed} ms (engine ${routed.timings.engine} ms, render ${routed.timings.render} ms of ${drawn} candidates drawn; validation and rows after it ${check} ms)`);
  assert.equal(drawn, 200, "the first 200 candidates are drawn");
  await page.click(sel("gateway-more"));
  assert.equal(await page.$$eval(sel("gateway-candidate"), (els) => els.length), 1501, "every candidate match of every route is judged (and the listener's note)");
});

test("YAML without Gateway API objects leaves the page's own result alone", async () => {
  const page = await openWith(STORE, "http://store.example.com/api/x");
  await decided(page, "http://store.example.com/api/x", { rule: 0 });
  const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: store.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;
  await setYaml(page, ingress);
  await page.waitForSelector(`${VIEW}[hidden]`, { state: "attached" });
  await page.waitForSelector(`${sel("result")}[data-backend="web:80"]`);
  assert.equal(await page.isVisible(sel("result")), true);
  assert.equal(await page.getAttribute(".app", "data-gateway"), null);
});

for (const scheme of ["light", "dark"]) {
  test(`the Gateway view meets WCAG AA contrast (${scheme})`, async () => {
    const page = await openWith(STORE, "http://store.example.com/beta/x", { colorScheme: scheme });
    await page.fill(sel("request-headers"), "X-Canary: true");
    await decided(page, "http://store.example.com/beta/x", { rule: 3 });
    const found = await contrasts(page, VIEW);
    assert.ok(found.length > 20, `texts checked: ${found.length}`);
    assert.deepEqual(found.filter((f) => f.ratio < 4.5), [], "every text at 4.5:1 or more");
    await page.screenshot({ path: `${SCREENSHOTS}gateway-${scheme}.png`, fullPage: true });
  });
}
