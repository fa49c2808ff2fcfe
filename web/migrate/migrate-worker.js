// A migration off the page's main thread (a module Worker that runner.js starts): the engine's
// setup stages (reading the input, converting it, reading the converted YAML back, generating
// the requests) are one call each, and on a cluster dump each takes longer than a page may be
// frozen; here they only delay the answer. The worker loads its own copy of the package with
// Gateway API and runs the stepped migration (migrate-run.js). Messages in:
//   {type: "run", id, yaml, from, to}   one run (a run that is no longer wanted is ended by
//                                       terminating the worker, even in the middle of a call);
//   {type: "detail", id, index}         the explained decisions of one changed request.
// Messages out:
//   {type: "progress", id, routed, total, stage}   at most every 50 ms;
//   {type: "done", id, migration, stats}    the Migration with its changed requests as the table
//       shows them (answer.js `tableRow`: the answers in words); the decisions stay here (a
//       cluster's changes are megabytes of them, and the page shows one request's at a time);
//   {type: "detail", id, index, before, after} or {type: "detail", id, index, error};
//   {type: "error", id, message, trap}      (trap: the engine stopped; this worker is spent).

import { loadEngine } from "../engine.js";
import { tableRow } from "./answer.js";
import { explainChange, runInSlices, startRun } from "./migrate-run.js";

/** How often progress is posted (ms): enough for a smooth bar, few messages. */
const PROGRESS_MS = 50;

/** The last finished run: { id, migration (whole, explanations included), run (freed by the next) }. */
let held = null;

self.onmessage = ({ data }) => (data.type === "detail" ? detail(data) : run(data));

async function run({ id, yaml, from, to }) {
  release();
  try {
    const api = await loadEngine({ gateway: true });
    const started = performance.now();
    const { run, read } = startRun(api, yaml, { from, to });
    const begun = performance.now();
    let posted = 0;
    const { migration, stats, run: finished } = await runInSlices(run, {
      cancelled: () => false,
      onProgress: ({ routed, total, stage }) => {
        const now = performance.now();
        if (now - posted < PROGRESS_MS) return;
        posted = now;
        self.postMessage({ type: "progress", id, routed, total, stage });
      },
    });
    read?.free();
    held = { id, migration, run: finished };
    const lite = { ...migration, changed: migration.changed.map(tableRow) };
    self.postMessage({ type: "done", id, migration: lite, stats: { ...stats, startMs: begun - started, runMs: performance.now() - started } });
  } catch (error) {
    self.postMessage({ type: "error", id, message: String(error?.message ?? error), trap: error instanceof WebAssembly.RuntimeError });
  }
}

function detail({ id, index }) {
  if (held?.id !== id) return self.postMessage({ type: "detail", id, index, error: "This run's explanations are gone: a newer run replaced it." });
  try {
    self.postMessage({ type: "detail", id, index, ...explainChange(held.migration, held.run, index) });
  } catch (error) {
    self.postMessage({ type: "detail", id, index, error: String(error?.message ?? error) });
  }
}

/** Frees the last finished run. */
function release() {
  try {
    held?.run?.free();
  } catch {
    // already freed
  }
  held = null;
}
