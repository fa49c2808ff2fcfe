// Draws a route map layout (route-map-layout.js) as SVG elements. Geometry goes in attributes,
// looks in classes (route-map.css: the page's Content-Security-Policy forbids inline <style>).
// User text (hosts, paths, names, messages) only ever goes in as text nodes or attribute values.
import { backendText, fit } from "./route-map-layout.js";

const SVG = "http://www.w3.org/2000/svg";

/** `s("rect", { x: 1 }, child…)`: an SVG element; null/undefined attributes are skipped. */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const name in attrs) {
    const value = attrs[name];
    if (value !== null && value !== undefined && value !== false) el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

const MARK_WORDS = { shadowed: "shadowed", duplicate: "duplicate", conflict: "conflict", invalid: "invalid", rejected: "rejected", unused: "not used" };
/** Marks drawn as struck and dashed (never reached) rather than red (wrong). */
const STRUCK = new Set(["shadowed", "duplicate", "unused"]);

/**
 * The SVG of `lay` with `light` ({ lit, dimmed, step? }) applied (`step`: the boxes the
 * step-through's current step looks at, marked `data-step`). The boxes and lines are drawn for a band
 * of heights only (`drawBand(top, bottom)`): a cluster dump lays out thousands of rows, and drawing
 * only what is near the viewport keeps every redraw to a few dozen rows. `drawBand()` with no
 * arguments draws everything (the export).
 */
export class Drawing {
  constructor(lay, light) {
    const G = lay.G;
    this.lay = lay;
    this.light = light;
    // What is lit, by node key: the lighting names a backend once (`lightKey`), the layout may
    // have several boxes for it; only those a lit path's or default's line reaches are lit.
    const kinds = new Map(lay.nodes.map((n) => [n.key, n]));
    this.lit = new Set([...light.lit].filter((key) => kinds.get(key)?.kind !== "backend"));
    for (const e of lay.edges) {
      const to = kinds.get(e.to);
      if (to?.kind === "backend" && this.lit.has(e.from) && light.lit.has(to.lightKey)) this.lit.add(to.key);
    }
    this.band = null;
    this.svg = s("svg", {
      xmlns: SVG, class: "route-map-svg", width: lay.width, height: lay.height, viewBox: `0 0 ${lay.width} ${lay.height}`,
      role: "group", "aria-label": `Route map: ${lay.shown.hosts} hosts, ${lay.shown.paths} paths`,
    });
    this.svg.append(s("rect", { class: "rm-background", x: 0, y: 0, width: lay.width, height: lay.height }));
    this.svg.append(legend(lay.legend));
    this.svg.append(s("g", { class: "rm-titles" },
      s("text", { x: G.hostX, y: lay.titlesY + 14 }, G.narrow ? "Host → path → backend" : "Host (TLS)"),
      G.narrow ? null : s("text", { x: G.pathX, y: lay.titlesY + 14 }, "Path and pathType"),
      G.narrow ? null : s("text", { x: G.backendX, y: lay.titlesY + 14 }, "Backend"),
      lay.defaultsY != null ? s("text", { x: G.hostX, y: lay.defaultsY + 14 }, "Default backends") : null));
    this.edgeLayer = s("g", { class: "rm-edges" });
    this.nodeLayer = s("g", { class: "rm-nodes" });
    this.svg.append(this.edgeLayer, this.nodeLayer);
  }

  /** Whether the band drawn covers heights top..bottom. */
  covers(top, bottom) {
    return this.band !== null && this.band.top <= Math.max(0, top) && this.band.bottom >= Math.min(this.lay.height, bottom);
  }

  /** Draws what lies between heights `top` and `bottom` (everything without arguments), replacing the band drawn before. */
  drawBand(top = -Infinity, bottom = Infinity) {
    const { lay, light, lit: litKeys } = this;
    const G = lay.G;
    const near = (y0, y1) => y1 >= top && y0 <= bottom;
    const edges = [];
    for (const e of lay.edges) {
      if (e.reach === "end" ? !near(e.y2, e.y2) : !near(Math.min(e.y1, e.y2), Math.max(e.y1, e.y2))) continue;
      const bend = (e.x2 - e.x1) / 2;
      const d = e.trunkX != null ? `M${e.x1} ${e.y1}H${e.trunkX}V${e.y2}H${e.x2}`
        : `M${e.x1} ${e.y1}C${e.x1 + bend} ${e.y1} ${e.x2 - bend} ${e.y2} ${e.x2} ${e.y2}`;
      const lit = litKeys.has(e.from) && litKeys.has(e.to);
      const dimmed = !lit && (light.dimmed.has(e.from) || light.dimmed.has(e.to));
      edges.push(s("path", {
        class: `rm-edge rm-c${e.colour}`, "data-lit": lit ? "true" : null, "data-dimmed": dimmed ? "true" : null,
        d,
      }));
    }
    // A host's triangle goes just before the host in the document, so Tab reaches it first.
    const toggles = new Map(lay.toggles.map((t) => [t.host, t]));
    const nodes = [];
    for (const node of lay.nodes) {
      if (!near(node.y, node.y + node.h)) continue;
      if (node.kind === "host" && toggles.has(node.data.host)) nodes.push(toggle(toggles.get(node.data.host), G));
      const drawn = box(node, light.dimmed.get(node.key), litKeys.has(node.key), G);
      if (light.step?.has(node.key)) drawn.setAttribute("data-step", "true");
      nodes.push(drawn);
    }
    // The lit way goes on top of the lines it crosses or shares (a tree's trunk).
    this.edgeLayer.replaceChildren(...edges.filter((e) => !e.hasAttribute("data-lit")), ...edges.filter((e) => e.hasAttribute("data-lit")));
    this.nodeLayer.replaceChildren(...nodes);
    this.band = { top, bottom };
  }
}

function legend({ items, moreText, moreAt }) {
  const g = s("g", { class: "rm-legend" });
  for (const ing of items) {
    g.append(s("g", { class: `rm-legend-item rm-c${ing.colour}${ing.admitted === false ? " rm-unadmitted" : ""}` },
      s("title", {}, ing.text),
      s("rect", { class: "rm-swatch", x: ing.x + 2, y: ing.y + 2, width: 12, height: 12, rx: 2 }),
      s("text", { x: ing.x + 20, y: ing.y + 12 }, fit(ing.text, ing.chars))));
  }
  if (moreAt) g.append(s("text", { class: "rm-more", x: moreAt.x + 2, y: moreAt.y + 12 }, moreText));
  return g;
}

/** One box: a node the reader can click or focus (Enter) to see its lines in the editor. */
function box(node, dimReason, lit, G) {
  const { x, y, w, h } = node;
  const marks = node.marks ?? [];
  const markKinds = marks.map((m) => m.kind);
  const struck = markKinds.some((k) => STRUCK.has(k));
  const wrong = markKinds.some((k) => !STRUCK.has(k));
  const describe = description(node, dimReason, lit);
  const classes = ["rm-node", `rm-${node.kind}`, node.colour != null ? `rm-c${node.colour}` : null,
    struck ? "rm-struck" : null, wrong ? "rm-wrong" : null, ...markKinds.map((k) => `rm-mark-${k}`)].filter(Boolean);
  const g = s("g", {
    class: classes.join(" "), "data-testid": "route-map-node", "data-kind": node.kind, "data-key": node.key,
    "data-lines": node.lines || null, "data-file": node.file ?? null, "data-marks": markKinds.length ? markKinds.join(" ") : null,
    "data-lit": lit ? "true" : null, "data-dimmed": !lit && dimReason != null ? "true" : null, "data-reason": dimReason ?? null,
    tabindex: node.lines ? 0 : null, role: node.lines ? "button" : "img", "aria-label": describe,
  }, s("title", {}, describe));
  g.append(s("rect", { class: "rm-box", x, y, width: w, height: h, rx: node.kind === "host" ? 12 : 4 }));
  if (node.colour != null) g.append(s("rect", { class: "rm-stripe", x, y, width: 5, height: h, rx: 2 }));

  let textX = x + (node.colour != null ? 11 : 9);
  if (node.kind === "tls") {
    g.append(lock(x + 12, y + 6));
    textX = x + 28;
  }
  const tag = node.kind === "host" || node.kind === "path" ? node.tag : null;
  const badgeW = marks.length ? 18 : 0;
  const tagChars = tag ? tag.length : 0;
  const tagW = tag ? tagChars * 6.2 + 8 : 0;
  const labelChars = Math.floor((x + w - textX - tagW - badgeW - 4) / G.charW);
  // One line, or two in the narrow layout: the label (and tag) above, `sub` (the backend) below.
  const labelY = node.sub ? y + 15 : y + h / 2 + 4;
  g.append(s("text", { class: "rm-label", x: textX, y: labelY }, fit(node.label, labelChars)));
  if (tag) g.append(s("text", { class: "rm-tag", x: x + w - badgeW - 6, y: labelY, "text-anchor": "end" }, tag));
  if (node.sub) g.append(s("text", { class: "rm-sub", x: textX, y: y + 31 }, fit(node.sub, Math.floor((x + w - textX - badgeW - 4) / G.charW))));
  if (marks.length) {
    g.append(s("circle", { class: "rm-badge", cx: x + w - 11, cy: y + h / 2, r: 7 }),
      s("text", { class: "rm-badge-text", x: x + w - 11, y: y + h / 2 + 4, "text-anchor": "middle" }, "!"));
  }
  return g;
}

/** A padlock, 12 × 13, its top-left corner at (x, y). */
function lock(x, y) {
  return s("g", { class: "rm-lock", "aria-hidden": "true" },
    s("path", { class: "rm-lock-shackle", d: `M${x + 3} ${y + 6}V${y + 3.5}a3 3 0 0 1 6 0V${y + 6}` }),
    s("rect", { class: "rm-lock-body", x, y: y + 5.5, width: 12, height: 8, rx: 1.5 }));
}

/** The disclosure triangle of a host: expands or collapses its paths. */
function toggle(t, G) {
  const cx = t.x + 8;
  const cy = t.y + G.box / 2;
  const d = t.expanded ? `M${cx - 5} ${cy - 3}L${cx + 5} ${cy - 3}L${cx} ${cy + 4}Z` : `M${cx - 3} ${cy - 5}L${cx + 4} ${cy}L${cx - 3} ${cy + 5}Z`;
  const label = `${t.expanded ? "Collapse" : "Expand"} ${t.host || "any host"} (${t.count} path${t.count === 1 ? "" : "s"})`;
  return s("g", {
    class: "rm-toggle", "data-testid": "route-map-toggle", "data-key": `toggle|${t.host}`, "data-host": t.host,
    role: "button", tabindex: 0, "aria-expanded": String(t.expanded), "aria-label": label,
  }, s("title", {}, label), s("rect", { class: "rm-toggle-hit", x: t.x, y: t.y, width: 18, height: G.box, rx: 3 }), s("path", { d }),
  // A collapsed host says what it hides where its paths would be; clicking the words expands it too.
  t.expanded || t.summaryX == null ? null : s("text", { class: "rm-collapsed", x: t.summaryX, y: cy + 4 }, `${t.count} path${t.count === 1 ? "" : "s"} ▸`));
}

/** What a node is, in a sentence: its accessible name and its tooltip. */
function description(node, dimReason, lit) {
  const d = node.data;
  const parts = [];
  switch (node.kind) {
    case "host":
      parts.push(`${d.tier === "any" ? "Rules without a host (any host)" : `Host ${node.label} (${d.tier})`}, ${node.pathCount} path${node.pathCount === 1 ? "" : "s"}`);
      break;
    case "path":
      parts.push(`Path ${d.path ?? "(any)"} (${d.pathType ?? "no pathType"}) on ${d.host || "any host"}, Ingress ${d.ingress}, to ${backendText(d.backend) || "no backend"}`);
      break;
    case "backend":
      parts.push(`Backend ${node.label}`);
      break;
    case "default":
      parts.push(`Default backend of ${d.ingress}: ${backendText(d.backend) || "no backend"}`);
      break;
    case "tls":
      parts.push(`TLS for ${d.host || "any host"}: secret ${d.secret ?? "(no secretName)"}, Ingress ${d.ingress}`);
      break;
  }
  for (const mark of node.marks ?? []) parts.push(`${MARK_WORDS[mark.kind] ?? mark.kind}: ${mark.message}`);
  if (lit) parts.push("This request goes this way");
  else if (dimReason != null) parts.push(`Lost for this request: ${dimReason}`);
  if (node.lines) {
    const [first, last] = node.lines.split("-");
    parts.push(first === last ? `Line ${first}` : `Lines ${first}–${last}`);
  }
  return parts.map((part) => (/[.!?:]$/.test(part) ? part : `${part}.`)).join(" ");
}
