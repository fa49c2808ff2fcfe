// embed.html: one full-page <ingress-playground> built from the playground's permalink in the
// fragment (#v1=…), with options in the query string, reporting its height to the parent page.
//
// Query: readonly (present, not "0"/"false"), view=compact|full (default full), theme=light|dark|auto,
// id=<anything, echoed back>, origin=<the parent page's origin>.
// Message to the parent on every height change: { type: "ingress-sim:height", height, id }.
// It carries nothing but that number and the parent's own id, never the state. It is posted to
// `origin` when given (and then only to that origin), else to "*".
//
// The fragment is untrusted: it is read within the permalink's caps (permalink.js, LIMITS), and
// what is refused or dropped is said in the frame.
import "./ingress-playground.js";
import { readLink, LIMITS } from "./permalink.js";

const query = new URLSearchParams(location.search);
const flag = (name) => query.has(name) && !["0", "false"].includes(query.get(name));
const container = document.getElementById("embed");

/**
 * Where height messages may go: "*" without `origin`; the origin of `origin` when it is a URL with
 * a real (tuple) origin, i.e. http(s). Anything else (`null`, `data:…`, garbage) has no origin a
 * message could be delivered to, and postMessage would throw on it: null, nothing is posted.
 */
function targetOriginOf(origin) {
  if (origin === null || origin === "") return "*";
  let url;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  return ["http:", "https:"].includes(url.protocol) ? url.origin : null;
}

const TARGET_ORIGIN = targetOriginOf(query.get("origin"));
if (TARGET_ORIGIN === null) {
  console.warn(`embed.html: origin=${JSON.stringify(query.get("origin"))} is not an http(s) origin; no height messages are sent.`);
}

function reportHeight() {
  if (window.parent === window || TARGET_ORIGIN === null) return;
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  window.parent.postMessage({ type: "ingress-sim:height", height, id: query.get("id") ?? "" }, TARGET_ORIGIN);
}

function message(className, text, testid) {
  const p = document.createElement("p");
  p.className = className;
  p.dataset.testid = testid;
  p.textContent = text;
  return p;
}

/** The widget's requests: the request URL, then the table rows' URLs, each once, exactly as written. */
function requestsOf(state) {
  return [...new Set([state.url, ...state.rows.map((row) => row.url)].map((u) => u.trim()).filter(Boolean))];
}

function widgetFor(state) {
  const widget = document.createElement("ingress-playground");
  // The property, not the attribute: the attribute separates URLs by whitespace, and a URL of the
  // link may hold a space; the property keeps every URL whole.
  widget.requests = requestsOf(state);
  widget.setAttribute("view", query.get("view") === "compact" ? "compact" : "full");
  widget.setAttribute("theme", ["light", "dark"].includes(query.get("theme")) ? query.get("theme") : "auto");
  if (flag("readonly")) widget.setAttribute("readonly", "");
  if (state.klass) widget.setAttribute("ingress-class", state.klass);
  if (state.profile && state.profile !== "spec") widget.setAttribute("profile", state.profile);
  widget.yaml = state.yaml;
  return widget;
}

/** What a link with more test rows than the cap says (in the playground's words). */
function rowsNotice({ state, droppedRows }) {
  const count = (n) => n.toLocaleString("en");
  const total = state.rows.length + droppedRows;
  return `This link holds ${count(total)} test rows: the first ${count(state.rows.length)} are shown and ${count(droppedRows)} left out (a link opens at most ${count(LIMITS.rows)}).`;
}

let shown = 0; // the latest show(): a hash change while a link is read supersedes it

async function show() {
  const seq = ++shown;
  let link;
  try {
    link = await readLink(location.hash);
  } catch (error) {
    if (seq !== shown) return;
    container.replaceChildren(message("error", `This example link cannot be read: ${error.message}. It should end in #v1=… as the playground's "Share link" does.`, "link-error"));
    return;
  }
  if (seq !== shown) return;
  const notice = link.droppedRows ? message("notice", rowsNotice(link), "link-notice") : null;
  container.replaceChildren(...[notice, widgetFor(link.state)].filter(Boolean));
}

new ResizeObserver(reportHeight).observe(document.body);
window.addEventListener("hashchange", show);
show();
