"""Entities of a labelled message as spans of its masked text: taken over from what the assistant found,
marked by a maintainer, and written as Rasa's entity annotations for the NLU export.

Spans are character offsets into the masked text (programmes.personal_data), the text that is stored and
shown; what the person wrote unmasked is never stored. A span never cuts through a masked part ("[e-mail]"
is an entity as a whole or not at all), never starts or ends with a space, and spans do not overlap:
Rasa's annotation syntax cannot nest them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from programmes.personal_data import MASKS, mask

MAX_VALUE = 200
# Rasa reads an annotation as `[text](entity)`, `[text]{json}` or `[text][list]`: these characters in an
# annotated text or value would end it early (rasa/shared/nlu/training_data/entities_parser.py).
ANNOTATION_CHARACTERS = frozenset("[]{}()")
# Rasa's own pattern for an annotation, to read an exported example back as Rasa will.
RASA_ENTITY = re.compile(
    r"\[(?P<entity_text>[^\]]+?)\](\((?P<entity>[^:)]+?)(?:\:(?P<value>[^)]+))?\)|\{(?P<entity_dict>[^}]+?)\}"
    r"|\[(?P<list_entity_dicts>.*?)\])"
)
_MASKED_PART = re.compile("|".join(re.escape(m) for m in MASKS))


@dataclass(frozen=True)
class Span:
    """Characters `start` to `end` (exclusive) are an entity of type `entity`; `value` is its value when it
    differs from the text, else None."""

    start: int
    end: int
    entity: str
    value: str | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


class SpanProblem(StrEnum):
    """Why a part of a message cannot be marked (the pages say it in the maintainer's language)."""

    EMPTY = "empty"
    NOT_FOUND = "not_found"
    NO_SUCH_OCCURRENCE = "no_such_occurrence"
    CUTS_MASK = "cuts_mask"
    OVERLAPS = "overlaps"
    ANNOTATION_CHARACTER = "annotation_character"


def _masked_parts(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _MASKED_PART.finditer(text)]


def _cuts_mask(text: str, start: int, end: int) -> bool:
    """The span begins or ends inside a masked part."""
    return any(a < start < b or a < end < b for a, b in _masked_parts(text))


def _plain_characters(text: str) -> str:
    """The text without its masked parts (whose brackets are replaced before export)."""
    return _MASKED_PART.sub("", text)


def find_part(
    text: str, part: str, occurrence: int, taken: Sequence[Span]
) -> tuple[Span | None, SpanProblem | None]:
    """Where `part` stands in `text` (its `occurrence`-th appearance, counting from 1; exact case first,
    then any case) as a span without an entity yet, or the problem that stops it."""
    part = part.strip()
    if not part:
        return None, SpanProblem.EMPTY
    if ANNOTATION_CHARACTERS & set(_plain_characters(part)):
        return None, SpanProblem.ANNOTATION_CHARACTER
    starts = [m.start() for m in re.finditer(re.escape(part), text)]
    if not starts:
        starts = [m.start() for m in re.finditer(re.escape(part), text, re.IGNORECASE)]
    if not starts:
        return None, SpanProblem.NOT_FOUND
    if not 1 <= occurrence <= len(starts):
        return None, SpanProblem.NO_SUCH_OCCURRENCE
    start = starts[occurrence - 1]
    end = start + len(part)
    if _cuts_mask(text, start, end):
        return None, SpanProblem.CUTS_MASK
    if any(span.overlaps(start, end) for span in taken):
        return None, SpanProblem.OVERLAPS
    return Span(start, end, ""), None


def occurrences(text: str, part: str) -> int:
    """How often `part` stands in `text` (as find_part counts)."""
    part = part.strip()
    if not part:
        return 0
    return len(re.findall(re.escape(part), text)) or len(re.findall(re.escape(part), text, re.IGNORECASE))


def predicted_spans(text: str, names: re.Pattern[str] | None, predicted: Iterable[Mapping[str, Any]],
                    entity_types: Iterable[str]) -> list[Span]:
    """The entities the assistant found in `text` (offsets into the unmasked text, as Rasa stores them)
    as spans of the masked text, with masked values. Left out: entities of types the domain does not
    declare, entities implied by another one (a district's city and state share its span), spans that
    are missing or that masking cuts through, and any that overlap an earlier one."""
    known = set(entity_types)
    spans: list[Span] = []
    for found in predicted:
        start, end, entity = found.get("start"), found.get("end"), found.get("entity")
        if found.get("implied_by") or entity not in known:
            continue
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            continue
        before, inside, after = (mask(part, names) for part in (text[:start], text[start:end], text[end:]))
        if before + inside + after != mask(text, names) or inside != inside.strip() or not inside:
            continue  # a masked part reaches across the entity's edge
        span_start = len(before)
        span = Span(span_start, span_start + len(inside), str(entity))
        if any(s.overlaps(span.start, span.end) for s in spans):
            continue
        value = found.get("value")
        value_text = mask(str(value), names) if value is not None else None
        spans.append(Span(span.start, span.end, span.entity,
                          value_text if value_text not in (None, inside) else None))
    return sorted(spans, key=lambda s: s.start)


def _segments(text: str, spans: Sequence[Span]) -> list[tuple[str, Span | None]]:
    """The text cut at the spans' edges, each piece with its span (None between spans)."""
    pieces: list[tuple[str, Span | None]] = []
    at = 0
    for span in sorted(spans, key=lambda s: s.start):
        pieces.append((text[at:span.start], None))
        pieces.append((text[span.start:span.end], span))
        at = span.end
    pieces.append((text[at:], None))
    return pieces


def annotation(text: str, entity: str, value: str | None) -> str:
    """Rasa's annotation of `text`: `[text](entity)`, or `[text]{"entity": …, "value": …}` when the value
    differs from the text."""
    if value is None or value == text:
        return f"[{text}]({entity})"
    return f"[{text}]" + json.dumps({"entity": entity, "value": value}, ensure_ascii=False)


def read_annotations(example: str) -> tuple[str, list[tuple[str, str, str]]]:
    """An example as Rasa reads it: its plain text and (text, entity, value) of each annotation."""
    found: list[tuple[str, str, str]] = []

    def plain(match: re.Match[str]) -> str:
        text = match.group("entity_text")
        if match.group("entity"):
            found.append((text, match.group("entity"), match.group("value") or text))
        elif match.group("entity_dict"):
            try:
                data = json.loads("{" + match.group("entity_dict") + "}")
            except json.JSONDecodeError:
                data = {}
            found.append((text, str(data.get("entity")), str(data.get("value", text))))
        else:
            found.append((text, "", ""))
        return text

    return RASA_ENTITY.sub(plain, example), found


def annotated_example(text: str, spans: Sequence[Span], replace: Mapping[str, str]) -> tuple[str, str] | None:
    """(plain, annotated): the text on one line with the masked parts replaced (`replace`, placeholder →
    stand-in value), without and with the spans' annotations; None when Rasa would not read the annotated
    example back as exactly these entities (brackets in the text next to an annotation)."""
    plain_parts: list[str] = []
    annotated_parts: list[str] = []
    expected: list[tuple[str, str, str]] = []

    def stand_in(piece: str) -> str:
        return _MASKED_PART.sub(lambda m: replace.get(m.group(0), m.group(0)), piece)

    for piece, span in _segments(text, spans):
        written = re.sub(r"\s+", " ", stand_in(piece))
        plain_parts.append(written)
        if span is None:
            annotated_parts.append(written)
            continue
        value = stand_in(span.value) if span.value is not None else None
        annotated_parts.append(annotation(written, span.entity, value))
        expected.append((written, span.entity, value if value is not None else written))
    plain = "".join(plain_parts).strip()
    annotated = "".join(annotated_parts).strip()
    if read_annotations(annotated) != (plain, expected):
        return None
    return plain, annotated
