"""Our scripts and stylesheets ship minified (legplanner/minify.py) and still do what their
sources say.

The check over every file shows the minifier removed nothing but whitespace, comments and
a rule's last semicolon; it reads no JavaScript, so it would not see whitespace collapsed
or a `//` cut inside a string: the exact output for the constructs at risk (template
literals, `//` in strings, regexes, optional chaining) is pinned below. That a minified
script behaves as its source, the browser tests show: they run against collectstatic's
minified files (tests/e2e/conftest.py).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

from legplanner.minify import minified

STATIC = Path(settings.BASE_DIR) / "static"
OURS = sorted(
    path
    for path in [*STATIC.glob("js/**/*.js"), *STATIC.glob("css/**/*.css")]
    if "vendor" not in path.parts
)


def _name(path: Path) -> str:
    return path.relative_to(STATIC).as_posix()


def removes_only_whitespace_and_comments(source: str, result: str) -> bool:
    """Whether `result` is `source` less some whitespace, some spans starting with `//` or
    `/*`, and a rule's last `;` before its `}`: the minifier changed no code, string or
    template literal by more than that."""
    i = j = 0
    while i < len(source):
        if j < len(result) and source[i] == result[j]:
            i, j = i + 1, j + 1
        elif source[i].isspace() or (source[i] == ";" and result.startswith("}", j)):
            i += 1
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = len(source) if end < 0 else end + 2
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
        elif j < len(result) and result[j] == "\n":
            # A comment that spanned lines stands for a line break (semicolon insertion).
            j += 1
        else:
            return False
    return j == len(result)


def test_the_check_sees_a_changed_string_or_a_dropped_statement():
    source = "const a = 'x';  // why\nfoo?.bar(`t ${a}`);\n"
    assert removes_only_whitespace_and_comments(source, "const a='x';foo?.bar(`t ${a}`);")
    assert not removes_only_whitespace_and_comments(source, "const a='y';foo?.bar(`t ${a}`);")
    assert not removes_only_whitespace_and_comments(source, "const a='x';")
    assert not removes_only_whitespace_and_comments("p { margin: 0.5rem; }", "p{margin:.5rem}")


def test_we_have_scripts_and_stylesheets_to_minify():
    names = {_name(path) for path in OURS}
    assert {"js/session.js", "js/queue-sending.js", "css/app.css"} <= names


@pytest.mark.parametrize("path", OURS, ids=_name)
def test_each_of_our_files_ships_smaller_with_only_whitespace_and_comments_removed(path):
    source = path.read_bytes()

    shipped = minified(name=_name(path), source=source)

    assert len(shipped) < len(source)
    assert removes_only_whitespace_and_comments(source.decode(), shipped.decode())


def test_modern_script_keeps_its_strings_template_literals_and_regexes():
    source = b"""
    // A line comment, and a /* block */ one:
    const url = 'https://example.org//path';  /* "quoted" */
    const line = `kept  //  as is ${value?.count ?? 0} /* too */
      over two lines`;
    const slashes = /\\/\\/+/g, half = total / 2 / 1;
    element?.addEventListener("click", (event) => go(event));
    """

    shipped = minified(name="js/example.js", source=source).decode()

    assert shipped == (
        "const url='https://example.org//path';"
        "const line=`kept  //  as is ${value?.count ?? 0} /* too */\n      over two lines`;"
        "const slashes=/\\/\\/+/g,half=total/2/1;"
        'element?.addEventListener("click",(event)=>go(event));'
    )


def test_a_stylesheet_loses_its_comments_and_keeps_its_urls_and_strings():
    source = b"""/* Why the card is this wide. */
.card  >  p::before { content: "/* kept */"; background: url( "icons/icon-192.png" ); }
"""

    shipped = minified(name="css/example.css", source=source)

    assert shipped == b'.card>p::before{content:"/* kept */";background:url("icons/icon-192.png")}'


@pytest.mark.parametrize(
    "name",
    ["js/vendor/htmx-2.0.8.min.js", "js/vendor/other.js", "css/theme.min.css", "icons/x.png"],
)
def test_vendored_minified_and_other_files_ship_as_they_are(name):
    source = b"/* a licence or a format to keep */\nvar  a = 1;\n"
    assert minified(name=name, source=source) == source


def test_collectstatic_copies_ours_minified_and_the_rest_as_they_are(tmp_path):
    static_root = tmp_path / "collected"
    with override_settings(STATIC_ROOT=static_root):
        call_command("collectstatic", interactive=False, verbosity=0)

    session = STATIC / "js" / "session.js"
    assert (static_root / "js" / "session.js").read_bytes() == minified(
        name="js/session.js", source=session.read_bytes()
    )
    htmx = next((STATIC / "js" / "vendor").glob("htmx-*.min.js"))
    assert (static_root / "js" / "vendor" / htmx.name).read_bytes() == htmx.read_bytes()
    # The admin's files come from its app folder, untouched.
    admin = Path(finders.find("admin/js/core.js"))
    assert (static_root / "admin" / "js" / "core.js").read_bytes() == admin.read_bytes()


def test_collectstatic_replaces_an_earlier_unminified_copy_of_an_unchanged_source(tmp_path):
    """A deployment's STATIC_ROOT keeps the copies of the release before: each is newer
    than its source, which collectstatic takes as up to date."""
    sources, static_root = tmp_path / "static", tmp_path / "collected"
    (sources / "js").mkdir(parents=True)
    (static_root / "js").mkdir(parents=True)
    source = b"// Why.\nconst  a = 1;\n"
    (sources / "js" / "a.js").write_bytes(source)
    (static_root / "js" / "a.js").write_bytes(source)
    year_2000, year_2001 = 946_684_800, 978_307_200
    os.utime(sources / "js" / "a.js", (year_2000, year_2000))
    os.utime(static_root / "js" / "a.js", (year_2001, year_2001))

    with override_settings(STATICFILES_DIRS=[sources], STATIC_ROOT=static_root):
        call_command("collectstatic", interactive=False, verbosity=0)

    assert (static_root / "js" / "a.js").read_bytes() == b"const a=1;"
