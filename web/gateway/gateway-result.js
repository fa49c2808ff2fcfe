// A Gateway API decision drawn as DOM (README, "The playground" and "Embedding in docs pages"):
// the result card (status and outcome, Gateway, listener, route, rule, match, backend, split,
// redirect, what the filters make of the request), the explanation (every candidate with its
// verdict and reason, each a button that reveals its lines) and the route/Gateway status
// diagnostics. Shared by the playground's Gateway view (gateway.js) and the docs widget
// (embed/ingress-playground.js), so both show the same thing.
//
// It only prints what the engine answered (the JS API's decision object, the CLI's `route --json`
// shape for Gateway input): no routing here. User text only ever goes into the DOM as text.

/** Whether a JS API decision is a Gateway API one (an Ingress decision has no `listener` key). */
export function isGatewayDecision(decision) {
  return decision != null && typeof decision === "object" && "listener" in decision && "gateway" in decision;
}

/** `namespace/name:port` of a Gateway decision's backend (`{service: {name, namespace, port}}`), or "". */
export function backendLabel(backend) {
  const service = backend?.service;
  if (!service) return "";
  const port = service.port && ("number" in service.port ? service.port.number : service.port.name);
  return `${service.namespace ? `${service.namespace}/` : ""}${service.name}${port != null ? `:${port}` : ""}`;
}

/** The headline's words per outcome (gw-design.md's `outcome`). */
const HEADLINES = {
  rule: "Routed to",
  redirect: "Redirected",
  "no-match": "No match",
  misdirected: "Misdirected request",
  "backend-error": "Backend error",
  "no-listener": "No listener",
  "cors-preflight": "CORS preflight answered",
};

/**
 * The decision's card, explanation and problems in one element.
 * `options.reveal(line, end)`: called when a candidate or a problem is clicked (absent: the
 * entries are not buttons). `options.compact`: the explanation starts closed. `options.problems`:
 * the diagnostics to list (default: the decision's own, its route and Gateway status; null: none,
 * the caller adds `renderProblems` later).
 */
export function renderDecision(decision, { reveal = null, compact = false, problems = decision.diagnostics ?? [] } = {}) {
  const explanation = renderExplanation(decision.explanation ?? [], reveal, decision.listener);
  const why = h("details", { class: "gw-why", open: !compact },
    h("summary", {}, `Why? Every candidate (${(decision.explanation ?? []).length})`), explanation);
  return h("div", { class: "gw" }, renderCard(decision), why, problems ? renderProblems(problems, reveal) : null);
}

/** A "Problems (n)" heading (hidden when there are none) and the list. */
export function renderProblems(problems, reveal) {
  const heading = h("h3", { class: "gw-problems-heading", hidden: problems.length ? null : true }, `Problems (${problems.length})`);
  return h("div", { class: "gw-problems" }, heading, renderDiagnostics(problems, reveal));
}

/** The result card: `data-testid="gateway-result"` with the decision's data-* contract (README, "Test hooks"). */
export function renderCard(decision) {
  const backend = backendLabel(decision.backend);
  const card = h("section", {
    class: `gw-result outcome-${decision.outcome}`, "data-testid": "gateway-result", role: "status",
    "data-outcome": decision.outcome, "data-status": decision.status ?? "", "data-gateway": decision.gateway ?? "",
    "data-listener": decision.listener ?? "", "data-route": decision.route ?? "", "data-rule": decision.rule ?? "",
    "data-match": decision.match ?? "", "data-backend": backend,
  });
  const main = decision.outcome === "redirect" ? decision.redirect?.location ?? "" : backend || statusWords(decision);
  card.append(h("p", { class: "gw-headline" },
    h("span", { class: "gw-kind" }, HEADLINES[decision.outcome] ?? decision.outcome),
    h("span", { class: "gw-status", "data-testid": "gateway-status", "data-status": decision.status ?? "" },
      decision.status == null ? "no answer" : `HTTP ${decision.status}`),
    main ? h("span", { class: "gw-main" }, main) : null));

  const facts = [];
  const fact = (label, value, testid) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    facts.push(h("dt", {}, label), h("dd", testid ? { "data-testid": testid } : {}, value));
  };
  fact("Gateway", decision.gateway, "gateway-fact-gateway");
  fact("Listener", decision.listener, "gateway-fact-listener");
  fact("Route", decision.route ? `${decision.routeKind ?? "HTTPRoute"} ${decision.route}` : null, "gateway-fact-route");
  fact("Rule", decision.rule == null ? null : `${decision.rule}${decision.ruleName ? ` (${decision.ruleName})` : ""}`, "gateway-fact-rule");
  fact("Match", decision.match == null ? (decision.rule == null ? null : "none written (PathPrefix /)") : String(decision.match), "gateway-fact-match");
  if (decision.outcome !== "redirect") fact("Backend", backend, "gateway-fact-backend");
  fact("Split", (decision.split ?? []).length > 1 ? splitList(decision.split) : null, "gateway-split");
  fact("Location", decision.redirect ? `${decision.redirect.status} → ${decision.redirect.location}` : null, "gateway-redirect");
  fact("Upstream path", decision.upstreamPath, "gateway-upstream-path");
  fact("Upstream host", decision.upstreamHost, "gateway-upstream-host");
  fact("Upstream headers", headerList(decision.upstreamHeaders), "gateway-upstream-headers");
  fact("Response headers", headerList(decision.responseHeaders), "gateway-response-headers");
  fact("Mirrored to", (decision.mirrors ?? []).map(mirrorLabel).join(", "), "gateway-mirrors");
  fact("Implementation", decision.profile ? `${decision.profile}${decision.profileVersion ? ` ${decision.profileVersion}` : ""}` : null, "gateway-fact-implementation");
  if (facts.length) card.append(h("dl", { class: "gw-facts" }, ...facts));
  return card;
}

