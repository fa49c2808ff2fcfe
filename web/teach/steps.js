// The step-through: the engine's decision walked in the order the rules apply (request → class →
// host tier → each candidate path → the winner → TLS), one step at a time. The steps are the
// engine's (`Simulation.route(request, {steps: true})` → `decision.steps`, each with its rule, a
// title, one sentence, the spans it looks at and its verdict); this module only shows them and
// moves between them, so it works the same under every profile. No routing logic here.
//
// mount(host, ctx, emit, options) → { update(ctx), destroy() }, as every Teach view (teach.js).
// The playground passes emit (teach-reveal marks the current step's lines in its editor); the
// docs widget (view="steps") passes options.excerpt: the step's lines are shown under it instead.
// Keys while the view has the focus (not while typing in a field): ←/→ step, Home/End.
// In the playground, "Show the route map" draws the map (route-map.js) under the steps, the boxes
// of the current step marked (its showStep).
// User text only ever goes into the DOM as text (the widget's `h`).
import { loadEngine } from "../engine.js";
import { h } from "../widget-view.js";

/** At most this many steps are in the list at once, around the current one: a host with 5,000
 * paths walks 5,000 steps, and drawing them all took a second on every update. */
const SHOWN = 200;

/** The view over `host`; `ctx` as teach.js describes it. */
export function mount(host, ctx, emit = () => {}, options = {}) {
  // In a page, its stylesheet; in the widget's shadow root the widget's own (embed/styles.js).
  if (host.getRootNode() === document) loadStylesheet();
  const view = new StepThrough(host, emit, options);
  view.update(ctx);
  return { update: (next) => view.update(next), destroy: () => view.destroy() };
}

class StepThrough {
  #host;
  #emit;
  #excerpt;
  #parts;
  #engine = null; // { api, simulation, yaml }: one Simulation per manifest text, updated on change
  #steps = [];
  #shown = [0, 0]; // the steps in the list: [first, end)
  #yaml = "";
  #index = 0;
  #seq = 0; // the latest update(): an earlier one still loading the engine does nothing
  #destroyed = false;
  #ctx = null;
  #map = null; // the route map shown under the steps: { update, destroy, showStep }, or a promise of it
  #onKey = (event) => this.#key(event);

