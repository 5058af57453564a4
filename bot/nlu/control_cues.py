"""Intents that take the user out of a form need a word that says so.

"Kochen verbindet" (a project title) or a project description is no request to stop or to correct an
answer, however sure the classifier is: free-text answers contain any words. A stop or a correction that
is missed costs one more message ("stop"); one that is wrongly taken loses the user's place in the form.
So these intents count only with a cue word; otherwise the next intent in the ranking is taken. The same
holds for a call for a person: "The contact person must be Gisela Wagner." names a field of the draft.
"""

from __future__ import annotations

import re

from programmes.numbers import with_digits

_STOP = (
    r"stopp?\w*|abbrech\w*|abbruch|brich|brech\w*|aufh[öo]r\w*|h[öo]r\w*\b.*\b(?:auf|uff)|schluss|ende|beend\w*"
    r"|pause|pausier\w*|sp[äa]ter|andermal|genug|reicht|vergiss|vergessen|keine\s+(?:lust|zeit)"
    r"|nicht\s+(?:mehr|weiter\w*|jetzt)|raus|aussteig\w*|steig\w*\b.*\baus|unterbrech\w*|halt|lass\s+(?:gut|ma)|mag\s+nicht"
    r"|cancel\w*|quit|enough|later|another\s+(?:time|day)|break|abort|never\s*mind|forget|not\s+now|exit|end"
    r"|terminate|out|don'?t\s+(?:want|continue)|do\s+not|not\s+in\s+the\s+mood|no\s+time|finish\w*"
)
_CORRECTION = (
    r"falsch\w*|stimmt\s+nicht|nicht\s+richtig|[äa]nder\w*|korrig\w*|korrektur|vertan|vertipp\w*|tippfehler"
    r"|fehler|eigentlich|sondern|statt|soll\w*|nein|nee?|nicht|doch|moment|meinte?|lieber|hei[ßs]en"
    r"|wrong|chang\w*|correct\w*|mistake|typo|actually|instead|should|not|no|isn'?t|misspel\w*|meant|wait"
    r"|fix|update|rather|edit\w*"
    # a change of plan: "dann kürzen wir auf 24 Monate", "we'll reduce it to 40k", "let's extend it to a year"
    r"|k[üu]rz\w*|verk[üu]rz\w*|reduzier\w*|erh[öo]h\w*|verl[äa]nger\w*|senk\w*"
    r"|shorten\w*|reduc\w*|lower\w*|increas\w*|extend\w*|cut"
)
_HUMAN = (
    r"human|person|persönlich\w*|mensch\w*|berater\w*|beratung|mitarbeiter\w*|agent|callback|rückruf|anruf\w*"
    r"|call|jemand\w*|someone|somebody|anybody|staff|team|talk|speak|sprechen|reden|telefon\w*|ring|kontakt"
    r"|contact|ansprechpartner\w*|ask|asking|frag\w*|nachfrag\w*|office|\w*amt"
)
CUES = {
    "stop": re.compile(rf"\b(?:{_STOP})\b", re.IGNORECASE),
    "correct_answer": re.compile(rf"\b(?:{_CORRECTION})\b", re.IGNORECASE),
    "request_human": re.compile(rf"\b(?:{_HUMAN})\b", re.IGNORECASE),
}
# The draft's field for the contact person is no wish to talk to one: "The contact person must be Gisela
# Wagner." corrects an answer. These words are left out before the cue is looked for.
NOT_A_CUE = re.compile(
    r"\b(?:the\s+|die\s+|der\s+)?(?:contact\s+person|ansprechperson|kontaktperson|"
    r"ansprechpartner(?:in)?(?=\s+(?:ist|is|sollte|soll|muss|must|should|lautet|heißt)\b))\b",
    re.IGNORECASE,
)


# A greeting is only a greeting when little else is said: "Hallo, ich möchte LSI beantragen" asks to apply.
GREETING = re.compile(
    r"\b(?:hallo|hello|hi|hey|moin|servus|guten\s+(?:tag|morgen|abend)|good\s+(?:morning|afternoon|evening)|"
    r"grüß\s+gott|tach|na|liebe\w*|dear|team|kiezlotse)\b",
    re.IGNORECASE,
)
MAX_WORDS_BESIDE_GREETING = 2


# "ten thousend like i said" answers with a figure; a skip with a number in it needs a word for skipping.
_SKIP = re.compile(
    r"\b(?:skip\w*|überspring\w*|ueberspring\w*|weiter|next|pass|später|spaeter|later|weglass\w*|auslass\w*|"
    r"leave|blank|empty|keine\s+angabe|egal|offen|nachreich\w*|nachtrag\w*)\b|n/a",
    re.IGNORECASE,
)


def lacks_cue(intent: str | None, text: str) -> bool:
    """True for a form-leaving intent whose message has no word that asks for it, for a skip that gives a
    number and no word for skipping, and for a greeting that says more than hello (the next intent of the
    ranking is meant)."""
    if intent == "skip":
        return bool(re.search(r"\d", with_digits(text).text)) and not _SKIP.search(text)
    if intent == "greet":
        return len(re.findall(r"\w+", GREETING.sub(" ", text))) > MAX_WORDS_BESIDE_GREETING
    cue = CUES.get(intent or "")
    return cue is not None and not cue.search(NOT_A_CUE.sub(" ", text))
