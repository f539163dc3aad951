"""The Content-Security-Policy: on every response, and nothing in our pages it would refuse.

The browser side (no page logs a violation, htmx and the service worker work under it) was
checked in Chromium by hand; tests/e2e fails on console errors, which violations are.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from legplanner.csp import HEADER, POLICY
from tests import test_permission_matrix as matrix

BASE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((BASE_DIR / "templates").rglob("*.html"))

# What the policy refuses in markup: code and styles written into the page itself.
INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "htmx code attribute": re.compile(r"\s(?:data-)?hx-(?:on\b|on:|vars\s*=)", re.IGNORECASE),
}

world = matrix.world


def directives(policy: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_the_policy_lets_in_only_the_sites_own_files():
    policy = directives(POLICY)

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.parametrize("persona", ["anonymous", "athlete", "superuser"])
@pytest.mark.parametrize("name", list(matrix.MATRIX))
def test_every_url_answers_with_the_policy(client, world, name, persona, django_user_model):
    entry = matrix.MATRIX[name]
    if persona != "anonymous":
        client.force_login(django_user_model.objects.get(username=persona))

    response = getattr(client, entry.method)(entry.path(world), entry.data or {})

    assert response.headers.get(HEADER) == POLICY, f"{persona} on {name}: {response.status_code}"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        pytest.param("get", "/static/css/app.css", id="static-file"),
        pytest.param("get", "/no/such/page/", id="not-found"),
        pytest.param("post", "/sw.js", id="wrong-method"),
        pytest.param("get", "/admin/login/", id="admin-login"),
        pytest.param("post", "/login/", id="refused-login"),
    ],
)
def test_other_responses_carry_the_policy_too(client, db, method, path):
    response = getattr(client, method)(path)

    assert response.headers.get(HEADER) == POLICY, response.status_code


@override_settings(DEBUG=True)
def test_djangos_debug_error_page_is_left_readable(client, db):
    # It styles and scripts itself inline; development only.
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert HEADER not in response.headers


def test_the_middleware_is_installed_before_whitenoise():
    middleware = settings.MIDDLEWARE

    assert middleware.index("legplanner.csp.ContentSecurityPolicyMiddleware") < middleware.index(
        "whitenoise.middleware.WhiteNoiseMiddleware"
    )


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(BASE_DIR)))
def test_no_template_writes_what_the_policy_refuses(template):
    text = template.read_text()

    found = [
        f"{what}: {match[0]!r}"
        for what, pattern in INLINE.items()
        for match in pattern.finditer(text)
    ]

    assert found == []


def test_the_scan_finds_what_it_looks_for():
    page = (
        '<script>alert(1)</script><script src="/x.js"></script><style>p{}</style>'
        '<p style="color:red" onclick="go()"><a href="javascript:go()" hx-on:click="go()">'
    )

    found = {what for what, pattern in INLINE.items() if pattern.search(page)}

    assert found == set(INLINE)
    assert not INLINE["inline script"].search('<script src="/x.js" defer></script>')


def test_htmx_is_told_to_keep_to_the_policy(client, db):
    # Otherwise htmx adds a <style> for its indicators to every page, and the policy
    # refuses it with a console error on each load.
    html = client.get("/login/").content.decode()
    config = json.loads(re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', html)[1])

    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
