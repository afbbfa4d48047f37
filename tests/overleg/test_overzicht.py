"""The weekly digest: what a person finds in it on Monday, what it leaves out, and when it stops.

The week of a digest is the seven days before its Monday; the changes these tests make happen
now, so they fall in the week before the next Monday, which is the run's Monday here.
"""

import datetime
import re
from smtplib import SMTPException
from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lea.models import Emailvoorkeur, Lidmaatschap, Melding, Persoon, Rol
from lea.services import melding_email_verstuur, melding_maak
from lea.services.voorkeuren import emailvoorkeur_bewaar
from lea.toegang import agendas_voor
from lea.weergave import naam_van
from overleg.models import Actiepunt, Agendapunt, Orgaanlid, PuntStatus, Soort, Vergadering
from overleg.selectors_overzicht import _Rollen, ontvangers, weekoverzichten
from overleg.services.overzicht import weekoverzicht_verstuur
from overleg.tasks import weekoverzicht_versturen_taak
from tests.factories import GebruikerFactory, voortgang_meld
from werkgroepen.models import Actie, Status
from werkgroepen.services.acties import actie_bewerk, opmerking_plaats, voortgang_registreer

pytestmark = pytest.mark.django_db

DAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MAANDEN = [
    "",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _volgende_maandag() -> datetime.date:
    vandaag = timezone.localdate()
    return vandaag + datetime.timedelta(days=7 - vandaag.weekday())


def _lang(dag: datetime.date) -> str:
    """A date as a Dutch reader expects it: "maandag 7 december 2026"."""
    return f"{DAGEN[dag.weekday()]} {dag.day} {MAANDEN[dag.month]} {dag.year}"


def _aan(gebruiker) -> list:
    return [bericht for bericht in mail.outbox if gebruiker.email in bericht.to]


def _html(bericht) -> str:
    ((inhoud, soort),) = bericht.alternatives
    assert soort == "text/html"
    return inhoud


def _moment(dag: datetime.date, uur: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


def _vergadering(orgaan, begin: datetime.datetime) -> Vergadering:
    return Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2), locatie="Raadhuis"
    )


@pytest.fixture
def week(bunnik, hilversum, anne, victor, lotte, henk, werkgroep, actie_van_victor):
    """A week in Victor's werkgroep: Anne reports progress and edits an action, Lotte comments,
    an action falls due, one is overdue, a stuurgroep meeting with an action point for Victor
    comes; and, in Hilversum where Victor has no role, his person leads an action that
    changes and sits in a body that meets."""
    maandag = _volgende_maandag()
    vandaag = timezone.localdate()
    voortgang_meld(
        actie_van_victor,
        anne,
        datum=vandaag,
        percentage=60,
        toelichting="De eerste drie scholen doen mee.",
    )
    opmerking_plaats(actie=actie_van_victor, door=lotte, tekst="Ik bel de andere scholen.")
    opmerking_plaats(actie=actie_van_victor, door=victor, tekst="Dank, ik sluit aan.")
    actie_van_victor.refresh_from_db()
    binnenkort = maandag + datetime.timedelta(days=10)
    actie_bewerk(
        actie=actie_van_victor,
        door=anne,
        versie=actie_van_victor.versie,
        velden={"timing_eind": binnenkort},
    )
    te_laat = werkgroep.acties.exclude(pk=actie_van_victor.pk).order_by("volgorde").first()
    Actie.objects.filter(pk=te_laat.pk).update(
        status=Status.LOPEND, percentage=20, timing_eind=maandag - datetime.timedelta(days=20)
    )

    persoon = Persoon.objects.get(agenda=bunnik, gebruiker=victor)
    stuurgroep = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    Orgaanlid.objects.create(orgaan=stuurgroep, persoon=persoon)
    vergadering = _vergadering(stuurgroep, _moment(maandag + datetime.timedelta(days=2), 15))
    punt = Agendapunt.objects.create(
        vergadering=vergadering, titel="Werkgroepen", status=PuntStatus.GEACCEPTEERD
    )
    Actiepunt.objects.create(
        agendapunt=punt,
        omschrijving="Stuur de begroting van de werkgroep rond",
        eigenaar=persoon,
        deadline=maandag + datetime.timedelta(days=5),
    )

    # Hilversum: Victor's person there, without any role of his in that agenda.
    elders = Persoon.objects.create(agenda=hilversum, naam="Victor elders", gebruiker=victor)
    actie_elders = hilversum.acties.order_by("volgorde").first()
    Actie.objects.filter(pk=actie_elders.pk).update(regie_persoon=elders)
    voortgang_registreer(
        actie=actie_elders,
        door=henk,
        datum=vandaag,
        status=Status.LOPEND,
        rag_tijd="oranje",
        rag_geld="groen",
        percentage=30,
        toelichting="Geheim van Hilversum.",
    )
    orgaan_elders = hilversum.overlegorganen.get(soort=Soort.STUURGROEP)
    Orgaanlid.objects.create(orgaan=orgaan_elders, persoon=elders)
    _vergadering(orgaan_elders, _moment(maandag + datetime.timedelta(days=3), 10))
    return {
        "maandag": maandag,
        "binnenkort": binnenkort,
        "vergadering": vergadering,
        "te_laat": Actie.objects.filter(werkgroep=werkgroep).te_laat(op=maandag).count(),
    }


