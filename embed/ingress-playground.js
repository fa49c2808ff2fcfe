// <ingress-playground>: a live Ingress routing example for docs pages. One script, one tag:
//
//   <script type="module" src="ingress-playground.js"></script>
//   <ingress-playground requests="https://foo.bar.com/foo" readonly theme="auto" view="compact">
//     <script type="application/yaml"> …Ingress YAML… </script>
//   </ingress-playground>
//
// Attributes: requests, readonly, theme, view, ingress-class, profile, src, playground, lesson,
// gateway (README.md).
import { loadEngine } from "./engine.js";
import { emptyState, playgroundUrl } from "./permalink.js";
import { adoptStyles } from "./styles.js";
import { dedent } from "./dedent.js";
import * as view from "./widget-view.js";

const DEBOUNCE_MS = 150;
/** An update routes requests for at most this long before it lets the page breathe (a widget may
 * hold a link's 1,000 test rows: routing them all in one task would freeze the page ~1 s). */
const SLICE_MS = 40;
const DEFAULT_PLAYGROUND = new URL("./", import.meta.url).href;
/** view="steps": the playground's step-through (web/teach/steps.js, in teach/ of the same build),
 * imported when a widget first shows it. */
const STEPS_MODULE = new URL("./teach/steps.js", import.meta.url).href;
/** Gateway API decisions are drawn by the playground's own Gateway view module (gateway/ of the
 * same build), imported with the package with Gateway API (pkg-gateway/) when a widget's YAML
 * first holds Gateway API objects. */
