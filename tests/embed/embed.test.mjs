// The docs widget on embed-demo.html, in Chromium: live results with the playground's data-*
// contract, editing, read-only, one shared wasm fetch, the iframe twin and its height protocol,
// "Open in playground" links, style isolation, theming, lazy loading, screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { start, results, settled, summary, SCREENSHOTS, TIMEOUT } from "./harness.mjs";
import { stateFromFragment, fragmentFor, emptyState } from "../../embed/permalink.js";
import { dedent } from "../../embed/dedent.js";

let harness, site, base, newPage;

before(async () => {
  harness = await start();
  ({ site, base, newPage } = harness);
});

after(() => harness?.close());

async function demo(label = "demo", options) {
  const page = await newPage(label, options);
  await page.goto(`${base}embed-demo.html`);
  await settled(page, "prefix-exact");
  return page;
}

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
    yaml: dedent(inline), url: requests[0], sni: "", host: "", method: "", headers: "", klass: null, profile: "spec",
    failuresOnly: false,
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
  // A stylesheet file of the site's (the built page's Content-Security-Policy forbids inline style).
  await page.route(`${base}hostile.css`, (route) => route.fulfill({
    contentType: "text/css",
    body: "* { color: rgb(255, 0, 0) !important; font-family: fantasy !important; } header, a, li { display: inline !important; }",
  }));
  await page.addStyleTag({ url: `${base}hostile.css` });
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

/** A page at `path` on the test site whose body is `html` (after the widget's script). */
async function pageWith(label, path, html) {
  const page = await newPage(label);
  await page.route(`${base}${path}`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><link rel="icon" href="data:,"><script type="module" src="/ingress-playground.js"></script>${html}`,
  }));
  await page.goto(`${base}${path}`);
  return page;
}

const INLINE = `<script type="application/yaml">
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: ok}
  spec: {defaultBackend: {service: {name: fallback, port: {number: 80}}}}
</script>`;

const status = (page, id) => page.locator(`#${id} [data-testid="widget-status"]`);

test("a src that fails fast says what failed and which URL, and keeps saying it once the simulator is loaded", async () => {
  const other = new URL(base);
  other.hostname = "localhost"; // another origin, which sends no CORS header
  const sources = {
    refused: "http://127.0.0.1:9/ingress.yaml",
    scheme: "ftp://example.invalid/ingress.yaml",
    cors: `${other.href}ingress.yaml`,
    missing: "missing.yaml",
  };
  const page = await pageWith("src-failures", "src-failures.html",
    `<ingress-playground id="ok" requests="http://a.example.com/">${INLINE}</ingress-playground>
     ${Object.entries(sources).map(([id, src]) => `<ingress-playground id="${id}" src="${src}" requests="http://a.example.com/"></ingress-playground>`).join("\n")}`);
  // The simulator has loaded and every widget re-rendered since: the errors must still be there.
  await settled(page, "ok");
  await page.locator("#ok").evaluate((el) => el.setAttribute("theme", "dark"));
  for (const [id, src] of Object.entries(sources)) {
    const url = new URL(src, base).href;
    await status(page, id).and(page.locator('[data-failed="true"]')).waitFor({ timeout: TIMEOUT });
    const text = await status(page, id).textContent();
    assert.ok(text.startsWith(`Could not load the YAML from ${url}: `), `${id}: ${text}`);
    assert.equal(await status(page, id).getAttribute("role"), "alert");
  }
  assert.match(await status(page, "missing").textContent(), /HTTP 404/);
  assert.match(await status(page, "cors").textContent(), /CORS/);
  // A re-render (any attribute) keeps the error; a new src starts over.
  await page.locator("#refused").evaluate((el) => el.setAttribute("view", "full"));
  assert.match(await status(page, "refused").textContent(), /^Could not load the YAML from http:\/\/127\.0\.0\.1:9\/ingress\.yaml/);
  await page.route(`${base}good.yaml`, (route) => route.fulfill({ contentType: "application/yaml", body: "kind: Ingress\napiVersion: networking.k8s.io/v1\nmetadata: {name: g}\nspec: {defaultBackend: {service: {name: good, port: {number: 81}}}}\n" }));
  await page.locator("#refused").evaluate((el) => el.setAttribute("src", "good.yaml"));
  await settled(page, "refused");
  assert.deepEqual(summary(await results(page.locator("#refused"))), ["default-backend good:81"]);
  assert.equal(await status(page, "refused").textContent(), "");
  // Chromium logs the failed loads themselves; nothing else may be logged.
  page.errors = page.errors.filter((e) => !/Failed to load resource|net::ERR_|CORS policy|ftp:|Fetch API cannot load/.test(e));
});

test("the playground attribute accepts only http(s) and relative URLs; anything else is ignored with a warning", async () => {
  const cases = {
    js: "javascript:alert(document.domain)",
    tabbed: " java\tscript:alert(1)",
    data: "data:text/html,<script>alert(1)</script>",
    https: "https://play.example.com/sim/",
    relative: "../elsewhere/",
  };
  const page = await pageWith("playground-attribute", "docs/playground-attribute.html",
    Object.entries(cases).map(([id, value]) => `<ingress-playground id="${id}" requests="http://a.example.com/">${INLINE}</ingress-playground>`).join("\n"));
  // Once each widget has its results (no render pending), set the attribute and read the link it makes.
  const hrefs = {};
  for (const [id, value] of Object.entries(cases)) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await settled(page, id);
    await page.locator(`#${id}`).evaluate((el, v) => el.setAttribute("playground", v), value);
    const link = await page.waitForFunction((i) => {
      const href = document.getElementById(i).shadowRoot.querySelector('[data-testid="open-in-playground"]').href;
      return href.includes("#v1=") && href;
    }, id);
    const href = new URL(await link.jsonValue());
    hrefs[id] = `${href.origin}${href.pathname}`;
  }
  assert.deepEqual(hrefs, {
    js: base, tabbed: base, data: base, // the default: the directory of ingress-playground.js
    https: "https://play.example.com/sim/",
    relative: `${base}elsewhere/`,
  });
  const warnings = page.warnings.filter((w) => w.includes("ignoring playground="));
  assert.equal(warnings.length, 3, warnings.join("\n"));
  assert.ok(warnings.some((w) => w.includes("javascript:alert(document.domain)")));
});

