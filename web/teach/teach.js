// The Teach bar's behaviour and the teaching views' host (ARCHITECTURE.md, "web/"). The page draws
// only the bar's buttons (web/src/components/teach_panel.rs: static markup, so the first visit
// stays small) and imports this module on the first click, or at start-up when the address asks
// for teaching (?present, ?view=steps|map|lessons, ?lesson=, #lesson=); it then calls
// bar(slot, page, event) for each click in the bar (event null: start-up from the address).
//
// `page(request)` is the page's one function for this module (teach_panel.rs): `request.detail`
// is ["ctx"] (the page sets `request.ctx` to its state's snapshot text, which `ctxOf` makes into
// the state a view reads: { yaml, request, requestError?, profile, class, rows }, README "The
// playground"), ["load", title, snapshotText] or ["request", snapshotText]. Snapshot texts are the
// playground's own state format (web/src/snapshot.rs, mirrored by embed/permalink.js). Each view is a module of its own, imported when first opened, exporting
// mount(host, ctx, emit) → { update(ctx), destroy() }; it is updated whenever the page settles on
// a new state (`.app[data-settled]`). emit(type, detail) dispatches a bubbling CustomEvent
// "teach-" + type on the host: teach-reveal {line, end, file?} marks those lines in the editor
// (here: line null clears the mark), teach-load {yaml, request?, profile?, rows?, title} loads a
// state the user can undo, teach-request {url, host?, sni?, method?, headers?, cookies?} sets the
// request form (both done by the page). Present toggles class `presenting` on `.app` and shows
// the presenter's stylesheet and its "Hide the answer" switch (teach/presenter.css,
// teach/presenter.js) only while on.

import { decodeSnapshot, encodeSnapshot, emptyState } from "../permalink.js";

const VIEWS = {
  steps: { load: () => import("./steps.js"), label: "Step through" },
  map: { load: () => import("./route-map.js"), label: "Route map" },
  lessons: { load: () => import("./lessons.js"), label: "Lessons" },
  // Not a lesson, but a view of the page's YAML like the others (migrate/migrate.js, issue 15).
  migrate: { load: () => import("../migrate/migrate.js"), label: "Migrate to Gateway API" },
};

/** The page's side: { slot, ask, host } (host: the element every view renders into). */
let page = null;
/** The open view: { view, section, instance } (instance null while its module loads). */
let current = null;
/** Counts opens and closes: a module that arrives after another open() or close() is not mounted. */
let ticket = 0;

export function bar(slot, ask, event) {
  if (!page) {
    page = { slot, ask, host: el("div", { class: "teach-host", tabindex: "-1" }) };
    listen(page.host);
    watchSettled();
    document.head.append(el("link", { rel: "stylesheet", href: new URL("./teach.css", import.meta.url).href }));
  }
  const button = event?.target.closest("[data-teach]");
  if (!event) return startFromAddress();
  if (!button) return;
  const name = button.dataset.teach;
  if (name === "gateway") return gateway();
  if (name === "present") present(!app()?.classList.contains("presenting"));
  else if (current?.view === name) close();
  else open(name, { focus: true });
}

/** The Gateway API view (gateway/gateway.js), started the first time the YAML holds Gateway API
 * objects (gateway/watch.js presses the bar's hidden `data-teach="gateway"` door for it): it reads
 * the page's state as a view does and marks the lines of the candidate it is asked to reveal. */
let gatewayView = null;
function gateway() {
  gatewayView ??= import("../gateway/gateway.js")
    .then((m) => m.start({ slot: page.slot, app: app(), ctx, reveal: (line, end) => mark(line, end) }))
    .catch((error) => {
      gatewayView = null;
      page.slot.append(el("p", { class: "notice", role: "alert", "data-testid": "gateway-error" }, `The Gateway API view could not be loaded: ${error.message}`));
    });
}

/** Hands the page an array of strings: ["load", title, snapshotText] or ["request", snapshotText]. */
function tell(detail) {
  page.ask(new CustomEvent("teach", { detail }));
}

