"""The installable app as the server sends it: manifest, service worker, offline page,
which pages may be kept on a phone, and a logout that clears the phone."""

import json
import struct

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from accounts.offline import KEEP_HEADER
from legplanner.pwa import SHELL_STATIC, shell_urls
from programs.generation import assignments_in_week, generate_week
from programs.models import Session
from programs.weeks import IsoWeek

W48 = IsoWeek(2026, 48)
# What legplanner/settings.py serves static files with when DEBUG is off.
PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_the_manifest_describes_an_installable_app(client, db):
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == manifest["short_name"] == "Legplanner"
    assert manifest["start_url"] == reverse("today") == "/today/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#16324f"
    sizes = {}
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        path = finders.find(icon["src"].removeprefix("/static/"))
        width, height = png_size(path)
        assert icon["sizes"] == f"{width}x{height}"
        sizes.setdefault(icon.get("purpose", "any"), set()).add(width)
    # The sizes phones ask for: 192 on the home screen, 512 for the splash screen.
    assert sizes == {"any": {192, 512}, "maskable": {512}}


def test_every_page_links_the_manifest_and_the_offline_script(client, db):
    html = client.get(reverse("login")).content.decode()
    assert f'<link rel="manifest" href="{reverse("manifest")}">' in html
    assert 'src="/static/js/offline.js"' in html
    assert 'data-served="network"' in html  # what the service worker marks as "cache"


def test_the_service_worker_is_served_from_the_root_and_names_its_files(client, db):
    response = client.get(reverse("service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript"
    assert "no-cache" in response["Cache-Control"]
    assert reverse("service_worker") == "/sw.js"  # a worker controls only what is below it
    script = response.content.decode()
    assert f"var SHELL = {json.dumps(shell_urls())};" in script
    for path in SHELL_STATIC:
        assert finders.find(path), f"{path} is in the shell but not in static/"


def test_the_offline_page_needs_no_login(client, db):
    response = client.get(reverse("offline"))
    assert response.status_code == 200
    assert b"No network" in response.content


@pytest.fixture
def session(athlete) -> Session:
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return Session.objects.filter(athlete=athlete).earliest("date")


def test_the_week_and_session_pages_may_be_kept_on_the_phone(client, athlete, session):
    client.force_login(athlete)
    for url in (reverse("week", args=[str(W48)]), reverse("session", args=[session.pk])):
        assert client.get(url)[KEEP_HEADER] == "keep", url


def test_other_pages_are_not_kept(client, athlete, other_athlete, session):
    client.force_login(athlete)
    assert KEEP_HEADER not in client.get(reverse("account"))
    client.force_login(other_athlete)
    refused = client.get(reverse("session", args=[session.pk]))
    assert refused.status_code == 404
    assert KEEP_HEADER not in refused


def test_logging_out_asks_the_browser_to_clear_the_phone(client, athlete):
    client.force_login(athlete)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_a_set_row_carries_what_the_phone_needs_to_judge_it(client, athlete, session):
    client.force_login(athlete)
    html = client.get(
        reverse("session", args=[session.pk]) + "?edit=1"
    ).content.decode()  # a past day
    squat = session.prescriptions.get(order=1)
    assert (
        f'data-reps-min="{squat.reps_min}" data-reps-max="{squat.reps_max}" '
        f'data-rir-max="{squat.rir_max}" data-per-leg="false"'
    ) in html
    assert f'data-tick-url="{reverse("tick", args=[session.pk])}"' in html


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """The static files as a deployment has them: collected, hashed, in a manifest."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(collected_static):
    # DEBUG on, the manifest storage answers plain names and never looks a name up:
    # that is how a name missing from the manifest went unnoticed.
    with override_settings(DEBUG=False, STATIC_ROOT=collected_static, STORAGES=PRODUCTION_STATIC):
        yield


def test_the_installable_app_is_served_with_production_static_files(
    client, athlete, session, production_static
):
    worker = client.get(reverse("service_worker"))
    assert worker.status_code == 200
    script = worker.content.decode()
    assert 'var STATIC_PREFIX = "/static/";' in script
    assert "/static/css/app." in script  # the hashed name, not css/app.css

    manifest = client.get(reverse("manifest"))
    assert manifest.status_code == 200
    icons = {icon["src"] for icon in json.loads(manifest.content)["icons"]}
    assert all(
        src.startswith("/static/icons/") and src != "/static/icons/icon-192.png" for src in icons
    )

    client.force_login(athlete)
    page = client.get(reverse("session", args=[session.pk]))
    assert page.status_code == 200
    assert 'src="/static/js/offline.' in page.content.decode()


def test_the_favicon_browsers_ask_for_is_the_apps_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
