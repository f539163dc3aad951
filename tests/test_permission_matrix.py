"""Every URL of the app, for every kind of visitor: what each one gets.

The URLs are read from the resolver, so a new URL without an entry here fails
``test_every_url_has_an_entry``: decide who may see it before it ships. Objects in the
URLs are athlete A's (``athlete``): B is another athlete, "coach" is A's coach, "other
coach" is B's, "staff" is staff outside the Coaches group.

The admin's own URLs are one entry (``admin:*``): test_admin_matrix.py has every admin URL
for the same seven visitors, with what each may see and write; two of them are checked here.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Invitation
from coaching.models import CoachNote, NoteReply
from programs.models import Prescription
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import log_set_on, make_user

PERSONAS = [
    "anonymous",
    "athlete",
    "other_athlete",
    "coach",
    "other_coach",
    "staff",
    "superuser",
]
WEEK = IsoWeek(2026, 48)
LOGIN = 302  # anonymous visitors are sent to the login page


def expect(default: int, **persona_codes: int) -> dict[str, int]:
    codes = dict.fromkeys(PERSONAS, default)
    codes.update(persona_codes)
    return codes


PUBLIC = expect(200)
OWN = expect(200, anonymous=LOGIN)  # every account has its own: the visitor's
REDIRECT = expect(302)
ATHLETE_ONLY = expect(404, anonymous=LOGIN, athlete=200)
COACH_OF_ATHLETE = expect(404, anonymous=LOGIN, coach=200, superuser=200)


@dataclass(frozen=True)
class Entry:
    path: Callable[["World"], str]
    codes: dict[str, int]
    method: str = "get"
    data: dict | None = None


@dataclass
class World:
    athlete: object
    session: object
    set_log: object
    prescription: object
    template_slot: object
    invitation: object
    note: object
    reply: object


def session_url(suffix: str = "") -> Callable[[World], str]:
    return lambda w: f"/sessions/{w.session.pk}/{suffix}"


def coach_url(suffix: str = "") -> Callable[[World], str]:
    return lambda w: f"/coach/athletes/{w.athlete.pk}/{suffix}"


MATRIX: dict[str, Entry] = {
    # Django's login and password pages, the installable app's files
    "login": Entry(lambda w: "/login/", PUBLIC),
    "logout": Entry(lambda w: "/logout/", REDIRECT, method="post"),
    "service_worker": Entry(lambda w: "/sw.js", PUBLIC),
    "manifest": Entry(lambda w: "/manifest.webmanifest", PUBLIC),
    "offline": Entry(lambda w: "/offline/", PUBLIC),
    "favicon": Entry(lambda w: "/favicon.ico", REDIRECT),
    "password_change": Entry(lambda w: "/account/password/", OWN),
    "password_change_done": Entry(lambda w: "/account/password/done/", OWN),
    "password_reset": Entry(lambda w: "/account/password/reset/", PUBLIC),
    "password_reset_done": Entry(lambda w: "/account/password/reset/sent/", PUBLIC),
    "password_reset_confirm": Entry(lambda w: "/account/password/reset/MQ/set-password/", PUBLIC),
    "password_reset_complete": Entry(lambda w: "/account/password/reset/complete/", PUBLIC),
    # accounts: signing up is for visitors; logged in, it goes home
    "signup": Entry(lambda w: "/signup/", expect(302, anonymous=200)),
    # Setting up and joining are for accounts with no program yet (coaches, staff here);
    # an athlete who has one is sent home, or asked to confirm the change of coach.
    "setup": Entry(
        lambda w: "/setup/", expect(200, anonymous=LOGIN, athlete=302, other_athlete=302)
    ),
    "join": Entry(
        lambda w: f"/join/{w.invitation.token}/",
        expect(302, anonymous=200, athlete=200, other_athlete=200),
    ),
    "accept_invitation": Entry(
        lambda w: f"/join/{w.invitation.token}/accept/", expect(302, anonymous=LOGIN), "post"
    ),
    "account": Entry(lambda w: "/account/", OWN),
    "account_language": Entry(lambda w: "/account/language/", OWN),
    # Django's set_language: the language of the pages before logging in, in a cookie
    "set_language": Entry(lambda w: "/i18n/setlang/", REDIRECT, method="post"),
    # exchange: one's own data out and in, and one's own account deleted
    "export": Entry(lambda w: "/account/export/", OWN),
    "export_strong": Entry(lambda w: "/account/export/strong.csv", OWN),
    "export_json": Entry(lambda w: "/account/export/legplanner.json", OWN),
    "import": Entry(lambda w: "/account/import/", OWN),
    "import_preview": Entry(lambda w: "/account/import/not-a-token/", expect(404, anonymous=LOGIN)),
    "delete_account": Entry(lambda w: "/account/delete/", OWN),
    # programs and tracking: the athlete's own week, sessions and sets
    "home": Entry(lambda w: "/", REDIRECT),
    "week": Entry(lambda w: f"/week/{WEEK}/", OWN),
    "today": Entry(lambda w: "/today/", REDIRECT),
    "session": Entry(session_url(), ATHLETE_ONLY),
    "tick": Entry(session_url("tick/"), expect(404, anonymous=LOGIN, athlete=400), "post"),
    "edit_set": Entry(
        lambda w: f"/sessions/{w.session.pk}/sets/{w.set_log.uuid}/",
        expect(404, anonymous=LOGIN, athlete=400),
        "post",
    ),
    "undo_set": Entry(
        lambda w: f"/sessions/{w.session.pk}/sets/{w.set_log.uuid}/undo/",
        expect(404, anonymous=LOGIN, athlete=302),
        "post",
    ),
    "exercise_note": Entry(
        lambda w: f"/sessions/{w.session.pk}/prescriptions/{w.prescription.pk}/note/",
        expect(404, anonymous=LOGIN, athlete=302),
        "post",
    ),
    "swap": Entry(
        lambda w: f"/sessions/{w.session.pk}/prescriptions/{w.prescription.pk}/swap/",
        expect(404, anonymous=LOGIN, athlete=400),
        "post",
    ),
    "progress": Entry(lambda w: "/progress/", OWN),
    "exercise_progress": Entry(lambda w: f"/progress/{w.set_log.exercise_id}/", OWN),
    "balance": Entry(lambda w: "/balance/", OWN),
    # One's own word on an exercise's test sets: with no word (on or off), refused.
    "test_set_choice": Entry(
        lambda w: f"/progress/{w.set_log.exercise_id}/test-sets/",
        expect(400, anonymous=LOGIN),
        "post",
    ),
    # coaching: A's coach and superusers only
    "coach_desk": Entry(
        lambda w: "/coach/", expect(404, anonymous=LOGIN, coach=200, other_coach=200, superuser=200)
    ),
    # No athlete selected: refused (400) for coaches; 404 for everyone else.
    "coach_bulk": Entry(
        lambda w: "/coach/bulk/",
        expect(404, anonymous=LOGIN, coach=400, other_coach=400, superuser=400),
        "post",
    ),
    "coach_athlete": Entry(coach_url(), COACH_OF_ATHLETE),
    "coach_week": Entry(coach_url(f"week/{WEEK}/"), COACH_OF_ATHLETE),
    "coach_progress": Entry(coach_url("progress/"), COACH_OF_ATHLETE),
    "coach_exercise_progress": Entry(
        lambda w: f"/coach/athletes/{w.athlete.pk}/progress/{w.set_log.exercise_id}/",
        COACH_OF_ATHLETE,
    ),
    "coach_balance": Entry(coach_url("balance/"), COACH_OF_ATHLETE),
    "coach_assign": Entry(coach_url("program/"), COACH_OF_ATHLETE),
    # The coach's word on A's test sets: with no interval or no on/off, refused.
    "coach_test_set_interval": Entry(
        coach_url("test-sets/"), expect(404, anonymous=LOGIN, coach=400, superuser=400), "post"
    ),
    "coach_test_set_choice": Entry(
        lambda w: f"/coach/athletes/{w.athlete.pk}/test-sets/{w.set_log.exercise_id}/",
        expect(404, anonymous=LOGIN, coach=400, superuser=400),
        "post",
    ),
    # GET asks first; the POST that ends it is in test_coach_navigation.py.
    "coach_end": Entry(coach_url("program/end/"), COACH_OF_ATHLETE),
    "coach_adjust": Entry(
        lambda w: f"/coach/athletes/{w.athlete.pk}/prescriptions/{w.template_slot.pk}/",
        COACH_OF_ATHLETE,
    ),
    "coach_session": Entry(lambda w: f"/coach/sessions/{w.session.pk}/", COACH_OF_ATHLETE),
    "coach_note": Entry(
        lambda w: f"/coach/sessions/{w.session.pk}/notes/",
        expect(404, anonymous=LOGIN, coach=400, superuser=400),
        "post",
    ),
    # The athlete's "Got it" on a note their coach left them: theirs only.
    "note_read": Entry(
        lambda w: f"/notes/{w.note.pk}/read/", expect(404, anonymous=LOGIN, athlete=302), "post"
    ),
    # The conversation: the athlete answers their own notes (an empty answer is refused);
    # each author edits and deletes their own only, a superuser included.
    "note_reply": Entry(
        lambda w: f"/notes/{w.note.pk}/reply/", expect(404, anonymous=LOGIN, athlete=400), "post"
    ),
    "reply_edit": Entry(
        lambda w: f"/replies/{w.reply.pk}/edit/", expect(404, anonymous=LOGIN, athlete=200)
    ),
    "reply_delete": Entry(
        lambda w: f"/replies/{w.reply.pk}/delete/",
        expect(404, anonymous=LOGIN, athlete=302),
        "post",
    ),
    "coach_athlete_note": Entry(
        coach_url("notes/"), expect(404, anonymous=LOGIN, coach=400, superuser=400), "post"
    ),
    "coach_note_edit": Entry(
        lambda w: f"/coach/notes/{w.note.pk}/edit/", expect(404, anonymous=LOGIN, coach=200)
    ),
    "coach_note_delete": Entry(
        lambda w: f"/coach/notes/{w.note.pk}/delete/",
        expect(404, anonymous=LOGIN, coach=302),
        "post",
    ),
    # The admin: staff get in; what each may do there is in test_admin_matrix.py.
    "admin:*": Entry(
        lambda w: "/admin/", expect(200, anonymous=LOGIN, athlete=LOGIN, other_athlete=LOGIN)
    ),
    "admin:programs_assignment_changelist": Entry(
        lambda w: "/admin/programs/assignment/",
        expect(200, anonymous=LOGIN, athlete=LOGIN, other_athlete=LOGIN, staff=403),
    ),
}


def url_names(patterns=None, namespace: str = "") -> set[tuple[str, str]]:
    """Every URL as (namespace, name); an unnamed URL is named by its route."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add((namespace, pattern.name or str(pattern.pattern)))
    return names