/** The page's state, as its snapshot says it (embed/permalink.js's shape). */
function pageState() {
  const request = new CustomEvent("teach", { detail: ["ctx"] });
  page.ask(request);
  return decodeSnapshot(request.ctx ?? "");
}

/** The state a view reads: { yaml, request, requestError?, profile, class, rows }. */
function ctx() {
  const state = pageState();
  const url = state.url.trim();
  const request = url ? requestOf(state) : null;
  return {
    yaml: state.yaml, profile: state.profile, class: state.klass, request,
    requestError: url ? undefined : "Type a request URL.",
    rows: state.rows.filter((row) => row.url.trim()).map((row) => ({
      ...(row.name ? { name: row.name } : {}), request: requestOf(row), expect: expectationOf(row),
    })),
  };
}

/**
 * The JS API's request object for the request form's fields (or a table row's): the Headers box
 * holds one `Name: value` per line and a `Cookie:` line gives the cookies ("a=1; b=2"). What the
 * JS API finds wrong in it (a bad URL or header name) it says in its error, naming the field.
 */
function requestOf(fields) {
  const request = { url: fields.url.trim() };
  for (const key of ["host", "sni", "method"]) if (fields[key]?.trim()) request[key] = fields[key].trim();
  const headers = [];
  const cookies = [];
  for (const line of (fields.headers ?? "").split("\n")) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    const [name, value] = colon < 0 ? [line.trim(), ""] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    if (name.toLowerCase() !== "cookie") headers.push([name, value]);
    else for (const pair of value.split(";").filter((p) => p.trim())) {
      const eq = pair.indexOf("=");
      cookies.push(eq < 0 ? [pair.trim(), ""] : [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()]);
    }
  }
  if (headers.length) request.headers = headers;
  if (cookies.length) request.cookies = cookies;
  return request;
}

/** A table row's expectation as runCases takes it (the row's text: an outcome word or a backend). */
function expectationOf(row) {
  const typed = row.expect.trim();
  const outcome = { "no-match": "no-match", "no match": "no-match", nomatch: "no-match", 404: "no-match",
    "default-backend": "default-backend", "default backend": "default-backend", rule: "rule",
    redirect: "redirect", "config-error": "config-error", "controller-answer": "controller-answer",
    // Gateway API outcomes (a Gateway API example's cases; README, the case file)
    misdirected: "misdirected", "backend-error": "backend-error", "no-listener": "no-listener", "cors-preflight": "cors-preflight" }[typed.toLowerCase()];
  const expect = outcome ? { outcome } : typed ? { backend: typed } : {};
  for (const key of ["ingress", "path", "pathType", "tls", "location"]) if (row[key] != null) expect[key] = row[key];
  // A case's HTTP status (a Gateway API example's, or a controller's redirect) is kept in the row as text.
  if (row.status != null && row.status !== "" && Number.isInteger(Number(row.status))) expect.status = Number(row.status);
  return expect;
}

/** What a view has been given last, to update it only when the state changed. */
let given = null;

function give(state) {
  given = { yaml: state.yaml, rest: JSON.stringify([state.request, state.requestError, state.profile, state.class, state.rows]) };
  return state;
}

/** Updates the open view whenever the page settles on a new state (`.app[data-settled="true"]`). */
function watchSettled() {
  const root = app();
  if (!root) return;
  new MutationObserver(() => {
    if (root.dataset.settled !== "true" || !current?.instance) return;
    const state = ctx();
    const rest = JSON.stringify([state.request, state.requestError, state.profile, state.class, state.rows]);
    if (given && state.yaml === given.yaml && rest === given.rest) return;
    current.instance.update(give(state));
  }).observe(root, { attributes: true, attributeFilter: ["data-settled"] });
}

/** ?present, and the view the address names (a lesson link opens the lessons). */
function startFromAddress() {
  const query = new URLSearchParams(location.search);
  if (query.has("present")) present(true);
  const view = query.has("lesson") || location.hash.startsWith("#lesson=") ? "lessons" : query.get("view");
  if (Object.hasOwn(VIEWS, view ?? "")) open(view, { focus: false });
}

