"""Every page of the URL list, for each visitor who gets it, in German, French, Spanish and
Brazilian Portuguese, leaves no English sentence of ours behind; and so do the states a
page shows only sometimes: a refused form, a flash message after an action, a rest day, a
missed session, an import's preview, the 404 and lockout pages.

The URLs come from the permission matrix (tests/test_permission_matrix.py), which reads
them from the resolver: a new URL gets its entry there, and every visitor whom the
matrix gives a page (200 to a GET) is walked here without editing this module. The
admin is not walked here. The check is tests/test_translated_pages.py's: a text of three
words or more that reads the same as in English, catalogue data aside; and any text that
is one of our msgids shown untranslated.
"""

import csv
import datetime as dt
import html
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, TestCase, override_settings
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language_info, gettext

from accounts.models import User
from demo.samples import STRONG_HEADER, strong_csv, strong_csv_with_bad_rows
from programs.models import Exercise
from programs.weeks import IsoWeek
from tests.coaching_setup import train
from tests.conftest import log_set_on, make_athlete, make_coach
from tests.test_account_page import account_data
from tests.test_permission_matrix import MATRIX, PUBLIC, World, make_world
from tests.test_translated_pages import LANGUAGES, Words, catalogue_words, sentences

W48 = IsoWeek(2026, 48)
MONDAY = dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC)
# A Tuesday is a rest day of the guide's Monday and Thursday; by Friday, the other athlete
# has missed both of the week's sessions.
TUESDAY = MONDAY + dt.timedelta(days=1)
FRIDAY = MONDAY + dt.timedelta(days=4)
HTMX = {"HTTP_HX_REQUEST": "true"}
# Who is walked: the other athlete is one with no history yet, the coach has no program.
# Staff, superuser and the other coach see the same templates as these.
VISITORS = ["anonymous", "athlete", "other_athlete", "coach"]
# Not a page a person reads: files for the browser and the exports' data.
NOT_PAGES = {"service_worker", "manifest", "export_strong", "export_json"}

Visit = Callable[..., object]  # (client, world, **headers) -> the response


@dataclass(frozen=True)
class Case:
    visitor: str
    visit: Visit
    # English the page must show: the state the case is about was reached.
    shows: str = ""
    data: tuple[str, ...] = ()  # the visitor's own words the page shows, as typed


def page(name: str) -> Visit:
    return lambda client, world, **headers: client.get(MATRIX[name].path(world), **headers)


def walked_pages() -> dict[str, Case]:
    """Each page for each visitor the matrix gives it. A page everyone gets is walked for
    the anonymous visitor: logged in, only its header differs, which every other page has."""
    return {
        f"{name}-{visitor}": Case(visitor, page(name))
        for name, entry in MATRIX.items()
        if not name.startswith("admin:") and name not in NOT_PAGES and entry.method == "get"
        for visitor in (["anonymous"] if entry.codes == PUBLIC else VISITORS)
        if entry.codes[visitor] == 200
    }


def get(path: Callable[[World], str]) -> Visit:
    return lambda client, world, **headers: client.get(path(world), follow=True, **headers)


def at(moment: dt.datetime, name: str) -> Visit:
    def visit(client, world, **headers):
        with time_machine.travel(moment, tick=False):
            return client.get(MATRIX[name].path(world), follow=True, **headers)

    return visit


def post(name: str, data: Callable[[World], dict] = lambda world: {}, **extra) -> Visit:
    def visit(client, world, **headers):
        return client.post(MATRIX[name].path(world), data(world), **extra, **headers)

    return visit


def tick(*, load: str = "102.5", set_number: int = 3, prescription=None, **extra) -> Visit:
    def data(world):
        return {
            "uuid": "8d3f4c52-3b7e-4f0e-9d43-0a1f2b3c4d5e",
            "prescription": str(prescription or world.prescription.pk),
            "set_number": str(set_number),
            "reps": "8",
            "load": load,
            "rir": "2",
        }

    return post("tick", data, **extra)


