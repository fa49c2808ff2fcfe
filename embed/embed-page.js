// embed.html: one full-page <ingress-playground> built from the playground's permalink in the
// fragment (#v1=…), with options in the query string, reporting its height to the parent page.
//
// Query: readonly (present, not "0"/"false"), view=compact|full (default full), theme=light|dark|auto,
// id=<anything, echoed back>, origin=<the parent page's origin>.
// Message to the parent on every height change: { type: "ingress-sim:height", height, id }.
// It carries nothing but that number and the parent's own id, never the state. It is posted to
// `origin` when given (and then only to that origin), else to "*".
import "./ingress-playground.js";
import { stateFromFragment } from "./permalink.js";

const query = new URLSearchParams(location.search);
const flag = (name) => query.has(name) && !["0", "false"].includes(query.get(name));
const container = document.getElementById("embed");

function targetOrigin() {
  const origin = query.get("origin");
  if (!origin) return "*";
  try {
    return new URL(origin).origin;
  } catch {
    return null; // a malformed origin: post nothing rather than guess
  }
}

function reportHeight() {
  const target = targetOrigin();
  if (window.parent === window || target === null) return;
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  window.parent.postMessage({ type: "ingress-sim:height", height, id: query.get("id") ?? "" }, target);
}

async function show() {
  let state;
  try {
    state = await stateFromFragment(location.hash);
  } catch (error) {
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = `This example link cannot be read (${error.message}). It should end in #v1=… as the playground's "Share" link does.`;
    container.replaceChildren(p);
    return;
  }
  const widget = document.createElement("ingress-playground");
  const requests = [...new Set([state.url, ...state.rows.map((row) => row.url)].map((u) => u.trim()).filter(Boolean))];
  widget.setAttribute("requests", requests.join(" "));
  widget.setAttribute("view", query.get("view") === "compact" ? "compact" : "full");
  widget.setAttribute("theme", ["light", "dark"].includes(query.get("theme")) ? query.get("theme") : "auto");
  if (flag("readonly")) widget.setAttribute("readonly", "");
  if (state.klass) widget.setAttribute("ingress-class", state.klass);
  if (state.profile && state.profile !== "spec") widget.setAttribute("profile", state.profile);
  widget.yaml = state.yaml;
  container.replaceChildren(widget);
}

new ResizeObserver(reportHeight).observe(document.body);
window.addEventListener("hashchange", show);
show();
