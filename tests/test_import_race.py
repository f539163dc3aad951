"""One import confirmed from two tabs at the same moment: one writes, the other is told the
file was already imported; never a 500, never a set twice (issue 13, point 7)."""

import datetime as dt
import html
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from demo import samples
from exchange import views
from exchange.models import PendingImport
from programs.models import Session
from tests.conftest import post_at_once
from tracking.models import SetLog

IMPORT = "/account/import/"
ROUNDS = 5
TABS = 3


@pytest.mark.django_db(transaction=True)
def test_one_import_confirmed_from_two_tabs_writes_once(athlete, race_report):
    content = samples.strong_csv(weeks=8).encode()
    acknowledged = stored = 0
    with time_machine.travel(dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        for _ in range(ROUNDS):
            SetLog.objects.all().delete()
            Session.objects.all().delete()
            tabs = []
            for _ in range(TABS):
                tab = Client()
                tab.force_login(athlete)
                tabs.append(tab)
            location = tabs[0].post(
                IMPORT, {"file": SimpleUploadedFile("s.csv", content, "text/csv")}
            )["Location"]

            statuses = post_at_once(
                tabs,
                location,
                urlencode({"unit": "kg"}),
                content_type="application/x-www-form-urlencoded",
            )

            # One writes; each other tab was either claimed from while it read (409, the
            # message) or came once the upload was gone (404).
            assert len(statuses) == TABS and statuses.count(302) == 1
            assert set(statuses) <= {302, 409, 404}
            acknowledged += statuses.count(302)
            stored += SetLog.objects.count()
            assert SetLog.objects.count() == 8 * 13
            assert not PendingImport.objects.exists()
    race_report(
        f"one import confirmed from {TABS} tabs, {ROUNDS} rounds: "
        f"{acknowledged} imports acknowledged, {stored} sets"
    )
    assert stored == acknowledged * 8 * 13


def test_a_tab_whose_upload_was_claimed_meanwhile_is_told_so(client, athlete, monkeypatch):
    """The moment the race test cannot pin: the other tab commits after this one read the
    upload and before it claims it."""
    client.force_login(athlete)
    with time_machine.travel(dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        content = samples.strong_csv(weeks=1).encode()
        location = client.post(IMPORT, {"file": SimpleUploadedFile("s.csv", content)})["Location"]
        matched = views.name_rows

        def other_tab_confirms_first(**kwargs):
            PendingImport.objects.all().delete()
            return matched(**kwargs)

        monkeypatch.setattr(views, "name_rows", other_tab_confirms_first)
        response = client.post(location, {"unit": "kg"})

    assert response.status_code == 409
    assert str(views.ALREADY_CONFIRMED_MESSAGE) in html.unescape(response.content.decode())
    assert not SetLog.objects.exists()
