"""A per-leg set counts as its weaker leg (DOMAIN.md): for verdicts, progression, e1RM.

Said twice beside each other, in Python for one set in hand and in SQL for the queries
that judge thousands; static/js/verdicts.js keeps the third copy, checked by the parity
test (tests/e2e/test_verdict_parity.py).
"""

from django.db.models.functions import Coalesce, Least


def weaker_leg_reps(*, reps: int | None, reps_left: int | None, reps_right: int | None) -> int:
    """The reps of a two-legged set, or of the weaker leg of a per-leg one."""
    if reps is not None:
        return reps
    return min(reps_left, reps_right)


# Both legs are always there when reps is NULL (setlog_reps_or_both_legs), so Least never
# meets a NULL, where SQLite and PostgreSQL differ.
WEAKER_LEG_REPS = Coalesce("reps", Least("reps_left", "reps_right"))