  constructor(host, emit, { excerpt = false } = {}) {
    this.#host = host;
    this.#emit = emit;
    this.#excerpt = excerpt;
    const prev = h("button", { type: "button", class: "step-button", "data-testid": "step-prev", "aria-label": "Previous step" }, "◀ Step");
    const next = h("button", { type: "button", class: "step-button", "data-testid": "step-next", "aria-label": "Next step" }, "Step ▶");
    const count = h("span", { class: "step-count", "data-testid": "step-count" });
    // What a screen reader says on each step: its number, title and sentence (the list is long).
    const live = h("p", { class: "step-live", "aria-live": "polite", "aria-atomic": "true" });
    const status = h("p", { class: "step-status", "data-testid": "steps-status", role: "status" }, "Loading the simulator…");
    const list = h("ol", { class: "step-list", "data-testid": "step-list", "aria-label": "Steps of the decision" });
    // Escape is the panel's (teach.js), not the widget's.
    const keys = h("p", { class: "step-keys" }, `Keys: ← → step, Home / End: first / last${excerpt ? "" : ", Esc: close"}.`);
    // At either end #go clamps the index: an inactive button's click changes nothing.
    prev.addEventListener("click", () => this.#go(this.#index - 1));
    next.addEventListener("click", () => this.#go(this.#index + 1));
    list.addEventListener("click", (event) => {
      const item = event.target.closest?.("li[data-index]");
      if (item) this.#go(Number(item.dataset.index));
    });
    const controls = h("div", { class: "step-controls" }, prev, count, next);
    const mapHost = h("div", { class: "steps-map", "data-testid": "steps-map-view", hidden: true });
    if (!excerpt) {
      const toggle = h("button", { type: "button", class: "steps-map-toggle", "data-testid": "steps-map", "aria-pressed": "false" }, "Show the route map");
      toggle.addEventListener("click", () => this.#toggleMap(toggle));
      controls.append(toggle);
    }
    const root = h("div", { class: "steps", "data-testid": "steps-view" }, controls, live, status, list, keys, mapHost);
    this.#parts = { prev, next, count, live, status, list, root, mapHost };
    host.addEventListener("keydown", this.#onKey);
    host.replaceChildren(root);
  }

  /** Routes ctx's request again (the manifest read only when it changed) and redraws. */
  async update(ctx) {
    const seq = ++this.#seq;
    this.#ctx = ctx;
    this.#withMap((map) => map.update(ctx));
    if (!ctx.request) return this.#show([], ctx.requestError || "Type a request URL to step through its decision.");
    let api;
    try {
      api = this.#engine?.api ?? (await loadEngine());
    } catch (error) {
      return seq === this.#seq && this.#show([], `The simulator could not be loaded: ${error.message}`);
    }
    if (seq !== this.#seq || this.#destroyed) return;
    let decision;
    try {
      const simulation = this.#simulation(api, ctx.yaml);
      const options = { profile: ctx.profile || "spec", steps: true };
      if (ctx.class) options.class = ctx.class;
      decision = simulation.route(ctx.request, options);
    } catch (error) {
      return this.#show([], error.message.replace(/^Simulation\.route: /, ""));
    }
    this.#yaml = ctx.yaml;
    if (!Array.isArray(decision.steps)) return this.#show([], "This simulator gives no steps for its decisions.");
    this.#show(decision.steps, "", decision);
  }

  destroy() {
    this.#destroyed = true;
    this.#seq++;
    this.#withMap((map) => map.destroy());
    this.#map = null;
    this.#host.removeEventListener("keydown", this.#onKey);
    this.#engine?.simulation.free();
    this.#engine = null;
  }

  /** Shows or hides the route map under the steps (its module imported the first time). */
  #toggleMap(toggle) {
    const { mapHost } = this.#parts;
    const show = mapHost.hidden;
    mapHost.hidden = !show;
    toggle.setAttribute("aria-pressed", String(show));
    toggle.textContent = show ? "Hide the route map" : "Show the route map";
    if (!show || this.#map) return;
    this.#map = import("./route-map.js").then((module) => {
      if (this.#destroyed) return null;
      const map = module.mount(mapHost, this.#ctx, this.#emit);
      map.showStep?.(this.#steps[this.#index] ?? null);
      this.#map = map;
      return map;
    }, (error) => {
      this.#map = null;
      mapHost.replaceChildren(h("p", { class: "notice", role: "alert" }, `The route map could not be loaded: ${error.message}`));
      return null;
    });
  }

  /** Calls `use(map)` with the route map, if it is shown (or once it has loaded). */
  #withMap(use) {
    if (!this.#map) return;
    if (typeof this.#map.then === "function") this.#map.then((map) => map && use(map));
    else use(this.#map);
  }

  /** The Simulation of `yaml`: the one held (updated if it holds another text), else a new one. */
  #simulation(api, yaml) {
    if (!this.#engine) {
      this.#engine = { api, simulation: new api.Simulation(yaml), yaml };
    } else if (this.#engine.yaml !== yaml) {
      this.#engine.simulation.update(yaml);
      this.#engine.yaml = yaml;
    }
    return this.#engine.simulation;
  }

  /** Draws `steps` (or why there are none), keeping the step index when it still exists. */
  #show(steps, problem, decision) {
    const { status, list, root } = this.#parts;
    this.#steps = steps;
    root.dataset.profile = decision?.profile ?? "";
    root.dataset.outcome = decision?.outcome ?? "";
    status.textContent = problem;
    status.hidden = !problem;
    this.#shown = [0, 0];
    list.replaceChildren();
    this.#go(Math.min(this.#index, Math.max(steps.length - 1, 0)), { force: true });
  }

  /** Puts the steps around `index` in the list (all of them when there are at most SHOWN). */
  #showAround(index) {
    const [first, end] = this.#shown;
    if (index >= first && index < end) return;
    const total = this.#steps.length;
    const start = Math.max(0, Math.min(index - SHOWN / 4, total - SHOWN));
    const stop = Math.min(total, start + SHOWN);
    this.#shown = [start, stop];
    const more = (count, where) => count > 0 && h("li", { class: "step-more" }, `… ${count} ${where} steps (← → reach them)`);
    this.#parts.list.replaceChildren(...[
      more(start, "earlier"),
      ...this.#steps.slice(start, stop).map((step, i) => this.#item(step, start + i)),
      more(total - stop, "later"),
    ].filter(Boolean));
  }

  /** One step: its rule badge, its title and its sentence (and, in the widget, its lines). */
  #item(step, index) {
    const span = step.spans?.[0];
    const lines = span ? lineRange(span) : null;
    return h("li", {
      class: `step verdict-${step.verdict}`, "data-testid": "step", "data-index": index, "data-stage": step.stage,
      "data-rule": step.rule, "data-verdict": step.verdict, "data-lines": lines ? `${lines.line}-${lines.end}` : null,
    },
    h("span", { class: "step-rule", title: `Decided by ${step.rule}` }, step.rule),
    h("span", { class: "step-body" },
      h("strong", { class: "step-title" }, step.title),
      h("span", { class: "step-text" }, step.text),
      this.#excerpt && lines ? h("pre", { class: "step-lines" }, excerptOf(this.#yaml, lines)) : null));
  }

  /** Makes step `index` current: the counter, aria-current, the buttons, and the reveal event. */
  #go(index, { force = false } = {}) {
    const { prev, next, count, live, list } = this.#parts;
    const total = this.#steps.length;
    if (total === 0) {
      this.#index = 0;
      count.textContent = "No steps";
      live.textContent = "";
      inactive(prev, true);
      inactive(next, true);
      this.#emit("reveal", { line: null });
      this.#withMap((map) => map.showStep?.(null));
      return;
    }
    index = Math.max(0, Math.min(index, total - 1));
    if (index === this.#index && !force) return;
    this.#index = index;
    count.textContent = `Step ${index + 1} of ${total}`;
    const { rule, title, text } = this.#steps[index];
    live.textContent = `Step ${index + 1} of ${total}, ${rule}: ${title}. ${text}`;
    inactive(prev, index === 0);
    inactive(next, index === total - 1);
    this.#showAround(index);
    for (const item of list.querySelectorAll("[aria-current]")) item.removeAttribute("aria-current");
    const item = list.querySelector(`[data-index="${index}"]`);
    item?.setAttribute("aria-current", "step");
    item?.scrollIntoView?.({ block: "nearest" });
    const span = this.#steps[index].spans?.[0];
    this.#emit("reveal", span ? { ...lineRange(span), file: span.file } : { line: null });
    const step = this.#steps[index];
    this.#withMap((map) => map.showStep?.(step));
  }

  #key(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const moves = { ArrowLeft: this.#index - 1, ArrowRight: this.#index + 1, Home: 0, End: this.#steps.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.#go(moves[event.key]);
  }
}

let stylesheet = false;
/** Adds steps.css to the page once (a file: the playground's CSP allows no inline styles). */
function loadStylesheet() {
  if (stylesheet) return;
  stylesheet = true;
  document.head.append(h("link", { rel: "stylesheet", href: new URL("./steps.css", import.meta.url).href }));
}

/** The lines a span covers, 1-based: an end at column 1 ends on the line before (ends are exclusive). */
export function lineRange(span) {
  const { start, end } = span;
  const last = end.column <= 1 && end.line > start.line ? end.line - 1 : Math.max(end.line, start.line);
  return { line: start.line, end: last };
}

/** Lines line..end of `text`, at most 8 (with "…"). */
function excerptOf(text, { line, end }) {
  const lines = text.split("\n").slice(line - 1, Math.min(end, line + 7));
  return lines.join("\n") + (end > line + 7 ? "\n…" : "");
}

/** Marks a button inactive with aria-disabled rather than `disabled`, which would drop the focus
 * (and with it the view's keys) when Next reaches the last step. Its clicks then go nowhere. */
function inactive(button, yes) {
  if (yes) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}

/** True for a field the user types in: its keys are not the view's. */
function typing(target) {
  return target instanceof Element && (target.closest("input, textarea, select, [contenteditable]") !== null);
}
