"""How far a session is: sets logged against sets planned."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Progress:
    logged: int
    planned: int
    finished: bool
    # More sets than planned (the optional and extra ones): "10 of 9" reads as a mistake.
    over: bool = False

    @property
    def label(self) -> str:
        if self.over:
            return _("{logged} sets ({planned} planned)").format(
                logged=self.logged, planned=self.planned
            )
        return _("{logged} of {planned} sets").format(logged=self.logged, planned=self.planned)


def progress_of(counts: list[tuple[int, int]]) -> Progress:
    """From (sets_min, logged) per prescription: the optional sets of a range don't count
    toward the plan, and extra sets do not make up for a missed exercise."""
    logged = sum(logged for _, logged in counts)
    planned = sum(planned for planned, _ in counts)
    return Progress(
        logged=logged,
        planned=planned,
        finished=bool(counts) and all(logged >= planned for planned, logged in counts),
        over=logged > planned,
    )
