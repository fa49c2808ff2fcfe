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
