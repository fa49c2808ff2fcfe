// A lesson inside the docs widget: `<ingress-playground lesson="URL">` (embed/ingress-playground.js
// imports this module only when the attribute is set). It fetches the lesson file within the same
// caps as `?lesson=` (lesson-source.js), gives the widget the lesson's YAML, requests and profile,
// and shows the lesson's text and its exercise, checked against the widget's YAML after each of
// the widget's updates (`ingress-playground:update`). Hints and the solution stay in the
// playground's Lessons view: a docs page shows the lesson and the exercise.
import { loadEngine } from "../engine.js";
import { parseLesson, checkLesson } from "./lesson-parse.js";
import { renderMarkdown } from "./lesson-markdown.js";
import { ExerciseChecker } from "./lesson-check.js";
import { fillChecklist } from "./lesson-checklist.js";
import { h } from "../widget-view.js";
import { fetchLessonText } from "./lesson-source.js";

/** The lesson part's styles, in the widget's shadow root (a constructed sheet: no style-src needed). */
const CSS = `
.lesson { padding: .6rem .8rem; border-bottom: 1px solid var(--ip-border, #d6dae0); line-height: 1.5; font-size: 14px; }
.lesson h2 { margin: 0 0 .3rem; font-size: 1.1rem; }
.lesson h3, .lesson h4 { margin: .8rem 0 .2rem; font-size: 1rem; }
.lesson p, .lesson ul, .lesson ol { margin: .35rem 0; }
.lesson code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
.lesson pre { overflow: auto; padding: .4rem .6rem; border: 1px solid var(--ip-border, #d6dae0); border-radius: 6px; }
.lesson a { color: var(--ip-accent, #2557d6); }
.lesson-failed { color: var(--ip-error, #c62828); }
.lesson-exercise { margin-top: .5rem; padding: .4rem .6rem; border: 1px solid var(--ip-border, #d6dae0); border-radius: 6px; }
.lesson-goal, .lesson-status { font-weight: 600; }
.lesson-status.solved { color: var(--ip-win, #1f7a3a); }
.lesson-cases { list-style: none; padding: 0; }
.lesson-cases .passed .lesson-mark { color: var(--ip-win, #1f7a3a); }
.lesson-cases .failing .lesson-mark { color: var(--ip-error, #c62828); }
.lesson-reason { display: block; padding-left: 1.4em; font-size: 12.5px; opacity: .85; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
let sheet = null;

/**
 * Loads the lesson at `src` into `widget` (the element). Returns `{ el, destroy }`: `el` is the
 * lesson's part (the widget places it in its shadow root on every render).
 */
export function lessonWidget(widget, src) {
  const el = h("section", { class: "lesson", part: "lesson", "data-testid": "widget-lesson", "aria-busy": "true" }, "Loading the lesson…");
  let checker = null;
  let lesson = null;
  let status = null;
  let cases = null;
  let gone = false;
  try {
    sheet ??= new CSSStyleSheet();
    sheet.replaceSync(CSS);
    if (!widget.shadowRoot.adoptedStyleSheets.includes(sheet)) widget.shadowRoot.adoptedStyleSheets = [...widget.shadowRoot.adoptedStyleSheets, sheet];
  } catch {
    // no constructed stylesheets: the lesson is readable unstyled
  }

  const check = () => {
    if (gone || !checker || !lesson?.exercise) return;
    fillChecklist(status, cases, checker.run(lesson, widget.yaml));
  };
  widget.addEventListener("ingress-playground:update", check);

  const fail = (message) => {
    el.removeAttribute("aria-busy");
    el.replaceChildren(h("p", { class: "lesson-failed", role: "alert", "data-testid": "widget-lesson-error" }, message));
  };

  Promise.all([fetchLessonText(src), loadEngine()]).then(([text, api]) => {
    if (gone) return;
    try {
      lesson = parseLesson(text);
      const exercise = checkLesson(lesson, api);
      checker = new ExerciseChecker(api);
      el.removeAttribute("aria-busy");
      el.replaceChildren(...draw(lesson, exercise));
      status = el.querySelector("[data-testid=lesson-status]");
      cases = el.querySelector("[data-testid=lesson-cases]");
      if (lesson.profile && !widget.hasAttribute("profile")) widget.setAttribute("profile", lesson.profile);
      widget.requests = lesson.requests;
      widget.yaml = lesson.manifest; // re-renders the widget, which routes and then fires its update
    } catch (error) {
      fail(`This lesson cannot be read: ${error.message}`);
    }
  }, (error) => { if (!gone) fail(error.message); });

  return {
    el,
    destroy() {
      gone = true;
      widget.removeEventListener("ingress-playground:update", check);
      checker?.free();
    },
  };
}

/** The lesson's title, prose and exercise (the manifest, requests and hints are the widget's or the playground's). */
function draw(lesson, exercise) {
  const out = [h("h2", {}, lesson.title)];
  for (const part of lesson.body) {
    if (part.kind === "markdown") out.push(renderMarkdown(h("div", { class: "lesson-prose" }), part.text));
    if (part.kind === "exercise" && exercise) {
      out.push(h("div", { class: "lesson-exercise", "data-testid": "lesson-exercise" },
        h("p", { class: "lesson-goal" }, `Exercise: ${exercise.description ?? "make every case pass"}`),
        h("p", {}, "Edit the YAML below until every case passes."),
        h("p", { class: "lesson-status", "data-testid": "lesson-status", "data-solved": "false", role: "status" }, "Checking…"),
        h("ul", { class: "lesson-cases", "data-testid": "lesson-cases" })));
    }
  }
  if (lesson.docs) out.push(h("p", {}, h("a", { href: lesson.docs, target: "_blank", rel: "noopener noreferrer" }, "The docs on this ↗")));
  return out;
}
