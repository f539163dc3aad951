"""The layers of ARCHITECTURE.md hold: import-linter (run by `make lint`) refuses an app
importing from a layer above it. Checked on a copy of the apps, so that the wrong import
never touches the checkout."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ["legplanner", "demo", "coaching", "exchange", "tracking", "programs", "accounts"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def apps_copy(tmp_path) -> Path:
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=where, capture_output=True, text=True, timeout=120
    )


def test_the_apps_keep_their_layers(apps_copy):
    assert lint_imports(apps_copy).returncode == 0


@pytest.mark.parametrize(
    ("module", "wrong_import"),
    [
        ("programs/weeks.py", "import tracking.verdicts"),
        ("coaching/rules.py", "import exchange.names"),
        ("tracking/units.py", "import demo.samples"),
    ],
)
def test_an_import_from_above_fails_lint(apps_copy, module, wrong_import):
    with (apps_copy / module).open("a") as source:
        source.write(f"\n{wrong_import}  # noqa\n")

    checked = lint_imports(apps_copy)

    assert checked.returncode != 0
    assert "BROKEN" in checked.stdout
