// The site the embed tests run against: EMBED_SITE_DIR when set (e.g. dist/ after the release
// build), else a temp dir laid out like dist/: the playground (if dist/index.html exists), the
// embed/ files at the root and the JS API package in pkg/. Plus a small static server.
import { createServer } from "node:http";
import { readFile, mkdtemp, cp, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const EMBED = join(ROOT, "embed");
const PKG = join(ROOT, "crates", "wasm", "pkg");
const DIST = join(ROOT, "dist");

/** Resolves to { dir, cleanup } for the site to serve. */
export async function siteDir() {
  if (process.env.EMBED_SITE_DIR) return { dir: resolve(process.env.EMBED_SITE_DIR), cleanup: async () => {} };
  if (!existsSync(join(PKG, "ingress_sim.js")) || !existsSync(join(PKG, "ingress_sim_bg.wasm"))) {
    execFileSync("bash", [join(ROOT, "crates", "wasm", "build.sh")], { stdio: "inherit" });
  }
  const dir = await mkdtemp(join(tmpdir(), "embed-site-"));
  if (existsSync(join(DIST, "index.html"))) await cp(DIST, dir, { recursive: true });
  for (const name of await readdir(EMBED)) {
    if (name !== "README.md") await cp(join(EMBED, name), join(dir, name), { recursive: true });
  }
  await cp(PKG, join(dir, "pkg"), { recursive: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".yaml": "application/yaml",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Serves `root` on 127.0.0.1 (a free port); resolves to { url, close }. */
export function serve(root) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(done); }),
  })));
}
