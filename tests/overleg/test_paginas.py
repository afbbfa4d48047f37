"""The governance pages: proposing, building the agenda, minutes, register and coverage."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Persoon, Rol
from overleg.models import (
    Actiepunt,
    Agendapunt,
    PuntSoort,
    PuntStatus,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from overleg.services import actiepunt_vastleg, agendapunt_voeg_toe, besluit_vastleg
from tests import na_commit

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _url(naam, vergadering, *extra):
    return reverse(naam, args=["bunnik-2025", vergadering.pk, *extra])


def test_a_reader_proposes_an_item_and_the_secretary_decides(client, sara, anne, vergadering):
    client.force_login(sara)
    url = _url("agendapunt_voorstellen", vergadering)
    antwoord = client.post(
        url, {"voorstel-titel": "", "voorstel-soort": PuntSoort.BESPREKING}, follow=True
    )
    assert "Dit veld is verplicht" in antwoord.content.decode()
    assert not vergadering.punten.exists()
    client.post(
        url,
        {"voorstel-titel": "Ervaringen met de taalklassen", "voorstel-soort": PuntSoort.BESPREKING},
    )
    punt = vergadering.punten.get()
    assert (punt.status, punt.voorgesteld_door) == (PuntStatus.VOORGESTELD, sara)
    assert (
        client.post(
            _url("agendapunt_beoordelen", vergadering, punt.pk), {"besluit": "accepteren"}
        ).status_code
        == 403
    )

    client.force_login(anne)
    antwoord = client.post(
        _url("agendapunt_beoordelen", vergadering, punt.pk),
        {"besluit": "afwijzen", "reden": ""},
        follow=True,
    )
    assert "Dit veld is verplicht" in antwoord.content.decode()
    punt.refresh_from_db()
    assert punt.status == PuntStatus.VOORGESTELD
    client.post(_url("agendapunt_beoordelen", vergadering, punt.pk), {"besluit": "accepteren"})
    punt.refresh_from_db()
    assert punt.status == PuntStatus.GEACCEPTEERD


def test_the_builder_proposes_topics_actions_and_open_points(client, anne, vergadering, bunnik):
    demo_voortgang_verwijder(bunnik)  # the actions as transcribed, none of them red
    Agendapunt.objects.filter(vergadering__orgaan__agenda=bunnik).delete()  # no demo coverage
    eerder = Vergadering.objects.create(
        orgaan=vergadering.orgaan,
        begin=datetime.datetime(2026, 6, 9, 15, tzinfo=AMS),
        eind=datetime.datetime(2026, 6, 9, 17, tzinfo=AMS),
        status=VergaderStatus.VASTGESTELD,
    )
    punt = agendapunt_voeg_toe(
        vergadering=eerder,
        door=anne,
        velden={"titel": "Werkgroep ondersteuning", "soort": PuntSoort.BESPREKING},
    )
    actiepunt = actiepunt_vastleg(
        punt=punt,
        omschrijving="Kader basisondersteuning uitwerken",
        eigenaar_tekst="werkgroep ondersteuning",
    )
    te_laat = bunnik.acties.filter(timing_eind__lt=timezone.localdate()).first()
    client.force_login(anne)
    pagina = client.get(_url("vergadering_detail", vergadering) + "?bouwer=1").content.decode()
    assert "Agenda samenstellen" in pagina
    assert "Kader basisondersteuning" in pagina
    onderwerp = WettelijkOnderwerp.objects.get(code="evenwichtige-verdeling")
    client.post(
        _url("agenda_samenstellen", vergadering),
        {"onderwerp": [onderwerp.pk], "actiepunt": [actiepunt.pk], "actie": [te_laat.pk]},
    )
    punten = list(vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD).order_by("volgorde"))
    assert [p.volgorde for p in punten] == [1, 2, 3]
    assert {p.actiepunt_id for p in punten} >= {actiepunt.pk}
    assert any(onderwerp in p.onderwerpen.all() for p in punten)
    assert any(te_laat in p.acties.all() for p in punten)
    # Reorder: move the last one up.
    client.post(_url("agendapunt_verplaatsen", vergadering, punten[2].pk), {"richting": "omhoog"})
    assert list(vergadering.punten.order_by("volgorde").values_list("pk", flat=True)) == [
        punten[0].pk,
        punten[2].pk,
        punten[1].pk,
    ]


def test_the_bodys_secretary_may_edit_the_meeting_a_reader_may_not(
    client, sara, vergadering, django_user_model, bunnik
):
    url = _url("vergadering_wijzig", vergadering)
    client.force_login(sara)
    assert client.get(url).status_code == 403
    secretaris = django_user_model.objects.create_user("secretaris", "s@lea.example", "x")
    from lea.models import Lidmaatschap

    Lidmaatschap.objects.create(agenda=bunnik, gebruiker=secretaris, rol=Rol.LEZER)
    vergadering.orgaan.secretaris = Persoon.objects.create(
        agenda=bunnik, naam="Secretaris", gebruiker=secretaris
    )
    vergadering.orgaan.save()
    client.force_login(secretaris)
    data = {
        "begin": "2026-12-16T19:30",
        "eind": "2026-12-16T19:00",
        "locatie": "Raadszaal",
        "status": VergaderStatus.CONCEPT,
        "verslag": "",
    }
    assert "eindigen na het begin" in client.post(url, data).content.decode()
    data["eind"] = "2026-12-16T21:30"
    assert client.post(url, data).status_code == 302
    vergadering.refresh_from_db()
    assert vergadering.begin == datetime.datetime(2026, 12, 16, 19, 30, tzinfo=AMS)


def test_papers_have_size_and_type_limits(client, anne, vergadering):
    client.force_login(anne)
    url = _url("stuk_toevoegen", vergadering)
    exe = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    antwoord = client.post(url, {"titel": "Programma", "bestand": exe}, follow=True)
    assert "Dit soort bestand kan niet worden toegevoegd" in antwoord.content.decode()
    with mock.patch("overleg.models.vergaderingen.MAX_STUK_BYTES", 10):
        groot = SimpleUploadedFile("notitie.pdf", b"%PDF-1.4 " + b"x" * 100)
        antwoord = client.post(url, {"titel": "Notitie", "bestand": groot}, follow=True)
        assert "de grens is" in antwoord.content.decode()
    assert not vergadering.stukken.exists()
    goed = SimpleUploadedFile("notitie.pdf", b"%PDF-1.4 notitie")
    client.post(url, {"titel": "Notitie taalklassen", "bestand": goed})
    stuk = vergadering.stukken.get()
    download = client.get(reverse("stuk_downloaden", args=["bunnik-2025", vergadering.pk, stuk.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 notitie"


def test_minutes_decision_action_point_and_turning_it_into_an_action(
    client, anne, vergadering, bunnik
):
    punt = agendapunt_voeg_toe(
        vergadering=vergadering,
        door=anne,
        velden={"titel": "Taalklassen", "soort": PuntSoort.BESLUITVORMING},
    )
    client.force_login(anne)
    url = _url("agendapunt_verslag", vergadering, punt.pk)
    client.post(url, {"wat": "notulen", "notulen": "De wethouder licht de evaluatie toe."})
    client.post(url, {"wat": "besluit", "tekst": "De taalklassen worden voortgezet."})
    antwoord = client.post(
        url, {"wat": "actiepunt", "omschrijving": "Evaluatie delen"}, follow=True
    )
    assert "Geef aan wie het actiepunt uitvoert" in antwoord.content.decode()
    client.post(
        url,
        {
            "wat": "actiepunt",
            "omschrijving": "Evaluatie delen met de scholen",
            "eigenaar_tekst": "secretaris",
            "deadline": "2027-01-15",
        },
    )
    punt.refresh_from_db()
    assert punt.notulen.startswith("De wethouder")
    assert punt.besluiten.get().tekst == "De taalklassen worden voortgezet."
    actiepunt = Actiepunt.objects.get(agendapunt=punt)
    knoop = bunnik.knopen.first()
    client.post(
        reverse("actiepunt_naar_actie", args=["bunnik-2025", vergadering.pk, actiepunt.pk]),
        {"knoop": knoop.pk},
    )
    actiepunt.refresh_from_db()
    assert actiepunt.actie is not None
    assert actiepunt.actie.titel == "Evaluatie delen met de scholen"
    assert actiepunt.actie.timing_eind == datetime.date(2027, 1, 15)
    pagina = client.get(reverse("actie_detail", args=["bunnik-2025", actiepunt.actie.pk]))
    assert "Besluiten en actiepunten" in pagina.content.decode()
    assert "Evaluatie delen met de scholen" in pagina.content.decode()


def test_register_filters_and_coverage_view(client, sara, anne, vergadering):
    onderwerp = WettelijkOnderwerp.objects.get(code="inschrijving-toelating")
    punt = agendapunt_voeg_toe(
        vergadering=vergadering,
        door=anne,
        onderwerpen=[onderwerp],
        velden={"titel": "Toelatingsprocedures", "soort": PuntSoort.BESLUITVORMING},
    )
    besluit_vastleg(punt=punt, tekst="Eén inschrijfformulier voor alle scholen.")
    client.force_login(sara)
    register = client.get(
        reverse("register", args=["bunnik-2025"]), {"onderwerp": onderwerp.pk, "jaar": 2026}
    )
    assert "Eén inschrijfformulier" in register.content.decode()
    leeg = client.get(reverse("register", args=["bunnik-2025"]), {"jaar": 2025})
    assert "Eén inschrijfformulier" not in leeg.content.decode()
    dekking = client.get(reverse("dekking", args=["bunnik-2025"]), {"jaar": 2026}).content.decode()
    blok = dekking.split(onderwerp.titel)[1].split("</section>")[0]
    assert "Toelatingsprocedures" in blok
    assert "gepland" in blok or "besproken" in blok


def test_dashboard_flags_unscheduled_topics_from_september(client, anne, bunnik):
    client.force_login(anne)
    url = reverse("agenda_dashboard", args=["bunnik-2025"])
    with mock.patch(
        "overleg.views.panelen.timezone.localdate", return_value=datetime.date(2026, 6, 1)
    ):
        assert "nog niet geagendeerd" not in client.get(url).content.decode()
    Agendapunt.objects.filter(vergadering__orgaan__agenda=bunnik).delete()
    with mock.patch(
        "overleg.views.panelen.timezone.localdate", return_value=datetime.date(2026, 9, 2)
    ):
        pagina = client.get(url).content.decode()
    assert "Wettelijke onderwerpen nog niet geagendeerd in 2026" in pagina
    assert "Bevorderen van integratie" in pagina


def test_sending_the_agenda_is_recorded_and_queued_after_commit(
    client, anne, sara, vergadering, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core import mail

    from lea.config.celery import app
    from overleg.models import Orgaanlid
    from overleg.selectors import agendas_te_versturen

    vergadering.orgaan.leden.all().delete()
    lid = Persoon.objects.create(agenda=vergadering.agenda, naam="Lid", email="lid@lea.example")
    Orgaanlid.objects.create(orgaan=vergadering.orgaan, persoon=lid)
    url = _url("agenda_versturen", vergadering)
    client.force_login(sara)
    assert client.post(url).status_code == 403
    client.force_login(anne)
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antwoord = client.post(url, follow=True)
    assert "Zet eerst punten op de agenda" in antwoord.content.decode()
    assert callbacks == []
    vergadering.refresh_from_db()
    assert vergadering.agenda_gevraagd_op is None

    agendapunt_voeg_toe(
        vergadering=vergadering,
        door=anne,
        velden={"titel": "Taalklassen", "soort": PuntSoort.BESPREKING},
    )
    nu = datetime.datetime(2026, 11, 1, 6, tzinfo=AMS)  # long before the lead time
    assert agendas_te_versturen(nu=nu) == []
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(url)
    assert len(na_commit.eigen(callbacks)) == 1
    assert [m.to for m in mail.outbox] == [["lid@lea.example"]]
    verstuurd = Vergadering.objects.get(pk=vergadering.pk)
    assert verstuurd.agenda_gevraagd_op is not None
    assert verstuurd.agenda_verstuurd_op is not None
    assert agendas_te_versturen(nu=nu) == []  # sent: nothing left for the daily run

    # A request whose task was lost is picked up by the daily run, also before the lead time.
    Vergadering.objects.filter(pk=vergadering.pk).update(agenda_verstuurd_op=None)
    assert agendas_te_versturen(nu=nu) == [vergadering.pk]
