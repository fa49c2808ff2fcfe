// Where a migration runs: in a module Worker (migrate-worker.js) so that none of the engine's
// calls — a cluster dump's conversion and read-back take seconds each — lands on the page's main
// thread; or, when the browser cannot start the worker, here, in slices (migrate-run.js), which
// keeps the page responsive between the engine's calls but not during a long one.
//
// One run at a time: a new run, or cancel(), ends the one in flight (the worker is terminated,
// even in the middle of a call; a run here stops at its next slice) and its promise resolves null.
// The worker keeps the changed requests' explanations; detail(index) fetches one request's.

import { loadEngine } from "../engine.js";
import { tableRow } from "./answer.js";
import { explainChange, runInSlices, startRun } from "./migrate-run.js";

export class MigrationRunner {
  #worker = null;
  #workerFailed = false; // the worker could not start once: later runs stay on this thread
  #current = null; // the run in flight: { id, worker, cancelled, settle(value) }
  #last = null; // the last finished run: { id, worker } or { id, migration, run } (run here)
  #ids = 0;
  #details = new Map(); // `${id}:${index}` → { resolve, reject }

  /**
   * Runs `{yaml, from, to}`; `onProgress({routed, total})` as it goes. Resolves to
   * `{migration, stats, where}` ("worker" | "page"; the changed requests as table rows, answer.js
   * `tableRow`: ask detail() for one's decisions), or null when superseded; rejects with the JS
   * API's error (`error.trap`: the engine stopped).
   */
  run(job, onProgress) {
    this.cancel();
    const id = ++this.#ids;
    return this.#workerFailed || typeof Worker !== "function" ? this.#runHere(id, job, onProgress) : this.#runInWorker(id, job, onProgress);
  }

  /** The explained `{before, after}` of the last finished run's changed request `index`. */
  detail(index) {
    const last = this.#last;
    if (!last) return Promise.reject(new Error("No finished run."));
    if (last.migration) {
      try {
        return Promise.resolve(explainChange(last.migration, last.run, index));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => {
      this.#details.set(`${last.id}:${index}`, { resolve, reject });
      last.worker.postMessage({ type: "detail", id: last.id, index });
    });
  }

  /** Ends the run in flight, if any (its promise resolves null). */
  cancel() {
    const current = this.#current;
    this.#current = null;
    if (!current) return;
    current.cancelled = true;
    if (current.worker) {
      // A worker in the middle of a run cannot be interrupted otherwise: a fresh one serves the next.
      this.#retire(current.worker);
    }
    current.settle(null);
  }

  /** Ends everything: the run in flight, the worker and the last run's explanations (the view closed). */
  dispose() {
    this.cancel();
    if (this.#worker) this.#retire(this.#worker);
    try {
      this.#last?.run?.free();
    } catch {
      // already freed
    }
    this.#last = null;
  }

  /** Terminates a worker; the details asked of it will not come. */
  #retire(worker) {
    worker.terminate();
    if (this.#worker === worker) this.#worker = null;
    if (this.#last?.worker === worker) this.#last = null;
    for (const { reject } of this.#details.values()) reject(new Error("This run's explanations are gone: a newer run replaced it."));
    this.#details.clear();
  }

  #runInWorker(id, job, onProgress) {
    return new Promise((resolve, reject) => {
      let worker;
      try {
        worker = this.#worker ??= this.#startWorker();
      } catch {
        this.#workerFailed = true;
        this.#runHere(id, job, onProgress).then(resolve, reject);
        return;
      }
      const current = { id, worker, cancelled: false, settle: resolve, heard: false, onProgress, reject, job };
      this.#current = current;
      worker.postMessage({ type: "run", id, ...job });
    });
  }

  #startWorker() {
    const worker = new Worker(new URL("./migrate-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => this.#heard(worker, data);
    worker.onerror = (event) => {
      event.preventDefault();
      const current = this.#current?.worker === worker ? this.#current : null;
      this.#retire(worker);
      if (!current) return;
      this.#current = null;
      if (current.heard) return current.reject(new Error(event.message || "the migration's worker stopped"));
      // It never started (no module workers, or its script could not load): run here instead.
      this.#workerFailed = true;
      this.#runHere(current.id, current.job, current.onProgress).then(current.settle, current.reject);
    };
    return worker;
  }

  #heard(worker, data) {
    if (data.type === "detail") {
      const key = `${data.id}:${data.index}`;
      const asked = this.#details.get(key);
      this.#details.delete(key);
      if (data.error) asked?.reject(new Error(data.error));
      else asked?.resolve({ before: data.before, after: data.after });
      return;
    }
    const current = this.#current;
    if (!current || current.id !== data.id) return; // a superseded run's late word
    current.heard = true;
    if (data.type === "progress") return current.onProgress(data);
    this.#current = null;
    if (data.type === "done") {
      this.#last = { id: data.id, worker };
      return current.settle({ migration: data.migration, stats: data.stats, where: "worker" });
    }
    if (data.trap) this.#retire(worker); // its engine is spent
    current.reject(Object.assign(new Error(data.message), { trap: data.trap }));
  }

  async #runHere(id, { yaml, from, to }, onProgress) {
    const current = { id, worker: null, cancelled: false, settle: () => {} };
    this.#current = current;
    if (this.#last?.run) {
      this.#last.run.free(); // the last run's explanations go with it
      this.#last = null;
    }
    const api = await loadEngine({ gateway: true });
    if (current.cancelled) return null;
    const started = performance.now();
    const { run, read } = startRun(api, yaml, { from, to });
    const begun = performance.now();
    try {
      const { migration, stats, run: finished } = await runInSlices(run, { cancelled: () => current.cancelled, onProgress });
      if (!migration) return null;
      this.#last = { id, migration, run: finished };
      return { migration: { ...migration, changed: migration.changed.map(tableRow) }, stats: { ...stats, startMs: begun - started, runMs: performance.now() - started }, where: "page" };
    } catch (error) {
      throw Object.assign(error, { trap: error instanceof WebAssembly.RuntimeError });
    } finally {
      read?.free();
      if (this.#current === current) this.#current = null;
    }
  }
}
