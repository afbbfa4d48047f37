"""What the public view of an agenda shows, read in a fixed number of queries.

Every selector returns plain dicts with only the fields listed in TOEGESTANE_VELDEN, never a
model instance: a template cannot reach a field nobody chose to publish. Adding a field is a
deliberate change to that list (tests/monitoring/test_openbaar.py checks it) and to the
published schema (monitoring/openbaar/opendata.py).

Values are raw (dates, Decimals, numbers): the page formats them in Dutch
(monitoring/templatetags/openbaar.py), the open data writes them as JSON and CSV.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.safestring import SafeString

from ambities.models import Knoop
from lea.grafieken import lijngrafiek
from lea.models import Agenda
from lea.models.publicatie import BegrotingOpenbaar
from monitoring.models import Begroting, Indicator, Rapport, RapportStatus
from monitoring.selectors.begroting import begrotingsoverzicht, begrotingsposten
from overleg.models import Besluit, Soort, VergaderStatus
from werkgroepen.models import VOORTGANG_VOLGORDE, Actie, Voortgang

# Every key a dict built here may carry. The page shows these and nothing else.
TOEGESTANE_VELDEN = frozenset(
    {
        # the agenda and its publication
        "gemeente", "titel", "ondertitel", "slug", "inleiding", "periode",
        "niveau1_naam", "niveau1_meervoud", "niveau2_naam", "actie_naam", "actie_meervoud",
        "knopen", "indicatoren", "begroting", "besluiten", "rapporten",
        # a node of the goal tree
        "id", "code", "omschrijving", "kinderen", "acties", "aantallen", "niveau", "inbedcode",
        # counts per status
        "status", "aantal",
        # an action
        "percentage", "voortgang", "datum", "tekst",
        # an indicator
        "naam", "eenheid", "richting", "grafiek", "samenvatting", "metingen", "jaar", "waarde",
        # the budget
        "soort", "jaren", "regels", "totaal", "bedragen", "groep", "bedrag",
        # a decision
        "orgaan",
        # a report
        "url",
    }
)  # fmt: skip

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
STATUSVOLGORDE = ("lopend", "gepland", "afgerond", "uitgesteld", "gestopt")
# Meetings whose decisions may be public: held ones, never a concept or a cancelled meeting.
GEHOUDEN = (VergaderStatus.GEHOUDEN, VergaderStatus.VASTGESTELD)


def datum_nl(datum: datetime.date) -> str:
    """3 december 2026: the date in Dutch whatever the browser's language."""
    return f"{datum.day} {MAANDEN[datum.month - 1]} {datum.year}"


def getal_nl(waarde: Decimal | float) -> str:
    """12,5 and 1.250: a number as Dutch readers write it."""
    tekst = f"{Decimal(waarde).normalize():,f}"
    return tekst.replace(",", " ").replace(".", ",").replace(" ", ".")


def euro_nl(bedrag: Decimal) -> str:
    afgerond = int(Decimal(bedrag).quantize(Decimal(1)))
    teken = "-" if afgerond < 0 else ""
    return f"€ {teken}{abs(afgerond):,}".replace(",", ".")


def openbare_agenda(slug: str) -> Agenda | None:
    """The agenda at `slug` when it is published now; None for anything else, so an unknown,
    unpublished or withdrawn agenda look the same."""
    agenda = Agenda.objects.select_related("publicatie").filter(slug=slug).first()
    publicatie = getattr(agenda, "publicatie", None) if agenda else None
    return agenda if publicatie is not None and publicatie.openbaar else None


def openbaar_rapport(agenda: Agenda, pk: int) -> Rapport | None:
    """A report of this agenda that is public and made; None otherwise."""
    return _openbare_rapporten(agenda).filter(pk=pk).first()


def _getoond(agenda: Agenda) -> QuerySet[Knoop]:
    """The goals the public view shows: not archived, nor under an archived goal."""
    return Knoop.objects.filter(agenda=agenda, gearchiveerd=False).filter(
        Q(ouder__isnull=True) | Q(ouder__gearchiveerd=False)
    )


def _in_boom(knopen: list[Knoop]) -> list[tuple[Knoop, list[Knoop]]]:
    """Each level-1 goal with its level-2 goals, in the order read."""
    onder: dict[int, list[Knoop]] = {}
    for k in knopen:
        if k.ouder_id is not None:
            onder.setdefault(k.ouder_id, []).append(k)
    return [(k, onder.get(k.pk, [])) for k in knopen if k.niveau == 1]


def toonbare_knoop(agenda: Agenda, pk: int) -> bool:
    """Whether `pk` is a goal the public view shows."""
    return _getoond(agenda).filter(pk=pk).exists()


