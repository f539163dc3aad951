"""Training with no signal: pages kept on the phone, ticks queued there and sent once.

Playwright's offline switch cuts the page and its service worker from the server,
as a basement does. Chromium does not always tell a page loaded with no network that the
network is back (the `online` event), so the tests send that event themselves where a
phone would get it; the retry timer, which needs no event, has its own test.
"""

import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.contrib.sessions.models import Session as LoginSession
from playwright.sync_api import Page, expect

from programs.models import Session
from programs.today import athlete_today
from tests.conftest import PASSWORD
from tests.e2e.conftest import (
    PHONE,
    allow_ticks_with_no_network,
    exercise_card,
    log_in,
    password_for_the_server,
    session_url,
    set_row,
    tap_done,
    wait_for_worker,
)
from tracking.models import SetLog, UndoneSet
from tracking.ticks import UNDONE_MESSAGE
from tracking.verdicts import TOO_EASY_MESSAGE

SQUAT, RDL = "1. Back squat", "2. Romanian deadlift"
WAITING = re.compile(r"\d+ sets? saved on this phone, waiting to send")


def kept_pages(page: Page) -> list[str]:
    return page.evaluate(
        """caches.open("legplanner-pages")
            .then(cache => cache.keys())
            .then(keys => keys.map(request => new URL(request.url).pathname))"""
    )


