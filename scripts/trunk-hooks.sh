#!/usr/bin/env bash
# Trunk build hooks (Trunk.toml [[hooks]]), run from the project root.
#   pre-build:  builds the JS API packages (crates/wasm/pkg-ingress and crates/wasm/pkg) that the
#               docs widget and the playground load.
#   post-build: copies the docs widget (embed/, README excepted) to the dist root and the JS API
#               packages to dist/pkg/ (without Gateway API, what embed/engine.js loads by default)
#               and dist/pkg-gateway/ (with it, loaded for Gateway API input), so one build serves the playground, the widget, the iframe
#               twin (embed.html) and the demo page (embed-demo.html); writes the examples gallery
#               in the page's state format (scripts/gallery-states.mjs); then gives every page its
#               Content-Security-Policy, moving inline scripts to files (scripts/csp.mjs), and, in
#               release builds, minifies every script (scripts/minify-js.mjs: trunk's minifier
#               cannot parse wasm-bindgen's loader).
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  pre-build)
    bash crates/wasm/build.sh
    ;;
  post-build)
    staging=${TRUNK_STAGING_DIR:?trunk sets TRUNK_STAGING_DIR}
    find embed -maxdepth 1 -type f ! -name README.md -exec cp {} "$staging/" \;
    for flavour in pkg-ingress:pkg pkg:pkg-gateway; do
      mkdir -p "$staging/${flavour#*:}"
      for file in ingress_sim.js ingress_sim_bg.wasm ingress_sim.d.ts; do
        cp "crates/wasm/${flavour%%:*}/$file" "$staging/${flavour#*:}/"
      done
    done
    node scripts/gallery-states.mjs "$staging"
    node scripts/csp.mjs "$staging"
    if [ "${TRUNK_PROFILE:-}" = release ]; then
      node scripts/minify-js.mjs "$staging"
    fi
    ;;
  *)
    echo "usage: $0 pre-build|post-build" >&2
    exit 2
    ;;
esac
