"""Every admin URL, for every kind of visitor: what each one gets, and that nothing is
written unless the visitor may write it.

The URLs are read from the admin site (its own pages and, for every registered model,
changelist, add, change, history, delete and the rest), so a newly registered model fails
``test_every_admin_url_has_an_entry``: decide who may do what there before it ships.

The objects are coach C's: C's athlete A, their assignment, session and invitation, and
C's own program and day template (copies of the house's). "other coach" is B's coach, for
whom all of it is another coach's; the house program and the catalogue are everyone's to
read and the superusers' to change. Every request is made against a snapshot of every
row in the database, which must be unchanged afterwards unless the entry says the visitor
writes.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, reverse

from accounts.models import Invitation
from programs.admin import duplicate_program
from programs.models import Exercise, Program
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import make_athlete, make_coach, make_user

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
LOGIN = "login"  # sent to the admin's login page: not staff
MISSING = "missing"  # back to the admin's index with "… doesn't exist": not theirs
NOT_STAFF = {"anonymous": LOGIN, "athlete": LOGIN, "other_athlete": LOGIN}


def expect(default, **persona_codes) -> dict[str, object]:
    """Anyone not staff goes to the login page; staff get ``default`` unless named."""
    return dict.fromkeys(PERSONAS, default) | NOT_STAFF | persona_codes


SUPERUSERS = expect(403, superuser=200)  # accounts, groups, login records
COACHES_READ = expect(200, staff=403)  # lists, add pages, the catalogue, the house program
THEIRS = expect(200, other_coach=MISSING, staff=403)  # C's row: C and superusers
THEIRS_HISTORY = expect(200, other_coach=MISSING, staff=MISSING)
HOUSE_ONLY_READ = expect(403, superuser=200)  # change or delete the house's


@dataclass
class World:
    users: dict[str, object]
    athlete: object
    assignment: object
    session: object
    invitation: object
    house_program: object
    house_template: object
    programs: dict[str, object]  # each coach's own copy of the house program
    exercise: object
    group: object
    access_rows: dict[str, object]

    def their_program(self, me) -> object:
        """The program of a coach the visitor is not (the superuser: B's)."""
        other = "coach" if persona_of(me) == "other_coach" else "other_coach"
        return self.programs[other]


def persona_of(me) -> str:
    return "anonymous" if me is None else me.username


Path = Callable[[World, object], str]
Data = Callable[[World, object], dict]


@dataclass(frozen=True)
class Entry:
    url: str  # the admin URL's name, or its route when it has none
    path: Path
    codes: dict[str, object]
    method: str = "get"
    data: Data | None = None
    writes: frozenset[str] = frozenset()  # the visitors whose request changes rows


def url(name: str, obj: Callable[[World], object] | None = None, **query) -> Path:
    def path(w: World, me) -> str:
        address = reverse(f"admin:{name}", args=[] if obj is None else [obj(w).pk])
        return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    return path


def model_entries(
    prefix: str,
    obj: Callable[[World], object],
    *,
    changelist,
    add,
    change,
    history,
    delete,
    redirect=None,
) -> dict[str, Entry]:
    """The five pages the admin makes for every model, and its bare object URL."""
    route = prefix.replace("_", "/", 1) + "/<path:object_id>/"
    return {
        f"{prefix}_changelist": Entry(
            f"{prefix}_changelist", url(f"{prefix}_changelist"), changelist
        ),
        f"{prefix}_add": Entry(f"{prefix}_add", url(f"{prefix}_add"), add),
        f"{prefix}_change": Entry(f"{prefix}_change", url(f"{prefix}_change", obj), change),
        f"{prefix}_history": Entry(f"{prefix}_history", url(f"{prefix}_history", obj), history),
        f"{prefix}_delete": Entry(f"{prefix}_delete", url(f"{prefix}_delete", obj), delete),
        route: Entry(
            route,
            lambda w, me: "/admin/" + route.replace("<path:object_id>", str(obj(w).pk)),
            redirect or expect(302),
        ),
    }


def assignment_data(w: World, me) -> dict:
    """C's assignment, with a coach who is not the visitor: B re-points it to themselves,
    C hands it to B, the superuser moves it to B (and may)."""
    coach = me if persona_of(me) == "other_coach" else w.users["other_coach"]
    return {
        "program": w.house_program.pk,
        "weekday_one": 0,
        "weekday_two": 3,
        "start_date": "2026-01-05",
        "coach": coach.pk,
        "_save": "Save",
    }


def assignment_for_another_coachs_athlete(w: World, me) -> dict:
    """An ended assignment, so that the athlete's open one is no reason to refuse it."""
    persona = persona_of(me)
    coach = w.users["other_coach"] if persona in ("superuser", "anonymous") else me
    return assignment_data(w, me) | {
        "athlete": w.users["athlete" if persona == "other_coach" else "other_athlete"].pk,
        "coach": coach.pk,
        "start_date": "2025-01-06",
        "end_date": "2025-02-02",
    }


def program_data(program_of: Callable[[World, object], object], day_one_of) -> Data:
    def data(w: World, me) -> dict:
        program = program_of(w, me)
        return {
            "name": f"{program.name} renamed",
            "day_one": day_one_of(w, me).pk,
            "day_two": program.day_two_id,
            "_save": "Save",
        }

    return data


def template_data(w: World, me) -> dict:
    return {
        "name": "Renamed",
        "focus": "strength",
        "prescriptions-TOTAL_FORMS": 0,
        "prescriptions-INITIAL_FORMS": 0,
        "_save": "Save",
    }


def user_data(w: World, me) -> dict:
    """Anyone made a superuser, with every group."""
    return {
        "username": "athlete",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [w.group.pk],
        "unit": "kg",
        "time_zone": "UTC",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "_save": "Save",
    }


def action(name: str, obj: Callable[[World, object], object]) -> Data:
    return lambda w, me: {"action": name, "_selected_action": [obj(w, me).pk], "post": "yes"}


DELETE = {"post": "yes"}

MATRIX: dict[str, Entry] = {
    # The admin's own pages
    "index": Entry("index", url("index"), expect(200)),
    "login": Entry(
        "login", url("login"), expect(302, anonymous=200, athlete=200, other_athlete=200)
    ),
    # Staff are logged out (the login records note when); anyone else is sent to the index.
    "logout": Entry(
        "logout",
        url("logout"),
        dict.fromkeys(PERSONAS, 302),
        "post",
        writes=frozenset({"coach", "other_coach", "staff", "superuser"}),
    ),
    "password_change": Entry("password_change", url("password_change"), expect(200)),
    "password_change_done": Entry("password_change_done", url("password_change_done"), expect(200)),
    "jsi18n": Entry("jsi18n", url("jsi18n"), expect(200)),
    "autocomplete": Entry("autocomplete", url("autocomplete"), expect(403)),
    "autocomplete programs": Entry(
        "autocomplete",
        url("autocomplete", app_label="programs", model_name="assignment", field_name="program"),
        COACHES_READ,
    ),
    "autocomplete users": Entry(
        "autocomplete",
        url("autocomplete", app_label="programs", model_name="assignment", field_name="athlete"),
        SUPERUSERS,
    ),
    "view_on_site": Entry(
        "view_on_site",
        lambda w, me: reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Program).pk, w.house_program.pk],
        ),
        expect(404),
    ),
    "app_list": Entry(
        "app_list",
        lambda w, me: reverse("admin:app_list", args=["programs"]),
        expect(200, staff=404),
    ),
    "app_list auth": Entry(
        "app_list",
        lambda w, me: reverse("admin:app_list", args=["auth"]),
        expect(404, superuser=200),
    ),
    "(?P<url>.*)$": Entry("(?P<url>.*)$", lambda w, me: "/admin/nothing-here/", expect(404)),
    # Accounts and groups: superusers only, whatever a group's permissions say
    **model_entries(
        "accounts_user",
        lambda w: w.athlete,
        changelist=SUPERUSERS,
        add=SUPERUSERS,
        change=SUPERUSERS,
        history=SUPERUSERS,
        delete=SUPERUSERS,
    ),
    "auth_user_password_change": Entry(
        "auth_user_password_change",
        lambda w, me: reverse("admin:auth_user_password_change", args=[w.athlete.pk]),
        SUPERUSERS,
    ),
    "accounts_user_change POST superuser flags": Entry(
        "accounts_user_change",
        url("accounts_user_change", lambda w: w.athlete),
        expect(403, superuser=302),
        "post",
        user_data,
        writes=frozenset({"superuser"}),
    ),
    "accounts_user_change POST oneself a superuser": Entry(
        "accounts_user_change",
        lambda w, me: reverse("admin:accounts_user_change", args=[(me or w.athlete).pk]),
        expect(403, superuser=200),  # the username is the athlete's: taken
        "post",
        user_data,
    ),
    "auth_user_password_change POST": Entry(
        "auth_user_password_change",
        lambda w, me: reverse("admin:auth_user_password_change", args=[w.athlete.pk]),
        expect(403, superuser=302),
        "post",
        lambda w, me: {"password1": "a-new-long-password", "password2": "a-new-long-password"},
        writes=frozenset({"superuser"}),
    ),
    "accounts_user_delete POST": Entry(
        "accounts_user_delete",
        url("accounts_user_delete", lambda w: w.athlete),
        expect(403, superuser=302),
        "post",
        lambda w, me: DELETE,
        writes=frozenset({"superuser"}),
    ),
    **model_entries(
        "auth_group",
        lambda w: w.group,
        changelist=SUPERUSERS,
        add=SUPERUSERS,
        change=SUPERUSERS,
        history=SUPERUSERS,
        delete=SUPERUSERS,
    ),
    "auth_group_change POST every permission": Entry(
        "auth_group_change",
        url("auth_group_change", lambda w: w.group),
        expect(403, superuser=302),
        "post",
        lambda w, me: {
            "name": "Coaches",
            "permissions": list(Permission.objects.values_list("pk", flat=True)),
            "_save": "Save",
        },
        writes=frozenset({"superuser"}),
    ),
    # Login records (django-axes): its permissions, which no coach has
    **{
        name: entry
        for prefix, model in [
            ("axes_accessattempt", AccessAttempt),
            ("axes_accesslog", AccessLog),
            ("axes_accessfailurelog", AccessFailureLog),
        ]
        for name, entry in model_entries(
            prefix,
            lambda w, model=model: w.access_rows[model._meta.model_name],
            changelist=SUPERUSERS,
            add=expect(403),  # written by logging in, never by hand
            change=SUPERUSERS,
            history=SUPERUSERS,
            delete=SUPERUSERS,
        ).items()
    },
    # Invitations: C's own; deleting them is the superusers'
    **model_entries(
        "accounts_invitation",
        lambda w: w.invitation,
        changelist=COACHES_READ,
        add=COACHES_READ,
        change=THEIRS,
        history=THEIRS_HISTORY,
        delete=expect(403, superuser=200),
    ),
    "accounts_invitation_change POST": Entry(
        "accounts_invitation_change",
        url("accounts_invitation_change", lambda w: w.invitation),
        expect(302, other_coach=MISSING, staff=403),
        "post",
        lambda w, me: {
            "note": "changed",
            "expires_at_0": "2099-01-01",
            "expires_at_1": "10:00:00",
            "_save": "Save",
        },
        writes=frozenset({"coach", "superuser"}),
    ),
    "accounts_invitation_change POST expiry before creation": Entry(
        "accounts_invitation_change",
        url("accounts_invitation_change", lambda w: w.invitation),
        THEIRS,
        "post",
        lambda w, me: {"expires_at_0": "2020-01-01", "expires_at_1": "10:00:00", "_save": "Save"},
    ),
    "accounts_invitation_add POST another coach's program": Entry(
        "accounts_invitation_add",
        url("accounts_invitation_add"),
        expect(200, staff=403, superuser=302),
        "post",
        lambda w, me: {
            "coach": w.users["coach"].pk,
            "program": w.their_program(me).pk,
            "expires_at_0": "2099-01-01",
            "expires_at_1": "10:00:00",
            "_save": "Save",
        },
        writes=frozenset({"superuser"}),
    ),
    "accounts_invitation_delete POST": Entry(
        "accounts_invitation_delete",
        url("accounts_invitation_delete", lambda w: w.invitation),
        expect(403, superuser=302),
        "post",
        lambda w, me: DELETE,
        writes=frozenset({"superuser"}),
    ),
    # The catalogue: read by coaches, changed by superusers
    **model_entries(
        "programs_exercise",
        lambda w: w.exercise,
        changelist=COACHES_READ,
        add=HOUSE_ONLY_READ,
        change=COACHES_READ,
        history=COACHES_READ,
        delete=HOUSE_ONLY_READ,
    ),
    "programs_exercise_change POST": Entry(
        "programs_exercise_change",
        url("programs_exercise_change", lambda w: w.exercise),
        expect(403, superuser=302),
        "post",
        lambda w, me: {
            "name": "Renamed",
            "slug": "renamed",
            "primary_muscle": "quads",
            "mechanics": "compound",
            "equipment": "barbell",
            "increment_kg": "2.5",
            "increment_lb": "5",
            "_save": "Save",
        },
        writes=frozenset({"superuser"}),
    ),
    "programs_exercise_delete POST": Entry(
        "programs_exercise_delete",
        url("programs_exercise_delete", lambda w: w.exercise),
        HOUSE_ONLY_READ,  # the superuser is told what protects it
        "post",
        lambda w, me: DELETE,
    ),
    # Day templates: C's own, and the house's
    **model_entries(
        "programs_daytemplate",
        lambda w: w.programs["coach"].day_one,
        changelist=COACHES_READ,
        add=COACHES_READ,
        change=THEIRS,
        history=THEIRS_HISTORY,
        delete=THEIRS,
    ),
    "programs_daytemplate_change (house)": Entry(
        "programs_daytemplate_change",
        url("programs_daytemplate_change", lambda w: w.house_template),
        COACHES_READ,
    ),
    "programs_daytemplate_delete (house)": Entry(
        "programs_daytemplate_delete",
        url("programs_daytemplate_delete", lambda w: w.house_template),
        HOUSE_ONLY_READ,
    ),
    "programs_daytemplate_change POST": Entry(
        "programs_daytemplate_change",
        url("programs_daytemplate_change", lambda w: w.programs["coach"].day_one),
        expect(302, other_coach=MISSING, staff=403),
        "post",
        template_data,
        writes=frozenset({"coach", "superuser"}),
    ),
    "programs_daytemplate_change POST (house)": Entry(
        "programs_daytemplate_change",
        url("programs_daytemplate_change", lambda w: w.house_template),
        expect(403, superuser=302),
        "post",
        template_data,
        writes=frozenset({"superuser"}),
    ),
    "programs_daytemplate_delete POST": Entry(
        "programs_daytemplate_delete",
        url("programs_daytemplate_delete", lambda w: w.programs["coach"].day_one),
        THEIRS,  # C and the superuser are told C's program uses it
        "post",
        lambda w, me: DELETE,
    ),
    "programs_daytemplate_delete POST (house)": Entry(
        "programs_daytemplate_delete",
        url("programs_daytemplate_delete", lambda w: w.house_template),
        HOUSE_ONLY_READ,
        "post",
        lambda w, me: DELETE,
    ),
    "programs_daytemplate_changelist POST duplicate another coach's": Entry(
        "programs_daytemplate_changelist",
        url("programs_daytemplate_changelist"),
        expect(302, staff=403),
        "post",
        action("duplicate", lambda w, me: w.their_program(me).day_one),
        writes=frozenset({"superuser"}),  # the others find nothing to copy
    ),
    # Programs: C's own, and the house's, which coaches copy
    **model_entries(
        "programs_program",
        lambda w: w.programs["coach"],
        changelist=COACHES_READ,
        add=COACHES_READ,
        change=THEIRS,
        history=THEIRS_HISTORY,
        delete=THEIRS,
    ),
    "programs_program_change (house)": Entry(
        "programs_program_change",
        url("programs_program_change", lambda w: w.house_program),
        COACHES_READ,
    ),
    "programs_program_delete (house)": Entry(
        "programs_program_delete",
        url("programs_program_delete", lambda w: w.house_program),
        HOUSE_ONLY_READ,
    ),
    "programs_program_change POST another coach's day": Entry(
        "programs_program_change",
        url("programs_program_change", lambda w: w.programs["coach"]),
        expect(200, other_coach=MISSING, staff=403, superuser=302),
        "post",
        program_data(lambda w, me: w.programs["coach"], lambda w, me: w.their_program(me).day_one),
        writes=frozenset({"superuser"}),
    ),
    "programs_program_change POST (house)": Entry(
        "programs_program_change",
        url("programs_program_change", lambda w: w.house_program),
        expect(403, superuser=302),
        "post",
        program_data(lambda w, me: w.house_program, lambda w, me: w.house_program.day_one),
        writes=frozenset({"superuser"}),
    ),
    "programs_program_delete POST": Entry(
        "programs_program_delete",
        url("programs_program_delete", lambda w: w.programs["coach"]),
        expect(302, other_coach=MISSING, staff=403),
        "post",
        lambda w, me: DELETE,
        writes=frozenset({"coach", "superuser"}),
    ),
    "programs_program_delete POST (house)": Entry(
        "programs_program_delete",
        url("programs_program_delete", lambda w: w.house_program),
        HOUSE_ONLY_READ,  # the superuser is told the assignments use it
        "post",
        lambda w, me: DELETE,
    ),
    # Refused with a page that says why (not theirs to delete; programs' assignments use it).
    "programs_program_changelist POST delete the house's": Entry(
        "programs_program_changelist",
        url("programs_program_changelist"),
        expect(200, staff=403),
        "post",
        action("delete_selected", lambda w, me: w.house_program),
    ),
    "programs_program_changelist POST duplicate the house's": Entry(
        "programs_program_changelist",
        url("programs_program_changelist"),
        expect(302, staff=403),
        "post",
        action("duplicate", lambda w, me: w.house_program),
        writes=frozenset({"coach", "other_coach", "superuser"}),
    ),
    "programs_program_changelist POST duplicate another coach's": Entry(
        "programs_program_changelist",
        url("programs_program_changelist"),
        expect(302, staff=403),
        "post",
        action("duplicate", lambda w, me: w.their_program(me)),
        writes=frozenset({"superuser"}),
    ),
    # Assignments: C's athlete's
    **model_entries(
        "programs_assignment",
        lambda w: w.assignment,
        changelist=COACHES_READ,
        add=COACHES_READ,
        change=THEIRS,
        history=THEIRS_HISTORY,
        delete=THEIRS,
    ),
    "programs_assignment_change POST re-point the coach": Entry(
        "programs_assignment_change",
        url("programs_assignment_change", lambda w: w.assignment),
        expect(200, other_coach=MISSING, staff=403, superuser=302),
        "post",
        assignment_data,
        writes=frozenset({"superuser"}),
    ),
    "programs_assignment_add POST another coach's athlete": Entry(
        "programs_assignment_add",
        url("programs_assignment_add"),
        expect(200, staff=403, superuser=302),
        "post",
        assignment_for_another_coachs_athlete,
        writes=frozenset({"superuser"}),
    ),
    "programs_assignment_delete POST": Entry(
        "programs_assignment_delete",
        url("programs_assignment_delete", lambda w: w.assignment),
        THEIRS,  # C and the superuser are told its sessions keep it
        "post",
        lambda w, me: DELETE,
    ),
    # Sessions: C's athlete's, read-only
    **model_entries(
        "programs_session",
        lambda w: w.session,
        changelist=COACHES_READ,
        add=expect(403),
        change=THEIRS,
        history=THEIRS_HISTORY,
        delete=expect(403, superuser=200),
    ),
    "programs_session_change POST": Entry(
        "programs_session_change",
        url("programs_session_change", lambda w: w.session),
        expect(403),
        "post",
        lambda w, me: {"name": "Renamed", "date": "2026-11-24", "athlete": me.pk if me else ""},
    ),
    "programs_session_delete POST": Entry(
        "programs_session_delete",
        url("programs_session_delete", lambda w: w.session),
        expect(403, superuser=302),
        "post",
        lambda w, me: DELETE,
        writes=frozenset({"superuser"}),
    ),
}


