// Drives the JS API's stepped migration (`Simulation.startMigration()` → `step(n)` → `finish()`,
// README "JS API") in slices of main-thread time, so that a large input (1,000 Ingresses / 5,000
// paths: tens of thousands of generated requests) never freezes the page: each slice routes as
// many requests as fit in SLICE_MS, then the page gets a task of its own (to draw the progress
// bar, to take a keystroke) before the next one. No routing here: the engine generates, routes
// and compares the requests; this only decides how many it does per task.

/** Main-thread time one slice aims at (ms): well under the 200 ms the page allows a task. */
export const SLICE_MS = 40;

/**
 * Runs `run` to the end and resolves to its Migration (`run.finish()`), or to null when
 * `cancelled()` turns true between two slices (the run is then freed). `onProgress({routed,
 * total})` is called after every slice. Resolves to `{migration, stats}`; stats: how many slices, the longest, what `finish()` took.
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
    run.free?.(); // the spent run's handle (wasm-bindgen objects are not garbage-collected)
    return { migration, stats };
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
