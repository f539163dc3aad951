"""A session logged on a phone, set by set: taps, steppers, RIR chips, verdicts, undo."""

import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    PHONE,
    exercise_card,
    log_in,
    session_url,
    set_row,
    tap_done,
    unfold,
)
from tracking.models import SetLog
from tracking.verdicts import TOO_EASY_MESSAGE

SQUAT, RDL, LUNGE = "1. Back squat", "2. Romanian deadlift", "3. Walking lunge"
EXTENSION, CURL, STEP_UP = "1. Leg extension", "2. Leg curl", "3. Step-up"


def logged_sets(session) -> list[tuple]:
    return list(
        SetLog.objects.filter(prescription__session=session)
        .order_by("prescription__order", "set_number")
        .values_list(
            "exercise__name", "set_number", "reps", "reps_left", "reps_right", "load_kg", "rir"
        )
    )


def expect_logged(card, number: int) -> None:
    row = set_row(card, number)
    expect(row.get_by_role("group", name=re.compile(rf"^Set {number}\b"))).to_contain_text("logged")
    expect(row.get_by_role("button", name=f"Undo set {number}", exact=True)).to_be_visible()
    expect(row.locator(".verdict")).to_be_visible()


def expect_not_logged(card, number: int) -> None:
    row = set_row(card, number)
    expect(row.get_by_role("button", name=f"Done: log set {number}", exact=True)).to_be_visible()
    expect(row).not_to_contain_text("logged")
    expect(row.locator(".verdict")).to_have_count(0)


def expect_finished(page: Page, finished: bool, label: str) -> None:
    progress = page.locator("#session-progress")
    expect(progress).to_contain_text(label)
    expect(page.get_by_text("Session finished")).to_have_count(1 if finished else 0)


def test_day_one_logged_set_by_set_on_a_phone(logged_in_page, server, week_sessions, artifacts):
    page = logged_in_page
    day_one = week_sessions[0]
    page.goto(session_url(server, day_one))
    expect_finished(page, False, "0 of 9 sets")
    squat, rdl, lunge = (exercise_card(page, title) for title in (SQUAT, RDL, LUNGE))

    # The first squat set: one rep fewer than the top of the range, and four left in the
    # tank. The sets below it follow its reps: they are not logged yet.
    first = set_row(squat, 1)
    first.get_by_role("button", name="Reps: minus 1", exact=True).tap()
    expect(first.get_by_role("textbox", name="Reps", exact=True)).to_have_value("7")
    for number in (2, 3, 4):
        reps = set_row(squat, number).get_by_role("textbox", name="Reps", exact=True)
        expect(reps).to_have_value("7")
    first.locator('label[aria-label="RIR 4"]').tap()
    expect(first.get_by_role("radio", name="RIR 4", exact=True)).to_be_checked()
    tap_done(squat, 1, load="100")
    expect(first.locator(".verdict")).to_contain_text("In range")
    expect(first.locator(".verdict")).to_contain_text("Too easy")
    expect(first.locator(".verdict")).to_contain_text(TOO_EASY_MESSAGE.format(rir=4))
    expect_finished(page, False, "1 of 9 sets")

    # The load is typed once per exercise: the first set's fills the other sets' fields.
    for number in (2, 3, 4):
        load = set_row(squat, number).get_by_role("textbox", name="Load (kg)", exact=True)
        expect(load).to_have_value("100")
    for number in (2, 3, 4):
        row = tap_done(squat, number)
        expect(row.locator(".verdict")).to_contain_text("In range")
        expect(row.locator(".verdict")).to_contain_text("On target")
    tap_done(rdl, 1, load="80")
    tap_done(rdl, 2)
    tap_done(rdl, 3)

    # Per leg: the right leg did two reps fewer than the left; judged on the weaker one.
    lunge_first = set_row(lunge, 1)
    lunge_first.get_by_role("button", name="Right reps: minus 1", exact=True).tap()
    lunge_first.get_by_role("button", name="Right reps: minus 1", exact=True).tap()
    expect(lunge_first.get_by_role("textbox", name="Left reps", exact=True)).to_have_value("14")
    expect(lunge_first.get_by_role("textbox", name="Right reps", exact=True)).to_have_value("12")
    tap_done(lunge, 1, load="20")
    expect(lunge_first.locator(".verdict")).to_contain_text("In range")
    tap_done(lunge, 2)
    # The third lunge set is optional: the session is finished without it.
    expect_finished(page, True, "9 of 9 sets")

    set_row(rdl, 3).get_by_role("button", name="Undo set 3", exact=True).tap()
    expect_not_logged(rdl, 3)
    expect_finished(page, False, "8 of 9 sets")

    page.reload()
    unfold(squat)  # finished exercises open folded
    unfold(lunge)
    for card, numbers in ((squat, (1, 2, 3, 4)), (rdl, (1, 2)), (lunge, (1, 2))):
        for number in numbers:
            expect_logged(card, number)
    expect_not_logged(rdl, 3)
    expect_not_logged(lunge, 3)
    # A logged set reads as one line: its fields, hidden until Edit, keep what was logged.
    expect(first).to_contain_text("100 kg × 7 @ RIR 4")
    expect(first.locator("input[name=reps]")).to_have_value("7")
    expect(first.locator("input[name=rir][value='4']")).to_be_checked()
    expect(first.locator(".verdict")).to_contain_text("Too easy")
    expect(lunge_first.locator("input[name=reps_right]")).to_have_value("12")
    expect_finished(page, False, "8 of 9 sets")

    tap_done(rdl, 3, load="80")
    expect_finished(page, True, "9 of 9 sets")
    page.reload()
    expect_logged(unfold(rdl), 3)
    expect_finished(page, True, "9 of 9 sets")
    page.screenshot(path=artifacts / "session-day1.png", full_page=True)

    hundred, eighty, twenty = Decimal(100), Decimal(80), Decimal(20)
    assert logged_sets(day_one) == [
        ("Back squat", 1, 7, None, None, hundred, 4),
        ("Back squat", 2, 7, None, None, hundred, 2),
        ("Back squat", 3, 7, None, None, hundred, 2),
        ("Back squat", 4, 7, None, None, hundred, 2),
        ("Romanian deadlift", 1, 10, None, None, eighty, 2),
        ("Romanian deadlift", 2, 10, None, None, eighty, 2),
        ("Romanian deadlift", 3, 10, None, None, eighty, 2),
        ("Walking lunge", 1, None, 14, 12, twenty, 2),
        ("Walking lunge", 2, None, 14, 12, twenty, 2),
    ]


