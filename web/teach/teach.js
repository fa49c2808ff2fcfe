// The teaching bridge's JS side (ARCHITECTURE.md, "web/"): the playground imports this module the
// first time a Teach view opens (web/src/components/teach_panel.rs) and calls
//
//   open(view, host, ctx, handler)   view: "steps" | "map" | "lessons"; host: the panel's element;
//                           handler: the page's, called with each view event flattened (listen)
//   update(ctx)             on every settled change of the state while open
//   close()                 the panel closed
//
// ctx: { yaml, request, requestError?, profile, class, rows } (README, "The playground"). Each view
// is a module of its own, imported on demand, exporting mount(host, ctx, emit) → { update, destroy }.
// emit(type, detail) dispatches a bubbling CustomEvent "teach-" + type on the host, which the page
// turns into an action: teach-reveal {line, end, file?} (line null: no mark), teach-load {yaml,
// request?, profile?, rows?, title}, teach-request {url, host?, sni?, method?, headers?}.

const VIEWS = {
  steps: () => import("./steps.js"),
  map: () => import("./route-map.js"),
  lessons: () => import("./lessons.js"),
};

/** The view on screen: { host, instance }, or while its module loads { host, ctx } (instance null). */
let current = null;
/** Counts open() calls: a module that arrives after another open() or close() is not mounted. */
let ticket = 0;

export async function open(view, host, ctx, handler) {
  close();
  if (handler) listen(host, handler);
  const mine = ++ticket;
  const load = VIEWS[view];
  current = { host, ctx, instance: null };
  host.dataset.teachView = view;
  host.setAttribute("aria-busy", "true");
  try {
    if (!load) throw new Error(`there is no view "${view}"`);
    const module = await load();
    if (mine !== ticket) return;
    const emit = (type, detail) => host.dispatchEvent(new CustomEvent(`teach-${type}`, { detail, bubbles: true }));
    current.instance = module.mount(host, current.ctx, emit);
  } catch (error) {
    if (mine !== ticket) return;
    console.warn(error);
    host.replaceChildren(notice(`This view could not be loaded: ${error.message}`));
  } finally {
    if (mine === ticket) host.removeAttribute("aria-busy");
  }
}

export function update(ctx) {
  if (!current) return;
  current.ctx = ctx;
  current.instance?.update(ctx);
}

export function close() {
  ticket++;
  if (!current) return;
  const { host, instance } = current;
  current = null;
  try {
    instance?.destroy();
  } finally {
    host.replaceChildren();
    host.removeAttribute("aria-busy");
    delete host.dataset.teachView;
  }
}

const listening = new WeakSet();

/**
 * Hands the views' events on `host` to the page's `handler` as arrays of strings (the page reads
 * no JS objects; keeping this here keeps it off the first visit):
 *   ["reveal", line, end]                 line "" (null): no mark
 *   ["request", url, host, sni, method, headerLines]
 *   ["load", title, yaml, profile, caseFileText, url, host, sni, method, headerLines]
 * headers (an object, [name, value] pairs or "Name: value" lines) and cookies (an object, pairs or
 * "a=1; b=2") become the Headers box's lines; rows ([{name?, request, expect?}], as runCases takes
 * them, or a case file's text) become a case file (JSON is YAML).
 */
function listen(host, handler) {
  if (listening.has(host)) return;
  listening.add(host);
  const on = (type, flat) => host.addEventListener(`teach-${type}`, (e) => handler([type, ...flat(e.detail ?? {})]));
  on("reveal", (d) => [text(d.line), text(d.end ?? d.line)]);
  on("request", (d) => request(d));
  on("load", (d) => [text(d.title), text(d.yaml), text(d.profile), cases(d.rows), ...request(d.request)]);
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

function cases(rows) {
  if (rows == null || typeof rows === "string") return text(rows);
  // A case file's headers are a mapping or "Name: value" lines, its cookies a mapping or "a=1; b=2".
  const caseRequest = ({ headers, cookies, ...rest } = {}) => ({
    ...rest,
    headers: Array.isArray(headers) ? headers.map(([name, value]) => `${name}: ${value}`) : headers,
    cookies: Array.isArray(cookies) ? cookies.map(([name, value]) => `${name}=${value}`).join("; ") : cookies,
  });
  return JSON.stringify({ cases: rows.map((c) => ({ name: c.name, ...caseRequest(c.request), expect: c.expect })) });
}

/** A message in the panel (user text only ever as text). */
function notice(text) {
  const p = document.createElement("p");
  p.className = "notice";
  p.setAttribute("role", "alert");
  p.setAttribute("data-testid", "teach-error");
  p.textContent = text;
  return p;
}
