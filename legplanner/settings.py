"""Legplanner settings, read from the environment (see .env.example)."""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from legplanner.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_networks,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# A proxy that terminates TLS stands in front: trust its X-Forwarded-Proto and -For.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
# Where that proxy connects from. X-Forwarded-For on a connection from anywhere else was
# written by the client, who could pick the address its failed logins are counted under.
# Loopback by default, as gunicorn's own forwarded_allow_ips.
PROXY_NETWORKS = env_networks("PROXY_ADDRESSES", default="127.0.0.1,::1")

if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-development-key-only-for-debug"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
else:
    SECRET_KEY = env_secret("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        # Not env_required: "," is set yet lists no host, and would answer every request 400.
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set: list the host names the app answers to, comma-separated."
        )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "adminsortable2",
    "accounts",
    "programs",
    "tracking",
    "exchange",
    "coaching",
    # Development only: seed_demo refuses to run without DEBUG; no app imports it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so that every response carries the policy, static files too.
    "legplanner.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The browser's Accept-Language (or the language cookie) picks the language...
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # ...unless the logged-in athlete chose one on the account page.
    "legplanner.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "legplanner.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "coaching.context_processors.coaching",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "legplanner.wsgi.application"

# No DATABASE_URL: an SQLite file beside manage.py, so trying the app needs nothing installed.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", default=600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests (runserver's threads) wait for the write lock instead of
    # failing with "database is locked" halfway through a transaction.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username or address is refused before its password is checked.
    "legplanner.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes), on the app's login and the admin's alike. Failures are
# counted per username and, separately, per client address; either reaching the limit
# locks it for the cool-off, which every further attempt starts over.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=10, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Not on success: logging in to one's own account would also clear the address's failures,
# so an attacker with an account could guess others' passwords forever. The account's
# failures go when its password is reset (legplanner/views.py) or after the cool-off.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Ours in both cases, for the address is normalised (IPv6 by its /64) either way; the
# forwarded one counts only behind the proxy.
AXES_CLIENT_IP_CALLABLE = (
    "legplanner.throttling.client_ip_behind_proxy"
    if BEHIND_TLS_PROXY
    else "legplanner.throttling.client_ip"
)
AXES_USERNAME_CALLABLE = "legplanner.throttling.client_username"

# Password reset mails. In development they are printed where runserver runs.
EMAIL_BACKEND = env_choice(
    "EMAIL_BACKEND",
    choices={
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "console": "django.core.mail.backends.console.EmailBackend",
    },
    default="console" if DEBUG else "smtp",
)
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
# Not stripped: a password may begin or end with a space.
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
# A mail server that stops answering must not hold a gunicorn worker for ever.
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# A coach's new note e-mailed to the athlete, an athlete's answer to the coach (to those
# with an address). Off by default: the notes work without it (coaching.note_emails).
NOTE_EMAILS = env_bool("NOTE_EMAILS", default=False)

LANGUAGE_CODE = "en"
# English is the source; each other language ships only with a complete catalogue
# (scripts/check-translations, in `make lint`). Names in their own language: a lifter
# looks for the one they read.
LANGUAGES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt-br", "Português (Brasil)"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Our scripts and stylesheets are copied minified by collectstatic (legplanner/minify.py);
# the admin's and the apps' files as they are.
STATICFILES_FINDERS = [
    "legplanner.minify.MinifyingFileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Lifters stay logged in on their phone: two weeks of idleness by default. A visit moves
# the expiry forward, writing the session at most once per SESSION_REFRESH_SECONDS, so
# ticking a set does not write the session too (legplanner/sessions.py).
SESSION_ENGINE = "legplanner.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=14 * 24 * 3600, minimum=1)
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", default=3600, minimum=0)
if SESSION_REFRESH_SECONDS >= SESSION_COOKIE_AGE:
    raise ImproperlyConfigured(
        "SESSION_REFRESH_SECONDS must be less than SESSION_COOKIE_AGE, or sessions would "
        "expire before a visit moves them forward."
    )
SESSION_SAVE_EVERY_REQUEST = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Uploads to /account/import/ bigger than this are refused before they are read. 5 MB is
# some 70,000 sets (fourteen years of four workouts a week): the largest file whose
# confirm bench/import_limit.py times well under gunicorn's 30 s on a shared 2-core
# machine with PostgreSQL (20 MB needed more than 30 s: a bare insert of its rows alone
# took longer).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024, minimum=1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# In development whitenoise serves straight from the source folders, no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