test("a request URL with a space stays one request: iframe twin, its link back, the requests property", async () => {
  const yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: sp}\nspec: {defaultBackend: {service: {name: fallback, port: {number: 80}}}}\n";
  const urls = ["http://foo.bar.com/a b", "http://foo.bar.com/c%20d", "http://foo.bar.com/e"];
  const given = { ...emptyState(), yaml, url: urls[0], rows: urls.map((url) => ({ name: "", url, sni: "", expect: "" })) };
  const page = await newPage("space");
  await page.goto(`${base}embed.html#${await fragmentFor(given)}`);
  await page.waitForSelector('[data-testid="result"][data-outcome]', { timeout: TIMEOUT });
  const shown = await page.locator('[data-testid="request-url"]').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(shown, urls, "one request per URL, each as written");
  assert.deepEqual(await page.locator("ingress-playground").evaluate((el) => el.requests), urls);
  await page.waitForFunction(() => document.querySelector("ingress-playground").shadowRoot.querySelector('[data-testid="open-in-playground"]').href.includes("#v1="));
  const back = await stateFromFragment(new URL(await page.locator('[data-testid="open-in-playground"]').getAttribute("href")).hash);
  assert.deepEqual(back.rows.map((r) => r.url), urls);
  assert.equal(back.url, urls[0]);
  // In the attribute, whitespace separates URLs: a space inside one is written %20, as in any URL.
  await page.locator("ingress-playground").evaluate((el) => el.setAttribute("requests", "http://x.example/a%20b  http://x.example/c"));
  assert.deepEqual(await page.locator("ingress-playground").evaluate((el) => el.requests), ["http://x.example/a%20b", "http://x.example/c"]);
});

test("embed.html with an origin that has no tuple origin (null, data:, garbage) posts nothing and throws nothing", async () => {
  const page = await newPage("opaque-origin");
  await page.addInitScript(() => {
    window.thrown = [];
    window.addEventListener("error", (e) => window.thrown.push(e.message));
  });
  await page.goto(`${base}embed-demo.html`);
  const fragment = new URL(await page.locator("#wildcard-frame").getAttribute("src"), base).hash;
  const origins = ["null", "data:text/html,x", "garbage:x", "javascript:alert(1)", "*"];
  await page.evaluate(([fragment, origins]) => {
    window.seen = [];
    window.addEventListener("message", (e) => { if (e.data?.type === "ingress-sim:height") window.seen.push(e.data.id); });
    origins.forEach((origin, i) => {
      const f = document.createElement("iframe");
      f.className = "opaque";
      f.src = `embed.html?view=compact&id=o${i}&origin=${encodeURIComponent(origin)}${fragment}`;
      document.body.prepend(f);
    });
  }, [fragment, origins]);
  const frames = await Promise.all((await page.locator("iframe.opaque").elementHandles()).map((h) => h.contentFrame()));
  for (const frame of frames) {
    await frame.waitForSelector('[data-testid="result"][data-outcome]', { timeout: TIMEOUT });
    // Resize it a few times: every resize would post (and throw, before the fix).
    for (let i = 0; i < 3; i++) await frame.locator("summary").first().click();
  }
  await page.waitForTimeout(300);
  const thrown = await Promise.all(frames.map((f) => f.evaluate(() => window.thrown)));
  assert.deepEqual(thrown, origins.map(() => []));
  assert.deepEqual(await page.evaluate(() => window.seen), [], "no height message for an origin that is not one");
  assert.equal(page.warnings.filter((w) => w.includes("is not an http(s) origin")).length, origins.length);
});
