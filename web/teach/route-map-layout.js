// The route map's layout: what the engine's `routeMap()` answered, turned into boxes and lines
// with coordinates. Pure data in, pure data out (no DOM), so it can be reasoned about and timed
// on its own. It decides nothing about routing: every host, path, mark and default backend is
// the engine's; this module only filters what the reader asked to see and places it.
//
// Three columns, read left to right as a request travels: host → path (with its pathType) →
// backend (two in a narrow panel, the backend written under its path). A host's TLS certificates sit under it in the host column; the default backends have
// a section of their own under the hosts. Backends are shared: one box per `service:port` (or
// resource), placed at the height of the first path that reaches it, never above the one before,
// so the column reads top-down without overlap and a shared backend gathers its edges.
import { backendLabel } from "../engine.js";

/** Row pitch and box height, in SVG user units (px); the columns follow the width (`geometry`). */
const ROW = 32;
const BOX = 24;

/** Below NARROW_BELOW px the map is a tree (the backend written in its path's box); below MIN_WIDTH it scrolls sideways. */
export const MIN_WIDTH = 240;
export const NARROW_BELOW = 600;
export const MAX_WIDTH = 900;
export const DEFAULT_WIDTH = 788;

/**
 * Where things go for a map `width` px wide. Wide: three columns (host, path, backend) sharing what
 * the triangle, the gaps and the margin leave, 36 : 36 : 28. Narrow (a presenter's half screen, a
 * phone): a tree, each host across the width with its TLS entries and paths indented under it, a
 * path's box two lines high with its backend on the second line, and no backend column.
 */
export function geometry(width = DEFAULT_WIDTH) {
  const W = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
  const hostX = 28;
  const base = { title: 26, legendRow: 20, toggleX: 6, hostX, width: W,
    charW: 7.3 }; // a 12 px monospace character, for truncating labels without measuring them
  if (W < NARROW_BELOW) {
    // A tree: each host across the width, its TLS entries and paths indented under it.
    const childX = hostX + 20;
    return { ...base, narrow: true, row: ROW, box: BOX, tallRow: 46, tallBox: 38, hostW: W - hostX - 8,
      pathX: childX, pathW: W - childX - 8, backendX: null, backendW: 0 };
  }
  const gap = W < 700 ? 28 : 40;
  const columns = W - hostX - 2 * gap - 8;
  const hostW = Math.floor(columns * 0.36);
  const pathW = Math.floor(columns * 0.36);
  const backendW = columns - hostW - pathW;
  const pathX = hostX + hostW + gap;
  const backendX = pathX + pathW + gap;
  return { ...base, narrow: false, row: ROW, box: BOX, hostW, pathX, pathW, backendX, backendW };
}

/** Above this many paths, hosts start collapsed (one row each); a click expands one. */
export const COLLAPSE_ABOVE = 60;

/** How far up (in rows) a path's line may reach for a backend's box before the backend gets another box. */
export const BACKEND_REACH = 12;

/** A host with more paths than this joins them with a trunk rather than a fan of curves. */
export const FAN_MAX = 8;

/** Palette slots for Ingress colours (route-map.css has one per slot, light and dark). */
export const PALETTE_SIZE = 8;

/** Legend entries drawn at most (the rest are counted): colours repeat after PALETTE_SIZE anyway. */
export const LEGEND_MAX = 12;

/**
 * A backend as a label: the map gives `svc:80` / `resource:Kind/name` as text, a decision gives the
 * API's object (`backendLabel` prints it the same way); "" for none.
 */
export function backendText(backend) {
  return typeof backend === "string" ? backend : backendLabel(backend);
}

/** The node keys the lighting refers to: one per path, default backend, TLS entry, host, backend. */
export const keys = {
  path: (ingress, rule, pathIndex) => `p|${ingress}|${rule}|${pathIndex}`,
  default: (ingress) => `d|${ingress}`,
  tls: (host, ingress, secret) => `t|${host}|${ingress}|${secret}`,
  host: (host) => `h|${host}`,
  backend: (label) => `b|${label}`,
};

