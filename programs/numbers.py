"""Whole numbers typed by people or read from files, parsed before Python converts them.

``str.isdigit`` is true for "²" and "٣", which ``int`` then refuses or reads as another
digit, and ``int`` spends quadratic time on a 5,000-digit string. Every number that comes
from outside (a form, a query parameter, an imported cell) goes through here first.
"""

import re
from decimal import Decimal

from django.utils.formats import number_format

_ASCII_DIGITS = re.compile(r"[0-9]+")

# A load, a bar or a plate as typed: ASCII digits, and hundredths after a point or a comma
# (what a European phone's decimal keypad types: "102,5"). The offline queue
# (static/js/queue-sending.js) is sent this same pattern, so it refuses what the server would.
DECIMAL_PATTERN = r"[0-9]{1,6}(?:[.,][0-9]{1,2})?"
_DECIMAL = re.compile(DECIMAL_PATTERN)

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


def parse_decimal(text: str | None) -> Decimal | None:
    """The number ``text`` spells with a decimal point or comma, or None for anything else
    ("1e5", "-5", "1.000,5", "٣")."""
    if text is None:
        return None
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    return Decimal(text.replace(",", "."))


def plain_decimal(value: Decimal) -> Decimal:
    """The value without trailing zeros and never in scientific notation (100, not 1E+2)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def shown_decimal(value: Decimal) -> str:
    """A load, bar or plate as a person reads it, in the active language's numbers: “102,5”
    in German, “102.5” in English. What ``parse_decimal`` reads back; text for people, never
    for scripts, files or attributes (those keep the point)."""
    return number_format(plain_decimal(value))
