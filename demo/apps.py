from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Seed data and sample files for development and tests: seed_demo (which refuses to
    run without DEBUG), the demo history, the sample import files. Installed always so
    that `manage.py seed_demo` exists; no app imports it (import-linter says so)."""

    name = "demo"
