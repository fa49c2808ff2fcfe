// The built pages' Content-Security-Policy (scripts/csp.mjs), in Chromium: each page carries its
// policy, no inline script survives the build, and using each page (the playground's examples
// and controller profiles, the widgets and their shadow-root styles, the iframe twin) raises no
// violation. A page that does something the policy forbids is caught (the control test).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, sel, ready, pickExample } from "./helpers.mjs";
import { DIST } from "./serve.mjs";
import { policyFor, externalizeScripts, withPolicy } from "../../scripts/csp.mjs";

const PAGES = ["index.html", "embed.html", "embed-demo.html"];
const TIMEOUT = 30000;
let env;

before(async () => { env = await start(); });
after(async () => {
  for (const page of env?.pages ?? []) assert.deepEqual(page.errors, [], "console errors");
  await env?.close();
});

/** A page that records every CSP violation of every frame (window.violations) and console CSP errors. */
async function watchedPage() {
  const page = await env.newPage();
  page.cspConsole = [];
  page.on("console", (m) => { if (/Content.Security.Policy/i.test(m.text())) page.cspConsole.push(m.text()); });
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return page;
}

/** Every violation recorded in the page's frames, plus the console's CSP messages. */
async function violations(page) {
  const found = [...page.cspConsole];
  for (const frame of page.frames()) found.push(...(await frame.evaluate(() => window.violations ?? []).catch(() => [])));
  return found;
}

/** The <meta http-equiv="Content-Security-Policy"> contents of the served page, in the order found. */
const metaPolicies = (page) => page.evaluate(() =>
  [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map((m) => m.content));

test("every built page carries its policy before anything it governs, and no inline script or style", () => {
  for (const name of PAGES) {
    const html = readFileSync(join(DIST, name), "utf8");
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(meta, `${name}: a CSP meta`);
    assert.equal(meta[1], policyFor(name), name);
    const policy = Object.fromEntries(meta[1].split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    assert.deepEqual(policy["script-src"], ["'self'", "'wasm-unsafe-eval'"], `${name}: scripts from the site only, wasm allowed, no eval`);
    assert.deepEqual(policy["default-src"], ["'none'"]);
    assert.ok(!/'unsafe-eval'|https?:|\*/.test(meta[1]), `${name}: nothing external, no eval: ${meta[1]}`);
    const firstGoverned = html.search(/<(script|link|style)\b/i);
    assert.ok(meta.index < firstGoverned, `${name}: the policy comes before the first script or stylesheet`);
    for (const [, attrs, code] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      const type = /type="?([^"\s>]*)/i.exec(attrs)?.[1] ?? "";
      if (["", "module", "text/javascript"].includes(type)) {
        assert.match(attrs, /\ssrc=/, `${name}: an inline script survived the build: ${code.slice(0, 80)}`);
        if (/src="\.\/inline-/.test(attrs)) assert.match(attrs, /\sintegrity="sha384-/, `${name}: a moved script without its integrity hash: ${attrs}`);
      }
    }
    assert.ok(!/<style\b/i.test(html), `${name}: an inline <style>`);
  }
});

