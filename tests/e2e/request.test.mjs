// The request bar's Method and Headers: a header line picks an ingress-nginx canary, a bad line
// is reported under the Headers box, and both travel in the permalink (read by the playground
// from a link embed/permalink.js wrote, and written back into the Share link).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { suite, sel, ready, result, settled } from "./helpers.mjs";
import { emptyState, fragmentFor, stateFromFragment } from "../../embed/permalink.js";

const env = suite();

const CORPUS = readFileSync(new URL("../../crates/engine/tests/corpus/profile-ingress-nginx-canary-header.yaml", import.meta.url), "utf8");
/** The corpus file's manifest (the block under `manifest: |`, two spaces of indent removed). */
const MANIFEST = CORPUS.split("manifest: |\n")[1].split("\ncases:")[0].replace(/^ {2}/gm, "");

/** Opens the playground on a state given as a permalink, waits for its decision. */
async function openState(state) {
  const page = await env.newPage();
  await page.goto(`${env.url}#${await fragmentFor({ ...emptyState(), ...state })}`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="result"]')?.textContent.includes("profile ingress-nginx"), null, { timeout: 30000 });
  await settled(page);
  return page;
}

test("a link's method and headers fill the request bar and pick the canary; Share link keeps them", async () => {
  const headers = "X-Version: v2.4\nCookie: session=7";
  const page = await openState({ yaml: MANIFEST, url: "http://pattern.example.com/", method: "POST", headers, profile: "ingress-nginx" });
  assert.equal(await page.inputValue(sel("request-method")), "POST");
  assert.equal(await page.inputValue(sel("request-headers")), headers);
  assert.equal((await result(page)).backend, "pattern-canary:80", "canary-by-header-pattern matches v2.4");
  const taken = await page.$$eval("ul.split > li", (items) => items.map((li) => [li.dataset.canary, li.dataset.taken]));
  assert.deepEqual(taken, [["false", "false"], ["true", "true"]], "the split marks the canary side as this request's");

  await page.fill(sel("request-headers"), "X-Version: v3");
  await settled(page);
  assert.equal((await result(page)).backend, "pattern-main:80");
  await page.selectOption(sel("request-method"), "DELETE");
  await settled(page);
  const deadline = Date.now() + 10000;
  let shared;
  do {
    const href = (await page.getAttribute(sel("share-link"), "href")) ?? "";
    shared = href.includes("#") ? await stateFromFragment(`#${href.split("#")[1]}`) : null;
    if (shared?.method === "DELETE") break;
    await page.waitForTimeout(50);
  } while (Date.now() < deadline);
  assert.deepEqual([shared?.method, shared?.headers], ["DELETE", "X-Version: v3"], "the Share link holds the method and headers");
});

test("a header line without a colon is reported under the Headers box, and nothing is routed", async () => {
  const page = await openState({ yaml: MANIFEST, url: "http://always.example.com/", profile: "ingress-nginx" });
  assert.equal((await result(page)).backend, "always-main:80");
  await page.fill(sel("request-headers"), "X-Canary: always\nnocolon");
  await page.waitForSelector(`${sel("request-headers")}[aria-invalid="true"]`);
  const message = await page.textContent("#request-headers-error");
  assert.equal(message, "Headers, line 2: \"nocolon\" is not a header: write it as Name: value");
  assert.equal(await page.getAttribute(sel("request-url"), "aria-invalid"), null, "the URL is fine");
  await page.fill(sel("request-headers"), "X-Canary: always");
  await page.waitForSelector(`${sel("request-headers")}:not([aria-invalid])`);
  await settled(page);
  assert.equal((await result(page)).backend, "always-canary:80");
});
