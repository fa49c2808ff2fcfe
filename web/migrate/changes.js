// The requests whose answer changes with the migration, as a table (request, before, after), and
// the one picked: both explanations side by side, the answering lines marked in both YAMLs (the
// page's editor and the converted YAML). The rows are the engine's `changed` list in its order.

import { h } from "../gateway/gateway-result.js";
import { answerSpan, renderSide } from "./answer.js";

/** Rows drawn at first (each is a few nodes; a migration that changes everything lists thousands). */
const SHOWN = 100;

/** The request in one line: `GET https://host/path`, with its SNI, headers and cookies when sent. */
export function requestText(request) {
  const parts = [`${request.method ?? "GET"} ${requestUrl(request)}`];
  if (request.sni && request.sni !== hostOnly(request.host)) parts.push(`SNI ${request.sni}`);
  for (const [name, value] of request.headers ?? []) parts.push(`${name}: ${value}`);
  if (request.cookies?.length) parts.push(`Cookie: ${request.cookies.map(([n, v]) => `${n}=${v}`).join("; ")}`);
  return parts.join(" · ");
}

const requestUrl = (request) => `${request.scheme ?? "http"}://${request.host}${request.path}`;
const hostOnly = (host) => host.replace(/:\d+$/, "");

/**
 * The table of changed requests: `changed` holds `tableRow()`s (answers in words). `pick(change,
 * row)` is called when a row is chosen (click, or Enter/Space on its button); the chosen row is
 * `aria-current`.
 */
export function renderTable(changed, { from, to, pick }) {
  const body = h("tbody");
  const table = h("table", { class: "mig-changes", "data-testid": "migrate-changes" },
    h("caption", { class: "mig-caption" }, `${changed.length} request${changed.length === 1 ? "" : "s"} change${changed.length === 1 ? "s" : ""} their answer`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Request"), h("th", { scope: "col" }, `Before (${from})`), h("th", { scope: "col" }, `After (${to})`))),
    body);
  const choose = (change, row) => {
    for (const other of body.querySelectorAll("tr[aria-current]")) other.removeAttribute("aria-current");
    row.setAttribute("aria-current", "true");
    pick(change, row);
  };
  const rowOf = (change, index) => {
    const button = h("button", { type: "button", class: "mig-request", title: "Show both explanations" }, requestText(change.request));
    const row = h("tr", {
      "data-testid": "migrate-change", "data-index": index,
      "data-before": change.before, "data-after": change.after,
    },
    h("td", {}, button, change.probes ? h("span", { class: "mig-probes" }, change.probes) : null),
    h("td", { class: "mig-before" }, change.before),
    h("td", { class: "mig-after" }, change.after));
    // The whole row answers a click; the button is what the keyboard reaches.
    row.addEventListener("click", () => choose(change, row));
    return row;
  };
  body.append(...changed.slice(0, SHOWN).map(rowOf));
  if (changed.length > SHOWN) {
    const more = h("button", { type: "button", class: "mig-more", "data-testid": "migrate-more" }, `Show the other ${changed.length - SHOWN} requests`);
    const row = h("tr", {}, h("td", { colspan: "3" }, more));
    more.addEventListener("click", () => {
      row.replaceWith(...changed.slice(SHOWN).map((change, i) => rowOf(change, SHOWN + i)));
      body.querySelectorAll("button.mig-request")[SHOWN]?.focus();
    });
    body.append(row);
  }
  // A scroller of its own, so the chosen request's detail below stays in reach of the table.
  return h("div", { class: "mig-table-scroll" }, table);
}

/**
 * The chosen request's two decisions side by side. `reveal(span)` marks a span's lines (in the
 * editor or the converted YAML, by the span's file); `tryIt(request)` puts the request in the
 * page's request form. The answering lines of both sides are marked at once.
 */
export function renderDetail(change, { from, to, reveal, tryIt }) {
  const tryButton = h("button", { type: "button", class: "mig-try", "data-testid": "migrate-try" }, "Route this request on the page");
  tryButton.addEventListener("click", () => tryIt(change.request));
  const detail = h("section", { class: "mig-detail", "data-testid": "migrate-detail", "aria-label": "The changed request, before and after" },
    h("div", { class: "mig-detail-head" }, h("h3", { class: "mig-detail-request" }, requestText(change.request)), tryButton),
    h("div", { class: "mig-sides" },
      renderSide(change.before, { title: `Before: ${from}`, testid: "migrate-before", reveal, request: change.request }),
      renderSide(change.after, { title: `After: ${to}`, testid: "migrate-after", reveal, request: change.request })));
  // Both answers' own lines: the input's in the editor, the converted YAML's in its view.
  reveal(answerSpan(change.before));
  reveal(answerSpan(change.after));
  return detail;
}
