#!/usr/bin/env bash
# Builds the UI and the desktop app with the UI embedded (no dev server needed).
# Also builds the command-line tool (the end-to-end tests cross-check the window with it).
# Prints the path of the app's binary on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
(cd ui && npm run --silent build >/dev/null)
cargo build --quiet -p strikecover-app -p strikecover-cli
echo "$CARGO_TARGET_DIR/debug/strikecover-app"
