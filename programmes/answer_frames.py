"""The conversational frame around a free-text answer, which is not part of the value.

People wrap answers in remarks: "Hab ich doch gesagt: Kiezgarten Moabit e.V.", "Zum dritten Mal: Anna
Beispiel", "nee, lieber so: Wir kochen …", "Dr. Petra Hoffmann, wie eingangs erwähnt", "Kerstin Wojcik (wie
oben)", "As I said, Repair Kiez gGmbH", "Better I write new: We repair …". Stored as they are, the draft
would hold the remark. `without_frame` keeps the value; `refers_back` recognises an answer that is nothing
but a pointer to something said before ("wie oben", "use the one from before"), which holds no value.

A lead-in counts only when a delimiter (colon, comma, dash, full stop, emoji) separates it from the value,
so a title that starts with such words ("Also sprach der Kiez") stays whole.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
# Colon, comma, dash, full stop, exclamation mark, ellipsis, or an emoji, then spaces.
_DELIMITER = r"\s*(?:[:,;.!–—-]+|[\u2600-\u27bf\U0001f300-\U0001faff]+)+\s*"

# "already said" in both languages, the core of most frames.
_SAID_DE = (
    r"(?:hab(?:e)?\s+ich\s+(?:doch\s+|schon\s+|bereits\s+|ja\s+|eben\s+)*(?:gesagt|geschrieben|erwähnt|angegeben)"
    r"|hatte\s+ich\s+(?:doch\s+|schon\s+|bereits\s+|ja\s+)*(?:gesagt|geschrieben|erwähnt|angegeben)"
    r"|das\s+(?:sagte|schrieb|hatte)\s+ich(?:\s+(?:doch|schon|bereits|ja|eben|gesagt|geschrieben))*"
    r"|wie\s+(?:schon\s+|bereits\s+|oben\s+|eingangs\s+|vorhin\s+|gerade\s+|eben\s+)*"
    r"(?:gesagt|erwähnt|geschrieben|angegeben)"
    r"|steht\s+(?:doch\s+|schon\s+)*oben|stand\s+(?:doch\s+|schon\s+)*(?:oben|da)"
    r"|stand\s+(?:doch\s+|schon\s+)*in\s+meiner\s+(?:ersten\s+)?nachricht)"
)
# Pointers that may also begin a title ("Wie oben, so unten"): a remark only after the value or alone.
_ABOVE = r"(?:wie\s+oben|siehe\s+oben|s\.\s*o\.)"
_SAID_EN = (
    r"(?:(?:as|like)\s+i\s+(?:already\s+|just\s+)?(?:said|told\s+you|wrote|mentioned)(?:\s+(?:above|before|earlier))?"
    r"|i\s+(?:already\s+|just\s+)?(?:said|told\s+you|wrote|mentioned)(?:\s+(?:that|this|it))?"
    r"(?:\s+(?:above|before|earlier|already))?"
    r"|as\s+(?:mentioned|said|stated)(?:\s+(?:above|before|earlier))?|see\s+above|same\s+as\s+(?:above|before))"
)
_AGAIN = (
    r"(?:zum\s+(?:zweiten|dritten|vierten|x-ten|wiederholten|letzten)\s+mal|noch\s*(?:ein)?mal|nochmals"
    r"|for\s+the\s+(?:second|third|fourth|last|hundredth)\s+time|once\s+again|again)"
)
_REWRITE = (
    r"(?:(?:nee|nein|ne|nö|no|nah)\W*\s*)?(?:lieber|besser|eher)\s+so"
    r"|(?:besser|better)\s+(?:ich\s+schreib\w*|i\s+write)(?:\s+(?:es|it))?\s+(?:neu|new|again)"
    r"|(?:let\s+me|lass\s+mich)\s+(?:re-?write|neu\s+schreiben|nochmal\s+schreiben)(?:\s+it)?"
    r"|(?:here\s+(?:you\s+go|it\s+is)|hier\s+(?:bitte|ist\s+es|nochmal))"
    r"|(?:korrigiert|corrected|neu|new|richtig(?:\s+ist)?|correct(?:\s+is)?)"
)
# Filler before a lead-in: "ja", "ok", "also", "na", "hm".
_FILLER = r"(?:(?:ja|jo|ok(?:ay)?|also|na|hm+|well|so|yes|yeah|ach)\W*\s+)?"

_LEAD_IN = re.compile(
    rf"^\s*{_FILLER}(?:{_SAID_DE}|{_SAID_EN}|{_AGAIN}|{_REWRITE})(?:\s+(?:doch|ja|schon|already))?{_DELIMITER}",
    _I,
)
_TRAILING = re.compile(
    rf"(?:{_DELIMITER}|\s*\(\s*)(?:{_SAID_DE}|{_ABOVE}|{_SAID_EN}|{_AGAIN})\s*\)?\s*[.!]*\s*$",
    _I,
)
# The whole answer points back: "wie oben", "nimm die Beschreibung von vorhin", "use the one from before".
_POINTER = re.compile(
    rf"^\s*{_FILLER}(?:(?:nee|nein|ne|no|nah)\W*\s+)?(?:bruh\s+)?(?:{_SAID_DE}|{_ABOVE}|{_SAID_EN}"
    r"|(?:(?:nimm|nehmen\s+sie|nehmt|take|use)\s+(?:doch\s+|einfach\s+|bitte\s+|just\s+)*"
    r"(?:die|den|das|the|my)\s+(?:\w+\s+){0,2}?"
    r"(?:von\s+(?:vorhin|oben|eben|vorher)|aus\s+meiner\s+(?:ersten\s+)?nachricht|from\s+(?:before|above|earlier)"
    r"|above|(?:i\s+gave\s+)?(?:before|earlier)))"
    r"|(?:i\s+said\s+yes\W*\s*)?use\s+the\s+one\s+from\s+before)"
    r"(?:\s+(?:doch|ja|schon|already|bitte|please|pls))*\s*[.!😅🙄]*\s*$",
    _I,
)


def without_frame(text: str) -> str:
    """The value of a free-text answer without lead-ins and trailing remarks about the conversation.

    Example: "Hab ich doch gesagt: Kiezgarten Moabit e.V." → "Kiezgarten Moabit e.V.";
    "Kerstin Wojcik (wie oben)" → "Kerstin Wojcik". Returns the text unchanged when no frame is found,
    and unchanged too when removing the frame would leave nothing (see `refers_back`).
    """
    value = text.strip()
    for _ in range(3):  # "Zum dritten Mal: wie gesagt, …" has two lead-ins
        stripped = _LEAD_IN.sub("", value, count=1)
        if stripped == value:
            break
        value = stripped
    value = _TRAILING.sub("", value).strip()
    return value if re.search(r"\w", value) else text.strip()


def refers_back(text: str) -> bool:
    """True when the answer is only a pointer to something said earlier ("wie oben", "stand doch oben",
    "nimm die Beschreibung von vorhin", "use the one from before"): it holds no value to store."""
    return bool(_POINTER.match(text.strip()))
