"""The week on a phone: both leg days at a glance, one tap into a session."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import WEEK, session_url


def test_the_week_shows_both_sessions_and_opens_one(
    logged_in_page, server, week_sessions, artifacts
):
    page = logged_in_page
    day_one, day_two = week_sessions
    page.goto(f"{server.url}/week/{WEEK}/")

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Week {WEEK.week}")
    sessions = page.get_by_role("article")
    expect(sessions).to_have_count(2)
    expect(sessions.nth(0)).to_contain_text("Monday 23 November")
    expect(sessions.nth(0)).to_contain_text("Day 1 · Strength + Compounds")
    expect(sessions.nth(0)).to_contain_text("Back squat")
    expect(sessions.nth(1)).to_contain_text("Thursday 26 November")
    expect(sessions.nth(1)).to_contain_text("Day 2 · Balance + Isolation")
    expect(sessions.nth(1)).to_contain_text("Leg extension")
    # W48 is past: its sessions are there to be reviewed, not continued.
    expect(page.get_by_role("link", name="Review session")).to_have_count(2)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the week is {width} px wide on a 390 px phone"
    page.screenshot(path=artifacts / "week.png", full_page=True)

    sessions.nth(1).get_by_role("link", name="Review session").tap()
    expect(page).to_have_url(f"{server.url}/sessions/{day_two.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thursday 26 November")
    page.go_back()
    sessions.nth(0).get_by_role("link", name="Review session").tap()
    expect(page).to_have_url(f"{server.url}/sessions/{day_one.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Monday 23 November")
    # Read-only until Edit.
    expect(page.get_by_role("button", name=re.compile(r"^Done: log set"))).to_have_count(0)
    page.get_by_role("link", name="Edit", exact=True).tap()
    expect(page).to_have_url(session_url(server, day_one))
    expect(page.get_by_role("button", name=re.compile(r"^Done: log set"))).to_have_count(10)
