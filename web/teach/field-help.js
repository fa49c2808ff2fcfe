// Field help in the YAML editor: hovering a field name (or moving the caret onto one) shows what it
// means in the Ingress v1 API, with a link to the reference; an unknown field shows the engine's
// "did you mean" from the Problems list. The page imports this module the first time the pointer or
// the focus reaches the editor (web/src/components/editor.rs), so a first visit pays nothing for it.
//
// The editor is a <textarea> with a fixed line height and a monospace font, so a position is a
// line and a column by arithmetic. Which field a key is comes from the YAML's indentation (and
// braces, for flow mappings such as `backend: {service: {name: web}}`): a reading of the lines
// around it, not a parse of the document, which is all a tooltip needs (the engine's own reading
// is what decides, and its verdict on unknown fields is what is shown for them).
//
// The help box (data-testid="field-help") is placed after the editor in the document, so Tab from
// the editor reaches its link; Escape closes it (from the editor or from the link).

import { FIELDS, REFERENCE, CLASS_REFERENCE, CONTROLLER_DOCS, ANNOTATIONS } from "./field-help-data.js";

const attached = new WeakSet();

/** Starts field help on a textarea (again: nothing); `event` (focus or mouse) is answered at once. */
export function attach(area, event) {
  // The box is measured to be placed, so it waits for its stylesheet.
  loadStyles().then(() => {
    if (!attached.has(area)) {
      attached.add(area);
      new FieldHelp(area);
    }
    if (event) area.dispatchEvent(new CustomEvent("field-help-wake", { detail: event }));
  });
}

// ---- Reading the YAML around a position ------------------------------------------------------

