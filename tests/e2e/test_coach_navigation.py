"""A coach who does not train, on a phone: logs in to the desk, the logo brings them back
there, ending a program asks first, and an invitation's link copies with one tap."""

import re

from playwright.sync_api import expect

from accounts.models import Invitation
from tests.conftest import PASSWORD
from tests.e2e.conftest import PHONE, password_for_the_server


def test_a_coach_lands_on_the_desk_and_copies_an_invitation(
    new_context, server, coach, athlete, artifacts
):
    password_for_the_server(coach)
    context = new_context(**PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()

    page.goto(f"{server.url}/login/")
    page.locator("#id_username").fill("coach")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{server.url}/coach/")
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    page.screenshot(path=str(artifacts / "coach-navigation-desk.png"), full_page=True)

    page.get_by_role("link", name="athlete").first.click()
    page.get_by_role("link", name="End this program").click()
    expect(page.get_by_role("heading", name="End athlete's program?")).to_be_visible()
    page.screenshot(path=str(artifacts / "coach-navigation-end.png"), full_page=True)
    page.get_by_role("link", name="Keep it").click()
    expect(page).to_have_url(re.compile(r"/coach/athletes/\d+/$"))

    page.get_by_role("link", name="Legplanner").click()
    expect(page).to_have_url(f"{server.url}/coach/")

    page.goto(f"{server.url}/admin/accounts/invitation/add/")
    page.get_by_role("button", name="Save", exact=True).click()
    invitation = Invitation.objects.get()
    link = f"{server.url}/join/{invitation.token}/"
    expect(page.locator("#invitation-link")).to_have_value(link)
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link
    page.screenshot(path=str(artifacts / "coach-navigation-invitation.png"), full_page=True)
