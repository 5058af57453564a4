"""Personal data masked wherever chat text is shown to maintainers or exported for training (the form
service's maintainer pages). Stdlib only, beside the private-link masking it builds on.

Masked: e-mail addresses (the draft form's own pattern, programmes.answers.EMAIL), telephone numbers,
private draft links, and the personal names the conversation collected (the `contact_name` and
`callback_name` slots of that conversation). A masked part reads as a placeholder such as "[e-mail]",
so a maintainer still sees what kind of thing was written there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from programmes.answers import EMAIL, MAX_PHONE_DIGITS, MIN_PHONE_DIGITS
from programmes.private_links import mask_private_links

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[phone]"
NAME_MASK = "[name]"
MASKS = (EMAIL_MASK, PHONE_MASK, NAME_MASK)

# Slots that hold a person's name (domain/draft.yml, domain/fallback.yml).
NAME_SLOTS = ("contact_name", "callback_name")

# Numbers as dialled in Germany begin with 0 (trunk prefix) or + (country code); amounts ("150000"),
# years and ISO dates do not, so they stay readable for labelling.
PHONE = re.compile(r"(?<![\w+])(?:\+|0)\d[\d ()/\-]{3,38}\d(?!\w)")
# Name parts of one letter (initials) are not masked alone; longer parts are, as whole words.
MIN_NAME_PART = 2


def _phone(match: re.Match[str]) -> str:
    digits = sum(c.isdigit() for c in match.group(0))
    return PHONE_MASK if MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS else match.group(0)


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every full name and every part of it (first name, surname), longest first, as
    whole words, case-insensitive; None when there are no names."""
    parts: set[str] = set()
    for name in names:
        name = " ".join(str(name).split())
        if len(name) >= MIN_NAME_PART:
            parts.add(name)
        parts.update(p.strip(".,") for p in re.split(r"[\s\-]+", name) if len(p.strip(".,")) >= MIN_NAME_PART)
    parts = {p for p in parts if any(c.isalpha() for c in p)}
    if not parts:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def mask(text: str, names: re.Pattern[str] | None = None) -> str:
    """`text` with e-mail addresses, telephone numbers, private links and the given names masked."""
    masked = EMAIL.sub(EMAIL_MASK, mask_private_links(text))
    masked = PHONE.sub(_phone, masked)
    if names is not None:
        masked = names.sub(NAME_MASK, masked)
    return masked
