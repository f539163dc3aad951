"""The admin, as a superuser and as a coach, in German, French, Spanish and Brazilian
Portuguese: its index, and every one of our models' list, add page and one change page,
leave no English sentence of ours behind (the walk of tests/test_translated_pages.py), and
the lists' column headings and the forms' field labels are translated too, single words
included. Login records (django-axes) are left out: the library ships no Spanish or
Portuguese catalogue, and they are not our words.
"""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.models import Invitation
from programs.admin import duplicate_program
from programs.models import Assignment, Exercise, Program, Session
from programs.weeks import IsoWeek
from tests.coaching_setup import generate
from tests.conftest import make_athlete, make_coach, make_user
from tests.test_translated_pages import LANGUAGES, catalogue_words, untranslated

OURS_AND_DJANGOS = {"accounts", "auth", "programs", "tracking", "coaching", "exchange"}
# Labels that are the same word in the language and in English.
SAME_WORD = {
    "de": {"Coach", "Name", "Status", "Tempo"},
    "fr": {"Coach", "Date", "Invitation", "Prescriptions", "Tempo"},
    "es": {"Tempo"},
    "pt-br": set(),
}


class Labels(HTMLParser):
    """The texts of <label>s and of the column headings of lists and inline tables."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.current: list[str] = []
        self.texts: set[str] = set()

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        heading = tag == "th" and any(name.startswith("column-") for name in classes)
        if self.depth:
            self.depth += tag in ("label", "th")
        elif tag == "label" or heading:
            self.depth = 1
            self.current = []

    def handle_endtag(self, tag):
        if self.depth and tag in ("label", "th"):
            self.depth -= 1
            if not self.depth:
                text = " ".join("".join(self.current).split()).rstrip(":")
                if text:
                    self.texts.add(text)

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def labels(html: str) -> set[str]:
    parser = Labels()
    parser.feed(html)
    return parser.texts


@pytest.fixture
def world(db):
    coach = make_coach("coach")
    athlete = make_athlete("athlete", coach=coach)
    generate([IsoWeek(2026, 48)], athlete=athlete)
    program = duplicate_program(program=Program.objects.get(is_default=True), owner=coach)
    superuser = make_user("root", is_staff=True, is_superuser=True)
    invitation = Invitation.objects.create(coach=coach, program=program, note="for Anna")
    return {
        "coach": coach,
        "superuser": superuser,
        "objects": {
            "accounts.User": athlete,
            "auth.Group": Group.objects.get(name="Coaches"),
            "accounts.Invitation": invitation,
            "programs.Exercise": Exercise.objects.get(slug="back-squat"),
            "programs.DayTemplate": program.day_one,
            "programs.Program": program,
            "programs.Assignment": Assignment.objects.get(athlete=athlete),
            "programs.Session": Session.objects.filter(athlete=athlete).first(),
        },
    }


def admin_pages(objects: dict) -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        if model._meta.app_label not in OURS_AND_DJANGOS:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [
            reverse(f"{name}_changelist"),
            reverse(f"{name}_add"),
            reverse(f"{name}_change", args=[objects[model._meta.label].pk]),
        ]
    return urls


def admin_data() -> list[str]:
    """The catalogue's words, and the permissions' names: rows, as the admin shows them."""
    return [*catalogue_words(), *Permission.objects.values_list("name", flat=True)]


def readable(client, urls: list[str]) -> list[str]:
    """The pages the visitor may open (a coach is refused the accounts, for one)."""
    return [url for url in urls if client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200]


def test_every_model_of_ours_has_a_page_and_an_object_here(world):
    labels_ = {model._meta.label for model in admin.site._registry}
    assert {label for label in labels_ if not label.startswith("axes.")} == set(world["objects"])


@pytest.mark.parametrize("persona", ["superuser", "coach"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_sentence_is_left_in_the_admin(client, world, persona, language):
    client.force_login(world[persona])
    pages = readable(client, admin_pages(world["objects"]))
    assert len(pages) >= (24 if persona == "superuser" else 17)
    data = admin_data()
    left = {url: untranslated(client, url, language, data) for url in pages}
    assert not any(left.values()), {url: texts for url, texts in left.items() if texts}


@pytest.mark.parametrize("persona", ["superuser", "coach"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admins_labels_and_headings_are_translated(client, world, persona, language):
    client.force_login(world[persona])
    data = set(admin_data())
    same = {}
    for url in readable(client, admin_pages(world["objects"])):
        english = labels(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
        localized = labels(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
        left = (english & localized) - SAME_WORD[language] - data
        if left:
            same[url] = sorted(left)
    assert not same, same


@pytest.mark.parametrize(
    "language, copied",
    [
        ("en", "Copied."),
        ("de", "Kopiert."),
        ("fr", "Copié."),
        ("es", "Copiado."),
        ("pt-br", "Copiado."),
    ],
)
def test_the_invitation_page_says_copied_in_the_coachs_language(client, world, language, copied):
    client.force_login(world["coach"])
    invitation = world["objects"]["accounts.Invitation"]
    url = reverse("admin:accounts_invitation_change", args=[invitation.pk])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f'data-copied="{copied}"' in page


def test_the_admin_names_objects_in_the_coachs_language(client, world):
    client.force_login(world["coach"])
    objects = world["objects"]
    assignment = reverse(
        "admin:programs_assignment_change", args=[objects["programs.Assignment"].pk]
    )
    invitation = reverse(
        "admin:accounts_invitation_change", args=[objects["accounts.Invitation"].pk]
    )

    assert (
        "athlete im Programm Two-day leg split ab 2026-01-05"
        in client.get(assignment, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    )
    assert (
        "Invitation à Two-day leg split (copy) pour for Anna"
        in client.get(invitation, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    )