def entry_for(namespace: str, name: str) -> str | None:
    full = f"{namespace}:{name}" if namespace else name
    if full in MATRIX:
        return full
    return f"{namespace}:*" if namespace and f"{namespace}:*" in MATRIX else None


def test_every_url_has_an_entry():
    missing = sorted(
        f"{namespace}:{name}" if namespace else name
        for namespace, name in url_names()
        if entry_for(namespace, name) is None
    )

    assert missing == [], f"URLs without an entry in the permission matrix: {missing}"


def test_every_entry_names_a_url():
    names = url_names()
    known = {f"{ns}:{name}" if ns else name for ns, name in names} | {f"{ns}:*" for ns, _ in names}

    assert [name for name in MATRIX if name not in known] == []


@pytest.fixture
def world(athlete, other_athlete, coach, other_coach, program) -> World:
    return make_world(athlete=athlete, coach=coach, program=program)


def make_world(*, athlete, coach, program) -> World:
    """The staff and superuser, W48's sessions and A's objects the URLs name; the two
    athletes and coaches are made before. tests/test_translated_url_walk.py builds it too."""
    make_user("staff", is_staff=True)
    make_user("superuser", is_staff=True, is_superuser=True)
    generate([WEEK])
    session = athlete.sessions.get(day_number=1, date__range=(WEEK.monday, WEEK.sunday))
    prescription = session.prescriptions.get(order=1)
    note = CoachNote.objects.create(session=session, author=coach, text="Brace.")
    return World(
        athlete=athlete,
        session=session,
        set_log=log_set_on(prescription),
        prescription=prescription,
        template_slot=Prescription.objects.get(day_template=program.day_one, order=1),
        invitation=Invitation.objects.create(coach=coach, program=program),
        note=note,
        reply=NoteReply.objects.create(note=note, author=athlete, text="Will do."),
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(MATRIX))
def test_who_gets_what(client, world, name, persona, django_user_model):
    entry = MATRIX[name]
    if persona != "anonymous":
        client.force_login(django_user_model.objects.get(username=persona))

    response = getattr(client, entry.method)(entry.path(world), entry.data or {})

    assert response.status_code == entry.codes[persona], (
        f"{persona} on {name}: {response.status_code}, expected {entry.codes[persona]}"
    )
