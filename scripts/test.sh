#!/usr/bin/env bash
# Runs every test: engine and CLI (native), the engine built for wasm32, the JS API in Node and
# Chromium, the UI's wasm-bindgen tests in headless Chromium, and Playwright end-to-end tests
# against the release build. Installs what is missing first (scripts/setup.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)}
export CARGO_TERM_COLOR=never

started=$(date +%s)
step() { printf '\n== test: %s (at %ss)\n' "$*" "$(( $(date +%s) - started ))"; }

step "formatting and lints (rustfmt, clippy -D warnings)"
cargo fmt --all --check
cargo clippy --locked -p ingress-engine -p ingress-sim -p ingress-sim-wasm --all-targets --features ingress-engine/readback -- -D warnings
cargo clippy --locked -p ingress-engine --no-default-features -- -D warnings
cargo clippy --locked -p ingress-sim-web --target wasm32-unknown-unknown --all-targets -- -D warnings
# The engine's crate docs are its manual (the routing rules R1–R7 live there): no broken or private links.
RUSTDOCFLAGS="-D warnings" cargo doc --locked -p ingress-engine --no-deps

step "engine, CLI and JS API crates (native): unit, corpus, validation, property and CLI tests"
cargo test --locked -p ingress-engine -p ingress-sim -p ingress-sim-wasm --features ingress-engine/readback

step "engine builds for wasm32-unknown-unknown"
cargo build --locked -p ingress-engine --target wasm32-unknown-unknown

step "CLI contract (shared/tools/check-cli-contract)"
cargo build --locked --release -p ingress-sim
if [ -f ../shared/tools/check-cli-contract ]; then
  python3 ../shared/tools/check-cli-contract target/release/ingress-sim
else
  echo "skipped: ../shared/tools/check-cli-contract is not present next to this checkout"
fi

step "JS API: build crates/wasm/pkg, then Node and Chromium tests"
bash crates/wasm/build.sh
node --test tests/js/

step "UI: wasm-bindgen tests in headless Chromium"
cargo test --locked -p ingress-sim-web --target wasm32-unknown-unknown

step "UI: release build (trunk: playground, docs widget, iframe twin, demo page)"
trunk build --release

step "UI: Playwright end-to-end tests of the playground (dist/index.html)"
node --test tests/e2e/

step "Docs widget: Playwright tests on dist/embed-demo.html"
EMBED_SITE_DIR="$PWD/dist" node --test tests/embed/

step "all suites passed in $(( $(date +%s) - started ))s"
