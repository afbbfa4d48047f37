"""A report on a period reads the state of every action as of the period's end, from the
progress history: progress recorded later never changes a past year's report."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda
from monitoring import pdf as rapport_pdf
from monitoring.selectors import acties_aandacht, hoofdstukken
from werkgroepen.models import Actie, Voortgang
from werkgroepen.selectors import acties_met_stand, stand_per_knoop, standen_op
from werkgroepen.services import voortgang_registreer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik, hilversum):
    """The agendas as transcribed: these tests follow actions through updates they record."""
    demo_voortgang_verwijder(bunnik)
    demo_voortgang_verwijder(hilversum)


VANDAAG = timezone.localdate()


def _tekst(pdf: bytes) -> str:
    """The PDF's text, without the moment it was made (which differs per run by design)."""
    lezer = PdfReader(io.BytesIO(pdf))
    tekst = " ".join(" ".join(p.extract_text() for p in lezer.pages).split())
    return re.sub(r"Gemaakt op \d+ \w+ \d{4} \d\d:\d\d", "Gemaakt op …", tekst)


def _update(actie: Actie, datum: datetime.date, status: str, pct: int, **anders: str) -> Voortgang:
    return voortgang_registreer(
        actie=actie,
        door=None,
        datum=datum,
        status=status,
        rag_tijd=anders.get("rag_tijd", "groen"),
        rag_geld=anders.get("rag_geld", "groen"),
        percentage=pct,
        toelichting=anders.get("toelichting", f"Stand op {datum:%d-%m-%Y}."),
    )


def _jaarverslag(agenda: Agenda, jaar: int) -> str:
    return _tekst(rapport_pdf.jaarverslag_pdf(agenda, jaar))


def _raadsbrief(agenda: Agenda, jaar: int) -> str:
    return _tekst(rapport_pdf.raadsinformatiebrief_pdf(agenda, jaar))


def test_a_past_years_report_does_not_change_when_later_progress_is_recorded(hilversum):
    acties = list(hilversum.acties.actief().order_by("volgorde"))
    # Hilversum brings "lopend" actions without any update from its printed agenda.
    zonder_update = next(a for a in acties if a.status == "lopend")
    met_update = [a for a in acties if a.status == "gepland"][:4]
    _update(met_update[0], datetime.date(2025, 3, 1), "lopend", 30, toelichting="Gestart 2025.")
    _update(met_update[1], datetime.date(2025, 5, 1), "lopend", 60, rag_tijd="oranje")
    _update(met_update[2], datetime.date(2025, 11, 1), "uitgesteld", 10)
    jaarverslag, raadsbrief = _jaarverslag(hilversum, 2025), _raadsbrief(hilversum, 2025)
    hoofdstukken_2025 = [(h.knoop.pk, h.stand) for h in hoofdstukken(hilversum, 2025)]
    aandacht_2025 = [r.actie.pk for r in acties_aandacht(hilversum, 2025)]
    assert "Gestart 2025." in jaarverslag

    # Progress dated in 2026 on five actions: status changes, red RAG, other percentages.
    juni = min(datetime.date(2026, 6, 15), VANDAAG)
    nieuw = {
        met_update[0].pk: ("afgerond", 100, "groen"),
        met_update[1].pk: ("gestopt", 60, "rood"),
        met_update[2].pk: ("lopend", 45, "rood"),
        met_update[3].pk: ("uitgesteld", 5, "oranje"),
        zonder_update.pk: ("afgerond", 100, "groen"),
    }
    for actie in [*met_update, zonder_update]:
        status, pct, rag = nieuw[actie.pk]
        _update(actie, juni, status, pct, rag_geld=rag, toelichting=f"Juni 2026: {status}.")

    assert _jaarverslag(hilversum, 2025) == jaarverslag
    assert _raadsbrief(hilversum, 2025) == raadsbrief
    assert [(h.knoop.pk, h.stand) for h in hoofdstukken(hilversum, 2025)] == hoofdstukken_2025
    assert [r.actie.pk for r in acties_aandacht(hilversum, 2025)] == aandacht_2025

    # The 2026 report does show the new state.
    tekst_2026 = _jaarverslag(hilversum, 2026)
    assert "Juni 2026: gestopt." in tekst_2026
    assert "Juni 2026" not in jaarverslag
    regels = {
        r.actie.pk: r.stand
        for h in hoofdstukken(hilversum, 2026)
        for k in [h, *h.kinderen]
        for r in k.acties
    }
    for pk, (status, pct, rag) in nieuw.items():
        assert (regels[pk].status, regels[pk].percentage, regels[pk].rag_geld) == (
            status,
            pct,
            rag,
        )
    rood_2026 = {r.actie.pk for r in acties_aandacht(hilversum, 2026)}
    assert {met_update[1].pk, met_update[2].pk} <= rood_2026


