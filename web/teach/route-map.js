// The route map (issue 13): the input as a picture, hosts → paths (with their pathType) →
// backends, coloured by Ingress, with the engine's marks (shadowed, duplicate, conflict,
// invalid, rejected), default backends and TLS certificates, and the current request's way
// through it lit. A teaching view of the bridge (web/teach/teach.js): `mount(host, ctx, emit)`.
//
// Everything drawn comes from the JS API: `Simulation.routeMap()` for the picture and
// `Simulation.route(request, { explain: true })` for the way lit. This module keeps one
// Simulation per manifest text, lays out (route-map-layout.js), lights (route-map-lighting.js)
// and draws (route-map-draw.js); route-map-export.js writes the SVG and PNG files.
//
// Test hooks (README): `route-map` (data-state busy|ready|error, data-render-ms), `route-map-node`
// (data-kind host|path|backend|default|tls, data-lines, data-lit, data-dimmed + data-reason,
// data-marks), `route-map-toggle`, `route-map-filter`, `route-map-export-svg`,
// `route-map-export-png`, `route-map-request`, `route-map-detail`. A cluster dump draws only the
// rows near the view (route-map-draw.js), so count nodes on small inputs only.
import { loadEngine } from "../engine.js";
import { COLLAPSE_ABOVE, DEFAULT_WIDTH, layout } from "./route-map-layout.js";
import { answerText, lighting, stepFocus } from "./route-map-lighting.js";
import { Drawing } from "./route-map-draw.js";
import { downloadPng, downloadSvg } from "./route-map-export.js";

/** `h("div", { class: "x" }, "text", child…)`: an HTML element; user text goes in as text only. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) el.setAttribute(name, value === true ? "" : String(value));
  }
  el.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

let stylesheet = null;
/** Loads route-map.css once (a file: the page's CSP allows no inline styles); resolves when applied. */
function loadStylesheet() {
  stylesheet ??= new Promise((done) => {
    const link = h("link", { rel: "stylesheet", href: new URL("./route-map.css", import.meta.url).href });
    link.addEventListener("load", done);
    link.addEventListener("error", done); // unstyled is still readable; the failure shows in the console
    document.head.append(link);
  });
  return stylesheet;
}

/** The request form's fields as the JS API takes them: empty fields left out (they mean "default"). */
function apiRequest(request) {
  if (!request?.url?.trim()) return null;
  const out = {};
  for (const [name, value] of Object.entries(request)) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value) && !value.length) continue;
    out[name] = value;
  }
  return out;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export function mount(host, ctx, emit) {
  const view = new RouteMapView(host, emit);
  view.update(ctx);
  // showStep(step): the step-through (steps.js) marks the boxes its current step looks at.
  return { update: (next) => view.update(next), destroy: () => view.destroy(), showStep: (step) => view.showStep(step) };
}

