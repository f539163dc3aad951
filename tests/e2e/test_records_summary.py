"""Records, the session summary and the warm-up ramp on a phone (390 × 844, touch).

With LEGPLANNER_SCREENSHOTS=1 the summary is also saved as the README's docs/summary.png.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from programs.generation import assignments_in_week, generate_week
from programs.models import Session, SessionPrescription
from tests.conftest import log_set_on
from tests.e2e.conftest import WEEK, exercise_card, session_url, set_row, tap_done
from tracking.models import SetLog

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCREENSHOTS = os.environ.get("LEGPLANNER_SCREENSHOTS") == "1"
SQUAT = "1. Back squat"


@pytest.fixture
def squatted_last_week(athlete, week_sessions):
    """Last week's squat: 4 × 100 kg × 8 @ RIR 2, so today says 102.5 kg × 5–8."""
    last_week = WEEK.shifted(-1)
    generate_week(assignments=assignments_in_week(last_week), week=last_week)
    earlier = Session.objects.get(
        athlete=athlete, day_number=1, date__range=(last_week.monday, last_week.sunday)
    )
    copy = SessionPrescription.objects.get(session=earlier, order=1)
    for number in (1, 2, 3, 4):
        log_set_on(copy, set_number=number, load="100", reps=8)
    return week_sessions[0]


def test_a_pr_on_the_row_and_in_the_summary_and_a_warm_up_ticked(
    logged_in_page, server, squatted_last_week, artifacts
):
    page = logged_in_page
    day_one = squatted_last_week
    page.goto(session_url(server, day_one))
    squat = exercise_card(page, SQUAT)

    # The ramp to 102.5 kg, collapsed; a tick stays on the phone, never a logged set.
    ramp = squat.locator("details.warm-up")
    expect(ramp.locator("summary")).to_have_text("Warm-up (4 sets)")
    expect(ramp.get_by_text("82.5 kg × 1")).not_to_be_visible()
    ramp.locator("summary").tap()
    step = ramp.get_by_role("checkbox", name="40 kg × 5")
    step.tap()
    expect(step).to_be_checked()
    page.reload()
    squat = exercise_card(page, SQUAT)
    squat.locator("details.warm-up summary").tap()
    expect(squat.get_by_role("checkbox", name="40 kg × 5")).to_be_checked()
    expect(squat.get_by_role("checkbox", name="20 kg × 10")).not_to_be_checked()
    assert not SetLog.objects.filter(prescription__session=day_one).exists()

    # 102.5 kg × 5: more than ever lifted, so the most reps at that load: a PR. The
    # second set only ties it.
    tap_done(squat, 1)
    second = tap_done(squat, 2)
    expect(second.locator(".verdict")).to_be_visible()
    # The tick's answer leaves the mark to the page (a sixth statement on the tick): drawn
    # again, the page marks the first set and not the second.
    page.reload()
    squat = exercise_card(page, SQUAT)
    expect(set_row(squat, 1).locator(".tag.pr")).to_have_text("PR")
    expect(set_row(squat, 2).locator(".tag.pr")).to_have_count(0)

    squat.screenshot(path=artifacts / "pr-and-warm-up.png")

    skip = page.get_by_role("button", name="Skip rest")
    if skip.is_visible():
        skip.tap()
    page.get_by_role("link", name="Finish session").tap()
    summary = page.get_by_role("region", name="Session summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("2 done, 9 planned")
    expect(summary).to_contain_text("Back squat 102.5 kg × 5")
    expect(summary.locator(".tag.pr")).to_have_count(1)
    expect(summary).to_contain_text("1025 kg")
    # The PR stays on its row when the page is drawn whole.
    expect(set_row(exercise_card(page, SQUAT), 1).locator(".tag.pr")).to_have_text("PR")

    summary.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "summary.png")
    if SCREENSHOTS:
        page.screenshot(path=DOCS / "summary.png")
