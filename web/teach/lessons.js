// The Lessons view of the Teach panel (bridge: `mount(host, ctx, emit) → { update, destroy }`).
// A lesson list with progress, the lesson's text, its YAML to load (teach-load: the page gives
// Undo), requests to try (teach-request), the exercise checked live against the editor's YAML
// on every update, hints one at a time, the solution after them, next/previous, "Share this
// lesson" (`#lesson=` link) and "Write a lesson" (a textarea with a live preview).
//
// The lesson comes from the URL when the page was opened with `#lesson=…` or `?lesson=URL`,
// else from the shipped track (lessons/). All lesson text reaches the DOM as text only.
import { loadEngine } from "../engine.js";
import { parseLesson, checkLesson } from "./lesson-parse.js";
import { renderMarkdown } from "./lesson-markdown.js";
import { ExerciseChecker } from "./lesson-check.js";
import { fillChecklist } from "./lesson-checklist.js";
import { h } from "../widget-view.js";
import {
  trackIndex, trackLessonText, requestedLesson, lessonFromFragment, fetchLessonText, lessonLink,
  loadProgress, saveProgress,
} from "./lesson-source.js";

/** How long the writer waits after a keystroke before it re-reads the draft. */
const DRAFT_DEBOUNCE_MS = 250;

const TEMPLATE = `---
title: My lesson
docs: https://kubernetes.io/docs/concepts/services-networking/ingress/
---

What the class should learn, in **Markdown**.

\`\`\`yaml manifest
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: demo
spec:
  rules:
  - host: demo.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
\`\`\`

\`\`\`requests
http://demo.example.com/
\`\`\`

\`\`\`yaml exercise
description: Send /api to the api Service.
cases:
- url: http://demo.example.com/api
  expect: {backend: "api:8080"}
\`\`\`

\`\`\`hint
Add a path.
\`\`\`
`;

let stylesheet = null;
/** Loads lessons.css once (a file: the page's CSP allows no inline styles). */
function loadStylesheet() {
  stylesheet ??= new Promise((done) => {
    const link = h("link", { rel: "stylesheet", href: new URL("./lessons.css", import.meta.url).href });
    link.addEventListener("load", done);
    link.addEventListener("error", done); // unstyled is still usable
    document.head.append(link);
  });
  return stylesheet;
}

export function mount(host, ctx, emit) {
  const view = new LessonsView(host, ctx, emit);
  view.start();
  return { update: (next) => view.update(next), destroy: () => view.destroy() };
}

class LessonsView {
  #host;
  #emit;
  #ctx;
  #api = null;
  #checker = null;
  #track = []; // [{ id, file, title }]
  #progress = loadProgress();
  #lesson = null; // { source: "track" | "link" | "url" | "draft", id, text, parsed, exercise }
  #hintsShown = 0;
  #solutionShown = false;
  #draftTimer = 0;
  #loadSeq = 0;
  #destroyed = false;
  #el = {};

  constructor(host, ctx, emit) {
    this.#host = host;
    this.#ctx = ctx;
    this.#emit = emit;
    this.#build();
  }

