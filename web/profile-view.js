// A controller profile's answer, asked of the JS API package and drawn where the page draws a
// spec decision: the result card, the explanation and the Problems list. The page's own wasm is
// built without the controller profiles; before this module it read the package's plain objects
// back into the engine's types to draw them with its own components, and those readers were
// ~14 KB gz of every first visit (docs/performance.md, "The first visit under 250 KB"). Now the
// page imports this module the first time a controller profile (or Compare controllers) is used,
// hands it the manifest, the request and the table's rows, and gets back only what its own parts
// need in a flat value (editor marks, class menu, the table's rows, the footer's timing).
//
// The module holds the page's one `Simulation` of the package (a manifest read once, each profile
// compiled once; an edit re-reads only the edited document). No routing here: every word drawn is
// the engine's, laid out as web/src/components/{result_panel,explanation,diagnostics}.rs lay out
// a spec decision, with the same classes and test hooks (README, "Test hooks"). User text goes in
// as text only (`h`).
import { backendLabel, loadEngine } from "./engine.js";
import { h } from "./widget-view.js";

/** The held `Simulation`, once made. */
let held = null;
/** Whether each explanation group is open (kept across answers, as the page keeps its own). */
const open = { steps: true, "same-host": true, elsewhere: false };
/** Entries drawn per explanation group, problems drawn at most (as the page's components). */
const SHOWN_PER_GROUP = 200;
const PROBLEMS_SHOWN = 500;

/**
 * The held `Simulation`, updated to `yaml` (UTF-8 bytes) when the page sends one: the page sends
 * the text only when it changed, so a request edit reads nothing. Sets the `performance` mark
 * `yaml-read` for each reading (the tests count them).
 */
async function simulation(yaml) {
  const api = await loadEngine();
  if (yaml) {
    performance.mark("yaml-read");
    if (held) held.update(yaml);
    else held = new api.Simulation(yaml);
  }
  if (!held) throw new Error("no manifest was given");
  return held;
}

/**
 * `query` under its controller profile: `{yaml?, request?, requestError?, options, cases?,
 * listUncovered?, title}` (`title`: the profile's name with its release, as the page's menu
 * shows it). Draws the decision and its explanation into `slots.output` and the problems into
 * `slots.problems`; `ask` is the page's function (`["reveal", line]`, `["profile", name]`).
 * Returns what the page shows of it in its own parts (see `flat`). `performance` measures
 * `engine-update` (the text handed over, the package's work) and `engine-build` when the YAML was
 * read again.
 */
export async function answer(query, slots, ask) {
  performance.mark("engine-update-start");
  const start = performance.now();
  const sim = await simulation(query.yaml);
  const buildMs = query.yaml ? performance.now() - start : -1;
  if (query.yaml) performance.measure("engine-build", "engine-update-start");
  const refreshed = sim.refresh({
    options: query.options, request: query.request ?? null,
    cases: query.cases ?? null, listUncovered: query.listUncovered ?? null,
  });
  performance.measure("engine-update", "engine-update-start");
  const totalMs = performance.now() - start;
  // Drawing is measured apart (`profile-draw`): it follows the engine's work in the same task.
  performance.mark("profile-draw-start");
  const reveal = (line) => ask(new CustomEvent("reveal", { detail: ["reveal", String(line)] }));
  const problems = [...refreshed.validation.errors, ...refreshed.validation.warnings, ...refreshed.validation.notices];
  slots.output.replaceChildren(
    resultCard(refreshed.decision, query.requestError, query.title, reveal),
    explanation(refreshed.decision, reveal),
  );
  slots.problems.replaceChildren(problemsList(problems, reveal, (name) => ask(new CustomEvent("profile", { detail: ["profile", name] }))));
  performance.measure("profile-draw", "profile-draw-start");
  return flat(refreshed, problems, buildMs, totalMs);
}

/**
 * Every profile's decision for one request, without explanations: `{yaml?, request, options}`
 * answered by the held `Simulation`'s `compare` (Compare controllers, web/compare-table.js).
 */