def upload(content: str | bytes, *, confirm: dict | None = None, name="strong.csv") -> Visit:
    """The file's preview, or with ``confirm`` the import page after confirming it."""

    def visit(client, world, **headers):
        raw = content.encode() if isinstance(content, str) else content
        file = SimpleUploadedFile(name, raw, "text/csv")
        response = client.post("/account/import/", {"file": file}, **headers)
        if confirm is not None and response.status_code == 302:
            return client.post(response["Location"], confirm, follow=True, **headers)
        return (
            client.get(response["Location"], **headers) if response.status_code == 302 else response
        )

    return visit


def then(first: Visit, name: str) -> Visit:
    """``first``, then a page: where a message waits when ``first``'s page shows none."""

    def visit(client, world, **headers):
        first(client, world, **headers)
        return page(name)(client, world, **headers)

    return visit


def names_in(content: str) -> tuple[str, ...]:
    """An uploaded file's exercise names and its own name: the lifter's words."""
    rows = csv.DictReader(io.StringIO(content))
    return ("strong.csv", *{row["Exercise Name"] for row in rows if row.get("Exercise Name")})


def csrf_refused(client, world, **headers):
    with override_settings(DEBUG=False):
        login = {"username": "athlete", "password": "wrong"}
        return Client(enforce_csrf_checks=True).post("/login/", login, **headers)


