// Minifies the JavaScript of a trunk build in place, and keeps the HTML's subresource-integrity
// hashes true. Trunk's own minifier cannot parse wasm-bindgen's loader ("Failed to minify JS:
// RequiredTokenNotFound(Identifier)") and ships it whole; terser cuts the playground's loader from
// 7.9 to 6.0 KB gzipped and the docs widget and JS API scripts by a third (docs/performance.md).
//
// usage: node scripts/minify-js.mjs DIR   (run by scripts/trunk-hooks.sh post-build)
import { minify } from "terser";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/minify-js.mjs DIR");
  process.exit(2);
}

const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js")).map((f) => join(dir, f));
const pages = readdirSync(dir).filter((f) => f.endsWith(".html")).map((f) => join(dir, f));
const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;

/** The files the pages load as classic scripts (`<script src>` without type=module, e.g. the
 * crash banner's): minified as scripts, since module rules (strict mode, top-level names
 * mangled as if private) would change what they do. */
function classicScripts() {
  const classic = new Set();
  for (const page of pages) {
    for (const [tag] of readFileSync(page, "utf8").matchAll(/<script\b[^>]*>/gi)) {
      const src = /\ssrc=["']?([^"'\s>]+)/i.exec(tag)?.[1];
      if (src && !/\stype=["']?module\b/i.test(tag)) classic.add(join(dir, src.replace(/^\.?\//, "")));
    }
  }
  return classic;
}
const classic = classicScripts();

let before = 0;
let after = 0;
const hashes = new Map();
for (const file of files) {
  const source = readFileSync(file, "utf8");
  const result = await minify(source, { module: !classic.has(file), compress: { passes: 2 }, mangle: true });
  if (typeof result.code !== "string") throw new Error(`${file}: terser returned no code`);
  writeFileSync(file, result.code);
  hashes.set(sri(source), sri(result.code));
  before += source.length;
  after += result.code.length;
}
for (const page of pages) {
  let html = readFileSync(page, "utf8");
  for (const [old, fresh] of hashes) html = html.split(old).join(fresh);
  writeFileSync(page, html);
}
console.log(`minify-js: ${files.length} scripts, ${before} → ${after} bytes`);
