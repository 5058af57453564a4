"""The conversation suite (tests/conversations/) through the REST channel of the three real servers.

Every case is one test; a failure prints what went wrong and the whole conversation.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RunningStack
from tests.e2e.conversations import CaseFailed, Conversation, Servers, load_cases

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


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_conversation(servers: Servers, case) -> None:  # type: ignore[no-untyped-def]
    try:
        Conversation(servers, case).run()
    except CaseFailed as failure:
        pytest.fail(str(failure), pytrace=False)
