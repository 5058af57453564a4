"""Every web text exists in German and English: the catalogue is current and fully translated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "webform" / "translations"


def _catalogue(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def test_the_template_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "webform/babel.cfg", "-k", "_l",
         "--no-location", "--omit-header", "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    extracted = {m.id for m in _catalogue(fresh) if m.id}
    committed = {m.id for m in _catalogue(TRANSLATIONS / "messages.pot") if m.id}
    assert extracted == committed, "run `make translations` and translate the new texts"


def test_every_text_has_a_german_translation() -> None:
    committed = {m.id for m in _catalogue(TRANSLATIONS / "messages.pot") if m.id}
    german = {m.id: m for m in _catalogue(TRANSLATIONS / "de" / "LC_MESSAGES" / "messages.po") if m.id}
    missing = sorted(mid for mid in committed if mid not in german or not german[mid].string)
    fuzzy = sorted(mid for mid, m in german.items() if m.fuzzy)
    assert missing == [] and fuzzy == []
