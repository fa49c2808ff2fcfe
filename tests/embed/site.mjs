// The site the embed tests run against: EMBED_SITE_DIR when set (e.g. dist/ after the release
// build), else a temp dir laid out like dist/: the playground (if dist/index.html exists), the
// embed/ files at the root, the Teach views in teach/ (view="steps"), the Gateway view's drawing in
// gateway/, and the JS API packages in pkg/ (without Gateway API) and pkg-gateway/ (with it). Plus a small static server.
import { mkdtemp, cp, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDirectory } from "../support/browser.mjs";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const EMBED = join(ROOT, "embed");
const PKG = join(ROOT, "crates", "wasm", "pkg"); // with Gateway API: served as pkg-gateway/
const PKG_INGRESS = join(ROOT, "crates", "wasm", "pkg-ingress"); // without: served as pkg/ (embed/engine.js)
const DIST = join(ROOT, "dist");
const TEACH = join(ROOT, "web", "teach");

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
  await cp(TEACH, join(dir, "teach"), { recursive: true });
  await cp(join(ROOT, "web", "gateway"), join(dir, "gateway"), { recursive: true }); // Gateway API decisions' drawing
  await cp(existsSync(join(PKG_INGRESS, "ingress_sim.js")) ? PKG_INGRESS : PKG, join(dir, "pkg"), { recursive: true });
  await cp(PKG, join(dir, "pkg-gateway"), { recursive: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Serves `root` on 127.0.0.1 (a free port); resolves to { url, close }. */
export function serve(root) {
  return serveDirectory(root);
}
