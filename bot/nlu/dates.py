"""Dates for the NLU's "date" entity: ISO dates ("ab März 2027" → "2027-03-01"), relative ones counted
from today ("übernächsten Monat", "in drei Monaten").

The reader is shared with the draft's start-date answers and lives in programmes.dates, which also says in
one table what a vague date ("Anfang 2027", "Mitte nächsten Jahres", "im Frühjahr") resolves to.
"""

from __future__ import annotations

from programmes.dates import FoundDate, find_dates, warm_up

__all__ = ["FoundDate", "find_dates", "warm_up"]
