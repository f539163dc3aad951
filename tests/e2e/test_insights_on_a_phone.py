"""The progress and balance pages on a phone: readable at 360 px, charts with their numbers.

The training is the demo athlete's (demo/history.py: eight weeks, a lagging left
leg, back squats left far from failure, a week without hamstrings), relative to today, plus
this week's sessions up to today by the same rule. With LEGPLANNER_SCREENSHOTS=1
the pages are also saved as the README's screenshots, docs/progress.png and docs/balance.png.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from demo.history import history_weeks, seed_history, sets_for
from programs.models import SessionPrescription
from programs.today import athlete_today
from programs.week_page import ensure_week
from programs.weeks import IsoWeek
from tracking.models import SetLog

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCREENSHOTS = os.environ.get("LEGPLANNER_SCREENSHOTS") == "1"
NARROWEST = {"width": 360, "height": 780}


@pytest.fixture
def trained(athlete):
    """The demo's eight weeks of training, and this week's sessions up to today, by the
    same rule."""
    today = athlete_today(athlete)
    # As seed_demo does: the program starts with the history, so loads start where a
    # lifter new to it would, not eleven months of progression later.
    athlete.assignments.update(start_date=history_weeks(today=today)[0].monday)
    seed_history(athlete=athlete, today=today)
    week = IsoWeek.of(today)
    ensure_week(athlete=athlete, week=week)
    copies = SessionPrescription.objects.filter(
        session__athlete=athlete, session__date__range=(week.monday, today)
    ).select_related("session__assignment", "exercise", "swapped_to")
    SetLog.objects.bulk_create(
        logged for copy in copies for logged in sets_for(copy=copy, today=today, zone=athlete.zone)
    )
    return athlete


def no_sideways_scroll(page: Page) -> None:
    for viewport in (NARROWEST, {"width": 390, "height": 844}):
        page.set_viewport_size(viewport)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{page.url} is {width} px wide at {viewport['width']}"


def shoot(page: Page, artifacts: Path, name: str) -> None:
    """The whole page in artifacts/; the README's is the phone's first screen, 390 × 844."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=artifacts / name, full_page=True)
    if SCREENSHOTS:
        page.screenshot(path=DOCS / name)


def test_progress_shows_each_exercise_and_opens_its_history(
    logged_in_page, server, trained, artifacts
):
    page = logged_in_page
    page.goto(f"{server.url}/week/{IsoWeek.of(athlete_today(trained))}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress")

    squat = page.locator(".progress-line").filter(has_text="Back squat")
    expect(squat).to_contain_text("Now")
    expect(squat).to_contain_text("4 weeks ago")
    expect(squat).to_contain_text(re.compile(r"\d+(\.\d)? kg"))
    trend = squat.get_by_role("img")
    expect(trend).to_have_attribute("aria-label", re.compile(r"Back squat, .*: \d+ \w+ \d{4}: "))
    shoot(page, artifacts, "progress.png")
    # The numbers behind every trend, for reading aloud and for copying.
    page.get_by_text("The numbers behind the trends").tap()
    expect(page.get_by_role("table").filter(has_text="Back squat").first).to_be_visible()
    no_sideways_scroll(page)

    squat.get_by_role("link", name=re.compile("^Back squat")).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Back squat")
    chart = page.get_by_role("img", name=re.compile("Back squat: estimated 1RM over time"))
    expect(chart).to_be_visible()
    expect(page.locator("svg.chart circle")).not_to_have_count(0)
    best = page.get_by_text(re.compile("^Best set of the last 52 weeks:"))
    expect(best).to_contain_text(re.compile(r"kg × \d+ @ RIR \d"))
    expect(page.get_by_role("img", name="Weekly volume")).to_be_visible()
    expect(page.locator(".session-list > li").first).to_contain_text(re.compile(r"kg × \d+ @ RIR"))
    no_sideways_scroll(page)
    page.screenshot(path=artifacts / "exercise-progress.png", full_page=True)


def test_balance_shows_muscles_legs_and_effort(logged_in_page, server, trained, artifacts):
    page = logged_in_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Balance").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Balance")

    this_week = page.get_by_role("region", name="Hard sets this week")
    for muscle in ("Quads", "Hamstrings", "Glutes"):
        expect(this_week).to_contain_text(muscle)
    expect(this_week).to_contain_text(re.compile(r"\d+ of \d+ hard sets planned"))
    weeks = page.get_by_role("table", name="Hard sets done of planned, per muscle and week")
    expect(weeks.get_by_role("row")).to_have_count(8)  # the head and seven weeks
    expect(page.get_by_text(re.compile("Hamstrings fell behind their plan in"))).to_be_visible()

    legs = page.get_by_role("region", name="Left and right")
    expect(legs).to_contain_text("Walking lunge")
    expect(legs).to_contain_text(re.compile(r"Your left leg is \d+ % behind your right"))
    effort = page.get_by_role("region", name="Effort honesty")
    expect(effort).to_contain_text("Compound lifts")
    expect(effort).to_contain_text("Isolation lifts")
    expect(effort).to_contain_text("Your compound lifts are the easy ones")
    no_sideways_scroll(page)
    shoot(page, artifacts, "balance.png")


def test_an_athlete_with_nothing_logged_is_told_what_to_do(logged_in_page, server):
    page = logged_in_page
    page.goto(f"{server.url}/progress/")
    expect(page.get_by_text("Log a session to see your progress here")).to_be_visible()
    expect(page.locator("svg")).to_have_count(0)
    page.goto(f"{server.url}/balance/")
    expect(page.get_by_text(re.compile("to compare your legs"))).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(0)
    no_sideways_scroll(page)
