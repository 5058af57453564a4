"""What the browser tests share: Debian's chromium, screenshots under test-output/ (not committed), and
accessibility checks with axe-core, run from the copy the axe-playwright-python package ships (no CDN)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without these flags chromium keeps trying to reach Google's services from this closed network.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Screenshots and the accessibility results of a run; ignored by git.
OUTPUT = ROOT / "test-output"
# axe-core impacts that fail a page; "minor" and "moderate" findings are recorded, not failed.
BLOCKING_IMPACTS = ("serious", "critical")


def launch() -> Iterator[Browser]:
    """Debian's chromium, headless, for one test module."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Screenshots:
    """Numbered full-page screenshots of one journey: test-output/<journey>/01-<step>.png, …"""

    def __init__(self, journey: str) -> None:
        self.folder = OUTPUT / "journeys" / journey
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.steps: list[str] = []

    def write(self, name: str, lines: list[str]) -> Path:
        """A text record beside the screenshots (the conversation, the steps)."""
        path = self.folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def take(self, page: Page, step: str) -> Path:
        self.steps.append(step)
        name = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        path = self.folder / f"{len(self.steps):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@dataclass
class AxeReport:
    """axe-core results per page and language, written to test-output/axe/<name>.json."""

    name: str
    pages: list[dict[str, Any]] = field(default_factory=list)

    def scan(self, page: Page, label: str) -> list[dict[str, Any]]:
        """Runs axe-core (WCAG 2.0–2.2 A/AA and best practices) on the page as it is now; returns the
        blocking violations (serious or critical), each {id, impact, help, targets}."""
        results = Axe().run(page).response
        violations = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [", ".join(map(str, node["target"])) for node in v["nodes"]]}
            for v in results["violations"]
        ]
        self.pages.append({
            "page": label,
            "url": page.url,
            "lang": page.locator("html").get_attribute("lang"),
            "rules_passed": len(results.get("passes", [])),
            "violations": violations,
        })
        self.write()
        return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]

    def blocking(self) -> list[str]:
        return [
            f"{p['page']} ({p['lang']}): {v['id']} [{v['impact']}] {v['help']} at {', '.join(v['targets'][:3])}"
            for p in self.pages for v in p["violations"] if v["impact"] in BLOCKING_IMPACTS
        ]

    def write(self) -> None:
        folder = OUTPUT / "axe"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{self.name}.json").write_text(json.dumps(self.pages, indent=2, ensure_ascii=False))


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than its viewport (0: no sideways scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))