/** What the client gets when no backend is named. */
function statusWords(decision) {
  if (decision.status == null) return "nothing answers on this port";
  return decision.outcome === "rule" ? "" : `the Gateway answers ${decision.status}`;
}

function splitList(split) {
  return h("ul", { class: "gw-split" }, ...split.map((share) => h("li", {
    "data-backend": backendLabel(share.backend), "data-share": share.share, "data-status": share.status ?? "",
  }, `${backendLabel(share.backend) || "(invalid backendRef)"}: weight ${share.weight} = ${percent(share.share)}${share.status && share.status !== 200 ? ` (HTTP ${share.status})` : ""}`)));
}

function percent(share) {
  const value = Math.round(Number(share) * 1000) / 10;
  return `${Number.isFinite(value) ? value : "?"} %`;
}

function mirrorLabel(mirror) {
  return backendLabel(mirror?.backend ?? mirror) || JSON.stringify(mirror);
}

/** `[[name, value]…]` as one line each, or null when there are none. */
function headerList(pairs) {
  if (!Array.isArray(pairs) || !pairs.length) return null;
  return h("ul", { class: "gw-headers" }, ...pairs.map(([name, value]) => h("li", {}, `${name}: ${value}`)));
}

/**
 * The explanation in the engine's order (the listener first, then every candidate match on every
 * attached route): `data-testid="gateway-candidate"` with `data-verdict`, `data-reason` and
 * `data-lines` (FIRST-LAST of its span). With `reveal`, each is a button marking its lines.
 */
export function renderExplanation(entries, reveal, listener = null, { shown = SHOWN } = {}) {
  const list = h("ol", { class: "gw-explanation", "data-testid": "gateway-explanation" });
  list.append(...entries.slice(0, shown).map((entry) => renderEntry(entry, reveal, listener)));
  // A cluster's worth of routes judges thousands of candidates: the rest are drawn when asked for.
  if (entries.length > shown) {
    const more = h("button", { type: "button", class: "gw-more", "data-testid": "gateway-more" }, `Show the other ${entries.length - shown} candidates`);
    const item = h("li", { class: "gw-more-item" }, more);
    more.addEventListener("click", () => {
      item.replaceWith(...entries.slice(shown).map((entry) => renderEntry(entry, reveal, listener)));
      list.querySelectorAll("button.gw-reveal")[shown]?.focus();
    });
    list.append(item);
  }
  return list;
}

/** How many candidates are drawn at first (each is a few DOM nodes; 1,500 take ~0.2 s to lay out). */
const SHOWN = 200;

function renderEntry(entry, reveal, listener) {
  const lines = linesOf(entry.span);
  const body = [
    h("span", { class: "gw-verdict" }, entry.verdict),
    h("span", { class: "gw-reason" }, entry.reason),
    candidateLabel(entry, listener) ? h("span", { class: "gw-candidate" }, candidateLabel(entry, listener)) : null,
    h("span", { class: "gw-message" }, entry.message),
  ];
  const item = h("li", {
    class: `gw-entry verdict-${entry.verdict}`, "data-testid": "gateway-candidate", "data-verdict": entry.verdict,
    "data-reason": entry.reason, "data-lines": lines ? `${lines[0]}-${lines[1]}` : null,
  });
  item.append(reveal && lines ? button(body, () => reveal(lines[0], lines[1]), `Show lines ${lines[0]}–${lines[1]} in the YAML`) : h("div", {}, ...body));
  return item;
}