/** A block key at the start of a line, after any list dashes: indent, dashes, key. */
const KEY_LINE = /^(\s*)((?:-\s+)*)("[^"]*"|'[^']*'|[^\s#:{}[\],"'][^#:{}[\],]*?)\s*:(?=\s|$)/;
const DASH_ONLY = /^(\s*)-(?:\s|$)/;
const unquote = (key) => (/^["']/.test(key) ? key.slice(1, -1) : key);

/**
 * The keys that hold the block key at `column` of line `index` (outermost first). A key's parent is
 * the nearest earlier key indented less; inside a list item (`- `) a parent may sit at the dash's
 * own indent (`paths:` then `- path: /` at the same column).
 */
export function blockParents(lines, index, column, inListItem) {
  const parents = [];
  let indent = column;
  let equalAllowed = inListItem;
  for (let i = index - 1; i >= 0 && (indent > 0 || equalAllowed); i--) {
    const line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    if (/^(---|\.\.\.)/.test(line)) break;
    const m = KEY_LINE.exec(line);
    if (!m) {
      const dash = DASH_ONLY.exec(line);
      if (dash && dash[1].length < indent) {
        indent = dash[1].length;
        equalAllowed = true;
      }
      continue;
    }
    const dashAt = m[1].length;
    const keyAt = dashAt + m[2].length;
    if (keyAt < indent || (equalAllowed && keyAt === indent && !m[2])) {
      parents.unshift(unquote(m[3]));
      indent = m[2] ? dashAt : keyAt;
      equalAllowed = Boolean(m[2]);
    } else if (m[2] && dashAt < indent) {
      indent = dashAt;
      equalAllowed = true;
    }
  }
  return parents;
}

/**
 * The flow keys open at `column` of `line` (`backend: {service: {name: …` at name: backend,
 * service), and the flow key that spans `column`, if any. Quoted text is skipped.
 */
export function flowKeys(line, column) {
  const open = [];
  let last = null;
  let at = null;
  const key = /("[^"]*"|'[^']*'|[^\s#:{}[\],"'][^:{}[\],]*?)\s*:(?=\s|$)/y;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "{" || c === "[") {
      open.push(last);
      last = null;
    } else if (c === "}" || c === "]") {
      if (i >= column) break;
      open.pop();
      last = null;
    } else if (c === ",") {
      if (i >= column) break;
      last = null;
    } else if (open.length > 0 && /\S/.test(c)) {
      key.lastIndex = i;
      const m = key.exec(line);
      if (m && /[{,]\s*$/.test(line.slice(0, i))) {
        const end = i + m[1].length;
        if (column >= i && column <= end) {
          at = { key: unquote(m[1]), start: i, end };
          break;
        }
        last = unquote(m[1]);
        i = key.lastIndex - 1;
      } else if (c === '"' || c === "'") {
        const close = line.indexOf(c, i + 1);
        if (close < 0) break;
        i = close;
      }
    }
    if (i >= column && !at) break;
  }
  return { open: open.filter(Boolean), at };
}

/**
 * The field at (line index, column) of `text`: `{path, key, line, start, end}` (path: the keys
 * from the object's top, the key last), or null when the position is on no key. A position on a
 * block key's value counts as on the key.
 */
export function fieldAt(text, index, column) {
  const lines = text.split("\n");
  const line = lines[index];
  if (line === undefined) return null;
  const m = KEY_LINE.exec(line);
  const flow = flowKeys(line, column);
  // A key after a list dash belongs to that item: its parents are found from the dash's column.
  const parentsOf = (indent, dashes) => blockParents(lines, index, indent, Boolean(dashes));
  if (flow.at) {
    const dash = DASH_ONLY.exec(line);
    const outer = m ? [...parentsOf(m[1].length, m[2]), unquote(m[3])] : dash ? parentsOf(dash[1].length, true) : [];
    return { path: [...outer, ...flow.open, flow.at.key], key: flow.at.key, line: index + 1, start: flow.at.start, end: flow.at.end };
  }
  if (!m) return null;
  const start = m[1].length + m[2].length;
  const end = start + m[3].length;
  const brace = line.indexOf("{", end);
  const valueEnd = brace >= 0 ? brace : line.replace(/\s+#.*$/, "").length;
  if (column < start || column > Math.max(end, valueEnd)) return null;
  const key = unquote(m[3]);
  return { path: [...parentsOf(m[2] ? m[1].length : start, m[2]), key], key, line: index + 1, start, end };
}

/** What is known about a field path: {title, type?, text, link, linkText} or null. */
export function helpFor(path) {
  const key = path[path.length - 1];
  let parent = path[path.length - 2];
  if (parent === "annotations") return annotationHelp(key);
  if (parent === "defaultBackend") parent = "backend";
  const topLevel = parent === undefined || parent === "items";
  const entry = FIELDS[topLevel ? key : `${parent}.${key}`];
  if (!entry) return null;
  const link = entry.ref ? `${REFERENCE}#${entry.ref}` : CLASS_REFERENCE;
  return { title: key, type: entry.type, text: entry.text, link, linkText: `Ingress${entry.ref ? "" : "Class"} v1 API reference${entry.ref ? `: ${entry.ref}` : ""}` };
}

function annotationHelp(key) {
  const docs = CONTROLLER_DOCS.find(([prefix]) => key.startsWith(prefix));
  const text = ANNOTATIONS[key];
  if (!text && !docs) return null;
  return {
    title: key,
    type: "annotation",
    text: text ?? "An annotation of this controller that the simulator does not act on; a decision under its profile lists it among the ignored annotations.",
    link: docs ? docs[2] : REFERENCE,
    linkText: docs ? docs[1] : "Ingress v1 API reference",
  };
}

/** The engine's verdict on an unknown field on `line`, from the Problems list: {field, suggestion?, advice?}. */
export function unknownFieldOn(line, key, doc = document) {
  for (const item of doc.querySelectorAll(`[data-testid="validation-errors"] li[data-line="${line}"] .message`)) {
    const m = /unknown field "([^"]*)"(?: \((.*)\))?$/.exec(item.textContent);
    if (!m || !(m[1] === key || m[1].endsWith(`.${key}`))) continue;
    const suggestion = /^did you mean "([^"]+)"\?$/.exec(m[2] ?? "")?.[1];
    return { field: m[1], suggestion, advice: suggestion ? null : m[2] ?? null };
  }
  return null;
}

