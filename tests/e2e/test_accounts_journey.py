"""A new lifter's first minute, and a coach bringing an athlete in by link, at phone size."""

import re

from playwright.sync_api import Page, expect

from accounts.models import User
from programs.models import Assignment
from tests.conftest import PASSWORD
from tests.e2e.conftest import password_for_the_server
from tracking.models import SetLog

NEW_PASSWORD = "squat-deep-2026"


def sign_up(page: Page, username: str) -> None:
    page.locator("#id_username").fill(username)
    page.locator("#id_email").fill(f"{username}@example.com")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").tap()
    expect(page).to_have_url(re.compile(r"/setup/$"))
    # The setup page comes prefilled (Monday and Thursday, the phone's time zone, today).
    page.get_by_role("button", name="Start training").tap()
    expect(page).to_have_url(re.compile(r"/week/\d{4}-W\d{2}/$"))


def open_first_session(page: Page) -> None:
    """This week's first session, or next week's when this week's days are past."""
    for _ in range(2):
        opens = page.get_by_role("link", name=re.compile(r"(Open|Continue) session"))
        if opens.count():
            opens.first.tap()
            return
        page.get_by_role("link", name=re.compile(r"Next week")).tap()
    raise AssertionError("no session in the first two weeks")


def test_a_new_lifter_signs_up_and_ticks_a_set_within_a_minute(page: Page, server, db):
    page.goto(f"{server.url}/login/")
    page.get_by_role("link", name="Sign up").tap()
    sign_up(page, "newlifter")
    open_first_session(page)

    first_done = page.get_by_role("button", name="Done: log set 1").first
    first_done.locator("xpath=ancestor::form").locator("input[name=load]").fill("40")
    first_done.tap()
    expect(page.get_by_role("button", name="Undo set 1").first).to_be_visible()

    lifter = User.objects.get(username="newlifter")
    logged = SetLog.objects.get(prescription__session__athlete=lifter)
    assert (logged.logged_at - lifter.date_joined).total_seconds() < 60
    assignment = Assignment.objects.get(athlete=lifter)
    assert assignment.program.is_default and assignment.coach is None


def test_a_coach_invites_and_the_athlete_joins_by_link(
    new_context, browser_context_args, server, coach, program, browser_errors
):
    browser_errors.allow(
        r"/join/[\w-]+/: Failed to load resource: .* status of 410 ",
        reason="the link opened a second time is gone: what the end of this test checks",
    )
    password_for_the_server(coach)
    coach_page = new_context(**browser_context_args).new_page()
    coach_page.goto(f"{server.url}/admin/accounts/invitation/add/")
    coach_page.locator("#id_username").fill(coach.username)
    coach_page.locator("#id_password").fill(PASSWORD)
    coach_page.get_by_role("button", name="Log in").click()
    coach_page.locator("#id_program").select_option(label=program.name)
    coach_page.locator("#id_note").fill("For Sam")
    coach_page.locator("input[name=_save]").click()
    # The link sits in a read-only field beside its Copy link button.
    link = coach_page.locator("#invitation-link").input_value().strip()
    assert re.search(r"/join/[\w-]{20,}/$", link), link

    athlete_page = new_context(**browser_context_args).new_page()
    athlete_page.goto(link)
    expect(athlete_page.get_by_text(coach.username).first).to_be_visible()
    sign_up(athlete_page, "sam")

    sam = User.objects.get(username="sam")
    assignment = Assignment.objects.get(athlete=sam)
    assert (assignment.coach, assignment.program) == (coach, program)

    # The athlete now shows among the coach's athletes.
    coach_page.goto(f"{server.url}/admin/programs/assignment/")
    expect(coach_page.locator("#result_list")).to_contain_text("sam")

    # The link worked once.
    again = new_context(**browser_context_args).new_page()
    response = again.goto(link)
    assert response.status == 410