def toonbare_knopen(agenda: Agenda) -> list[dict[str, Any]]:
    """The goals the public view shows, in tree order: id, code, titel and level."""
    knopen = list(_getoond(agenda).only("code", "titel", "niveau", "ouder_id"))
    return [
        {"id": k.pk, "code": k.code, "titel": k.titel, "niveau": k.niveau}
        for ouder, kinderen in _in_boom(knopen)
        for k in (ouder, *kinderen)
    ]


def _openbare_rapporten(agenda: Agenda) -> Any:
    return Rapport.objects.filter(agenda=agenda, openbaar=True, status=RapportStatus.KLAAR).exclude(
        bestand=""
    )


def agenda_inhoud(agenda: Agenda) -> dict[str, Any]:
    """The whole public page of a published agenda."""
    publicatie = agenda.publicatie
    return {
        "gemeente": agenda.gemeente,
        "titel": agenda.titel,
        "ondertitel": agenda.ondertitel,
        "slug": agenda.slug,
        "inleiding": publicatie.inleiding,
        "periode": f"{agenda.periode_start.year}–{agenda.periode_eind.year}",
        "niveau1_naam": agenda.niveau1_naam,
        "niveau1_meervoud": agenda.niveau1_meervoud,
        "niveau2_naam": agenda.niveau2_naam,
        "actie_naam": agenda.actie_naam,
        "actie_meervoud": agenda.actie_meervoud,
        "knopen": doelenboom(agenda),
        "indicatoren": indicatoren(agenda),
        "begroting": begroting(agenda, publicatie.toon_begroting),
        "besluiten": besluiten(agenda),
        "rapporten": rapporten(agenda),
    }


