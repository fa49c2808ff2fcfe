// The built pages' Content-Security-Policy, and what makes them satisfy it.
//
//   node scripts/csp.mjs DIR   (run by scripts/trunk-hooks.sh post-build, every profile)
//
// 1. Every inline script of DIR/*.html moves to a file of its own next to the page, loaded by
//    `src` with its subresource-integrity hash. trunk 0.21 writes the wasm loader inline
//    (`<script type="module">import init … from '/ingress-sim-web-….js'; await init(…)</script>`)
//    and has no option to write it to a file (trunk-rs/trunk#288; its `pattern_script` could
//    only point at a fixed loader that reads the hashed names back from the page, without their
//    integrity); `trunk serve` adds an inline live-reload script too. Moved out, no script of
//    any page needs 'unsafe-inline', and the index.html source keeps its crash-banner script
//    inline, where it is read with the page.
// 2. Every page gets the policy below as `<meta http-equiv="Content-Security-Policy">`, before
//    anything it governs (a meta policy covers only what follows it). Hosts that can send headers should
//    send the same policy as a header, plus the directives a meta cannot carry (README.md).
//
// scripts/minify-js.mjs runs after this and keeps the moved scripts' integrity hashes true.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** What every page may load: its own origin's scripts, styles, wasm and data; nothing else. */
const BASE_POLICY = {
  "default-src": ["'none'"],
  // 'wasm-unsafe-eval' lets WebAssembly.instantiateStreaming compile the simulator; it allows no
  // JavaScript eval. Scripts come from this origin only (the JS API's pkg/ by dynamic import too).
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  // Stylesheet files only: the widget styles its shadow root with a constructed stylesheet, which
  // CSP does not restrict, so no inline <style> is needed anywhere.
  "style-src": ["'self'"],
  // fetch(): the wasm files, the examples gallery (examples/*.yaml), a widget's same-site `src`.
  "connect-src": ["'self'"],
  // The pages' icon is `data:,` (an empty icon: no request for /favicon.ico).
  "img-src": ["'self'", "data:"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
};

/** Per page, the directives it needs beyond the base policy. */
const PAGE_POLICY = {
  // yew renders `style="top:…"` attributes (the editor's line numbers and marks are positioned
  // per line, web/src/components/editor.rs). style-src-attr allows those attributes only; inline
  // <style> elements stay forbidden (style-src-elem falls back to style-src 'self').
  "index.html": { "style-src-attr": ["'unsafe-inline'"] },
  // The demo page frames the iframe twin (embed.html) from this origin.
  "embed-demo.html": { "frame-src": ["'self'"] },
};

/** The policy text of a page (by file name, e.g. "index.html"). */
export function policyFor(page) {
  const directives = { ...BASE_POLICY, ...(PAGE_POLICY[page] ?? {}) };
  return Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");
}

const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const EXECUTABLE_TYPES = new Set(["", "module", "text/javascript", "application/javascript"]);

/** An attribute's value in an attribute list (quoted or not), or null. */
function attribute(attrs, name) {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(attrs);
  return match ? match[1] ?? match[2] ?? match[3] : null;
}

/** `trunk serve` fills these in the HTML it serves, never in a script file: do it here. */
function resolveServePlaceholders(code) {
  return code
    .replaceAll("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
    .replaceAll("`{{__TRUNK_ADDRESS__}}`", "window.location.host")
    .replaceAll("{{__TRUNK_WS_BASE__}}", process.env.TRUNK_PUBLIC_URL || "/");
}

/** Moves a page's inline scripts to files in `dir`; returns the page's new HTML. */
export function externalizeScripts(html, dir) {
  return html.replace(SCRIPT, (whole, attrs, code) => {
    const type = (attribute(attrs, "type") ?? "").trim().toLowerCase();
    if (attribute(attrs, "src") !== null || !EXECUTABLE_TYPES.has(type) || !code.trim()) return whole;
    const source = resolveServePlaceholders(code);
    const name = `inline-${createHash("sha256").update(source).digest("hex").slice(0, 16)}.js`;
    writeFileSync(join(dir, name), source);
    const kept = attrs.replace(/\s*\bnonce\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, "");
    return `<script${kept} src="./${name}" integrity="${sri(source)}"></script>`;
  });
}

const META = /<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*/gi;

/** The page with its policy right after `<meta charset>` (else first in <head>), replacing any earlier one. */
export function withPolicy(html, policy) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const cleaned = html.replace(META, "");
  const anchor = /<meta\s+charset\b[^>]*>/i.exec(cleaned) ?? /<head\b[^>]*>/i.exec(cleaned);
  if (!anchor) throw new Error("no <head> to put the Content-Security-Policy in");
  const at = anchor.index + anchor[0].length;
  return `${cleaned.slice(0, at)}${meta}${cleaned.slice(at)}`;
}

/** Applies both steps to every page at the root of `dir`; returns the pages' names. */
export function securePages(dir) {
  const pages = readdirSync(dir).filter((f) => f.endsWith(".html"));
  for (const page of pages) {
    const file = join(dir, page);
    const html = externalizeScripts(readFileSync(file, "utf8"), dir);
    writeFileSync(file, withPolicy(html, policyFor(page)));
  }
  return pages;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node scripts/csp.mjs DIR");
    process.exit(2);
  }
  console.log(`csp: ${securePages(dir).join(", ")}: inline scripts moved to files, policy set`);
}