def locked_out(client, world, **headers):
    AccessAttempt.objects.create(
        username="athlete",
        ip_address="127.0.0.1",
        user_agent="",
        get_data="",
        post_data="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    return client.post("/login/", {"username": "athlete", "password": "wrong"}, **headers)


def not_found(client, world, **headers):
    with override_settings(DEBUG=False):
        return client.get("/no-such-page/", **headers)


def invitation_revoked(client, world, **headers):
    world.invitation.revoked_at = timezone.now()
    world.invitation.save(update_fields=["revoked_at"])
    return client.get(MATRIX["join"].path(world), **headers)


def setup_invitation_gone(client, world, **headers):
    """Setup with a pending invitation that was revoked meanwhile."""
    client.get(MATRIX["join"].path(world), **headers)
    world.invitation.revoked_at = timezone.now()
    world.invitation.save(update_fields=["revoked_at"])
    setup = {**BAD_SETUP, "weekday_two": "3", "unit": "kg", "time_zone": "UTC"}
    return client.post("/setup/", {**setup, "start_date": "2026-11-23"}, **headers)


def reset_link(client, world, **headers):
    athlete = world.athlete
    uid = urlsafe_base64_encode(force_bytes(athlete.pk))
    token = default_token_generator.make_token(athlete)
    path = f"/account/password/reset/{uid}/{token}/"
    return client.get(path, follow=True, **headers)


def mail_page(sent) -> HttpResponse:
    """An e-mail as the page it would be: its subject and lines."""
    lines = [sent.subject, *sent.body.splitlines()]
    return HttpResponse("".join(f"<p>{escape(line)}</p>" for line in lines))


def reset_mail(client, world, **headers):
    User.objects.filter(pk=world.athlete.pk).update(email="athlete@example.com")
    client.post("/account/password/reset/", {"email": "athlete@example.com"}, **headers)
    return mail_page(mail.outbox.pop())


def conversation_mail(name: str) -> Visit:
    """The mail a note or an answer sends, read by one who chose no language: the
    sender's page's. It leaves when the transaction commits, so the test runs that."""

    def visit(client, world, **headers):
        for user in (world.athlete, world.note.author):
            User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.com")
        with (
            override_settings(NOTE_EMAILS=True),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            client.post(MATRIX[name].path(world), {"text": "Sit deeper."}, **headers)
        return mail_page(mail.outbox.pop())

    return visit


def leg_press() -> int:
    return Exercise.objects.get(slug="leg-press").pk


def last_monday(world: World) -> int:
    return world.athlete.sessions.get(date=W48.shifted(-1).monday).pk


def manifest_words(client, world, **headers):
    """The installable app's manifest, its words as a page: the phone shows them on install."""
    manifest = client.get(MATRIX["manifest"].path(world), **headers).json()
    words = [value for value in manifest.values() if isinstance(value, str)]
    return HttpResponse("".join(f"<p>{escape(text)}</p>" for text in words))


def assignment(**changes) -> Callable[[World], dict]:
    def data(world):
        values = {
            "program": str(world.athlete.assignments.get().program_id),
            "weekday_one": "0",
            "weekday_two": "3",
            "start_date": "2026-11-23",
            "unit": "kg",
        }
        return {**values, **changes}

    return data


def bulk(action: str, **fields) -> Callable[[World], dict]:
    return lambda world: {"action": action, "athletes": [str(world.athlete.pk)], **fields}


def account(**changes) -> Callable[[World], dict]:
    return lambda world: account_data(**changes)


BAD_ROWS = strong_csv_with_bad_rows()
GOOD_FILE = strong_csv(weeks=1)
NOT_UTF8 = GOOD_FILE.encode().replace(b"Squat (Barbell)", b"Squat \xe9", 1)
UNKNOWN_NAME = GOOD_FILE.replace("Squat (Barbell)", "Hack Squat (Sled)")
ONLY_BAD_ROWS = "\n".join(
    [STRONG_HEADER, *["2024-01-15 18:00:00,Legs,1h 0m,Squat (Barbell),1,60,101,0,0,,,"] * 3]
)
# Ours, in the version we read, and nothing else: "file: “assignments” is missing."
BARE_JSON = '{"format": "legplanner", "version": 1}'
BAD_SETUP = {
    "weekday_one": "0",
    "weekday_two": "1",
    "unit": "stone",
    "time_zone": "Mars/Olympus",
    "start_date": "someday",
    "program": "nope",
}
NEW_PASSWORD = {"old_password": "wrong", "new_password1": "a", "new_password2": "b"}
SIGN_UP_TAKEN = {
    "username": "athlete",
    "email": "a@example.com",
    "password1": "short",
    "password2": "other",
}
WRONG_PASSWORD = {"username": "athlete", "password": "wrong"}

SOMETIMES: dict[str, Case] = {
    # Refused forms
    "login-wrong-password": Case(
        "anonymous", post("login", lambda w: WRONG_PASSWORD), "Wrong username or password"
    ),
    "login-locked-out": Case("anonymous", locked_out, "Too many failed logins"),
    "signup-name-taken": Case(
        "anonymous", post("signup", lambda w: SIGN_UP_TAKEN), "That username is taken"
    ),
    "tick-no-load-htmx": Case("athlete", tick(load="", **HTMX), "Enter the load"),
    "tick-no-load-plain": Case("athlete", tick(load=""), "Enter the load"),
    "tick-not-in-session-htmx": Case(
        "athlete", tick(prescription=-1, **HTMX), "not part of this session"
    ),
    "tick-not-in-session-plain": Case("athlete", tick(prescription=-1), "not part of this session"),
    "swap-not-an-alternative-htmx": Case(
        "athlete", post("swap", lambda w: {"exercise": "-1"}, **HTMX), "alternatives"
    ),
    "setup-invitation-gone": Case("coach", setup_invitation_gone, "without a coach"),
    "setup-bad-values": Case("coach", post("setup", lambda w: BAD_SETUP), "not next to each other"),
    "account-bad-values": Case(
        "athlete",
        post("account", account(email="x", weekday_two="0", unit="st", plates="25 twenty")),
        "Pick two different weekdays",
    ),
    "account-days-next-to-each-other": Case(
        "athlete", post("account", account(weekday_two="1")), "not next to each other"
    ),
    "language-bad-value": Case(
        "athlete", post("account_language", lambda w: {"language": "xx"}), "Pick a language"
    ),
    "delete-account-wrong-name": Case(
        "athlete", post("delete_account", lambda w: {"username": "someone"}), "exactly"
    ),
    "password-change-bad": Case(
        "athlete", post("password_change", lambda w: NEW_PASSWORD), "incorrectly"
    ),
    "import-empty-file": Case("athlete", upload(""), "The file is empty."),
    "import-not-utf8": Case("athlete", upload(NOT_UTF8), "UTF-8"),
    "import-json-field-missing": Case(
        "athlete", upload(BARE_JSON, name="legplanner.json"), "missing"
    ),
    "import-only-bad-rows": Case("athlete", upload(ONLY_BAD_ROWS), "more rows with problems"),
    # Its refusal lists the formats' columns as the other apps write them: their words.
    "import-not-csv": Case(
        "athlete", upload("this is not, a history\n1,2\n"), "columns", data=("Date,",)
    ),
    "note-empty": Case("coach", post("coach_note", lambda w: {"text": ""}), "required"),
    "reply-empty": Case("athlete", post("note_reply", lambda w: {"text": ""}), "required"),
    # The import's preview, with problems and with a name to choose for
    "import-preview-bad-rows": Case(
        "athlete", upload(BAD_ROWS), "Rows left out", data=names_in(BAD_ROWS)
    ),
    "import-preview-unknown-name": Case(
        "athlete", upload(UNKNOWN_NAME), "Hack Squat (Sled)", data=names_in(UNKNOWN_NAME)
    ),
    # What an action says after it: messages and the answers of htmx
    "tick-logged-htmx": Case("athlete", tick(**HTMX), "102.5 kg × 8"),
    "tick-logged-plain": Case("athlete", tick(follow=True), "3 of 9 sets"),
    "tick-already-logged-htmx": Case("athlete", tick(set_number=2, **HTMX), "already logged"),
    "account-saved": Case("athlete", post("account", account(), follow=True), "Saved."),
    "language-saved": Case(
        "athlete", post("account_language", lambda w: {"language": ""}, follow=True), "saved"
    ),
    "import-done": Case(
        "athlete", upload(GOOD_FILE, confirm={"unit": "kg"}), "Imported", names_in(GOOD_FILE)
    ),
    "note-left": Case(
        "coach", post("coach_note", lambda w: {"text": "Sit deeper."}, follow=True), "Note left"
    ),
    "athlete-note-left": Case(
        "coach",
        post("coach_athlete_note", lambda w: {"text": "Sit deeper."}, follow=True),
        "Note left",
    ),
    # The session page shows no message to its athlete: the account page shows it next.
    "reply-sent": Case(
        "athlete",
        then(post("note_reply", lambda w: {"text": "Will do."}), "account"),
        "Answer sent",
    ),
    "note-read": Case("athlete", post("note_read", follow=True), "you have read"),
    "exercise-note-saved": Case(
        "athlete",
        post("exercise_note", lambda w: {"text": "Knees out."}, follow=True),
        "Your note: Knees out.",
    ),
    "set-undone": Case("athlete", post("undo_set", follow=True), "1 of 9 sets"),
    "set-undone-htmx": Case("athlete", post("undo_set", **HTMX)),
    "exercise-note-saved-htmx": Case(
        "athlete", post("exercise_note", lambda w: {"text": "Knees out."}, **HTMX), "Knees out."
    ),
    "swapped": Case(
        "athlete",
        post("swap", lambda w: {"exercise": str(leg_press())}, follow=True),
        "1. Leg press",
    ),
    "invitation-accepted": Case("other_athlete", post("accept_invitation", follow=True)),
    "logged-out": Case("athlete", post("logout", follow=True), "Forgot your password?"),
    # The coach's word, refused and said
    "assign-days-next-to-each-other": Case(
        "coach", post("coach_assign", assignment(weekday_two="1")), "next to each other"
    ),
    "assign-saved": Case("coach", post("coach_assign", assignment(), follow=True), "Program saved"),
    "adjust-bad-values": Case(
        "coach",
        post("coach_adjust", lambda w: {"exercise": "x", "sets_min": "9", "sets_max": "1"}),
    ),
    "program-ended": Case("coach", post("coach_end", follow=True), "Program ended"),
    "test-set-interval-bad": Case(
        "coach", post("coach_test_set_interval", lambda w: {"every_weeks": "x"})
    ),
    "test-set-interval-saved": Case(
        "coach", post("coach_test_set_interval", lambda w: {"every_weeks": "4"}, follow=True)
    ),
    "coach-test-set-choice-saved": Case(
        "coach", post("coach_test_set_choice", lambda w: {"planned": "off"}, follow=True)
    ),
    "test-set-choice-saved": Case(
        "athlete", post("test_set_choice", lambda w: {"planned": "off"}, follow=True)
    ),
    "bulk-note-sent": Case(
        "coach", post("coach_bulk", bulk("note", text="Sleep more."), follow=True)
    ),
    "bulk-choose-program": Case("coach", post("coach_bulk", bulk("choose"))),
    "bulk-no-athlete": Case("coach", post("coach_bulk", lambda w: {"action": "note"})),
    "note-edited": Case(
        "coach", post("coach_note_edit", lambda w: {"text": "Brace harder."}, follow=True)
    ),
    "note-deleted": Case("coach", post("coach_note_delete", follow=True), "Note deleted"),
    "reply-edited": Case(
        "athlete", then(post("reply_edit", lambda w: {"text": "Will do twice."}), "account")
    ),
    "reply-deleted": Case("athlete", then(post("reply_delete"), "account"), "Answer deleted"),
    "edit-set-bad": Case(
        "athlete",
        post("edit_set", lambda w: {"set_number": "1", "reps": "500", "rir": "2"}, **HTMX),
    ),
    "setup-with-invitation": Case("coach", get(MATRIX["join"].path)),
    # Pages of a moment: a revoked invitation, a reset link, its mail, a deleted account
    "invitation-revoked": Case("anonymous", invitation_revoked),
    "password-reset-link": Case("anonymous", reset_link, "password"),
    "note-mail": Case(
        "coach", conversation_mail("coach_note"), "Sit deeper.", data=("http://testserver/",)
    ),
    "answer-mail": Case(
        "athlete", conversation_mail("note_reply"), "Sit deeper.", data=("http://testserver/",)
    ),
    "password-reset-mail": Case(
        "anonymous", reset_mail, "Legplanner", data=("http://testserver/",)
    ),
    "account-deleted": Case(
        "athlete",
        post("delete_account", lambda w: {"username": "athlete"}, follow=True),
        "Account deleted",
    ),
    # A past week, all trained, one of its sessions read and edited, a week before the
    # program, and a per-leg exercise's progress
    "last-week": Case("athlete", get(lambda w: f"/week/{W48.shifted(-1)}/"), "Finished"),
    "past-session": Case("athlete", get(lambda w: f"/sessions/{last_monday(w)}/")),
    "past-session-edited": Case("athlete", get(lambda w: f"/sessions/{last_monday(w)}/?edit=1")),
    "week-before-the-program": Case("athlete", get(lambda w: "/week/2025-W52/"), "Not started"),
    "per-leg-progress": Case(
        "athlete", get(lambda w: f"/progress/{Exercise.objects.get(slug='walking-lunge').pk}/")
    ),
    # Days that come only sometimes: a rest day, a week with both sessions missed
    "rest-day": Case("athlete", at(TUESDAY, "today"), "Rest day"),
    "week-missed-days": Case("other_athlete", at(FRIDAY, "week"), "0 of 8 sets"),
    "desk-missed-days": Case("other_coach", at(FRIDAY, "coach_desk"), "Missed"),
    "athlete-page-missed-days": Case("coach", at(FRIDAY, "coach_athlete"), "0 of 8 sets"),
    "manifest-description": Case("anonymous", manifest_words, "leg days"),
    # Pages refused
    "csrf-refused": Case("anonymous", csrf_refused, "CSRF"),
    "not-found": Case("athlete", not_found, "Page not found"),
    "not-found-anonymous": Case("anonymous", not_found, "Page not found"),
}

CASES = {**walked_pages(), **{f"{name}-{case.visitor}": case for name, case in SOMETIMES.items()}}


def build_world() -> World:
    coach, other_coach = make_coach("coach"), make_coach("other_coach")
    athlete = make_athlete("athlete", coach=coach, time_zone="Europe/Paris")
    make_athlete("other_athlete", coach=other_coach)
    # The left leg two reps behind: the legs' insight has something to say.
    train(athlete, weeks=[W48.shifted(-3), W48.shifted(-2), W48.shifted(-1)], left_lag=2)
    world = make_world(athlete=athlete, coach=coach, program=athlete.assignments.get().program)
    log_set_on(world.prescription, set_number=2, load="102.5", reps=6, rir=5, actual_rir=7)
    return world


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Built once for the module's few hundred requests, in a transaction rolled back
    after them; each test's transaction is a savepoint inside it."""
    with (
        time_machine.travel(MONDAY, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def data(module_world, django_db_blocker) -> list[str]:
    with django_db_blocker.unblock():
        return catalogue_words()


def rendered(client, case: Case, world: World, language: str) -> tuple[int, str]:
    """The case's answer in a language, whatever it wrote undone: each language starts
    from the same rows, logged in afresh (a case may log out)."""
    if case.visitor != "anonymous":
        client.force_login(User.objects.get(username=case.visitor))
    with transaction.atomic():
        response = case.visit(client, world, HTTP_ACCEPT_LANGUAGE=language)
        transaction.set_rollback(True)
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    return response.status_code, response.content.decode()


def clauses(page: str) -> set[str]:
    """The page's texts of three words or more, each cut at its sentences' and clauses'
    ends and around brackets too: a translated part does not hide an English one beside it
    in the same text ("Mindestens 8 Zeichen, not all digits, …")."""
    cut = (re.split(r"(?<=[.!?,;:)])\s+|\s+(?=\()", text) for text in sentences(page))
    return {part for parts in cut for part in parts if len(re.findall(r"[A-Za-z]{2,}", part)) >= 3}


class Shown(Words):
    """Words, and the labels CSS shows from data-label (the desk's rows on a phone)."""

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self.texts += [value for name, value in attrs if name == "data-label" and value]


def shown_as_msgid(page: str, language: str, data: list[str]) -> list[str]:
    """Texts of any length that are one of our English msgids as it stands, where the
    language's catalogue says it otherwise: a string marked somewhere and not translated
    here ("PR" beside the French "RP"). The language chooser names each in its own, and a
    username is no word of ours."""
    own_names = {get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}
    # A person's name is theirs, even the test world's "coach", which is a msgid too.
    own_names |= set(User.objects.values_list("username", flat=True))
    words = Shown()
    words.feed(page)
    with translation.override(language):
        return [
            text
            for text in set(words.texts)
            if re.search("[A-Za-z]", text)
            and text not in own_names
            and gettext(text) != text
            and not any(word in text for word in data)
        ]


# The English rendering of a case, for its four languages' tests.
ENGLISH: dict[str, tuple[int, str]] = {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(CASES))
def test_no_english_sentence_is_left(client, module_world, db, data, name, language):
    case = CASES[name]
    if name not in ENGLISH:
        ENGLISH[name] = rendered(client, case, module_world, "en")
    status, english = ENGLISH[name]
    assert case.shows in html.unescape(english), f"{name}: no {case.shows!r} in English"

    localized_status, localized = rendered(client, case, module_world, language)

    assert localized_status == status
    data = [*data, *case.data]
    same = clauses(english) & clauses(localized)
    left = sorted(text for text in same if not any(word in text or text in word for word in data))
    left += shown_as_msgid(localized, language, data)
    assert left == [], f"{name} in {language}: {left}"
