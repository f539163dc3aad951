from decimal import Decimal

import pytest

from tracking.progression import (
    INCREMENT_MESSAGE,
    SAME_LOAD_MESSAGE,
    LastSet,
    Reason,
    Suggestion,
    estimated_1rm,
    suggest_next,
)

# DOMAIN.md's worked examples: back squat 4 × 5–8 at target RIR 1–2, inc 2.5 kg.
SQUAT = {"reps_min": 5, "reps_max": 8, "rir_min": 1, "rir_max": 2, "increment": Decimal("2.5")}


def sets(load: str, reps: list[int], rir: int | None | list[int | None]) -> list[LastSet]:
    rirs = rir if isinstance(rir, list) else [rir] * len(reps)
    return [LastSet(load=Decimal(load), reps=r, rir=i) for r, i in zip(reps, rirs, strict=True)]


@pytest.mark.parametrize(
    ("last_sets", "load", "reps", "reason"),
    [
        # DOMAIN.md, verbatim.
        (sets("100", [8, 8, 8, 8], 2), "102.5", (5, 5, 5, 5), Reason.ADD_LOAD),
        (sets("100", [8, 8, 7, 6], 2), "100", (8, 8, 8, 7), Reason.BEAT_BY_A_REP),
        (sets("100", [8], 5), "107.5", (8,), Reason.TOO_EASY),
        (sets("100", [4, 4, 3, 3], 0), "97.5", (5, 5, 5, 5), Reason.LIGHTER),
        # Row 2 allows RIR 3: all at the top at the limit still adds load.
        (sets("100", [8, 8, 8, 8], 3), "102.5", (5, 5, 5, 5), Reason.ADD_LOAD),
        (sets("100", [9, 8, 10, 8], [1, 2, 3, 0]), "102.5", (5, 5, 5, 5), Reason.ADD_LOAD),
        # RIR 3 is outside a 1–2 target, so in range it is not "beat by a rep".
        (sets("100", [8, 7, 6, 6], 3), "100", (8, 7, 6, 6), Reason.SAME_LOAD),
        (sets("100", [7, 7, 6, 6], [2, 2, 3, 2]), "100", (7, 7, 6, 6), Reason.SAME_LOAD),
        # RIR not recorded (an imported set): a hard set, never too easy, reps decide.
        (sets("100", [8, 8, 8, 8], None), "102.5", (5, 5, 5, 5), Reason.ADD_LOAD),
        (sets("100", [8, 8, 8, 8], [None, 2, None, 3]), "102.5", (5, 5, 5, 5), Reason.ADD_LOAD),
        (sets("100", [8, 7, 6, 6], None), "100", (8, 8, 7, 7), Reason.BEAT_BY_A_REP),
        (sets("100", [8, 8], [None, 5]), "107.5", (8, 8), Reason.TOO_EASY),
        (sets("100", [4, 4, 3, 3], None), "97.5", (5, 5, 5, 5), Reason.LIGHTER),
        # Going to failure is on target.
        (sets("100", [6, 6, 5, 5], 0), "100", (7, 7, 6, 6), Reason.BEAT_BY_A_REP),
        # Mixed loads: the heaviest counts.
        (
            [
                LastSet(load=Decimal("90"), reps=8, rir=2),
                LastSet(load=Decimal("100"), reps=8, rir=2),
                LastSet(load=Decimal("95"), reps=8, rir=2),
            ],
            "102.5",
            (5, 5, 5),
            Reason.ADD_LOAD,
        ),
        (
            [
                LastSet(load=Decimal("100"), reps=6, rir=2),
                LastSet(load=Decimal("95"), reps=7, rir=2),
            ],
            "100",
            (7, 8),
            Reason.BEAT_BY_A_REP,
        ),
        # Several too-easy sets: the highest e1RM decides. 100 × 8 @ 5 → 143.3 would give
        # 107.5 at 8 reps; 110 × 6 @ 4 → 146.7 decides: 146.7 / (1 + 7.5/30) = 117.3 → 115 × 6.
        (
            [
                LastSet(load=Decimal("100"), reps=8, rir=5),
                LastSet(load=Decimal("110"), reps=6, rir=4),
                LastSet(load=Decimal("110"), reps=5, rir=2),
            ],
            "115",
            (6, 6, 6),
            Reason.TOO_EASY,
        ),
        (
            [
                LastSet(load=Decimal("100"), reps=8, rir=6),
                LastSet(load=Decimal("100"), reps=8, rir=4),
            ],
            "110",
            (8, 8),
            Reason.TOO_EASY,
        ),
        # Too easy above the range: the estimate is made for the top of the range.
        (sets("100", [12], 4), "115", (8,), Reason.TOO_EASY),
        # A set below lo at RIR 4+ is not "too easy": the load was too heavy for the reps.
        (sets("100", [8, 8, 8, 4], [2, 2, 2, 5]), "100", (8, 8, 8, 5), Reason.SAME_LOAD),
        (sets("100", [4], 5), "97.5", (5,), Reason.LIGHTER),
        # Lighter never goes below zero.
        (sets("2", [3, 3, 3], 0), "0", (5, 5, 5), Reason.LIGHTER),
        (sets("0", [3, 3, 3], 0), "0", (5, 5, 5), Reason.LIGHTER),
        # Exactly half below lo is not most of them.
        (sets("100", [8, 8, 4, 4], 1), "100", (8, 8, 5, 5), Reason.SAME_LOAD),
        (sets("100", [8, 4, 4, 4], 1), "97.5", (5, 5, 5, 5), Reason.LIGHTER),
        # Above the range but not all at the top, and not too easy: same load, targets clamped.
        (sets("100", [10, 10, 7], 2), "100", (8, 8, 7), Reason.SAME_LOAD),
    ],
    ids=[
        "domain-all-at-top-adds-load",
        "domain-in-range-beats-by-a-rep",
        "domain-too-easy-more-load",
        "domain-below-range-goes-lighter",
        "all-at-top-at-rir-3-adds-load",
        "all-at-or-above-top-adds-load",
        "rir-3-in-range-same-load",
        "one-set-at-rir-3-same-load",
        "not-recorded-all-at-top-adds-load",
        "not-recorded-beside-recorded-adds-load",
        "not-recorded-in-range-beats-by-a-rep",
        "not-recorded-is-never-too-easy-the-recorded-one-decides",
        "not-recorded-below-range-goes-lighter",
        "failure-is-on-target",
        "mixed-loads-heaviest-counts",
        "mixed-loads-beat-by-a-rep-at-heaviest",
        "highest-e1rm-decides",
        "highest-rir-decides-at-same-load-and-reps",
        "too-easy-above-range-aims-at-top",
        "too-easy-below-range-does-not-count",
        "too-easy-below-range-alone-goes-lighter",
        "lighter-never-below-zero",
        "lighter-from-zero-stays-zero",
        "half-below-is-not-most",
        "most-below-goes-lighter",
        "above-range-not-all-at-top-same-load",
    ],
)
def test_suggest_next_follows_the_table(last_sets, load, reps, reason):
    suggestion = suggest_next(last_sets=last_sets, **SQUAT)

    assert (suggestion.load, suggestion.reps, suggestion.reason) == (Decimal(load), reps, reason)
    assert str(suggestion.load) == load


