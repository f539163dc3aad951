"""Notes, the week strip, the rest day and dark mode on a 390×844 phone."""

import re

from playwright.sync_api import expect

from coaching.models import CoachNote
from programs.models import Assignment
from programs.today import athlete_today
from tests.e2e.conftest import PHONE, WEEK, exercise_card, log_in, session_url, set_row, tap_done
from tracking.models import ExerciseNote, SetLog

SQUAT = "1. Back squat"


def test_each_day_of_the_strip_opens_its_session(logged_in_page, server, week_sessions, artifacts):
    page = logged_in_page
    day_one, day_two = week_sessions
    page.goto(f"{server.url}/week/{WEEK}/")
    strip = page.get_by_role("list", name="Days of the week")
    expect(strip.get_by_role("link")).to_have_count(2)

    strip.get_by_role("link", name=re.compile(r"^Thursday 26 November: Day 2")).tap()
    expect(page).to_have_url(f"{server.url}/sessions/{day_two.pk}/")
    page.go_back()
    strip.get_by_role("link", name=re.compile(r"^Monday 23 November: Day 1")).tap()
    expect(page).to_have_url(f"{server.url}/sessions/{day_one.pk}/")


def _rest_today(athlete) -> None:
    """Move the athlete's two days off today's weekday, kept apart as the plan wants."""
    today = athlete_today(athlete).weekday()
    one, two = next(
        (one, two)
        for one in range(7)
        for two in range(one + 2, 7)
        if today not in (one, two) and (one, two) != (0, 6)
    )
    Assignment.objects.filter(athlete=athlete).update(weekday_one=one, weekday_two=two)


def test_today_on_a_rest_day_says_so_and_opens_the_next_session(page, server, athlete, artifacts):
    _rest_today(athlete)
    log_in(page, server, athlete)

    page.goto(f"{server.url}/today/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Rest day")
    expect(page.get_by_text("Next session:")).to_be_visible()
    page.screenshot(path=artifacts / "rest-day.png")
    page.get_by_role("link", name=re.compile(r"^Open \w+'s session$")).tap()
    expect(page).to_have_url(re.compile(r"/sessions/\d+/$"))
    expect(page.get_by_role("button", name="Done: log set 1", exact=True).first).to_be_visible()


def test_notes_typed_on_the_phone_and_the_coachs_note_dismissed(
    logged_in_page, server, week_sessions, coach, artifacts
):
    page = logged_in_page
    day_one = week_sessions[0]
    note = CoachNote.objects.create(session=day_one, author=coach, text="Brace before each rep.")
    page.goto(session_url(server, day_one))
    squat = exercise_card(page, SQUAT)

    # A note on the exercise: folded until tapped, saved in place.
    squat.get_by_text("Add a note", exact=True).first.tap()
    squat.get_by_role("textbox", name=re.compile(r"^Your note on this exercise")).fill(
        "Knee fine at depth."
    )
    squat.get_by_role("button", name="Save note").tap()
    expect(squat.get_by_text("Your note: Knee fine at depth.")).to_be_visible()

    # A note on a set, sent with it.
    first = set_row(squat, 1)
    first.locator(".set-note summary").tap()
    first.get_by_role("textbox", name="Note on set 1").fill("Grip slipped.")
    tap_done(squat, 1, load="60")
    expect(set_row(squat, 1).locator(".set-note summary")).to_have_text("Note: Grip slipped.")
    page.screenshot(path=artifacts / "notes.png")

    # The coach's note, at the top until "Got it".
    notes = page.locator("#notes")
    expect(notes).to_contain_text("Brace before each rep.")
    notes.get_by_role("button", name=re.compile(r"^Got it")).tap()
    expect(page.get_by_text("Brace before each rep.")).to_have_count(0)

    assert ExerciseNote.objects.get().text == "Knee fine at depth."
    assert SetLog.objects.get().note == "Grip slipped."
    note.refresh_from_db()
    assert note.read_at is not None
    page.goto(f"{server.url}/week/{WEEK}/")
    expect(page.get_by_text("Brace before each rep.")).to_have_count(0)


def test_an_unread_coach_note_shows_on_the_week_until_got_it(
    logged_in_page, server, week_sessions, coach
):
    page = logged_in_page
    CoachNote.objects.create(session=week_sessions[1], author=coach, text="Slow the eccentric.")
    page.goto(f"{server.url}/week/{WEEK}/")
    expect(page.get_by_text("Slow the eccentric.")).to_be_visible()

    page.get_by_role("button", name=re.compile(r"^Got it")).tap()

    expect(page.get_by_text("Slow the eccentric.")).to_have_count(0)
    page.reload()
    expect(page.get_by_text("Slow the eccentric.")).to_have_count(0)


def test_dark_mode_follows_the_phone(new_context, server, athlete, week_sessions, artifacts):
    phone = new_context(**PHONE, is_mobile=True, has_touch=True, color_scheme="dark")
    page = phone.new_page()
    log_in(page, server, athlete)
    page.goto(session_url(server, week_sessions[0]))

    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    text = page.evaluate("getComputedStyle(document.documentElement).color")
    channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
    assert max(channels) < 40, f"the page is {background} in dark mode"
    assert min(int(c) for c in re.findall(r"\d+", text)[:3]) > 200, f"text is {text}"
    page.screenshot(path=artifacts / "session-dark.png")
