"""The chair's report page and the personal link of the progress request: what it shows, what
it refuses, when it expires, what each use leaves in the log, and "Geen wijziging"."""

import datetime
import re

import pytest
from django.core import signing
from django.template.defaultfilters import date as datumfilter
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from lea.models import Agenda, Auditregel, AuditSoort, Persoon
from lea.perioden import rapportageperiode
from tests.factories import (
    ActieFactory,
    AgendaFactory,
    GebruikerFactory,
    PersoonFactory,
    WerkgroepFactory,
    voortgang_meld,
)
from werkgroepen.models import Actie, Rapportagelink, Status, Voortgang, Werkgroep
from werkgroepen.services.rapportagelink import (
    GEEN_WIJZIGING,
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
VANDAAG = timezone.localdate()


@pytest.fixture
def link(werkgroep, victor):
    """Victor's link for his werkgroep, for today's reporting period."""
    return rapportagelink_voor(werkgroep=werkgroep, gebruiker=victor, op=VANDAAG)


@pytest.fixture
def zonder_inloggen(bunnik):
    """Bunnik lets the link itself allow progress updates."""
    Agenda.objects.filter(pk=bunnik.pk).update(rapportagelink_zonder_inloggen=True)


def _url(link, wat="", actie=None):
    naam = "rapportagelink" + (f"_{wat}" if wat else "")
    args = [token_van(link)] + ([actie.pk] if actie is not None else [])
    return reverse(naam, args=args)


def _open(werkgroep: Werkgroep) -> list[Actie]:
    return list(Actie.objects.open().filter(werkgroep=werkgroep).order_by("volgorde", "pk"))


def _update(actie, prefix=None, **velden):
    p = f"actie{actie.pk}-"
    data = {
        p + "datum": VANDAAG.isoformat(),
        p + "status": Status.LOPEND,
        p + "percentage": "40",
        p + "rag_tijd": "groen",
        p + "rag_geld": "oranje",
        p + "toelichting": "Eerste bijeenkomst gehouden.",
    }
    data.update({p + k: v for k, v in velden.items()})
    return data


# --- the service -------------------------------------------------------------------------------


def test_one_link_per_chair_and_period_valid_until_the_grace_ends(werkgroep, victor, bunnik):
    begin, eind = rapportageperiode(bunnik.rapportageperiode, VANDAAG)
    link = rapportagelink_voor(werkgroep=werkgroep, gebruiker=victor, op=VANDAAG)
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
    actie = _open(werkgroep)[0]
    url = _url(link)
    antwoord = client.get(url)
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login") + "?next=")
    voor = Voortgang.objects.count()
    assert client.post(_url(link, "actie", actie), _update(actie)).status_code == 302
    assert Voortgang.objects.count() == voor

    client.force_login(victor)
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert [k.actie.pk for k in pagina.context["kaarten"]] == [a.pk for a in _open(werkgroep)]


@pytest.mark.parametrize("wie", ["anne", "sara"])
def test_another_login_is_refused_even_the_beheerder(client, link, werkgroep, wie, request):
    client.force_login(request.getfixturevalue(wie))
    actie = _open(werkgroep)[0]
    antwoord = client.get(_url(link))
    assert antwoord.status_code == 403
    assert "persoonlijk" in antwoord.content.decode()
    voor = Voortgang.objects.count()
    assert client.post(_url(link, "actie", actie), _update(actie)).status_code == 403
    assert Voortgang.objects.count() == voor


# --- what the page shows -----------------------------------------------------------------------


def test_the_page_shows_only_this_werkgroeps_open_actions(
    client, link, victor, werkgroep, andere_actie
):
    client.force_login(victor)
    html = client.get(_url(link)).content.decode()
    open_ = _open(werkgroep)
    gesloten = werkgroep.acties.exclude(pk__in=[a.pk for a in open_])
    assert open_
    assert gesloten.exists()
    for actie in open_:
        assert f'id="rapport-actie-{actie.pk}"' in html
        assert actie.titel in html
    for actie in [*gesloten, andere_actie]:
        assert f'id="rapport-actie-{actie.pk}"' not in html
    with translation.override("nl"):
        laatste = datumfilter(link.periode_eind + GRATIE, "j F Y")
    assert f"Hij werkt tot en met {laatste}" in html


def test_an_action_of_another_werkgroep_or_closed_is_refused(
    client, link, victor, werkgroep, andere_actie
):
    client.force_login(victor)
    assert client.post(_url(link, "actie", andere_actie), _update(andere_actie)).status_code == 404
    gesloten = werkgroep.acties.actief().filter(status__in=["afgerond", "gestopt"]).first()
    antwoord = client.post(_url(link, "actie", gesloten), _update(gesloten), follow=True)
    assert "Niet opgeslagen" in antwoord.content.decode()
    assert not Voortgang.objects.filter(actie__in=[andere_actie, gesloten], datum=VANDAAG).exists()
    gesloten.refresh_from_db()
    assert gesloten.status in ("afgerond", "gestopt")


# --- saving, with and without JavaScript ------------------------------------------------------


def test_saving_one_action_without_javascript_and_with_htmx(client, link, victor, werkgroep):
    client.force_login(victor)
    eerste, tweede = _open(werkgroep)[:2]
    antwoord = client.post(_url(link, "actie", eerste), _update(eerste))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{_url(link)}#rapport-actie-{eerste.pk}"
    eerste.refresh_from_db()
    assert (eerste.status, eerste.percentage, eerste.rag_geld) == ("lopend", 40, "oranje")
    assert eerste.voortgang.latest("aangemaakt").door == victor
    pagina = client.get(antwoord["Location"]).content.decode()
    assert f"Voortgang van ‘{eerste.titel}’ opgeslagen." in pagina
    kaart = pagina.split(f'id="rapport-actie-{eerste.pk}"')[1].split("</article>")[0]
    assert "gerapporteerd" in kaart

    htmx = {"HX-Request": "true"}
    fout = client.post(_url(link, "actie", tweede), _update(tweede, toelichting=""), headers=htmx)
    assert fout.status_code == 200
    assert "Niet opgeslagen" in fout.content.decode()
    assert "data-lea-focus" in fout.content.decode()
    voor = tweede.voortgang.count()
    goed = client.post(_url(link, "actie", tweede), _update(tweede), headers=htmx).content.decode()
    assert goed.count('id="rapport-actie-') == 1  # the card only, swapped in place
    assert f"Voortgang van ‘{tweede.titel}’ opgeslagen." in goed
    assert re.search(r"<h2[^>]*data-lea-focus[^>]*>", goed)
    assert 'hx-swap-oob="true"' in goed  # the counts at the top follow
    assert f"Nog {len(_open(werkgroep)) - 2} van de" in goed
    assert tweede.voortgang.count() == voor + 1


def test_the_csrf_token_still_applies(link, victor, werkgroep, zonder_inloggen):
    client = Client(enforce_csrf_checks=True)
    actie = _open(werkgroep)[0]
    assert client.post(_url(link, "actie", actie), _update(actie)).status_code == 403
    pagina = client.get(_url(link)).content.decode()
    gevonden = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina)
    assert gevonden is not None
    token = gevonden.group(1)
    data = {**_update(actie), "csrfmiddlewaretoken": token}
    assert client.post(_url(link, "actie", actie), data).status_code == 302
    assert actie.voortgang.latest("aangemaakt").toelichting == "Eerste bijeenkomst gehouden."