class RouteMapView {
  constructor(host, emit) {
    this.emit = emit;
    this.sim = null;
    this.yaml = null;
    this.map = null;
    this.mapKey = null;
    this.decision = null;
    this.step = null; // the step-through's current step, when the map is shown beside it
    this.shownStep = null;
    this.routeError = null;
    this.requestKey = null;
    this.overrides = new Map(); // host → expanded, as the reader toggled it
    this.generation = 0;
    this.drawing = null;
    this.shownDecision = null;

    this.filter = h("input", {
      type: "search", class: "route-map-filter", "data-testid": "route-map-filter", placeholder: "Filter: host, path or service",
      "aria-label": "Filter the route map by host, path or service", spellcheck: "false", autocomplete: "off",
    });
    this.count = h("span", { class: "route-map-count", "aria-live": "polite" });
    const exportSvg = h("button", { type: "button", "data-testid": "route-map-export-svg", title: "Download the map as an SVG file" }, "Export SVG");
    const exportPng = h("button", { type: "button", "data-testid": "route-map-export-png", title: "Download the map as a PNG image" }, "Export PNG");
    this.requestLine = h("p", { class: "route-map-request", "data-testid": "route-map-request" });
    this.detail = h("p", { class: "route-map-detail", "data-testid": "route-map-detail" });
    this.scroller = h("div", { class: "route-map-scroll" });
    this.root = h("div", { class: "route-map", "data-testid": "route-map", "data-state": "busy", "aria-busy": "true" },
      h("div", { class: "route-map-bar" }, this.filter, exportSvg, exportPng, this.count),
      this.requestLine, this.scroller, this.detail);
    host.append(this.root);

    let pending = 0;
    this.filter.addEventListener("input", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => this.render());
    });
    exportSvg.addEventListener("click", () => this.exportWith(downloadSvg));
    exportPng.addEventListener("click", () => this.exportWith(downloadPng));
    let scrolling = 0;
    this.scroller.addEventListener("scroll", () => {
      cancelAnimationFrame(scrolling);
      scrolling = requestAnimationFrame(() => this.drawVisible());
    });
    this.scroller.addEventListener("click", (event) => this.activate(event.target));
    this.scroller.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      if (this.activate(event.target)) event.preventDefault();
    });
    const describe = (event) => {
      const node = event.target.closest?.("[data-testid='route-map-node']");
      if (node) this.detail.textContent = node.getAttribute("aria-label");
    };
    // A wider or narrower panel (window resize, presenter mode) lays the columns out again; a
    // scroll bar coming or going (a few px) does not.
    this.resize = new ResizeObserver(() => {
      if (this.drawing && Math.abs(this.availableWidth() - this.width) > 24) this.render();
    });
    this.resize.observe(this.scroller);
    this.scroller.addEventListener("focusin", describe);
    this.scroller.addEventListener("mouseover", describe);
  }

  /** Takes a new context: re-reads the manifest, the map and the request only when they changed. */
  async update(ctx) {
    const generation = ++this.generation;
    this.updating = true; // a redraw meanwhile (filter, toggle, resize) shows the old map: not "ready"
    this.setState("busy");
    try {
      const [engine] = await Promise.all([loadEngine(), loadStylesheet()]);
      if (generation !== this.generation || this.destroyed) return;
      let changed = !this.drawing; // an unchanged context (a settled page re-sends it) draws nothing again
      if (this.yaml !== ctx.yaml) {
        changed = true;
        const start = performance.now();
        if (this.sim) this.sim.update(ctx.yaml);
        else this.sim = new engine.Simulation(ctx.yaml);
        performance.measure("route-map-read", { start, end: performance.now() });
        this.yaml = ctx.yaml;
        this.mapKey = null;
        this.requestKey = null;
        if (!(await this.stillCurrent(generation))) return;
      }
      const options = { profile: ctx.profile || null, class: ctx.class || null };
      const mapKey = JSON.stringify(options);
      if (this.mapKey !== mapKey) {
        changed = true;
        const start = performance.now();
        this.map = this.sim.routeMap(options);
        performance.measure("route-map-engine", { start, end: performance.now() });
        this.mapKey = mapKey;
        this.requestKey = null;
        if (!(await this.stillCurrent(generation))) return;
      }
      const request = apiRequest(ctx.request);
      const problem = ctx.request ? null : ctx.requestError ?? null;
      if (problem !== this.requestProblem) [changed, this.requestProblem] = [true, problem];
      if (!same(this.requestKey, request)) {
        changed = true;
        this.requestKey = request;
        this.decision = null;
        this.routeError = null;
        if (request) {
          try {
            this.decision = this.sim.route(request, { ...options, explain: true });
          } catch (error) {
            this.routeError = error.message ?? String(error);
          }
        }
      }
      this.updating = false;
      if (changed) this.render();
      else this.setState("ready");
    } catch (error) {
      if (generation !== this.generation) return;
      this.updating = false;
      this.showError(error);
    }
  }

  /**
   * Lets the page run between the engine's steps (reading a cluster dump, its map, the drawing are
   * each a task of their own, not one long freeze); false when a newer update has begun meanwhile.
   */
  async stillCurrent(generation) {
    await new Promise((next) => setTimeout(next, 0));
    return generation === this.generation && !this.destroyed;
  }

  /** Lays out, lights and draws the map for the current filter and toggles, and times it. */
  render() {
    if (!this.map || this.destroyed) return;
    const start = performance.now();
    const map = this.map;
    const filter = this.filter.value;
    const light = lighting(this.decision, map);
    const totalPaths = map.counts?.paths ?? map.hosts.reduce((n, host) => n + host.paths.length, 0);
    const filtered = filter.trim() ? layout(map, { filter, expanded: () => false }).shown.paths : totalPaths;
    const openByDefault = filtered <= COLLAPSE_ABOVE;
    const expanded = (name) => this.overrides.get(name) ?? (openByDefault || name === light.host);
    this.width = this.availableWidth();
    const lay = layout(map, { filter, expanded, width: this.width });
    const focused = this.focusedKey();
    light.step = stepFocus(this.step, lay.nodes);
    this.drawing = new Drawing(lay, light);
    this.scroller.replaceChildren(this.drawing.svg);
    if (this.decision !== this.shownDecision) {
      this.shownDecision = this.decision;
      this.scrollToLit(lay, light);
    }
    if (this.step !== this.shownStep) {
      this.shownStep = this.step;
      this.scrollToStep(lay, light.step);
    }
    this.drawVisible(true);
    if (focused) this.refocus(focused);
    // The first drawing can learn that the SVG is zoomed (presenter mode): lay it out once more.
    if (Math.abs(this.availableWidth() - this.width) > 24 && !this.relaid) {
      this.relaid = true;
      this.render();
      this.relaid = false;
      return;
    }
    const unadmitted = map.ingresses.filter((ing) => ing.admitted === false).length;
    this.count.textContent = lay.nodes.length ? `${lay.shown.hosts} of ${map.hosts.length} hosts, ${lay.shown.paths} of ${totalPaths} paths`
      + (openByDefault ? "" : " (hosts collapsed: ▸ expands one)")
      + (unadmitted ? `; ${unadmitted} Ingress${unadmitted === 1 ? "" : "es"} not admitted under this class and profile, not drawn` : "")
      : map.hosts.length || map.defaultBackends.length ? "Nothing matches the filter."
        : "Nothing to draw: the input has no Ingress rule or default backend the profile admits (the Problems list says why).";
    this.showRequest(light);
    this.drawing.svg.getBoundingClientRect(); // lay the SVG out now, so the time below includes it
    const end = performance.now();
    performance.measure("route-map-render", { start, end });
    this.root.dataset.renderMs = (end - start).toFixed(1);
    if (!this.updating) this.setState("ready");
  }

  /**
   * The width the map can take without scrolling sideways: its box's inner width, in the SVG's own
   * px when a stylesheet zooms it (presenter mode enlarges the map with `zoom`).
   */
  availableWidth() {
    const svg = this.scroller.querySelector("svg");
    const zoom = svg ? parseFloat(getComputedStyle(svg).zoom) || 1 : 1;
    return (this.scroller.clientWidth || DEFAULT_WIDTH) / zoom;
  }

  /** Draws the rows near the scroller's viewport (a screen above and below), unless they are drawn already. */
  drawVisible(force = false) {
    if (!this.drawing) return;
    const view = this.scroller.clientHeight || 800;
    const top = this.scroller.scrollTop;
    if (!force && this.drawing.covers(top, top + view)) return;
    const focused = this.focusedKey();
    this.drawing.drawBand(top - view, top + 2 * view);
    if (focused) this.refocus(focused);
  }

  /**
   * Scrolls the map (not the page) to the request's way: its path (or default backend), with its
   * host above it when both fit in the view; nothing moves when it is in view already.
   */
  scrollToLit(lay, light) {
    const target = lay.nodes.find((n) => (n.kind === "path" || n.kind === "default") && light.lit.has(n.key));
    const host = light.host != null ? lay.nodes.find((n) => n.kind === "host" && n.data.host === light.host) : null;
    const view = this.scroller.clientHeight || 800;
    const top = this.scroller.scrollTop;
    const goal = target ?? host;
    if (!goal || (goal.y >= top && goal.y + goal.h <= top + view)) return;
    const from = host && target && target.y + target.h - host.y < view - 16 ? host.y : goal.y - view / 3;
    this.scroller.scrollTop = Math.max(0, from - 8);
  }

  /** Marks the boxes `step` (a step of the engine's walk, or null) looks at, and scrolls to them. */
  showStep(step) {
    this.step = step ?? null;
    if (this.drawing && !this.updating) this.render();
  }

  /** Scrolls the map to the first box the current step marks, unless it is in view already. */
  scrollToStep(lay, focus) {
    const goal = lay.nodes.find((n) => focus.has(n.key));
    const view = this.scroller.clientHeight || 800;
    const top = this.scroller.scrollTop;
    if (!goal || (goal.y >= top && goal.y + goal.h <= top + view)) return;
    this.scroller.scrollTop = Math.max(0, goal.y - view / 3);
  }

  focusedKey() {
    const active = this.root.ownerDocument.activeElement;
    return this.scroller.contains(active) ? active.closest?.("[data-key]")?.getAttribute("data-key") : null;
  }

  refocus(key) {
    this.scroller.querySelector(`[data-key="${CSS.escape(key)}"]`)?.focus({ preventScroll: true });
  }

  /** Draws the whole map off screen (so route-map.css applies), hands its SVG to `save`, removes it. */
  async exportWith(save) {
    if (!this.drawing) return;
    const whole = new Drawing(this.drawing.lay, this.drawing.light);
    whole.drawBand();
    const offscreen = h("div", { class: "route-map-offscreen", "aria-hidden": "true" }, whole.svg);
    this.root.append(offscreen);
    try {
      await save(whole.svg);
    } catch (error) {
      this.say(`Export failed: ${error.message ?? error}`);
    } finally {
      offscreen.remove();
    }
  }

  showRequest(light) {
    const d = this.decision;
    if (this.requestProblem) this.requestLine.textContent = `The request form has a problem, so nothing is lit: ${this.requestProblem}`;
    else if (this.routeError) this.requestLine.textContent = `This request could not be routed: ${this.routeError}`;
    else if (!d) this.requestLine.textContent = "Type a URL in the request form to light its way through the map.";
    else {
      const request = `${d.request.scheme}://${d.request.host}${d.request.path}`;
      const dimmed = light.dimmed.size ? " Dimmed boxes lost; hover or focus one for why." : "";
      this.requestLine.replaceChildren(light.lit.size ? "Lit: " : "", h("code", {}, request), ` → ${answerText(d)}.${dimmed}`);
    }
  }

  /** A click or Enter on a node reveals its lines; on a host's triangle it expands or collapses the host. */
  activate(target) {
    const toggle = target.closest?.("[data-testid='route-map-toggle']");
    if (toggle) {
      const name = toggle.getAttribute("data-host");
      this.overrides.set(name, toggle.getAttribute("aria-expanded") !== "true");
      this.render();
      return true;
    }
    const node = target.closest?.("[data-testid='route-map-node'][data-lines]");
    if (!node) return false;
    const [line, end] = node.getAttribute("data-lines").split("-").map(Number);
    const file = node.getAttribute("data-file");
    this.emit("reveal", file ? { line, end, file } : { line, end });
    return true;
  }

  say(text) {
    this.detail.textContent = text;
  }

  setState(state) {
    this.root.dataset.state = state;
    if (state === "busy") this.root.setAttribute("aria-busy", "true");
    else this.root.removeAttribute("aria-busy");
  }

  showError(error) {
    this.scroller.replaceChildren(h("p", { class: "route-map-error", role: "alert" },
      `The route map could not be drawn: ${error?.message ?? String(error)}`));
    this.drawing = null;
    this.setState("error");
  }

  destroy() {
    this.destroyed = true;
    this.resize.disconnect();
    this.generation++;
    this.sim?.free?.();
    this.sim = null;
    this.root.remove();
  }
}
