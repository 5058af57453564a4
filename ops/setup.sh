#!/usr/bin/env bash
# Installs what is missing, and nothing else: both virtualenvs from their pinned lock files,
# compiled translations; with --test Debian's chromium for the browser tests and Debian's nginx for the
# production-topology tests; with --production Debian's nginx and the two PostgreSQL databases
# (drafts: DATABASE_URL, conversations: TRACKER_DATABASE_URL; see ops/databases.py).
# Idempotent: an environment is reinstalled only when its lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
mkdir -p var/log

die() { echo "setup: $*" >&2; exit 1; }

command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: install Python 3.11 (or set PYTHON=/path/to/python3.11)"

# install_env VENV LOCK [pip options]: (re)creates VENV from LOCK when the lock's hash changed.
install_env() {
  local venv=$1 lock=$2; shift 2
  [ -f "$lock" ] || die "missing lock file $lock: restore it from git, or run 'make lock' to create it"
  local want stamp="$venv/.installed-lock-sha256"
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  local log="var/log/setup-$(basename "$venv").log"
  echo "setup: installing $venv from $lock (the first time takes a few minutes; log: $log)"
  [ -x "$venv/bin/python" ] || "$PYTHON" -m venv "$venv" >"$log" 2>&1 || die "could not create $venv; see $log"
  # --no-deps: the lock is complete and pinned, so nothing is resolved at install time.
  if ! "$venv/bin/python" -m pip install --disable-pip-version-check --no-deps "$@" -r "$lock" >>"$log" 2>&1; then
    die "installing $venv failed (network or disk?); see $log, fix it and run the command again"
  fi
  echo "$want" >"$stamp"
}

# The form service (SQLAlchemy 2) and the Rasa server (SQLAlchemy <1.5) cannot share one environment.
install_env .venv requirements/app.lock
# Rasa 3.6 declares Python <3.11 but runs on 3.11 from a lock resolved for 3.10 (see README).
install_env .venv-rasa requirements/rasa.lock --ignore-requires-python

if [ -d webform/translations ]; then
  .venv/bin/pybabel compile -d webform/translations >var/log/setup-translations.log 2>&1 \
    || die "compiling translations failed; see var/log/setup-translations.log"
fi

# install_debian PACKAGE LOG: apt-get install, as root only (the message says what to run otherwise).
install_debian() {
  local package=$1 log=$2
  [ "$(id -u)" = 0 ] || die "this needs Debian's $package: run 'sudo apt-get install $package'"
  echo "setup: installing Debian's $package (log: $log)"
  # RUNLEVEL=1: the package's own service is not started; our nginx runs under supervisord.
  { apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"; } \
    >"$log" 2>&1 || die "installing $package failed; see $log"
}

if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--production" ]; then
  [ -x /usr/sbin/nginx ] || install_debian nginx var/log/setup-nginx.log
fi

if [ "${1:-}" = "--production" ]; then
  .venv/bin/python -m ops.databases || die "could not create the production databases (see above)"
fi

if [ "${1:-}" = "--test" ] && [ ! -x /usr/bin/chromium ]; then
  [ "$(id -u)" = 0 ] || die "the browser tests need Debian's chromium: run 'sudo apt-get install chromium'"
  echo "setup: installing Debian's chromium for the browser tests (log: var/log/setup-chromium.log)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
    >var/log/setup-chromium.log 2>&1 || die "installing chromium failed; see var/log/setup-chromium.log"
fi
