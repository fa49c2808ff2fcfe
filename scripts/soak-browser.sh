#!/usr/bin/env bash
# Runs the browser suites (JS API in Chromium, playground end-to-end, docs widget) N times back to
# back against an existing release build, optionally with every core kept busy, and prints one
# line per run. A race that shows once in ten runs here would show in CI sooner or later.
#
#   bash scripts/soak-browser.sh [RUNS] [--load] [--dist DIR]
#
# RUNS defaults to 10. --load keeps every core busy (one spinning process per core) while the
# suites run, as a parallel build would. --dist serves another build than dist/. Needs a release
# build first (`trunk build --release`, as scripts/test.sh does). Exits 1 when any run failed;
# the failing runs' output is kept under target/soak/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

runs=10
load=false
dist="$PWD/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --load) load=true ;;
    --dist) dist="$(cd "$2" && pwd)"; shift ;;
    [0-9]*) runs="$1" ;;
    *) echo "usage: $0 [RUNS] [--load] [--dist DIR]" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$dist/index.html" ] || { echo "no release build in $dist: run trunk build --release first" >&2; exit 2; }

spinners=()
stop_load() { [ ${#spinners[@]} -eq 0 ] || kill "${spinners[@]}" 2>/dev/null || true; }
trap stop_load EXIT
if $load; then
  for _ in $(seq "$(nproc)"); do
    node -e 'for (;;) {}' &
    spinners+=($!)
  done
fi

logs=target/soak
mkdir -p "$logs"
failed=0
for run in $(seq "$runs"); do
  log="$logs/run-$run.log"
  started=$(date +%s)
  if E2E_DIST="$dist" EMBED_SITE_DIR="$dist" node --test tests/e2e/ tests/embed/ tests/js/ >"$log" 2>&1; then
    verdict=passed
    rm -f "$log"
  else
    verdict="FAILED (output: $log)"
    failed=$((failed + 1))
  fi
  printf 'run %d/%d: %s in %ss%s\n' "$run" "$runs" "$verdict" "$(($(date +%s) - started))" "$($load && echo ', cores busy' || true)"
done
echo "$((runs - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
