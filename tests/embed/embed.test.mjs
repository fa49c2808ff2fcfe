// The docs widget on embed-demo.html, in Chromium: live results with the playground's data-*
// contract, editing, read-only, one shared wasm fetch, the iframe twin and its height protocol,
// "Open in playground" links, style isolation, theming, lazy loading, screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../support/browser.mjs";
import { siteDir, serve } from "./site.mjs";
import { stateFromFragment } from "../../embed/permalink.js";
import { dedent } from "../../embed/dedent.js";

const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });
const TIMEOUT = 30000;

let site, server, browser, base;
const pages = [];

before(async () => {
  site = await siteDir();
  server = await serve(site.dir);
  base = server.url;
  browser = await launchChromium();
});

after(async () => {
  for (const page of pages) assert.deepEqual(page.errors, [], `console errors on ${page.label}`);
  await browser?.close();
  await server?.close();
  await site?.cleanup();
});

/** A page in a fresh context that records console errors (checked after all tests). */
async function newPage(label, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  page.label = label;
  page.errors = [];
  page.wasm = [];
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.on("request", (r) => { if (new URL(r.url()).pathname.endsWith(".wasm")) page.wasm.push({ url: r.url(), frame: r.frame() }); });
  pages.push(page);
  return page;
}

const results = (scope) => scope.locator('[data-testid="result"]').evaluateAll((els) => els.map((el) => ({
  outcome: el.dataset.outcome, backend: el.dataset.backend, ingress: el.dataset.ingress, path: el.dataset.path, pathType: el.dataset.pathType,
})));

/** Waits until every result of a widget is filled in and not pending. */
async function settled(page, widget) {
  await page.waitForFunction((id) => {
    const el = document.getElementById(id);
    const all = el?.shadowRoot?.querySelectorAll('[data-testid="result"]') ?? [];
    return all.length > 0 && [...all].every((r) => r.dataset.outcome !== undefined && !r.classList.contains("pending"));
  }, widget, { timeout: TIMEOUT });
}

async function demo(label = "demo", options) {
  const page = await newPage(label, options);
  await page.goto(`${base}embed-demo.html`);
  await settled(page, "prefix-exact");
  return page;
}

const summary = (rs) => rs.map((r) => `${r.outcome} ${r.backend}`);

test("the compact read-only widget shows one live result per request, with the playground's data-* contract", async () => {
  const page = await demo();
  const widget = page.locator("#prefix-exact");
  assert.deepEqual(await results(widget), [
    { outcome: "rule", backend: "service1:4200", ingress: "web/docs", path: "/foo", pathType: "Prefix" },
    { outcome: "no-match", backend: "", ingress: "", path: "", pathType: "" },
    { outcome: "rule", backend: "service2:http", ingress: "web/docs", path: "/bar", pathType: "Exact" },
    { outcome: "no-match", backend: "", ingress: "", path: "", pathType: "" },
  ]);
  // Every candidate, the winner first.
  const verdicts = await widget.locator('[data-testid="explanation"]').first().locator("li").evaluateAll((lis) => lis.map((li) => li.dataset.verdict));
  assert.equal(verdicts[0], "won");
  assert.ok(verdicts.includes("lost"));
  assert.equal(await widget.locator('[data-testid="validation-errors"] li').count(), 0);
  await page.screenshot({ path: join(SCREENSHOTS, "demo-light.png"), fullPage: true });
});