// ---- The box ------------------------------------------------------------------------------------

const h = (tag, attrs = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
};

let styled;
/** Loads field-help.css once (a file: the page's CSP allows no inline styles); resolves when applied. */
function loadStyles() {
  styled ??= new Promise((done) => {
    const link = h("link", { rel: "stylesheet", href: new URL("./field-help.css", import.meta.url).href });
    link.addEventListener("load", done);
    link.addEventListener("error", done);
    document.head.append(link);
  });
  return styled;
}

class FieldHelp {
  constructor(area) {
    this.area = area;
    this.box = null;
    this.shown = null; // "line:start" of the field shown
    this.dismissed = null; // the field Escape closed, until the caret or pointer leaves it
    this.source = null; // "pointer" | "caret"
    this.hideTimer = 0;
    const on = (type, fn, target = area) => target.addEventListener(type, fn);
    on("field-help-wake", (e) => (e.detail.type === "focus" ? this.fromCaret() : this.fromPointer(e.detail)));
    on("mousemove", (e) => this.fromPointer(e));
    on("mouseleave", (e) => {
      if (this.source === "pointer" && !this.box?.contains(e.relatedTarget)) this.hideSoon();
    });
    on("focus", () => this.fromCaret());
    on("click", () => this.fromCaret());
    on("keyup", (e) => {
      if (/^(Arrow|Home|End|Page)/.test(e.key)) this.fromCaret();
    });
    on("input", () => this.hide());
    on("scroll", () => this.hide());
    on("keydown", (e) => {
      if (e.key === "Escape" && this.box && !this.box.hidden) {
        e.preventDefault();
        this.dismissed = this.shown;
        this.hide();
      }
    });
    on("blur", (e) => {
      if (!this.box?.contains(e.relatedTarget)) this.hide();
    });
  }

  /** Line height, padding and character width of the textarea, in its own CSS pixels. */
  metrics() {
    const style = getComputedStyle(this.area);
    const context = (this.canvas ??= document.createElement("canvas")).getContext("2d");
    context.font = `${style.fontSize} ${style.fontFamily}`;
    return {
      line: parseFloat(style.lineHeight) || 20,
      top: parseFloat(style.paddingTop) || 0,
      left: parseFloat(style.paddingLeft) || 0,
      char: context.measureText("0".repeat(10)).width / 10 || 8,
      // An ancestor's CSS zoom (presenter mode) scales what the textarea draws.
      zoom: this.area.currentCSSZoom ?? 1,
    };
  }

  fromPointer(event) {
    const m = this.metrics();
    const rect = this.area.getBoundingClientRect();
    const y = (event.clientY - rect.top) / m.zoom - m.top + this.area.scrollTop;
    const x = (event.clientX - rect.left) / m.zoom - m.left + this.area.scrollLeft;
    if (y < 0 || x < 0) return this.leave("pointer");
    this.consider(Math.floor(y / m.line), Math.floor(x / m.char), "pointer");
  }

  fromCaret() {
    if (document.activeElement !== this.area) return;
    const offset = this.area.selectionStart ?? 0;
    const before = this.area.value.slice(0, offset);
    const index = before.split("\n").length - 1;
    this.consider(index, offset - before.lastIndexOf("\n") - 1, "caret");
  }

  consider(index, column, source) {
    const field = fieldAt(this.area.value, index, column);
    if (!field) return this.leave(source);
    const id = `${field.line}:${field.start}`;
    if (id === this.dismissed) return;
    this.dismissed = null;
    clearTimeout(this.hideTimer);
    if (id === this.shown && this.box && !this.box.hidden) return;
    const help = helpFor(field.path);
    const unknown = unknownFieldOn(field.line, field.key);
    if (!help && !unknown) return this.leave(source);
    this.show(field, help, unknown, source);
  }

  /** The pointer or the caret is on no field: its own help goes (the caret's stays while the pointer wanders). */
  leave(source) {
    this.dismissed = null;
    if (this.source === source) this.hideSoon();
  }

