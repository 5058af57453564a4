"""The JSON API keeps the contract /api/openapi.json states, checked by schemathesis against the form
service under gunicorn with production settings: requests generated from the document (valid ones,
invalid ones and methods it does not declare) must get no server error, only documented status codes,
content types, headers and bodies, a rejection for every invalid request and 405 with Allow for every
undeclared method.

Bounded and repeatable: 30 examples per operation, deterministic generation (about half a minute).
Rules JSON Schema cannot state (the amount requested at most the total budget, a district given by
an alias) are checked by the service and described in the document's texts, so schemathesis does not
require every schema-valid body to be accepted (its positive_data_acceptance check is left out).
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ops.stack import free_port
from ops.topology import APP_BIN, ROOT
from tests.backends import _wait_for_port

CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
    "response_headers_conformance,negative_data_rejection,unsupported_method"
)
EXAMPLES_PER_OPERATION = 30


@pytest.fixture(scope="module")
def form_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    tmp: Path = tmp_path_factory.mktemp("contract")
    token = secrets.token_urlsafe(24)
    env = {
        **os.environ, "KIEZLOTSE_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(32),
        # One token for the chat's and the staff's operations, so one header opens every operation.
        "FORM_API_TOKEN": token, "STAFF_API_TOKEN": token,
        "DATABASE_URL": f"sqlite:///{tmp / 'webform.db'}", "KIEZLOTSE_TODAY": "2026-11-22",
    }
    subprocess.run([str(APP_BIN / "flask"), "--app", "webform", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    port = free_port()
    with (tmp / "gunicorn.log").open("wb") as log:
        server = subprocess.Popen([str(APP_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1",
                                   "--threads", "4", "webform:create_app()"], cwd=ROOT, env=env, stdout=log,
                                  stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port)
        yield f"http://127.0.0.1:{port}", token
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_answer_keeps_the_documented_contract(form_service: tuple[str, str], tmp_path: Path) -> None:
    url, token = form_service
    result = subprocess.run(
        [str(APP_BIN / "st"), "run", f"{url}/api/openapi.json", "--checks", CHECKS,
         "--max-examples", str(EXAMPLES_PER_OPERATION), "--generation-deterministic",
         "--header", f"Authorization: Bearer {token}", "--max-failures", "20", "--no-color"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-6000:]
    assert "Tested: 8" in report and "Coverage" in report, report[-3000:]