test("profile=ingress-nginx: the widget answers as the controller does (301 to the slash, Prefix for ImplementationSpecific)", async () => {
  const page = await demo("profile");
  const widget = page.locator("#nginx-profile");
  await widget.scrollIntoViewIfNeeded();
  await settled(page, "nginx-profile");
  const rs = await results(widget);
  assert.deepEqual(summary(rs), ["redirect ", "rule docs:80", "no-match "]);
  const first = await widget.locator('[data-testid="result"]').first().textContent();
  assert.match(first, /301 → http:\/\/shop\.example\.com\/docs\//);
  assert.match(first, /location (= )?\/docs\//);
});

test("a read-only widget's editors cannot be edited", async () => {
  const page = await demo("readonly");
  const widget = page.locator("#prefix-exact");
  const editor = widget.locator('[data-testid="yaml-editor"]');
  assert.equal(await editor.evaluate((el) => el.tagName), "TEXTAREA");
  assert.equal(await editor.getAttribute("readonly"), "");
  await widget.locator("summary").first().click();
  const before = await editor.inputValue();
  await editor.click();
  await page.keyboard.press("End");
  await page.keyboard.type("garbage: [");
  assert.equal(await editor.inputValue(), before);
  const url = widget.locator('[data-testid="request-url"]').first();
  assert.equal(await url.getAttribute("readonly"), "");
  await url.click();
  await page.keyboard.type("zzz");
  assert.equal(await url.inputValue(), "http://foo.bar.com/foo/bar");
  assert.deepEqual(summary(await results(widget)), ["rule service1:4200", "no-match ", "rule service2:http", "no-match "]);
});

test("editing the YAML or the request of the editable widget updates its result", async () => {
  const page = await demo("editable");
  const widget = page.locator("#longest-prefix");
  await widget.scrollIntoViewIfNeeded();
  await settled(page, "longest-prefix");
  assert.deepEqual(summary(await results(widget)), ["rule api-v2:8080"]);
  const editor = widget.locator('[data-testid="yaml-editor"]');
  assert.equal(await editor.getAttribute("readonly"), null);
  const yaml = await editor.inputValue();
  // Remove the /api/v2 path: the shorter prefix takes over.
  await editor.fill(yaml.replace(/\n {6}- path: \/api\/v2[\s\S]*$/, "\n"));
  await page.waitForFunction(() => document.querySelector("#longest-prefix").shadowRoot.querySelector('[data-testid="result"]').dataset.backend === "api-v1:8080", null, { timeout: TIMEOUT });
  // A request no rule matches falls to the defaultBackend.
  await widget.locator('[data-testid="request-url"]').fill("http://shop.example.com/cart");
  await page.waitForFunction(() => document.querySelector("#longest-prefix").shadowRoot.querySelector('[data-testid="result"]').dataset.outcome === "default-backend", null, { timeout: TIMEOUT });
  assert.deepEqual(summary(await results(widget)), ["default-backend storefront:80"]);
  // Broken YAML: problems with their lines, and the result says why it cannot route.
  await editor.fill(`${yaml}      - path: nope\n        pathType: Prefix\n        backend: {service: {name: x, port: {number: 1}}}\n`);
  await page.waitForFunction(() => document.querySelector("#longest-prefix").shadowRoot.querySelectorAll('[data-testid="validation-errors"] li').length > 0, null, { timeout: TIMEOUT });
  const lines = await widget.locator('[data-testid="validation-errors"] li').evaluateAll((lis) => lis.map((li) => Number(li.dataset.line)));
  assert.ok(lines.includes(29), `an error on line 29 (the added path): ${lines}`);
  await widget.screenshot({ path: join(SCREENSHOTS, "editable-errors.png") });
  await editor.fill("kind: [");
  await page.waitForFunction(() => document.querySelector("#longest-prefix").shadowRoot.querySelector('[data-testid="result"]').dataset.outcome === "", null, { timeout: TIMEOUT });
  assert.match(await widget.locator('[data-testid="result"]').textContent(), /Cannot route/);
});

test("all widgets of a page share one wasm fetch; the iframe reports its height and gets resized", async () => {
  const page = await demo("wasm-and-iframe");
  const frameEl = page.locator("#wildcard-frame");
  // Widgets load when they come near the viewport: pass by the editable one, then the iframe.
  await page.locator("#longest-prefix").scrollIntoViewIfNeeded();
  await settled(page, "longest-prefix");
  await frameEl.scrollIntoViewIfNeeded();
  const frame = page.frame({ url: /embed\.html/ });
  assert.ok(frame, "the iframe loaded embed.html");
  await frame.waitForSelector('[data-testid="result"][data-outcome]', { timeout: TIMEOUT });
  assert.deepEqual(summary(await results(frame.locator("ingress-playground"))), ["rule tenant-router:80", "rule app:80", "no-match "]);
  await page.waitForFunction(() => {
    const iframe = document.getElementById("wildcard-frame");
    const body = iframe.contentDocument?.body;
    return body && iframe.style.height === `${Math.ceil(body.getBoundingClientRect().height)}px`;
  }, null, { timeout: TIMEOUT });
  const height = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
  assert.ok(height > 200 && height !== 380, `resized from the 380px default to ${height}`);
  const main = page.wasm.filter((r) => r.frame === page.mainFrame());
  assert.equal(main.length, 1, `one .wasm fetch for both widgets: ${main.map((r) => r.url)}`);
  // Opening the YAML makes the frame taller, and the parent follows.
  await frame.locator("summary").first().click();
  await page.waitForFunction((h) => parseFloat(document.getElementById("wildcard-frame").style.height) > h + 100, height, { timeout: TIMEOUT });
  await frameEl.screenshot({ path: join(SCREENSHOTS, "iframe.png") });
});

test("the height protocol: messages only go where the origin query allows, and the host checks source and origin", async () => {
  const page = await newPage("protocol");
  await page.goto(`${base}embed-demo.html`);
  const fragment = new URL(await page.locator("#wildcard-frame").getAttribute("src"), base).hash;
  // A page that records what it receives, with iframe-host.js also loaded.
  await page.evaluate(([fragment]) => {
    window.seen = [];
    window.addEventListener("message", (e) => {
      if (e.data?.type === "ingress-sim:height") window.seen.push(`${Object.keys(e.data).sort().join(",")} ${e.data.id}`);
    });
    for (const query of ["id=good&origin=" + encodeURIComponent(location.origin), "id=wrong&origin=https://evil.example", "id=default"]) {
      const f = document.createElement("iframe");
      f.setAttribute("data-ingress-sim", "");
      f.src = `embed.html?${query}${fragment}`;
      document.body.append(f);
    }
  }, [fragment]);
  await page.waitForFunction(() => window.seen.includes("height,id,type good") && window.seen.includes("height,id,type default"), null, { timeout: TIMEOUT });
  await page.waitForTimeout(500);
  const received = await page.evaluate(() => window.seen);
  assert.ok(received.includes("height,id,type good"));
  assert.ok(received.includes("height,id,type default"));
  assert.ok(!received.some((m) => m.endsWith(" wrong")), "nothing is posted to another origin");
  // A forged message from the page itself (not the iframe's window) is ignored.
  const height = await page.evaluate(() => {
    const f = document.getElementById("wildcard-frame");
    const before = f.style.height;
    window.postMessage({ type: "ingress-sim:height", height: 5, id: "wildcard" }, "*");
    return new Promise((ok) => setTimeout(() => ok([before, f.style.height]), 300));
  });
  assert.equal(height[0], height[1]);
  page.errors = page.errors.filter((e) => !e.includes("evil.example")); // Chromium logs the refused postMessage
});

test("'Open in playground' carries the widget's exact state", async () => {
  const page = await demo("links");
  const href = await page.locator('#prefix-exact [data-testid="open-in-playground"]').getAttribute("href");
  const url = new URL(href);
  assert.equal(`${url.origin}${url.pathname}`, base, "the playground next to the script");
  const inline = await page.locator('#prefix-exact script[type="application/yaml"]').evaluate((s) => s.textContent);
  const requests = ["http://foo.bar.com/foo/bar", "http://foo.bar.com/foobar", "http://foo.bar.com/bar", "http://foo.bar.com/bar/"];
  assert.deepEqual(await stateFromFragment(url.hash), {
    yaml: dedent(inline), url: requests[0], sni: "", host: "", klass: null, profile: "spec", failuresOnly: false,
    rows: requests.map((u) => ({ name: "", url: u, sni: "", expect: "" })),
  });
  assert.ok(dedent(inline).startsWith("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: docs\n"));

  // The editable widget: the link follows the edits.
  const widget = page.locator("#longest-prefix");
  await widget.scrollIntoViewIfNeeded();
  await settled(page, "longest-prefix");
  await widget.locator('[data-testid="request-url"]').fill("http://shop.example.com/cart");
  const edited = `${await widget.locator('[data-testid="yaml-editor"]').inputValue()}# edited ✓\n`;
  await widget.locator('[data-testid="yaml-editor"]').fill(edited);
  await settled(page, "longest-prefix");
  await page.waitForTimeout(200);
  const state = await stateFromFragment(new URL(await widget.locator('[data-testid="open-in-playground"]').getAttribute("href")).hash);
  assert.equal(state.yaml, edited);
  assert.equal(state.url, "http://shop.example.com/cart");
  assert.deepEqual(state.rows.map((r) => r.url), ["http://shop.example.com/cart"]);

  // The iframe's link is the permalink it was given (same state back).
  const iframeSrc = new URL(await page.locator("#wildcard-frame").getAttribute("src"), base);
  const given = await stateFromFragment(iframeSrc.hash);
  await page.locator("#wildcard-frame").scrollIntoViewIfNeeded();
  const frame = page.frame({ url: /embed\.html/ });
  await frame.waitForSelector('[data-testid="result"][data-outcome]', { timeout: TIMEOUT });
  await page.waitForTimeout(200);
  const frameLink = await frame.locator('[data-testid="open-in-playground"]').getAttribute("href");
  assert.deepEqual(await stateFromFragment(new URL(frameLink).hash), given);

  if (existsSync(join(site.dir, "index.html"))) {
    const playground = await newPage("playground");
    await playground.goto(href);
    await playground.waitForSelector('[data-testid="result"][data-outcome]', { timeout: TIMEOUT });
    const first = (await results(playground.locator("body")))[0];
    assert.equal(first.backend, "service1:4200");
    assert.equal(await playground.locator('[data-testid="yaml-editor"]').inputValue(), dedent(inline));
    await playground.screenshot({ path: join(SCREENSHOTS, "playground-from-link.png") });
  }
});

test("the copy-paste snippet on the page is the markup of the first example", async () => {
  const page = await demo("snippet");
  const same = await page.evaluate(() => {
    const doc = new DOMParser().parseFromString(document.getElementById("snippet").textContent, "text/html");
    const shown = doc.querySelector("ingress-playground");
    const real = document.getElementById("prefix-exact");
    const attrs = (el) => [...el.attributes].filter((a) => a.name !== "id").map((a) => `${a.name}=${a.value}`).join(" ");
    const yaml = (el) => el.querySelector('script[type="application/yaml"]').textContent;
    return { attrs: [attrs(shown), attrs(real)], yaml: yaml(shown) === yaml(real), script: !!doc.querySelector('script[type=module][src="ingress-playground.js"]') };
  });
  assert.equal(same.attrs[0], same.attrs[1]);
  assert.ok(same.yaml && same.script);
});

test("styles neither leak in from the host page nor out to it", async () => {
  const page = await demo("isolation");
  await page.addStyleTag({ content: "* { color: rgb(255, 0, 0) !important; font-family: fantasy !important; } header, a, li { display: inline !important; }" });
  const inside = await page.evaluate(() => {
    const root = document.getElementById("prefix-exact").shadowRoot;
    const style = (sel) => getComputedStyle(root.querySelector(sel));
    return { main: style(".main").color, font: style(".main").fontFamily, header: style("header").display, text: style(".facts").color };
  });
  assert.notEqual(inside.main, "rgb(255, 0, 0)");
  assert.notEqual(inside.text, "rgb(255, 0, 0)");
  assert.ok(!inside.font.includes("fantasy"), inside.font);
  assert.equal(inside.header, "flex");
  const page2 = await demo("isolation-out");
  const outside = await page2.evaluate(() => {
    const header = document.body.appendChild(document.createElement("header"));
    const textarea = document.body.appendChild(document.createElement("textarea"));
    return {
      code: getComputedStyle(document.querySelector("#snippet code")).fontFamily,
      header: getComputedStyle(header).display,
      textarea: getComputedStyle(textarea).backgroundColor,
      link: getComputedStyle(document.querySelector("main p")).color,
    };
  });
  assert.match(outside.code, /Courier New/);
  assert.equal(outside.header, "block");
  assert.notEqual(outside.textarea, "rgb(246, 248, 250)");
});

test("attributes re-render: theme, view, requests, readonly", async () => {
  const page = await demo("attributes");
  const widget = page.locator("#prefix-exact");
  const bg = () => widget.locator(".ip").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(await bg(), "rgb(255, 255, 255)");
  await widget.evaluate((el) => el.setAttribute("theme", "dark"));
  assert.equal(await bg(), "rgb(13, 17, 23)");
  await widget.evaluate((el) => el.setAttribute("requests", "http://foo.bar.com/bar"));
  await settled(page, "prefix-exact");
  assert.deepEqual(summary(await results(widget)), ["rule service2:http"]);
  await widget.evaluate((el) => { el.setAttribute("view", "full"); el.removeAttribute("readonly"); });
  assert.equal(await widget.locator("details.yaml").count(), 0, "full view: the YAML is always shown");
  assert.equal(await widget.locator('[data-testid="yaml-editor"]').getAttribute("readonly"), null);
  await widget.screenshot({ path: join(SCREENSHOTS, "attributes-dark-full.png") });
});

test("theme=auto follows prefers-color-scheme", async () => {
  const page = await demo("dark", { colorScheme: "dark" });
  const bg = await page.locator("#prefix-exact .ip").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, "rgb(13, 17, 23)");
  await page.screenshot({ path: join(SCREENSHOTS, "demo-dark.png"), fullPage: true });
});

test("a phone-width page keeps the widget inside the viewport", async () => {
  const page = await demo("phone", { viewport: { width: 375, height: 800 } });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.getElementById("prefix-exact").getBoundingClientRect().right]);
  assert.ok(widths[1] <= 375, `widget right edge ${widths[1]}`);
  await page.screenshot({ path: join(SCREENSHOTS, "demo-phone.png"), fullPage: true });
});