def _aantallen(acties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tel: dict[str, int] = {}
    for actie in acties:
        tel[actie["status"]] = tel.get(actie["status"], 0) + 1
    return [{"status": s, "aantal": tel[s]} for s in sorted(tel, key=_statusplek)]


def _statusplek(status: str) -> int:
    sleutels = [s.lower() for s in STATUSVOLGORDE]
    return sleutels.index(status.lower()) if status.lower() in sleutels else len(sleutels)


def doelenboom(agenda: Agenda) -> list[dict[str, Any]]:
    """Level-1 nodes with their level-2 nodes, each with its actions (status, percentage and
    the latest public progress text) and the number of actions per status."""
    knopen = list(_getoond(agenda))
    laatste = Voortgang.objects.filter(actie=OuterRef("pk"), openbaar=True).order_by(
        *VOORTGANG_VOLGORDE
    )
    acties = (
        Actie.objects.filter(agenda=agenda, gearchiveerd=False, knoop__gearchiveerd=False)
        .annotate(
            openbaar_datum=Subquery(laatste.values("datum")[:1]),
            openbaar_eigen=Subquery(laatste.values("openbare_tekst")[:1]),
            openbaar_toelichting=Subquery(laatste.values("toelichting")[:1]),
        )
        .only("knoop_id", "code", "titel", "status", "percentage")
    )
    per_knoop: dict[int, list[dict[str, Any]]] = {}
    for actie in acties:
        voortgang = None
        if actie.openbaar_datum is not None:
            voortgang = {
                "datum": actie.openbaar_datum,
                "tekst": actie.openbaar_eigen or actie.openbaar_toelichting,
            }
        per_knoop.setdefault(actie.knoop_id, []).append(
            {
                "id": actie.pk,
                "code": actie.code,
                "titel": actie.titel,
                "status": actie.get_status_display(),
                "percentage": actie.percentage,
                "voortgang": voortgang,
            }
        )

    def knoop(k: Knoop, kinderen: list[dict[str, Any]]) -> dict[str, Any]:
        eigen = per_knoop.get(k.pk, [])
        alle = eigen + [a for kind in kinderen for a in kind["acties"]]
        return {
            "id": k.pk,
            "code": k.code,
            "titel": k.titel,
            "omschrijving": k.omschrijving,
            "kinderen": kinderen,
            "acties": eigen,
            "aantallen": _aantallen(alle),
        }

    return [knoop(k, [knoop(kind, []) for kind in kinderen]) for k, kinderen in _in_boom(knopen)]


def _trend(naam: str, eenheid: str, punten: list[tuple[int, Decimal]]) -> str:
    """One sentence saying where the indicator went, for readers who do not see the chart."""
    if not punten:
        return f"Voor {naam} zijn nog geen metingen."
    (j1, w1), (j2, w2) = punten[0], punten[-1]
    if len(punten) == 1:
        return f"{naam}: in {j1} was de waarde {getal_nl(w1)}{eenheid}. Er is nog één meting."
    if w2 > w1:
        richting = "gestegen"
    elif w2 < w1:
        richting = "gedaald"
    else:
        return f"{naam} is van {j1} tot {j2} gelijk gebleven op {getal_nl(w1)}{eenheid}."
    return (
        f"{naam} is van {j1} tot {j2} {richting}: van {getal_nl(w1)}{eenheid} "
        f"naar {getal_nl(w2)}{eenheid}."
    )


def indicatoren(agenda: Agenda) -> list[dict[str, Any]]:
    """Per indicator its municipality-wide measurements: a chart, a sentence on the trend and
    the numbers as a table (school figures stay out of the public view)."""
    uit = []
    for ind in Indicator.objects.filter(agenda=agenda, gearchiveerd=False).prefetch_related(
        "metingen"
    ):
        punten = [(m.jaar, m.waarde) for m in ind.metingen.all() if m.school_id is None]
        eenheid = ind.eenheid if ind.eenheid in ("", "%") else f" {ind.eenheid}"
        # Without measurements the sentence says so; a chart would only repeat it.
        grafiek: SafeString | None = (
            lijngrafiek(ind.naam, [(str(j), float(w)) for j, w in punten], eenheid=eenheid)
            if punten
            else None
        )
        uit.append(
            {
                "id": ind.pk,
                "naam": ind.naam,
                "eenheid": ind.eenheid,
                "richting": ind.get_richting_display(),
                "grafiek": grafiek,
                "samenvatting": _trend(ind.naam, eenheid, punten),
                "metingen": [{"jaar": j, "waarde": w} for j, w in punten],
            }
        )
    return uit


def begroting(agenda: Agenda, tonen: str) -> dict[str, Any] | None:
    """The planned amounts per year, as much as the beheerder chose to show: nothing, the
    totals per level-1 node, or every line."""
    if tonen == BegrotingOpenbaar.GEEN:
        return None
    bron = Begroting.objects.filter(agenda=agenda).first()
    if bron is None:
        return None
    overzicht = begrotingsoverzicht(bron, posten=begrotingsposten(bron), financiering=[])
    jaren = overzicht.jaren

    def bedragen(per_jaar: dict[int, Decimal]) -> list[dict[str, Any]]:
        return [{"jaar": j, "bedrag": per_jaar.get(j) or Decimal(0)} for j in jaren]

    regels: list[dict[str, Any]] = []
    for groep in overzicht.groepen:
        if tonen == BegrotingOpenbaar.REGEL:
            for sub, lijst in groep.subgroepen.items():
                for regel in lijst:
                    regels.append(
                        {
                            "groep": groep.naam,
                            "naam": f"{sub}: {regel.naam}" if sub else regel.naam,
                            "soort": "deel" if regel.onderdeel else "regel",
                            "bedragen": bedragen(regel.bedragen),
                        }
                    )
        regels.append(
            {
                "groep": groep.naam,
                "naam": f"Totaal {groep.naam}",
                "soort": "subtotaal",
                "bedragen": bedragen(groep.subtotaal),
            }
        )
    return {
        "soort": tonen,
        "jaren": jaren,
        "regels": regels,
        "totaal": bedragen(overzicht.totaal),
    }


def besluiten(agenda: Agenda) -> list[dict[str, Any]]:
    """Decisions marked public, taken in a held meeting of the stuurgroep; newest first."""
    rijen = (
        Besluit.objects.filter(
            openbaar=True,
            agendapunt__vergadering__orgaan__agenda=agenda,
            agendapunt__vergadering__orgaan__soort=Soort.STUURGROEP,
            agendapunt__vergadering__status__in=GEHOUDEN,
        )
        .select_related("agendapunt__vergadering__orgaan")
        .order_by("-agendapunt__vergadering__begin", "agendapunt__volgorde", "pk")
    )
    return [
        {
            "id": b.pk,
            "datum": timezone.localtime(b.agendapunt.vergadering.begin).date(),
            "orgaan": b.agendapunt.vergadering.orgaan.naam,
            "tekst": b.tekst,
        }
        for b in rijen
    ]


def rapporten(agenda: Agenda) -> list[dict[str, Any]]:
    """Reports made and marked public, newest year first, with their public download link."""
    return [
        {
            "id": r.pk,
            "titel": r.get_soort_display() + (f" (versie {r.versie})" if r.versie > 1 else ""),
            "jaar": r.jaar,
            "url": f"/openbaar/{agenda.slug}/rapporten/{r.pk}.pdf",
        }
        for r in _openbare_rapporten(agenda).order_by("-jaar", "soort", "-versie")
    ]