@pytest.mark.parametrize(
    ("last_sets", "message"),
    [
        ([], "first time: pick a load you can do for 8 reps at RIR 2"),
        (sets("100", [8, 8, 8, 8], 2), "all sets at the top of the range: add load"),
        (sets("100", [8], 5), "you left reps in the tank: more load"),
        (sets("100", [8, 8, 7, 6], 2), "same load: beat last time by a rep"),
        (sets("100", [4, 4, 3, 3], 0), "below the range: lighter, and own the reps"),
        (sets("100", [8, 7, 6, 6], 3), "same load"),
    ],
    ids=["first-time", "add-load", "too-easy", "beat-by-a-rep", "lighter", "same-load"],
)
def test_each_row_says_what_domain_says(last_sets, message):
    """In the domain's words, written out: comparing with the constants would pass
    whatever they said."""
    assert suggest_next(last_sets=last_sets, **SQUAT).message == message


def test_first_time_has_no_load_and_aims_at_the_top_the_message_names():
    suggestion = suggest_next(last_sets=[], **{**SQUAT, "reps_min": 10, "reps_max": 15})

    assert suggestion == Suggestion(
        load=None,
        reps=(15,),
        reps_min=10,
        reps_max=15,
        reason=Reason.FIRST_TIME,
        message="first time: pick a load you can do for 15 reps at RIR 2",
    )
    assert suggestion.reps_for_set(3) == 15


