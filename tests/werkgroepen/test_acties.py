"""What users rely on: current status, history, conflicts, notifications, bulk changes."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Melding, Persoon
from tests import na_commit
from tests.factories import voortgang_meld
from werkgroepen.models import Actie, Status, Voortgang
from werkgroepen.selectors import stand_per_knoop
from werkgroepen.tasks import statusmelding_taak

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


VANDAAG = timezone.localdate()


def _update(client, actie, **anders):
    data = {
        "datum": VANDAAG.isoformat(),
        "status": "lopend",
        "rag_tijd": "groen",
        "rag_geld": "groen",
        "percentage": "50",
        "toelichting": "Gaat goed.",
    }
    data.update(anders)
    return client.post(reverse("actie_voortgang", args=[actie.agenda.slug, actie.pk]), data)


def test_status_and_progress_are_those_of_the_latest_update(client, victor, actie_van_victor):
    client.force_login(victor)
    _update(client, actie_van_victor, percentage="60", status="lopend")
    # A report about an earlier date does not overrule the latest one.
    gisteren = (VANDAAG - datetime.timedelta(days=30)).isoformat()
    _update(client, actie_van_victor, datum=gisteren, percentage="10", status="uitgesteld")
    actie_van_victor.refresh_from_db()
    assert (actie_van_victor.status, actie_van_victor.percentage) == ("lopend", 60)
    pagina = client.get(reverse("actie_detail", args=["bunnik-2025", actie_van_victor.pk]))
    tekst = pagina.content.decode()
    # Timeline newest first.
    assert tekst.index("Lopend, 60% gereed") < tekst.index("Uitgesteld, 10% gereed")


def test_node_progress_follows_the_documented_rule(bunnik, anne):
    knoop = bunnik.knopen.get(code="1")
    acties = list(knoop.acties.order_by("volgorde")[:4])
    for actie, (status, pct) in zip(
        acties, [("lopend", 40), ("afgerond", 100), ("gestopt", 0), ("lopend", 20)], strict=True
    ):
        voortgang_meld(actie, anne, datum=VANDAAG, status=status, percentage=pct, toelichting="x")
    overige = knoop.acties.exclude(pk__in=[a.pk for a in acties])
    overige.filter(pk=overige.first().pk).update(gearchiveerd=True)
    tellend = overige.filter(gearchiveerd=False).count()
    # afgerond counts as 100, gestopt and archived do not count, the rest at their percentage
    verwacht = round((40 + 100 + 20 + 0 * tellend) / (3 + tellend))
    assert stand_per_knoop(bunnik)[knoop.pk].voortgang == verwacht


def test_every_change_is_in_the_history_with_who(client, anne, actie_van_victor):
    client.force_login(anne)
    url = reverse("actie_bewerken", args=["bunnik-2025", actie_van_victor.pk])
    formulier = client.get(url).context["form"]
    data = {
        k: v
        for k, v in formulier.initial.items()
        if v is not None and k not in ("regie", "partners")
    }
    data.update(
        titel="Inventarisatie kennis en kunde",
        knoop=actie_van_victor.knoop_id,
        werkgroep=actie_van_victor.werkgroep_id,
        versie=actie_van_victor.versie,
    )
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    assert client.post(url, data).status_code == 302
    pagina = client.get(reverse("actie_detail", args=["bunnik-2025", actie_van_victor.pk]))
    historie = pagina.content.decode().split('id="kop-historie"')[1]
    assert "Inventarisatie kennis en kunde" in historie
    assert f"gewijzigd door {anne.get_full_name()}" in historie


def test_second_save_of_the_same_version_is_refused_with_what_changed(
    client, anne, victor, actie_van_victor
):
    url = reverse("actie_bewerken", args=["bunnik-2025", actie_van_victor.pk])
    basis = {
        "timing_soort": "jaar",
        "timing_start": "2025-01-01",
        "timing_eind": "2025-12-31",
        "versie": actie_van_victor.versie,
    }
    client.force_login(victor)
    assert client.post(url, {**basis, "timing_tekst": "voorjaar 2025"}).status_code == 302

    client.force_login(anne)  # Anne opened the form before Victor saved
    formulier = {
        **basis,
        "timing_tekst": "najaar 2025",
        "knoop": actie_van_victor.knoop_id,
        "titel": actie_van_victor.titel,
    }
    antwoord = client.post(url, formulier)
    assert antwoord.status_code == 409
    tekst = antwoord.content.decode()
    assert "iemand anders heeft deze opdracht intussen gewijzigd" in tekst
    assert "voorjaar 2025" in tekst
    assert f"{victor.get_full_name()} sloeg op" in tekst
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.timing_tekst == "voorjaar 2025"
    # Having seen it, Anne saves again on purpose.
    formulier["versie"] = antwoord.context["form"].data["versie"]
    assert client.post(url, formulier).status_code == 302
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.timing_tekst == "najaar 2025"


@pytest.fixture
def leider(bunnik, actie_van_victor, django_user_model):
    """The lead (regiehouder) of Victor's action, with a login and e-mail address."""
    user = django_user_model.objects.create_user("regiehouder", "regie@lea.example", "x")
    persoon = Persoon.objects.create(agenda=bunnik, naam="Regiehouder", gebruiker=user)
    Actie.objects.filter(pk=actie_van_victor.pk).update(regie_persoon=persoon)
    return user