/** Opens a view in the panel under the bar; `focus`: the view takes the focus (its keys work at once). */
async function open(view, { focus }) {
  close();
  const mine = ++ticket;
  const { load, label } = VIEWS[view];
  const { host } = page;
  const closer = el("button", { type: "button", class: "teach-close", "data-testid": "teach-close", "aria-label": `Close ${label}` }, "×");
  const closeToBar = () => {
    close();
    page.slot.querySelector(`[data-teach="${view}"]`)?.focus();
  };
  closer.addEventListener("click", closeToBar);

  const section = el("section", {
    id: "teach-panel", class: "teach-panel", "data-testid": "teach-panel", "data-view": view, "aria-label": label,
  }, closer, host);
  // Escape closes the panel from anywhere in it but a field (where it may mean something else).
  section.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.target.closest("input, textarea, select")) closeToBar();
  });
  current = { view, section, instance: null };
  page.slot.append(section);
  pressed(view);
  host.setAttribute("aria-busy", "true");
  if (focus) host.focus();
  try {
    const module = await load();
    if (mine !== ticket) return;
    const emit = (type, detail) => host.dispatchEvent(new CustomEvent(`teach-${type}`, { detail, bubbles: true }));
    current.instance = module.mount(host, give(ctx()), emit);
  } catch (error) {
    if (mine !== ticket) return;
    console.warn(error);
    host.replaceChildren(el("p", { class: "notice", role: "alert", "data-testid": "teach-error" }, `This view could not be loaded: ${error.message}`));
  } finally {
    if (mine === ticket) host.removeAttribute("aria-busy");
  }
}

/** Closes the open view (its module destroyed, the editor's mark cleared). */
function close() {
  ticket++;
  if (!current) return;
  const { section, instance } = current;
  current = null;
  try {
    instance?.destroy();
  } finally {
    page.host.replaceChildren();
    page.host.removeAttribute("aria-busy");
    section.remove();
    pressed(null);
    mark(null);
  }
}

/** aria-pressed on the view buttons: `view`'s true, the others false. */
function pressed(view) {
  for (const button of page.slot.querySelectorAll("[data-teach]:not([data-teach=present])")) {
    button.setAttribute("aria-pressed", String(button.dataset.teach === view));
  }
}

const app = () => page.slot.closest(".app");

/** Presenter mode on or off: the class on .app, the button's state, the presenter's chrome. */
function present(on) {
  const root = app();
  if (!root) return;
  root.classList.toggle("presenting", on);
  const button = page.slot.querySelector("[data-teach=present]");
  button.setAttribute("aria-pressed", String(on));
  page.slot.querySelectorAll(".presenter-chrome").forEach((node) => node.remove());
  if (!on) {
    delete root.dataset.hideAnswer;
    return;
  }
  const sheet = el("link", { rel: "stylesheet", class: "presenter-chrome", href: new URL("./presenter.css", import.meta.url).href });
  const hide = el("button", { type: "button", class: "hide-answer presenter-chrome", "data-testid": "hide-answer", "aria-pressed": "false" }, "Hide the answer");
  hide.addEventListener("click", () => import("./presenter.js").then((m) => m.toggleAnswer(hide)));
  button.after(sheet, hide);
}

const listening = new WeakSet();

/**
 * Marks the lines a view reveals in the editor, and hands its loads and requests to the page as
 * snapshot texts (the page reads no JS objects; keeping this here keeps it off the first visit).
 * A request's headers (an object, [name, value] pairs or "Name: value" lines) and cookies (an
 * object, pairs or "a=1; b=2") become the Headers box's lines; a load's rows are cases as runCases
 * takes them ([{name?, request, expect?}]); a load without a request keeps the page's.
 */
function listen(host) {
  if (listening.has(host)) return;
  listening.add(host);
  host.addEventListener("teach-reveal", (e) => mark(e.detail?.line, e.detail?.end));
  host.addEventListener("teach-request", (e) => tell(["request", encodeSnapshot({ ...emptyState(), ...formFields(e.detail) })]));
  host.addEventListener("teach-load", (e) => {
    const d = e.detail ?? {};
    const request = d.request ? formFields(d.request) : pick(pageState(), ["url", "host", "sni", "method", "headers"]);
    const rows = (Array.isArray(d.rows) ? d.rows : []).map(rowOf);
    const state = { ...emptyState(), ...request, yaml: text(d.yaml), profile: text(d.profile) || "spec", rows };
    tell(["load", text(d.title), encodeSnapshot(state)]);
  });
}

