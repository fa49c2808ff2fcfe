// "Compare controllers": the request routed under every profile side by side, the profiles that
// disagree with the majority marked. The page draws only the closed disclosure (web/src/
// components/teach_panel.rs, `compare_slot`) and imports this module when it is first opened, so
// the panel's code stays off the first visit (docs/performance.md). The comparison itself comes
// from the page (`ask(["compare"])`): the JS API package's `compare`, asked of the one
// `Simulation` the page holds for the manifest on screen (web/src/controllers.rs), so an open
// panel reads no YAML of its own. This module only lays out what the engine decided: each
// profile's answer is its group's. User text only ever goes in as text (the widget's `h`).
// Test hooks (README): the panel's `data-agree` ("true"/"false" once compared) and `aria-busy`
// while a comparison is computed; each row's `data-profile`, `data-outcome`, `data-backend`,
// class `differs`.
import { backendLabel, loadEngine } from "./engine.js";
import { h } from "./widget-view.js";
import { decodeSnapshot } from "./permalink.js";

const QUESTION = "How would ingress-nginx, GKE, AWS ALB, Traefik and Contour route this request?";
/** The differences that change where a request lands (the summary names these). */
const LANDING = ["outcome", "backend", "redirect", "upstreamPath"];

const panels = new WeakMap();

/**
 * Opens or closes the panel `details` (called on each of its toggles); `ask` is the page's
 * function. While open it follows the page: each time the page settles on another request,
 * manifest, class or profile, the comparison is asked again.
 */
export function panel(details, ask) {
  let state = panels.get(details);
  if (!state) {
    state = { ticket: 0, given: null, table: null };
    panels.set(details, state);
    details.addEventListener("click", (e) => {
      const name = e.target.closest?.("[data-choose]")?.dataset.choose;
      if (name) ask(new CustomEvent("compare", { detail: ["profile", name] }));
    });
    const root = details.closest(".app");
    if (root) {
      new MutationObserver(() => root.dataset.settled === "true" && details.open && refresh(details, ask, state))
        .observe(root, { attributes: true, attributeFilter: ["data-settled"] });
    }
  }
  if (details.open) refresh(details, ask, state);
  else close(details, state);
}

function summaryText(details, text, className = "muted") {
  const span = details.querySelector("summary > span");
  span.className = className;
  span.textContent = text;
}

function close(details, state) {
  state.ticket += 1;
  state.given = null;
  state.table?.remove();
  state.table = null;
  details.removeAttribute("aria-busy");
  details.dataset.agree = "";
  summaryText(details, QUESTION);
}

/** Asks the page for the comparison of what it shows, unless it is the one on screen. */
async function refresh(details, ask, state) {
  const context = new CustomEvent("compare", { detail: ["ctx"] });
  ask(context);
  const { yaml, url, sni, host, method, headers, klass, profile } = decodeSnapshot(context.ctx ?? "");
  const given = JSON.stringify([yaml, url, sni, host, method, headers, klass, profile]);
  if (given === state.given) return;
  state.given = given;
  const ticket = ++state.ticket;
  const request = new CustomEvent("compare", { detail: ["compare"] });
  ask(request);
  details.setAttribute("aria-busy", "true");
  if (!state.table) summaryText(details, "Loading the controller profiles…");
  let table = null;
  let summary;
  try {
    const comparison = await request.answer;
    table = h("div", {}, await compareTable(comparison, request.current));
    summary = summaryOf(comparison);
    details.dataset.agree = String(Boolean(comparison.agree));
  } catch (error) {
    summary = ["muted", String(error?.message ?? error)];
    details.dataset.agree = "";
  }
  if (ticket !== state.ticket) return;
  details.removeAttribute("aria-busy");
  state.table?.remove();
  state.table = table;
  if (table) details.append(table);
  summaryText(details, summary[1], summary[0]);
}

/** "All 10 profiles agree", or the fields that change where the request lands; and its class. */
function summaryOf(comparison) {
  if (comparison.agree) return ["agree", `All ${comparison.decisions.length} profiles agree`];
  const fields = (comparison.differences ?? []).filter((d) => LANDING.includes(d));
  return ["disagree", `Profiles disagree on ${fields.join(", ")}`];
}

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
