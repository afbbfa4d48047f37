"""The permission-checked fetches of monitoring's own objects (the `haal` of lea.toegang).

Each fetches the object within the agenda of the request (404 otherwise, so an id of another
agenda reveals nothing) and returns the rights on it: those of the agenda as a whole.
"""

from lea.toegang import Mag, Toegang, haal_of_404
from monitoring.models import (
    Begrotingspost,
    Financiering,
    Indicator,
    Meting,
    Rapport,
    Realisatie,
    School,
    Schoolweging,
    VeCijfers,
    Verantwoording,
)


def haal_rapport(toegang: Toegang, pk: int) -> tuple[Rapport, Mag]:
    rapport = haal_of_404(
        Rapport.objects.filter(agenda=toegang.agenda).select_related("agenda", "gemaakt_door"),
        pk,
        "Dit rapport bestaat niet in deze agenda.",
    )
    return rapport, toegang.mag


def haal_verantwoording(toegang: Toegang, pk: int) -> tuple[Verantwoording, Mag]:
    verantwoording = haal_of_404(
        Verantwoording.objects.filter(agenda=toegang.agenda),
        pk,
        "Deze jaarverantwoording bestaat niet in deze agenda.",
    )
    return verantwoording, toegang.mag


def haal_indicator(toegang: Toegang, pk: int) -> tuple[Indicator, Mag]:
    indicator = haal_of_404(
        Indicator.objects.filter(agenda=toegang.agenda).select_related("agenda"),
        pk,
        "Deze indicator bestaat niet in deze agenda.",
    )
    return indicator, toegang.mag


def haal_meting(toegang: Toegang, pk: int) -> tuple[Meting, Mag]:
    meting = haal_of_404(
        Meting.objects.filter(indicator__agenda=toegang.agenda).select_related("indicator"),
        pk,
        "Deze meting bestaat niet in deze agenda.",
    )
    return meting, toegang.mag


def haal_school(toegang: Toegang, pk: int) -> tuple[School, Mag]:
    school = haal_of_404(
        School.objects.filter(agenda=toegang.agenda).select_related("agenda"),
        pk,
        "Deze school bestaat niet in deze agenda.",
    )
    return school, toegang.mag


def haal_weging(toegang: Toegang, pk: int) -> tuple[Schoolweging, Mag]:
    weging = haal_of_404(
        Schoolweging.objects.filter(school__agenda=toegang.agenda).select_related("school"),
        pk,
        "Deze schoolweging bestaat niet in deze agenda.",
    )
    return weging, toegang.mag


def haal_ve(toegang: Toegang, pk: int) -> tuple[VeCijfers, Mag]:
    ve = haal_of_404(
        VeCijfers.objects.filter(agenda=toegang.agenda),
        pk,
        "Deze VE-cijfers bestaan niet in deze agenda.",
    )
    return ve, toegang.mag


def haal_post(toegang: Toegang, pk: int) -> tuple[Begrotingspost, Mag]:
    post = haal_of_404(
        Begrotingspost.objects.filter(begroting__agenda=toegang.agenda).select_related("begroting"),
        pk,
        "Deze begrotingspost bestaat niet in deze agenda.",
    )
    return post, toegang.mag


def haal_realisatie(toegang: Toegang, pk: int) -> tuple[Realisatie, Mag]:
    realisatie = haal_of_404(
        Realisatie.objects.filter(
            begrotingsbedrag__post__begroting__agenda=toegang.agenda
        ).select_related("begrotingsbedrag__post__begroting"),
        pk,
        "Deze realisatie bestaat niet in deze agenda.",
    )
    return realisatie, toegang.mag


def haal_financiering(toegang: Toegang, pk: int) -> tuple[Financiering, Mag]:
    financiering = haal_of_404(
        Financiering.objects.filter(begroting__agenda=toegang.agenda).select_related("begroting"),
        pk,
        "Deze financieringsbron bestaat niet in deze agenda.",
    )
    return financiering, toegang.mag
