"""The test suite's settings: the app's own, in development mode, with fast password hashing."""

import os
import tempfile

os.environ.setdefault("DEBUG", "true")

from legplanner.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not the in-memory default: threads in the racing-tick test then get
    # their own connections that wait for the lock, as in a real deployment.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"legplanner-test-{os.getpid()}.sqlite3")
    }
else:
    # One test database per run, so two runs on one server (CI beside a developer's
    # suite) do not drop each other's database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"  # noqa: F405
    }
