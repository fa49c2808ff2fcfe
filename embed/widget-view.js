// Builds the widget's DOM. User text only ever goes in as text (text nodes, attribute values,
// form values): never as HTML.
import { backendLabel } from "./engine.js";
import { truncateLines } from "./permalink.js";

/** `h("div", { class: "x", part: "y" }, "text", child…)`: null/false attributes and children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** The header: title, status (`failed`: an error), "Open in playground" link (its href is filled in later). */
export function header(status, { failed = false } = {}) {
  const link = h("a", { "data-testid": "open-in-playground", part: "playground-link", target: "_blank", rel: "noopener" },
    "Open in playground ↗");
  const statusEl = h("span", {
    class: failed ? "status failed" : "status", "data-testid": "widget-status", "data-failed": failed ? "true" : null,
    role: failed ? "alert" : null, "aria-live": failed ? null : "polite",
  }, status);
  return { el: h("header", { part: "header" }, h("span", { class: "title" }, "Ingress routing"), statusEl, link), link, status: statusEl };
}

/** The placeholder shown until the simulator is ready: the YAML as a code block and the requests. */
export function placeholder(yaml, requests) {
  return h("div", { class: "body" },
    h("pre", { class: "placeholder", part: "placeholder" }, h("code", {}, truncateLines(yaml))),
    requests.length ? h("ul", { class: "facts" }, requests.map((url) => h("li", { class: "mono" }, url))) : null);
}

/**
 * The YAML editor (a textarea), wrapped in a <details> in the compact view. Read-only, it shows
 * over-long lines truncated (nothing can be edited, so nothing is lost; the caller keeps the YAML).
 */
export function yamlEditor(yaml, { readonly, compact }) {
  const lines = yaml.replace(/\n$/, "").split("\n").length;
  const textarea = h("textarea", {
    "data-testid": "yaml-editor", part: "editor", spellcheck: "false", autocomplete: "off", autocapitalize: "off",
    wrap: "off", rows: Math.min(Math.max(lines, 4), compact ? 24 : 32), readonly,
    "aria-label": readonly ? "Ingress YAML (read-only)" : "Ingress YAML",
  });
  textarea.value = readonly ? truncateLines(yaml) : yaml;
  const el = compact
    ? h("details", { class: "yaml", part: "yaml" }, h("summary", {}, `Ingress YAML (${lines} lines)`), textarea)
    : h("div", { class: "yaml", part: "yaml" }, h("span", { class: "label" }, readonly ? "Ingress YAML (read-only)" : "Ingress YAML"), textarea);
  return { el, textarea };
}

/** One request: its URL field, its result and its explanation. */
export function requestView(url, { readonly, compact, index }) {
  const input = h("input", {
    class: "url", part: "request-input", "data-testid": "request-url", type: "url", spellcheck: "false",
    "aria-label": `Request ${index + 1} URL`, readonly,
  });
  input.value = url;
  const result = h("div", { class: "result", part: "result", "data-testid": "result", role: "status", "aria-live": "polite" });
  const explanation = h("ol", { class: "explanation", part: "explanation", "data-testid": "explanation" });
  const why = h("details", { class: "why", part: "why", open: !compact }, h("summary", {}, "Why? Every candidate"), explanation);
  return { el: h("section", { class: "request", part: "request" }, input, result, why), input, result, explanation };
}

