"""Whole numbers typed by people or read from files, parsed before Python converts them.

``str.isdigit`` is true for "²" and "٣", which ``int`` then refuses or reads as another
digit, and ``int`` spends quadratic time on a 5,000-digit string. Every number that comes
from outside (a form, a query parameter, an imported cell) goes through here first.
"""

import re

_ASCII_DIGITS = re.compile(r"[0-9]+")

# Longer than any number the app stores (set numbers, reps, ids are far below 10**18).
MAX_DIGITS = 18


def parse_whole_number(text: str | None, *, max_digits: int = MAX_DIGITS) -> int | None:
    """The number that ``text`` spells in ASCII digits, or None for anything else."""
    if text is None:
        return None
    text = text.strip()
    if not 0 < len(text) <= max_digits or not _ASCII_DIGITS.fullmatch(text):
        return None
    return int(text)
