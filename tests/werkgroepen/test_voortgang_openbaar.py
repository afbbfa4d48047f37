"""Public marks: a progress update chosen public on its form, the beheerder's public wording,
and the public marks on decisions and reports."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from lea.config.demo_voortgang import demo_voortgang_verwijder
from werkgroepen.models import Voortgang
from werkgroepen.services.acties import voortgang_openbaar_zet

pytestmark = pytest.mark.django_db


def _update(client, actie, **anders):
    data = {
        "datum": timezone.localdate().isoformat(),
        "status": "lopend",
        "rag_tijd": "groen",
        "rag_geld": "groen",
        "percentage": "50",
        "toelichting": "Intern: de partner haakt misschien af.",
        **anders,
    }
    return client.post(reverse("actie_voortgang", args=[actie.agenda.slug, actie.pk]), data)


def test_progress_form_stores_the_public_choice_off_by_default(client, victor, actie_van_victor):
    demo_voortgang_verwijder(actie_van_victor.agenda)
    client.force_login(victor)
    formulier = client.get(reverse("actie_voortgang", args=["bunnik-2025", actie_van_victor.pk]))
    assert "Openbaar maken" in formulier.text
    assert "Komt in de openbare weergave als de agenda gepubliceerd is." in formulier.text
    _update(client, actie_van_victor, percentage="40")
    _update(client, actie_van_victor, percentage="60", openbaar="on")
    assert list(actie_van_victor.voortgang.order_by("percentage").values_list("openbaar")) == [
        (False,),
        (True,),
    ]


def test_beheerder_words_an_update_for_the_public_and_the_record_stays(
    client, anne, victor, actie_van_victor
):
    voortgang = actie_van_victor.voortgang.order_by("-datum", "-pk").first()
    voor = (voortgang.toelichting, voortgang.status, voortgang.percentage, voortgang.openbaar)
    url = reverse("actie_voortgang_openbaar", args=["bunnik-2025", actie_van_victor.pk])
    detail = reverse("actie_detail", args=["bunnik-2025", actie_van_victor.pk])
    data = {"voortgang": voortgang.pk, "openbaar": "1", "openbare_tekst": "Het loopt volgens plan."}

    # The chair sees no editor and is refused.
    client.force_login(victor)
    assert url not in client.get(detail).text
    assert client.post(url, data).status_code == 403
    with pytest.raises(PermissionDenied):
        voortgang_openbaar_zet(voortgang=voortgang, door=victor, openbaar=True)
    voortgang.refresh_from_db()
    assert (voortgang.openbaar, voortgang.openbare_tekst) == (voor[3], "")

    client.force_login(anne)
    aantal = voortgang.history.count()
    antwoord = client.post(url, data, follow=True)
    assert "is openbaar" in antwoord.text
    voortgang.refresh_from_db()
    assert voortgang.openbaar
    assert voortgang.openbare_tekst == "Het loopt volgens plan."
    assert (voortgang.toelichting, voortgang.status, voortgang.percentage) == voor[:3]
    assert voortgang.history.count() == aantal + 1
    assert voortgang.history.first().history_user == anne
    assert "Tekst voor het publiek:" in antwoord.text
    assert "openbaar</span>" in antwoord.text

    # Off again; an update of another action is not reached through this one.
    client.post(url, {"voortgang": voortgang.pk})
    voortgang.refresh_from_db()
    assert not voortgang.openbaar
    andere = Voortgang.objects.exclude(actie=actie_van_victor).filter(openbaar=False).first()
    rijen = andere.history.count()
    antwoord = client.post(url, {"voortgang": andere.pk, "openbaar": "1"}, follow=True)
    assert "hoort niet bij deze actie" in antwoord.text
    andere.refresh_from_db()
    assert (andere.openbaar, andere.history.count()) == (False, rijen)


def test_decision_toggle_for_the_secretariat_only(client, anne, sara, bunnik):
    from overleg.models import Vergadering
    from overleg.services import agendapunt_voeg_toe, besluit_vastleg

    vergadering = Vergadering.objects.filter(orgaan__agenda=bunnik).order_by("begin").first()
    punt = agendapunt_voeg_toe(
        vergadering=vergadering, door=anne, velden={"titel": "Begroting", "soort": "bespreking"}
    )
    besluit = besluit_vastleg(punt=punt, tekst="De stuurgroep stemt in met de begroting.")
    url = reverse("besluit_openbaar", args=[bunnik.slug, vergadering.pk])

    client.force_login(sara)
    assert client.post(url, {"besluit": besluit.pk, "openbaar": "1"}).status_code == 403
    besluit.refresh_from_db()
    assert not besluit.openbaar

    client.force_login(anne)
    pagina = client.get(reverse("vergadering_detail", args=[bunnik.slug, vergadering.pk]))
    assert "Openbaar maken" in pagina.text
    antwoord = client.post(url, {"besluit": besluit.pk, "openbaar": "1"}, follow=True)
    assert "Het besluit is openbaar." in antwoord.text
    assert "Niet meer openbaar" in antwoord.text
    besluit.refresh_from_db()
    assert besluit.openbaar
    assert besluit.history.first().history_user == anne
    client.post(url, {"besluit": besluit.pk, "openbaar": "0"})
    besluit.refresh_from_db()
    assert not besluit.openbaar


def test_report_toggle_for_the_beheerder_on_a_made_report(client, anne, sara, bunnik):
    from monitoring.models import Rapport

    klaar = Rapport.objects.create(agenda=bunnik, soort="jaarverslag", jaar=2025, status="klaar")
    mislukt = Rapport.objects.create(
        agenda=bunnik, soort="jaarverslag", jaar=2025, versie=2, status="mislukt"
    )

    def zet(rapport, openbaar="1"):
        url = reverse("rapport_openbaar", args=[bunnik.slug, rapport.pk])
        return client.post(url, {"openbaar": openbaar}, follow=True)

    client.force_login(sara)
    assert zet(klaar).status_code == 403
    client.force_login(anne)
    antwoord = zet(mislukt)
    assert "Alleen een rapport dat klaar is" in antwoord.text
    mislukt.refresh_from_db()
    assert not mislukt.openbaar
    antwoord = zet(klaar)
    assert "is openbaar" in antwoord.text
    assert "Niet meer openbaar" in antwoord.text
    klaar.refresh_from_db()
    assert klaar.openbaar
    zet(klaar, "0")
    klaar.refresh_from_db()
    assert not klaar.openbaar


def test_demo_marks_about_a_third_of_its_updates_public(bunnik):
    demo = Voortgang.objects.filter(actie__agenda=bunnik, demo=True)
    openbaar = demo.filter(openbaar=True).count()
    assert 0.2 < openbaar / demo.count() < 0.5
