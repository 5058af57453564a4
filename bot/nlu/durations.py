"""Durations for the NLU's "duration" entity: whole months as a string ("2 Jahre" → "24").

The reader is shared with the draft's duration answers and lives in programmes.durations.
"""

from __future__ import annotations

from programmes.durations import MAX_MONTHS, Duration, find_durations

__all__ = ["MAX_MONTHS", "Duration", "find_durations"]
