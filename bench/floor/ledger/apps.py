"""The floor's one app."""

from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """Expenses, as plainly as Django + DRF allow."""

    name = "ledger"