@pytest.mark.parametrize(
    ("last_sets", "increment", "load"),
    [
        (sets("225", [8, 8, 8, 8], 2), "5", "230"),
        (sets("225", [8, 8, 7, 6], 2), "5", "225"),
        (sets("225", [4, 4, 4, 4], 1), "5", "220"),
        # 225 × (1 + 13/30) / (1 + 9.5/30) ≈ 244.9 → 240.
        (sets("225", [8], 5), "5", "240"),
        (sets("102.5", [8, 8, 8, 8], 2), "1.25", "103.75"),
        (sets("20", [8, 8, 8], 2), "0.5", "20.5"),
        # 45.5 × 42/39.5 = 48.4 → 47.5 on the step, but at least 45.5 + 2.5.
        (sets("45.5", [8], 4), "2.5", "48"),
    ],
    ids=[
        "lb-adds-five",
        "lb-same-load",
        "lb-lighter",
        "lb-too-easy-rounds-down-to-five",
        "micro-plates",
        "half-kilo-dumbbell",
        "off-step-load-too-easy-at-least-one-increment",
    ],
)
def test_loads_stay_in_the_athletes_unit_and_step(last_sets, increment, load):
    suggestion = suggest_next(last_sets=last_sets, **{**SQUAT, "increment": Decimal(increment)})

    assert str(suggestion.load) == load


def test_too_easy_aims_at_the_middle_of_the_target_rir():
    # Target 0–1: the middle is 0.5, so the same 8 reps allow more load than at 1.5.
    suggestion = suggest_next(
        last_sets=sets("100", [8], 5), **{**SQUAT, "rir_min": 0, "rir_max": 1}
    )

    # 100 × 43/30 / (1 + 8.5/30) = 111.69 → 110.
    assert suggestion.load == Decimal("110")


def test_too_easy_result_on_an_exact_step_is_not_rounded_down():
    suggestion = suggest_next(
        last_sets=sets("35", [5], 5),
        **{**SQUAT, "rir_min": 0, "rir_max": 0, "increment": Decimal("1")},
    )

    # 35 × 40/30 / (35/30) = 40 exactly.
    assert suggestion.load == Decimal("40")


def test_too_easy_goes_at_least_one_increment_up():
    # 100 × (1 + 12/30) / (1 + 11/30) = 102.4 rounds down to 100: the floor is 102.5.
    suggestion = suggest_next(
        last_sets=sets("100", [8], 4), **{**SQUAT, "rir_min": 3, "rir_max": 3}
    )

    assert (suggestion.load, suggestion.reason) == (Decimal("102.5"), Reason.TOO_EASY)


@pytest.mark.parametrize(
    ("load", "reps", "rir", "expected"),
    [
        ("100", 8, 5, "143.33"),
        ("100", 8, 2, "133.33"),
        ("100", 0, 0, "100"),
        ("225", 5, 1, "270"),
        ("0", 10, 2, "0"),
        # RIR not recorded: Epley on the reps alone, as if the set went to failure.
        ("100", 8, None, "126.67"),
        ("100", 8, 0, "126.67"),
    ],
    ids=["domain-example", "rir-2", "no-reps", "lb", "bodyweight", "not-recorded", "failure"],
)
def test_estimated_1rm_is_epley_on_reps_plus_rir(load, reps, rir, expected):
    assert estimated_1rm(load=Decimal(load), reps=reps, rir=rir) == Decimal(expected)


@pytest.mark.parametrize(
    ("reps", "n", "expected"),
    [
        ((8, 8, 8, 7), 1, 8),
        ((8, 8, 8, 7), 4, 7),
        ((8, 8, 8, 7), 5, 7),
        ((8, 8, 8, 7), 9, 7),
        ((), 1, 5),
        ((), 3, 5),
    ],
    ids=["first", "last", "one-beyond", "far-beyond", "none-first", "none-third"],
)
def test_reps_for_set_counts_from_one_and_repeats_the_last(reps, n, expected):
    suggestion = Suggestion(
        load=Decimal("100"),
        reps=reps,
        reps_min=5,
        reps_max=8,
        reason=Reason.SAME_LOAD,
        message=SAME_LOAD_MESSAGE,
    )

    assert suggestion.reps_for_set(n) == expected


def test_suggestions_carry_the_range():
    suggestion = suggest_next(last_sets=sets("100", [8, 8, 8, 8], 2), **SQUAT)

    assert (suggestion.reps_min, suggestion.reps_max) == (5, 8)


