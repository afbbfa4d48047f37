"""Checks of the installation's own settings, run by `manage.py check` (deploy: `--deploy`)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def basis_url_ingesteld(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Links in mails and .ics feeds must point at this installation, not at a default."""
    if settings.LEA_BASIS_URL_GEZET:
        return []
    return [
        Error(
            "LEA_BASIS_URL is niet ingesteld: links in e-mails en agenda-abonnementen zouden "
            "naar http://127.0.0.1:8000 wijzen.",
            hint="Zet LEA_BASIS_URL op het adres van deze installatie, bv. https://lea.gemeente.nl.",
            id="lea.E001",
        )
    ]


@register(Tags.security, deploy=True)
def tweede_factor_verplicht(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """The demo switch that lets editors in with a password alone belongs to development."""
    if settings.LEA_TWEEDE_FACTOR_VERPLICHT or settings.DEBUG:
        return []
    return [
        Warning(
            "LEA_TWEEDE_FACTOR_VERPLICHT staat uit terwijl DEBUG uit staat: superusers, "
            "functioneel beheerders en beheerders loggen dan in zonder tweede factor.",
            hint="Verwijder LEA_TWEEDE_FACTOR_VERPLICHT=0 uit de omgeving (alleen voor de demo).",
            id="lea.W001",
        )
    ]