/** "HTTPRoute ns/name · rule 0 (name) · match 1 · host" for an entry about a route (and its
 * listener when it is not the decision's); "" otherwise. */
function candidateLabel(entry, listener) {
  if (!entry.route) return entry.listener ? `listener ${entry.listener}` : "";
  const parts = [`${entry.routeKind ?? "HTTPRoute"} ${entry.route}`];
  if (entry.rule != null) parts.push(`rule ${entry.rule}${entry.ruleName ? ` (${entry.ruleName})` : ""}`);
  if (entry.match != null) parts.push(`match ${entry.match}`);
  if (entry.hostname) parts.push(entry.hostname);
  if (entry.listener && entry.listener !== listener) parts.push(`listener ${entry.listener}`);
  return parts.join(" · ");
}

/** Route and Gateway status, and the input's other problems: `gateway-diagnostic` items. */
export function renderDiagnostics(diagnostics, reveal) {
  const list = h("ul", { class: "gw-diagnostics", "data-testid": "gateway-diagnostics", hidden: diagnostics.length ? null : true });
  for (const d of diagnostics) {
    const line = d.line ?? d.span?.start?.line;
    const body = [
      line ? h("span", { class: "gw-where" }, `${line}:${d.column ?? d.span?.start?.column ?? 1}`) : null,
      h("span", { class: "gw-severity" }, d.severity),
      h("span", { class: "gw-message" }, d.message),
    ];
    const item = h("li", { class: `gw-diagnostic severity-${d.severity}`, "data-testid": "gateway-diagnostic", "data-severity": d.severity, "data-code": d.code, "data-line": line ?? null });
    const end = d.endLine ?? d.span?.end?.line ?? line;
    item.append(reveal && line ? button(body, () => reveal(line, end), `Show line ${line} in the YAML`) : h("div", {}, ...body));
    list.append(item);
  }
  return list;
}

/** [first, last] line of a span, or null. */
function linesOf(span) {
  const first = span?.start?.line;
  if (!(first > 0)) return null;
  return [first, Math.max(first, span.end?.line ?? first)];
}

function button(children, onClick, title) {
  const b = h("button", { type: "button", class: "gw-reveal", title }, ...children);
  b.addEventListener("click", onClick);
  return b;
}

/** `h("div", { class: "x" }, "text", child…)`: null attributes and children skipped; text as text nodes. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/**
 * The view's looks, as a constructed stylesheet (the CSP allows no inline styles; a docs page's
 * widget has its own shadow root): `adoptStyles(document)` or `adoptStyles(shadowRoot)`. Colours
 * come from the widget's `--ip-*` properties where set, else the playground's.
 */
