"""How the exchange views reach rows: a pending import only by its athlete and token."""

from django.shortcuts import get_object_or_404

from exchange.models import PendingImport


def get_pending_import(*, athlete, token: str) -> PendingImport:
    return get_object_or_404(PendingImport, athlete=athlete, token=token)