def test_a_chair_reads_the_week_of_their_werkgroep_and_nothing_of_another_agenda(
    week, victor, anne, lotte, actie_van_victor, werkgroep
):
    maandag = week["maandag"]
    weekoverzicht_verstuur(maandag=maandag)

    (bericht,) = _aan(victor)
    assert bericht.subject == f"[LEA] Uw weekoverzicht van {_lang(maandag).split(' ', 1)[1]}"
    tekst, html = bericht.body, _html(bericht)
    for inhoud in (tekst, html):
        # What changed, by whom: Anne's progress and edit, Lotte's comment.
        assert str(actie_van_victor) in inhoud
        assert "Voortgang: lopend, 60 % gereed" in inhoud
        assert f"door {naam_van(anne)}" in inhoud
        assert "De eerste drie scholen doen mee." in inhoud
        assert "Ik bel de andere scholen." in inhoud
        assert "Gewijzigd" in inhoud
        # Not his own comment: he knows what he wrote.
        assert "Dank, ik sluit aan." not in inhoud
        # What falls due, what is overdue, what meets.
        assert _lang(week["binnenkort"]) in inhoud
        assert "Stuur de begroting van de werkgroep rond" in inhoud
        assert f"Over de einddatum ({week['te_laat']})" in inhoud
        begin = timezone.localtime(week["vergadering"].begin)
        assert f"{_lang(begin.date())}, {begin:%H:%M}" in inhoud
        assert week["vergadering"].orgaan.naam in inhoud
        # Nothing of Hilversum, where Victor has no role.
        assert "hilversum" not in inhoud.lower()
        assert "Geheim" not in inhoud
    # Links are absolute, to the action and the meeting.
    actie_url = settings.LEA_BASIS_URL + reverse(
        "actie_detail", args=[actie_van_victor.agenda.slug, actie_van_victor.pk]
    )
    assert actie_url in tekst
    assert f'href="{actie_url}"' in html
    assert (
        settings.LEA_BASIS_URL
        + reverse("vergadering_detail", args=["bunnik-2025", week["vergadering"].pk])
        in tekst
    )
    assert bericht.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Lotte, a member of the werkgroep, reads Victor's comment and not her own.
    (van_lotte,) = _aan(lotte)
    assert "Dank, ik sluit aan." in van_lotte.body
    assert "Ik bel de andere scholen." not in van_lotte.body


def test_nothing_from_an_agenda_where_the_role_was_revoked(week, bunnik, lotte, victor):
    maandag = week["maandag"]
    (lotte_nu,) = [o for o in weekoverzichten(maandag=maandag) if o.gebruiker == lotte]
    assert [deel.titel for deel in lotte_nu.agendas] == [bunnik.titel]

    Lidmaatschap.objects.filter(gebruiker=lotte, agenda=bunnik).update(
        ingetrokken_op=timezone.now()
    )
    weekoverzicht_verstuur(maandag=maandag)
    assert _aan(lotte) == []
    assert len(_aan(victor)) == 1