def test_status_change_notifies_lead_and_chair_once_after_commit(
    client, anne, victor, leider, actie_van_victor, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert _update(client, actie_van_victor, status="uitgesteld").status_code == 302
    # One notification job; the others raise the agenda's version (monitoring/versie.py).
    meldingen = na_commit.eigen(callbacks)
    assert len(meldingen) == 1
    ontvangers = sorted(m.to[0] for m in mail.outbox)
    assert ontvangers == ["regie@lea.example", "voorzitter-bunnik@lea.example"]
    assert "uitgesteld" in mail.outbox[0].subject
    assert Melding.objects.filter(gebruiker=leider).count() == 1
    # A retry of the same task sends nothing twice.
    voortgang = Voortgang.objects.get(actie=actie_van_victor)
    assert statusmelding_taak(voortgang.pk) == 0
    assert len(mail.outbox) == 2


def test_no_notification_without_a_status_change_nor_to_the_author(
    client, victor, leider, actie_van_victor, django_capture_on_commit_callbacks
):
    client.force_login(victor)
    with django_capture_on_commit_callbacks(execute=True):
        _update(client, actie_van_victor, status="lopend")  # gepland -> lopend: a change
        _update(client, actie_van_victor, status="lopend", percentage="70")  # no change
    assert [m.to for m in mail.outbox] == [["regie@lea.example"]]


def test_notification_list_and_reading(
    client, leider, victor, actie_van_victor, django_capture_on_commit_callbacks
):
    client.force_login(victor)
    with django_capture_on_commit_callbacks(execute=True):
        _update(client, actie_van_victor, status="afgerond", percentage="100")
    client.force_login(leider)
    assert "ongelezen" in client.get(reverse("meldingen")).content.decode()
    melding = Melding.objects.get(gebruiker=leider)
    antwoord = client.post(reverse("melding_open", args=[melding.pk]))
    assert antwoord["Location"] == reverse(
        "actie_detail", args=["bunnik-2025", actie_van_victor.pk]
    )
    melding.refresh_from_db()
    assert melding.gelezen_op is not None


def test_a_failing_mail_server_does_not_break_the_save(
    client, anne, leider, actie_van_victor, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    client.force_login(anne)
    with django_capture_on_commit_callbacks(execute=True):
        assert _update(client, actie_van_victor, status="uitgesteld").status_code == 302
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.status == "uitgesteld"
    # The notification stays unsent, so a retry will send it.
    assert Melding.objects.get(gebruiker=leider).email_verzonden_op is None


def test_bulk_change_is_recorded_like_single_changes(client, anne, bunnik, werkgroep):
    client.force_login(anne)
    acties = list(bunnik.acties.exclude(werkgroep=werkgroep).order_by("volgorde")[:3])
    org = bunnik.organisaties.first()
    antwoord = client.post(
        reverse("acties_bulk", args=[bunnik.slug]),
        {
            "acties": [a.pk for a in acties],
            "status": "lopend",
            "werkgroep": werkgroep.pk,
            "regie": org.pk,
        },
    )
    assert antwoord.status_code == 302
    for actie in acties:
        actie.refresh_from_db()
        assert (actie.status, actie.werkgroep) == ("lopend", werkgroep)
        assert list(actie.regie.all()) == [org]
        assert actie.voortgang.get().door == anne
        laatste = actie.history.first()
        assert laatste.history_user == anne
        assert laatste.werkgroep_id == werkgroep.pk


def test_archiving_keeps_the_action(client, anne, actie_van_victor):
    client.force_login(anne)
    client.post(reverse("actie_archiveren", args=["bunnik-2025", actie_van_victor.pk]))
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.gearchiveerd
    client.get(reverse("actie_detail", args=["bunnik-2025", actie_van_victor.pk]))  # the notice
    lijst = client.get(reverse("actie_lijst", args=["bunnik-2025"])).content.decode()
    assert actie_van_victor.titel not in lijst
    client.post(
        reverse("actie_archiveren", args=["bunnik-2025", actie_van_victor.pk]), {"terugzetten": "1"}
    )
    actie_van_victor.refresh_from_db()
    assert not actie_van_victor.gearchiveerd


def test_node_with_active_actions_is_not_archived(client, anne, bunnik):
    client.force_login(anne)
    knoop = bunnik.knopen.get(code="1")
    antwoord = client.post(reverse("knoop_archiveren", args=[bunnik.slug, knoop.pk]), follow=True)
    assert "Archiveer eerst de acties" in antwoord.content.decode()
    knoop.refresh_from_db()
    assert not knoop.gearchiveerd


def test_inline_update_on_the_werkgroep_page_refreshes_the_row(
    client, victor, werkgroep, actie_van_victor
):
    client.force_login(victor)
    pagina = client.get(reverse("werkgroep_detail", args=["bunnik-2025", werkgroep.pk]))
    assert "nog niet gerapporteerd" in pagina.content.decode()
    url = reverse("werkgroep_voortgang", args=["bunnik-2025", werkgroep.pk, actie_van_victor.pk])
    formulier = client.get(url, headers={"HX-Request": "true"})
    assert f'id="actie-{actie_van_victor.pk}"' in formulier.content.decode()
    assert "<html" not in formulier.content.decode()
    p = f"actie{actie_van_victor.pk}-"
    antwoord = client.post(
        url,
        {
            p + "datum": VANDAAG.isoformat(),
            p + "status": "lopend",
            p + "rag_tijd": "oranje",
            p + "rag_geld": "groen",
            p + "percentage": "25",
            p + "toelichting": "Gestart.",
        },
        headers={"HX-Request": "true"},
    )
    rij = antwoord.content.decode()
    assert rij.startswith(f'<tr id="actie-{actie_van_victor.pk}"')
    assert "bijgewerkt" in rij
    assert "25%" in rij
    assert "Lopend" in rij
    # Without JavaScript the same form posts and returns to the werkgroep page.
    antwoord = client.post(
        url,
        {
            p + "datum": VANDAAG.isoformat(),
            p + "status": "lopend",
            p + "rag_tijd": "groen",
            p + "rag_geld": "groen",
            p + "percentage": "30",
            p + "toelichting": "Verder.",
        },
    )
    assert antwoord.status_code == 302


def test_mijn_overzicht_shows_my_werkgroeps_actions_and_due_updates(client, victor, werkgroep):
    client.force_login(victor)
    pagina = client.get(reverse("home")).content.decode()
    assert "Voortgang nog te rapporteren" in pagina
    for actie in werkgroep.acties.all()[:3]:
        assert actie.titel in pagina


def test_action_list_filters_live_in_the_url(client, sara, bunnik, werkgroep):
    client.force_login(sara)
    url = reverse("actie_lijst", args=[bunnik.slug])
    antwoord = client.get(url, {"werkgroep": werkgroep.pk, "sorteer": "-code"})
    gevonden = list(antwoord.context["pagina"])
    assert gevonden
    assert all(a.werkgroep_id == werkgroep.pk for a in gevonden)
    assert antwoord.context["pagina"].paginator.count == werkgroep.acties.count()
    zoek = client.get(url, {"q": "stakeholdersanalyse"}).context["pagina"]
    assert [a.titel[:30] for a in zoek] == ["Maak een stakeholdersanalyse z"]
    te_laat = client.get(url, {"te_laat": "on"}).context["pagina"]
    assert all(a.timing_eind < VANDAAG for a in te_laat)
    assert client.get(url, {"status": ["afgerond"]}).context["pagina"].paginator.count == 0


def test_dashboard_shows_the_new_status(client, anne, actie_van_victor, bunnik):
    client.force_login(anne)
    voor = client.get(reverse("agenda_dashboard", args=[bunnik.slug])).content.decode()
    assert "Afgerond: 1" not in voor
    _update(client, actie_van_victor, status="afgerond", percentage="100")
    na = client.get(reverse("agenda_dashboard", args=[bunnik.slug])).content.decode()
    assert "Afgerond: 1" in na
    assert actie_van_victor.titel in na
    assert Status.AFGEROND.label in na