def eventually(page: Page, script: str, arg=None, *, seconds: float = 10) -> None:
    """Wait for an async script to answer true: wait_for_function takes a promise for
    a truthy answer, so it cannot wait on IndexedDB or the Cache API."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"Still false after {seconds} s: {script}")


# Which kept page answers /today/ on which day: the worker writes it after the pages.
DAYS_MAP = "/__legplanner/days.json"


def wait_until_kept(page: Page, paths: list[str]) -> None:
    """The week page asks the service worker to keep its sessions: wait for them, and for
    its map of days, written last (waiting for the pages alone raced with it)."""
    wait_for_worker(page)
    eventually(
        page,
        """paths => caches.open("legplanner-pages").then(cache => cache.keys()).then(keys =>
            paths.every(path => keys.some(request => new URL(request.url).pathname === path)))""",
        [*paths, DAYS_MAP],
    )


def go_online(page: Page) -> None:
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")


def wait_until_sent(page: Page) -> None:
    eventually(page, "legplannerQueue.entries().then(entries => entries.length === 0)")


def queue(page: Page) -> list[dict]:
    return page.evaluate("legplannerQueue.entries()")


def sets_of(session: Session) -> list[tuple]:
    return list(
        SetLog.objects.filter(prescription__session=session)
        .order_by("prescription__order", "set_number")
        .values_list("uuid", "exercise__name", "set_number", "reps", "load_kg", "rir")
    )


def opened_offline(page: Page, server, week_sessions) -> Page:
    """Online: the week, then Day 1. Then the signal goes and Day 1 is reloaded."""
    day_one, day_two = week_sessions
    log_in(page, server, day_one.athlete)
    page.goto(f"{server.url}/week/2026-W48/")
    wait_until_kept(page, [f"/sessions/{day_one.pk}/", f"/sessions/{day_two.pk}/"])
    page.goto(session_url(server, day_one))
    page.context.set_offline(True)
    page.reload()
    return page


@pytest.fixture
def offline_day_one(page: Page, server, athlete, week_sessions, browser_errors) -> Page:
    allow_ticks_with_no_network(browser_errors)
    return opened_offline(page, server, week_sessions)


def allow_ticks_cut_on_their_way(browser_errors) -> None:
    """A weak signal: the page thinks it is online, but the tick does not get through."""
    allow_ticks_with_no_network(browser_errors)
    browser_errors.allow(
        r"/htmx-[\d.]+\.min\.[0-9a-f]{12}\.js: htmx:(afterRequest|sendError)$",
        reason="htmx reports the tick cut on its way, which then waits on the phone",
    )


def test_a_whole_session_in_a_dead_zone_arrives_once(offline_day_one: Page, week_sessions):
    page, (day_one, _) = offline_day_one, week_sessions
    status = page.locator("#network-status")
    expect(status).to_contain_text(
        "Opened with no network: this is the copy kept on this phone from"
    )
    expect(status).to_contain_text("saved on this phone and sent when the network is back")

    squat, rdl = exercise_card(page, SQUAT), exercise_card(page, RDL)
    tap_done(squat, 1, load="100")
    tap_done(squat, 2)
    tap_done(squat, 3)
    tap_done(squat, 4)
    # A set that left reps in the tank: the verdict comes from the phone's rules.
    set_row(rdl, 1).locator('label[aria-label="RIR 5+"]').tap()
    too_easy = tap_done(rdl, 1, load="80")
    expect(too_easy.locator(".verdict")).to_contain_text("Too easy")
    expect(too_easy.locator(".verdict")).to_contain_text(TOO_EASY_MESSAGE.format(rir=5))
    expect(too_easy.locator(".waiting-mark")).to_contain_text("Saved on this phone")

    # Edit waiting sets: 7 and 6 reps, not the suggested 8. The first set has likely been
    # tried (and failed) already, so its edit queues behind it rather than changing it:
    # still one set in the count.
    for number, reps in [(2, "7"), (1, "6")]:
        row = set_row(squat, number)
        row.get_by_role("textbox", name="Reps", exact=True).fill(reps)
        row.get_by_role("button", name=f"Save changes to set {number}", exact=True).tap()
    # Undo another: it goes back to a set still to log.
    set_row(squat, 4).get_by_role("button", name="Undo set 4", exact=True).tap()
    expect(set_row(squat, 4).get_by_role("button", name="Done: log set 4")).to_be_visible()

    expect(page.locator("li.set-row.is-waiting")).to_have_count(4)
    expect(page.locator("#queue-banner")).to_contain_text(
        "4 sets saved on this phone, waiting to send."
    )
    expect(page.locator("#session-progress")).to_contain_text("4 of 9 sets")
    assert sets_of(day_one) == []
    waiting = queue(page)
    ticks = [entry for entry in waiting if entry["kind"] == "tick"]
    assert len(ticks) == 4
    assert {entry["uuid"] for entry in waiting} == {entry["uuid"] for entry in ticks}

    # The queue outlives a reload with no network.
    page.reload()
    expect(page.locator("li.set-row.is-waiting")).to_have_count(4)
    expect(set_row(squat, 2).get_by_role("textbox", name="Reps", exact=True)).to_have_value("7")

    go_online(page)
    expect(page.locator("#queue-banner")).to_be_hidden()
    expect(page.locator("li.set-row.is-waiting")).to_have_count(0)
    expect(page.locator("li.set-row.is-logged")).to_have_count(4)
    expect(page.locator("#session-progress")).to_contain_text("4 of")
    expected = [
        (entry["uuid"], name, number, reps, load, rir)
        for entry, (name, number, reps, load, rir) in zip(
            ticks,
            [
                ("Back squat", 1, 6, Decimal(100), 2),
                ("Back squat", 2, 7, Decimal(100), 2),
                ("Back squat", 3, 8, Decimal(100), 2),
                ("Romanian deadlift", 1, 10, Decimal(80), 5),
            ],
            strict=True,
        )
    ]
    assert [(str(u), *rest) for u, *rest in sets_of(day_one)] == expected

    page.reload()
    expect(page.locator("li.set-row.is-logged")).to_have_count(4)
    expect(page.locator("li.set-row.is-waiting")).to_have_count(0)

    # The same queue sent again (a lost answer, a second tab) creates nothing.
    page.evaluate("entries => legplannerQueue.put(entries)", waiting)
    page.evaluate("legplannerQueue.flush()")
    assert queue(page) == []
    assert [(str(u), *rest) for u, *rest in sets_of(day_one)] == expected


def test_the_retry_timer_sends_without_the_online_event(
    page: Page, server, athlete, week_sessions, browser_errors
):
    allow_ticks_with_no_network(browser_errors)
    page.clock.install()
    opened_offline(page, server, week_sessions)
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    expect(page.locator("#queue-banner")).to_contain_text("1 set saved on this phone")

    page.context.set_offline(False)
    page.clock.run_for(20_000)
    expect(page.locator("#queue-banner")).to_be_hidden()
    assert len(sets_of(week_sessions[0])) == 1


def test_the_week_keeps_its_sessions_for_the_gym(page: Page, server, athlete, week_sessions):
    _, day_two = week_sessions
    log_in(page, server, athlete)
    page.goto(f"{server.url}/week/2026-W48/")
    wait_until_kept(page, [f"/sessions/{day_two.pk}/", "/week/2026-W48/"])
    page.context.set_offline(True)

    # Day 2 was never opened: the week page kept it, cues included.
    page.goto(f"{server.url}/sessions/{day_two.pk}/")
    expect(page.get_by_role("heading", name="1. Leg extension")).to_be_visible()
    expect(page.locator("#network-status")).to_contain_text("copy kept on this phone")
    page.goto(f"{server.url}/week/2026-W48/")
    expect(page.get_by_role("heading", name=re.compile("Week 48"))).to_be_visible()

    # A page never kept says so, rather than the browser's error.
    page.goto(f"{server.url}/week/2026-W50/")
    expect(page.get_by_role("heading", name="No network")).to_be_visible()


def test_an_expired_login_sends_the_sets_after_logging_in_again(
    offline_day_one: Page, week_sessions
):
    page, (day_one, _) = offline_day_one, week_sessions
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    password_for_the_server(day_one.athlete)
    LoginSession.objects.all().delete()  # the login expired while the phone was offline

    go_online(page)
    banner = page.locator("#queue-banner")
    expect(banner).to_contain_text("Your login has expired. Log in to send 1 set")
    assert sets_of(day_one) == []
    assert len(queue(page)) == 1, "kept, not dropped"

    banner.get_by_role("link", name="Log in").tap()
    page.locator("#id_username").fill("athlete")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    expect(page).to_have_url(re.compile(rf"/sessions/{day_one.pk}/(\?edit=1)?$"))
    wait_until_sent(page)
    expect(banner).to_be_hidden()
    assert [(name, reps) for _, name, _, reps, _, _ in sets_of(day_one)] == [("Back squat", 8)]


def test_a_refused_set_is_shown_with_its_reason(
    offline_day_one: Page, week_sessions, browser_errors
):
    browser_errors.allow(
        r"/sessions/\d+/tick/: Failed to load resource: .* status of 404 ",
        reason="the queued set's session is gone: the refusal is what this test is about",
    )
    page, (day_one, _) = offline_day_one, week_sessions
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    Session.objects.filter(pk=day_one.pk).delete()  # say, a coach removed the session

    go_online(page)
    banner = page.locator("#queue-banner")
    expect(banner).to_contain_text("Not saved: This session no longer exists")
    expect(set_row(exercise_card(page, SQUAT), 1).locator(".error")).to_contain_text(
        "This session no longer exists"
    )
    assert SetLog.objects.count() == 0
    assert [entry["state"] for entry in queue(page)] == ["refused"]

    banner.get_by_role("button", name="Dismiss").tap()
    expect(banner).to_be_hidden()
    assert queue(page) == []


def test_a_replayed_tick_of_an_undone_set_says_why_it_was_not_saved(
    offline_day_one: Page, athlete, browser_errors
):
    browser_errors.allow(
        r"/sessions/\d+/tick/: Failed to load resource: .* status of 410 ",
        reason="the queued set was undone since: the refusal is what this test is about",
    )
    page = offline_day_one
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    # The same set, logged and undone meanwhile (the answer to this phone was lost).
    UndoneSet.objects.create(uuid=queue(page)[0]["uuid"], athlete=athlete)

    go_online(page)
    banner = page.locator("#queue-banner")
    expect(banner).to_contain_text(f"Not saved: {UNDONE_MESSAGE}")
    row = set_row(exercise_card(page, SQUAT), 1)
    expect(row.locator(".error")).to_contain_text(str(UNDONE_MESSAGE))
    expect(row.get_by_role("button", name="Done: log set 1")).to_be_visible()
    assert SetLog.objects.count() == 0
    assert [entry["state"] for entry in queue(page)] == ["refused"]


def test_logging_out_leaves_nothing_of_the_athlete_on_the_phone(
    page: Page, server, athlete, week_sessions, browser_errors
):
    allow_ticks_cut_on_their_way(browser_errors)
    day_one, _ = week_sessions
    log_in(page, server, athlete)
    page.goto(f"{server.url}/week/2026-W48/")
    wait_until_kept(page, [f"/sessions/{day_one.pk}/"])
    page.goto(session_url(server, day_one))
    # A weak signal: the page thinks it is online, but the tick does not get through.
    page.route("**/tick/", lambda route: route.abort("internetdisconnected"))
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    expect(page.locator("#queue-banner")).to_contain_text("1 set saved on this phone")

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Log out").tap()
    expect(page).to_have_url(re.compile(r"/login/"))
    assert asked == [
        "1 set is still waiting to be sent. Logging out deletes it from this phone. Log out anyway?"
    ]

    assert kept_pages(page) == []
    assert "legplanner" not in page.evaluate(
        "indexedDB.databases().then(found => found.map(database => database.name))"
    )
    assert page.evaluate("localStorage.length") == 0
    assert SetLog.objects.count() == 0

    wait_for_worker(page)
    page.context.set_offline(True)
    page.goto(session_url(server, day_one))
    expect(page.get_by_role("heading", name="No network")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(0)


def test_the_service_worker_installs_and_controls_the_page(page: Page, server):
    """As production serves it: the worker's script names hashed static files."""
    page.goto(f"{server.url}/login/")
    wait_for_worker(page)
    shell = page.evaluate(
        """caches.keys()
            .then(names => names.find(name => name.startsWith("legplanner-shell-")))
            .then(name => caches.open(name))
            .then(cache => cache.keys())
            .then(keys => keys.map(request => new URL(request.url).pathname))"""
    )
    assert "/offline/" in shell
    assert any(re.fullmatch(r"/static/js/offline\.[0-9a-f]{12}\.js", path) for path in shell)
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")