def test_the_set_based_roles_are_those_of_the_access_rules(week, victor, lotte, bunnik):
    """The digest reads roles for all logins at once; they must be the site's own."""
    Lidmaatschap.objects.filter(gebruiker=lotte, agenda=bunnik).update(
        ingetrokken_op=timezone.now()
    )
    gebruikers = list(ontvangers(week["maandag"]))
    rollen = _Rollen(gebruikers, ontvangers(week["maandag"]).values("pk"))
    alle_agendas = set(bunnik._meta.model.objects.values_list("pk", flat=True))
    for gebruiker in gebruikers:
        zichtbaar = set(agendas_voor(gebruiker).values_list("pk", flat=True))
        assert {a for a in alle_agendas if rollen.mag(gebruiker.pk, a)} == zichtbaar, gebruiker


def test_opting_out_by_the_link_in_the_mail_stops_the_digest(client, week, victor, lotte):
    maandag = week["maandag"]
    weekoverzicht_verstuur(maandag=maandag)
    (bericht,) = _aan(victor)
    link = re.search(r"Zet het uit met deze link: (\S+)", bericht.body).group(1)
    assert link.startswith(settings.LEA_BASIS_URL)
    assert f'href="{link}"' in _html(bericht)
    assert bericht.extra_headers["List-Unsubscribe"] == f"<{link}>"

    pad = link.removeprefix(settings.LEA_BASIS_URL)
    assert client.post(pad).status_code == 200  # no login needed
    assert Emailvoorkeur.objects.get(gebruiker=victor).wekelijks_overzicht is False

    mail.outbox.clear()
    volgende = maandag + datetime.timedelta(days=7)
    weekoverzicht_verstuur(maandag=volgende)
    assert _aan(victor) == []
    assert len(_aan(lotte)) == 1  # the werkgroep's other member still gets hers

    # Switched on again, the next week's digest comes again.
    emailvoorkeur_bewaar(gebruiker=victor, per_melding=True, wekelijks_overzicht=True)
    weekoverzicht_verstuur(maandag=volgende)
    assert len(_aan(victor)) == 1


def test_no_mail_when_there_is_nothing_to_say(bunnik, week):
    nina = GebruikerFactory(username="nina")
    Lidmaatschap.objects.create(agenda=bunnik, gebruiker=nina, rol=Rol.LEZER)
    persoon = Persoon.objects.create(agenda=bunnik, naam="Nina Lezer", gebruiker=nina)
    weekoverzicht_verstuur(maandag=week["maandag"])
    assert _aan(nina) == []
    assert Emailvoorkeur.objects.filter(gebruiker=nina).first() is None  # nothing claimed

    # Once she sits in a body that meets, she hears of it.
    Orgaanlid.objects.create(orgaan=week["vergadering"].orgaan, persoon=persoon)
    weekoverzicht_verstuur(maandag=week["maandag"])
    (bericht,) = _aan(nina)
    assert week["vergadering"].orgaan.naam in bericht.body
    assert "Veranderd in uw acties" not in bericht.body


def test_once_a_week(week, victor):
    maandag = week["maandag"]
    weekoverzicht_verstuur(maandag=maandag)
    assert len(_aan(victor)) == 1
    assert Emailvoorkeur.objects.get(gebruiker=victor).overzicht_week == maandag

    # A second run the same week (a retry, a second worker) sends nothing again.
    weekoverzicht_verstuur(maandag=maandag)
    assert len(_aan(victor)) == 1

    # The next week it comes again, with what is still due then.
    volgende = maandag + datetime.timedelta(days=7)
    weekoverzicht_verstuur(maandag=volgende)
    (_eerste, tweede) = _aan(victor)
    assert _lang(week["binnenkort"]) in tweede.body
    assert "Voortgang: lopend" not in tweede.body  # last week's change is not repeated
    assert Emailvoorkeur.objects.get(gebruiker=victor).overzicht_week == volgende


def test_a_failing_mail_server_releases_the_week_so_the_retry_sends_it(week, victor):
    maandag = week["maandag"]
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=SMTPException("mailserver onbereikbaar"),
        ),
        pytest.raises(SMTPException),
    ):
        weekoverzicht_verstuur(maandag=maandag)
    assert mail.outbox == []
    assert Emailvoorkeur.objects.get(gebruiker=victor).overzicht_week is None

    weekoverzicht_verstuur(maandag=maandag)
    assert len(_aan(victor)) == 1
    assert Emailvoorkeur.objects.get(gebruiker=victor).overzicht_week == maandag


