// The tests table's coverage on a large input: the engine lists only the uncovered paths the
// table draws (200) and counts the rest, under the spec profile (run in the page) and under a
// controller profile (run in the JS API package); the counts stay those of every path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, sel, ready, settled, pasteYaml, manyIngresses } from "./helpers.mjs";

const env = suite();

/** The summary line and the uncovered list's heading and last item. */
async function coverage(page) {
  return page.evaluate(() => ({
    summary: document.querySelector(".tests .summary").textContent,
    heading: document.querySelector(".tests .coverage summary").textContent,
    drawn: document.querySelectorAll(".tests .coverage li:not(.more)").length,
    more: document.querySelector(".tests .coverage li.more")?.textContent,
  }));
}

test("coverage of 300 Ingresses / 600 paths counts every uncovered path while drawing 200, under spec and ingress-nginx", async () => {
  const page = await env.newPage();
  await page.goto(env.url);
  await ready(page);
  await pasteYaml(page, manyIngresses(300, 2));
  await settled(page, 60000);
  await page.fill(sel("request-url"), "http://h7.example.com/api/v0/items/x");
  await settled(page);
  await page.click("text=+ Add the current request");
  const added = `${sel("tests-table")} tbody tr:last-child`;
  await page.waitForSelector(`${added}.pass`);
  const expected = { summary: /coverage 1\/600 paths/, heading: "Not reached by any test (599 of 600)", drawn: 200, more: "… and 399 more" };
  const check = (seen, profile) => {
    assert.match(seen.summary, expected.summary, profile);
    assert.deepEqual([seen.heading, seen.drawn, seen.more], [expected.heading, expected.drawn, expected.more], profile);
  };
  check(await coverage(page), "spec");
  await page.selectOption(sel("profile-select"), "ingress-nginx");
  await page.waitForFunction(() => document.querySelector('[data-testid="result"]')?.textContent.includes("profile ingress-nginx"), null, { timeout: 60000 });
  await settled(page, 60000);
  await page.waitForSelector(`${added}.pass`);
  check(await coverage(page), "ingress-nginx");
});
