"""The numbers that follow from test sets: suggestions and e1RM read the RIR a set most
likely had (tracking.progression.likely_rir): a test set's measured one, any other set's
typed one corrected by the lifter's bias from two tests on."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Exercise, SessionPrescription
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on
from tracking.calibration import NO_BIAS, RirBias
from tracking.insights import queries
from tracking.progression import LastSet, Reason, estimated_1rm, likely_rir, suggest_next
from tracking.records import Attempt, load_bests
from tracking.session_page import load_session

WEEK = IsoWeek(2026, 48)
# DOMAIN.md's squat: 4 × 5–8 at target RIR 1–2, inc 2.5 kg.
SQUAT = {"reps_min": 5, "reps_max": 8, "rir_min": 1, "rir_max": 2, "increment": Decimal("2.5")}
TOO_CAUTIOUS = RirBias(reps=2.2, spread=0.4, tests=2)  # said 2, had about 4
ONE_TEST = RirBias(reps=2.0, spread=0.0, tests=1)
TOO_BOLD = RirBias(reps=-1.6, spread=0.3, tests=3)


@pytest.mark.parametrize(
    ("rir", "actual_rir", "bias", "likely"),
    [
        (2, None, NO_BIAS, 2),
        (2, None, ONE_TEST, 2),  # below two tests nothing is corrected
        (2, None, TOO_CAUTIOUS, 4),
        (1, None, TOO_BOLD, 0),  # never below failure
        (3, None, TOO_BOLD, 1),
        (None, None, TOO_CAUTIOUS, None),  # not recorded stays not recorded
        (2, 5, NO_BIAS, 5),  # a test set is measured
        (2, 5, TOO_CAUTIOUS, 5),  # and the bias never adds to a measure
        (2, 0, TOO_CAUTIOUS, 0),
    ],
)
def test_the_rir_a_set_most_likely_had(rir, actual_rir, bias, likely):
    assert likely_rir(rir=rir, actual_rir=actual_rir, bias=bias) == likely


@pytest.mark.parametrize(
    ("reps", "rir", "actual_rir", "bias", "load", "reason"),
    [
        # All at the top at a typed RIR 2: add a step.
        ([8, 8, 8, 8], 2, None, NO_BIAS, "102.5", Reason.ADD_LOAD),
        ([8, 8, 8, 8], 2, None, ONE_TEST, "102.5", Reason.ADD_LOAD),
        # Their tests say a typed 2 is about 4: reps were left in the tank, more load
        # (100 × 8 @ 4 → e1RM 140; at 8 reps and RIR 1.5: 106.3 → 105).
        ([8, 8, 8, 8], 2, None, TOO_CAUTIOUS, "105", Reason.TOO_EASY),
        # In the range at a typed 2: beat it by a rep; corrected to 4, more load.
        ([7, 7, 6, 6], 2, None, NO_BIAS, "100", Reason.BEAT_BY_A_REP),
        ([7, 7, 6, 6], 2, None, TOO_CAUTIOUS, "105", Reason.TOO_EASY),
        # A lifter who thinks they have more left than they do: a typed 3 is about 1.
        ([7, 7, 6, 6], 3, None, NO_BIAS, "100", Reason.SAME_LOAD),
        ([7, 7, 6, 6], 3, None, TOO_BOLD, "100", Reason.BEAT_BY_A_REP),
        # A test set: the measured 5 left, whatever was said.
        ([8], 2, 5, NO_BIAS, "107.5", Reason.TOO_EASY),
        ([8], 5, 1, NO_BIAS, "102.5", Reason.ADD_LOAD),
    ],
)
def test_suggestions_read_the_corrected_rir(reps, rir, actual_rir, bias, load, reason):
    last_sets = [
        LastSet(
            load=Decimal("100"),
            reps=r,
            rir=likely_rir(rir=rir, actual_rir=actual_rir, bias=bias),
        )
        for r in reps
    ]
    suggestion = suggest_next(last_sets=last_sets, **SQUAT)
    assert (suggestion.reason, suggestion.load) == (reason, Decimal(load))


def _leg_press_copies(athlete) -> list[SessionPrescription]:
    """The first prescription of day 1 in WEEK-6, -4, -1 and WEEK, made leg press."""
    generate([WEEK.shifted(-6), WEEK.shifted(-4), WEEK.shifted(-1), WEEK])
    leg_press = Exercise.objects.get(slug="leg-press")
    copies = SessionPrescription.objects.filter(
        session__athlete=athlete, session__day_number=1, order=1
    )
    copies.update(exercise=leg_press)
    return list(copies.select_related("session").order_by("session__date"))


@pytest.mark.parametrize(("tests", "reason"), [(1, Reason.ADD_LOAD), (2, Reason.TOO_EASY)])
def test_the_session_page_suggests_from_the_corrected_rir_from_two_tests(athlete, tests, reason):
    first, second, last_time, today = _leg_press_copies(athlete)
    for copy in [first, second][:tests]:
        log_set_on(copy, reps=10, rir=2, actual_rir=4)  # said 2, did 4 more
    for number in range(1, last_time.sets_min + 1):
        log_set_on(last_time, set_number=number, reps=last_time.reps_max, load="100", rir=2)

    page = load_session(session=today.session, athlete=athlete)

    (card,) = [card for card in page.cards if card.prescription.pk == today.pk]
    assert card.suggestion.reason == reason


def test_the_session_page_suggests_from_a_test_set_s_measured_rir(athlete):
    _, _, last_time, today = _leg_press_copies(athlete)
    log_set_on(last_time, reps=last_time.reps_max, load="100", rir=2, actual_rir=6)

    page = load_session(session=today.session, athlete=athlete)

    (card,) = [card for card in page.cards if card.prescription.pk == today.pk]
    assert card.suggestion.reason == Reason.TOO_EASY


# (typed RIR, actual RIR, leg press's correction, the RIR the e1RM counts)
E1RM_TABLE = [
    (2, None, 0, 2),
    (None, None, 0, 0),  # not recorded adds nothing
    (2, 4, 0, 4),  # a test set: reps really to failure are reps + actual RIR
    (2, 4, 2, 4),  # measured, never corrected
    (2, None, 2, 4),  # said 2, their tests say about 4
    (1, None, -3, 0),  # never below failure
    (None, None, 2, 0),
]


@pytest.mark.parametrize(("rir", "actual_rir", "correction", "counted"), E1RM_TABLE)
def test_the_e1rm_counts_the_rir_a_set_most_likely_had_in_sql_and_in_python(
    athlete, rir, actual_rir, correction, counted
):
    _, _, last_time, _ = _leg_press_copies(athlete)
    logged = log_set_on(last_time, reps=10, load="100", rir=rir, actual_rir=actual_rir)
    leg_press = last_time.exercise_id
    corrections = {leg_press: correction}
    bias = RirBias(reps=float(correction), spread=0.0, tests=2)
    day = last_time.session.date
    expected = estimated_1rm(load=Decimal(100), reps=10, rir=counted)

    (shown,) = queries.sets_on(
        athlete=athlete, exercise_id=leg_press, dates=[day], corrections=corrections
    )
    best = queries.best_set(athlete=athlete, exercise_id=leg_press, corrections=corrections)
    (session_best,) = queries.session_bests(
        athlete_ids=[athlete.pk], exercise_id=leg_press, corrections=corrections
    )[athlete.pk]
    (load_best,) = load_bests(
        athlete=athlete,
        exercise_ids=[leg_press],
        before=Q(pk__isnull=False),
        corrections=corrections,
    )[leg_press]

    for e1rm in (shown.e1rm_kg, best.e1rm_kg, session_best.e1rm_kg):
        assert e1rm.quantize(Decimal("0.01")) == expected
    assert load_best.e1rm_kg == expected
    assert Attempt.of(logged, bias=bias).rir == (None if rir is None else counted)
    # Another exercise's correction changes nothing here.
    (plain,) = queries.sets_on(
        athlete=athlete, exercise_id=leg_press, dates=[day], corrections={leg_press + 1: 3}
    )
    as_typed = actual_rir if actual_rir is not None else (rir or 0)
    assert plain.e1rm_kg.quantize(Decimal("0.01")) == estimated_1rm(
        load=Decimal(100), reps=10, rir=as_typed
    )


@pytest.mark.parametrize(("tests", "record"), [(0, True), (2, False)])
def test_a_test_set_is_a_record_on_its_reps_to_failure_against_corrected_bests(
    athlete, tests, record
):
    """Last time 100 × 10, said RIR 2; today a test set 100 × 10, said 2, did 4 more: 14
    reps to failure beat 12. With two tests saying a typed 2 is about 4, last time's set
    had 14 too: a tie, no record."""
    first, second, last_time, today = _leg_press_copies(athlete)
    for copy in [first, second][:tests]:
        log_set_on(copy, reps=5, load="60", rir=2, actual_rir=4)
    log_set_on(last_time, reps=10, load="100", rir=2)
    log_set_on(today, reps=10, load="100", rir=2, actual_rir=4)

    page = load_session(session=today.session, athlete=athlete)

    (card,) = [card for card in page.cards if card.prescription.pk == today.pk]
    assert [row.record for row in card.rows if row.logged] == [record]


def test_the_session_and_progress_pages_read_the_same_queries_with_test_sets(
    client, athlete, django_assert_num_queries
):
    first, second, last_time, today = _leg_press_copies(athlete)
    log_set_on(last_time, reps=10, load="100", rir=2)
    log_set_on(today, reps=10, load="100", rir=2)
    client.force_login(athlete)
    urls = [
        reverse("progress"),
        reverse("exercise_progress", args=[today.exercise_id]),
        reverse("session", args=[today.session.pk]),
    ]
    counts = []
    for url in urls:
        client.get(url)  # the login's session
        with CaptureQueriesContext(connection) as before:
            assert client.get(url).status_code == 200
        counts.append(len(before))

    for copy in (first, second):
        log_set_on(copy, reps=10, load="90", rir=2, actual_rir=5)
    log_set_on(last_time, set_number=2, reps=10, load="100", rir=1, actual_rir=3)

    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_progress_page_says_how_test_sets_count_and_shows_the_corrected_e1rm(client, athlete):
    """Two tests on leg press say a typed 2 is about 4: 100 × 10 typed at RIR 2 counts as
    14 reps to failure, an e1RM of 146.7 kg, not 140."""
    first, second, last_time, today = _leg_press_copies(athlete)
    log_set_on(first, reps=10, load="60", rir=2, actual_rir=4)
    log_set_on(second, reps=10, load="60", rir=2, actual_rir=4)
    log_set_on(last_time, reps=10, load="100", rir=2)
    client.force_login(athlete)

    with time_machine.travel(dt.datetime.combine(today.session.date, dt.time(12), dt.UTC)):
        progress = client.get(reverse("progress")).content.decode()
        exercise = client.get(reverse("exercise_progress", args=[today.exercise_id]))

    assert "A test set counts the reps it really had left" in progress
    assert "e1RM 146.7 kg" in exercise.content.decode()
