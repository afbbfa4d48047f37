"""The demo data against the five agenda documents: counts and figures as printed."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Sum

from ambities.models import BeoogdResultaat, BestuurlijkeKeuze, Knoop
from lea.models import Agenda
from monitoring.models import Begrotingsbedrag, Financieringsbedrag
from werkgroepen.models import Actie

pytestmark = pytest.mark.django_db

# slug: (level-1 nodes, level-2 nodes, actions, werkgroepen) as the documents give them
TELLINGEN = {
    "bunnik-2025": (3, 0, 25, 3),
    "ijsselstein-2025": (5, 5, 38, 1),
    "westland-2022": (6, 48, 0, 6),
    "houten-2024": (5, 0, 2, 0),
    "hilversum-2024": (2, 8, 42, 5),
}
NIVEAUS = {
    "bunnik-2025": ("Ambitie", "", "Opdracht"),
    "ijsselstein-2025": ("Uitgangspunt", "Doel", "Actie"),
    "westland-2022": ("Programmalijn", "Pijler", "Jaardoelstelling"),
    "houten-2024": ("Thema", "", "Actie"),
    "hilversum-2024": ("Ambitie", "Speerpunt", "Concrete actie"),
}


@pytest.mark.parametrize("slug", TELLINGEN)
def test_every_node_and_action_of_the_document(slug):
    agenda = Agenda.objects.get(slug=slug)
    niveau1, niveau2, acties, werkgroepen = TELLINGEN[slug]
    assert agenda.knopen.filter(niveau=1).count() == niveau1
    assert agenda.knopen.filter(niveau=2).count() == niveau2
    assert agenda.acties.count() == acties
    assert agenda.werkgroepen.count() == werkgroepen
    assert (agenda.niveau1_naam, agenda.niveau2_naam, agenda.actie_naam) == NIVEAUS[slug]


def _per_knoop(agenda, model) -> list[int]:
    knopen = agenda.knopen.filter(niveau=1).order_by("volgorde")
    return [model.objects.filter(knoop=k).count() for k in knopen]


def test_bunnik_ambities_choices_results_and_assignments():
    bunnik = Agenda.objects.get(slug="bunnik-2025")
    assert _per_knoop(bunnik, Actie) == [12, 8, 5]
    assert _per_knoop(bunnik, BestuurlijkeKeuze) == [6, 7, 3]
    assert _per_knoop(bunnik, BeoogdResultaat) == [5, 4, 3]
    assert [u.titel for u in bunnik.uitgangspunten.all()] == [
        "Reden voor samenwerking",
        "Gelijkwaardigheid",
        "Focus",
    ]
    # Every assignment is carried by the werkgroep of its ambitie.
    for actie in bunnik.acties.select_related("werkgroep", "knoop"):
        assert actie.knoop in actie.werkgroep.knopen.all()
    # Deadlines as printed, stored so that they sort and can be checked for being overdue.
    schooljaar = bunnik.acties.get(timing_tekst="schooljaar 2025/2026", code="4")
    assert (schooljaar.timing_start, schooljaar.timing_eind) == (
        datetime.date(2025, 8, 1),
        datetime.date(2026, 7, 31),
    )
    helft = bunnik.acties.get(timing_tekst="eerste helft 2025")
    assert helft.timing_eind == datetime.date(2025, 6, 30)
    organen = {o.soort: o.vergaderingen_per_jaar for o in bunnik.overlegorganen.all()}
    assert organen["stuurgroep"] == 3
    assert organen["directeurenoverleg"] == 4


def test_ijsselstein_codes_are_labels_not_keys():
    ijsselstein = Agenda.objects.get(slug="ijsselstein-2025")
    codes = Counter(ijsselstein.acties.values_list("code", flat=True))
    assert codes["2c"] == 2
    assert codes["3b"] == 3
    assert all(aantal == 1 for code, aantal in codes.items() if code not in ("2c", "3b"))
    doelen = ijsselstein.knopen.filter(niveau=2).order_by("volgorde")
    assert [d.acties.count() for d in doelen] == [17, 7, 3, 7, 4]
    peuter = ijsselstein.acties.filter(leeftijd_tekst="0-6 jaar").first()
    assert (peuter.leeftijd_min, peuter.leeftijd_max) == (0, 6)
    regiegroep = ijsselstein.overlegorganen.get(soort="regiegroep")
    assert regiegroep.vergaderingen_per_jaar == 4


def test_westland_programmalijnen_and_their_pijlers():
    westland = Agenda.objects.get(slug="westland-2022")
    lijnen = westland.knopen.filter(niveau=1).order_by("volgorde")
    assert [lijn.kinderen.count() for lijn in lijnen] == [12, 8, 10, 7, 4, 7]
    assert westland.overlegorganen.get(soort="stuurgroep").vergaderingen_per_jaar == 4


def test_hilversum_speerpunten_and_42_actions():
    hilversum = Agenda.objects.get(slug="hilversum-2024")
    speerpunten = Knoop.objects.filter(agenda=hilversum, niveau=2).order_by("volgorde")
    assert [(s.ouder.code, s.code) for s in speerpunten] == [
        ("1", "A"),
        ("1", "B"),
        ("1", "C"),
        ("1", "D"),
        ("1", "E"),
        ("2", "A"),
        ("2", "B"),
        ("2", "C"),
    ]
    assert [s.acties.count() for s in speerpunten] == [5, 8, 6, 1, 8, 2, 2, 10]
    assert hilversum.acties.exclude(bereik_doel="").exists()


# Hilversum chapter 8, to the euro.
JAREN = [2024, 2025, 2026, 2027]
SUBTOTAAL = {
    "1": [3_192_500, 3_182_500, 3_162_500, 3_162_500],
    "2": [235_000] * 4,
    None: [140_000] * 4,  # Overig
}
TOTAAL = [3_567_500, 3_557_500, 3_537_500, 3_537_500]
FINANCIERING = [4_783_815, 4_355_130, 3_916_445, 3_497_760]  # with the carry-over
SALDO = [1_216_315, 797_630, 378_945, -39_740]


def _uitgaven(begroting, jaar, **filters) -> Decimal:
    # A line that is the sum of the lines under it is not counted again.
    return Begrotingsbedrag.objects.filter(
        post__begroting=begroting, jaar=jaar, post__onderdelen__isnull=True, **filters
    ).aggregate(som=Sum("bedrag"))["som"] or Decimal(0)


def test_hilversum_budget_reproduces_chapter_8():
    begroting = Agenda.objects.get(slug="hilversum-2024").begroting
    assert begroting.jaren == JAREN
    for i, jaar in enumerate(JAREN):
        assert _uitgaven(begroting, jaar, post__knoop__ouder__code="1") == SUBTOTAAL["1"][i]
        assert _uitgaven(begroting, jaar, post__knoop__ouder__code="2") == SUBTOTAAL["2"][i]
        assert _uitgaven(begroting, jaar, post__knoop__isnull=True) == SUBTOTAAL[None][i]
        assert _uitgaven(begroting, jaar) == TOTAAL[i]
    restant = begroting.beginsaldo
    assert restant == 1_300_000
    for i, jaar in enumerate(JAREN):
        middelen = Financieringsbedrag.objects.filter(
            financiering__begroting=begroting, jaar=jaar
        ).aggregate(som=Sum("bedrag"))["som"]
        assert middelen + restant == FINANCIERING[i]
        restant = middelen + restant - _uitgaven(begroting, jaar)
        assert restant == SALDO[i]
    npo = begroting.financiering.get(bron="npo")
    assert {b.jaar: b.bedrag for b in npo.bedragen.all()} == {2024: 365_000, 2025: 20_000}
    opstapje = begroting.posten.get(naam="Opstapje")
    assert opstapje.wijziging == "Gelijk"
    assert opstapje.actie.titel.startswith("Opstapje")
    assert begroting.posten.filter(wijziging__startswith="Dekking vanuit").count() >= 5
