"""Notes as a conversation, on a phone: the coach's note on the athlete in general reaches
their week page and today's session marked new, the athlete answers in one line, and the
coach's desk marks the answer, which their athlete page shows in the thread."""

import re

import pytest
from playwright.sync_api import Page, expect

from programs.today import athlete_today
from tests.conftest import PASSWORD
from tests.e2e.conftest import password_for_the_server

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
NOTE = "Sleep eight hours before a heavy day."
ANSWER = "Will do, in bed by ten."


def log_in(page: Page, server, username: str, lands: str) -> None:
    page.goto(f"{server.url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(lands))


@pytest.fixture
def trains_today(athlete, coach):
    """Day 1 falls on the athlete's today, so /today/ opens a session."""
    weekday = athlete_today(athlete).weekday()
    athlete.assignments.update(weekday_one=weekday, weekday_two=(weekday + 3) % 7)
    password_for_the_server(athlete, coach)
    return athlete


def test_a_note_reaches_the_athlete_who_answers_and_the_coach_reads_it(
    new_context, server, trains_today, artifacts
):
    athlete = trains_today
    page = new_context(**PHONE).new_page()
    log_in(page, server, "coach", lands=r"/coach/$")
    page.locator("tr.desk-row").first.get_by_role("link", name="athlete").click()
    page.get_by_label("Note for the athlete").fill(NOTE)
    page.get_by_role("button", name=re.compile("Leave a note on athlete")).click()
    expect(page.locator("#thread")).to_contain_text(NOTE)
    expect(page.locator("#thread")).to_contain_text("unread")
    page.context.close()

    # The athlete: on their week page and at the top of today's session, marked new.
    page = new_context(**PHONE).new_page()
    log_in(page, server, "athlete", lands=r"/week/\d{4}-W\d{2}/$")
    general = page.locator("#general-notes")
    expect(general).to_contain_text(NOTE)
    expect(general.locator(".tag", has_text="new")).to_be_visible()
    page.screenshot(path=str(artifacts / "note-conversation-week.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(f"{server.url}/today/")
    expect(page).to_have_url(re.compile(r"/sessions/\d+/$"))
    general = page.locator("#general-notes")
    expect(general).to_contain_text(NOTE)
    expect(general.locator(".tag", has_text="new")).to_be_visible()
    page.screenshot(path=str(artifacts / "note-conversation-session.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # One line answers it, and reads it: it leaves the top.
    general.get_by_label("Answer your coach").fill(ANSWER)
    general.get_by_role("button", name="Answer").click()
    expect(page.locator("#general-notes")).to_have_count(0)
    assert athlete.general_coach_notes.get().replies.get().text == ANSWER
    page.context.close()

    # The coach: the desk marks the athlete, their page shows the thread.
    page = new_context(**PHONE).new_page()
    log_in(page, server, "coach", lands=r"/coach/$")
    row = page.locator("tr.desk-row", has=page.locator(".unread-answer"))
    expect(row).to_have_attribute("data-athlete", "athlete")
    page.screenshot(path=str(artifacts / "note-conversation-desk.png"), full_page=True)
    row.get_by_role("link", name="New answer").click()
    thread = page.locator("#thread")
    expect(thread).to_contain_text(NOTE)
    expect(thread.locator(".reply")).to_contain_text(ANSWER)
    expect(thread.locator(".reply .tag", has_text="new")).to_be_visible()
    expect(thread).to_contain_text("read ")
    page.screenshot(path=str(artifacts / "note-conversation-thread.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
