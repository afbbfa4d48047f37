"""The public view is served from a cache that every change empties at once: a new public
update, a renamed goal, a decision made public, a withdrawal. It is rate-limited per address,
and its page per goal may be framed by another website."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from lea.models import Agenda, Lidmaatschap, Rol
from lea.models.publicatie import Publicatie
from lea.services.publicatie import publicatie_publiceer, publicatie_trek_in
from monitoring.models import Indicator, Meting, Rapport
from monitoring.versie import GEVOLGD
from overleg.models import Agendapunt, Besluit, Overlegorgaan, Soort, Vergadering, VergaderStatus
from tests.factories import VoortgangFactory
from werkgroepen.models import Actie

pytestmark = pytest.mark.django_db

NU = timezone.now()


@pytest.fixture
def beheerder(hilversum):
    """The beleid account of Hilversum: its beheerder."""
    gebruiker = get_user_model().objects.get(username="beleid-hilversum")
    assert Lidmaatschap.objects.filter(gebruiker=gebruiker, agenda=hilversum, rol=Rol.BEHEERDER)
    return gebruiker


@pytest.fixture
def openbaar(hilversum, beheerder, django_capture_on_commit_callbacks) -> Agenda:
    with django_capture_on_commit_callbacks(execute=True):
        publicatie_publiceer(agenda=hilversum, door=beheerder, niveau="regel")
    return hilversum


def _versie(agenda) -> int:
    return Publicatie.objects.get(agenda=agenda).versie


def _besluit(agenda, tekst: str) -> Besluit:
    orgaan = Overlegorgaan.objects.create(agenda=agenda, naam="Stuurgroep", soort=Soort.STUURGROEP)
    begin = NU - datetime.timedelta(days=3)
    vergadering = Vergadering.objects.create(
        orgaan=orgaan,
        begin=begin,
        eind=begin + datetime.timedelta(hours=1),
        status=VergaderStatus.GEHOUDEN,
    )
    punt = Agendapunt.objects.create(vergadering=vergadering, titel="Punt")
    return Besluit.objects.create(agendapunt=punt, tekst=tekst, openbaar=False)


def test_every_change_to_what_the_public_sees_shows_at_once(
    client, openbaar, django_capture_on_commit_callbacks
):
    pagina = f"/openbaar/{openbaar.slug}/"
    json_url = f"{pagina}data/agenda.json"
    actie = Actie.objects.filter(agenda=openbaar, gearchiveerd=False).order_by("pk").first()
    besluit = _besluit(openbaar, "NIEUW-BESLUIT-301")
    indicator = Indicator.objects.create(agenda=openbaar, naam="Bereik")

    def nieuwe_voortgang() -> None:
        VoortgangFactory(
            actie=actie,
            datum=timezone.localdate(),
            openbaar=True,
            openbare_tekst="NIEUW-VOORTGANG-101",
        )

    def doel_hernoemd() -> None:
        actie.knoop.titel = "NIEUW-DOEL-201"
        actie.knoop.save()

    def besluit_openbaar() -> None:
        besluit.openbaar = True
        besluit.save()

    def meting() -> None:
        Meting.objects.create(indicator=indicator, jaar=2024, waarde=Decimal("40404.5"))

    def actie_afgerond() -> None:
        actie.titel = "NIEUW-ACTIE-501"
        actie.save()

    for wijziging, tekst in (
        (nieuwe_voortgang, "NIEUW-VOORTGANG-101"),
        (doel_hernoemd, "NIEUW-DOEL-201"),
        (besluit_openbaar, "NIEUW-BESLUIT-301"),
        (meting, "40404.5"),
        (actie_afgerond, "NIEUW-ACTIE-501"),
    ):
        # Both are in the cache before the change...
        voor = client.get(pagina)
        assert tekst not in voor.text
        assert tekst not in client.get(json_url).text
        versie = _versie(openbaar)
        with django_capture_on_commit_callbacks(execute=True):
            wijziging()
        assert _versie(openbaar) > versie, wijziging.__name__
        # ...and show the change on the very next request, with a new ETag.
        assert tekst in client.get(json_url).text, wijziging.__name__
        na = client.get(pagina, headers={"If-None-Match": voor["ETag"]})
        assert na.status_code == 200, wijziging.__name__
        assert na["ETag"] != voor["ETag"]
        if tekst != "40404.5":
            assert tekst in na.text, wijziging.__name__


def test_a_change_to_another_agenda_leaves_the_cache_alone(
    openbaar, bunnik, django_capture_on_commit_callbacks
):
    versie = _versie(openbaar)
    actie = Actie.objects.filter(agenda=bunnik).first()
    with django_capture_on_commit_callbacks(execute=True):
        VoortgangFactory(actie=actie, openbaar=True)
        actie.save()
    assert _versie(openbaar) == versie


def test_a_change_that_is_rolled_back_changes_nothing(openbaar):
    """Nothing commits inside a test's transaction: the version waits for a commit."""
    versie = _versie(openbaar)
    VoortgangFactory(actie=Actie.objects.filter(agenda=openbaar).first(), openbaar=True)
    assert _versie(openbaar) == versie