def test_a_mail_per_notification_can_give_way_to_the_digest(week, bunnik, victor, lotte):
    emailvoorkeur_bewaar(gebruiker=victor, per_melding=False, wekelijks_overzicht=True)
    meldingen = {
        gebruiker: melding_maak(
            gebruiker=gebruiker,
            agenda=bunnik,
            sleutel="proef:voortgang",
            titel="Voortgang gevraagd voor de LEA-stuurgroep",
            url=reverse("agenda_dashboard", args=[bunnik.slug]),
        )
        for gebruiker in (victor, lotte)
    }
    assert melding_email_verstuur(melding=meldingen[victor]) is False
    assert melding_email_verstuur(melding=meldingen[lotte]) is True  # the default: a mail
    assert _aan(victor) == []
    assert len(_aan(lotte)) == 1
    assert Melding.objects.get(pk=meldingen[victor].pk).email_verzonden_op is None

    mail.outbox.clear()
    weekoverzicht_verstuur(maandag=week["maandag"])
    (bericht,) = _aan(victor)
    assert "Nieuwe meldingen" in bericht.body
    assert "Voortgang gevraagd voor de LEA-stuurgroep" in bericht.body
    # Lotte had hers by mail already: it is not repeated.
    (van_lotte,) = _aan(lotte)
    assert "Voortgang gevraagd voor de LEA-stuurgroep" not in van_lotte.body


def _betrokkenen(aantal: int, bunnik, werkgroep, orgaan, acties) -> None:
    """People with everything a digest can hold: a role, a werkgroep, an action they lead, a
    body, a held-back notification."""
    for n in range(aantal):
        login = GebruikerFactory()
        Lidmaatschap.objects.create(agenda=bunnik, gebruiker=login, rol=Rol.LID)
        Emailvoorkeur.objects.create(gebruiker=login, per_melding=False)
        persoon = Persoon.objects.create(agenda=bunnik, naam=f"Lid {login.pk}", gebruiker=login)
        werkgroep.leden.add(persoon)
        Actie.objects.filter(pk=acties[n % len(acties)]).update(regie_persoon=persoon)
        Orgaanlid.objects.create(orgaan=orgaan, persoon=persoon)
        melding_maak(gebruiker=login, agenda=bunnik, sleutel="proef", titel="Proef")


def test_the_selection_takes_the_same_queries_for_3_or_30_people(
    week, bunnik, werkgroep, django_assert_max_num_queries
):
    maandag, orgaan = week["maandag"], week["vergadering"].orgaan
    acties = list(bunnik.acties.values_list("pk", flat=True)[:40])
    _betrokkenen(3, bunnik, werkgroep, orgaan, acties)
    with CaptureQueriesContext(connection) as drie:
        weekoverzichten(maandag=maandag)
    assert len(drie) <= 20

    _betrokkenen(27, bunnik, werkgroep, orgaan, acties)
    with django_assert_max_num_queries(len(drie)):
        overzichten = weekoverzichten(maandag=maandag)
    leden = [o for o in overzichten if o.gebruiker.username.startswith("gebruiker")]
    assert len(leden) == 30
    assert all(o.agendas[0].vergaderingen and o.agendas[0].meldingen for o in leden)


def test_the_task_runs_on_monday_morning_and_sends_a_week_once():
    from lea.config.celery import app

    regel = app.conf.beat_schedule["weekoverzicht-versturen"]
    assert regel["task"] == weekoverzicht_versturen_taak.name
    assert regel["schedule"] == crontab(day_of_week="mon", hour=7, minute=30)

    weekoverzicht_versturen_taak.delay()
    eerst = len(mail.outbox)
    assert weekoverzicht_versturen_taak.delay().get() == 0
    assert len(mail.outbox) == eerst


def test_only_a_monday_starts_a_week(week):
    with pytest.raises(ValueError, match="geen maandag"):
        weekoverzicht_verstuur(maandag=week["maandag"] + datetime.timedelta(days=1))
    assert mail.outbox == []
