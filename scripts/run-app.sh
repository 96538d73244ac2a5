#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root) and starts Strike Cover.
# The database is the app's own (in the local data directory) unless --db PATH or
# STRIKECOVER_DB says otherwise; on first start the window offers the demo trust.
# Without a display (a server or a container), the window opens on a virtual one (Xvfb :99).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bin=$(bash scripts/build-app.sh | tail -n 1)
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-app: no display; starting Xvfb on :99 (connect a VNC viewer or take screenshots there)"
  Xvfb :99 -screen 0 1400x900x24 >/dev/null 2>&1 &
  export DISPLAY=:99
  sleep 1
fi
echo "run-app: starting $bin $*"
exec "$bin" "$@"
