#!/usr/bin/env bash
# Re-resolves both lock files from requirements/*.in. Run by maintainers, never at install time.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=var/lock-tools
[ -x "$tools/bin/uv" ] || { python3.11 -m venv "$tools" && "$tools/bin/pip" install -q uv; }
uv="$tools/bin/uv"
"$uv" pip compile -q --python-version 3.11 requirements/app.in -o requirements/app.lock
"$uv" pip compile -q --python-version 3.11 requirements/places.in -o requirements/places.lock
# Rasa 3.6 only declares Python <3.11: resolve for 3.10, then swap matplotlib 3.5 (no 3.11 wheel,
# and its source build downloads) for 3.6.3, which needs contourpy.
"$uv" pip compile -q --python-version 3.10 requirements/rasa.in -o requirements/rasa.lock
sed -i 's/^matplotlib==3\.5\.3$/matplotlib==3.6.3\ncontourpy==1.0.7/' requirements/rasa.lock
grep -q '^contourpy==1.0.7$' requirements/rasa.lock || { echo "lock: matplotlib pin changed; update ops/lock.sh" >&2; exit 1; }
echo "lock: requirements/app.lock, requirements/places.lock and requirements/rasa.lock updated"