test("the build step moves inline scripts to files with their hash, and leaves data blocks and files alone", () => {
  const dir = mkdtempSync(join(tmpdir(), "csp-"));
  try {
    const html = `<head><meta charset="utf-8"><script type=module nonce="{{__TRUNK NONCE__}}">import init from '/app.js';await init();</script>
<script>window.a = 1;</script><script src="/x.js"></script><script type="application/yaml">kind: Ingress</script>
<script>const ws = '{{__TRUNK_ADDRESS__}}' + '{{__TRUNK_WS_BASE__}}';</script></head>`;
    const out = externalizeScripts(html, dir);
    const files = readdirSync(dir).sort();
    assert.equal(files.length, 3);
    for (const file of files) {
      const code = readFileSync(join(dir, file), "utf8");
      const integrity = `sha384-${createHash("sha384").update(code).digest("base64")}`;
      assert.ok(out.includes(`src="./${file}" integrity="${integrity}"`), `${file} is loaded with its hash`);
    }
    assert.match(out, /<script type=module src="\.\/inline-[0-9a-f]{16}\.js"/, "a module stays a module, without trunk's nonce placeholder");
    assert.ok(out.includes('<script src="/x.js"></script><script type="application/yaml">kind: Ingress</script>'));
    const reload = files.map((f) => readFileSync(join(dir, f), "utf8")).find((code) => code.includes("ws ="));
    assert.equal(reload, "const ws = window.location.host + '/';", "trunk serve's placeholders are filled, as it fills them in HTML");
    // The policy goes right after <meta charset>, once, however often the step runs.
    const twice = withPolicy(withPolicy(out, "default-src 'none'"), "default-src 'self'");
    assert.equal(twice.match(/Content-Security-Policy/g).length, 1);
    assert.ok(twice.startsWith(`<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'">`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("README's header form is the meta policy plus frame-ancestors", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  for (const page of ["index.html", "embed.html"]) {
    const header = new RegExp(`# ${page.replace(".", "\\.")}[^\n]*\nContent-Security-Policy: ([^\n]*)`).exec(readme);
    assert.ok(header, `README shows the header for ${page}`);
    assert.ok(header[1].startsWith(`${policyFor(page)}; frame-ancestors `), `${page}: ${header[1]}`);
  }
});

test("the playground runs under its policy: first example, gallery fetch, controller profiles (pkg/ import)", async () => {
  const page = await watchedPage();
  await page.goto(env.url);
  await ready(page);
  assert.deepEqual(await metaPolicies(page), [policyFor("index.html")]);
  const fetched = page.waitForResponse((r) => r.url().endsWith("/examples/docs-tls.state"), { timeout: TIMEOUT });
  await pickExample(page, "docs-tls");
  assert.ok((await fetched).ok(), "examples/docs-tls.state fetched");
  await page.waitForSelector(`${sel("example-note")} >> text=TLS`, { timeout: TIMEOUT });
  const imported = page.waitForResponse((r) => r.url().endsWith("/pkg/ingress_sim_bg.wasm"), { timeout: TIMEOUT });
  await page.selectOption(sel("profile-select"), "ingress-nginx");
  assert.ok((await imported).ok(), "the JS API package was imported and its wasm fetched");
  await page.waitForFunction(() => document.querySelector('[data-testid="result"]')?.textContent.includes("profile ingress-nginx"), null, { timeout: TIMEOUT });
  // The crash banner's script (inline in the source, a file once built) still listens.
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent("error", { message: "a test crash" })));
  await page.waitForSelector("#fatal:not([hidden])");
  assert.equal(await page.textContent("#fatal-message"), "a test crash");
  assert.deepEqual(await violations(page), []);
});

test("the docs widgets and the iframe twin run under their policies, shadow-root styles included", async () => {
  const page = await watchedPage();
  await page.goto(`${env.url}embed-demo.html`);
  assert.deepEqual(await metaPolicies(page), [policyFor("embed-demo.html")]);
  for (const id of ["prefix-exact", "longest-prefix", "nginx-profile"]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForFunction((i) => document.getElementById(i)?.shadowRoot?.querySelector('[data-testid="result"][data-outcome]'), id, { timeout: TIMEOUT });
  }
  // The shadow root is styled (its stylesheet applies: a bordered, padded box), not bare.
  const look = await page.locator("#prefix-exact .ip").evaluate((el) => {
    const s = getComputedStyle(el);
    return { border: s.borderTopStyle, padding: s.paddingTop, display: getComputedStyle(el.querySelector("header")).display };
  });
  assert.deepEqual(look, { border: "solid", padding: "10px", display: "flex" });
  await page.locator("#wildcard-frame").scrollIntoViewIfNeeded();
  const frame = page.frame({ url: /embed\.html/ });
  await frame.waitForSelector('[data-testid="result"][data-outcome]', { timeout: TIMEOUT });
  assert.deepEqual(await frame.evaluate(() => [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map((m) => m.content)), [policyFor("embed.html")]);
  await page.waitForFunction(() => parseFloat(document.getElementById("wildcard-frame").style.height) > 0, null, { timeout: TIMEOUT });
  assert.deepEqual(await violations(page), []);
});

test("control: what the policy forbids is blocked and reported (so the checks above can fail)", async () => {
  const page = await watchedPage();
  await page.goto(`${env.url}embed.html`);
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.inlineRan = true";
    document.head.append(script);
    const style = document.createElement("style");
    style.textContent = "body { color: red }";
    document.head.append(style);
  });
  await page.waitForFunction(() => window.violations.length >= 2, null, { timeout: TIMEOUT });
  assert.equal(await page.evaluate(() => window.inlineRan), undefined, "the inline script did not run");
  const found = await violations(page);
  assert.ok(found.some((v) => v.startsWith("script-src-elem blocked inline")), found.join("\n"));
  assert.ok(found.some((v) => v.startsWith("style-src-elem blocked inline")), found.join("\n"));
  // Chromium also logs the refusals as console errors: expected here.
  page.errors = page.errors.filter((e) => !/Content Security Policy/.test(e));
});