test("the wasm loads only when a widget comes near the viewport; a placeholder shows the YAML until then", async () => {
  const page = await newPage("lazy");
  await page.route(`${base}lazy.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script type="module" src="ingress-playground.js"></script>
      <div style="height: 4000px">tall text</div>
      <ingress-playground id="far" requests="http://a.example.com/"><script type="application/yaml">
        kind: Ingress
        apiVersion: networking.k8s.io/v1
        metadata: {name: far}
        spec: {defaultBackend: {service: {name: fallback, port: {number: 80}}}}
      </script></ingress-playground>`,
  }));
  await page.goto(`${base}lazy.html`);
  await page.waitForFunction(() => document.getElementById("far").shadowRoot?.querySelector("pre.placeholder"));
  await page.waitForTimeout(800);
  assert.equal(page.wasm.length, 0, "no wasm for a widget far below the fold");
  assert.match(await page.locator("#far pre.placeholder").textContent(), /^kind: Ingress\napiVersion/);
  await page.locator("#far").scrollIntoViewIfNeeded();
  await settled(page, "far");
  assert.deepEqual(summary(await results(page.locator("#far"))), ["default-backend fallback:80"]);
  assert.equal(page.wasm.length, 1);
});

test("src loads the YAML from a URL", async () => {
  const page = await newPage("src");
  await page.route(`${base}ingress.yaml`, (route) => route.fulfill({
    contentType: "application/yaml",
    body: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: remote}\nspec: {defaultBackend: {service: {name: remote, port: {number: 81}}}}\n",
  }));
  await page.route(`${base}src.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script type="module" src="ingress-playground.js"></script>
      <ingress-playground id="remote" src="ingress.yaml" requests="http://x.example.com/" ingress-class="" profile="spec"></ingress-playground>`,
  }));
  await page.goto(`${base}src.html`);
  await settled(page, "remote");
  assert.deepEqual(summary(await results(page.locator("#remote"))), ["default-backend remote:81"]);
});

test("embed.html alone: full view in two columns on a wide page, options from the query", async () => {
  const page = await newPage("embed-full", { viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}embed-demo.html`);
  const fragment = new URL(await page.locator("#wildcard-frame").getAttribute("src"), base).hash;
  await page.goto(`${base}embed.html?theme=dark${fragment}`);
  await page.waitForSelector('[data-testid="result"][data-outcome]', { timeout: TIMEOUT });
  const widget = page.locator("ingress-playground");
  assert.equal(await widget.getAttribute("view"), "full");
  assert.equal(await widget.getAttribute("readonly"), null);
  const [editor, result] = await Promise.all([
    widget.locator('[data-testid="yaml-editor"]').boundingBox(),
    widget.locator('[data-testid="result"]').first().boundingBox(),
  ]);
  assert.ok(result.x > editor.x + editor.width - 1, "results to the right of the editor");
  await page.screenshot({ path: join(SCREENSHOTS, "embed-full-dark.png"), fullPage: true });
  await page.goto(`${base}embed.html#v1=damaged!`);
  await page.waitForSelector("p.error");
  assert.match(await page.locator("p.error").textContent(), /cannot be read/);
});
