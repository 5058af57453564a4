"""Messages that are nothing but a request to the assistant: "stop", "warum?", "Hilfe", "English please".

A free-text answer (a project title, a name) may contain any word, so only a message that is a command and
nothing else is taken as one without asking; "Stop and Go Werkstatt" or "Hilfe zur Selbsthilfe" is not.
"""

from __future__ import annotations

import re


def _phrases(block: str) -> frozenset[str]:
    """Phrases written one after another, separated by "|" or line ends."""
    return frozenset(p.strip() for p in re.split(r"[|\n]", block) if p.strip())


# Words that make a request polite without changing it.
_POLITE = frozenset(
    _phrases(
        """
        bitte | danke | mal | jetzt | doch | einfach | erstmal | gerne | gern | halt
        nun | please | thanks | now | just | okay | ok | ja | yes | nein | no
        """
    )
)
COMMANDS: dict[str, frozenset[str]] = {
    "stop": _phrases(
        """
        abbrechen | abbruch | anhalten | aufhoeren | aufhören | beenden | cancel | ein andermal | end
        ende | enough | exit | genug | halt stopp | hoer auf | hör auf | i want to stop | ich höre auf
        ich möchte aufhören | ich will aufhören | lass uns aufhören | later | let's stop | lets stop
        never mind | nevermind | nicht jetzt | not now | pause | pausieren | quit | schluss | spaeter
        später | stop | stop it | stop please | stopp
        """
    ),
    "skip": _phrases(
        """
        das überspringen | fill in later | frage überspringen | keine angabe | lass ich offen
        leave it open | next | next question | nächste frage | pass | skip | skip it | skip that
        skip this | später ergänzen | ueberspringen | weiter | überspringen
        """
    ),
    "ask_capabilities": _phrases(
        """
        help | help me | hilfe | i need help | ich brauche hilfe | menu | menü | optionen | options
        was kannst du | was können sie | what can you do
        """
    ),
    "request_human": _phrases(
        """
        a human | agent | anruf | berater | beratung | callback | einen menschen | human | mensch
        mit einem menschen sprechen | mitarbeiter | mitarbeiterin | person | rückruf | talk to a human
        talk to a person
        """
    ),
    "ask_why_needed": _phrases(
        """
        warum | warum fragen sie | warum fragst du | weshalb | what for | why | why do you ask
        why do you need that | why do you need this | wieso | wozu | wozu brauchen sie das
        """
    ),
    "greet": _phrases(
        """
        good afternoon | good morning | guten tag | hallo | hello | hey | hi | moin | na | servus | tach
        """
    ),
    "goodbye": _phrases(
        """
        auf wiedersehen | bis dann | bye | ciao | goodbye | tschau | tschüs | tschüss
        """
    ),
    "change_language": _phrases(
        """
        auf deutsch | auf englisch | can we speak english | change language | deutsch | deutsch bitte
        englisch | english | english please | english pls | german | in english | in german
        können wir deutsch sprechen | sprache wechseln
        """
    ),
    "correct_answer": _phrases(
        """
        aendern | back | change | change something | correct | das ist falsch | etwas ändern | falsch
        go back | korrigieren | that's wrong | thats wrong | wrong | zurück | ändern
        """
    ),
}
_BY_PHRASE = {phrase: intent for intent, phrases in COMMANDS.items() for phrase in phrases}


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\wäöüß']+", text.casefold().replace("’", "'")) if w not in _POLITE]


def bare_command(text: str) -> str | None:
    """The intent a message asks for when it is only a command ("Stopp bitte!" → "stop"), else None."""
    words = _words(text)
    if not words or len(words) > 6:
        return None
    return _BY_PHRASE.get(" ".join(words))


_QUESTION_START = re.compile(
    r"^\s*(?:wie|was|wer|wo|wann|warum|wieso|weshalb|welche[rsmn]?|wozu|woher|wohin|wat|wieviel|"
    r"how|what|who|where|when|why|which|whose)\b",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """A message that asks something: a sentence of it ends with a question mark ("Früher gab es X –
    können wir da noch einen Antrag stellen? Wir wollen …"), or it starts with a question word."""
    stripped = text.strip()
    return bool(re.search(r"\w\s*\?+(?:\s|$)", stripped)) or bool(_QUESTION_START.match(stripped))


def statements(text: str) -> str:
    """The sentences of a message that ask nothing ("Wir bringen Jugendlichen Gartenbau bei. Brauchen wir
    einen Bezirk?" → "Wir bringen Jugendlichen Gartenbau bei.")."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(s for s in sentences if s and not is_question(s)).strip()

# "Thank you, I think I will ask at the district office then. Goodbye", "… Vielen Dank und auf Wiederhören.":
# a message that asks nothing and ends with a farewell takes leave, whatever it says before.
_FAREWELL_END = re.compile(
    r"(?:\bgood\s*bye|\bbye(?:\s+bye)?|\bcheers|\bciao|\bade|\badieu|\bpfiat\s+di|\btschö|"
    r"\btsch(?:ü|ue)ss?|\btschau|\bauf\s+wieder(?:sehen|hören|hoeren)|"
    r"\bsch(?:ö|oe)nen\s+tag(?:\s+noch)?|\bhave\s+a\s+(?:good|nice|great)\s+(?:day|one|evening|weekend)|"
    r"\bbis\s+dann|\bbis\s+bald|\bsee\s+you|\btsch(?:ü|ue)ssi|"
    r"\bdas\s+war'?s|\bthat'?s\s+all(?:\s+for\s+now)?)\W*$",
    re.IGNORECASE,
)


def takes_leave(text: str) -> bool:
    """The message ends with a farewell and asks nothing."""
    return "?" not in text and bool(_FAREWELL_END.search(text.strip()))
