"""The README's screenshots, taken on a 390×844 phone as production serves the app: the
session page in light and dark, the session summary, and the week.

Every run takes them into artifacts/; with LEGPLANNER_SCREENSHOTS=1 they are written to
docs/screenshots/ too, the files the README shows (commit them):

    LEGPLANNER_SCREENSHOTS=1 .venv/bin/pytest tests/e2e/test_readme_screenshots.py
"""

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from coaching.models import CoachNote
from programs.generation import assignments_in_week, generate_week
from programs.models import Session
from programs.weeks import IsoWeek
from tests.conftest import log_set_on
from tests.e2e.conftest import PHONE, WEEK, log_in, session_url
from tracking.models import ExerciseNote

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TO_DOCS = os.environ.get("LEGPLANNER_SCREENSHOTS") == "1"
LAST_WEEK = WEEK.shifted(-1)
# Day 1's slots: (load, reps, RIR) per set, last week and this week so far.
LAST_TIME = {1: [("100", 8, 2)] * 4, 2: [("80", 8, 2)] * 3, 3: [("20", 12, 2)] * 2}


def _day_one(week) -> Session:
    return Session.objects.get(athlete__username="athlete", date=week.monday)


def _log(session: Session, sets_by_slot: dict[int, list[tuple[str, int, int]]]) -> None:
    for order, sets in sets_by_slot.items():
        copy = session.prescriptions.get(order=order)
        after = copy.set_logs.count()  # the sets already logged keep their numbers
        for number, (load, reps, rir) in enumerate(sets, start=after + 1):
            if copy.per_leg:
                log_set_on(
                    copy, set_number=number, load=load, rir=rir, reps_left=reps, reps_right=reps
                )
            else:
                log_set_on(copy, set_number=number, load=load, reps=reps, rir=rir)


@pytest.fixture
def trained(athlete, other_athlete, coach) -> Session:
    """Last week's Day 1 logged, this week's half done, with notes both ways."""
    for week in (LAST_WEEK, WEEK):
        generate_week(assignments=assignments_in_week(week), week=week)
    _log(_day_one(LAST_WEEK), LAST_TIME)
    today = _day_one(WEEK)
    _log(today, {1: [("102.5", 8, 2), ("102.5", 7, 1)]})
    squat = today.prescriptions.get(order=1)
    first = squat.set_logs.get(set_number=1)
    first.note = "Belt on from here."
    first.save(update_fields=["note"])
    ExerciseNote.objects.create(prescription=squat, text="Knees fine at depth today.")
    CoachNote.objects.create(
        session=today,
        author=coach,
        text="Great week. Keep the RDL at RIR 2: no grinding.",
        created_at=dt.datetime(2026, 11, 22, 18, tzinfo=dt.UTC),  # the Sunday before
    )
    return today


def _shoot(page: Page, name: str, artifacts: Path) -> None:
    page.screenshot(path=artifacts / name)
    if TO_DOCS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / name)


def _phone(new_context, server, athlete, scheme: str) -> Page:
    page = new_context(**PHONE, is_mobile=True, has_touch=True, color_scheme=scheme).new_page()
    log_in(page, server, athlete)
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_readme_screenshot_of_the_session(new_context, server, athlete, trained, artifacts, scheme):
    page = _phone(new_context, server, athlete, scheme)
    page.goto(session_url(server, trained))
    expect(page.locator("#notes")).to_contain_text("Keep the RDL at RIR 2")
    _shoot(page, f"session-{scheme}.png", artifacts)


def test_readme_screenshot_of_the_week(new_context, server, athlete, trained, artifacts):
    page = _phone(new_context, server, athlete, "light")
    page.goto(f"{server.url}/week/{WEEK}/")
    expect(page.get_by_role("list", name="Days of the week").get_by_role("link")).to_have_count(2)
    _shoot(page, "week.png", artifacts)


def test_readme_screenshot_of_the_session_summary(new_context, server, athlete, trained, artifacts):
    """The session as the athlete sees it on finishing: its summary (duration, sets against
    planned, volume, PRs, the effort verdict) above the folded exercises."""
    _log(trained, {order: sets[2:] if order == 1 else sets for order, sets in LAST_TIME.items()})
    page = _phone(new_context, server, athlete, "light")
    page.goto(session_url(server, trained))
    summary = page.get_by_role("region", name="Session summary")
    expect(summary).to_contain_text("9 planned")
    summary.scroll_into_view_if_needed()
    _shoot(page, "summary.png", artifacts)


def test_readme_screenshot_of_the_test_sets_on_the_balance_page(
    new_context, server, athlete, trained, artifacts
):
    """Effort honesty, measured: leg extension tested in two weeks of October and once in
    November (guesses getting better), the back squat once, one test short."""
    for week, said, more in ((IsoWeek(2026, 42), 1, 4), (IsoWeek(2026, 44), 2, 3)):
        generate_week(assignments=assignments_in_week(week), week=week)
        extension = Session.objects.get(athlete=athlete, date=week.day(3)).prescriptions.get(
            order=1
        )
        log_set_on(extension, load="50", rir=said, actual_rir=said + more)
    thursday = Session.objects.get(athlete=athlete, date=LAST_WEEK.day(3))
    log_set_on(thursday.prescriptions.get(order=1), load="50", rir=2, actual_rir=3)
    log_set_on(trained.prescriptions.get(order=1), set_number=3, load="102.5", rir=2, actual_rir=7)
    page = _phone(new_context, server, athlete, "light")
    page.goto(f"{server.url}/balance/")
    expect(page.get_by_role("heading", name="What your test sets say")).to_be_visible()
    tests = page.locator(".honesty")
    expect(tests).to_contain_text("3.4 reps too cautious in October, 2.3 reps too cautious now")
    tests.evaluate("section => section.scrollIntoView({block: 'start'})")
    _shoot(page, "balance-test-sets.png", artifacts)