export async function compare(query) {
  return (await simulation(query.yaml)).compare(query.request, query.options);
}

/**
 * What the page's own parts show of an answer, as plain arrays and strings (web/src/
 * controllers.rs reads these few members): the winner's first and last line, the lines with an
 * error or a warning (sorted, distinct), the classes, the decision's outcome and backend (for
 * *Add the current request*), each case's pass and actual answer in table order, the counts
 * `[passed, failed, coverable, unlisted]`, the uncovered paths as text with their lines, and
 * `[totalMs, buildMs]` (`buildMs` −1 when the YAML was not read).
 */
function flat({ decision, report, classes }, problems, buildMs, totalMs) {
  const lines = (severity) => [...new Set(problems.filter((d) => d.severity === severity && d.line).map((d) => d.line))].sort((a, b) => a - b);
  const span = decision?.span;
  return {
    winner: span ? [span.start.line, lastLine(span)] : [],
    errors: lines("error"),
    warnings: lines("warning"),
    classes: [...classes.names].sort(),
    defaultClass: classes.default ?? undefined,
    current: decision ? [decision.outcome, backendLabel(decision.backend)] : [],
    passed: (report?.results ?? []).map((r) => (r.passed ? 1 : 0)),
    actual: (report?.results ?? []).map((r) => r.actual),
    counts: report ? [report.passed, report.failed, report.coverable, report.unlisted] : [0, 0, 0, 0],
    uncovered: (report?.uncovered ?? []).map(uncoveredText),
    uncoveredLines: (report?.uncovered ?? []).map((u) => u.span.start.line),
    timing: [totalMs, buildMs],
  };
}

/** A span's last line: its end, unless it ends at the start of a line (the engine's `last_line`). */
function lastLine(span) {
  return span.end.column <= 1 && span.end.line > span.start.line ? span.end.line - 1 : Math.max(span.end.line, span.start.line);
}

/** An uncovered path as the tests table lists it: `ingress · host path (type) → backend`. */
function uncoveredText(u) {
  const what = u.host != null && u.path != null && u.pathType != null
    ? `${u.host === "" ? "any host" : u.host} ${u.path} (${u.pathType})` : "defaultBackend";
  return `${u.ingress} · ${what} → ${u.backend}`;
}

/** A "line N" button that shows that line in the editor (the page's `LineLink`). */
function lineLink(line, reveal) {
  const button = h("button", { type: "button", class: "line-link", title: "Show this line in the editor" }, `line ${line}`);
  button.addEventListener("click", () => reveal(line));
  return button;
}

/** The headline's two parts for a decision (the page's `result_panel.rs`, `headline`). */
function headline(d) {
  switch (d.outcome) {
    case "rule": return ["Routed to", backendLabel(d.backend)];
    case "default-backend": return ["Default backend", backendLabel(d.backend)];
    case "no-match": return ["No match", "404 from the controller"];
    case "redirect": return ["Redirected", d.redirect ? `${d.redirect.status} → ${d.redirect.location}` : ""];
    case "config-error": return ["Configuration rejected", "the controller keeps its previous configuration"];
    default: return ["Answered by the controller", d.status == null ? "connection closed, no HTTP answer" : `${d.status}, no backend reached`];
  }
}

/** The result card: outcome, backend and the facts of the decision, with its `data-*` hooks. */
function resultCard(d, requestError, title, reveal) {
  const outcome = d?.outcome ?? "";
  const card = h("section", {
    class: `result outcome-${outcome || "error"}`, "data-testid": "result", "data-outcome": outcome,
    "data-backend": d ? backendLabel(d.backend) : "", "data-ingress": d?.ingress ?? "", "data-path": d?.path ?? "",
    "data-path-type": d?.pathType ?? "", "aria-live": "polite", "aria-label": "Decision",
  });
  if (requestError != null) {
    card.append(h("p", { class: "result-headline" }, h("span", { class: "result-kind" }, "Cannot read the request"),
      h("span", { class: "result-main" }, requestError)));
  } else if (d) {
    const [kind, main] = headline(d);
    card.append(h("p", { class: "result-headline" }, h("span", { class: "result-kind" }, kind), h("span", { class: "result-main" }, main)));
    if (d.rejected) {
      card.append(h("p", { class: "result-warning" }, "The answering Ingress would be rejected by the API server (see the problems list): this shows what it would do if it were admitted."));
    }
    card.append(facts(d, title, reveal));
  }
  return card;
}

