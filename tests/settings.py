"""The test suite's settings: the app's own, in development mode, with fast password hashing."""

import os

os.environ.setdefault("DEBUG", "true")

from legplanner.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