  hideSoon() {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.hide(), 250);
  }

  hide() {
    clearTimeout(this.hideTimer);
    if (!this.box || this.box.hidden) return;
    this.box.hidden = true;
    this.shown = null;
    this.source = null;
    const described = (this.area.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== "field-help");
    this.area.setAttribute("aria-describedby", described.join(" "));
  }

  ensureBox() {
    const editor = this.area.closest(".editor");
    if (this.box?.isConnected && this.box.previousElementSibling === editor) return this.box;
    this.box?.remove();
    this.box = h("div", { class: "field-help", id: "field-help", "data-testid": "field-help", role: "tooltip" });
    this.box.hidden = true;
    this.box.addEventListener("mouseenter", () => clearTimeout(this.hideTimer));
    this.box.addEventListener("mouseleave", (e) => {
      if (e.relatedTarget !== this.area) this.hideSoon();
    });
    this.box.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        this.dismissed = this.shown;
        this.hide();
        this.area.focus();
      }
    });
    this.box.addEventListener("focusout", (e) => {
      if (e.relatedTarget !== this.area && !this.box.contains(e.relatedTarget)) this.hide();
    });
    (editor ?? this.area).after(this.box);
    return this.box;
  }

  show(field, help, unknown, source) {
    const box = this.ensureBox();
    const parts = [];
    if (unknown) {
      const says = unknown.suggestion
        ? [`Unknown field `, h("code", {}, field.key), `: did you mean `, h("code", {}, unknown.suggestion), `?`]
        : [`Unknown field `, h("code", {}, field.key), unknown.advice ? ` (${unknown.advice})` : ": the API server would reject it."];
      parts.push(h("p", { class: "field-help-unknown", "data-suggestion": unknown.suggestion ?? "" }, ...says));
      const parent = field.path.slice(0, -1);
      help = unknown.suggestion ? helpFor([...parent, unknown.suggestion]) : help;
    }
    if (help) {
      parts.push(h("p", { class: "field-help-title" }, h("code", {}, help.title), help.type ? h("span", { class: "field-help-type" }, ` ${help.type}`) : ""));
      parts.push(h("p", {}, help.text));
      parts.push(h("a", { href: help.link, target: "_blank", rel: "noopener" }, help.linkText));
    }
    box.replaceChildren(...parts);
    box.dataset.field = field.path.join(".");
    box.dataset.line = String(field.line);
    box.hidden = false;
    this.shown = `${field.line}:${field.start}`;
    this.source = source;
    const described = (this.area.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== "field-help");
    this.area.setAttribute("aria-describedby", [...described, "field-help"].join(" "));
    this.place(field, source);
  }

  /**
   * At the field's column, kept inside the editor's width: above the line for the pointer (as
   * hovers go, so moving on down the YAML is not blocked), under it for the caret (the lines being
   * read by keyboard come next); the other side when there is no room.
   */
  place(field, source) {
    const m = this.metrics();
    const rect = this.area.getBoundingClientRect();
    const parent = this.box.offsetParent ?? document.body;
    const origin = parent.getBoundingClientRect();
    const lineTop = (m.top + (field.line - 1) * m.line - this.area.scrollTop) * m.zoom;
    const lineBottom = lineTop + m.line * m.zoom;
    const left = Math.max(0, (m.left + field.start * m.char - this.area.scrollLeft) * m.zoom);
    const [width, height] = [Math.min(this.box.offsetWidth || 320, rect.width), this.box.offsetHeight];
    const x = rect.left - origin.left + Math.min(left, rect.width - width);
    const fitsAbove = rect.top + lineTop - height - 4 >= 0;
    const fitsBelow = rect.top + lineBottom + height + 4 <= innerHeight;
    const above = source === "pointer" ? fitsAbove || !fitsBelow : !fitsBelow && fitsAbove;
    const y = rect.top - origin.top + (above ? lineTop - height - 4 : lineBottom + 4);
    this.box.dataset.side = above ? "above" : "below";
    this.box.style.left = `${Math.round(x + parent.scrollLeft)}px`;
    this.box.style.top = `${Math.round(y + parent.scrollTop)}px`;
  }
}