const pick = (object, keys) => Object.fromEntries(keys.map((key) => [key, object[key]]));

/** The request form's fields for a request object. */
function formFields(r) {
  return { url: text(r?.url), host: text(r?.host), sni: text(r?.sni), method: text(r?.method), headers: headerLines(r?.headers, r?.cookies) };
}

/** A table row for a case as runCases takes it ({name?, request, expect?}). */
function rowOf(c) {
  const { url, sni, method, headers } = formFields(c?.request);
  const e = c?.expect ?? {};
  const row = { name: text(c?.name), url, sni, method, headers, expect: text(e.backend ?? e.outcome) };
  for (const key of ["ingress", "path", "pathType", "tls"]) if (e[key] != null) row[key] = String(e[key]);
  return row;
}

/** The editor's mark of the lines a view points at: { el, line, end } while shown. */
let marked = null;

/**
 * Marks lines line..end in the editor (data-testid="step-mark", data-lines="L-E"; line null or 0:
 * no mark) and scrolls the editor there if they are out of view, leaving the focus where it is.
 * The mark sits in the editor's overlay (web/src/components/editor.rs draws the other marks there;
 * its line height and padding are the CSS's --line and --pad) and follows the editor's scrolling.
 */
function mark(line, end) {
  marked?.el.remove();
  marked = null;
  const code = document.querySelector(".editor .code");
  const overlay = code?.querySelector(".overlay");
  if (!overlay || !(line > 0)) return;
  end = Math.max(Number(end) || line, line);
  marked = { el: el("div", { class: "mark mark-step", "data-testid": "step-mark", "data-lines": `${line}-${end}` }), line, end };
  overlay.append(marked.el);
  if (!watchedEditors.has(code)) {
    watchedEditors.add(code);
    code.addEventListener("scroll", place, true); // scroll does not bubble; capture sees the textarea's
  }
  const { area, lineHeight, top } = editorMetrics(code);
  if (area) {
    const first = top + (line - 1) * lineHeight;
    const last = top + end * lineHeight;
    if (first < area.scrollTop || last > area.scrollTop + area.clientHeight) {
      area.scrollTop = Math.max(0, first - area.clientHeight / 3);
    }
  }
  place();
}

const watchedEditors = new WeakSet();

/** The editor's scrolling element (the textarea, or a large input's read-only view) and line metrics. */
function editorMetrics(code) {
  const style = getComputedStyle(code.closest(".editor") ?? code);
  return {
    area: code.querySelector("textarea, .large-view"),
    lineHeight: parseFloat(style.getPropertyValue("--line")) || 20,
    top: parseFloat(style.getPropertyValue("--pad")) || 8,
  };
}

/** Puts the mark over its lines at the editor's current scroll. */
function place() {
  const code = marked?.el.closest(".code");
  if (!code) return;
  const { area, lineHeight, top } = editorMetrics(code);
  marked.el.style.top = `${top + (marked.line - 1) * lineHeight - (area?.scrollTop ?? 0)}px`;
  marked.el.style.height = `${(marked.end - marked.line + 1) * lineHeight}px`;
}

const text = (value) => (value == null ? "" : String(value));
const request = (r) => [text(r?.url), text(r?.host), text(r?.sni), text(r?.method), headerLines(r?.headers, r?.cookies)];

function headerLines(headers, cookies) {
  const pairs = (value) => (Array.isArray(value) ? value : Object.entries(value ?? {}));
  const lines = typeof headers === "string" ? [headers] : pairs(headers).map(([name, value]) => `${name}: ${value}`);
  const jar = typeof cookies === "string" ? cookies : pairs(cookies).map(([name, value]) => `${name}=${value}`).join("; ");
  if (jar) lines.push(`Cookie: ${jar}`);
  return lines.filter(Boolean).join("\n");
}

/** `el("p", {class: "x"}, "text", child…)`: user text only ever as text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
