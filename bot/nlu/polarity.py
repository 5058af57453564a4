"""Yes or no, as people say it in German and English: the one reader for every yes/no question.

    polarity("Ja, kein Problem")      → Polarity("yes")     # a negated negative is a yes
    polarity("nö, lieber nicht")     → Polarity("no")
    polarity("nothing to change")    → Polarity("yes")
    polarity("hmm, weiß nicht")      → Polarity("unsure")
    polarity("ja, aber nein")        → Polarity("unsure")  # both: ask back
    polarity("Kochen verbindet")     → Polarity(None)      # says neither

Phrases are matched as whole words, longest first, so "kein Problem" is read before "kein". What is left
over (`rest`) tells a caller whether the message says more than yes or no ("nein, wir sind in Pankow").
Consent to storing personal data counts only on a clear "yes"; anything else is asked back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu.intents import PROGRAMME_QUESTIONS

YES, NO, UNSURE = "yes", "no", "unsure"


def _phrases(block: str) -> tuple[str, ...]:
    """Phrases written one after another, separated by "|" or line ends."""
    return tuple(p.strip() for p in re.split(r"[|\n]", block) if p.strip())


# Read before everything else: "nicht sicher" is no "nicht", "no problem" is no "no".
UNSURE_PHRASES = _phrases(
    """
    weiß nicht | weiss nicht | weiß ich nicht | weiss ich nicht | keine ahnung | nicht sicher
    bin mir nicht sicher | unsicher | vielleicht | kommt drauf an | mal sehen | mal schauen
    muss ich überlegen | ich überlege | not sure | i'm not sure | im not sure | maybe | perhaps
    don't know | dont know | i don't know | dunno | no idea | depends | let me think | hmm | hm | ähm
    äh | ja nein | jein | weiß ich noch nicht | weiss ich noch nicht | weiß noch nicht | weiss noch nicht
    keene ahnung | keinen plan | kein plan | keen plan | weeß nich | weess nich | weeß ick nich
    weess ick nich | wees ick nich | noch unklar | unklar | noch nicht klar | steht noch nicht fest
    noch offen | keine idee | not sure yet | no clue | don't know yet | dont know yet | not decided yet
    haven't decided | no idea yet
    """
)
YES_PHRASES = _phrases(
    """
    kein problem | keine problem | kein ding | keine einwände | keine bedenken | nichts dagegen
    hab nichts dagegen | habe nichts dagegen | nichts zu ändern | nichts ändern | nix ändern
    nichts zu korrigieren | muss nichts geändert werden | warum nicht | wieso nicht | nicht schlecht
    no problem | no problemo | not a problem | no worries | no objection | no objections
    nothing to change | nothing to correct | nothing wrong | nothing to add | why not | don't mind
    dont mind | do not mind | no complaints | can't complain | ja | jaa | jo | joa | jop | jap | jep
    jup | jupp | jawohl | jawoll | ja klar | na klar | klar | klaro | logo | logisch | gern | gerne
    sehr gern | sehr gerne | gerne doch | passt | passt schon | passt so | das passt | alles passt
    stimmt | stimmt so | stimmt alles | genau | richtig | korrekt | alles richtig | alles korrekt
    alles gut | alles klar | alles fein | einverstanden | bin einverstanden | in ordnung | ok | okay
    okey | oki | okidoki | jut | sicher | aber sicher | selbstverständlich | natürlich | mach das
    mach ma | machma | mach dit | mach et
    machen sie das | mach mal | machen wir | auf jeden fall | unbedingt | gut | sehr gut | prima | super
    top | perfekt | ich stimme zu | stimme zu | zustimmen | so ist es | dürfen sie | darfst du
    ohne weiteres | bestätigt | bestätige | yes | yess | yeah | yea | yep | yup | ya | aye | sure
    sure thing | of course | certainly | absolutely | definitely | alright | all right | fine
    that's fine | thats fine | sounds good | looks good | looks right | all good | all correct | correct
    right | that's right | thats right | exactly | agreed | i agree | agree | go ahead | go for it
    do it | please do | perfect | great | good | by all means | happy to | affirmative | cool
    confirmed | confirm | jetzt stimmt's | jetzt stimmts | jetzt stimmt es | jetzt passt es | jetzt passt's
    stimmt's | stimmts | so stimmt's | that's it | thats it | now it's right | now it's correct
    wonderful | fantastic | excellent | splendid | lovely | will do | that will do | that'll do
    that will do for now | that'll do for now | i don't see why not | i dont see why not | don't see why not
    dont see why not | can't see why not
    cant see why not | see no reason why not | spricht nichts dagegen | let's get started | let's start
    let's begin | let's go | let's do it | let's do that | shall we begin | shall we start | los geht's
    los gehts | legen wir los | fangen wir an | yes please | ja bitte | ja gerne | wunderbar
    in order | all in order | everything is in order | everything's in order | all fine | everything fine
    alles in ordnung | alles bestens | spot on | that's spot on | thats spot on | bang on | spot-on
    """
)
NO_PHRASES = _phrases(
    """
    nein | nee | ne | nö | nä | nope | nein danke | nee danke | danke nein | lieber nicht | besser nicht
    eher nicht | auf keinen fall | keinesfalls | niemals | bloß nicht | lass mal | lass es
    lassen sie es | lieber nich | nich | nicht | nicht speichern | nicht einverstanden | falsch
    stimmt nicht | nicht richtig | passt nicht | kein | keinen | keine | noch nicht | jetzt nicht
    nicht jetzt | nicht nötig | nicht gut | nicht ganz | nicht so | nicht okay | nicht ok
    nicht korrekt | doch nicht | no | nah | naw | no thanks | no thank you | not really | rather not
    i'd rather not | id rather not | don't | dont | do not | never | not | no way | wrong | incorrect
    not correct | not right | not now | negative | definitely not | absolutely not | not yet | no need
    not good | not great | not fine | not quite | not ok | not okay | not all
    """
)
YES_EMOJI = ("👍", "✅", "👌", "🙂", "😊", "😀", "👏", "🙌", "✔", "☑")
NO_EMOJI = ("👎", "❌", "🙅", "✖", "⛔", "🚫")
# Words that carry no content of their own in a yes or no ("ja, danke", "no, thanks").
FILLER = frozenset(
    _phrases(
        """
        bitte | danke | dankeschön | vielen | dank | thanks | thank | you | please | also | na | so | dann
        ach | oh | und | and | but | aber | doch | schon | mal | ma | halt | eben | einfach | plz | pls
        """
    )
)


@dataclass(frozen=True)
class Polarity:
    """`value`: "yes", "no", "unsure" or None (says neither); `rest`: the words left over."""

    value: str | None
    rest: tuple[str, ...] = ()

    @property
    def is_clear(self) -> bool:
        return self.value in (YES, NO)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    phrases = [(p, UNSURE) for p in UNSURE_PHRASES]
    # Phrases that read as more than one kind: the first list wins ("nicht schlecht" is a yes).
    phrases += [(p, YES) for p in YES_PHRASES] + [(p, NO) for p in NO_PHRASES]
    ordered = sorted(phrases, key=lambda item: (item[1] != UNSURE, -len(item[0].split()), -len(item[0])))
    return [
        (re.compile(r"(?<![\w'])" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?![\w'])"), kind)
        for phrase, kind in ordered
    ]


def _normalise(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("´", "'")
    return re.sub(r"(.)\1{2,}", r"\1\1", text)  # "jaaaa" → "jaa", "neeeein" → "neein"


def polarity(text: str) -> Polarity:
    """Whether a message says yes, no, both or neither (see the module docstring)."""
    kinds: set[str] = set()
    for emoji in YES_EMOJI:
        if emoji in text:
            kinds.add(YES)
    for emoji in NO_EMOJI:
        if emoji in text:
            kinds.add(NO)
    remaining = _normalise(text)
    for pattern, kind in _patterns():
        remaining, found = pattern.subn(" ", remaining)
        if found:
            kinds.add(kind)
    rest = tuple(w for w in re.findall(r"[\w'@.-]+", remaining) if w.strip(".'-") and w not in FILLER)
    if not kinds:
        return Polarity(None, rest)
    if UNSURE in kinds or kinds == {YES, NO}:
        return Polarity(UNSURE, rest)
    return Polarity(kinds.pop(), rest)


# Intents a plain yes or no is mistaken for; a correction, a question or a command keeps its intent.
MISTAKEN_FOR = frozenset(
    {
        "affirm",
        "deny",
        "start_application",
        "thanks",
        "greet",
        "inform",
        "out_of_scope",
        "find_programme",
        "nlu_fallback",
        # "By all means, let's get started." is no question about the word "means"
        "ask_term",
        # "Now everything is in order." asks nothing about a programme
        *PROGRAMME_QUESTIONS,
    }
)
# Requests whose words can be a plain yes or no as well: those intents stand.
KEEP_INTENTS = frozenset(
    {"stop", "skip", "request_human", "ask_why_needed", "change_language", "correct_answer", "other_language"}
)
MAX_WORDS_BESIDE = 3
# Words a plain yes or no may come with ("no draft please", "ja, gerne so"); any other word (a place, a
# name, a field) makes the message more than a yes or no ("nein, Pankow" corrects an answer).
WORDS_BESIDE = frozenset(
    _phrases(
    """
    draft | entwurf | antrag | application | speichern | store | save | it | das | den | die | dit | so
    erstmal | jetzt | now | yet | noch | gerne | thank | you | please | bitte | danke | mal | ok | wirklich
    really | sorry | leider | ne | eben | doch | denn | schon | ja | nein | wait | warte | moment | hmm | sure
    then | dann
    """
    )
)


# "erstmal keinen Entwurf", "no draft yet", "ich will (noch) nicht beantragen": a refusal to start a draft,
# however long the rest of the message is.
REFUSED_DRAFT = re.compile(
    r"\b(?:kein\w*|nicht|no|not|don'?t|do not|never|nie)\b(?:\s+\w+){0,3}?\s+"
    r"(?:antrag\w*|entwurf\w*|draft\w*|application\w*|beantragen|bewerben|apply(?:ing)?)\b",
    re.IGNORECASE,
)


# "no thanks, not yet – we'll talk to the district first", "nein danke, erstmal nicht": a message that opens
# by declining declines, whatever reason follows (a place or a field named in the reason is no new answer).
DECLINE_OPENING = re.compile(
    r"^\W*(?:no,?\s+thanks?|no,?\s+thank\s+you|nope,?\s+thanks?|not\s+yet|not\s+now|maybe\s+later|"
    r"nein,?\s+danke|nee,?\s+danke|nö,?\s+danke|noch\s+nicht|erstmal\s+nicht|erst\s+mal\s+nicht|"
    r"jetzt\s+nicht|lieber\s+nicht|vielleicht\s+später|danke,?\s+(?:nein|noch\s+nicht|erstmal\s+nicht))\b",
    re.IGNORECASE,
)
# Intents a declining message with a reason is mistaken for ("… we'll talk to the district" reads as a
# correction of the district).
DECLINE_MISTAKEN_FOR = frozenset({"correct_answer", "inform", "describe_project"})


def _without_project_types(words: tuple[str, ...]) -> set[str]:
    """`words` without those that name a project type ("Ja bitte, Mikroprojekt." says yes and which type;
    the entity extractor keeps the type): "a model project" → {"a"}."""
    from bot.nlu.lexicon import LSI_TYPES  # the lexicon is large; only a yes with more words needs it

    text = " " + " ".join(w.strip(".,!") for w in words) + " "
    names = sorted({n.casefold() for names in LSI_TYPES.values() for n in names}, key=len, reverse=True)
    for name in [*names, "typ a", "typ b", "typ c", "type a", "type b", "type c"]:
        for article in ("a ", "an ", "ein ", "eine ", "ein ", ""):
            text = text.replace(f" {article}{name} ", " ")
    return set(text.split())


def polarity_intent(text: str, intent: str | None, unsure: bool = False) -> str | None:
    """"affirm" or "deny" for a message that says yes or no and little else, if the classifier's `intent`
    is one a plain yes or no is mistaken for; "deny" for a refused draft taken as a request to start one
    and for a message that opens by declining ("no thanks, not yet – …"); None when the classifier's
    intent stands. `unsure`: the classifier itself is not sure of its intent (below the fallback
    threshold), so a plain yes or no corrects any intent ("Wonderful. Shall we begin then?")."""
    if intent == "start_application" and REFUSED_DRAFT.search(text):
        return "deny"
    if (
        intent in MISTAKEN_FOR | DECLINE_MISTAKEN_FOR
        and intent != "deny"
        and DECLINE_OPENING.search(text)
        and not re.search(r"\d|@", text)
    ):
        return "deny"
    if re.search(r"\d|@", text):
        return None
    said = polarity(text)
    if intent not in MISTAKEN_FOR and not unsure:
        # Nothing but yes or no ("Na logo, machen wir!") is that, whatever the classifier thought, unless it
        # asks something or the intent is a request that such words also make ("lass es" to stop).
        if not said.is_clear or said.rest or intent in KEEP_INTENTS or text.rstrip().endswith("?"):
            return None
        return "affirm" if said.value == YES else "deny"
    if text.rstrip().endswith("?") and (intent or "").startswith("ask_") and not unsure:
        return None  # "Warum nicht?" after a no asks why; without the question mark it is a yes
    rest = _without_project_types(said.rest) if said.value == YES else set(said.rest)
    if not said.is_clear or len(said.rest) > MAX_WORDS_BESIDE or rest - WORDS_BESIDE:
        return None
    wanted = "affirm" if said.value == YES else "deny"
    return wanted if wanted != intent else None
