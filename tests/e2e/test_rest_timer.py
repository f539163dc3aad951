"""The rest timer: started by a set the server (or the offline queue) accepted, counted
from a timestamp, kept across reloads and offline, ±15 s, gone by itself once over, and
never over the row being logged.

Playwright's clock drives the page's Date and timers, so "three minutes later" takes no
time. Browser APIs we only want to observe (vibrate, the wake lock) are wrapped by an
init script that records each call; the app's own code is never stubbed.
"""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import log_set_on
from tests.e2e.conftest import (
    allow_ticks_with_no_network,
    exercise_card,
    session_url,
    set_row,
    tap_done,
)
from tracking.forms import LOAD_REQUIRED_MESSAGE
from tracking.models import SetLog

SQUAT = "1. Back squat"  # rest 3 min
LUNGE = "3. Walking lunge"
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


def rest_over(page: Page):
    return page.locator("#rest-over")


def test_the_timer_counts_down_says_rest_over_vibrates_once_and_goes(day_one, artifacts):
    page = day_one
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    expect(remaining(page)).to_have_text(re.compile(r"^(3:00|2:59)$"))

    page.clock.fast_forward("01:00")
    expect(remaining(page)).to_have_text(re.compile(r"^(2:00|1:59)$"))
    expect(timer(page)).not_to_have_class(re.compile(r"\bis-over\b"))
    expect(rest_over(page)).to_be_hidden()
    assert page.evaluate("window.__vibrations") == []

    page.clock.fast_forward("02:00")
    expect(rest_over(page)).to_have_text("Rest over")
    expect(rest_over(page)).to_be_visible()
    expect(remaining(page)).to_be_hidden()
    expect(page.get_by_role("button", name="Skip rest")).to_be_hidden()
    expect(timer(page)).to_have_class(re.compile(r"\bis-over\b"))
    assert page.evaluate("window.__vibrations") == [[300, 150, 300]]
    page.screenshot(path=artifacts / "rest-over.png")

    # Rest is over and was told once: a reload says so again without buzzing again.
    page.reload()
    expect(rest_over(page)).to_be_visible()
    page.clock.run_for(1000)
    assert page.evaluate("window.__vibrations") == []

    # A few seconds later the bar has gone by itself, for good.
    page.clock.fast_forward("00:06")
    expect(timer(page)).to_be_hidden()
    assert stored_rest(page) is None
    page.reload()
    page.clock.run_for(1000)
    expect(timer(page)).to_be_hidden()


def test_the_timer_survives_a_reload(day_one):
    page = day_one
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    page.clock.fast_forward("01:00")
    ends_at = stored_rest(page)["endsAt"]

    page.reload()
    expect(timer(page)).to_be_visible()
    # The rest's end is kept, not restarted. (The fake clock does not keep its minute
    # across a reload in every Chromium, so the time left is not asserted to the second.)
    assert stored_rest(page)["endsAt"] == ends_at
    expect(remaining(page)).to_have_text(re.compile(r"^[0-2]:[0-5]\d$"))

    # To just past the end as the page counts it: a jump far beyond it would also pass
    # the few seconds after which the "Rest over" bar leaves by itself.
    minutes, seconds = map(int, remaining(page).text_content().split(":"))
    page.clock.fast_forward((minutes * 60 + seconds + 1) * 1000)
    expect(rest_over(page)).to_be_visible()
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
    expect(rest_over(page)).to_be_visible()


def test_the_session_page_asks_to_keep_the_screen_on(logged_in_page, server, week_sessions):
    page = logged_in_page
    page.add_init_script(RECORD_WAKE_LOCKS)
    page.goto(session_url(server, week_sessions[0]))
    # Headless Chromium has the Screen Wake Lock API on secure origins, and the
    # server's http://127.0.0.1 is one; whether the lock is granted is the browser's call.
    assert page.evaluate("'wakeLock' in navigator")
    page.wait_for_function("window.__wakeLocks.length > 0")
    assert page.evaluate("window.__wakeLocks") == ["screen"]


def test_a_refused_done_starts_no_timer(day_one, browser_errors):
    browser_errors.allow(
        r"/sessions/\d+/tick/: Failed to load resource: .* status of 400 ",
        reason="Done with no load is refused: the refusal is what this test is about",
    )
    page = day_one
    row = set_row(exercise_card(page, SQUAT), 1)
    row.get_by_role("textbox", name="Load (kg)", exact=True).fill("")
    row.get_by_role("button", name="Done: log set 1", exact=True).tap()

    expect(row.get_by_role("alert")).to_contain_text(str(LOAD_REQUIRED_MESSAGE))
    page.clock.run_for(1000)
    expect(timer(page)).to_be_hidden()
    assert stored_rest(page) is None
    assert not SetLog.objects.exists()


