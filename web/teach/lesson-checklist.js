// Draws an exercise's check (lesson-check.js) for the Lessons panel and the lesson widget: the
// status line and the checklist of cases. A module of its own so that lesson-check.js, which only
// runs the engine, loads in Node without the page's DOM helpers.
import { h } from "../widget-view.js";

/** The status line's text for a check (null: the engine is still loading). */
export function statusText(check) {
  if (check === null) return "Checking…";
  if (check.error) return `Not checked: ${check.error}`;
  if (check.solved) return "Solved! Every case passes.";
  const total = check.passed + check.failed;
  return `${check.passed} of ${total} case${total === 1 ? "" : "s"} pass${check.passed === 1 ? "es" : ""}.`;
}

/**
 * Fills the exercise's status (`lesson-status`, data-solved) and checklist (`lesson-case` items
 * with data-passed; a failure says what was expected and what the engine answered).
 */
export function fillChecklist(status, list, check) {
  status.textContent = statusText(check);
  status.dataset.solved = String(Boolean(check?.solved));
  status.classList.toggle("solved", Boolean(check?.solved));
  status.classList.toggle("failed", Boolean(check?.error));
  list.replaceChildren(...(check?.results ?? []).map((result) =>
    h("li", { "data-testid": "lesson-case", "data-passed": String(result.passed), class: result.passed ? "passed" : "failing" },
      h("span", { class: "lesson-mark", "aria-hidden": "true" }, result.passed ? "✓" : "✗"),
      h("span", { class: "lesson-case-name" }, result.name || `case ${result.index + 1}`),
      h("span", { class: "visually-hidden" }, result.passed ? " (passes)" : " (fails)"),
      result.passed ? null : h("span", { class: "lesson-reason" }, `expected ${result.expected}; got ${result.actual}`))));
}
