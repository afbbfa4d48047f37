"""The permission matrix, generated from the URL configuration.

Every agenda-scoped URL is requested by every role, by a user of another agenda (404) and by
an anonymous visitor (login). A view must declare the right it needs (lea.toegang.agenda_view);
a new view without it, or one that does not enforce it, makes this test fail.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lea.models import Lidmaatschap, Rol, Werkboekimport
from lea.toegang import Recht
from tests.factories import GebruikerFactory
from tests.monitoring.matrix import PREFIXEN as MONITORING_PREFIXEN
from tests.monitoring.matrix import objecten as monitoring_objecten
from tests.overleg.matrix import PREFIXEN as OVERLEG_PREFIXEN
from tests.overleg.matrix import objecten as overleg_objecten

pytestmark = pytest.mark.django_db

AGENDA_PREFIX = "agenda/<slug:slug>/"

# Which roles may use a view needing this right (the chair only for their own werkgroep).
TOEGESTAAN = {
    Recht.LEZEN: {"beheerder", "voorzitter", "lid", "lezer"},
    Recht.OPMERKEN: {"beheerder", "voorzitter", "lid"},
    Recht.VOORTGANG: {"beheerder", "voorzitter"},
    Recht.BEHEER: {"beheerder"},
    Recht.VOORSTELLEN: {"beheerder", "voorzitter", "lid", "lezer"},
    Recht.SECRETARIAAT: {"beheerder"},  # and the body's secretary, tested in test_overleg
}


def _agenda_urls(patronen=None, prefix=""):
    for patroon in patronen if patronen is not None else get_resolver().url_patterns:
        route = prefix + str(patroon.pattern)
        if isinstance(patroon, URLResolver):
            yield from _agenda_urls(patroon.url_patterns, route)
        elif isinstance(patroon, URLPattern) and route.startswith(AGENDA_PREFIX):
            yield patroon.name, route, patroon.callback


AGENDA_URLS = sorted(_agenda_urls())


def test_the_matrix_covers_the_agenda_pages():
    namen = {naam for naam, _route, _view in AGENDA_URLS}
    assert {
        "agenda_dashboard",
        "actie_lijst",
        "actie_voortgang",
        "werkgroep_detail",
        "vergadering_detail",
        "agendapunt_voorstellen",
        "register",
    } <= namen


@pytest.fixture
def vergadering(bunnik, anne):
    """A Bunnik stuurgroep meeting with an item, an action point and a paper."""
    from django.core.files.base import ContentFile

    from overleg.models import Stuk, Vergadering
    from overleg.services import actiepunt_vastleg, agendapunt_voeg_toe

    vergadering = Vergadering.objects.filter(orgaan__agenda=bunnik).order_by("begin").first()
    punt = agendapunt_voeg_toe(
        vergadering=vergadering,
        door=anne,
        velden={"titel": "Punt voor de matrix", "soort": "bespreking"},
    )
    actiepunt_vastleg(punt=punt, omschrijving="Notitie opstellen", eigenaar_tekst="secretaris")
    Stuk.objects.create(
        vergadering=vergadering,
        titel="Notitie",
        bestand=ContentFile(b"%PDF-1.4 notitie", name="notitie.pdf"),
    )
    return vergadering


def _rapport(bunnik) -> dict:
    """A finished (and a failed) report and a jaarverantwoording of Bunnik."""
    from django.core.files.base import ContentFile

    from monitoring.models import Rapport, Verantwoording

    rapport = Rapport(agenda=bunnik, soort="jaarverslag", jaar=2026, status="mislukt")
    rapport.bestand.save("jaarverslag.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {
        "rapport": rapport,
        "verantwoording": Verantwoording.objects.create(agenda=bunnik, jaar=2026),
    }


def _parameters(route: str, objecten: dict) -> dict:
    """The URL parameters of a route, filled with objects of the Bunnik agenda."""
    soort_pk = next(
        (
            soort
            for prefix, soort in (
                ("acties/<int:pk>", "actie"),
                ("knopen/<int:pk>", "knoop"),
                ("werkgroepen/<int:pk>", "werkgroep"),
                ("organen/<int:pk>", "orgaan"),
                ("vergaderingen/<int:pk>", "vergadering"),
                ("rapporten/<int:pk>", "rapport"),
                ("verantwoording/<int:pk>", "verantwoording"),
                ("organisaties/<int:pk>", "organisatie"),
                ("personen/<int:pk>", "persoon"),
                ("rollen/<int:pk>", "lidmaatschap"),
                ("excel/<int:pk>", "werkboekimport"),
                *MONITORING_PREFIXEN,
                *OVERLEG_PREFIXEN,
            )
            if prefix in route
        ),
        None,
    )
    waarden = {
        "slug": objecten["agenda"].slug,
        "pk": objecten.get(soort_pk) and objecten[soort_pk].pk,
        "actie_pk": objecten["actie"].pk,
        "punt_pk": objecten["punt"].pk,
        "ap_pk": objecten["actiepunt"].pk,
        "stuk_pk": objecten["stuk"].pk,
        "soort": "agenda",
        "imp": objecten["werkgroepimport"].pk,
    }
    import re

    return {naam: waarden[naam] for naam in re.findall(r"<(?:\w+:)?(\w+)>", route)}


@pytest.mark.parametrize(
    ("naam", "route", "view"), AGENDA_URLS, ids=[n for n, _r, _v in AGENDA_URLS]
)
def test_permission_matrix(
    naam,
    route,
    view,
    client,
    bunnik,
    anne,
    victor,
    lotte,
    sara,
    henk,
    actie_van_victor,
    werkgroep,
    vergadering,
):
    recht = getattr(view, "recht", None)
    assert recht is not None, f"view {naam} declares no right (use lea.toegang.agenda_view)"
    methoden = view.methoden

    punt = vergadering.punten.get(titel="Punt voor de matrix")
    objecten = {
        "agenda": bunnik,
        "actie": actie_van_victor,
        "knoop": bunnik.knopen.first(),
        "werkgroep": werkgroep,
        "orgaan": vergadering.orgaan,
        "vergadering": vergadering,
        "punt": punt,
        "actiepunt": punt.actiepunten.first(),
        "stuk": vergadering.stukken.first(),
        **_rapport(bunnik),
        **monitoring_objecten(bunnik),
        **overleg_objecten(bunnik),
        "organisatie": bunnik.organisaties.first(),
        # An uploaded workbook of the beheerder, and one of the chair for their werkgroep.
        "werkboekimport": Werkboekimport.objects.create(
            agenda=bunnik, door=anne, bestandsnaam="agenda.xlsx", inhoud=b"x"
        ),
        "werkgroepimport": Werkboekimport.objects.create(
            agenda=bunnik,
            door=victor,
            bestandsnaam="voortgang.xlsx",
            inhoud=b"x",
            werkgroep_id=werkgroep.pk,
        ),
        "persoon": bunnik.personen.filter(gebruiker=None).first(),
        # A fresh login: an empty POST to rol_intrekken really withdraws the role.
        "lidmaatschap": Lidmaatschap.objects.create(
            agenda=bunnik, gebruiker=GebruikerFactory(), rol=Rol.LEZER
        ),
    }
    try:
        url = reverse(naam, kwargs=_parameters(route, objecten))
    except Exception as exc:
        pytest.fail(f"extend the matrix with the parameters of {naam}: {exc}")

    def verzoeken(gebruiker):
        client.logout()
        if gebruiker is not None:
            client.force_login(gebruiker)
        # htmx header so that partial views answer in place instead of redirecting.
        return {
            "GET": client.get(url, headers={"HX-Request": "true"}),
            "POST": client.post(url, {}, headers={"HX-Request": "true"}),
        }

    # The anonymous visitor is sent to the login page.
    for methode, antwoord in verzoeken(None).items():
        assert antwoord.status_code == 302, (methode, antwoord.status_code)
        assert antwoord["Location"].startswith(reverse("login"))

    # A method the view does not take is refused as such (405), whoever asks.
    # A user of another agenda never learns that this agenda exists.
    for methode, antwoord in verzoeken(henk).items():
        if methode not in methoden:
            assert antwoord.status_code == 405, (methode, antwoord.status_code)
            continue
        assert antwoord.status_code == 404, (methode, antwoord.status_code)

    for rol, gebruiker in [
        ("beheerder", anne),
        ("voorzitter", victor),
        ("lid", lotte),
        ("lezer", sara),
    ]:
        for methode, antwoord in verzoeken(gebruiker).items():
            if methode not in methoden:
                assert antwoord.status_code == 405, (rol, methode, antwoord.status_code)
            elif rol in TOEGESTAAN[recht]:
                assert antwoord.status_code not in (403, 404, 405), (rol, methode)
            else:
                assert antwoord.status_code == 403, (rol, methode, antwoord.status_code)


def test_chair_is_refused_another_werkgroeps_action(client, victor, andere_actie, bunnik):
    voor = andere_actie.voortgang.count(), andere_actie.status
    client.force_login(victor)
    for naam in ("actie_voortgang", "actie_bewerken"):
        url = reverse(naam, args=[bunnik.slug, andere_actie.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"status": "afgerond"}).status_code == 403
    andere_actie.refresh_from_db()
    assert (andere_actie.voortgang.count(), andere_actie.status) == voor


def test_outsider_cannot_reach_an_action_through_another_agenda(client, henk, bunnik, hilversum):
    """An action id of Bunnik under Hilversum's slug does not exist either."""
    client.force_login(henk)
    actie = bunnik.acties.first()
    assert client.get(reverse("actie_detail", args=[hilversum.slug, actie.pk])).status_code == 404


def test_home_lists_only_the_agendas_with_a_role(client, sara):
    client.force_login(sara)
    response = client.get(reverse("home"))
    assert "Gemeente Bunnik" in response.text
    assert "Gemeente Hilversum" not in response.text
