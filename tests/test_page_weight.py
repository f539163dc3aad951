"""A phone's cold load of the session page stays under its byte budget: a size, not a time.

The page comes from the test client; the static files it references are read from the
source folders and compressed as whitenoise compresses them at collectstatic, so the
figures match bench/page_weight.py's (which measures the served bytes) within the hashes
in the file names.
"""

import datetime as dt
import random

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from bench.page_weight import (
    BUDGET_BYTES,
    Fetched,
    compressed_like_whitenoise,
    measure_session_page,
    static_source_fetch,
)
from programs.generation import assignments_in_week, generate_week
from programs.models import Session
from programs.weeks import IsoWeek

W48 = IsoWeek(2026, 48)


def fetch_with(client, extra: dict[str, bytes] | None = None):
    """Pages through the client, static files from the sources; `extra` adds scripts to
    the page (path → body), to show the measure counts what a page references."""
    extra = extra or {}

    def fetch(url: str) -> Fetched:
        if url in extra:
            return compressed_like_whitenoise(url, extra[url])
        if url.startswith(settings.STATIC_URL):
            return static_source_fetch(url)
        response = client.get(url)
        assert response.status_code == 200
        body = response.content
        for path in extra:
            body = body.replace(b"</head>", f'<script src="{path}" defer></script></head>'.encode())
        return Fetched(body, len(body), "identity")

    return fetch


@pytest.fixture(autouse=True)
def monday_of_w48():
    """The heavier page is measured: a session of today or ahead, with its set forms. Past
    sessions render read-only (no forms), so an unfrozen clock measured the lighter page
    once W48 had gone by, and missed the budget being broken."""
    with time_machine.travel(dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def sessions(athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return {session.day_number: session for session in Session.objects.filter(athlete=athlete)}


@pytest.mark.parametrize("day_number", [1, 2])
def test_the_session_page_cold_load_is_within_the_budget(client, athlete, sessions, day_number):
    client.force_login(athlete)
    url = reverse("session", args=[sessions[day_number].pk])

    weight = measure_session_page(page_url=url, fetch=fetch_with(client))

    page = client.get(url).content.decode()
    assert "A past session, to read." not in page and 'class="button add-set"' in page
    measured = " ".join(resource.url for resource in weight.resources)
    assert "css/app.css" in measured
    assert "js/vendor/htmx-" in measured and "js/session.js" in measured
    assert weight.total <= BUDGET_BYTES, "\n" + weight.table()


def test_a_50_kb_script_would_break_the_budget(client, athlete, sessions):
    client.force_login(athlete)
    url = reverse("session", args=[sessions[1].pk])
    # Random bytes: nothing compresses them, so all 50 KB go over the wire.
    script = random.Random(48).randbytes(50 * 1024)
    extra = {settings.STATIC_URL + "js/big.js": script}

    weight = measure_session_page(page_url=url, fetch=fetch_with(client, extra))

    assert weight.resources[-1].transferred == len(script)
    assert weight.total > BUDGET_BYTES
