// A small, safe Markdown subset for lesson prose: headings, paragraphs, emphasis, inline code,
// fenced code blocks, lists, block quotes and links to http(s) URLs only. A lesson may come from
// anyone's link, so its text never reaches innerHTML: `markdownTree` turns it into plain
// `{ tag, attrs, children }` nodes (strings for text; testable in Node) and `toNodes` builds
// those with createElement and text nodes. Anything else Markdown has (HTML, images, tables)
// shows as the text it is.

/** Tags `toNodes` may create: the tree never names another (a safety net for future edits). */
const TAGS = new Set(["h3", "h4", "h5", "h6", "p", "pre", "code", "ul", "ol", "li", "blockquote", "em", "strong", "a"]);

/** The Markdown `text` as an array of nodes (`{ tag, attrs, children }` or strings). */
export function markdownTree(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out = [];
  let at = 0;
  while (at < lines.length) {
    const line = lines[at];
    if (!line.trim()) { at++; continue; }
    const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      const body = [];
      at++;
      while (at < lines.length && !new RegExp(`^ {0,3}${fence[1][0]}{${fence[1].length},}\\s*$`).test(lines[at])) body.push(lines[at++]);
      at++; // the closing fence (the lesson parser has checked there is one)
      out.push(node("pre", {}, [node("code", {}, [body.join("\n")])]));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      // The lesson's title is the panel's heading (h2): its sections start at h3.
      out.push(node(`h${Math.min(heading[1].length + 2, 6)}`, {}, inline(heading[2])));
      at++;
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const quoted = [];
      while (at < lines.length && /^\s{0,3}>/.test(lines[at])) quoted.push(lines[at++].replace(/^\s{0,3}>\s?/, ""));
      out.push(node("blockquote", {}, markdownTree(quoted.join("\n"))));
      continue;
    }
    const item = listItem(line);
    if (item) {
      const list = node(item.ordered ? "ol" : "ul", {}, []);
      while (at < lines.length) {
        const next = listItem(lines[at]);
        if (next && next.ordered === item.ordered) {
          list.children.push({ tag: "li", attrs: {}, text: [next.text] });
          at++;
        } else if (lines[at].trim() && /^\s{2,}/.test(lines[at]) && list.children.length) {
          list.children.at(-1).text.push(lines[at++].trim()); // a continuation line
        } else break;
      }
      list.children = list.children.map((li) => node("li", {}, inline(li.text.join(" "))));
      out.push(list);
      continue;
    }
    const paragraph = [];
    while (at < lines.length && lines[at].trim() && !startsBlock(lines[at])) paragraph.push(lines[at++].trim());
    out.push(node("p", {}, inline(paragraph.join(" "))));
  }
  return out;
}

function node(tag, attrs, children) {
  return { tag, attrs, children };
}

/** `- x`, `* x`, `+ x` or `1. x` / `1) x`: { ordered, text }, or null. */
function listItem(line) {
  const match = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/.exec(line);
  return match ? { ordered: !match[1], text: match[3] } : null;
}

function startsBlock(line) {
  return /^ {0,3}(`{3,}|~{3,})/.test(line) || /^#{1,6}\s/.test(line) || /^\s{0,3}>/.test(line) || listItem(line) !== null;
}

/**
 * Inline Markdown: `code`, **strong**, *em* / _em_, [text](http(s) URL), backslash escapes.
 * A link to any other scheme (javascript:, data:…) is shown as its text only.
 */
export function inline(text) {
  const out = [];
  let plain = "";
  const push = (item) => {
    if (plain) out.push(plain);
    plain = "";
    out.push(item);
  };
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    let match;
    if (rest[0] === "\\" && /^[\\`*_[\]()#+\-.!>]/.test(rest.slice(1))) {
      plain += rest[1];
      at += 2;
    } else if ((match = /^(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest))) {
      push(node("code", {}, [match[2].replace(/^ (.*) $/, "$1")]));
      at += match[0].length;
    } else if ((match = /^\[([^\]]+)\]\(\s*<?([^)\s>]*)>?\s*\)/.exec(rest))) {
      const href = match[2];
      if (isSafeHref(href)) push(node("a", { href, rel: "noopener noreferrer", target: "_blank" }, inline(match[1])));
      else push(...inline(match[1]));
      at += match[0].length;
    } else if ((match = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest))) {
      push(node("strong", {}, inline(match[2])));
      at += match[0].length;
    } else if ((match = /^([*_])(?=\S)([\s\S]*?\S)\1(?![*_\w])/.exec(rest)) && !(rest[0] === "_" && /\w$/.test(plain))) {
      push(node("em", {}, inline(match[2])));
      at += match[0].length;
    } else {
      plain += rest[0];
      at += 1;
    }
  }
  if (plain) out.push(plain);
  return out;
}

/** Only absolute http(s) URLs become links. */
function isSafeHref(href) {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** DOM nodes for a tree of `markdownTree` (text only ever as text nodes). */
export function toNodes(tree, doc = document) {
  return tree.map((item) => {
    if (typeof item === "string") return doc.createTextNode(item);
    if (!TAGS.has(item.tag)) return doc.createTextNode(textOf(item));
    const el = doc.createElement(item.tag);
    for (const [name, value] of Object.entries(item.attrs)) {
      if (name === "href" && !isSafeHref(value)) continue;
      el.setAttribute(name, value);
    }
    el.append(...toNodes(item.children, doc));
    return el;
  });
}

/** The text of a tree node (what a reader sees). */
export function textOf(item) {
  return typeof item === "string" ? item : item.children.map(textOf).join("");
}

/** Renders Markdown into `host` (its children replaced). */
export function renderMarkdown(host, text) {
  host.replaceChildren(...toNodes(markdownTree(text), host.ownerDocument));
  return host;
}