def test_a_phone_sized_chromium_can_install_the_app(
    browser_type, browser_type_launch_args, server, tmp_path, browser_errors
):
    """Installability needs a profile on disk: Chromium refuses it in incognito."""
    context = browser_type.launch_persistent_context(
        tmp_path,
        **browser_type_launch_args,
        **PHONE,
        is_mobile=True,
        has_touch=True,
    )
    browser_errors.watch(context)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/login/")
        wait_for_worker(page)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["url"].endswith("/manifest.webmanifest")
        page.reload()
        assert page.evaluate("navigator.serviceWorker.controller !== null")
    finally:
        context.close()


def test_a_stale_csrf_token_is_renewed_not_dropped(
    offline_day_one: Page, server, week_sessions, browser_errors
):
    browser_errors.allow(
        r"/sessions/\d+/tick/: Failed to load resource: .* status of 403 ",
        reason="the stale token is refused once, then renewed: what this test is about",
    )
    page, (day_one, _) = offline_day_one, week_sessions
    tap_done(exercise_card(page, SQUAT), 1, load="100")
    # The token the phone holds no longer matches (the server rotated its secret, say).
    page.context.add_cookies([{"name": "csrftoken", "value": "stale!" * 8, "url": server.url}])
    page.evaluate("document.body.setAttribute('hx-headers', '{}')")

    go_online(page)
    wait_until_sent(page)
    assert [(name, reps) for _, name, _, reps, _, _ in sets_of(day_one)] == [("Back squat", 8)]