# --- access: the link alone (the agenda allows it) ---------------------------------------------


def test_the_link_alone_updates_this_werkgroep_and_nothing_else(
    client, link, victor, werkgroep, bunnik, zonder_inloggen
):
    actie = _open(werkgroep)[0]
    assert client.get(_url(link)).status_code == 200
    assert client.post(_url(link, "actie", actie), _update(actie)).status_code == 302
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
    eerste, tweede = _open(werkgroep)[:2]
    client.get(_url(link))
    link.refresh_from_db()
    assert link.aantal_keer_gebruikt == 1
    assert link.laatst_gebruikt_op is not None
    assert not Auditregel.objects.filter(soort=AuditSoort.RAPPORTAGELINK).exists()
    client.post(_url(link, "actie", eerste), _update(eerste))
    client.post(_url(link, "actie", tweede), _update(tweede, toelichting=""))  # refused
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
    actie = _open(werkgroep)[0]
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
    assert client.post(post, _update(actie)).status_code == verwacht
    assert Voortgang.objects.count() == voor


def test_a_chair_who_no_longer_chairs_is_refused(client, link, werkgroep, bunnik, zonder_inloggen):
    werkgroep.voorzitter = Persoon.objects.create(agenda=bunnik, naam="Nieuwe voorzitter")
    werkgroep.save(update_fields=["voorzitter"])
    antwoord = client.get(_url(link))
    assert antwoord.status_code == 403
    assert "geen toegang meer" in antwoord.content.decode()