def test_day_two_logged_set_by_set_on_a_phone(logged_in_page, server, week_sessions, artifacts):
    page = logged_in_page
    day_two = week_sessions[1]
    page.goto(session_url(server, day_two))
    expect_finished(page, False, "0 of 8 sets")
    extension, curl, step_up = (exercise_card(page, t) for t in (EXTENSION, CURL, STEP_UP))

    for number, load in ((1, "40"), (2, None), (3, None)):
        tap_done(extension, number, load=load)
    # To failure on the last curl set: still on target.
    set_row(curl, 3).locator('label[aria-label="RIR 0"]').tap()
    for number, load in ((1, "35"), (2, None), (3, None)):
        row = tap_done(curl, number, load=load)
        expect(row.locator(".verdict")).to_contain_text("On target")

    # The right leg fell one rep short of the range (10–12) on the second step-up set.
    tap_done(step_up, 1, load="10")
    second = set_row(step_up, 2)
    for _ in range(3):
        second.get_by_role("button", name="Right reps: minus 1", exact=True).tap()
    tap_done(step_up, 2)
    expect(second.locator(".verdict")).to_contain_text("Below the range")
    expect(second.locator(".verdict")).to_contain_text("9 reps: below the range of 10–12.")
    expect_finished(page, True, "8 of 8 sets")

    set_row(curl, 2).get_by_role("button", name="Undo set 2", exact=True).tap()
    expect_not_logged(curl, 2)
    expect_finished(page, False, "7 of 8 sets")

    page.reload()
    unfold(extension)  # finished exercises open folded
    unfold(step_up)
    for card, numbers in ((extension, (1, 2, 3)), (curl, (1, 3)), (step_up, (1, 2))):
        for number in numbers:
            expect_logged(card, number)
    expect_not_logged(curl, 2)
    expect(second.locator(".verdict")).to_contain_text("Below the range")
    expect_finished(page, False, "7 of 8 sets")

    tap_done(curl, 2, load="35")
    page.reload()
    expect_logged(unfold(curl), 2)
    expect_finished(page, True, "8 of 8 sets")
    page.screenshot(path=artifacts / "session-day2.png", full_page=True)

    forty, thirty_five, ten = Decimal(40), Decimal(35), Decimal(10)
    assert logged_sets(day_two) == [
        ("Leg extension", 1, 15, None, None, forty, 2),
        ("Leg extension", 2, 15, None, None, forty, 2),
        ("Leg extension", 3, 15, None, None, forty, 2),
        ("Leg curl", 1, 15, None, None, thirty_five, 2),
        ("Leg curl", 2, 15, None, None, thirty_five, 2),
        ("Leg curl", 3, 15, None, None, thirty_five, 0),
        ("Step-up", 1, None, 12, 12, ten, 2),
        ("Step-up", 2, None, 12, 9, ten, 2),
    ]