export function adoptStyles(root) {
  if (!("adoptedStyleSheets" in root) || typeof CSSStyleSheet.prototype.replaceSync !== "function") return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

let sheet = null;

export const STYLES = `
.gw { --gw-ok: var(--ip-ok, var(--win-strong, #1f7a3a)); --gw-ok-bg: var(--win, transparent);
  --gw-err: var(--ip-err, var(--error, #c62828)); --gw-err-bg: var(--error-bg, transparent);
  --gw-warn: var(--ip-warn, var(--warning, #8a5d00)); --gw-warn-bg: var(--warning-bg, transparent);
  --gw-border: var(--ip-border, var(--border, #d6dae0)); --gw-muted: var(--ip-muted, var(--muted, #5b6470));
  --gw-mono: var(--ip-mono, var(--mono, monospace)); --gw-accent: var(--ip-accent, var(--accent, #2557d6)); }
.gw-result { border: 2px solid var(--gw-border); border-radius: 8px; padding: .6rem .8rem; margin-bottom: .6rem; }
.gw-result.outcome-rule, .gw-result.outcome-cors-preflight { border-color: var(--gw-ok); background: var(--gw-ok-bg); }
.gw-result.outcome-redirect { border-color: var(--gw-warn); background: var(--gw-warn-bg); }
.gw-result.outcome-no-match, .gw-result.outcome-misdirected, .gw-result.outcome-backend-error, .gw-result.outcome-no-listener { border-color: var(--gw-err); background: var(--gw-err-bg); }
.gw-headline { margin: 0 0 .4rem; display: flex; flex-wrap: wrap; gap: .2rem .7rem; align-items: baseline; }
.gw-kind { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; font-weight: 700; color: var(--gw-muted); }
.gw-status { font: 700 12px var(--gw-mono); border: 1px solid currentColor; border-radius: 4px; padding: 0 .3rem; }
.gw-main { font: 700 1.2rem/1.2 var(--gw-mono); overflow-wrap: anywhere; }
.gw-facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem .8rem; margin: 0; }
.gw-facts dt { color: var(--gw-muted); }
.gw-facts dd { margin: 0; font-family: var(--gw-mono); font-size: 13px; overflow-wrap: anywhere; }
.gw-facts ul { margin: 0; padding-left: 1rem; }
.gw-why summary { cursor: pointer; font-weight: 600; padding: .2rem 0; }
.gw-explanation, .gw-diagnostics { list-style: none; margin: .3rem 0; padding: 0; display: grid; gap: .3rem; }
.gw-reveal, .gw-explanation li > div, .gw-diagnostics li > div { display: block; width: 100%; text-align: left; font: inherit; color: inherit;
  background: none; border: 1px solid var(--gw-border); border-radius: 6px; padding: .3rem .5rem; cursor: pointer; }
.gw-more { font: inherit; color: var(--gw-accent); background: none; border: 1px dashed var(--gw-border); border-radius: 6px; padding: .3rem .5rem; cursor: pointer; width: 100%; text-align: left; }
.gw-reveal:focus-visible, .gw-more:focus-visible { outline: 3px solid var(--focus, var(--gw-accent)); outline-offset: 1px; }
.gw-entry.verdict-winner .gw-reveal, .gw-entry.verdict-winner > div { border-color: var(--gw-ok); background: var(--gw-ok-bg); }
.gw-verdict, .gw-severity { display: inline-block; font: 700 11px var(--gw-mono); text-transform: uppercase; margin-right: .4rem; }
.verdict-winner .gw-verdict { color: var(--gw-ok); }
.verdict-lost .gw-verdict, .severity-warning .gw-severity { color: var(--gw-warn); }
.verdict-skipped .gw-verdict, .verdict-info .gw-verdict, .gw-reason, .gw-where { color: var(--gw-muted); }
.severity-error .gw-severity { color: var(--gw-err); }
.gw-reason, .gw-where { font: 11px var(--gw-mono); margin-right: .4rem; }
ol.explanation li.gw-entry { display: block; } /* the widget's list lays its own entries out in a grid */
.gw-candidate { display: block; font: 600 12.5px var(--gw-mono); overflow-wrap: anywhere; }
.gw-message { overflow-wrap: anywhere; }
.gw-view { margin-bottom: .75rem; }
.gw-view[hidden] { display: none; }
.gw-controls { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: end; margin-bottom: .5rem; }
.gw-controls label { display: grid; gap: .15rem; font-size: 12.5px; color: var(--gw-muted); }
.gw-controls label[hidden] { display: none; }
.gw-note { margin: 0 0 .5rem; color: var(--gw-muted); }
.gw-error { color: var(--gw-err); margin: 0 0 .5rem; }
.app[data-gateway="on"] [data-testid="result"], .app[data-gateway="on"] [data-testid="explanation"],
.app[data-gateway="on"] [data-testid="compare-view"], .app[data-gateway="on"] .diagnostics { display: none; }
.gw-title { font-size: 1rem; margin: 0; align-self: center; }
.gw-tests h3, .gw-problems-heading { font-size: 1rem; margin: .6rem 0 .2rem; }
.gw-test-list { margin: 0; padding-left: 1.4rem; display: grid; gap: .15rem; font-size: 13px; }
.gw-test-verdict { font: 700 11px var(--gw-mono); text-transform: uppercase; margin-right: .4rem; }
.gw-test-verdict.pass { color: var(--gw-ok); }
.gw-test-verdict.fail { color: var(--gw-err); }
.gw-test-detail { display: block; font: 12px var(--gw-mono); color: var(--gw-muted); overflow-wrap: anywhere; }
.app[data-gateway="on"] .tests { display: none; }
.gw-problems-heading { font-size: 1rem; margin: .6rem 0 .2rem; }
`;