def button_box(page: Page, name: str) -> dict:
    box = page.get_by_role("button", name=name, exact=True).bounding_box()
    assert box is not None, name
    return box


def test_fifteen_seconds_less_or_more(day_one):
    page = day_one
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    expect(remaining(page)).to_have_text(re.compile(r"^(3:00|2:59)$"))
    ends_at = stored_rest(page)["endsAt"]
    for name in ("−15 s of rest", "+15 s of rest", "Skip rest"):
        box = button_box(page, name)
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)

    page.get_by_role("button", name="+15 s of rest", exact=True).tap()
    expect(remaining(page)).to_have_text(re.compile(r"^(3:15|3:14)$"))
    assert stored_rest(page)["endsAt"] == ends_at + 15_000

    page.get_by_role("button", name="−15 s of rest", exact=True).tap()
    page.get_by_role("button", name="−15 s of rest", exact=True).tap()
    expect(remaining(page)).to_have_text(re.compile(r"^(2:45|2:44)$"))
    assert stored_rest(page)["endsAt"] == ends_at - 15_000

    # What is left, and no less than nothing: the rest is then over.
    page.clock.fast_forward("02:35")
    page.get_by_role("button", name="−15 s of rest", exact=True).tap()
    expect(rest_over(page)).to_be_visible()
    assert page.evaluate("window.__vibrations") == [[300, 150, 300]]


def settled_above_the_bar(page, button, *, seconds: float = 3) -> tuple[dict, dict]:
    """The button's and the bar's boxes once the page has scrolled the button clear of the
    bar, or as they stand after ``seconds``: the page scrolls smoothly, and on a loaded
    machine the first measure can catch the scroll halfway."""
    for _ in range(int(seconds * 10)):
        box, bar = button.bounding_box(), timer(page).bounding_box()
        if box["y"] + box["height"] <= bar["y"] and box["y"] >= 0:
            break
        page.wait_for_timeout(100)
    return box, bar


def test_the_bar_leaves_the_next_set_to_log_uncovered(day_one, artifacts):
    page = day_one
    squat = exercise_card(page, SQUAT)
    for number in (1, 2, 3):
        tap_done(squat, number, load="100" if number == 1 else None)
        expect(timer(page)).to_be_visible()
        done = set_row(squat, number + 1).get_by_role(
            "button", name=f"Done: log set {number + 1}", exact=True
        )
        box, bar = settled_above_the_bar(page, done)
        assert box["y"] + box["height"] <= bar["y"], (number, box, bar)
        assert box["y"] >= 0, (number, box)
    page.screenshot(path=artifacts / "rest-timer-next-set.png")

    # At the foot of the page the bar takes its own room: the last row scrolls above it.
    last = set_row(exercise_card(page, LUNGE), 3)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    box = last.get_by_role("button", name="Done: log set 3", exact=True).bounding_box()
    assert box["y"] + box["height"] <= timer(page).bounding_box()["y"]


def test_no_timer_after_the_last_planned_set(day_one, week_sessions):
    """Day 1 plans 9 sets (the third lunge set is optional): the ninth ends the rest."""
    page = day_one
    day_one_session = week_sessions[0]
    copies = {copy.order: copy for copy in day_one_session.prescriptions.all()}
    for number in (1, 2, 3, 4):
        log_set_on(copies[1], set_number=number)
    for number in (1, 2, 3):
        log_set_on(copies[2], set_number=number, load="80")
    page.reload()
    lunge = exercise_card(page, LUNGE)

    tap_done(lunge, 1, load="20")
    expect(timer(page)).to_be_visible()
    tap_done(lunge, 2)
    expect(page.locator("#session-progress")).to_contain_text("Session finished")
    page.clock.run_for(1000)
    expect(timer(page)).to_be_hidden()
    assert stored_rest(page) is None


def test_a_rest_shows_on_its_own_session_only(day_one, server, week_sessions):
    page = day_one
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    expect(timer(page)).to_be_visible()

    page.goto(session_url(server, week_sessions[1]))
    page.clock.run_for(1000)
    expect(timer(page)).to_be_hidden()
    page.go_back()
    expect(timer(page)).to_be_visible()