/** The decision's facts (the page's `result_panel.rs`, `details`). */
function facts(d, title, reveal) {
  const rows = [];
  const row = (term, ...value) => rows.push(h("dt", {}, term), h("dd", {}, ...value));
  rows.push(h("dt", {}, "Status"), h("dd", { "data-testid": "result-status", "data-status": d.status ?? "" },
    d.status == null ? "none (previous configuration served)" : String(d.status)));
  row("Ingress", d.ingress ?? "none", " ", d.span ? lineLink(d.span.start.line, reveal) : null);
  let rule = "none";
  if (d.rule != null && d.host != null) rule = d.host === "" ? `rules[${d.rule}], no host (every host)` : `rules[${d.rule}], host ${d.host}`;
  else if (d.outcome === "default-backend") rule = "spec.defaultBackend";
  row("Rule", rule);
  row("Path", d.path != null && d.pathType != null && d.pathIndex != null ? `${d.path} (${d.pathType}, paths[${d.pathIndex}])` : "none");
  if (d.matchedAs != null) row("Matched as", h("code", {}, d.matchedAs));
  if (d.redirect) row("Redirect", `${d.redirect.status} → `, h("code", {}, d.redirect.location));
  if (d.upstreamPath != null) row("Upstream path", h("code", {}, d.upstreamPath));
  if (d.split?.length) {
    row("Split", h("ul", { class: "split" }, d.split.map((b) => h("li", { "data-canary": String(b.canary), "data-taken": String(b.taken) },
      h("strong", {}, backendLabel(b.backend)),
      ` (${b.canary ? "canary" : "main"}, ${b.ingress}${b.taken ? ", this request" : ""})`,
      h("span", { class: "muted" }, `: ${b.selector}`)))));
  }
  row("Certificate", d.tls ? certificate(d.tls) : h("span", { class: "muted" }, "no TLS (http://)"));
  if (d.ignoredAnnotations?.length) {
    row("Not simulated", h("span", { class: "muted", title: "Annotations of the Ingresses involved that this profile does not simulate" },
      d.ignoredAnnotations.map((a) => a.key).join(", ")));
  }
  row("Simulated", h("span", { class: "muted" }, `${d.class == null ? "every IngressClass" : `class ${d.class}`}, profile ${title}`));
  return h("dl", { class: "decision-facts" }, rows);
}

/** Which certificate answers, for the SNI name. */
function certificate(tls) {
  let name = "the controller's default certificate";
  if (tls.secretName != null) name = tls.ingress != null ? `Secret ${tls.secretName} (from ${tls.ingress})` : `Secret ${tls.secretName}`;
  else if (!tls.defaultCertificate) name = "the backend's own (TLS passed through)";
  return [h("strong", {}, name), h("span", { class: "muted" }, ` for SNI ${tls.sni}`)];
}

/** The reasons whose candidates are listed under "Other hosts, other classes, ignored paths". */
const ELSEWHERE = new Set(["wrong-host", "wildcard-depth", "wildcard-needs-label", "less-specific-host", "other-class", "invalid-path"]);

/** The group an explanation entry is listed in (the page's `explanation.rs`, `group_of`). */
function groupOf(entry) {
  if (entry.verdict === "won") return "winner";
  if (entry.verdict === "info") return "steps";
  if (entry.verdict === "ignored" || ELSEWHERE.has(entry.reason)) return "elsewhere";
  return "same-host";
}

