"""The progress and balance pages, and the week page's balance summary: what they show,
whose data, what they say when there is nothing yet, and a fixed number of queries from
one week of training to five years."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Unit
from programs.generation import assignments_in_week, generate_week
from programs.models import Exercise, Prescription, Session, SessionPrescription
from programs.weeks import IsoWeek
from tests.conftest import log_set_on, make_user
from tests.imported import SETS_PER_WEEK, import_strong
from tracking.insights.effort import COMPOUND_EASY_MESSAGE
from tracking.insights.legs import NO_LEFT_RIGHT_MESSAGE
from tracking.insights.muscles import HAMSTRINGS_BEHIND_MESSAGE
from tracking.insights.progress import HISTORY_WEEKS
from tracking.models import SetLog
from tracking.units import to_kg

W48 = IsoWeek(2026, 48)
MONDAY, THURSDAY = W48.monday, W48.day(3)
# Friday 27 November 2026, 10:00 in Paris: both of the week's sessions are due.
FRIDAY_MORNING = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)

# Both progress pages also read the athlete's test sets: their bias corrects the e1RMs.
TEST_SETS_QUERIES = 1
# The login's two, the exercises trained, each session's best
PROGRESS_QUERIES = 4 + TEST_SETS_QUERIES
# The login's two, the exercise, sessions, their sets, the bests before them (the PR
# marks), best set; the test sets and their choices (the record: its bias corrects the
# e1RMs, and the page's Test sets section shows them)
EXERCISE_PROGRESS_QUERIES = 7 + 2
# The login's two, whether this week is made (one: a look never re-generates it), three
# sections. Was 14 while the page re-ran generation on the week.
# The test sets (effort honesty, measured) are one query more: was 6.
BALANCE_QUERIES = 7


@pytest.fixture(autouse=True)
def frozen_friday():
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        yield


@pytest.fixture
def week(athlete, other_athlete):
    """The athlete's (and the other athlete's) week 2026-W48, by slot: (day, order)."""
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return {
        (copy.session.day_number, copy.order): copy
        for copy in SessionPrescription.objects.filter(session__athlete=athlete).select_related(
            "session"
        )
    }


def log_sets(copy, sets: list[tuple]) -> None:
    """(load, reps, rir) per set; reps as (left, right) for a per-leg set."""
    for number, (load, reps, rir) in enumerate(sets, start=1):
        if isinstance(reps, tuple):
            log_set_on(
                copy, set_number=number, load=load, rir=rir, reps_left=reps[0], reps_right=reps[1]
            )
        else:
            log_set_on(copy, set_number=number, load=load, reps=reps, rir=rir)


def previous_week(athlete) -> dict:
    last = W48.shifted(-4)  # four weeks back: "four weeks ago" on the progress page
    generate_week(assignments=assignments_in_week(last, athlete=athlete), week=last)
    return {
        (copy.session.day_number, copy.order): copy
        for copy in SessionPrescription.objects.filter(
            session__athlete=athlete, session__date__range=(last.monday, last.sunday)
        ).select_related("session")
    }


@pytest.mark.parametrize("name", ["progress", "balance"])
def test_anonymous_visitors_are_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_visitors_are_sent_to_login_from_an_exercise(client, db):
    response = client.get(reverse("exercise_progress", args=[1]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url", ["/progress/", "/progress/1/", "/balance/"], ids=["progress", "exercise", "balance"]
)
def test_the_insight_pages_only_answer_get(client, athlete, url):
    client.force_login(athlete)
    assert client.post(url).status_code == 405


def test_the_urls_are_the_ones_others_rely_on():
    assert reverse("progress") == "/progress/"
    assert reverse("exercise_progress", args=[7]) == "/progress/7/"
    assert reverse("balance") == "/balance/"


# ---------------------------------------------------------------------------------------
# Progress


def test_progress_shows_each_exercise_now_against_four_weeks_ago(client, athlete, week):
    before = previous_week(athlete)
    log_sets(before[1, 1], [("100", 8, 2)])  # e1RM 133.3
    log_sets(week[1, 1], [("105", 8, 2), ("105", 8, 1)])  # e1RM 140
    log_sets(week[2, 2], [("40", 12, 2)])  # leg curl: one session
    client.force_login(athlete)
    response = client.get(reverse("progress"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Back squat" in html and "Leg curl" in html
    assert "140 kg" in html and "133.3 kg" in html and "+6.7 kg" in html
    assert reverse("exercise_progress", args=[week[1, 1].exercise_id]) in html
    # A trend needs two sessions: the squat has one drawn, the curl says what to do.
    assert html.count('class="sparkline"') == 1
    assert 'aria-label="Back squat, best estimated 1RM per session' in html
    assert "26 Oct 2026: 133.3 kg; 23 Nov 2026: 140 kg" in html
    assert "Log one more session of leg curl to see a trend." in html


def test_progress_with_nothing_logged_says_what_to_do(client, athlete, week):
    client.force_login(athlete)
    html = client.get(reverse("progress")).content.decode()
    assert "Log a session to see your progress here" in html
    assert "<svg" not in html
    assert 'href="/today/"' in html


def test_progress_shows_only_the_athletes_own_training(client, athlete, other_athlete, week):
    theirs = SessionPrescription.objects.get(
        session__athlete=other_athlete, session__date=THURSDAY, order=2
    )
    log_sets(theirs, [("80", 12, 2)])
    client.force_login(athlete)
    html = client.get(reverse("progress")).content.decode()
    assert "Leg curl" not in html
    assert "Log a session to see your progress here" in html


def test_progress_is_in_the_athletes_unit(client, athlete, week):
    athlete.change_settings(unit=Unit.LB, time_zone=athlete.time_zone)
    log_sets(week[1, 1], [(str(to_kg(load=Decimal("225"), unit="lb")), 5, 1)])
    client.force_login(athlete)
    html = client.get(reverse("progress")).content.decode()
    assert "270 lb" in html and " kg" not in html


# ---------------------------------------------------------------------------------------
# One exercise's history


def test_an_exercises_history_shows_chart_best_set_volume_and_sessions(client, athlete, week):
    before = previous_week(athlete)
    log_sets(before[1, 3], [("16", (12, 12), 2), ("16", (11, 12), 1)])
    log_sets(week[1, 3], [("20", (10, 12), 2), ("20", (10, 11), 3)])
    lunge = week[1, 3].exercise
    client.force_login(athlete)
    response = client.get(reverse("exercise_progress", args=[lunge.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Walking lunge</h1>" in html
    # The chart, its text alternative, and the dated points behind it.
    assert 'role="img" aria-labelledby="e1rm-chart-title e1rm-chart-desc"' in html
    assert "Walking lunge: estimated 1RM over time" in html
    assert html.count('class="dot"') == 2
    # The session's best: the weaker leg's 10 reps @ RIR 3, 20 × (1 + (10 + 3) / 30).
    assert "Mon 23 Nov 2026</td><td>28.7</td>" in html
    # Per leg, load × reps @ RIR, in order, newest session first.
    assert "20 kg × 10 left, 12 right @ RIR 2" in html
    assert html.index("Mon 23 Nov 2026 <span") < html.index("Mon 26 Oct 2026 <span")
    assert (
        "Best set of the last 52 weeks: <strong>20 kg × 10 left, 11 right @ RIR 3</strong>" in html
    )
    # Weekly volume: 20 kg × (22 + 21) reps = 860 kg this week.
    assert "<td>2026-W48</td><td>2</td><td>860</td>" in html
    assert "Weekly volume" in html


def test_the_progress_pages_read_the_last_year_and_the_whole_history_when_asked(
    client, athlete, week, django_assert_num_queries
):
    """Ten years of imported history cost the pages no more than a year (bench/history.py):
    by default they read the last 52 weeks; ?history=all reads everything."""
    log_sets(week[1, 1], [("100", 5, 2)])
    long_ago = W48.monday - dt.timedelta(weeks=HISTORY_WEEKS + 8)
    import_strong(athlete, weeks=4, before=long_ago)
    old_only = (
        Exercise.objects.filter(set_logs__prescription__session__date__lt=long_ago)
        .exclude(pk=week[1, 1].exercise_id)
        .first()
    )
    client.force_login(athlete)
    client.get(reverse("progress"))  # the login's session

    with django_assert_num_queries(PROGRESS_QUERIES):
        this_year = client.get(reverse("progress")).content.decode()
    with django_assert_num_queries(PROGRESS_QUERIES):
        whole = client.get(reverse("progress") + "?history=all").content.decode()
    assert week[1, 1].exercise.name in this_year and week[1, 1].exercise.name in whole
    assert old_only.name not in this_year
    assert old_only.name in whole
    assert 'href="/progress/?history=all">Your whole history</a>' in this_year

    url = reverse("exercise_progress", args=[old_only.pk])
    with django_assert_num_queries(EXERCISE_PROGRESS_QUERIES - 2):  # no sets, no records
        html = client.get(url).content.decode()
    assert f"No sets in the last {HISTORY_WEEKS} weeks" in html
    assert 'href="?history=all">Your whole history</a>' in html
    with django_assert_num_queries(EXERCISE_PROGRESS_QUERIES):
        html = client.get(url + "?history=all").content.decode()
    assert "Best set: <strong>" in html
    assert "Whole history ›" not in html


@pytest.mark.parametrize("query", ["?history=everything", "?history=", "?history=ALL"])
def test_a_history_that_is_not_a_page_is_not_found(client, athlete, week, query):
    client.force_login(athlete)
    assert client.get(reverse("progress") + query).status_code == 404
    url = reverse("exercise_progress", args=[week[1, 1].exercise_id])
    assert client.get(url + query).status_code == 404


@pytest.mark.parametrize(
    ("sessions", "message"),
    [
        (0, "Log two sessions of leg curl to see a trend."),
        (1, "Log one more session of leg curl to see a trend."),
    ],
)
def test_an_exercise_without_a_trend_says_what_to_do(client, athlete, week, sessions, message):
    if sessions:
        log_sets(week[2, 2], [("40", 12, 2)])
    client.force_login(athlete)
    html = client.get(reverse("exercise_progress", args=[week[2, 2].exercise_id])).content.decode()
    assert message in html
    assert "e1rm-chart" not in html


def test_another_athletes_sets_of_an_exercise_are_not_shown(client, athlete, other_athlete, week):
    theirs = SessionPrescription.objects.get(
        session__athlete=other_athlete, session__date=THURSDAY, order=2
    )
    log_sets(theirs, [("95", 12, 2), ("95", 11, 1)])
    client.force_login(athlete)
    html = client.get(reverse("exercise_progress", args=[theirs.exercise_id])).content.decode()
    assert "95 kg" not in html
    assert "Log two sessions of leg curl to see a trend." in html


def test_an_unknown_exercise_is_not_found(client, athlete):
    client.force_login(athlete)
    assert client.get(reverse("exercise_progress", args=[99999])).status_code == 404


@pytest.mark.parametrize("before", ["yesterday", "2026-13-01", ""])
def test_a_malformed_page_of_sessions_is_not_found(client, athlete, before):
    client.force_login(athlete)
    url = reverse("exercise_progress", args=[1]) + f"?before={before}"
    assert client.get(url).status_code == 404


def test_older_sessions_are_a_link_away(client, athlete, week):
    squat = Exercise.objects.get(slug="back-squat")
    _history(athlete, weeks=10)
    client.force_login(athlete)
    url = reverse("exercise_progress", args=[squat.pk])
    html = client.get(url).content.decode()
    assert html.count("<h3>") == 8
    older = f'href="{url}?before=2026-09-28"'  # the eighth newest, W40's Monday
    assert older in html
    html = client.get(f"{url}?before=2026-09-28").content.decode()
    assert html.count("<h3>") == 2
    assert "Mon 21 Sep 2026" in html and "Mon 14 Sep 2026" in html
    assert "Older sessions" not in html and "Newest sessions" in html


# ---------------------------------------------------------------------------------------
# Balance


def test_balance_shows_hard_sets_per_muscle_against_the_plan(client, athlete, week):
    log_sets(week[1, 1], [("100", 8, 2)] * 3 + [("100", 8, 5)])  # three hard, one easy
    log_sets(week[1, 2], [("80", 8, 2)])  # RDL: one of three
    log_sets(week[1, 3], [("20", (10, 12), 2), ("20", (10, 12), 2)])  # per leg: two, not four
    client.force_login(athlete)
    response = client.get(reverse("balance"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>3</strong> of 7<" in html  # quads: squat 4 + leg extension 3
    assert "<strong>1</strong> of 6<" in html  # hamstrings: RDL 3 + leg curl 3
    assert "<strong>2</strong> of 4<" in html  # glutes: lunge 2 + step-up 2
    # Friday: Monday's and Thursday's hamstring sets were both due.
    assert HAMSTRINGS_BEHIND_MESSAGE.format(done=1, due=6) in html


def test_balance_names_the_weaker_leg_and_the_easy_compound_lifts(client, athlete, week):
    log_sets(week[1, 3], [("20", (10, 12), 2), ("20", (10, 12), 2)])
    log_sets(week[1, 1], [("100", 8, 5), ("100", 8, 4), ("100", 8, 2), ("100", 8, 2)])
    log_sets(week[2, 1], [("50", 12, 2)] * 3)
    client.force_login(athlete)
    html = client.get(reverse("balance")).content.decode()
    assert "Your left leg is 17 % behind your right on walking lunge" in html
    assert COMPOUND_EASY_MESSAGE.format(compound=33, isolation=0) in html
    assert "2 of 4 sets · <strong>50 %</strong>" in html  # back squat


def test_balance_with_nothing_logged_says_what_to_do(client, athlete):
    client.force_login(athlete)
    html = client.get(reverse("balance")).content.decode()
    # The page made this week's plan to count against.
    assert Session.objects.filter(athlete=athlete, date__range=(MONDAY, W48.sunday)).count() == 2
    assert "<strong>0</strong> of 7<" in html
    assert NO_LEFT_RIGHT_MESSAGE in html
    assert "Log a few sets with their RIR" in html
    assert 'role="img"' not in html


def test_balance_shows_only_the_athletes_own_training(client, athlete, other_athlete, week):
    theirs = SessionPrescription.objects.get(
        session__athlete=other_athlete, session__date=MONDAY, order=3
    )
    log_sets(theirs, [("20", (5, 12), 2)])
    client.force_login(athlete)
    html = client.get(reverse("balance")).content.decode()
    assert "behind your right" not in html
    assert NO_LEFT_RIGHT_MESSAGE in html


def test_the_past_weeks_say_when_hamstrings_fell_behind(client, athlete, week):
    _history(athlete, weeks=7, skip_hamstrings_in=IsoWeek(2026, 46))
    client.force_login(athlete)
    html = client.get(reverse("balance")).content.decode()
    assert "Hamstrings fell behind their plan in 1 of the last 7 weeks." in html
    assert html.count('href="/week/2026-W') == 7


# ---------------------------------------------------------------------------------------
# The week page's summary and the links


def test_the_week_page_sums_up_the_balance_and_links_to_it(client, athlete, week):
    log_sets(week[1, 2], [("80", 8, 2)])
    client.force_login(athlete)
    html = client.get(reverse("week", args=[str(W48)])).content.decode()
    assert "Hard sets this week" in html
    assert "<strong>1</strong> of 6<" in html
    assert HAMSTRINGS_BEHIND_MESSAGE.format(done=1, due=6) in html
    assert 'href="/balance/"' in html
    assert "css/insights" in html


def test_a_week_without_sessions_has_no_summary(client, db):
    client.force_login(make_user("newcomer"))
    html = client.get(reverse("week", args=[str(W48)])).content.decode()
    assert "Hard sets" not in html


@pytest.mark.parametrize("page", ["week", "session"])
def test_the_week_and_session_pages_link_to_progress_and_balance(client, athlete, week, page):
    client.force_login(athlete)
    url = (
        reverse("week", args=[str(W48)])
        if page == "week"
        else reverse("session", args=[week[1, 1].session_id])
    )
    html = client.get(url).content.decode()
    start = html.index('<nav aria-label="Main"')
    nav = html[start : html.index("</nav>", start)]
    assert 'href="/progress/"' in nav and 'href="/balance/"' in nav


# ---------------------------------------------------------------------------------------
# A fixed number of queries, from one week to five years


def _history(athlete, *, weeks: int, skip_hamstrings_in: IsoWeek | None = None) -> int:
    """``weeks`` trained weeks before W48, made with bulk_create: two sessions a week with
    the guide's prescriptions, every set logged. Returns the number of sets."""
    assignment = athlete.assignments.get()
    program = assignment.program
    templates = [(1, program.day_one, 0), (2, program.day_two, 3)]
    prescriptions = {
        template.pk: list(Prescription.objects.filter(day_template=template).order_by("order"))
        for _, template, _ in templates
    }
    shown = [W48.shifted(-ago) for ago in range(weeks, 0, -1)]
    sessions = Session.objects.bulk_create(
        Session(
            athlete=athlete,
            assignment=assignment,
            day_template=template,
            date=week.day(weekday),
            day_number=number,
            name=template.name,
            focus=template.focus,
        )
        for week in shown
        for number, template, weekday in templates
    )
    fields = ["order", "sets_min", "sets_max", "reps_min", "reps_max", "per_leg", "rir_min"]
    copies = SessionPrescription.objects.bulk_create(
        SessionPrescription(
            session=session,
            source=prescription,
            exercise_id=prescription.exercise_id,
            **{name: getattr(prescription, name) for name in fields},
        )
        for session in sessions
        for prescription in prescriptions[session.day_template_id]
    )
    muscles = dict(Exercise.objects.values_list("pk", "primary_muscle"))
    sets = []
    for index, copy in enumerate(copies):
        session = copy.session
        if (
            IsoWeek.of(session.date) == skip_hamstrings_in
            and session.day_number == 2
            and muscles[copy.exercise_id] == "hamstrings"
        ):
            continue
        load = Decimal(40 + (index // 6) % 12 * 2)
        for number in range(1, copy.sets_min + 1):
            reps = copy.reps_min + number % 3
            legs = (
                {"reps": None, "reps_left": reps - 1, "reps_right": reps}
                if copy.per_leg
                else {"reps": reps}
            )
            sets.append(
                SetLog(
                    uuid=uuid.uuid4(),
                    prescription=copy,
                    exercise_id=copy.exercise_id,
                    set_number=number,
                    load_kg=load,
                    rir=(index + number) % 4,  # hard sets, RIR 0–3
                    **legs,
                )
            )
    SetLog.objects.bulk_create(sets, batch_size=2000)
    return len(sets)


QUERY_PAGES = [
    ("progress", lambda squat: reverse("progress"), PROGRESS_QUERIES),
    (
        "exercise",
        lambda squat: reverse("exercise_progress", args=[squat.pk]),
        EXERCISE_PROGRESS_QUERIES,
    ),
    (
        "exercise, older",
        lambda squat: reverse("exercise_progress", args=[squat.pk]) + "?before=2026-11-24",
        EXERCISE_PROGRESS_QUERIES,
    ),
    ("balance", lambda squat: reverse("balance"), BALANCE_QUERIES),
]


# A long history, made two ways: imported sessions are not generated ones (one per workout
# date, the prescriptions copied per workout), and the pages read both with the same queries.
LONG_HISTORIES = {
    "five generated years": lambda athlete: _history(athlete, weeks=5 * 52) > 4000,
    "2,000 imported sets": lambda athlete: (
        import_strong(athlete, weeks=2000 // SETS_PER_WEEK, before=W48.monday) > 1980
    ),
}


@pytest.mark.parametrize("history", list(LONG_HISTORIES))
@pytest.mark.parametrize(
    ("url", "queries"),
    [(url, queries) for _, url, queries in QUERY_PAGES],
    ids=[name for name, _, _ in QUERY_PAGES],
)
def test_the_pages_run_the_same_queries_with_one_week_and_a_long_history(
    client, athlete, week, django_assert_num_queries, url, queries, history
):
    squat = Exercise.objects.get(slug="back-squat")
    log_sets(week[1, 1], [("100", 8, 2)] * 4)
    log_sets(week[1, 3], [("20", (10, 12), 2)] * 2)
    client.force_login(athlete)
    assert client.get(url(squat)).status_code == 200  # the login's session, this week's plan

    with django_assert_num_queries(queries):
        one_week = client.get(url(squat))
    assert one_week.status_code == 200

    assert LONG_HISTORIES[history](athlete)
    with django_assert_num_queries(queries):
        long_history = client.get(url(squat))
    assert long_history.status_code == 200
    # The history is on the page: not a page that quietly reads nothing.
    assert long_history.content != one_week.content
