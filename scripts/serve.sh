#!/usr/bin/env bash
# Builds the playground (release) and serves it on http://127.0.0.1:8080, rebuilding on change.
# Installs what is missing first (scripts/setup.sh serve).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
echo "Serving the playground on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release --address 127.0.0.1 --port 8080