/** Fills a result element from a decision (or an error) with the playground's data-* contract. */
export function fillResult(result, decision, error) {
  const data = {
    outcome: decision?.outcome ?? "",
    backend: decision ? backendLabel(decision.backend) : "",
    ingress: decision?.ingress ?? "",
    path: decision?.path ?? "",
    pathType: decision?.pathType ?? "",
  };
  Object.assign(result.dataset, data);
  result.classList.remove("pending");
  if (!decision) {
    result.replaceChildren(h("p", { class: "headline" }, h("span", { class: "kind" }, "Cannot route"), h("span", {}, error)));
    return data;
  }
  const facts = [];
  if (decision.ingress) facts.push(`Ingress ${decision.ingress}`);
  if (decision.outcome === "rule") {
    facts.push(decision.host ? `host ${decision.host}` : "any host");
    facts.push(`${decision.pathType} ${decision.path}`);
  }
  if (decision.matchedAs) facts.push(decision.matchedAs);
  if (decision.upstreamPath) facts.push(`upstream path ${decision.upstreamPath}`);
  if (decision.resolvedPort) facts.push(`port ${decision.resolvedPort.number}`);
  const [kind, main] = headline(decision, data.backend);
  const split = (decision.split ?? []).map((b) => `${b.canary ? "canary" : "main"} ${backendLabel(b.backend)}: ${b.selector}`);
  const ignored = (decision.ignoredAnnotations ?? []).map((a) => a.key);
  result.replaceChildren(...[
    h("p", { class: "headline" }, h("span", { class: "kind" }, kind), h("span", { class: "main" }, main)),
    facts.length ? h("p", { class: "facts" }, facts.join(" · ")) : null,
    split.length ? h("p", { class: "facts" }, `Split: ${split.join("; ")}`) : null,
    decision.tls ? h("p", { class: "facts" }, decision.tls.message) : null,
    ignored.length ? h("p", { class: "facts" }, `Not simulated by the ${decision.profile} profile: ${ignored.join(", ")}`) : null,
    decision.rejected ? h("p", { class: "warning" }, "The answering Ingress would be rejected by the API server (see the problems).") : null,
  ].filter(Boolean));
  return data;
}

/** The headline's two parts: what happened, and where the request went. */
function headline(decision, backend) {
  switch (decision.outcome) {
    case "rule": return ["Routed to", backend];
    case "default-backend": return ["Default backend", backend];
    case "redirect": return ["Redirected", `${decision.redirect?.status ?? ""} → ${decision.redirect?.location ?? ""}`];
    case "config-error": return ["Configuration rejected", "the controller keeps its previous configuration"];
    default: return ["No match", "404 from the controller"];
  }
}

const ORDER = { won: 0, lost: 1, ignored: 2, info: 3 };

/** Fills an explanation list: the winner first, then every loser and why, then notes. */
export function fillExplanation(list, decision) {
  // The TLS step is already in the result, word for word.
  const entries = (decision?.explanation ?? []).filter((e) => !(e.verdict === "info" && e.reason === "tls")).sort((a, b) => (ORDER[a.verdict] ?? 4) - (ORDER[b.verdict] ?? 4));
  list.replaceChildren(...entries.map((entry) => h("li", {
    "data-verdict": entry.verdict, "data-reason": entry.reason, "data-line": entry.span?.start.line,
  }, h("span", { class: "verdict" }, entry.verdict), h("span", { class: "msg" },
    candidate(entry) ? h("span", { class: "candidate" }, candidate(entry)) : null, entry.message))));
}

/** "ns/name · host /path (Prefix) → svc:80": which path or default backend an entry is about. */
function candidate(entry) {
  if (!entry.ingress || (!entry.path && !entry.backend)) return "";
  const where = entry.path ? `${entry.host || "any host"} ${entry.path} (${entry.pathType})` : "defaultBackend";
  const to = entry.backend ? ` → ${backendLabel(entry.backend)}` : "";
  return `${entry.ingress} · ${where}${to}`;
}

/** Fills the problems list (errors, then warnings), each item with its data-line. */
export function fillProblems(list, problems) {
  list.replaceChildren(...problems.map((p) => h("li", {
    "data-severity": p.severity, "data-line": p.line, "data-code": p.code, title: p.line ? "Show in the YAML" : null,
  }, p.line ? h("span", { class: "where" }, `${p.line}:${p.column ?? 1}`) : null, p.message)));
  list.hidden = problems.length === 0;
}
