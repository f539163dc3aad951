"""The rest timer: started by Done, counted from a timestamp, kept across reloads and offline.

Playwright's clock drives the page's Date and timers, so "three minutes later" takes no
time. Browser APIs we only want to observe (vibrate, the wake lock) are wrapped by an
init script that records each call; the app's own code is never stubbed.
"""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    allow_ticks_with_no_network,
    exercise_card,
    session_url,
    set_row,
    tap_done,
)
from tracking.models import SetLog

SQUAT = "1. Back squat"  # rest 3 min
REST_KEY = "legplanner.rest"

RECORD_VIBRATIONS = """
window.__vibrations = [];
Navigator.prototype.vibrate = function (pattern) {
  window.__vibrations.push(pattern);
  return true;
};
"""

RECORD_WAKE_LOCKS = """
window.__wakeLocks = [];
if ("wakeLock" in navigator) {
  const request = WakeLock.prototype.request;
  WakeLock.prototype.request = function (type) {
    window.__wakeLocks.push(type);
    return request.call(this, type);
  };
}
"""


@pytest.fixture
def day_one(logged_in_page, server, week_sessions) -> Page:
    """The Day 1 page on a fake clock that starts at the real time and runs on its own."""
    page = logged_in_page
    page.clock.install()
    page.add_init_script(RECORD_VIBRATIONS)
    page.goto(session_url(server, week_sessions[0]))
    return page


def timer(page: Page):
    return page.locator("#rest-timer")


def remaining(page: Page):
    return page.locator("#rest-remaining")


def stored_rest(page: Page):
    return json.loads(page.evaluate(f"localStorage.getItem({REST_KEY!r})") or "null")


def test_done_starts_the_rest_of_the_prescription(day_one, artifacts):
    page = day_one
    expect(timer(page)).to_be_hidden()
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    expect(timer(page)).to_be_visible()
    expect(remaining(page)).to_have_text(re.compile(r"^(3:00|2:59)$"))
    assert stored_rest(page)["endsAt"] > page.evaluate("Date.now()")
    page.screenshot(path=artifacts / "rest-timer.png")


def test_the_timer_counts_down_to_go_and_vibrates_once(day_one):
    page = day_one
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    expect(remaining(page)).to_have_text(re.compile(r"^(3:00|2:59)$"))

    page.clock.fast_forward("01:00")
    expect(remaining(page)).to_have_text(re.compile(r"^(2:00|1:59)$"))
    expect(timer(page)).not_to_have_class(re.compile(r"\bis-over\b"))
    assert page.evaluate("window.__vibrations") == []

    page.clock.fast_forward("02:00")
    expect(remaining(page)).to_have_text("Go")
    expect(timer(page)).to_have_class(re.compile(r"\bis-over\b"))
    assert page.evaluate("window.__vibrations") == [[300, 150, 300]]

    # Rest is over and was told once: a reload shows "Go" without buzzing again.
    page.reload()
    expect(remaining(page)).to_have_text("Go")
    page.clock.run_for(2000)
    assert page.evaluate("window.__vibrations") == []


def test_the_timer_survives_a_reload(day_one):
    page = day_one
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    page.clock.fast_forward("01:00")
    ends_at = stored_rest(page)["endsAt"]

    page.reload()
    expect(timer(page)).to_be_visible()
    expect(remaining(page)).to_have_text(re.compile(r"^(2:00|1:59|1:58)$"))
    assert stored_rest(page)["endsAt"] == ends_at

    page.clock.fast_forward("02:00")
    expect(remaining(page)).to_have_text("Go")
    assert page.evaluate("window.__vibrations") == [[300, 150, 300]]


def test_skip_rest_hides_the_timer_for_good(day_one):
    page = day_one
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    expect(timer(page)).to_be_visible()

    page.get_by_role("button", name="Skip rest").tap()
    expect(timer(page)).to_be_hidden()
    assert stored_rest(page) is None
    page.reload()
    expect(timer(page)).to_be_hidden()


def test_the_timer_starts_with_the_network_cut(day_one, browser_errors):
    allow_ticks_with_no_network(browser_errors)
    page = day_one
    squat = exercise_card(page, SQUAT)
    set_row(squat, 1).get_by_role("textbox", name="Load (kg)", exact=True).fill("100")
    page.context.set_offline(True)

    set_row(squat, 1).get_by_role("button", name="Done: log set 1", exact=True).tap()
    expect(timer(page)).to_be_visible()
    expect(remaining(page)).to_have_text(re.compile(r"^(3:00|2:59)$"))
    # The tick could not reach the server and waits on the phone; the rest started
    # all the same.
    expect(set_row(squat, 1).locator(".waiting-mark")).to_be_visible()
    assert not SetLog.objects.exists()
    page.clock.fast_forward("00:30")
    expect(remaining(page)).to_have_text(re.compile(r"^(2:30|2:29)$"))
    page.clock.fast_forward("02:30")
    expect(remaining(page)).to_have_text("Go")


def test_the_session_page_asks_to_keep_the_screen_on(logged_in_page, server, week_sessions):
    page = logged_in_page
    page.add_init_script(RECORD_WAKE_LOCKS)
    page.goto(session_url(server, week_sessions[0]))
    # Headless Chromium has the Screen Wake Lock API on secure origins, and the
    # server's http://127.0.0.1 is one; whether the lock is granted is the browser's call.
    assert page.evaluate("'wakeLock' in navigator")
    page.wait_for_function("window.__wakeLocks.length > 0")
    assert page.evaluate("window.__wakeLocks") == ["screen"]
