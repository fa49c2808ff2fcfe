#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already present (idempotent).
#
#   scripts/setup.sh serve   # Rust wasm target, trunk, wasm-bindgen-cli, npm packages (wasm-opt)
#   scripts/setup.sh test    # the same, plus Debian's chromium + chromium-driver and nginx-light
#
# Registries only: crates.io, npm, Debian. Nothing is downloaded from GitHub (trunk runs offline).
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-test}
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== setup: %s\n' "$*"; }

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (about 8 minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file names a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci (binaryen for wasm-opt, terser, playwright-core)"
  npm ci --no-audit --no-fund
fi

if [ "$purpose" = test ]; then
  if [ ! -f crates/wasm/ts-check/node_modules/.package-lock.json ] || [ crates/wasm/ts-check/package-lock.json -nt crates/wasm/ts-check/node_modules/.package-lock.json ]; then
    step "npm ci in crates/wasm/ts-check (TypeScript, for the JS API's type tests)"
    npm ci --prefix crates/wasm/ts-check --no-audit --no-fund
  fi
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi

step "cargo fetch (trunk builds offline)"
cargo fetch --quiet
echo "setup: ready ($purpose)"
