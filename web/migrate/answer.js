// One side of a changed request: an Ingress decision (before, the `route --json` shape) or a
// Gateway API decision (after), as a one-line answer for the table and as a card with its
// explanation for the detail. Only what the engine answered is printed: no routing here.

import { h, isGatewayDecision } from "../gateway/gateway-result.js";

/** The converted YAML's source name in the "after" decisions' spans (mig-design.md: read back as `gateway-api.yaml`). */
export const CONVERTED = "gateway-api.yaml";

/** How many explanation entries are drawn at first (a host with 5,000 paths judges 5,000 candidates). */
const SHOWN = 60;

/**
 * `ns/name:port` of the backend. An Ingress names its Service without a namespace (the Ingress's
 * own), the converted route with one: the Ingress's namespace is written out so that an unchanged
 * backend reads the same on both sides.
 */
export function backendText(decision) {
  const service = decision?.backend?.service;
  if (decision?.backend?.resource) return `resource:${decision.backend.resource.kind}/${decision.backend.resource.name}`;
  if (!service) return "";
  const namespace = service.namespace ?? (decision.ingress ? decision.ingress.split("/")[0] : "");
  const port = service.port && ("number" in service.port ? service.port.number : service.port.name);
  return `${namespace ? `${namespace}/` : ""}${service.name}${port != null ? `:${port}` : ""}`;
}

/**
 * The answer in one line: "200 shop/web:80", "308 → https://…", "404 no-match", "no answer
 * (no-listener)", with "(path /x)" when the backend receives another path than `request` asked.
 */
export function answerText(decision, request = null) {
  if (!decision) return "—";
  const parts = [decision.status == null ? "no answer" : String(decision.status)];
  if (decision.redirect?.location) parts.push(`→ ${decision.redirect.location}`);
  else if (Array.isArray(decision.split) && decision.split.length > 1 && isGatewayDecision(decision)) {
    parts.push(decision.split.map((s) => `${backendText({ backend: s.backend })} ${Math.round(Number(s.share) * 100)}%`).join(", "));
  } else if (backendText(decision)) parts.push(backendText(decision));
  else parts.push(decision.status == null ? `(${decision.outcome})` : decision.outcome);
  const asked = request?.path?.replace(/[?#].*$/, "");
  if (decision.upstreamPath && decision.upstreamPath !== asked) parts.push(`(path ${decision.upstreamPath})`);
  return parts.join(" ");
}

/**
 * A changed request as the table shows it: `{request, probes, before, after}` with the answers in
 * words (what a worker posts to the page instead of the decisions: a cluster's thousands of
 * changes would cost the page a long task to receive).
 */
export function tableRow({ request, probes, before, after }) {
  return { request, probes, before: answerText(before, request), after: answerText(after, request) };
}

/** The lines `[file, first, last]` a span covers (file "" for the input), or null. */
export function placeOf(span) {
  const first = span?.start?.line;
  if (!(first > 0)) return null;
  // A range ending at column 1 ends on the line before (as the engine's Span::last_line).
  let last = span.end?.line ?? first;
  if ((span.end?.column ?? 2) <= 1 && last > first) last -= 1;
  return [span.file ?? "", first, Math.max(first, last)];
}

/** The span of the decision's answer: where the winner is written (its own span, else the winning entry's). */
export function answerSpan(decision) {
  if (decision?.span) return decision.span;
  // The winning entry: "won" in an Ingress explanation, "winner" in a Gateway one.
  return (decision?.explanation ?? []).find((e) => (e.verdict === "won" || e.verdict === "winner") && e.span)?.span ?? null;
}

/**
 * A decision as a card: the answer, the facts that explain it, and every candidate in the
 * engine's order, each with a span a button that calls `reveal(span)`.
 */
export function renderSide(decision, { title, testid, reveal, request = null }) {
  const facts = [];
  const fact = (label, value) => value != null && value !== "" && facts.push(h("dt", {}, label), h("dd", {}, String(value)));
  fact("Status", decision.status == null ? "no answer" : decision.status);
  fact("Outcome", decision.outcome);
  if (isGatewayDecision(decision)) {
    fact("Gateway", decision.gateway);
    fact("Listener", decision.listener);
    fact("Route", decision.route ? `${decision.routeKind ?? "HTTPRoute"} ${decision.route}` : null);
    fact("Rule", decision.rule);
    fact("Match", decision.match);
  } else {
    fact("Ingress", decision.ingress);
    fact("Host", decision.host === "" ? "(any host)" : decision.host);
    fact("Path", decision.path != null ? `${decision.path}${decision.pathType ? ` (${decision.pathType})` : ""}` : null);
  }
  fact("Backend", backendText(decision));
  fact("Location", decision.redirect?.location);
  fact("Upstream path", decision.upstreamPath);
  const entries = decision.explanation ?? [];
  const list = h("ol", { class: "mig-explanation" });
  const draw = (slice) => slice.map((entry) => renderEntry(entry, reveal));
  list.append(...draw(entries.slice(0, SHOWN)));
  if (entries.length > SHOWN) {
    const more = h("button", { type: "button", class: "mig-more" }, `Show the other ${entries.length - SHOWN} candidates`);
    const item = h("li", {}, more);
    more.addEventListener("click", () => {
      item.replaceWith(...draw(entries.slice(SHOWN)));
      list.querySelectorAll("button")[SHOWN]?.focus();
    });
    list.append(item);
  }
  return h("section", { class: "mig-side", "data-testid": testid, "data-answer": answerText(decision, request) },
    h("h4", {}, title), h("p", { class: "mig-answer" }, answerText(decision, request)), h("dl", { class: "mig-facts" }, ...facts),
    h("p", { class: "mig-why" }, entries.length ? `Why? Every candidate (${entries.length})` : "Not explained: the run explains its first changes only (a notice says how many). Route this request on the page to see why."), list);
}

function renderEntry(entry, reveal) {
  const place = placeOf(entry.span);
  const label = entryLabel(entry);
  const body = [
    h("span", { class: `mig-verdict verdict-${entry.verdict}` }, entry.verdict),
    label ? h("span", { class: "mig-candidate" }, label) : null,
    h("span", { class: "mig-message" }, entry.message ?? ""),
  ];
  const item = h("li", {
    class: "mig-entry", "data-testid": "migrate-candidate", "data-verdict": entry.verdict,
    "data-file": place ? place[0] : null, "data-lines": place ? `${place[1]}-${place[2]}` : null,
  });
  if (!place) item.append(h("div", { class: "mig-entry-body" }, ...body));
  else {
    const where = place[0] === CONVERTED ? "the converted YAML" : "your YAML";
    const button = h("button", { type: "button", class: "mig-entry-body", title: `Show lines ${place[1]}–${place[2]} in ${where}` }, ...body);
    button.addEventListener("click", () => reveal(entry.span));
    item.append(button);
  }
  return item;
}

/** "web/shop · shop.example.com /api (Prefix)" or "HTTPRoute ns/name · rule 0 · match 1". */
function entryLabel(entry) {
  if (entry.route) {
    return [`${entry.routeKind ?? "HTTPRoute"} ${entry.route}`, entry.rule != null ? `rule ${entry.rule}` : null,
      entry.match != null ? `match ${entry.match}` : null, entry.hostname].filter(Boolean).join(" · ");
  }
  if (entry.ingress) {
    const path = entry.path != null ? `${entry.path}${entry.pathType ? ` (${entry.pathType})` : ""}` : null;
    return [entry.ingress, entry.host || null, path].filter(Boolean).join(" · ");
  }
  return entry.listener ? `listener ${entry.listener}` : "";
}
