#!/usr/bin/env bash
# The README's quick start: `scripts/dev.sh run` (install, demo data, open the app) and
# `scripts/dev.sh test` (install with test tools, run the whole suite). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${FIELDAPP_VENV:-.venv}"
PY="${PYTHON:-python3}"

# Qt's offscreen/xcb plugins and the certificate tests (pdftoppm) need these Debian packages.
SYSTEM_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
                 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 poppler-utils
                 chromium)  # chromium: the server pages' browser tests (Playwright drives it)

system_packages() {
  command -v dpkg-query >/dev/null || return 0   # not Debian/Ubuntu: see the README
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  "$PY" -c 'import ensurepip' 2>/dev/null || missing+=("python3-venv")
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing system packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# The central server's tests run against the machine's PostgreSQL (127.0.0.1:5432, user postgres):
# start the cluster when it is installed and down. Where there is none the tests skip it, except
# under CI=true, where a PostgreSQL that cannot be reached fails them.
start_postgres() {
  command -v pg_isready >/dev/null || return 0
  pg_isready -q -h 127.0.0.1 -p 5432 && return 0
  local cluster
  cluster=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$cluster" ] || return 0
  echo "Starting PostgreSQL $cluster"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || true
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  echo "PostgreSQL $cluster did not come up on 127.0.0.1:5432" >&2
}

venv() {
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".$1"
}

case "${1:-}" in
  run)
    system_packages
    venv ""
    # demo --open: builds the demo organisation in an empty data directory, then opens the app
    exec "$VENV/bin/fieldapp" demo --open
    ;;
  test)
    system_packages
    start_postgres
    venv "[dev]"
    "$VENV/bin/ruff" check src tests bench scripts
    "$VENV/bin/ruff" format --check --quiet src tests bench scripts
    export QT_QPA_PLATFORM=offscreen
    exec "$VENV/bin/python" -m pytest "${@:2}"
    ;;
  *)
    echo "usage: scripts/dev.sh run|test [pytest args]" >&2
    exit 2
    ;;
esac
