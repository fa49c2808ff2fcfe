// The playground's *Migrate to Gateway API* view (issue 15; README, "The playground"): a Teach
// panel view (teach/teach.js imports it when the bar's "Migrate to Gateway API" button is first
// pressed, or for ?view=migrate), so nothing of it is part of a first visit.
//
// It converts the editor's Ingresses as ingress2gateway does and lists every generated request
// whose answer changes — all of that is the JS API's (`Simulation.startMigration({from, to})`,
// stepped by migrate-run.js so the page stays responsive, in the package with Gateway API:
// `loadEngine({gateway: true})`). This module only asks and shows: the From/To selects, a progress
// bar, the changed requests (changes.js), the notices (notices.js) and the converted YAML
// (yaml-view.js), with Copy and Download. It re-runs, debounced, when the page settles on an edit.
//
// The view contract (teach.js): mount(host, ctx, emit) → { update(ctx), destroy() }; ctx.yaml is
// the editor's text; emit("reveal", {line, end}) marks the editor's lines, emit("request", …)
// puts a request in the page's form.

import { loadEngine } from "../engine.js";
import { h } from "../gateway/gateway-result.js";
import { CONVERTED, placeOf } from "./answer.js";
import { renderDetail, renderTable } from "./changes.js";
import { runInSlices } from "./migrate-run.js";
import { renderNotices } from "./notices.js";
import { YamlView } from "./yaml-view.js";

/** The wait after the page settles on an edit before a new run (typing goes on meanwhile). */
const DEBOUNCE_MS = 400;
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
  #engine = null; // { api, simulation }: the Simulation a run starts from, when the package has no startMigration(yaml)
  #seq = 0; // counts runs: a run whose number is no longer current stops at its next slice
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
      progress, status, error, results, detail, notices, converted);
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
    this.#seq++; // a run in flight stops and frees itself at its next slice
    try {
      this.#engine?.simulation.free();
    } catch {
      // a run still holding it: the page's unload frees the module anyway
    }
    this.#engine = null;
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
      api = await loadEngine({ gateway: true }); // one promise per page: at once after the first
    } catch (error) {
      if (seq === this.#seq) this.#fail(`The Gateway API simulator could not be loaded: ${error.message}`);
      return;
    }
    if (seq !== this.#seq) return;
    this.#fillSelects(api);
    // A run from the text itself when the package offers it (the run reads the input in its
    // first step); else from a Simulation held across edits (updated, not re-read, per edit).
    const direct = typeof api.startMigration === "function";
    if (!direct && typeof api.Simulation.prototype.startMigration !== "function") {
      return this.#fail("This build's JS API has no migration (Simulation.startMigration).");
    }
    const started = performance.now();
    if (!direct) {
      try {
        if (!this.#engine) this.#engine = { api, simulation: new api.Simulation(this.#yaml) };
        else this.#engine.simulation.update(this.#yaml);
      } catch (error) {
        return this.#fail(`The YAML could not be read: ${error.message.replace(/^Simulation(\.update)?: /, "")}`);
      }
    }
    const from = this.#parts.from.value;
    const to = this.#parts.to.value;
    const read = performance.now();
    let run;
    try {
      run = direct ? api.startMigration(this.#yaml, { from, to }) : this.#engine.simulation.startMigration({ from, to });
    } catch (error) {
      return this.#fail(error.message.replace(/^(Simulation\.)?startMigration: /, ""));
    }
    const converted = performance.now();
    el.dataset.state = "running";
    progress.hidden = false;
    progress.removeAttribute("value");
    const { migration, stats } = await runInSlices(run, {
      cancelled: () => seq !== this.#seq,
      onProgress: ({ routed, total }) => {
        // Until the requests are generated (reading, converting), the bar has no end to show.
        if (!total) {
          status.textContent = "Converting the Ingresses and generating the requests…";
          return;
        }
        progress.max = total;
        progress.value = routed;
        status.textContent = `Comparing requests: ${routed.toLocaleString("en")} of ${total.toLocaleString("en")}`;
      },
    });
    if (!migration || seq !== this.#seq) return;
    const finished = performance.now();
    this.#show(migration, { from, to });
    const drawn = performance.now();
    performance.measure("migrate-run", { start: started, end: drawn });
    Object.assign(el.dataset, {
      state: "ready", requests: migration.requests, changed: migration.changed.length, notices: migration.notices.length,
      readMs: (read - started).toFixed(1), startMs: (converted - read).toFixed(1), slices: stats.slices,
      longestSliceMs: stats.longestSliceMs.toFixed(1), finishMs: stats.finishMs.toFixed(1),
      renderMs: (drawn - finished).toFixed(1), totalMs: (drawn - started).toFixed(1),
    });
  }

  /** Draws a finished migration: summary, changed requests (or the empty state), notices, converted YAML. */
  #show(migration, { from, to }) {
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
        pick: (change) => detail.replaceChildren(renderDetail(change, { from, to, reveal, tryIt: (request) => this.#tryIt(request) })),
      })
      : h("p", { class: "mig-empty", "data-testid": "migrate-empty" }, `No request changes its answer: all ${migration.requests.toLocaleString("en")} generated requests are answered the same by ${from} and by ${to} through the converted resources.`);
    results.replaceChildren(summary, body);
    detail.replaceChildren();
    notices.replaceChildren(renderNotices(migration.notices, reveal));
    this.#converted = migration.yaml ?? "";
    converted.hidden = !this.#converted;
    this.#yamlView.setText(this.#converted);
    this.#emit("reveal", { line: null });
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
    el.dataset.state = "error";
  }
}
