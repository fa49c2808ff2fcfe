// The converted YAML, read-only, with line numbers and a mark over the lines a notice or an
// explanation points at. Only the lines near the scroll position are in the DOM (the converted
// YAML of 1,000 Ingresses is tens of thousands of lines: drawing them all would cost the page
// one long task and megabytes of nodes); every line has the same height, so line N sits at
// (N - 1) × LINE_PX and the scroller's full height is known without drawing.

import { h } from "../gateway/gateway-result.js";

/** One line's height in px: must equal `.mig-yaml-line`'s line-height in migrate.css. */
const LINE_PX = 18;
/** Lines drawn above and below the visible ones (smooth scrolling without blank flashes). */
const OVERSCAN = 40;

export class YamlView {
  #lines = [""];
  #drawn = { first: -1, last: -1 };
  // The scroller's height as last seen (its CSS height, 22rem, until it scrolls): reading
  // clientHeight while drawing new text would lay the whole page out one extra time.
  #height = 22 * 16;
  #parts;

  constructor({ label }) {
    const rows = h("div", { class: "mig-yaml-rows" });
    const mark = h("div", { class: "mig-yaml-mark", "data-testid": "migrate-yaml-mark", hidden: true });
    const sizer = h("div", { class: "mig-yaml-sizer" }, mark, rows);
    // Focusable, so the keyboard can scroll it; a region with a name, so a screen reader can find it.
    const scroller = h("div", { class: "mig-yaml", "data-testid": "migrate-yaml", role: "region", tabindex: "0", "aria-label": label }, sizer);
    scroller.addEventListener("scroll", () => {
      this.#height = scroller.clientHeight; // laid out by now: reading it costs nothing
      this.#draw();
    });
    this.#parts = { scroller, sizer, rows, mark };
    this.el = scroller;
  }

  /** Shows `text` (scrolled to the top, no mark) when it differs from what is shown. */
  setText(text) {
    if (this.#lines.join("\n") === text) return;
    this.#lines = text.split("\n");
    if (this.#lines.length > 1 && this.#lines[this.#lines.length - 1] === "") this.#lines.pop();
    this.#parts.scroller.dataset.lines = String(this.#lines.length);
    this.#parts.sizer.style.height = `${this.#lines.length * LINE_PX}px`;
    this.#parts.scroller.scrollTop = 0;
    this.#drawn = { first: -1, last: -1 };
    this.reveal(null);
    this.#draw();
  }

  /** Marks lines line..end (1-based; null: no mark) and scrolls them into view if they are not. */
  reveal(line, end = line) {
    const { mark, scroller } = this.#parts;
    if (!(line > 0)) {
      mark.hidden = true;
      delete mark.dataset.lines;
      return;
    }
    end = Math.max(line, Number(end) || line);
    mark.hidden = false;
    mark.dataset.lines = `${line}-${end}`;
    mark.style.top = `${(line - 1) * LINE_PX}px`;
    mark.style.height = `${(end - line + 1) * LINE_PX}px`;
    const top = (line - 1) * LINE_PX;
    const bottom = end * LINE_PX;
    if (top < scroller.scrollTop || bottom > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
    }
    this.#draw();
  }

  /** Draws the lines in (and near) view, when the window moved. */
  #draw() {
    const { scroller, rows } = this.#parts;
    const height = this.#height;
    const first = Math.max(0, Math.floor(scroller.scrollTop / LINE_PX) - OVERSCAN);
    const last = Math.min(this.#lines.length, Math.ceil((scroller.scrollTop + height) / LINE_PX) + OVERSCAN);
    if (first >= this.#drawn.first && last <= this.#drawn.last && this.#drawn.first >= 0) return;
    // Draw a little more than needed, so that most scroll events find their lines already there.
    const from = Math.max(0, first - OVERSCAN);
    const to = Math.min(this.#lines.length, last + OVERSCAN);
    this.#drawn = { first: from, last: to };
    rows.style.top = `${from * LINE_PX}px`;
    rows.replaceChildren(...this.#lines.slice(from, to).map((text, i) => {
      const n = from + i + 1;
      return h("div", { class: "mig-yaml-line", "data-line": n },
        h("span", { class: "mig-yaml-number", "aria-hidden": "true" }, String(n)), h("span", { class: "mig-yaml-text" }, text));
    }));
  }
}
