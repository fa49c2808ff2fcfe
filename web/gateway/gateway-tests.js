// The test rows of a Gateway API input, run by the JS API (README, "The playground"): the page's
// batch table runs its rows on the page's own engine, which has no Gateway API, so while the
// Gateway view answers, that table is hidden and the same rows (the page's state: a gallery
// example's cases, or rows from a link) are run here with `Simulation.runCases` — the engine's
// verdicts, one line each, read-only.

import { h } from "./gateway-result.js";

/**
 * The rows' verdicts as a `gateway-tests` section, or null when there are no rows.
 * `run(rows)`: the engine's CaseReport for the rows (cases as runCases takes them).
 */
export function renderTests(rows, run) {
  if (!rows.length) return null;
  let report;
  try {
    report = run(rows);
  } catch (error) {
    return h("section", { class: "gw-tests", "data-testid": "gateway-tests" },
      h("h3", {}, "Test cases"), h("p", { class: "gw-error", role: "alert" }, error.message.replace(/^runCases: /, "")));
  }
  const list = h("ol", { class: "gw-test-list" });
  for (const result of report.results) {
    const row = rows[result.index] ?? {};
    const body = [
      h("span", { class: `gw-test-verdict ${result.passed ? "pass" : "fail"}` }, result.passed ? "pass" : "fail"),
      h("span", { class: "gw-test-name" }, result.name || row.request?.url || `case ${result.index + 1}`),
      h("span", { class: "gw-test-detail" }, result.passed ? result.actual : `expected ${result.expected}, got ${result.actual}`),
    ];
    list.append(h("li", { "data-testid": "gateway-test", "data-status": result.passed ? "pass" : "fail", "data-index": result.index }, ...body));
  }
  return h("section", { class: "gw-tests", "data-testid": "gateway-tests", "data-passed": report.passed, "data-failed": report.failed },
    h("h3", {}, `Test cases: ${report.passed} passed, ${report.failed} failed`), list);
}
