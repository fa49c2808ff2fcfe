// Serves dist/ (or $E2E_DIST, a build made with `trunk build --release --dist DIR`) for the
// end-to-end tests, or by hand: node tests/e2e/serve.mjs [port]
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDirectory } from "../support/browser.mjs";

export const DIST = process.env.E2E_DIST
  ? resolve(process.env.E2E_DIST)
  : resolve(fileURLToPath(new URL("../../dist", import.meta.url)));

/** Starts the server on dist/; resolves to { url, close }. Port 0 picks a free port. */
export function serve(port = 0, root = DIST) {
  return serveDirectory(root, { port });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] ?? 8080));
  console.log(`serving ${DIST} at ${url}`);
}
