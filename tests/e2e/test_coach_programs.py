"""A coach on a laptop makes a program of their own: duplicates the house's, names it,
puts a slot first by dragging it and gives a slot an alternative by autocomplete, in an
admin that fits 1280 px, then assigns it to two athletes in one action on the desk; their
next sessions follow it."""

import re

from playwright.sync_api import Page, expect

from programs.models import Program, Session, open_assignment_of
from programs.today import athlete_today
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import make_athlete
from tests.e2e.conftest import password_for_the_server
from tests.e2e.test_coach_desk import SIZES, log_in

OWN_PROGRAM = "Hinge first"


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def slot_rows(page: Page):
    return page.locator("#prescriptions-group tbody tr.has_original")


def test_a_coach_builds_a_program_of_their_own_and_two_athletes_follow_it(
    server, new_context, coach, athlete, program
):
    second = make_athlete("second", coach=coach)
    squat_alternatives = {
        a.name for a in program.day_one.prescriptions.get(order=1).alternatives.all()
    }
    assert "Hack squat" not in squat_alternatives
    password_for_the_server(coach)
    page = new_context(**SIZES["laptop"]).new_page()
    log_in(page, server, "coach", lands=r"/coach/$")

    # Duplicate the house program and name the copy.
    page.goto(f"{server.url}/admin/programs/program/")
    row = page.locator("#result_list tr", has_text=program.name)
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(
        label="Duplicate program, with copies of its day templates"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text(f"{program.name} (copy)")
    page.get_by_role("link", name=f"{program.name} (copy)").click()
    page.get_by_label("Name:").fill(OWN_PROGRAM)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(OWN_PROGRAM)

    # Its first day, in the template editor: one row a slot, no sideways scroll.
    own = Program.objects.get(name=OWN_PROGRAM)
    assert own.owner == coach and own.day_one != program.day_one
    page.goto(f"{server.url}/admin/programs/daytemplate/{own.day_one.pk}/change/")
    rows = slot_rows(page)
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Back squat")
    expect(rows.nth(1)).to_contain_text("Romanian deadlift")
    assert no_sideways_scroll(page)

    # The hinge goes first, dragged by its row's handle above the squat.
    rows.nth(1).locator("td.original p").drag_to(
        rows.nth(0).locator("td.original p"), target_position={"x": 40, "y": 2}
    )
    expect(rows.nth(0)).to_contain_text("Romanian deadlift")
    expect(rows.nth(1)).to_contain_text("Back squat")

    # The squat gets the hack squat as an alternative, found by typing.
    rows.nth(1).locator(".field-alternatives .select2-selection").click()
    page.locator(".select2-search__field:focus").fill("hack")
    page.locator(".select2-results__option", has_text="Hack squat").click()
    expect(rows.nth(1).locator(".field-alternatives")).to_contain_text("Hack squat")
    assert no_sideways_scroll(page)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    slots = list(own.day_one.prescriptions.order_by("order"))
    assert [slot.exercise.name for slot in slots] == [
        "Romanian deadlift",
        "Back squat",
        "Walking lunge",
    ]
    alternatives = {*squat_alternatives, "Hack squat"}
    assert {a.name for a in slots[1].alternatives.all()} == alternatives

    # Both athletes get it in one action on the desk.
    page.goto(f"{server.url}/coach/")
    page.get_by_label("Select athlete").check()
    page.get_by_label("Select second").check()
    page.get_by_role("button", name="Assign a program…").click()
    page.get_by_label("Program").select_option(label=OWN_PROGRAM)
    page.get_by_role("button", name="Assign to all").click()
    expect(page).to_have_url(re.compile(r"/coach/$"))
    expect(page.get_by_text(f"{OWN_PROGRAM} assigned to 2 athletes.")).to_be_visible()

    for user in (athlete, second):
        assert open_assignment_of(user).program == own
        today = athlete_today(user)
        generate([IsoWeek.of(today), IsoWeek.of(today).shifted(1)], athlete=user)
        day_ones = Session.objects.filter(athlete=user, date__gte=today, day_number=1)
        assert day_ones.exists()
        for session in day_ones:
            copied = list(session.prescriptions.order_by("order"))
            assert [slot.exercise.name for slot in copied][:2] == [
                "Romanian deadlift",
                "Back squat",
            ]
            assert {a.name for a in copied[1].alternatives.all()} == alternatives