const GATEWAY_MODULE = new URL("./gateway/gateway-result.js", import.meta.url).href;
const GATEWAY_API = /apiVersion["']?\s*:\s*["']?gateway\.networking\.k8s\.io\//;
let gatewayParts = null; // [drawing module, package with Gateway API]: one promise for every widget of the page
/** Schemes the "Open in playground" link may point to: a `javascript:` or `data:` URL there would
 * run in the docs page (or phish) when a reader clicks a link the widget vouches for. */
const LINK_SCHEMES = new Set(["http:", "https:"]);

export class IngressPlayground extends HTMLElement {
  static observedAttributes = ["requests", "readonly", "theme", "view", "ingress-class", "profile", "src", "playground", "lesson", "gateway"];

  #yaml = null; // the current YAML (edited, set, fetched or inline); null: not read yet
  #edited = false; // the reader (or .yaml) changed it: the inline YAML no longer applies
  #requests = null; // the current request URLs
  #active = 0; // the request the playground link opens with
  #engine = null; // the API once loaded
  #visible = false;
  #observer = null;
  #children = null;
  #timer = 0;
  #linkSeq = 0;
  #updateSeq = 0; // the latest #update(): an earlier one still routing stops
  #srcLoaded = null; // the src the YAML is being (or was) fetched from
  // Why the YAML (from src) or the simulator could not be loaded: kept, so re-renders show it.
  #failures = { yaml: "", engine: "" };
  #playgroundBase = null; // { attribute, href }: the checked `playground` attribute
  #parts = null; // the rendered elements
  #styles = []; // nodes the shadow root keeps before the rendered ones (see adoptStyles)
  #stepView = null; // view="steps": the step-through mounted in the rendered host ({ update, destroy })
  #lesson = null; // { src, view }: the `lesson` attribute's part (teach/lesson-widget.js), kept across renders
  #gateway = null; // for Gateway API input: { draw: gateway/gateway-result.js, engine: the package with Gateway API }

  constructor() {
    super();
    this.#styles = adoptStyles(this.attachShadow({ mode: "open" }));
  }

  // ---- Public properties ------------------------------------------------------------------

  /** The YAML the widget simulates (setting it replaces the inline or fetched YAML). */
  get yaml() { return this.#yaml ?? this.#inlineYaml(); }
  set yaml(text) {
    this.#yaml = String(text);
    this.#edited = true;
    if (this.isConnected) this.#render();
  }

  /**
   * The request URLs as currently shown (edited ones included). Setting it (an array) replaces
   * them as given, spaces included: the `requests` attribute splits on whitespace, this does not.
   */
  get requests() { return [...(this.#requests ?? this.#attributeRequests())]; }
  set requests(urls) {
    this.#requests = Array.from(urls ?? [], (url) => String(url).trim()).filter(Boolean);
    this.#active = 0;
    if (this.isConnected) this.#render();
  }

  /** The simulator results of the last update: [{ url, outcome, backend, ingress, path, pathType }]. */
  results = [];

  // ---- Lifecycle ----------------------------------------------------------------------------

  connectedCallback() {
    this.#loadLesson();
    this.#render();
    // The inline YAML may be added after the element (innerHTML, a parser still streaming).
    this.#children ??= new MutationObserver(() => {
      if (!this.#edited && !this.hasAttribute("src")) {
        this.#yaml = null;
        this.#render();
      }
    });
    this.#children.observe(this, { childList: true, subtree: true, characterData: true });
    if (!this.#visible && "IntersectionObserver" in window) {
      this.#observer ??= new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.#becameVisible();
      }, { rootMargin: "400px 0px" });
      this.#observer.observe(this);
    } else {
      this.#becameVisible();
    }
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#children?.disconnect();
    this.#children = null;
    clearTimeout(this.#timer);
    this.#stepView?.destroy();
    this.#stepView = null;
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (name === "lesson" && this.isConnected) this.#loadLesson();
    if (name === "requests") {
      this.#requests = null;
      this.#active = 0;
    }
    if (name === "src") {
      this.#yaml = null;
      this.#edited = false;
      this.#srcLoaded = null;
      this.#failures.yaml = "";
    }
    if (this.isConnected) this.#render();
  }

  #becameVisible() {
    this.#observer?.disconnect();
    this.#observer = null;
    if (this.#visible) return;
    this.#visible = true;
    loadEngine().then(
      (engine) => {
        this.#engine = engine;
        this.#render();
      },
      (error) => this.#fail("engine", `The simulator could not be loaded: ${error.message}`),
    );
  }

  // ---- Configuration ------------------------------------------------------------------------

  #attributeRequests() {
    return (this.getAttribute("requests") ?? "").split(/\s+/).filter(Boolean);
  }

  #inlineYaml() {
    const script = this.querySelector('script[type="application/yaml"], script[type="text/yaml"]');
    return script ? dedent(script.textContent) : "";
  }

  #options() {
    const klass = this.getAttribute("ingress-class");
    return { class: klass || null, profile: this.getAttribute("profile") || null };
  }

  get #readonly() { return this.hasAttribute("readonly") && this.getAttribute("readonly") !== "false"; }
  get #compact() { return (this.getAttribute("view") ?? "compact") !== "full"; }
  /** view="steps": the first request's decision walked step by step, instead of every request. */
  get #stepsView() { return this.getAttribute("view") === "steps"; }

  /** The YAML to show: edited, else fetched from src, else inline. Starts the fetch when needed. */
  #currentYaml() {
    if (this.#yaml !== null) return this.#yaml;
    const src = this.getAttribute("src");
    if (!src) return (this.#yaml = this.#inlineYaml());
    if (this.#srcLoaded !== src) {
      this.#srcLoaded = src;
      fetchYaml(src).then(
        (text) => { if (this.getAttribute("src") === src) { this.#yaml = text; this.#render(); } },
        (error) => { if (this.getAttribute("src") === src) this.#fail("yaml", error.message); },
      );
    }
    return null;
  }

  /** The base of the "Open in playground" link: the `playground` attribute if it is an http(s)
   * URL (relative ones resolve against the page), else the default, with a console warning. */
  #playgroundHref() {
    const attribute = this.getAttribute("playground");
    if (this.#playgroundBase?.attribute !== attribute) {
      this.#playgroundBase = { attribute, href: checkedPlaygroundUrl(attribute) };
    }
    return this.#playgroundBase.href;
  }

  // ---- Rendering ----------------------------------------------------------------------------

  /** Shows why the widget cannot work (`what`: "yaml" or "engine"); later renders keep it. */
  #fail(what, message) {
    this.#failures[what] = message;
    if (this.isConnected) this.#render();
  }

  get #failure() { return this.#failures.yaml || this.#failures.engine; }

  /** The header's status line: a failure, what is still loading, or nothing once ready. */
  #statusText(yaml) {
    if (this.#failure) return this.#failure;
    if (yaml === null) return "Loading the YAML…";
    return this.#engine ? "" : "Loading the simulator…";
  }

  /** Rebuilds the shadow DOM from the attributes and the current state, then updates the results. */
  #render() {
    this.#updateSeq++; // the elements an update in progress fills are about to go
    this.#stepView?.destroy();
    this.#stepView = null;
    const yaml = this.#currentYaml();
    this.#requests ??= this.#attributeRequests();
    const readonly = this.#readonly;
    const compact = this.#compact;
    const ready = this.#engine && yaml !== null;
    const head = view.header(this.#statusText(yaml), { failed: Boolean(this.#failure) });
    const root = view.h("div", { class: `ip ${compact ? "compact" : "full"}`, part: "container" }, head.el, this.#lesson?.view?.el);
    this.#parts = { link: head.link, requests: [] };
    if (!ready) {
      root.append(view.placeholder(yaml ?? "", this.#requests));
    } else {
      // Read-only, the editor shows over-long lines truncated; the simulator still reads #yaml.
      const editor = view.yamlEditor(yaml, { readonly, compact });
      const problems = view.h("ul", { class: "problems", part: "problems", "data-testid": "validation-errors", hidden: true });
      // The requests' views are built as they are routed (#update), a slice at a time.
      const list = view.h("div", { class: "requests" });
      editor.textarea.addEventListener("input", () => {
        this.#yaml = editor.textarea.value;
        this.#edited = true;
        this.#schedule();
      });
      problems.addEventListener("click", (event) => this.#reveal(editor, event.target.closest("li")?.dataset.line));
      const left = view.h("div", { class: "left" }, editor.el, problems);
      // Its keys (← →, Home, End) work wherever the focus is inside it (its buttons, its list).
      const steps = this.#stepsView
        ? view.h("div", { class: "steps-host", part: "steps", "data-testid": "widget-steps", role: "group", "aria-label": "Step through the decision" })
        : null;
      root.append(view.h("div", { class: "body" }, left, list, steps));
      Object.assign(this.#parts, { editor, problems, list, steps, options: { readonly, compact } });
    }
    this.shadowRoot.replaceChildren(...this.#styles, root);
    if (ready) this.#update();
    else this.#updateLink();
  }

  /** Builds the view of request `index` (the next one), appends it to the list, and returns it. */
  #requestView(index) {
    const { list, options, requests } = this.#parts;
    const request = view.requestView(this.#requests[index], { ...options, index });
    if (this.#stepsView) request.el.querySelector("details.why")?.remove(); // the steps say it all
    request.input.addEventListener("input", () => {
      this.#requests[index] = request.input.value.trim();
      this.#active = index;
      this.#schedule();
    });
    request.input.addEventListener("focus", () => {
      this.#active = index;
      this.#updateLink();
    });
    list.append(request.el);
    requests.push(request);
    return request;
  }

  #schedule() {
    for (const request of this.#parts.requests) request.result.classList.add("pending");
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#update(), DEBOUNCE_MS);
  }

  /**
   * Runs the simulator on the current YAML and requests, and refreshes the results (building the
   * requests' views the first time): in one go for a docs example's few requests, in slices of
   * SLICE_MS for many; then `results`, the link and the update event.
   */
  #update() {
    // Gateway API input is read by the package with Gateway API (loaded, with the drawing, on first need).
    const gatewayInput = this.hasAttribute("gateway") || GATEWAY_API.test(this.#yaml);
    if (gatewayInput && !this.#gateway) return this.#loadGateway();
    const engine = gatewayInput ? this.#gateway.engine : this.#engine;
    const { problems, requests } = this.#parts;
    const count = this.#stepsView ? Math.min(this.#requests.length, 1) : this.#requests.length;
    const yaml = this.#yaml;
    const options = this.#options();
    let found = [];
    try {
      const validation = engine.validate(yaml, checkOptions(engine, options));
      found = [...validation.errors, ...validation.warnings];
    } catch (error) {
      found = [{ severity: "error", code: "other", message: error.message }];
    }
    view.fillProblems(problems, found);
    const through = gatewayInput && this.#throughGateway(engine, yaml);
    const seq = ++this.#updateSeq;
    const results = [];
    const routeSlice = () => {
      if (seq !== this.#updateSeq) return; // a newer update (or render) took over
      const until = performance.now() + SLICE_MS;
      while (results.length < count && (results.length === 0 || performance.now() < until)) {
        const index = results.length;
        results.push(this.#route(engine, yaml, options, requests[index] ?? this.#requestView(index), this.#requests[index], through));
      }
      if (results.length < count) {
        setTimeout(routeSlice, 0);
        return;
      }
      this.results = results;
      this.#updateSteps(yaml, options);
      this.#updateLink();
      this.dispatchEvent(new CustomEvent("ingress-playground:update", { detail: { results }, bubbles: true, composed: true }));
    };
    routeSlice();
  }

  /**
   * Whether the requests go through a Gateway: the `gateway` attribute names one, or the engine's
   * rule says so (`asksGateway()`: Gateways and no Ingress in the input).
   */
  #throughGateway(engine, yaml) {
    if (this.getAttribute("gateway")) return true;
    let simulation = null;
    try {
      simulation = new engine.Simulation(yaml);
      return simulation.asksGateway();
    } catch {
      return false; // unreadable: simulate() says why
    } finally {
      simulation?.free();
    }
  }

  /** Routes one request and fills its result and explanation; returns its entry of `results`. */
  #route(engine, yaml, options, request, url, throughGateway) {
    let decision = null;
    let error = "";
    try {
      decision = throughGateway
        ? engine.simulateGateway(yaml, { url }, { ...options, gateway: this.getAttribute("gateway") || null })
        : engine.simulate(yaml, { url }, options);
    } catch (e) {
      error = e.message.replace(/^(simulate|simulateGateway): /, "");
    }
    if (decision && throughGateway) return { url, ...this.#fillGateway(request, decision) };
    view.fillExplanation(request.explanation, decision);
    return { url, ...view.fillResult(request.result, decision, error) };
  }

  /** `href` with the playground's Gateway view choices (?gateway=, ?implementation=: its address
   * keeps them, the #v1= state has no field for them). */
  #withGatewayChoice(href) {
    const gateway = this.getAttribute("gateway");
    const profile = this.getAttribute("profile");
    const engine = this.#gateway?.engine ?? this.#engine;
    const implementation = profile && engine && checkOptions(engine, { profile }).profile === null ? profile : null;
    if (!gateway && !implementation) return href;
    const url = new URL(href);
    if (gateway) url.searchParams.set("gateway", gateway);
    if (implementation) url.searchParams.set("implementation", implementation);
    return url.href;
  }

  /** A Gateway API decision, drawn as the playground draws it; returns its entry of `results`. */
  #fillGateway(request, decision) {
    const { renderCard, renderExplanation, renderDiagnostics, backendLabel, h } = this.#gateway.draw;
    const reveal = (line) => this.#reveal(this.#parts.editor, line);
    const data = {
      outcome: decision.outcome, status: decision.status, gateway: decision.gateway ?? "", listener: decision.listener ?? "",
      route: decision.route ?? "", rule: decision.rule, match: decision.match, backend: backendLabel(decision.backend),
      location: decision.redirect?.location ?? "", upstreamPath: decision.upstreamPath ?? "",
    };
    Object.assign(request.result.dataset, { outcome: data.outcome, backend: data.backend });
    request.result.classList.remove("pending");
    request.result.replaceChildren(h("div", { class: "gw" }, renderCard(decision), renderDiagnostics(decision.diagnostics ?? [], reveal)));
    request.explanation.classList.add("gw"); // the drawing's colours and fonts
    request.explanation.replaceChildren(...renderExplanation(decision.explanation ?? [], reveal, decision.listener).children);
    return data;
  }

  /** Loads the Gateway view's drawing and the package with Gateway API (once per page), adopts
   * the drawing's styles, and updates again. */
  #loadGateway() {
    gatewayParts ??= Promise.all([import(GATEWAY_MODULE), loadEngine({ gateway: true })]);
    const seq = this.#updateSeq;
    gatewayParts.then(
      ([draw, engine]) => {
        this.#gateway = { draw, engine };
        draw.adoptStyles(this.shadowRoot);
        if (seq === this.#updateSeq && this.#parts?.list) this.#update();
      },
      (error) => {
        gatewayParts = null;
        this.#fail("engine", `The Gateway API simulator could not be loaded: ${error.message}`);
      },
    );
  }

  /** view="steps": walks the first request's decision (the step-through, mounted on first use). */
  #updateSteps(yaml, options) {
    const host = this.#parts.steps;
    if (!host) return;
    const url = this.#requests[0] ?? "";
    const ctx = {
      yaml, profile: options.profile ?? "spec", class: options.class, rows: [],
      request: url ? { url } : null, requestError: url ? "" : "Give the widget a request to step through (its requests attribute).",
    };
    if (this.#stepView) {
      this.#stepView.update(ctx);
      return;
    }
    const seq = this.#updateSeq;
    import(STEPS_MODULE).then(
      (module) => {
        if (seq !== this.#updateSeq || this.#parts.steps !== host) return;
        this.#stepView = module.mount(host, ctx, undefined, { excerpt: true });
      },
      (error) => {
        if (this.#parts.steps === host) host.replaceChildren(view.h("p", { class: "status failed", role: "alert" }, `The step-through could not be loaded: ${error.message}`));
      },
    );
  }

  /** The state the "Open in playground" link carries. */
  get state() {
    const requests = this.#requests ?? this.#attributeRequests();
    const { class: klass, profile } = this.#options();
    return {
      ...emptyState(),
      yaml: this.#yaml ?? this.#inlineYaml(),
      url: requests[this.#active] ?? requests[0] ?? "",
      klass,
      profile: profile ?? "spec",
      rows: requests.map((url) => ({ name: "", url, sni: "", expect: "" })),
    };
  }

  #updateLink() {
    const link = this.#parts?.link;
    if (!link) return;
    const seq = ++this.#linkSeq;
    const base = this.#withGatewayChoice(this.#stepsView ? withView(this.#playgroundHref(), "steps") : this.#playgroundHref());
    playgroundUrl(base, this.state).then(
      (href) => { if (seq === this.#linkSeq) link.href = href; },
      () => { if (seq === this.#linkSeq) link.href = base; },
    );
  }

  /**
   * The `lesson` attribute (a lesson file's URL): imports the lesson module on first use (it sits
   * in teach/ next to this script, as in the playground's build), which fetches the lesson, gives
   * this widget its YAML and requests, and shows its text and exercise above them.
   */
  #loadLesson() {
    const src = this.getAttribute("lesson");
    if (this.#lesson?.src === src) return;
    this.#lesson?.view?.destroy();
    this.#lesson = src ? { src, view: null } : null;
    if (!src) return;
    import(new URL("./teach/lesson-widget.js", import.meta.url).href).then(
      ({ lessonWidget }) => {
        if (this.#lesson?.src !== src) return;
        this.#lesson.view = lessonWidget(this, src);
        this.#render();
      },
      (error) => { if (this.#lesson?.src === src) this.#fail("yaml", `The lesson could not be loaded: ${error.message}`); },
    );
  }

  /** Selects a line of the YAML editor (opening the compact view's <details>). */
  #reveal(editor, line) {
    if (!line) return;
    const text = editor.textarea.value;
    const lines = text.split("\n");
    const index = Number(line) - 1;
    if (!(index >= 0 && index < lines.length)) return;
    const start = lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0);
    const end = start + lines[index].length;
    if (editor.el.tagName === "DETAILS") editor.el.open = true;
    editor.textarea.focus();
    editor.textarea.setSelectionRange(start, end);
  }
}

/** validate()'s options: the class, and the profile when it is an Ingress one (a Gateway API
 * implementation such as envoy-gateway names no Ingress profile; the Gateway goes to routing only). */
function checkOptions(engine, { class: klass, profile }) {
  const gatewayOnly = profile && (engine.implementations?.() ?? []).some((i) => i.name === profile)
    && !(engine.profiles?.() ?? []).some((p) => p.name === profile);
  return { class: klass, profile: gatewayOnly ? null : profile };
}

/** Fetches `src` (relative to the page); rejects with a message naming the URL and the failure. */
async function fetchYaml(src) {
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    throw new Error(`Could not load the YAML: src ${JSON.stringify(src)} is not a URL.`);
  }
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    // fetch() says only "Failed to fetch" (or the like) whatever the cause, for privacy.
    throw new Error(`Could not load the YAML from ${url.href}: ${error.message} (the host is unreachable, the scheme is not http(s), or the server does not allow this page to read it: CORS).`);
  }
  if (!response.ok) {
    throw new Error(`Could not load the YAML from ${url.href}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`);
  }
  return response.text();
}

/** `href` with `?view=NAME`: the playground opens that Teach view. */
function withView(href, name) {
  const url = new URL(href);
  url.searchParams.set("view", name);
  return url.href;
}

/** The `playground` attribute as an absolute http(s) URL, or the default one (with a warning). */
function checkedPlaygroundUrl(attribute) {
  if (!attribute) return DEFAULT_PLAYGROUND;
  let url = null;
  try {
    url = new URL(attribute, document.baseURI);
  } catch {
    // not a URL at all: the warning below
  }
  if (url && LINK_SCHEMES.has(url.protocol)) return url.href;
  console.warn(`<ingress-playground>: ignoring playground=${JSON.stringify(attribute)}: only http(s) URLs (or relative ones) are allowed; "Open in playground" links to ${DEFAULT_PLAYGROUND}.`);
  return DEFAULT_PLAYGROUND;
}

if (!customElements.get("ingress-playground")) customElements.define("ingress-playground", IngressPlayground);
