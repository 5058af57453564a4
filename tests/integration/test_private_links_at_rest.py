"""Private links at rest: the form service, started as `make run` starts it, writes no /d/<token> path
into its log, whatever the request, and keeps var/ readable by its owner only."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from tests.drafts_factories import complete_draft
from tests.form_service import form_service


def test_no_log_line_holds_a_private_link_and_var_is_owner_only(tmp_path: Path) -> None:
    with form_service(tmp_path) as service:
        link = service.api("POST", "/api/drafts", complete_draft())["edit_url"]
        token = link.rsplit("/d/", 1)[1]
        path = "/d/" + token
        for suffix in ("", "/check", "?lang=en", "/withdraw"):
            with urllib.request.urlopen(service.url + path + suffix, timeout=10) as response:
                assert response.status == 200
        try:  # a wrong link is logged too (404), and may itself be someone's real token
            urllib.request.urlopen(service.url + "/d/" + token[::-1], timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code == 404
        log = service.log.read_text()
    assert "GET /d/[private link]?lang=en" in log and "GET /d/[private link]/check" in log  # logged, masked
    assert token not in log and token[::-1] not in log
    for file in tmp_path.rglob("*"):
        assert file.stat().st_mode & 0o077 == 0, file
    assert tmp_path.stat().st_mode & 0o077 == 0