def test_the_installed_app_opens_today_with_no_network(
    new_context, browser_context_args, server, athlete
):
    """The home-screen icon opens /today/: with no network, today's kept session, or this
    week's page on a rest day."""
    context = new_context(**browser_context_args, timezone_id="Europe/Paris")
    page = context.new_page()
    log_in(page, server, athlete)  # lands on this week, which keeps its sessions
    week_path = urlparse(page.url).path
    today = athlete_today(athlete)
    session = Session.objects.filter(athlete=athlete, date=today).first()
    kept = [week_path] + ([f"/sessions/{session.pk}/"] if session else [])
    wait_until_kept(page, kept)

    context.set_offline(True)
    page.goto(f"{server.url}/today/")
    expect(page).to_have_url(f"{server.url}{kept[-1]}")
    expect(page.locator("#network-status")).to_contain_text("copy kept on this phone")
    context.close()


def test_the_phone_says_what_the_page_says(
    page: Page, server, athlete, week_sessions, browser_errors
):
    """The words come from the page the server rendered (tests/test_phone_words.py shows a
    changed constant changes the page): changed in the page, they change on the phone."""
    allow_ticks_cut_on_their_way(browser_errors)
    day_one, _ = week_sessions
    log_in(page, server, athlete)
    page.goto(session_url(server, day_one))
    page.route("**/tick/", lambda route: route.abort("internetdisconnected"))
    page.evaluate(
        """() => {
            const block = document.getElementById("phone-words");
            const words = JSON.parse(block.textContent);
            words.repsRequired = "Reps first, please.";
            words.verdicts.tooEasy = "RIR {rir}: an easy one.";
            block.textContent = JSON.stringify(words);
            const mark = document.getElementById("set-waiting-mark").content.firstElementChild;
            mark.textContent = "Kept on the phone.";
        }"""
    )
    squat = exercise_card(page, SQUAT)
    row = set_row(squat, 1)
    row.get_by_role("textbox", name="Load (kg)", exact=True).fill("100")
    row.get_by_role("textbox", name="Reps", exact=True).fill("")
    row.get_by_role("button", name="Done: log set 1", exact=True).tap()
    expect(row.locator(".error")).to_have_text("Reps first, please.")

    row.get_by_role("textbox", name="Reps", exact=True).fill("5")
    row.locator('label[aria-label="RIR 5+"]').tap()
    row.get_by_role("button", name="Done: log set 1", exact=True).tap()
    expect(row.locator(".verdict .message")).to_have_text("RIR 5: an easy one.")
    expect(row.locator(".waiting-mark")).to_have_text("Kept on the phone.")
    expect(row.locator(".error")).to_have_count(0)
