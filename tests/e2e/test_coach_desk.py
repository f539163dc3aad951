"""A coach on the desk, on a phone and on a laptop: finds the athlete who needs attention,
reads their session, leaves a note, adjusts one prescription; the athlete then sees both.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from programs.models import Assignment
from programs.today import athlete_today
from programs.weeks import IsoWeek
from tests.coaching_setup import train
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import password_for_the_server
from tracking.models import SetLog

SIZES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "laptop": {"viewport": {"width": 1280, "height": 800}},
}


def log_in(page: Page, server, username: str, lands: str = r"/week/\d{4}-W\d{2}/$") -> None:
    page.goto(f"{server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(lands))


@pytest.fixture
def squad(athlete, coach, program):
    """The athlete has trained the three weeks before this one with a left leg behind and
    squats far from failure; a steady teammate trained well."""
    this_week = IsoWeek.of(athlete_today(athlete))
    earlier = [this_week.shifted(-3), this_week.shifted(-2), this_week.shifted(-1)]
    steady = make_user("steady")
    # From the first week trained: weeks due before it and not trained would put the
    # 30-day compliance under plan ("Compliance 75 % over 30 days"), not "All clear".
    Assignment.objects.create(
        athlete=steady, program=program, coach=coach, start_date=earlier[0].monday
    )
    train(athlete, weeks=earlier, compound_rir=5, left_lag=3)
    # This week's sessions before today too, so that the teammate is "All clear" on any
    # weekday, not only on Mondays (a Monday not trained by Tuesday is a missed session).
    today = athlete_today(steady)
    train(steady, weeks=[*earlier, this_week])
    SetLog.objects.filter(
        prescription__session__athlete=steady, prescription__session__date__gte=today
    ).delete()
    password_for_the_server(athlete, coach)
    return athlete, steady


@pytest.mark.parametrize("size", list(SIZES))
def test_a_coach_finds_adjusts_and_the_athlete_sees_it(new_context, server, squad, size, artifacts):
    athlete, _ = squad
    context = new_context(**SIZES[size])
    page = context.new_page()
    # A coach who does not train lands on the desk: the athlete who needs attention
    # comes first, with their flags.
    log_in(page, server, "coach", lands=r"/coach/$")
    rows = page.locator("tr.desk-row")
    expect(rows.first).to_have_attribute("data-athlete", "athlete")
    expect(rows.first).to_contain_text("Left leg 25 % behind on walking lunge")
    expect(rows.first).to_contain_text("compound sets at RIR 4+")
    expect(rows.nth(1)).to_contain_text("All clear")
    page.screenshot(path=str(artifacts / f"coach-desk-{size}.png"), full_page=True)
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["viewport"]["width"]

    # Their page, then this week's Day 1, read-only.
    rows.first.get_by_role("link", name="athlete").click()
    expect(page.get_by_role("heading", name="athlete", exact=True)).to_be_visible()
    page.locator(".coach-sessions a").first.click()
    expect(page).to_have_url(re.compile(r"/coach/sessions/\d+/$"))
    expect(page.get_by_role("button", name=re.compile("Done"))).to_have_count(0)

    # A note on the back squat.
    page.get_by_label("Note for the athlete").fill("Film your last set: I want to see depth.")
    page.get_by_label("On").select_option(label="1. Back squat")
    page.get_by_role("button", name="Leave the note").click()
    expect(page.locator("#notes")).to_contain_text("Back squat: Film your last set")

    # Adjust the squat slot for this athlete: leg press, 3 sets.
    page.get_by_role("link", name="Adjust Back squat for athlete").click()
    page.get_by_label("Exercise").select_option(label="Leg press")
    page.get_by_label("Sets from").fill("3")
    page.get_by_label("Sets to").fill("3")
    page.get_by_role("button", name="Save for athlete").click()
    expect(page).to_have_url(re.compile(r"/coach/sessions/\d+/$"))
    expect(page.get_by_role("heading", name="1. Leg press")).to_be_visible()
    session_path = re.search(r"/coach(/sessions/\d+/)$", page.url)[1]
    context.close()

    # The athlete sees the note and the adjusted prescription.
    context = new_context(**SIZES[size])
    page = context.new_page()
    log_in(page, server, "athlete")
    page.goto(f"{server.url}{session_path}")
    expect(page.locator("#notes")).to_contain_text("Film your last set: I want to see depth.")
    card = page.get_by_role("article", name="1. Leg press", exact=True)
    expect(card.locator(".dose")).to_contain_text("3 × 5–8")
    expect(card.get_by_role("button", name="Done: log set 1", exact=True)).to_be_visible()
    context.close()
