"""The conversation suite (tests/conversations/) through the REST channel of the three real servers.

Every case is one test; a failure prints what went wrong and the whole conversation.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RunningStack
from tests.e2e.conversations import Case, CaseFailed, Conversation, Servers, load_cases

pytestmark = pytest.mark.e2e
CASES = load_cases()


@pytest.fixture(scope="module")
def servers(running: RunningStack) -> Servers:
    return Servers(
        running.chat_url,
        running.rasa_api_url,
        running.webform_url,
        running.env["STAFF_API_TOKEN"],
        running.env.get("RASA_AUTH_TOKEN"),
    )


def _param(case: Case) -> object:
    """A case with a `known_failure` note is expected to fail; one that passes shows as XPASS, and
    `python -m tests.e2e.conversations` lists every case that differs from its note."""
    marks = [pytest.mark.xfail(strict=False, reason=case.known_failure)] if case.known_failure else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_conversation(servers: Servers, case: Case) -> None:
    try:
        Conversation(servers, case).run()
    except CaseFailed as failure:
        pytest.fail(str(failure), pytrace=False)
