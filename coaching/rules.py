"""The desk's rules: compliance, its drop, the flags of a row and the "needs attention" order.

Plain functions over values the desk's queries already aggregated.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

COMPLIANCE_DAYS = (7, 30, 90)
# The 7-day figure this many points under the 30-day one: something changed this week.
COMPLIANCE_DROP_POINTS = 20
# No logged set for this long (or ever) with a program to follow.
IDLE_DAYS = 7

COMPLIANCE_DROP_FLAG = "Compliance down: {last_7} % this week against {last_30} % over 30 days"
IDLE_FLAG = "No session logged for {days} days"
NEVER_TRAINED_FLAG = "No session logged yet"
HAMSTRINGS_FLAG = "Hamstrings behind: {done} of {due} hard sets"
LEG_FLAG = "{weaker} leg {percent} % behind on {exercise}"
EFFORT_FLAG = "{percent} % of compound sets at RIR 4+"


def compliance_percent(*, done: int, prescribed: int) -> int | None:
    """Sets done ÷ sets prescribed, as a whole percentage; None with nothing prescribed."""
    if not prescribed:
        return None
    return int((Decimal(done) * 100 / prescribed).to_integral_value(rounding=ROUND_HALF_UP))


def compliance_dropped(*, last_7: int | None, last_30: int | None) -> bool:
    """True when the 7-day figure falls COMPLIANCE_DROP_POINTS or more below the 30-day one."""
    if last_7 is None or last_30 is None:
        return False
    return last_7 <= last_30 - COMPLIANCE_DROP_POINTS


def idle_flag(*, last_trained: dt.date | None, today: dt.date, has_program: bool) -> str:
    """The flag for an athlete who has not trained for a while; "" otherwise."""
    if not has_program:
        return ""
    if last_trained is None:
        return NEVER_TRAINED_FLAG
    days = (today - last_trained).days
    return IDLE_FLAG.format(days=days) if days >= IDLE_DAYS else ""


@dataclass(frozen=True)
class Attention:
    """What the ordering reads of a desk row."""

    name: str
    flags: int
    compliance_7: int | None
    last_trained: dt.date | None


def attention_key(row: Attention) -> tuple:
    """Most flags first; then the lowest 7-day compliance (none counts as full: nothing was
    due), then the longest since a session (never first), then by name."""
    compliance = 100 if row.compliance_7 is None else row.compliance_7
    last = dt.date.min if row.last_trained is None else row.last_trained
    return (-row.flags, compliance, last, row.name.lower())