@pytest.mark.parametrize("increment", ["0", "-2.5"])
def test_an_increment_must_be_above_zero(increment):
    with pytest.raises(ValueError, match=str(INCREMENT_MESSAGE)):
        suggest_next(last_sets=[], **{**SQUAT, "increment": Decimal(increment)})


@pytest.mark.parametrize(("reps_min", "reps_max"), [(0, 8), (9, 8)], ids=["zero", "reversed"])
def test_a_rep_range_must_be_a_range(reps_min, reps_max):
    with pytest.raises(ValueError):
        suggest_next(last_sets=[], **{**SQUAT, "reps_min": reps_min, "reps_max": reps_max})


# Romanian deadlift 3 × 8–10 at target RIR 1–2, inc 2.5 kg.
RDL = {"reps_min": 8, "reps_max": 10, "rir_min": 1, "rir_max": 2, "increment": Decimal("2.5")}


@pytest.mark.parametrize(
    ("last_sets", "load", "reps", "reason"),
    [
        # The set that failed far below the range: never more load after it, however easy
        # the sets before it were (it once said 77.5 kg × 10 for every set).
        (sets("70", [10, 10, 4], [6, 5, 0]), "70", (10, 10, 8), Reason.SAME_LOAD),
        (sets("70", [10, 4], [5, 0]), "70", (10, 8), Reason.SAME_LOAD),
        (sets("70", [10, 4, 4], [5, 0, 0]), "67.5", (8, 8, 8), Reason.LIGHTER),
        (sets("70", [4], 0), "67.5", (8,), Reason.LIGHTER),
        # Short by a rep is short too: the load is not owned yet.
        (sets("70", [10, 10, 7], [5, 5, 1]), "70", (10, 10, 8), Reason.SAME_LOAD),
        # Without a set below the range, easy sets still ask for more load.
        (sets("70", [10, 10, 9], [6, 5, 4]), "77.5", (10, 10, 10), Reason.TOO_EASY),
    ],
    ids=[
        "failed-far-below-after-easy-sets-keeps-the-load",
        "one-easy-one-failed-keeps-the-load",
        "most-failed-goes-lighter",
        "one-failed-set-goes-lighter",
        "short-by-a-rep-keeps-the-load",
        "easy-sets-in-range-add-load",
    ],
)
def test_a_set_below_the_range_never_adds_load(last_sets, load, reps, reason):
    suggestion = suggest_next(last_sets=last_sets, **RDL)

    assert (str(suggestion.load), suggestion.reps, suggestion.reason) == (load, reps, reason)


def mixed(*pairs: tuple[str, int], rir: int = 2) -> list[LastSet]:
    return [LastSet(load=Decimal(load), reps=reps, rir=rir) for load, reps in pairs]


@pytest.mark.parametrize(
    ("last_sets", "load", "reps", "reason"),
    [
        # One heavier top set, then the working sets: same load is the working sets' load.
        (mixed(("100", 6), ("80", 7), ("80", 7)), "80", (7, 8, 8), Reason.BEAT_BY_A_REP),
        # A lighter back-off set after the working sets does not pull them down.
        (
            mixed(("100", 6), ("100", 6), ("100", 6), ("80", 8)),
            "100",
            (7, 7, 7, 8),
            Reason.BEAT_BY_A_REP,
        ),
        (mixed(("100", 8), ("100", 8), ("80", 8)), "102.5", (5, 5, 5), Reason.ADD_LOAD),
        (mixed(("80", 4), ("100", 4), ("100", 4), rir=0), "97.5", (5, 5, 5), Reason.LIGHTER),
        # As common as each other: the heaviest, so a ramp counts from its top set.
        (mixed(("90", 8), ("95", 8), ("100", 8)), "102.5", (5, 5, 5), Reason.ADD_LOAD),
        (
            mixed(("100", 7), ("100", 7), ("90", 7), ("90", 7)),
            "100",
            (8, 8, 8, 8),
            Reason.BEAT_BY_A_REP,
        ),
    ],
    ids=[
        "heavier-top-set-then-working-sets",
        "lighter-back-off-set",
        "all-at-top-adds-to-the-working-load",
        "lighter-from-the-working-load",
        "ramp-counts-from-its-top-set",
        "equally-common-the-heaviest",
    ],
)
def test_same_load_is_the_working_sets_load(last_sets, load, reps, reason):
    suggestion = suggest_next(last_sets=last_sets, **SQUAT)

    assert (str(suggestion.load), suggestion.reps, suggestion.reason) == (load, reps, reason)
