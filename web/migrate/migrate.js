// The playground's *Migrate to Gateway API* view (issue 15; README, "The playground"): a Teach
// panel view (teach/teach.js imports it when the bar's "Migrate to Gateway API" button is first
// pressed, or for ?view=migrate), so nothing of it is part of a first visit.
//
// It converts the editor's Ingresses as ingress2gateway does and lists every generated request
// whose answer changes — all of that is the JS API's (the stepped `startMigration()` run of the
// package with Gateway API, `loadEngine({gateway: true})`), run off the main thread by runner.js
// (a Worker; in slices here when there is none). This module only asks and shows: the From/To
// selects (the package's own lists), a progress bar, the changed requests (changes.js), the
// notices (notices.js) and the converted YAML (yaml-view.js), with Copy and Download. It re-runs,
// debounced, when the page settles on an edit; a new run ends the one in flight.
//
// The view contract (teach.js): mount(host, ctx, emit) → { update(ctx), destroy() }; ctx.yaml is
// the editor's text; emit("reveal", {line, end}) marks the editor's lines, emit("request", …)
// puts a request in the page's form.

import { loadEngine } from "../engine.js";
import { h } from "../gateway/gateway-result.js";
import { CONVERTED, placeOf } from "./answer.js";
import { renderDetail, renderTable } from "./changes.js";
import { renderNotices } from "./notices.js";
import { MigrationRunner } from "./runner.js";
import { YamlView } from "./yaml-view.js";

/** The wait after the page settles on an edit before a new run (typing goes on meanwhile). */
const DEBOUNCE_MS = 400;
/** The run's setup stages (`step()`'s `stage`), in words. */
const STAGES = {
  read: "Reading the Ingresses…",
  convert: "Converting them to Gateway API…",
  "read back": "Reading the converted YAML back…",
  probe: "Generating the requests…",
  compile: "Compiling both configurations…",
};

/** The defaults mig-design.md names: ingress-nginx to Envoy Gateway. */
const DEFAULT_FROM = "ingress-nginx";
const DEFAULT_TO = "envoy-gateway";

export function mount(host, ctx, emit) {
  const view = new MigrateView(host, emit);
  view.update(ctx, { now: true });
  return { update: (next) => view.update(next), destroy: () => view.destroy() };
}

class MigrateView {
  #emit;
  #parts;
  #yaml = null; // the editor's text the next (or last) run reads
  #runner = new MigrationRunner();
  #detailSeq = 0; // counts detail requests: only the last one asked is drawn
  #runs = 0; // runs ended (shown or failed): data-runs, what tests wait on
  #seq = 0; // counts runs: the answer of a run whose number is no longer current is dropped
  #timer = 0;
  #converted = ""; // the last run's YAML, for Copy and Download
  #yamlView = new YamlView({ label: "Converted Gateway API YAML" });

