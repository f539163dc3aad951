"""A coach on a laptop selects two athletes on the desk and assigns them a program in one
action, with no script needed; their next sessions follow it."""

import re

from playwright.sync_api import expect

from programs.models import Session, open_assignment_of
from programs.today import athlete_today
from programs.weeks import IsoWeek
from tests.coaching_setup import generate, swapped_days
from tests.conftest import make_athlete
from tests.e2e.conftest import password_for_the_server
from tests.e2e.test_coach_desk import SIZES, log_in


def test_a_coach_assigns_a_program_to_two_athletes_in_one_action(
    server, new_context, coach, athlete, program
):
    second = make_athlete("second", coach=coach)
    swapped = swapped_days(program)
    password_for_the_server(athlete, coach)
    page = new_context(**SIZES["laptop"]).new_page()
    log_in(page, server, "coach", lands=r"/coach/$")

    page.get_by_label("Select athlete").check()
    page.get_by_label("Select second").check()
    page.get_by_role("button", name="Assign a program…").click()
    page.get_by_label("Program").select_option(label="Swapped days")
    page.get_by_role("button", name="Assign to all").click()

    expect(page).to_have_url(re.compile(r"/coach/$"))
    expect(page.get_by_text("Swapped days assigned to 2 athletes.")).to_be_visible()
    templates = {1: swapped.day_one.name, 2: swapped.day_two.name}
    for user in (athlete, second):
        assert open_assignment_of(user).program == swapped
        today = athlete_today(user)
        generate([IsoWeek.of(today), IsoWeek.of(today).shifted(1)], athlete=user)
        ahead = Session.objects.filter(athlete=user, date__gte=today)
        assert ahead.exists()
        assert all(templates[s.day_number] == s.name for s in ahead)