# --- "Geen wijziging" ------------------------------------------------------------------------


@pytest.fixture
def stand(werkgroep, victor, bunnik):
    """Victor's open actions as the demo left them (reported in an earlier period), but one
    reported this period already, and a new one without any update yet."""
    al = _open(werkgroep)[0]
    voortgang_meld(al, victor, datum=VANDAAG, percentage=55, toelichting="Deze periode al gedaan.")
    nieuw = ActieFactory.create(agenda=bunnik, werkgroep=werkgroep, knoop=al.knoop, volgorde=999)
    return al, nieuw


@pytest.mark.parametrize("htmx", [False, True])
def test_geen_wijziging_repeats_the_state_of_each_unreported_action_once(
    client, link, victor, werkgroep, stand, htmx
):
    al, nieuw = stand
    client.force_login(victor)
    open_ = _open(werkgroep)
    herhaald = [a for a in open_ if a.voortgang_datum and a.voortgang_datum < link.periode_begin]
    assert len(herhaald) >= 2  # the demo reported these in an earlier period
    voor = {a.pk: (a.status, a.percentage, a.rag_tijd, a.rag_geld) for a in open_}
    pagina = client.get(_url(link)).content.decode()
    assert "Geen wijziging voor alle open acties" in pagina
    headers = {"HX-Request": "true"} if htmx else {}
    antwoord = client.post(_url(link, "geen_wijziging"), headers=headers, follow=not htmx)
    html = antwoord.content.decode()
    assert f"‘Geen wijziging’ vastgelegd voor {len(herhaald)} acties." in html
    assert nieuw.titel in html.split("vul deze zelf in")[1]
    assert "Alle" not in html.split('id="kop-rapport-samenvatting"')[1].split("</h2>")[0]
    nieuw_ = Voortgang.objects.filter(toelichting=GEEN_WIJZIGING)
    assert sorted(v.actie_id for v in nieuw_) == sorted(a.pk for a in herhaald)
    for v in nieuw_:
        assert (v.status, v.percentage, v.rag_tijd, v.rag_geld) == voor[v.actie_id]
        assert (v.datum, v.door) == (VANDAAG, victor)
    assert al.voortgang.latest("aangemaakt").toelichting == "Deze periode al gedaan."
    assert not nieuw.voortgang.exists()
    # A second click records nothing twice.
    client.post(_url(link, "geen_wijziging"), headers=headers)
    assert nieuw_.count() == len(herhaald)


# --- the logged-in page and Mijn overzicht ---------------------------------------------------


def test_mijn_overzicht_leads_the_chair_to_the_report_page(client, victor, werkgroep, bunnik):
    client.force_login(victor)
    html = client.get(reverse("home")).content.decode()
    rapporteren = reverse("werkgroep_rapporteren", args=[bunnik.slug, werkgroep.pk])
    assert f'href="{rapporteren}"' in html
    open_ = _open(werkgroep)
    nog = [a for a in open_ if a.voortgang_datum is None or a.voortgang_datum < link_begin(bunnik)]
    assert f"{len(open_)} open" in html
    assert f"{len(nog)} nog niet gerapporteerd" in html
    # The action list names the werkgroep once, as the heading of its group, with the nodes.
    acties = html.split('id="kop-mijn-acties"')[1]
    assert acties.count(werkgroep.naam) == 1
    assert reverse("werkgroep_detail", args=[bunnik.slug, werkgroep.pk]) in acties
    assert str(open_[0].knoop) in acties
    pagina = client.get(rapporteren)
    assert pagina.status_code == 200
    assert [k.actie.pk for k in pagina.context["kaarten"]] == [a.pk for a in open_]


def link_begin(agenda):
    return rapportageperiode(agenda.rapportageperiode, VANDAAG)[0]


def test_mijn_overzicht_has_no_block_for_who_chairs_nothing(client, sara):
    client.force_login(sara)
    assert "Voortgang rapporteren" not in client.get(reverse("home")).content.decode()


# --- the beheerder's list ---------------------------------------------------------------------


def test_the_beheerder_lists_and_revokes_links_of_the_own_agenda_only(client, anne, link, bunnik):
    vreemd_agenda = AgendaFactory.create()
    vreemd = rapportagelink_voor(
        werkgroep=WerkgroepFactory.create(agenda=vreemd_agenda),
        gebruiker=GebruikerFactory.create(),
        op=VANDAAG,
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