  constructor(host, emit) {
    this.#emit = emit;
    if (!document.querySelector("link[data-migrate-css]")) {
      document.head.append(h("link", { rel: "stylesheet", "data-migrate-css": "", href: new URL("./migrate.css", import.meta.url).href }));
    }
    const from = h("select", { "data-testid": "migrate-from" });
    const to = h("select", { "data-testid": "migrate-to" });
    for (const select of [from, to]) select.addEventListener("change", () => this.#schedule(0));
    const progress = h("progress", { class: "mig-progress", "data-testid": "migrate-progress", "aria-label": "Requests compared", hidden: true });
    const status = h("p", { class: "mig-status", "data-testid": "migrate-status", role: "status" });
    const error = h("p", { class: "mig-error", "data-testid": "migrate-error", role: "alert", hidden: true });
    const copy = h("button", { type: "button", "data-testid": "migrate-copy" }, "Copy");
    const download = h("button", { type: "button", "data-testid": "migrate-download" }, "Download");
    const copied = h("span", { class: "mig-muted", "data-testid": "migrate-copied", "aria-live": "polite" });
    copy.addEventListener("click", () => this.#copy(copied));
    download.addEventListener("click", () => this.#download());
    const results = h("div", { class: "mig-results" });
    const detail = h("div", { class: "mig-detail-slot" });
    const notices = h("div", { class: "mig-notices-slot" });
    const converted = h("div", { class: "mig-converted", hidden: true },
      h("div", { class: "mig-converted-head" }, h("h3", { class: "mig-heading" }, "Converted YAML ", h("span", { class: "mig-muted" }, CONVERTED)), copy, download, copied),
      this.#yamlView.el);
    const el = h("section", { class: "mig", "data-testid": "migrate-view", "data-state": "idle", "aria-label": "Migrate to Gateway API" },
      h("h2", { class: "mig-title" }, "Migrate to Gateway API"),
      h("p", { class: "mig-muted mig-intro" }, "Converts the Ingresses as ingress2gateway does, then routes requests made from your YAML before and after, and lists every request whose answer changes."),
      h("div", { class: "mig-controls" }, h("label", {}, "From (Ingress controller)", from), h("label", {}, "To (Gateway API implementation)", to)),
      progress, status, error, results, detail, converted, notices);
    this.#parts = { el, from, to, progress, status, error, results, detail, notices, converted };
    host.append(el);
  }

  /** The page settled on a state: a changed YAML re-runs after DEBOUNCE_MS (at once when `now`). */
  update(ctx, { now = false } = {}) {
    if (ctx.yaml === this.#yaml) return;
    this.#yaml = ctx.yaml;
    this.#schedule(now ? 0 : DEBOUNCE_MS);
  }

  destroy() {
    clearTimeout(this.#timer);
    this.#seq++;
    this.#runner.dispose(); // a run in flight ends; the worker and the last run's explanations go
  }

  #schedule(delay) {
    clearTimeout(this.#timer);
    // A failure is shown in the view: an unhandled rejection would raise the page's crash banner.
    this.#timer = setTimeout(() => this.#run().catch((error) => this.#fail(`The migration failed: ${error.message}`)), delay);
  }

  async #run() {
    const seq = ++this.#seq;
    const { el, progress, status, results } = this.#parts;
    el.dataset.state = "loading";
    results.setAttribute("aria-busy", "true");
    status.textContent = "Loading the simulator with Gateway API…";
    let api;
    try {
      // The package on the page too, for the From/To lists (the run itself loads its own copy in the worker).
      api = await loadEngine({ gateway: true });
    } catch (error) {
      if (seq === this.#seq) this.#fail(`The Gateway API simulator could not be loaded: ${error.message}`);
      return;
    }
    if (seq !== this.#seq) return;
    this.#fillSelects(api); // the lists; the run itself happens in runner.js (a worker, as a rule)
    const from = this.#parts.from.value;
    const to = this.#parts.to.value;
    const started = performance.now();
    el.dataset.state = "running";
    status.textContent = "Converting the Ingresses and generating the requests…";
    progress.hidden = false;
    progress.removeAttribute("value");
    let outcome;
    try {
      outcome = await this.#runner.run({ yaml: this.#yaml, from, to }, ({ routed, total, stage }) => {
        if (seq !== this.#seq) return;
        // Until the requests exist, the bar has no end to show: the stage says what is going on.
        if (!total || (stage && stage !== "route")) {
          status.textContent = STAGES[stage] ?? status.textContent;
          return;
        }
        progress.max = total;
        progress.value = routed;
        status.textContent = `Comparing requests: ${routed.toLocaleString("en")} of ${total.toLocaleString("en")}`;
      });
    } catch (error) {
      if (seq !== this.#seq) return;
      const message = error.message.replace(/^(Simulation\.)?startMigration: /, "");
      return this.#fail(error.trap
        ? `The simulator stopped with an internal error (${message}). This is a bug: please report it with your YAML. Edit the YAML or pick another From/To to try again.`
        : message);
    }
    if (!outcome || seq !== this.#seq) return;
    const { migration, stats, where } = outcome;
    const finished = performance.now();
    await this.#show(migration, { from, to });
    if (seq !== this.#seq) return;
    const drawn = performance.now();
    performance.measure("migrate-run", { start: started, end: drawn });
    Object.assign(el.dataset, {
      state: "ready", runs: ++this.#runs, requests: migration.requests, changed: migration.changed.length, notices: migration.notices.length, where,
      startMs: stats.startMs.toFixed(1), slices: stats.slices, longestSliceMs: stats.longestSliceMs.toFixed(1),
      finishMs: stats.finishMs.toFixed(1), runMs: stats.runMs.toFixed(1), renderMs: (drawn - finished).toFixed(1), totalMs: (drawn - started).toFixed(1),
    });
  }

  /**
   * Draws a finished migration: summary and changed requests (or the empty state), then, in a
   * task of its own (a cluster's answer is a lot to draw at once), notices and converted YAML.
   */
  async #show(migration, { from, to }) {
    const seq = this.#seq;
    const { progress, status, error, results, detail, notices, converted } = this.#parts;
    progress.hidden = true;
    error.hidden = true;
    results.removeAttribute("aria-busy");
    const n = migration.changed.length;
    const gateways = migration.gateways ?? [];
    status.textContent = "";
    const summary = h("p", { class: "mig-summary", "data-testid": "migrate-summary" },
      `${migration.requests.toLocaleString("en")} requests compared, ${n.toLocaleString("en")} change${n === 1 ? "s" : ""} their answer · `
      + `${gateways.length} Gateway${gateways.length === 1 ? "" : "s"}${gateways.length ? ` (${gateways.join(", ")})` : ""} · ${migration.notices.length} notice${migration.notices.length === 1 ? "" : "s"}`);
    const reveal = (span) => this.#reveal(span);
    const body = n
      ? renderTable(migration.changed, {
        from, to,
        pick: (change, row) => this.#showDetail(change, Number(row.dataset.index), { from, to }),
      })
      : h("p", { class: "mig-empty", "data-testid": "migrate-empty" }, `No request changes its answer: all ${migration.requests.toLocaleString("en")} generated requests are answered the same by ${from} and by ${to} through the converted resources.`);
    results.replaceChildren(summary, body);
    detail.replaceChildren();
    this.#detailSeq++; // a detail still on its way belongs to the last run
    notices.replaceChildren();
    converted.hidden = true;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (seq !== this.#seq) return;
    notices.replaceChildren(renderNotices(migration.notices, reveal));
    this.#converted = migration.yaml ?? "";
    converted.hidden = !this.#converted;
    this.#yamlView.setText(this.#converted);
    this.#emit("reveal", { line: null });
  }

  /** The chosen changed request with both explanations (fetched from the run: the table has only the answers). */
  async #showDetail(change, index, { from, to }) {
    const { detail } = this.#parts;
    const asked = ++this.#detailSeq;
    detail.replaceChildren(h("p", { class: "mig-muted", "data-testid": "migrate-detail-loading" }, "Loading both explanations…"));
    let explained;
    try {
      explained = await this.#runner.detail(index);
    } catch (error) {
      if (asked === this.#detailSeq) detail.replaceChildren(h("p", { class: "mig-error", role: "alert" }, error.message));
      return;
    }
    if (asked !== this.#detailSeq) return;
    const full = { ...change, before: explained.before, after: explained.after };
    detail.replaceChildren(renderDetail(full, { from, to, reveal: (span) => this.#reveal(span), tryIt: (request) => this.#tryIt(request) }));
  }

  /** Marks a span's lines: the converted YAML's in its view, the input's in the page's editor. */
  #reveal(span) {
    const place = placeOf(span);
    if (!place) return;
    if (place[0] === CONVERTED) this.#yamlView.reveal(place[1], place[2]);
    else this.#emit("reveal", { line: place[1], end: place[2] });
  }

  /** Puts a changed request in the page's request form (the page then routes it as usual). */
  #tryIt(request) {
    const url = `${request.scheme ?? "http"}://${request.host}${request.path}`;
    this.#emit("request", { url, sni: request.sni ?? "", method: request.method ?? "", headers: request.headers ?? [], cookies: request.cookies ?? [] });
  }

  async #copy(note) {
    try {
      await navigator.clipboard.writeText(this.#converted);
      note.textContent = `Copied ${this.#converted.split("\n").length - 1} lines.`;
    } catch (error) {
      note.textContent = `Could not copy (${error.message}): use Download instead.`;
    }
  }

  #download() {
    const url = URL.createObjectURL(new Blob([this.#converted], { type: "application/yaml" }));
    const a = h("a", { href: url, download: CONVERTED });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** The From select lists the Ingress profiles, the To select the Gateway API implementations (once). */
  #fillSelects(api) {
    const { from, to } = this.#parts;
    if (from.options.length) return;
    from.append(...api.profiles().map((p) => h("option", { value: p.name }, `${p.name}${p.version ? ` ${p.version}` : ""}`)));
    to.append(...api.implementations().map((i) => h("option", { value: i.name }, `${i.title ?? i.name}${i.version ? ` ${i.version}` : ""}`)));
    if ([...from.options].some((o) => o.value === DEFAULT_FROM)) from.value = DEFAULT_FROM;
    if ([...to.options].some((o) => o.value === DEFAULT_TO)) to.value = DEFAULT_TO;
  }

  #fail(message) {
    const { el, progress, status, error, results, detail, notices, converted } = this.#parts;
    progress.hidden = true;
    status.textContent = "";
    results.removeAttribute("aria-busy");
    // The last run's results answer another input: not shown beside the error.
    for (const part of [results, detail, notices]) part.replaceChildren();
    converted.hidden = true;
    this.#converted = "";
    error.textContent = message;
    error.hidden = false;
    Object.assign(el.dataset, { state: "error", runs: ++this.#runs });
  }
}