def test_state_on_a_date_follows_the_history(bunnik, anne):
    actie = bunnik.acties.order_by("volgorde").first()
    Actie.objects.filter(pk=actie.pk).update(timing_eind=datetime.date(2025, 5, 31))
    maart = _update(actie, datetime.date(2025, 3, 1), "lopend", 20)
    september = _update(actie, datetime.date(2025, 9, 1), "uitgesteld", 30, rag_tijd="rood")
    # Recorded later, dated earlier: it rules June to August, not what follows.
    juni = _update(actie, datetime.date(2025, 6, 1), "afgerond", 100)
    # The same date as September's, entered later: it wins that date (the one ordering rule).
    september_later = _update(actie, datetime.date(2025, 9, 1), "uitgesteld", 35, rag_tijd="rood")
    qs = Actie.objects.filter(pk=actie.pk)

    def stand(dag: datetime.date):
        return standen_op(qs, op=dag)[actie.pk]

    voor = stand(datetime.date(2025, 2, 1))
    assert (voor.status, voor.percentage, voor.rag_tijd, voor.rag_geld, voor.laatste) == (
        "gepland",
        0,
        "",
        "",
        None,
    )
    assert voor.te_laat is False
    assert stand(datetime.date(2025, 3, 1)).laatste == maart
    assert (
        stand(datetime.date(2025, 4, 30)).status,
        stand(datetime.date(2025, 4, 30)).percentage,
    ) == (
        "lopend",
        20,
    )
    zomer = stand(datetime.date(2025, 7, 1))
    assert (zomer.laatste, zomer.status, zomer.te_laat, zomer.aandacht) == (
        juni,
        "afgerond",
        False,
        False,
    )
    herfst = stand(datetime.date(2025, 10, 1))
    assert herfst.laatste == september_later != september
    assert (herfst.status, herfst.percentage, herfst.rood, herfst.te_laat) == (
        "uitgesteld",
        35,
        True,
        True,
    )
    # Today: the same as the action's own (cached) fields and `Voortgang.objects.laatste()`.
    actie.refresh_from_db()
    vandaag = standen_op(qs)[actie.pk]
    assert vandaag.laatste == actie.voortgang.laatste()
    assert (vandaag.status, vandaag.percentage, vandaag.rag_tijd, vandaag.rag_geld) == (
        actie.status,
        actie.percentage,
        actie.rag_tijd,
        actie.rag_geld,
    )


def test_before_its_first_update_an_imported_action_keeps_its_printed_status(hilversum):
    actie = hilversum.acties.filter(status="lopend").order_by("volgorde").first()
    qs = Actie.objects.filter(pk=actie.pk)
    assert standen_op(qs, op=datetime.date(2025, 12, 31))[actie.pk].status == "lopend"
    _update(actie, min(datetime.date(2026, 2, 1), VANDAAG), "afgerond", 100)
    eind_2025 = standen_op(qs, op=datetime.date(2025, 12, 31))[actie.pk]
    assert (eind_2025.status, eind_2025.laatste) == ("lopend", None)
    assert standen_op(qs)[actie.pk].status == "afgerond"


def test_as_of_reads_take_a_fixed_number_of_queries(hilversum, django_assert_max_num_queries):
    acties = list(hilversum.acties.actief().order_by("volgorde")[:6])
    for n, actie in enumerate(acties):
        _update(actie, datetime.date(2025, 1 + n, 1), "lopend", 10 * n)
        _update(actie, min(datetime.date(2026, 3, 1), VANDAAG), "lopend", 10 * n + 5)
    with django_assert_max_num_queries(3):
        paren = acties_met_stand(Actie.objects.filter(agenda=hilversum), datetime.date(2024, 6, 1))
    assert len(paren) == hilversum.acties.count()
    with django_assert_max_num_queries(4):
        stand_per_knoop(hilversum, op=datetime.date(2025, 12, 31))


@pytest.mark.parametrize("slug", ["bunnik-2025", "hilversum-2024"])
def test_today_the_history_and_the_cached_fields_agree(slug, anne):
    agenda = Agenda.objects.get(slug=slug)
    acties = list(agenda.acties.actief().order_by("volgorde")[:5])
    for n, (status, pct) in enumerate(
        [("lopend", 40), ("afgerond", 100), ("gestopt", 0), ("uitgesteld", 20), ("lopend", 70)]
    ):
        _update(acties[n], VANDAAG - datetime.timedelta(days=n), status, pct, rag_tijd="rood")
    standen = standen_op(Actie.objects.filter(agenda=agenda))
    for actie in Actie.objects.filter(agenda=agenda):
        s = standen[actie.pk]
        assert (s.status, s.percentage, s.rag_tijd, s.rag_geld) == (
            actie.status,
            actie.percentage,
            actie.rag_tijd,
            actie.rag_geld,
        )
    aandacht = {pk for pk, s in standen.items() if s.aandacht}
    actief = set(Actie.objects.filter(agenda=agenda).actief().values_list("pk", flat=True))
    assert aandacht & actief == set(
        Actie.objects.filter(agenda=agenda).aandacht().values_list("pk", flat=True)
    )