  async start() {
    loadStylesheet();
    const engine = loadEngine().then((api) => {
      if (this.#destroyed) return;
      this.#api = api;
      this.#checker = new ExerciseChecker(api);
      if (this.#lesson) this.#show(this.#lesson); // now the exercise can be read and checked
    }, (error) => this.#fail(`The simulator could not be loaded: ${error.message}`));
    const track = trackIndex().then((lessons) => {
      this.#track = lessons;
      this.#drawList();
    }, (error) => this.#fail(error.message));
    const asked = requestedLesson(location);
    if (asked?.fragment !== undefined) {
      this.#open(() => lessonFromFragment(asked.fragment), { source: "link", id: null });
    } else if (asked?.url) {
      this.#open(() => fetchLessonText(asked.url), { source: "url", id: null, url: asked.url });
    } else {
      await track;
      const first = this.#track.find((entry) => entry.id === this.#progress.last) ?? this.#track[0];
      if (first) this.#openTrack(first);
    }
    await engine;
  }

  update(ctx) {
    this.#ctx = ctx;
    this.#check();
  }

  destroy() {
    this.#destroyed = true;
    clearTimeout(this.#draftTimer);
    this.#checker?.free();
    this.#host.replaceChildren();
  }

  // ---- Loading a lesson ---------------------------------------------------------------------

  #openTrack(entry) {
    this.#progress.last = entry.id;
    saveProgress(this.#progress);
    this.#open(() => trackLessonText(entry), { source: "track", id: entry.id });
  }

  /** Reads a lesson's text (`read` resolves to it) and shows it; a failure is shown, not thrown. */
  #open(read, meta) {
    const seq = ++this.#loadSeq;
    this.#el.article.setAttribute("aria-busy", "true");
    read().then((text) => {
      if (seq !== this.#loadSeq || this.#destroyed) return;
      this.#setLesson({ ...meta, text });
    }, (error) => {
      if (seq !== this.#loadSeq || this.#destroyed) return;
      this.#el.article.removeAttribute("aria-busy");
      this.#fail(error.message);
    });
  }

  /** Parses `lesson.text` and shows it; a lesson that does not parse shows its error instead. */
  #setLesson(lesson) {
    this.#hintsShown = 0;
    this.#solutionShown = false;
    this.#show(lesson);
  }

  #show(lesson) {
    this.#fail("");
    let parsed;
    try {
      parsed = parseLesson(lesson.text);
    } catch (error) {
      // A draft keeps its last readable preview while the author types through a broken state
      // (an unclosed block); its text is the one typed, so sharing carries what is on screen.
      const keep = lesson.source === "draft" && this.#lesson?.source === "draft" && this.#lesson.parsed;
      this.#lesson = keep ? { ...this.#lesson, text: lesson.text } : { ...lesson, parsed: null, exercise: null };
      this.#el.article.removeAttribute("aria-busy");
      this.#drawList();
      this.#fail(`This lesson cannot be read: ${error.message}`);
      if (!keep) this.#el.article.replaceChildren();
      return;
    }
    let exercise = null;
    let exerciseProblem = "";
    if (this.#api) {
      try {
        exercise = checkLesson(parsed, this.#api);
      } catch (error) {
        exerciseProblem = `This lesson's exercise cannot be read: ${error.message}`;
      }
    }
    this.#lesson = { ...lesson, parsed, exercise };
    this.#drawList();
    this.#drawLesson();
    this.#fail(exerciseProblem);
    this.#check();
  }

  // ---- Drawing ------------------------------------------------------------------------------

  #build() {
    const list = h("ol", { class: "lesson-list", "data-testid": "lesson-list" });
    const write = h("button", { type: "button", "data-testid": "lesson-write", "aria-expanded": "false" }, "Write a lesson");
    write.addEventListener("click", () => this.#toggleWriter());
    // A <details>, open: in a narrow panel the learner can fold the list away.
    const count = h("span", { class: "lesson-count" });
    const nav = h("nav", { class: "lesson-nav", "aria-label": "Lessons" },
      h("details", { open: true }, h("summary", { class: "lesson-nav-title" }, "Lessons ", count), list), write);
    const error = h("p", { class: "lesson-error", "data-testid": "lesson-error", role: "alert", hidden: true });
    const article = h("article", { class: "lesson", "data-testid": "lesson", "aria-live": "off" });
    const source = h("textarea", {
      class: "lesson-source", "data-testid": "lesson-source", rows: "18", spellcheck: "false",
      "aria-label": "Lesson source (Markdown)",
    });
    source.addEventListener("input", () => {
      clearTimeout(this.#draftTimer);
      this.#draftTimer = setTimeout(() => this.#readDraft(), DRAFT_DEBOUNCE_MS);
    });
    const writer = h("section", { class: "lesson-writer", "data-testid": "lesson-writer", hidden: true, "aria-label": "Write a lesson" },
      h("p", { class: "lesson-hint-line" }, "Write the lesson in Markdown (README, \"Lessons\", has the format). The preview below follows as you type; ",
        h("strong", {}, "Share this lesson"), " makes a link to it."),
      source);
    const prev = h("button", { type: "button", "data-testid": "lesson-prev" }, "← Previous lesson");
    const next = h("button", { type: "button", "data-testid": "lesson-next" }, "Next lesson →");
    prev.addEventListener("click", () => this.#step(-1));
    next.addEventListener("click", () => this.#step(1));
    const share = h("button", { type: "button", "data-testid": "lesson-share" }, "Share this lesson");
    share.addEventListener("click", () => this.#share());
    const link = h("input", { type: "text", readonly: true, class: "lesson-share-link", "data-testid": "lesson-share-link", "aria-label": "Link to this lesson", hidden: true });
    const footer = h("div", { class: "lesson-footer" }, prev, next, h("span", { class: "lesson-spacer" }), share, link);
    const main = h("div", { class: "lesson-main" }, error, writer, article, footer);
    this.#host.replaceChildren(h("div", { class: "lessons-frame" }, h("div", { class: "lessons", "data-testid": "lessons" }, nav, main)));
    Object.assign(this.#el, { list, count, write, error, article, writer, source, prev, next, share, link });
  }

  #drawList() {
    const current = this.#lesson?.source === "track" ? this.#lesson.id : null;
    this.#el.list.replaceChildren(...this.#track.map((entry, index) => {
      const done = this.#progress.done.has(entry.id);
      const button = h("button", {
        type: "button", "data-testid": "lesson-item", "data-lesson": entry.id, "data-done": String(done),
        "aria-current": entry.id === current ? "true" : null,
      },
      h("span", { class: "lesson-done", "aria-hidden": "true" }, done ? "✓" : ""),
      `${index + 1}. ${entry.title}`,
      done ? h("span", { class: "visually-hidden" }, " (done)") : null);
      button.addEventListener("click", () => this.#openTrack(entry));
      return h("li", {}, button);
    }));
    const done = this.#track.filter((entry) => this.#progress.done.has(entry.id)).length;
    this.#el.count.textContent = this.#track.length ? `(${done} of ${this.#track.length} done)` : "";
    const at = this.#trackPosition();
    this.#el.prev.disabled = at <= 0;
    this.#el.next.disabled = at < 0 || at >= this.#track.length - 1;
  }

  #trackPosition() {
    return this.#lesson?.source === "track" ? this.#track.findIndex((entry) => entry.id === this.#lesson.id) : -1;
  }

  #drawLesson() {
    const { parsed, source, id } = this.#lesson;
    const article = this.#el.article;
    article.removeAttribute("aria-busy");
    article.dataset.lesson = id ?? source;
    const meta = [];
    if (source === "link") meta.push("A shared lesson.");
    if (source === "url") meta.push(`From ${this.#lesson.url}.`);
    if (source === "draft") meta.push("Your lesson (preview).");
    if (parsed.profile) meta.push(`The exercise runs under the ${parsed.profile} profile.`);
    const children = [h("h2", { class: "lesson-title", "data-testid": "lesson-title", tabindex: "-1" }, parsed.title)];
    if (meta.length || parsed.docs) {
      children.push(h("p", { class: "lesson-meta" }, meta.join(" "), meta.length && parsed.docs ? " " : "",
        parsed.docs ? h("a", { href: parsed.docs, target: "_blank", rel: "noopener noreferrer" }, "The docs on this ↗") : null));
    }
    let hintsDrawn = false;
    for (const part of parsed.body) {
      if (part.kind === "markdown") children.push(renderMarkdown(h("div", { class: "lesson-prose" }), part.text));
      else if (part.kind === "manifest") children.push(this.#manifestPart(part));
      else if (part.kind === "requests") children.push(this.#requestsPart(part));
      else if (part.kind === "exercise") children.push(this.#exercisePart());
      else if (part.kind === "hint" && !hintsDrawn) {
        hintsDrawn = true;
        children.push(this.#hintsPart());
      }
    }
    if (!hintsDrawn && parsed.solution) children.push(this.#hintsPart());
    article.replaceChildren(...children);
  }

  #manifestPart(part) {
    const load = h("button", { type: "button", class: "primary", "data-testid": "lesson-load" }, "Load the lesson's YAML");
    load.addEventListener("click", () => this.#load(this.#lesson.parsed.manifest, "lesson"));
    const lines = part.text.split("\n").length - 1;
    return h("div", { class: "lesson-manifest" },
      h("details", {}, h("summary", {}, `The starting YAML (${lines} line${lines === 1 ? "" : "s"})`), h("pre", {}, h("code", {}, part.text))),
      load);
  }

  #requestsPart(part) {
    return h("div", { class: "lesson-requests" },
      h("p", { class: "lesson-label" }, "Try these requests:"),
      h("ul", {}, part.urls.map((url) => {
        const button = h("button", { type: "button", class: "mono", "data-testid": "lesson-request", "data-url": url }, url);
        button.addEventListener("click", () => this.#emit("request", { url }));
        return h("li", {}, button);
      })));
  }

  #exercisePart() {
    const goal = this.#lesson.exercise?.description ?? "";
    const status = h("p", { class: "lesson-status", "data-testid": "lesson-status", "data-solved": "false", role: "status" }, "Checking…");
    const cases = h("ul", { class: "lesson-cases", "data-testid": "lesson-cases", "aria-label": "Exercise cases" });
    this.#el.status = status;
    this.#el.cases = cases;
    return h("section", { class: "lesson-exercise", "data-testid": "lesson-exercise", "aria-label": "Exercise" },
      h("h3", {}, "Exercise"),
      goal ? h("p", { class: "lesson-goal", "data-testid": "lesson-goal" }, goal) : null,
      h("p", { class: "lesson-label" }, "Edit the YAML in the editor until every case passes (checked as you type):"),
      status, cases);
  }

  #hintsPart() {
    const { hints, solution } = this.#lesson.parsed;
    const shown = h("ol", { class: "lesson-hints", "data-testid": "lesson-hints" });
    const more = h("button", { type: "button", "data-testid": "lesson-hint" });
    const reveal = h("button", { type: "button", "data-testid": "lesson-show-solution", hidden: true }, "Show the solution");
    const answer = h("div", { class: "lesson-solution", "data-testid": "lesson-solution", hidden: true });
    const draw = () => {
      shown.replaceChildren(...hints.slice(0, this.#hintsShown).map((text, i) =>
        renderMarkdown(h("li", { "data-testid": "lesson-hint-text", "data-hint": String(i + 1) }), text)));
      more.hidden = this.#hintsShown >= hints.length;
      more.textContent = `Show a hint (${this.#hintsShown + 1} of ${hints.length})`;
      reveal.hidden = !solution || this.#hintsShown < hints.length || this.#solutionShown;
      answer.hidden = !this.#solutionShown;
    };
    more.addEventListener("click", () => {
      this.#hintsShown += 1;
      draw();
      (this.#hintsShown < hints.length ? more : reveal.hidden ? shown.lastElementChild : reveal)?.focus?.();
    });
    reveal.addEventListener("click", () => {
      this.#solutionShown = true;
      draw();
      answer.querySelector("button")?.focus();
    });
    if (solution) {
      const load = h("button", { type: "button", "data-testid": "lesson-load-solution" }, "Load the solution");
      load.addEventListener("click", () => this.#load(solution, "solution"));
      answer.append(h("pre", {}, h("code", {}, solution)), load);
    }
    draw();
    return h("section", { class: "lesson-help", "aria-label": "Hints" }, h("h3", {}, "Stuck?"), shown, more, reveal, answer);
  }

  /** Shows why something failed (empty: hides the message). */
  #fail(message) {
    if (this.#destroyed) return;
    this.#el.error.textContent = message;
    this.#el.error.hidden = !message;
  }

  // ---- Actions ------------------------------------------------------------------------------

  /** teach-load: the page replaces its state (with Undo) by the lesson's YAML, profile and first request. */
  #load(yaml, what) {
    const { parsed } = this.#lesson;
    // The exercise's cases go to the test table too (a case file's text is what `rows` takes),
    // where each can be explained; the checklist here stays the exercise's verdict.
    const detail = { yaml, profile: parsed.profile ?? "spec", title: `${what}: ${parsed.title}` };
    if (parsed.exercise) detail.rows = parsed.exercise.text;
    if (parsed.requests.length) detail.request = { url: parsed.requests[0] };
    this.#emit("load", detail);
  }

  #step(delta) {
    const at = this.#trackPosition();
    const entry = this.#track[at + delta];
    if (entry) {
      this.#openTrack(entry);
      this.#el.article.scrollIntoView?.({ block: "start" });
    }
  }

  /** Writes the link to the lesson on screen (a draft too) into the link field, selected. */
  async #share() {
    if (!this.#lesson?.text) return;
    const base = new URL(location.href);
    base.hash = "";
    try {
      const href = await lessonLink(this.#lesson.text, base.href);
      const field = this.#el.link;
      field.value = href;
      field.hidden = false;
      field.focus();
      field.select();
      navigator.clipboard?.writeText(href).catch(() => {}); // the field is there if copying is refused
    } catch (error) {
      this.#fail(`The link could not be made: ${error.message}`);
    }
  }

  #toggleWriter() {
    const open = this.#el.writer.hidden;
    this.#el.writer.hidden = !open;
    this.#el.write.setAttribute("aria-expanded", String(open));
    if (open) {
      if (!this.#el.source.value) this.#el.source.value = this.#lesson?.text ?? TEMPLATE;
      this.#el.source.focus();
      this.#readDraft();
    }
  }

  #readDraft() {
    if (this.#destroyed) return;
    this.#loadSeq++; // a lesson still loading must not replace the draft
    const text = this.#el.source.value;
    if (this.#lesson?.source === "draft" && this.#lesson.text === text) return;
    if (this.#lesson?.source !== "draft") this.#setLesson({ source: "draft", id: null, text });
    else this.#show({ source: "draft", id: null, text }); // hints stay as revealed while the author types
  }

  // ---- Checking -----------------------------------------------------------------------------

  /** Runs the exercise on the editor's YAML and redraws its checklist; marks a track lesson done
   * when it was solved without the solution shown. */
  #check() {
    const lesson = this.#lesson;
    if (!lesson?.parsed?.exercise || !this.#el.status?.isConnected) return;
    if (!this.#checker) {
      fillChecklist(this.#el.status, this.#el.cases, null); // the engine is still loading
      return;
    }
    if (!lesson.exercise) {
      fillChecklist(this.#el.status, this.#el.cases, { error: "the exercise cannot be read (the message above says why)", results: [] });
      return;
    }
    const check = this.#checker.run(lesson.parsed, this.#ctx?.yaml ?? "");
    fillChecklist(this.#el.status, this.#el.cases, check);
    this.#el.next.classList.toggle("primary", Boolean(check?.solved)); // solved: on to the next one
    // A lesson counts as done when the learner solved it, not when the solution was shown.
    if (check?.solved && this.#solutionShown) {
      this.#el.status.append(" The solution was shown, so the lesson is not marked done.");
      return;
    }
    if (check?.solved && lesson.source === "track" && !this.#progress.done.has(lesson.id)) {
      this.#progress.done.add(lesson.id);
      saveProgress(this.#progress);
      this.#drawList();
    }
  }
}
