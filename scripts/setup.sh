#!/usr/bin/env bash
# Installs what Strike Cover needs on Debian 12, skipping whatever is already there:
# Debian packages (Tauri's WebKitGTK stack, Xvfb and WebKitWebDriver for end-to-end tests,
# the sqlite3 shell for the benchmark), the UI's npm packages, and tauri-driver.
# Run as root (or with sudo). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  libwebkit2gtk-4.1-dev build-essential file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config curl
  webkit2gtk-driver xvfb sqlite3 xauth poppler-utils
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v node >/dev/null || { echo "setup: Node.js 20 or later is needed (apt-get install nodejs npm)"; exit 1; }
command -v cargo >/dev/null || { echo "setup: Rust (cargo) is needed: https://rustup.rs"; exit 1; }

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver (about 2 minutes)"
  cargo install tauri-driver --locked --quiet
fi
