from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = gettext_lazy("Data export and import")
