// "Compare controllers": the table of every profile's answer. The playground imports this module
// the first time the panel shows a comparison (web/src/components/compare_panel.rs), so the
// table's code stays off the first visit (docs/performance.md, "Under the target again").
// It only lays out what the JS API's `compare` decided: each profile's answer is its group's.
// User text only ever goes in as text (the widget's `h`).
import { backendLabel, loadEngine } from "./engine.js";
import { h } from "./widget-view.js";

/**
 * The table of `comparison` (a `Comparison` of the JS API), the `current` profile's row marked.
 * A row's button carries `data-choose` (the profile's name); the panel listens for its clicks.
 * Test hooks (README): each row's `data-profile`, `data-outcome`, `data-backend`, class `differs`.
 */
export async function compareTable(comparison, current) {
  const descriptions = new Map((await loadEngine()).profiles().map((p) => [p.name, p.description]));
  const answers = new Map(comparison.groups.flatMap((group) => group.profiles.map((profile) => [profile, group.answer])));
  const majority = comparison.groups[0]?.answer ?? "";
  const rows = comparison.decisions.map((decision) =>
    row(decision, answers.get(decision.profile) ?? "", majority, decision.profile === current, descriptions));
  return h("table", { class: "compare-table" },
    h("thead", {}, h("tr", {}, ...["Profile", "Answer", "Matched as"].map((title) => h("th", { scope: "col" }, title)))),
    h("tbody", {}, ...rows));
}

function row(decision, answer, majority, current, descriptions) {
  const name = decision.profile;
  const differs = answer !== majority;
  const classes = [differs && "differs", current && "current"].filter(Boolean).join(" ");
  const choose = h("button", {
    type: "button", class: "link", "data-choose": name, "aria-pressed": String(current),
    title: `Show the ${name} decision: ${descriptions.get(name) ?? ""}`,
  }, name);
  return h("tr", {
    class: classes || null, "data-profile": name, "data-outcome": decision.outcome, "data-backend": backendLabel(decision.backend),
  },
  h("th", { scope: "row" }, choose),
  h("td", {}, answer, differs && h("span", { class: "badge" }, "differs")),
  h("td", { class: "muted" }, matchedAs(decision)));
}

/** The rule text a controller matched (`matchedAs`), else `path (pathType)`. */
function matchedAs(decision) {
  if (decision.matchedAs) return decision.matchedAs;
  return decision.path != null && decision.pathType ? `${decision.path} (${decision.pathType})` : "";
}