def admin_urls(patterns=None, prefix: str = "") -> set[str]:
    """Every URL of the admin site, by name, or by route where it has none."""
    names = set()
    for pattern in admin.site.get_urls() if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            names |= admin_urls(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            names.add(pattern.name or prefix + str(pattern.pattern))
    return names


def test_every_admin_url_has_an_entry():
    covered = {entry.url for entry in MATRIX.values()}

    missing = sorted(admin_urls() - covered)

    assert missing == [], f"admin URLs without an entry in the admin matrix: {missing}"


def test_every_registered_model_has_its_five_pages():
    expected = {
        f"{model._meta.app_label}_{model._meta.model_name}_{page}"
        for model in admin.site._registry
        for page in ["changelist", "add", "change", "history", "delete"]
    }

    assert expected <= {entry.url for entry in MATRIX.values()}


def test_every_entry_names_an_admin_url():
    assert [name for name, entry in MATRIX.items() if entry.url not in admin_urls()] == []


def build_world() -> World:
    coach, other_coach = make_coach("coach"), make_coach("other_coach")
    athlete = make_athlete("athlete", coach=coach, time_zone="Europe/Paris")
    program = Program.objects.get(is_default=True)
    users = {
        "athlete": athlete,
        "other_athlete": make_athlete("other_athlete", coach=other_coach),
        "coach": coach,
        "other_coach": other_coach,
        "staff": make_user("staff", is_staff=True),
        "superuser": make_user("superuser", is_staff=True, is_superuser=True),
    }
    generate([WEEK])
    access = {"user_agent": "test", "ip_address": "192.0.2.1", "username": "athlete"}
    return World(
        users=users,
        athlete=athlete,
        assignment=athlete.assignments.get(),
        session=athlete.sessions.get(day_number=1),
        invitation=Invitation.objects.create(coach=coach, program=program),
        house_program=program,
        house_template=program.day_one,
        programs={
            "coach": duplicate_program(program=program, owner=coach),
            "other_coach": duplicate_program(program=program, owner=other_coach),
        },
        exercise=Exercise.objects.get(slug="back-squat"),
        group=Group.objects.get(name="Coaches"),
        access_rows={
            "accessattempt": AccessAttempt.objects.create(
                **access, get_data="", post_data="", failures_since_start=1
            ),
            "accesslog": AccessLog.objects.create(**access),
            "accessfailurelog": AccessFailureLog.objects.create(**access),
        },
    )


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Built once for the module's 800 requests, in a transaction rolled back after them.
    Each test's own transaction (pytest-django's) is a savepoint inside it, so what one
    request writes is gone before the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db) -> World:
    return module_world


