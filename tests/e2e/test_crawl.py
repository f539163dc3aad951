"""Every page a visitor can reach by following links answers without a server error.

For each visitor of the permission matrix, from their landing pages: every same-origin
``href``, ``src`` and ``hx-get`` found is fetched in turn, over plain HTTP with the
visitor's cookies, from the production-settings server. GET only, never logging out.
Bounded: a few URLs of each shape (digits and the query's values aside), so the budget
goes to different pages rather than to week after week.
"""

import datetime as dt
import re
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.conf import settings

from accounts.models import Invitation
from bench._server import Browser
from coaching.models import CoachNote
from programs.models import Prescription, PrescriptionOverride
from programs.today import athlete_today
from programs.weeks import IsoWeek
from tests.coaching_setup import train
from tests.conftest import make_user
from tests.e2e.conftest import Server, login_session
from tests.test_permission_matrix import PERSONAS

LIMIT = 300  # URLs per visitor
PER_SHAPE = 6
LINK_ATTRIBUTES = {"href", "src", "hx-get"}
LANDING = {
    "anonymous": ["/", "/login/", "/signup/"],
    "athlete": ["/", "/today/"],
    "other_athlete": ["/", "/today/"],
    "coach": ["/", "/coach/"],
    "other_coach": ["/", "/coach/"],
    "staff": ["/", "/admin/"],
    "superuser": ["/", "/coach/", "/admin/"],
}
# Reached from scripts, not from links: the same for everyone.
FOR_EVERYONE = ["/sw.js", "/manifest.webmanifest", "/offline/"]
# How far down the list each visitor must get: a crawl stuck at the login page would
# find no error either.
AT_LEAST = {"anonymous": 8, "staff": 15}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found += [value for name, value in attrs if name in LINK_ATTRIBUTES and value]


@dataclass
class Crawl:
    visitor: str
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def server_errors(self) -> list[str]:
        return [f"{url} {status}" for url, status in self.statuses.items() if status >= 500]


def shape(url: str) -> tuple:
    """A page's kind: its path with numbers as #, and which parameters it is given.
    The admin carries a list's filters into the links it shows: the same pages again."""
    parts = urlsplit(url)
    keys = {key for key, _ in parse_qsl(parts.query)} - {"_changelist_filters"}
    return re.sub(r"\d+", "#", parts.path), tuple(sorted(keys))


def same_origin(base: str, link: str, origin: str) -> str | None:
    if link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    url = urljoin(base, link).split("#", 1)[0]
    if not url.startswith(f"{origin}/"):
        return None
    path = url.removeprefix(origin)
    return None if "logout" in path else path


def crawl(server: Server, visitor: str, cookies: dict[str, str]) -> Crawl:
    browser = Browser(port=urlsplit(server.url).port, cookies=cookies)
    done = Crawl(visitor)
    queue = deque(LANDING[visitor] + FOR_EVERYONE)
    shapes: Counter = Counter()
    while queue and len(done.statuses) < LIMIT:
        path = queue.popleft()
        if path in done.statuses or shapes[shape(path)] >= PER_SHAPE:
            continue
        shapes[shape(path)] += 1
        answer = browser.request("GET", path)
        done.statuses[path] = answer.status
        if answer.status in (301, 302, 303, 307, 308):
            links = [answer.headers["Location"]]
        elif answer.headers.get("Content-Type", "").startswith("text/html"):
            parser = Links()
            parser.feed(answer.body.decode())
            links = parser.found
        else:
            continue
        for link in links:
            found = same_origin(f"{server.url}{path}", link, server.url)
            if found is not None and found not in done.statuses:
                queue.append(found)
    return done


@pytest.fixture
def seeded(server, athlete, other_athlete, coach, other_coach, program) -> dict:
    """Pages with something on them: weeks trained with sets logged (so progress and
    balance have lines), the coach's athletes, notes, an adjustment, an invitation,
    and accounts for staff and a superuser (the admin's change lists)."""
    users = {
        "athlete": athlete,
        "other_athlete": other_athlete,
        "coach": coach,
        "other_coach": other_coach,
        "staff": make_user("staff", is_staff=True),
        "superuser": make_user("superuser", is_staff=True, is_superuser=True),
    }
    this_week = IsoWeek.of(athlete_today(athlete))
    weeks = [this_week.shifted(-2), this_week.shifted(-1)]
    train(athlete, weeks=weeks, left_lag=2)
    train(other_athlete, weeks=weeks)
    session = athlete.sessions.order_by("date").first()
    CoachNote.objects.create(session=session, author=coach, text="Deeper, please.")
    PrescriptionOverride.objects.create(
        athlete=athlete,
        prescription=Prescription.objects.get(day_template=program.day_one, order=1),
        starts_on=this_week.monday - dt.timedelta(days=7),
        sets_min=3,
        sets_max=3,
    )
    Invitation.objects.create(coach=coach, program=program, note="For Sam")
    return users


def test_no_link_leads_to_a_server_error(server: Server, seeded: dict, capsys):
    cookies = {visitor: {} for visitor in PERSONAS}
    for visitor, user in seeded.items():
        cookies[visitor][settings.SESSION_COOKIE_NAME] = login_session(server, user)
    # Two at a time, as gunicorn has two workers.
    with ThreadPoolExecutor(max_workers=2) as pool:
        crawls = list(pool.map(lambda visitor: crawl(server, visitor, cookies[visitor]), PERSONAS))

    with capsys.disabled():
        for done in crawls:
            print(
                f"\ncrawl: {done.visitor} {len(done.statuses)} urls, {len(done.server_errors)} 5xx",
                end="",
            )
        print()
    assert {done.visitor: done.server_errors for done in crawls if done.server_errors} == {}
    too_short = {
        done.visitor: len(done.statuses)
        for done in crawls
        if len(done.statuses) < AT_LEAST.get(done.visitor, 30)
    }
    assert too_short == {}, "these visitors' crawls found too few pages"
