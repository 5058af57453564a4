#!/usr/bin/env bash
# Rebuilds programmes/places_de.tsv from GeoNames (ops/build_places.py). Run by maintainers after changing
# the generator or its pinned sources (requirements/places.lock), never at install or run time.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
tools=var/places-tools
stamp="$tools/.installed-lock-sha256"
want=$(sha256sum requirements/places.lock | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  [ -x "$tools/bin/python" ] || "$PYTHON" -m venv "$tools"
  "$tools/bin/python" -m pip install -q --disable-pip-version-check --no-deps -r requirements/places.lock
  echo "$want" >"$stamp"
fi
"$tools/bin/python" ops/build_places.py "$@"
