// The playground's Gateway API view (README, "The playground"; ARCHITECTURE.md, `web/`). The
// page's own engine has no Gateway API (it would say "No Ingress in the input"), so when the
// editor's YAML holds Gateway API objects, gateway/watch.js (the only part of a first visit, a few
// hundred bytes) asks teach/teach.js for the page's bridge, which imports this module and calls
// start(). From then on, every time the page settles (`.app[data-settled="true"]`) this view asks
// the JS API package (one `Simulation`, updated per edit) for the Gateway decision of the request
// on screen and shows it in the place of the page's result card (gateway-result.js draws it).
//
// No routing here: which routing applies is the engine's rule (`Simulation.asksGateway()`: a
// Gateway named, or Gateways and no Ingress in the input); the view only passes the Gateway and
// the implementation the user chose to `routeGateway()`, and shows what comes back. When the
// input also holds Ingresses and no Gateway is chosen, the page's own result stays (it is the
// answer). The package is the one with Gateway API (`loadEngine({gateway: true})`, pkg-gateway/).

import { loadEngine } from "../engine.js";
import { adoptStyles, h, renderDecision, renderProblems } from "./gateway-result.js";
import { renderTests } from "./gateway-tests.js";

/** Gateway API objects in a manifest's text (YAML or JSON), as watch.js finds them. */
export const GATEWAY_API = /apiVersion["']?\s*:\s*["']?gateway\.networking\.k8s\.io\//;

let view = null;

/**
 * Starts the view once (later calls only refresh it). `bridge`: teach.js's side of the page —
 * `{slot, app, ctx(), reveal(line, end)}`: the Teach slot the view is drawn into (just above the
 * result card), the page's root, the page's state as a view's ctx, and the editor's line mark.
 */
export function start(bridge) {
  view ??= new GatewayView(bridge);
  view.schedule();
  return view;
}

class GatewayView {
  #bridge;
  #engine = null; // { api, simulation, yaml }
  #gateway = ""; // the Gateway chosen ("" = as the engine's rule says)
  #implementation = null; // the implementation chosen (null: the page's profile if it is one, else spec)
  #pageProfile = null;
  #fromAddress = false; // the implementation came from the address (?implementation=): it wins over the page's profile once
  #seq = 0;
  #timer = 0;
  #parts;

  constructor(bridge) {
    this.#bridge = bridge;
    // The choices live in the address's query (?gateway=NS/NAME&implementation=NAME), which the
    // page's Share link keeps: the #v1= state format stays as it is (its snapshot has no field
    // for them, and an unknown profile name there reads as spec).
    const query = new URLSearchParams(location.search);
    this.#gateway = query.get("gateway") ?? "";
    this.#implementation = query.get("implementation") || null;
    this.#fromAddress = Boolean(this.#implementation);
    adoptStyles(document);
    const gatewaySelect = h("select", { "data-testid": "gateway-select" });
    const implementationSelect = h("select", { "data-testid": "gateway-implementation" });
    const gatewayLabel = h("label", { hidden: true }, "Gateway", gatewaySelect);
    const implementationLabel = h("label", {}, "Gateway API implementation", implementationSelect);
    const note = h("p", { class: "gw-note", "data-testid": "gateway-note", hidden: true });
    const body = h("div", { class: "gw-body" }); // the card itself is role=status, as the page's result card
    const el = h("section", { class: "gw-view", "data-testid": "gateway-view", "data-state": "busy", "aria-label": "Gateway API decision", hidden: true },
      h("div", { class: "gw-controls" }, h("h2", { class: "gw-title" }, "Gateway API"), gatewayLabel, implementationLabel), note, body);
    this.#parts = { el, gatewaySelect, gatewayLabel, implementationSelect, note, body };
    gatewaySelect.addEventListener("change", () => {
      this.#gateway = gatewaySelect.value;
      remember("gateway", this.#gateway);
      this.schedule();
    });
    implementationSelect.addEventListener("change", () => {
      this.#implementation = implementationSelect.value;
      remember("implementation", this.#implementation === "spec" ? "" : this.#implementation);
      this.schedule();
    });
    bridge.slot.append(el);
    // Re-route whenever the page settles on a state (an edit, a request, a load): the page has
    // shown its own answer by then, so this never competes with typing.
    new MutationObserver(() => {
      if (bridge.app.dataset.settled === "true") this.schedule();
    }).observe(bridge.app, { attributes: true, attributeFilter: ["data-settled"] });
  }

  /** Refreshes in a task of its own (the page's settle, or a select's change, returns at once). */
  schedule() {
    clearTimeout(this.#timer);
    // A failure is shown in the view: an unhandled rejection would raise the page's crash banner.
    this.#timer = setTimeout(() => this.#refresh().catch((error) => this.#fail(`The Gateway API view failed: ${error.message}`)), 0);
  }

  async #refresh() {
    const seq = ++this.#seq;
    const { el, body } = this.#parts;
    const ctx = this.#bridge.ctx();
    if (!GATEWAY_API.test(ctx.yaml)) return this.#show({ visible: false, replacing: false });
    el.hidden = false;
    el.dataset.state = "busy";
    const started = performance.now();
    let api;
    try {
      api = this.#engine?.api ?? (await loadEngine({ gateway: true }));
    } catch (error) {
      if (seq === this.#seq) this.#fail(`The Gateway API simulator could not be loaded: ${error.message}`);
      return;
    }
    if (seq !== this.#seq) return;
    const loaded = performance.now();
    try {
      this.#read(api, ctx.yaml);
    } catch (error) {
      return this.#fail(`The YAML could not be read: ${error.message}`);
    }
    const read = performance.now();
    const gateways = this.#engine.simulation.gateways();
    this.#fillImplementations(api, ctx.profile);
    if (this.#gateway && !gateways.includes(this.#gateway)) this.#gateway = "";
    // Whether the engine sends the request through Ingresses when no Gateway is named (an input
    // with Ingresses beside its Gateways): then the page's own result is the answer until a
    // Gateway is picked, and the select offers both.
    const throughIngresses = !this.#engine.simulation.asksGateway();
    const mixed = throughIngresses && gateways.length > 0;
    const ingress = throughIngresses && !this.#gateway;
    let decision = null;
    let error = "";
    if (!ingress) {
      ({ decision, error } = this.#route(ctx.request));
      // Several Gateways and none chosen: the engine asks which one; show the first, with the select.
      if (error && !this.#gateway && gateways.length > 1) {
        this.#gateway = gateways[0];
        ({ decision, error } = this.#route(ctx.request));
      }
    }
    const routed = performance.now();
    this.#fillGateways(gateways, mixed);
    this.#show({ visible: true, replacing: !ingress });
    this.#note(!ingress ? ""
      : gateways.length ? "This input holds Ingresses too: the request goes through them (the result below). Pick a Gateway to route it through that Gateway."
      : "No Gateway in the input: an HTTPRoute is served through the Gateway its parentRefs name (kind: Gateway).");
    const problem = ctx.request ? error : ctx.requestError || "Type a request URL.";
    const reveal = (line, end) => this.#bridge.reveal(line, end);
    if (problem) body.replaceChildren(h("p", { class: "gw-error", role: "alert", "data-testid": "gateway-error" }, problem));
    else if (ingress) body.replaceChildren();
    else body.replaceChildren(renderDecision(decision, { reveal, problems: null }));
    const drawn = performance.now();
    Object.assign(el.dataset, {
      state: problem ? "error" : ingress ? "ready" : "busy", url: ctx.request?.url ?? "", outcome: decision?.outcome ?? "", status: decision?.status ?? "",
      readMs: (read - loaded).toFixed(1), engineMs: (routed - read).toFixed(1), renderMs: (drawn - routed).toFixed(1),
      totalMs: (drawn - started).toFixed(1),
    });
    performance.measure("gateway-update", { start: started, end: drawn });
    // The validation and the test rows take a task of their own (a large input's validation must
    // not hold up the decision), then the view is "ready".
    if (!problem && !ingress) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (seq !== this.#seq) return;
      const checking = performance.now();
      const tests = renderTests(ctx.rows, (rows) => this.#engine.simulation.runCases(rows, { profile: this.#implementation }));
      body.firstChild.append(renderProblems(this.#problems(decision), reveal), tests ?? "");
      el.dataset.checkMs = (performance.now() - checking).toFixed(1);
      el.dataset.state = "ready";
    }
  }

  /** The engine's answer for the request under the chosen implementation and Gateway: {decision} or {error}. */
  #route(request) {
    if (!request) return { decision: null, error: "" };
    try {
      const options = { profile: this.#implementation, explain: true, ...(this.#gateway ? { gateway: this.#gateway } : {}) };
      return { decision: this.#engine.simulation.routeGateway(request, options), error: "" };
    } catch (error) {
      return { decision: null, error: error.message.replace(/^Simulation\.routeGateway: /, "") };
    }
  }

  /**
   * What stands in for the page's Problems list while this view answers (the page's engine reads
   * no Gateway API: it would say "No Ingress in the input" and skip every Gateway object): the JS
   * API's validation of the whole input (Ingress and Gateway API objects, read once per manifest)
   * and the decision's route and Gateway status, each once.
   */
  #problems(decision) {
    const engine = this.#engine;
    if (engine.validated?.yaml !== engine.yaml) {
      let found;
      try {
        const v = engine.simulation.validate();
        found = [...v.errors, ...v.warnings, ...(v.notices ?? [])];
      } catch (error) {
        found = [{ severity: "error", code: "other", message: error.message }];
      }
      engine.validated = { yaml: engine.yaml, found };
    }
    const seen = new Set();
    return [...engine.validated.found, ...(decision.diagnostics ?? [])].filter((d) => {
      const key = `${d.code}|${d.line ?? d.span?.start?.line}|${d.message}`;
      return !seen.has(key) && seen.add(key);
    });
  }

  /** One Simulation per manifest, updated on edits (only the changed documents are read again). */
  #read(api, yaml) {
    if (!this.#engine) {
      this.#engine = { api, simulation: new api.Simulation(yaml), yaml };
    } else if (this.#engine.yaml !== yaml) {
      this.#engine.simulation.update(yaml);
      this.#engine.yaml = yaml;
    }
    performance.mark("gateway-read");
  }

  /** The implementation select: the package's list; chosen by the user, else the page's profile when it names one. */
  #fillImplementations(api, pageProfile) {
    const select = this.#parts.implementationSelect;
    const known = api.implementations();
    if (!select.options.length) {
      select.append(...known.map((i) => h("option", { value: i.name }, `${i.title ?? i.name}${i.version ? ` ${i.version}` : ""}`)));
    }
    // The page's profile select speaks for both kinds of input when it names an implementation
    // (spec, contour): following it when it changes keeps one choice on screen and in the link.
    if (pageProfile !== this.#pageProfile) {
      const first = this.#pageProfile === null;
      this.#pageProfile = pageProfile;
      if (known.some((i) => i.name === pageProfile) && !(first && this.#fromAddress)) {
        this.#implementation = pageProfile;
        if (!first) remember("implementation", "");
      }
    }
    if (!known.some((i) => i.name === this.#implementation)) this.#implementation = "spec";
    select.value = this.#implementation;
  }

  /** The Gateway select: shown when the input has several Gateways, or Ingresses beside them (`mixed`). */
  #fillGateways(gateways, mixed) {
    const { gatewaySelect: select, gatewayLabel: label } = this.#parts;
    const wanted = [...(mixed ? [["", "Ingresses (no Gateway)"]] : []), ...gateways.map((g) => [g, g])];
    const now = [...select.options].map((o) => [o.value, o.textContent]);
    if (JSON.stringify(now) !== JSON.stringify(wanted)) {
      select.replaceChildren(...wanted.map(([value, text]) => h("option", { value }, text)));
    }
    select.value = this.#gateway;
    label.hidden = !(gateways.length > 1 || (mixed && gateways.length > 0));
  }

  #note(text) {
    this.#parts.note.textContent = text;
    this.#parts.note.hidden = !text;
  }

  /** The view shown (and the page's result card, explanation and comparison hidden: `.app[data-gateway="on"]`), or not. */
  #show({ visible, replacing }) {
    this.#parts.el.hidden = !visible;
    if (replacing) this.#bridge.app.dataset.gateway = "on";
    else delete this.#bridge.app.dataset.gateway;
  }

  #fail(message) {
    this.#show({ visible: true, replacing: true });
    this.#parts.body.replaceChildren(h("p", { class: "gw-error", role: "alert", "data-testid": "gateway-error" }, message));
    this.#parts.el.dataset.state = "error";
  }
}

/** Writes a choice into the address's query (empty: removed), keeping the fragment and the history entry. */
function remember(key, value) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(key, value);
  else url.searchParams.delete(key);
  if (url.href !== location.href) history.replaceState(history.state, "", url.href);
}