/** One entry: its verdict, the candidate (Ingress, host, path, backend), the message, its line. */
function entryItem(entry, reveal) {
  const verdict = entry.verdict === "info" ? "note" : entry.verdict;
  const candidate = [];
  if (entry.ingress != null) candidate.push(entry.ingress);
  if (entry.path != null && entry.pathType != null) candidate.push(`${entry.host || "any host"} ${entry.path} (${entry.pathType})`);
  if (entry.backend) candidate.push(`→ ${backendLabel(entry.backend)}`);
  return h("li", { class: `entry verdict-${verdict}` },
    entry.verdict === "info" ? null : h("span", { class: "verdict" }, verdict),
    h("span", { class: "entry-text" },
      candidate.length ? h("span", { class: "candidate" }, candidate.join(" · ")) : null,
      h("span", { class: "message" }, entry.message)),
    entry.span ? lineLink(entry.span.start.line, reveal) : null);
}

/** Why: the winner, then the collapsible groups (entries drawn only while a group is open). */
function explanation(d, reveal) {
  if (!d) return h("section", { class: "explanation", "data-testid": "explanation", "aria-label": "Why" });
  const byGroup = { winner: [], steps: [], "same-host": [], elsewhere: [] };
  for (const entry of d.explanation) byGroup[groupOf(entry)].push(entry);
  const group = (name, title) => {
    const members = byGroup[name];
    if (!members.length) return null;
    const list = h("ul", { class: "entries" });
    const fill = () => list.replaceChildren(...members.slice(0, SHOWN_PER_GROUP).map((e) => entryItem(e, reveal)),
      ...(members.length > SHOWN_PER_GROUP ? [h("li", { class: "entry more" }, `… and ${members.length - SHOWN_PER_GROUP} more`)] : []));
    const details = h("details", { open: open[name], "data-group": name }, h("summary", {}, `${title} (${members.length})`), list);
    if (open[name]) fill();
    details.addEventListener("toggle", () => {
      open[name] = details.open;
      if (details.open) fill();
      else list.replaceChildren();
    });
    return details;
  };
  return h("section", { class: "explanation", "data-testid": "explanation", "aria-labelledby": "why-heading" },
    h("h2", { id: "why-heading" }, "Why"),
    h("ul", { class: "entries winner" }, byGroup.winner.map((e) => entryItem(e, reveal))),
    group("steps", "How it was decided"),
    group("same-host", "Other candidates for this host"),
    group("elsewhere", "Other hosts, other classes, ignored paths"));
}

/** The Problems list, errors first (`problems` comes so ordered), as the page's `diagnostics.rs`. */
function problemsList(problems, reveal, useProfile) {
  const count = (severity) => problems.filter((d) => d.severity === severity).length;
  const [errors, warnings] = [count("error"), count("warning")];
  let summary = `${errors} error(s), ${warnings} warning(s), ${problems.length - errors - warnings} notice(s)`;
  if (problems.some((d) => d.code === "no-ingress")) summary = "No Ingress in the input";
  else if (!problems.length) summary = "No problems: the API server would accept every object.";
  const item = (d) => {
    const button = d.suggestedProfile ? h("button", { type: "button", class: "use-profile", "data-testid": "use-profile", "data-profile": d.suggestedProfile },
      `Use the ${d.suggestedProfile} profile`) : null;
    button?.addEventListener("click", () => useProfile(d.suggestedProfile));
    return h("li", { class: `diagnostic ${d.severity}`, "data-severity": d.severity, "data-line": d.line ?? null },
      h("span", { class: "severity" }, d.severity), h("span", { class: "message" }, d.message),
      d.object != null ? h("span", { class: "object" }, d.object) : null,
      d.line ? lineLink(d.line, reveal) : null, button);
  };
  return h("section", { class: "diagnostics", "aria-labelledby": "problems-heading", "data-analysed": "true" },
    h("h2", { id: "problems-heading" }, "Problems", h("span", { class: "summary" }, summary)),
    h("ul", { "data-testid": "validation-errors", class: "diagnostic-list" },
      problems.slice(0, PROBLEMS_SHOWN).map(item),
      problems.length > PROBLEMS_SHOWN ? h("li", { class: "diagnostic more" }, `… and ${problems.length - PROBLEMS_SHOWN} more`) : null));
}
