"""Applicant links (/d/<token>) are secrets: whoever has one can read and change the draft.

Anything that keeps text for later (access logs, the conversation store) masks them with
`mask_private_links`, so a log line or a stored bot message still says a link was there but never opens
the draft. Stdlib only: the form service, `make run` and the Rasa side all use this one pattern.
"""

from __future__ import annotations

import re

# The form service's links: /d/ and a URL-safe token of 32 random bytes (43 characters); shorter paths
# such as /d/1 are no tokens and stay readable.
PRIVATE_LINK = re.compile(r"(/d/)[A-Za-z0-9_-]{20,}")
MASK = r"\1[private link]"


def mask_private_links(text: str) -> str:
    """`text` with every /d/<token> path replaced by /d/[private link] (sub-paths such as /check kept)."""
    return PRIVATE_LINK.sub(MASK, text)