# The visitor's own login session changes with every request; nothing else may.
UNTRACKED = {"sessions.Session"}
TRACKED = [
    model
    for model in apps.get_models(include_auto_created=True)
    if model._meta.label not in UNTRACKED
]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every tracked table, read raw: the ORM's model instances made this
    module the slowest of the suite."""
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for model in TRACKED:
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            rows[model._meta.label] = cursor.fetchall()
    return rows


def outcome(response) -> object:
    if response.status_code != 302:
        return response.status_code
    if response.url.startswith(reverse("admin:login")):
        return LOGIN
    said = [str(message) for message in get_messages(response.wsgi_request)]
    if response.url == reverse("admin:index") and any("doesn’t exist" in m for m in said):
        return MISSING
    return 302


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(MATRIX))
def test_who_gets_what_and_writes_what(client, world, name, persona):
    entry = MATRIX[name]
    me = world.users.get(persona)
    if me is not None:
        client.force_login(me)
    before = snapshot()

    response = getattr(client, entry.method)(
        entry.path(world, me), entry.data(world, me) if entry.data else {}
    )

    assert outcome(response) == entry.codes[persona], (
        f"{persona} on {name}: {outcome(response)}, expected {entry.codes[persona]}"
    )
    if persona in entry.writes:
        assert snapshot() != before, f"{persona} on {name} wrote nothing"
    else:
        assert snapshot() == before, f"{persona} on {name} wrote to the database"
