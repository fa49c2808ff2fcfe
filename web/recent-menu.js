// "Recent": this browser's other recent sessions, one button per session (so it works with the
// keyboard like any button). The page draws only the closed disclosure (web/src/components/
// teach_panel.rs, `recent_slot`) and imports this module when it is first opened, so the list's
// code stays off the first visit (docs/performance.md). The list is the page's own (written by
// web/src/storage.rs: `ingress-sim/recent/v1` in local storage, entries of `id`, `time`,
// `summary`, `state` fields in the snapshot field format); it is read each time the menu opens, so
// it shows what other tabs saved meanwhile. Choosing a session hands its state text to the page,
// which opens it with Undo: `ask(["recent", summary, stateText])`.
// User text only ever goes in as text (the widget's `h`).
import { readFields } from "./permalink.js";
import { h } from "./widget-view.js";

const RECENT_KEY = "ingress-sim/recent/v1";
const WORK_KEY = "ingress-sim/work";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The recent sessions, newest first, but this tab's own piece of work; [] if there are none. */
export function recentSessions(local = localStorage, session = sessionStorage) {
  let entries;
  try {
    entries = readFields(local.getItem(RECENT_KEY) ?? "");
  } catch {
    return [];
  }
  const current = session.getItem(WORK_KEY);
  return entries.flatMap(([, text]) => {
    try {
      const fields = new Map(readFields(text));
      const [id, time, state] = ["id", "time", "state"].map((key) => fields.get(key));
      if (id == null || !/^\d+$/.test(time ?? "") || state == null || id === current) return [];
      return [{ id, time: Number(time), summary: fields.get("summary") ?? "", state }];
    } catch {
      return [];
    }
  });
}

/** "4 Dec 21:05", in the browser's time zone. */
export function timeOf(ms) {
  const date = new Date(ms);
  const two = (n) => String(n).padStart(2, "0");
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** Fills the open `details` with the list; `ask` is the page's function. */
export function show(details, ask) {
  const sessions = recentSessions();
  const list = sessions.length
    ? h("ul", {}, ...sessions.map((entry) => {
      const button = h("button", { type: "button", "data-testid": "recent-session" },
        h("span", { class: "recent-summary" }, entry.summary),
        h("span", { class: "recent-time" }, timeOf(entry.time)));
      button.addEventListener("click", () => {
        details.open = false;
        ask(new CustomEvent("recent", { detail: ["recent", entry.summary, entry.state] }));
      });
      return h("li", {}, button);
    }))
    : h("p", { class: "muted" }, "No other recent sessions in this browser.");
  details.querySelector(":scope > :not(summary)")?.remove();
  details.append(list);
}
