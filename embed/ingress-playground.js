// <ingress-playground>: a live Ingress routing example for docs pages. One script, one tag:
//
//   <script type="module" src="ingress-playground.js"></script>
//   <ingress-playground requests="https://foo.bar.com/foo" readonly theme="auto" view="compact">
//     <script type="application/yaml"> …Ingress YAML… </script>
//   </ingress-playground>
//
// Attributes: requests, readonly, theme, view, ingress-class, profile, src, playground (README.md).
import { loadEngine } from "./engine.js";
import { emptyState, playgroundUrl } from "./permalink.js";
import { STYLES } from "./styles.js";
import { dedent } from "./dedent.js";
import * as view from "./widget-view.js";

const DEBOUNCE_MS = 150;
const DEFAULT_PLAYGROUND = new URL("./", import.meta.url).href;

export class IngressPlayground extends HTMLElement {
  static observedAttributes = ["requests", "readonly", "theme", "view", "ingress-class", "profile", "src", "playground"];

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
  #srcLoaded = null;
  #parts = null; // the rendered elements

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  // ---- Public properties ------------------------------------------------------------------

  /** The YAML the widget simulates (setting it replaces the inline or fetched YAML). */
  get yaml() { return this.#yaml ?? this.#inlineYaml(); }
  set yaml(text) {
    this.#yaml = String(text);
    this.#edited = true;
    if (this.isConnected) this.#render();
  }

  /** The request URLs as currently shown (edited ones included). */
  get requests() { return [...(this.#requests ?? this.#attributeRequests())]; }

  /** The simulator results of the last update: [{ url, outcome, backend, ingress, path, pathType }]. */
  results = [];

  // ---- Lifecycle ----------------------------------------------------------------------------

  connectedCallback() {
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
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (name === "requests") {
      this.#requests = null;
      this.#active = 0;
    }
    if (name === "src") {
      this.#yaml = null;
      this.#edited = false;
      this.#srcLoaded = null;
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
      (error) => this.#setStatus(`The simulator could not be loaded: ${error.message}`),
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

  /** The YAML to show: edited, else fetched from src, else inline. Starts the fetch when needed. */
  #currentYaml() {
    if (this.#yaml !== null) return this.#yaml;
    const src = this.getAttribute("src");
    if (!src) return (this.#yaml = this.#inlineYaml());
    if (!this.#srcLoaded) {
      const url = new URL(src, document.baseURI);
      this.#srcLoaded = fetch(url).then(async (response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        return response.text();
      }).then(
        (text) => { if (this.getAttribute("src") === src) { this.#yaml = text; this.#render(); } },
        (error) => this.#setStatus(`Could not load ${url.href}: ${error.message}`),
      );
    }
    return null;
  }

  // ---- Rendering ----------------------------------------------------------------------------

  #setStatus(text) {
    if (this.#parts) this.#parts.status.textContent = text;
  }

  /** Rebuilds the shadow DOM from the attributes and the current state, then updates the results. */
  #render() {
    const yaml = this.#currentYaml();
    this.#requests ??= this.#attributeRequests();
    const readonly = this.#readonly;
    const compact = this.#compact;
    const ready = this.#engine && yaml !== null;
    const head = view.header(ready ? "" : yaml === null ? "Loading the YAML…" : "Loading the simulator…");
    const root = view.h("div", { class: `ip ${compact ? "compact" : "full"}`, part: "container" }, head.el);
    this.#parts = { link: head.link, status: head.status, requests: [] };
    if (!ready) {
      root.append(view.placeholder(yaml ?? "", this.#requests));
    } else {
      const editor = view.yamlEditor(yaml, { readonly, compact });
      const problems = view.h("ul", { class: "problems", part: "problems", "data-testid": "validation-errors", hidden: true });
      const list = view.h("div", { class: "requests" });
      this.#parts.requests = this.#requests.map((url, index) => {
        const request = view.requestView(url, { readonly, compact, index });
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
        return request;
      });
      editor.textarea.addEventListener("input", () => {
        this.#yaml = editor.textarea.value;
        this.#edited = true;
        this.#schedule();
      });
      problems.addEventListener("click", (event) => this.#reveal(editor, event.target.closest("li")?.dataset.line));
      const left = view.h("div", { class: "left" }, editor.el, problems);
      root.append(view.h("div", { class: "body" }, left, list));
      Object.assign(this.#parts, { editor, problems });
    }
    this.shadowRoot.replaceChildren(view.h("style", {}, STYLES), root);
    if (ready) this.#update();
    else this.#updateLink();
  }

  #schedule() {
    for (const request of this.#parts.requests) request.result.classList.add("pending");
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#update(), DEBOUNCE_MS);
  }

  /** Runs the simulator on the current YAML and requests, and refreshes the results. */
  #update() {
    const engine = this.#engine;
    const { editor, problems, requests } = this.#parts;
    const yaml = editor.textarea.value;
    const options = this.#options();
    let found = [];
    try {
      const validation = engine.validate(yaml, options);
      found = [...validation.errors, ...validation.warnings];
    } catch (error) {
      found = [{ severity: "error", code: "other", message: error.message }];
    }
    view.fillProblems(problems, found);
    this.results = requests.map((request, index) => {
      const url = this.#requests[index];
      let decision = null;
      let error = "";
      try {
        decision = engine.simulate(yaml, { url }, options);
      } catch (e) {
        error = e.message.replace(/^simulate: /, "");
      }
      view.fillExplanation(request.explanation, decision);
      return { url, ...view.fillResult(request.result, decision, error) };
    });
    this.#updateLink();
    this.dispatchEvent(new CustomEvent("ingress-playground:update", { detail: { results: this.results }, bubbles: true, composed: true }));
  }

  /** The state the "Open in playground" link carries. */
  get state() {
    const requests = this.#requests ?? this.#attributeRequests();
    const { class: klass, profile } = this.#options();
    return {
      ...emptyState(),
      yaml: this.#parts?.editor?.textarea.value ?? this.#yaml ?? this.#inlineYaml(),
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
    const base = new URL(this.getAttribute("playground") || DEFAULT_PLAYGROUND, document.baseURI).href;
    playgroundUrl(base, this.state).then(
      (href) => { if (seq === this.#linkSeq) link.href = href; },
      () => { if (seq === this.#linkSeq) link.href = base; },
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

if (!customElements.get("ingress-playground")) customElements.define("ingress-playground", IngressPlayground);
