// Drives the JS API's stepped migration (`startMigration()` → `step(n)` → `finish()`, README
// "JS API") in slices of time: each slice routes as many requests as fit in SLICE_MS, then the
// thread gets a task of its own before the next one. In the worker (migrate-worker.js) that lets
// its progress messages out and its detail requests in; on the page (runner.js's fallback) it
// keeps the page responsive between two of the engine's calls (a setup stage is one call: it can
// take longer). No routing here: the engine generates, routes and compares the requests; this
// only decides how many it does per call.

/** The time one slice aims at (ms): well under the 200 ms a page may spend on one task. */
export const SLICE_MS = 40;

/**
 * Runs `run` to the end: resolves to `{migration, stats, run}` — the Migration `run.finish()`
 * answers (null when `cancelled()` turned true between two slices: the run is freed), how many
 * slices it took, the longest, and what `finish()` took, and the finished run (the caller frees
 * it). `onProgress({routed, total})` after every slice.
 */
export async function runInSlices(run, { cancelled, onProgress }) {
  const stats = { slices: 0, longestSliceMs: 0, finishMs: 0 };
  let batch = 64; // the first routing slice measures how long a request takes on this input
  let routed = 0;
  try {
    for (;;) {
      const started = performance.now();
      const progress = run.step(batch);
      const took = performance.now() - started;
      stats.slices += 1;
      stats.longestSliceMs = Math.max(stats.longestSliceMs, took);
      onProgress(progress);
      if (progress.done) break;
      // Next batch: as many requests as the last slice's pace fits into SLICE_MS, growing at most
      // fourfold at a time. A setup step (reading, converting, compiling: one stage per step, no
      // request routed) says nothing about the pace and leaves the batch as it is.
      const stepped = progress.routed - routed;
      routed = progress.routed;
      if (stepped > 0) batch = Math.max(1, Math.min(batch * 4, Math.floor((SLICE_MS * stepped) / Math.max(took, 0.01))));
      await nextTask();
      if (cancelled()) {
        run.free?.();
        return { migration: null, stats };
      }
    }
    const finishing = performance.now();
    const migration = run.finish(); // what is left (nothing, once done) and the answer
    stats.finishMs = performance.now() - finishing;
    // The finished run stays the caller's (it may explain a change later: explainChange());
    // the caller frees it (wasm-bindgen objects are not garbage-collected).
    return { migration, stats, run };
  } catch (error) {
    try {
      run.free?.();
    } catch {
      // already consumed or freed: nothing left to release
    }
    throw error;
  }
}

/** Resolves in a task of its own (a message, not setTimeout: no 4 ms clamp after a few rounds). */
function nextTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Starts a run of `api` (the package with Gateway API) on `yaml`: from the text when the package
 * has `startMigration(yaml, options)` (the run reads the input in its first step), else from a
 * `Simulation` (`read`: free it once the run is done). Throws what the JS API throws.
 */
export function startRun(api, yaml, options) {
  if (typeof api.startMigration === "function") return { run: api.startMigration(yaml, options), read: null };
  if (typeof api.Simulation?.prototype.startMigration !== "function") {
    throw new Error("This build's JS API has no migration (Simulation.startMigration).");
  }
  const read = new api.Simulation(yaml);
  try {
    return { run: read.startMigration(options), read };
  } catch (error) {
    read.free();
    throw error;
  }
}

/**
 * The explained `{before, after}` of changed request `index`: as the Migration has it, or, for a
 * change the run left unexplained (`explained: false`: a cluster's thousands of changes are not
 * all explained at once), as the finished run explains it when the package can
 * (`run.explain(index)`); else the change as it is, unexplained.
 */
export function explainChange(migration, run, index) {
  const change = migration.changed[index];
  if (!change) throw new Error(`No changed request ${index}.`);
  // Unexplained: said so (`explained: false`), or no entry on either side (an explained decision has one at least).
  const unexplained = change.explained === false || (!change.before.explanation?.length && !change.after.explanation?.length);
  if (!unexplained || typeof run?.explain !== "function") return { before: change.before, after: change.after };
  const explained = run.explain(index);
  return { before: explained?.before ?? change.before, after: explained?.after ?? change.after };
}
