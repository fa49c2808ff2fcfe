// Checks a lesson's exercise against the learner's YAML with the JS API, and draws the answer.
// No routing logic here: the engine runs the exercise's case file (`Simulation.runCases`) and
// this module only shows each case's verdict and the engine's own expected/actual texts.
import { exerciseError } from "./lesson-parse.js";

/** One Simulation, kept across edits (updated when the YAML changes), for one view. */
export class ExerciseChecker {
  #api;
  #sim = null;
  #yaml = null;

  constructor(api) {
    this.#api = api;
  }

  /**
   * Runs `lesson`'s exercise on `yaml`: `{ solved, passed, failed, results, error }`, or null when
   * the lesson has no exercise. `error` says why nothing could be checked (the YAML has nothing
   * usable yet, or the exercise itself is broken: then with the lesson's line).
   */
  run(lesson, yaml) {
    if (!lesson.exercise) return null;
    try {
      if (this.#sim === null) this.#sim = new this.#api.Simulation(yaml);
      else if (yaml !== this.#yaml) this.#sim.update(yaml);
      this.#yaml = yaml;
    } catch (error) {
      return failure(`the YAML cannot be read: ${error.message}`);
    }
    const options = { listUncovered: 0, ...(lesson.profile ? { profile: lesson.profile } : {}) };
    try {
      const report = this.#sim.runCases(lesson.exercise.text, options);
      return { solved: report.failed === 0 && report.passed > 0, passed: report.passed, failed: report.failed, results: report.results, error: null };
    } catch (error) {
      const message = error.message.replace(/^Simulation\.runCases: /, "");
      // A case file problem is the lesson's (placed at its line); anything else is the YAML's.
      if (/case file/.test(message)) return failure(exerciseError(lesson.exercise.line, message).message);
      return failure(`your YAML cannot be routed yet: ${message}`);
    }
  }

  free() {
    this.#sim?.free();
    this.#sim = null;
    this.#yaml = null;
  }
}

function failure(error) {
  return { solved: false, passed: 0, failed: 0, results: [], error };
}

/** `h(tag, attrs, ...children)`: an element; text goes in as text only. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

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
