"""scripts/check-translations, run by `make lint`, on a copy of the project with its own
catalogues: a complete, compiled, up-to-date set passes; each gap fails it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["de", "fr", "es", "pt_BR"]
NOT_COPIED = shutil.ignore_patterns(
    ".venv", ".git", "staticfiles", "node_modules", "*.sqlite3", ".hypothesis",
    ".pytest_cache", ".ruff_cache", "__pycache__", "locale",
)  # fmt: skip


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable, "DEBUG": "true"},
    )


def check(project: Path) -> subprocess.CompletedProcess:
    return run("scripts/check-translations", cwd=project)


def po(project: Path, locale: str) -> Path:
    return project / "locale" / locale / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def translated(tmp_path_factory) -> Path:
    """The project with `make messages` run and every string "translated" (msgen)."""
    project = tmp_path_factory.mktemp("project") / "legplanner"
    shutil.copytree(ROOT, project, ignore=NOT_COPIED)
    (project / ".venv").symlink_to(Path(sys.executable).parent.parent)
    made = run("make", "-o", ".venv/.installed", "messages", cwd=project)
    assert made.returncode == 0, made.stderr
    for locale in LOCALES:
        catalogue = po(project, locale)
        run("msgen", str(catalogue), "-o", str(catalogue), cwd=project)
        mo = catalogue.with_suffix(".mo")
        run("msgfmt", "--check-format", "-o", str(mo), str(catalogue), cwd=project)
    return project


@pytest.fixture
def project(translated, tmp_path) -> Path:
    copy = tmp_path / "legplanner"
    shutil.copytree(translated, copy, symlinks=True)
    return copy


def test_complete_and_compiled_catalogues_pass(project):
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert "Translations complete" in result.stdout


def test_an_untranslated_string_fails(project):
    catalogue = po(project, "fr")
    text = catalogue.read_text()
    catalogue.write_text(text.replace('msgstr "Language"', 'msgstr ""', 1))
    result = check(project)
    assert result.returncode == 1
    assert "fr/LC_MESSAGES/django.po: 1 untranslated" in result.stderr


def test_a_fuzzy_string_fails(project):
    catalogue = po(project, "de")
    text = catalogue.read_text()
    catalogue.write_text(text.replace('\nmsgid "Language"', '\n#, fuzzy\nmsgid "Language"', 1))
    result = check(project)
    assert result.returncode == 1
    assert "de/LC_MESSAGES/django.po: 1 fuzzy" in result.stderr


def test_a_mo_not_rebuilt_fails(project):
    catalogue = po(project, "es")
    catalogue.write_text(catalogue.read_text().replace('msgstr "Language"', 'msgstr "Idioma"', 1))
    result = check(project)
    assert result.returncode == 1
    assert "es/LC_MESSAGES/django.mo is not what" in result.stderr


def test_a_string_marked_since_the_last_make_messages_fails(project):
    (project / "templates" / "new.html").write_text(
        '{% load i18n %}{% translate "A string marked since" %}'
    )
    result = check(project)
    assert result.returncode == 1
    assert 'msgid "A string marked since"' in result.stderr
    assert "pt_BR/LC_MESSAGES/django.po lacks strings" in result.stderr


def test_a_missing_language_fails(project):
    shutil.rmtree(project / "locale" / "pt_BR")
    result = check(project)
    assert result.returncode == 1
    assert "pt_BR/LC_MESSAGES/django.po is missing" in result.stderr
