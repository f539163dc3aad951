import pytest
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import Session
from programs.weeks import IsoWeek

W48 = IsoWeek(2026, 48)


@pytest.fixture
def sessions(athlete, other_athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return {
        "mine": Session.objects.get(athlete=athlete, day_number=1, date__gte=W48.monday),
        "theirs": Session.objects.get(athlete=other_athlete, day_number=1, date__gte=W48.monday),
    }


def test_the_session_page_shows_prescriptions_and_setup_cues(client, athlete, sessions):
    client.force_login(athlete)
    response = client.get(reverse("session", args=[sessions["mine"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Back squat" in html and "4 × 5–8" in html
    assert "Setup cues" in html and "Brace before each rep" in html


def test_another_athletes_session_is_not_found(client, athlete, sessions):
    client.force_login(athlete)
    assert client.get(reverse("session", args=[sessions["theirs"].pk])).status_code == 404


def test_a_session_that_does_not_exist_is_not_found(client, athlete, sessions):
    client.force_login(athlete)
    assert client.get("/sessions/999999/").status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, sessions):
    response = client.get(reverse("session", args=[sessions["mine"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
