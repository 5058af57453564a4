"""Writes the table's `before` column: what the chat stored for each answer at an earlier revision.

    .venv/bin/python -m tests.phrasings.record_before REVISION

The revision's programmes/ and bot/nlu/ are exported to a temporary folder and read there, with its own
finders (`find_amounts(text)`, `find_durations(text)`, `find_dates(text, today)`) and readers, the entity
first as the chat does. Run once when the readers change a lot; the tests only read the column.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO

from tests.phrasings import TABLE, TODAY, rows

_OLD_CHAT = """
import datetime as dt, json, os, sys
os.environ["KIEZLOTSE_TODAY"] = sys.argv[1]
from programmes import answers
from programmes.amounts import find_amounts
from programmes.errors import FieldError
from bot.nlu.dates import find_dates
from bot.nlu.durations import find_durations
today = dt.date.fromisoformat(sys.argv[1])
def outcome(read):
    try:
        value = read()
    except FieldError as error:
        return "ask" if error.key.endswith("_ambiguous") else "-"
    return value.isoformat() if isinstance(value, dt.date) else str(value)
out = []
for lang, kind, text in json.load(sys.stdin):
    if kind == "amount":
        found = [a.value for a in find_amounts(text)]
        out.append(outcome(lambda: answers.read_amount(found[0] if found else text, lang)))
    elif kind == "duration":
        found = [d.value for d in find_durations(text)]
        out.append(outcome(lambda: answers.read_months(found[0] if found else text)))
    elif kind == "date":
        found = [d.value for d in find_dates(text, today)]
        out.append(outcome(lambda: answers.read_date(found[0] if found else text, lang)))
    else:
        out.append(outcome(lambda: answers.read_participants(text)))
json.dump(out, sys.stdout)
"""


def main(revision: str) -> None:
    archive = subprocess.run(
        ["git", "archive", revision, "programmes", "bot/__init__.py", "bot/nlu"], check=True, capture_output=True
    ).stdout
    table = rows()
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as exported:
            exported.extractall(folder, filter="data")
        result = subprocess.run(
            [sys.executable, "-c", _OLD_CHAT, TODAY.isoformat()],
            input=json.dumps([[r.lang, r.kind, r.text] for r in table]),
            capture_output=True,
            text=True,
            check=True,
            cwd=folder,
            env={"PYTHONPATH": folder, "PATH": "/usr/bin:/bin"},
        )
    before = json.loads(result.stdout)
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    data = iter(before)
    out = []
    header_seen = False
    for line in lines:
        if line.startswith("#") or not line:
            out.append(line)
        elif not header_seen:
            header_seen = True
            out.append(line)
        else:
            fields = line.split("\t")
            fields[4] = next(data)
            out.append("\t".join(fields))
    TABLE.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"record_before: {len(before)} rows from {revision}")


if __name__ == "__main__":
    main(sys.argv[1])