/** `L-E`: the lines a span covers (an end at column 1 ends on the line before: the span is end-exclusive). */
export function spanLines(span) {
  if (!span?.start) return "";
  const start = span.start.line;
  let end = span.end?.line ?? start;
  if (end > start && (span.end?.column ?? 1) <= 1) end -= 1;
  return `${start}-${end}`;
}

/** The source name of a span (manifests given as named sources), or null. */
function fileOf(span) {
  return span?.file ?? null;
}

/** `text` cut to `chars` characters with an ellipsis (the full text goes in the node's title). */
export function fit(text, chars) {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

const lower = (text) => (text ?? "").toLowerCase();

/**
 * What is shown, after the filter: `[{ host, paths, whole }]` (`whole`: the host itself matched, so
 * every path shows), and the default backends. A path matches on its path, its backend's label or
 * its Ingress; a host on its name.
 */
export function visible(map, filter) {
  const needle = lower(filter).trim();
  const hosts = [];
  for (const host of map.hosts) {
    if (!needle || lower(host.host).includes(needle)) {
      hosts.push({ host, paths: host.paths, whole: true });
      continue;
    }
    const paths = host.paths.filter((p) =>
      lower(p.path).includes(needle) || lower(backendText(p.backend)).includes(needle) || lower(p.ingress).includes(needle));
    if (paths.length) hosts.push({ host, paths, whole: false });
  }
  const defaults = map.defaultBackends.filter((d) =>
    !needle || lower(backendText(d.backend)).includes(needle) || lower(d.ingress).includes(needle) || "default backend".includes(needle));
  return { hosts, defaults };
}

/**
 * Places what `visible()` kept. `expanded(hostName, pathCount)` says whether a host shows its paths.
 * Returns `{ width, height, legend, nodes, edges, toggles, shown, total }`; a node is
 * `{ key, kind, x, y, w, h, label, tag, lines, colour, marks, data }` (`data`: the engine's entry),
 * an edge `{ from, to, colour, x1, y1, x2, y2 }` (node keys), a toggle `{ host, x, y, expanded, count }`.
 */
export function layout(map, { filter = "", expanded, width }) {
  const G = geometry(width);
  const colourOf = new Map(map.ingresses.map((ing, i) => [ing.name, i % PALETTE_SIZE]));
  const make = nodeMakers(G, colourOf);
  const { hosts, defaults } = visible(map, filter);
  const legend = legendLayout(map.ingresses, G);
  const titlesY = legend.height + 4;
  const placed = (G.narrow ? placeTree : placeColumns)(G, make, hosts, defaults, expanded, titlesY + G.title);
  return {
    G, width: G.width, titlesY, legend, ...placed,
    shown: { hosts: hosts.length, paths: hosts.reduce((n, h) => n + h.paths.length, 0) },
  };
}

/** The boxes of the map's things, given where they go (`at`: { x, y, w, h }). */
function nodeMakers(G, colourOf) {
  return {
    host: (host, paths, open, at) => {
      const span = host.span; // where the host is first written (its first rule's host field)
      return { key: keys.host(host.host), kind: "host", ...at, label: hostLabel(host), tag: host.tier,
        lines: spanLines(span), file: fileOf(span), colour: null, marks: [], data: host, pathCount: paths.length, open };
    },
    tls: (host, tls, at) => ({ key: keys.tls(host.host, tls.ingress, tls.secret), kind: "tls", ...at,
      label: tls.secret ?? "(no secretName)", lines: spanLines(tls.span), file: fileOf(tls.span),
      colour: colourOf.get(tls.ingress) ?? 0, marks: [], data: { ...tls, host: host.host } }),
    path: (host, path, at) => ({ key: keys.path(path.ingress, path.rule, path.pathIndex), kind: "path", ...at,
      label: path.path || "(no path)", tag: typeTag(path.pathType), lines: spanLines(path.span), file: fileOf(path.span),
      colour: colourOf.get(path.ingress) ?? 0, marks: path.marks ?? [], data: { ...path, host: host.host } }),
    default: (d, at) => ({ key: keys.default(d.ingress), kind: "default", ...at, label: `default backend of ${d.ingress}`,
      lines: spanLines(d.span), file: fileOf(d.span), colour: colourOf.get(d.ingress) ?? 0,
      marks: d.answers === false ? [{ kind: "unused", message: "Not used: another default backend answers." }] : [], data: d }),
  };
}

/** The wide layout: host, path and backend columns, a host's paths beside it, backends shared. */
function placeColumns(G, make, hosts, defaults, expanded, top) {
  const nodes = [];
  const edges = [];
  const toggles = [];
  const backends = new Map(); // label → node
  let lastBackendY = -Infinity;
  let y = top;
  let defaultsY = null; // where the "Default backends" title goes
  const box = (x, at, w) => ({ x, y: at, w, h: G.box });

  // One box per backend, shared by the paths that reach it, unless the last one is more than
  // BACKEND_REACH rows up: then the backend gets another box here, so no line crosses the map.
  const placeBackend = (backend, atY, span) => {
    const label = backendText(backend) || "(no backend)";
    let node = backends.get(label);
    if (!node || atY - node.y > BACKEND_REACH * G.row) {
      const by = Math.max(atY, lastBackendY + G.row);
      lastBackendY = by;
      const lightKey = keys.backend(label);
      const repeat = node ? node.repeat + 1 : 0;
      node = { key: repeat ? `${lightKey}|${repeat}` : lightKey, lightKey, repeat, kind: "backend", ...box(G.backendX, by, G.backendW),
        label, lines: spanLines(span), file: fileOf(span), colour: null, marks: [], data: { backend } };
      backends.set(label, node);
      nodes.push(node);
    }
    return node;
  };

  for (const { host, paths } of hosts) {
    const open = expanded(host.host, paths.length);
    const hostNode = make.host(host, paths, open, box(G.hostX, y, G.hostW));
    nodes.push(hostNode);
    toggles.push({ host: host.host, x: G.toggleX, y, expanded: open, count: paths.length, summaryX: G.pathX + 4 });
    let rows = 1;
    if (open) {
      host.tls.forEach((tls, i) => nodes.push(make.tls(host, tls, box(G.hostX + 14, y + (i + 1) * G.row, G.hostW - 14))));
      // A few paths fan out from their host; more share a trunk halfway to the path column.
      const trunkX = paths.length > FAN_MAX ? Math.round((G.hostX + G.hostW + G.pathX) / 2) : null;
      paths.forEach((path, i) => {
        const py = y + i * G.row;
        const node = make.path(host, path, box(G.pathX, py, G.pathW));
        nodes.push(node);
        edges.push(trunkX === null ? edge(hostNode, node, node.colour) : trunked(hostNode, node, node.colour, trunkX));
        edges.push(edge(node, placeBackend(path.backend, py, path.span), node.colour));
      });
      rows = Math.max(1 + host.tls.length, paths.length);
    }
    y += rows * G.row;
  }

  if (defaults.length) {
    y += G.row / 2;
    defaultsY = y;
    y += G.row * 0.75;
    for (const d of defaults) {
      const node = make.default(d, box(G.hostX, y, G.pathX + G.pathW - G.hostX));
      nodes.push(node);
      edges.push(edge(node, placeBackend(d.backend, y, d.span), node.colour));
      y += G.row;
    }
  }
  return { nodes, edges, toggles, defaultsY, height: Math.max(y, lastBackendY + G.row) + G.row / 2 };
}

/** The narrow layout: a tree, each host across the width, its TLS entries and paths under it. */
function placeTree(G, make, hosts, defaults, expanded, top) {
  const nodes = [];
  const edges = [];
  const toggles = [];
  let y = top;
  let defaultsY = null;
  const to = (backend) => `→ ${backendText(backend) || "(no backend)"}`;

  for (const { host, paths } of hosts) {
    const open = expanded(host.host, paths.length);
    const hostNode = make.host(host, paths, open, { x: G.hostX, y, w: G.hostW, h: G.box });
    if (!open) hostNode.tag = `${host.tier} · ${paths.length} path${paths.length === 1 ? "" : "s"}`;
    nodes.push(hostNode);
    toggles.push({ host: host.host, x: G.toggleX, y, expanded: open, count: paths.length, summaryX: null });
    y += G.row;
    if (!open) continue;
    for (const tls of host.tls) {
      nodes.push(make.tls(host, tls, { x: G.pathX, y, w: G.pathW, h: G.box }));
      y += G.row;
    }
    for (const path of paths) {
      const node = make.path(host, path, { x: G.pathX, y, w: G.pathW, h: G.tallBox });
      node.sub = to(path.backend);
      nodes.push(node);
      edges.push(elbow(hostNode, node, node.colour));
      y += G.tallRow;
    }
  }
  if (defaults.length) {
    y += G.row / 2;
    defaultsY = y;
    y += G.row * 0.75;
    for (const d of defaults) {
      const node = make.default(d, { x: G.hostX, y, w: G.hostW, h: G.tallBox });
      node.sub = to(d.backend);
      nodes.push(node);
      y += G.tallRow;
    }
  }
  return { nodes, edges, toggles, defaultsY, height: y + G.row / 2 };
}

/** Roughly how wide a 12 px sans-serif text is (for placing legend entries without measuring them). */
const SANS_CHAR_W = 6.8;

/**
 * The legend: one entry per Ingress (the first LEGEND_MAX) with its colour, name, class and whether
 * the profile admits it, flowing left to right and wrapping; `more` counts the rest.
 */
function legendLayout(ingresses, G) {
  const items = [];
  let x = 0;
  let row = 0;
  const place = (chars) => {
    const w = Math.min(G.width - 4, 20 + chars * SANS_CHAR_W + 18);
    if (x > 0 && x + w > G.width) [x, row] = [0, row + 1];
    const at = { x, y: 4 + row * G.legendRow, chars: Math.min(chars, Math.floor((G.width - 42) / SANS_CHAR_W)) };
    x += w;
    return at;
  };
  ingresses.slice(0, LEGEND_MAX).forEach((ing, i) => {
    const text = [ing.name, ing.class ? `class ${ing.class}` : null, ing.admitted === false ? "not admitted" : null].filter(Boolean).join(" · ");
    items.push({ ...ing, text, colour: i % PALETTE_SIZE, ...place(text.length) });
  });
  const more = Math.max(0, ingresses.length - LEGEND_MAX);
  const moreText = `+${more} more Ingresses (colours repeat)`;
  const moreAt = more ? place(moreText.length) : null;
  return { items, more, moreText, moreAt, height: (row + 1) * G.legendRow + 8 };
}

/** A line from the right side of `from` to the left side of `to` (drawn as a curve). */
function edge(from, to, colour) {
  return { from: from.key, to: to.key, colour,
    x1: from.x + from.w, y1: from.y + from.h / 2, x2: to.x, y2: to.y + to.h / 2 };
}

/**
 * A line from `from` across to `trunkX`, down the trunk, across to `to`. Drawn only when `to` is near
 * the view (`reach: "end"`): the trunk it shares with its siblings is drawn by those in view.
 */
function trunked(from, to, colour, trunkX) {
  return { ...edge(from, to, colour), trunkX, reach: "end" };
}

/** A tree's line: down from under `from`'s start, then across to `to`'s left side (drawn when `to` is near the view). */
function elbow(from, to, colour) {
  return { from: from.key, to: to.key, colour, reach: "end",
    x1: from.x + 10, y1: from.y + from.h, x2: to.x, y2: to.y + to.h / 2, trunkX: from.x + 10 };
}

/** A host as a reader knows it: the name, or "any host" for a rule without one. */
function hostLabel(host) {
  return host.tier === "any" || !host.host ? "any host" : host.host;
}

/** The pathType as a short tag that fits the box. */
function typeTag(pathType) {
  return pathType === "ImplementationSpecific" ? "ImplSpecific" : pathType ?? "";
}
