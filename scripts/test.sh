#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root) and runs every test: formatting and lints, the
# Rust unit and integration tests, the generated TypeScript bindings check, the UI's type
# check, lint and tests, and the end-to-end tests in the real window (Xvfb + tauri-driver +
# WebKitWebDriver). Screenshots land in artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TERM_COLOR=never
step() { printf '\n==> %s\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "ui: build (the app embeds ui/dist, so it comes first)"
(cd ui && npm run --silent build >/dev/null)

step "rust: format and lints"
cargo fmt --all --check
cargo clippy --quiet --workspace --all-targets -- -D warnings

step "rust: unit and integration tests (core, cli, storage on real SQLite files)"
cargo test --workspace --quiet

step "TypeScript bindings are up to date"
cargo test --quiet -p strikecover-core --features ts export_bindings >/dev/null
if ! git diff --quiet -- ui/src/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/bindings)" ]; then
  git status --short ui/src/bindings
  echo "ui/src/bindings is stale: run 'cargo test -p strikecover-core --features ts export_bindings' and commit"
  exit 1
fi

step "ui: type check, lint, unit tests"
(cd ui && npm run --silent typecheck && npm run --silent lint && npm test --silent)

step "end to end: the real window"
bin=$(bash scripts/build-app.sh | tail -n 1)
STRIKECOVER_APP="$bin" node --test --test-concurrency=1 tests/e2e/