def test_every_followed_model_raises_the_version_on_save(
    openbaar, django_capture_on_commit_callbacks
):
    """One saved row of each model the public view reads raises its agenda's version."""
    besluit = _besluit(openbaar, "b")
    indicator = Indicator.objects.create(agenda=openbaar, naam="i")
    rijen = {
        Agenda: openbaar,
        Publicatie: openbaar.publicatie,
        Actie: Actie.objects.filter(agenda=openbaar).first(),
        Besluit: besluit,
        Agendapunt: besluit.agendapunt,
        Vergadering: besluit.agendapunt.vergadering,
        Overlegorgaan: besluit.agendapunt.vergadering.orgaan,
        Indicator: indicator,
        Meting: Meting.objects.create(indicator=indicator, jaar=2020, waarde=1),
        Rapport: Rapport.objects.create(agenda=openbaar, soort="jaarverslag", jaar=2020),
    }
    begroting = openbaar.begroting
    post = begroting.posten.first()
    rijen.update({type(begroting): begroting, type(post): post})
    rijen[type(post.bedragen.first())] = post.bedragen.first()
    rijen[type(openbaar.knopen.first())] = openbaar.knopen.first()
    voortgang = VoortgangFactory(actie=rijen[Actie])
    rijen[type(voortgang)] = voortgang
    # Every model the public view reads is followed (with more: tests/lea/test_paginacache.py).
    assert set(rijen) <= set(GEVOLGD)
    for model, rij in rijen.items():
        versie = _versie(openbaar)
        with django_capture_on_commit_callbacks(execute=True):
            rij.save()
        assert _versie(openbaar) > versie, model.__name__


def test_a_withdrawal_takes_effect_at_once_even_for_a_reader_that_kept_the_page(
    client, openbaar, beheerder, django_capture_on_commit_callbacks
):
    urls = [
        f"/openbaar/{openbaar.slug}/",
        f"/openbaar/{openbaar.slug}/data/agenda.json",
        f"/openbaar/{openbaar.slug}/data/acties.csv",
        f"/openbaar/{openbaar.slug}/doelen/{openbaar.knopen.filter(niveau=1).first().pk}/inbedden/",
    ]
    etags = {url: client.get(url)["ETag"] for url in urls}
    with django_capture_on_commit_callbacks(execute=True):
        publicatie_trek_in(agenda=openbaar, door=beheerder)
    onbekend = client.get("/openbaar/bestaat-niet/").content
    for url in urls:
        antwoord = client.get(url, headers={"If-None-Match": etags[url]})
        assert antwoord.status_code == 404, url
        assert antwoord.content == onbekend


def test_too_many_requests_from_one_address_wait_a_minute(client, openbaar, settings):
    settings.LEA_OPENBAAR_PER_MINUUT = 3
    url = f"/openbaar/{openbaar.slug}/data/agenda.json"
    for _ in range(3):
        assert client.get(url).status_code == 200
    antwoord = client.get(url)
    assert antwoord.status_code == 429
    assert 1 <= int(antwoord["Retry-After"]) <= 60
    assert "te veel verzoeken" in antwoord.text
    # Unknown agendas count too: trying slugs does not get round the limit.
    assert client.get("/openbaar/bestaat-niet/").status_code == 429
    # Another address is not held back.
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_page_per_goal_may_sit_in_a_frame_on_another_website(client, openbaar, settings):
    settings.LEA_BASIS_URL = "http://testserver"
    knoop = openbaar.knopen.filter(niveau=1, gearchiveerd=False).order_by("pk").first()
    antwoord = client.get(f"/openbaar/{openbaar.slug}/doelen/{knoop.pk}/inbedden/")
    assert antwoord.status_code == 200
    assert "X-Frame-Options" not in antwoord
    assert "frame-ancestors *" in antwoord["Content-Security-Policy"]
    assert knoop.titel in antwoord.text
    assert 'target="_top"' in antwoord.text
    # The open data page gives the code to paste, for every goal the public view shows.
    data = client.get(f"/openbaar/{openbaar.slug}/data/").text
    assert (
        f"&lt;iframe src=&quot;http://testserver/openbaar/{openbaar.slug}/doelen/{knoop.pk}"
        "/inbedden/&quot;" in data
    )
    assert data.count("&lt;iframe") == openbaar.knopen.filter(gearchiveerd=False).count()
    # The rest of the public view stays unframeable.
    pagina = client.get(f"/openbaar/{openbaar.slug}/")
    assert pagina["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in pagina["Content-Security-Policy"]
    # A goal of another agenda, or an archived one, is the same 404 as an unknown agenda.
    ander = Agenda.objects.get(slug="bunnik-2025").knopen.first()
    onbekend = client.get("/openbaar/bestaat-niet/").content
    for pk in (ander.pk, 999999):
        antwoord = client.get(f"/openbaar/{openbaar.slug}/doelen/{pk}/inbedden/")
        assert antwoord.status_code == 404
        assert antwoord.content == onbekend