def test_a_narrow_phone_never_scrolls_sideways(logged_in_page, server, week_sessions, artifacts):
    page = logged_in_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(session_url(server, week_sessions[0]))
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    tap_done(exercise_card(page, LUNGE), 1, load="20")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide on a 360 px phone"
    page.screenshot(path=artifacts / "session-360.png", full_page=True)


def test_every_control_of_a_set_row_is_a_44_px_target(logged_in_page, server, week_sessions):
    """Buttons, RIR chips and fields, on the narrowest phone we aim at. The steppers'
    captions ("Reps") are labels too, but a tap on one only focuses its field, which is
    itself a full-size target, so they are not counted."""
    page = logged_in_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(session_url(server, week_sessions[0]))
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    tap_done(exercise_card(page, SQUAT), 2)
    set_row(exercise_card(page, SQUAT), 2).get_by_role("button", name="Edit set 2").tap()
    rows = {
        "logged squat set": (set_row(exercise_card(page, SQUAT), 1), 2),  # Edit and Undo
        "logged squat set, opened": (set_row(exercise_card(page, SQUAT), 2), 10),
        "planned squat set": (set_row(exercise_card(page, SQUAT), 3), 10),
        "per-leg lunge set": (set_row(exercise_card(page, LUNGE), 1), 10),
    }

    too_small = []
    for what, (row, least) in rows.items():
        targets = row.locator("button:visible, .chips label:visible, input[type=text]:visible")
        assert targets.count() >= least, what  # steppers, six chips, Done or Save and Undo
        for target in targets.all():
            box = target.bounding_box()
            if box["width"] < 44 or box["height"] < 44:
                name = target.get_attribute("aria-label") or target.get_attribute("name")
                too_small.append(f"{what}: {name} is {box['width']:.0f}×{box['height']:.0f}")
    assert not too_small, "\n".join(too_small)


def tab_to(page: Page, target, *, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {target}")


def test_a_set_can_be_logged_with_the_keyboard_alone(new_context, server, athlete, week_sessions):
    context = new_context(**PHONE)
    try:
        page = context.new_page()
        log_in(page, server, athlete)
        page.goto(session_url(server, week_sessions[0]))
        squat = exercise_card(page, SQUAT)
        row = set_row(squat, 1)

        tab_to(page, row.get_by_role("textbox", name="Load (kg)", exact=True))
        page.keyboard.type("100")
        # Into the RIR chips, on the one picked (2), then one to the right.
        tab_to(page, row.get_by_role("radio", name="RIR 2", exact=True))
        page.keyboard.press("ArrowRight")
        expect(row.get_by_role("radio", name="RIR 3", exact=True)).to_be_checked()
        tab_to(page, row.get_by_role("button", name="Done: log set 1", exact=True))
        page.keyboard.press("Enter")
        expect(row.get_by_role("button", name="Undo set 1", exact=True)).to_be_visible()
        expect(row.locator(".verdict")).to_contain_text("At the limit")

        second = set_row(squat, 2)
        expect(second.get_by_role("textbox", name="Load (kg)", exact=True)).to_have_value("100")
        # After the tick, focus waits on the next set's Done: one key logs it.
        expect(second.get_by_role("button", name="Done: log set 2", exact=True)).to_be_focused()
        page.keyboard.press("Space")
        expect(second.get_by_role("button", name="Undo set 2", exact=True)).to_be_visible()
    finally:
        context.close()

    assert logged_sets(week_sessions[0]) == [
        ("Back squat", 1, 8, None, None, Decimal(100), 3),
        ("Back squat", 2, 8, None, None, Decimal(100), 2),
    ]
