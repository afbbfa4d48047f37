"""The personal link of the progress request: one per chair and period, what it refuses, when
it expires, who may use it (a login first, or the link alone where the agenda allows it), what
each use leaves in the log, and the beheerder's list. The page it leads to:
test_rapporteren.py."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from lea.models import Auditregel, AuditSoort, Persoon
from lea.perioden import rapportageperiode
from tests.factories import (
    AgendaFactory,
    GebruikerFactory,
    PersoonFactory,
    WerkgroepFactory,
)
from tests.werkgroepen import rapportageproef as rp
from werkgroepen.models import Rapportagelink, Voortgang
from werkgroepen.services.rapportagelink import (
    GRATIE,
    SALT,
    LinkIngetrokken,
    LinkOnbekend,
    LinkVerlopen,
    intrek,
    link_uit_token,
    rapportagelink_voor,
    token_van,
)

pytestmark = pytest.mark.django_db


# --- the service -------------------------------------------------------------------------------


def test_one_link_per_chair_and_period_valid_until_the_grace_ends(werkgroep, victor, bunnik):
    begin, eind = rapportageperiode(bunnik.rapportageperiode, rp.VANDAAG)
    link = rapportagelink_voor(werkgroep=werkgroep, gebruiker=victor, op=rp.VANDAAG)
    assert (link.periode_begin, link.periode_eind) == (begin, eind)
    assert rapportagelink_voor(werkgroep=werkgroep, gebruiker=victor, op=eind) == link
    laatste = eind + GRATIE
    assert timezone.localdate(link.verloopt_op) == laatste + datetime.timedelta(days=1)
    assert link.geldig(nu=link.verloopt_op - datetime.timedelta(seconds=1))
    assert not link.geldig(nu=link.verloopt_op)
    volgende = rapportagelink_voor(
        werkgroep=werkgroep, gebruiker=victor, op=eind + datetime.timedelta(days=1)
    )
    assert volgende.pk != link.pk
    assert volgende.periode_begin == eind + datetime.timedelta(days=1)


def test_a_token_is_refused_when_tampered_unknown_revoked_or_expired(link, anne):
    token = token_van(link)
    assert link_uit_token(token) == link
    assert token_van(link) == token  # one link, one address: the mail and the page agree
    with pytest.raises(LinkOnbekend):  # signed with our salt and a timestamp: not a link token
        link_uit_token(signing.dumps(link.pk, salt=SALT))
    for slecht in (token[:-1] + ("A" if token[-1] != "A" else "B"), "zomaar", ""):
        with pytest.raises(LinkOnbekend):
            link_uit_token(slecht)
    with pytest.raises(LinkOnbekend):  # well signed, but no such link
        link_uit_token(signing.Signer(salt=SALT).sign_object(link.pk + 10_000))
    with pytest.raises(LinkOnbekend):  # signed for something else
        link_uit_token(signing.dumps(link.pk))
    with pytest.raises(LinkVerlopen, match="verlopen"):
        link_uit_token(token, nu=link.verloopt_op)
    intrek(link=link, door=anne)
    with pytest.raises(LinkIngetrokken, match="ingetrokken"):
        link_uit_token(token)


# --- access: login first (the default) ---------------------------------------------------------


def test_by_default_the_link_asks_for_the_chairs_login_first(client, link, victor, werkgroep):
    actie = rp.open_acties(werkgroep)[0]
    url = rp.url(link)
    antwoord = client.get(url)
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login") + "?next=")
    voor = Voortgang.objects.count()
    assert client.post(rp.url(link, "actie", actie), rp.update(actie)).status_code == 302
    assert Voortgang.objects.count() == voor

    client.force_login(victor)
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert [k.actie.pk for k in pagina.context["kaarten"]] == [
        a.pk for a in rp.open_acties(werkgroep)
    ]


@pytest.mark.parametrize("wie", ["anne", "sara"])
def test_another_login_is_refused_even_the_beheerder(client, link, werkgroep, wie, request):
    client.force_login(request.getfixturevalue(wie))
    actie = rp.open_acties(werkgroep)[0]
    antwoord = client.get(rp.url(link))
    assert antwoord.status_code == 403
    assert "persoonlijk" in antwoord.content.decode()
    voor = Voortgang.objects.count()
    assert client.post(rp.url(link, "actie", actie), rp.update(actie)).status_code == 403
    assert Voortgang.objects.count() == voor


# --- access: the link alone (the agenda allows it) ---------------------------------------------


def test_the_link_alone_updates_this_werkgroep_and_nothing_else(
    client, link, victor, werkgroep, bunnik, zonder_inloggen
):
    actie = rp.open_acties(werkgroep)[0]
    assert client.get(rp.url(link)).status_code == 200
    assert client.post(rp.url(link, "actie", actie), rp.update(actie)).status_code == 302
    assert actie.voortgang.latest("aangemaakt").door == victor
    # No login was made: every other page still asks for one.
    assert "_auth_user_id" not in client.session
    for andere in (
        reverse("home"),
        reverse("werkgroep_detail", args=[bunnik.slug, werkgroep.pk]),
        reverse("werkgroep_rapporteren", args=[bunnik.slug, werkgroep.pk]),
        reverse("actie_voortgang", args=[bunnik.slug, actie.pk]),
    ):
        antwoord = client.get(andere)
        assert antwoord.status_code == 302
        assert antwoord["Location"].startswith(reverse("login"))


def test_each_use_is_counted_and_each_change_logged(client, link, werkgroep, zonder_inloggen):
    eerste, tweede = rp.open_acties(werkgroep)[:2]
    client.get(rp.url(link))
    link.refresh_from_db()
    assert link.aantal_keer_gebruikt == 1
    assert link.laatst_gebruikt_op is not None
    assert not Auditregel.objects.filter(soort=AuditSoort.RAPPORTAGELINK).exists()
    client.post(rp.url(link, "actie", eerste), rp.update(eerste))
    client.post(rp.url(link, "actie", tweede), rp.update(tweede, toelichting=""))  # refused
    link.refresh_from_db()
    assert link.aantal_keer_gebruikt == 3
    regels = Auditregel.objects.filter(soort=AuditSoort.RAPPORTAGELINK)
    assert [r.gebruiker for r in regels] == [link.gebruiker]
    assert eerste.titel in regels.get().omschrijving
    assert regels.get().agenda_id == werkgroep.agenda_id


@pytest.mark.parametrize("stand", ["ingetrokken", "verlopen", "vervalst"])
def test_a_dead_link_says_so_and_changes_nothing(
    client, link, werkgroep, anne, zonder_inloggen, stand
):
    actie = rp.open_acties(werkgroep)[0]
    token = token_van(link)
    if stand == "ingetrokken":
        intrek(link=link, door=anne)
    elif stand == "verlopen":
        Rapportagelink.objects.filter(pk=link.pk).update(
            verloopt_op=timezone.now() - datetime.timedelta(minutes=1)
        )
    else:
        token = token[:-2] + ("yy" if token.endswith("xx") else "xx")
    url = reverse("rapportagelink", args=[token])
    post = reverse("rapportagelink_actie", args=[token, actie.pk])
    verwacht = 404 if stand == "vervalst" else 410
    antwoord = client.get(url)
    assert antwoord.status_code == verwacht
    assert "Deze link werkt niet" in antwoord.content.decode()
    if stand != "vervalst":
        assert stand in antwoord.content.decode()
    voor = Voortgang.objects.count()
    assert client.post(post, rp.update(actie)).status_code == verwacht
    assert Voortgang.objects.count() == voor


def test_a_chair_who_no_longer_chairs_is_refused(client, link, werkgroep, bunnik, zonder_inloggen):
    werkgroep.voorzitter = Persoon.objects.create(agenda=bunnik, naam="Nieuwe voorzitter")
    werkgroep.save(update_fields=["voorzitter"])
    antwoord = client.get(rp.url(link))
    assert antwoord.status_code == 403
    assert "geen toegang meer" in antwoord.content.decode()


# --- the beheerder's list ---------------------------------------------------------------------


def test_the_beheerder_lists_and_revokes_links_of_the_own_agenda_only(client, anne, link, bunnik):
    vreemd_agenda = AgendaFactory.create()
    vreemd = rapportagelink_voor(
        werkgroep=WerkgroepFactory.create(agenda=vreemd_agenda),
        gebruiker=GebruikerFactory.create(),
        op=rp.VANDAAG,
    )
    PersoonFactory.create(agenda=vreemd_agenda)
    client.force_login(anne)
    url = reverse("rapportagelinks", args=[bunnik.slug])
    html = client.get(url).content.decode()
    assert link.werkgroep.naam in html
    assert "Intrekken" in html
    assert vreemd.werkgroep.naam not in html
    antwoord = client.post(url, {"link": vreemd.pk}, follow=True)
    assert "bestaat niet in deze agenda" in antwoord.content.decode()
    vreemd.refresh_from_db()
    assert vreemd.ingetrokken_op is None
    client.post(url, {"link": link.pk})
    link.refresh_from_db()
    assert link.ingetrokken_op is not None
    assert link.ingetrokken_door == anne
    assert "Ingetrokken op" in client.get(url).content.decode()
    instellingen = client.get(reverse("agenda_instellingen", args=[bunnik.slug])).content.decode()
    assert url in instellingen
    assert "rapportagelink_zonder_inloggen" in instellingen
