from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = gettext_lazy("Tracking")
