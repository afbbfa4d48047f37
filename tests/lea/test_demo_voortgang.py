"""The demo shows a living agenda on first run: a made-up progress history, marked as demo,
kept apart from the transcriptions, that the actions follow."""

import datetime
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from lea.config.demo_voortgang import demo_voortgang_maak
from lea.models import Agenda
from lea.weergave import naam_van
from tests.factories import (
    ActieFactory,
    AgendaFactory,
    GebruikerFactory,
    KnoopFactory,
    PersoonFactory,
    WerkgroepFactory,
)
from werkgroepen.models import Actie, Status, Voortgang
from werkgroepen.selectors import actie_historie
from werkgroepen.selectors.rapportage import laatste_perioden, rapportagestand

pytestmark = pytest.mark.django_db

MET_ACTIES = ("bunnik-2025", "ijsselstein-2025", "houten-2024", "hilversum-2024")


def test_every_demo_agenda_with_actions_has_a_plausible_history_marked_as_demo():
    vandaag = timezone.localdate()
    updates = Voortgang.objects.filter(actie__agenda__slug__in=MET_ACTIES)

    assert updates.exists()
    assert not updates.filter(demo=False).exists()
    assert not Voortgang.objects.filter(actie__agenda__slug="westland-2022").exists()
    for agenda in Agenda.objects.filter(slug__in=MET_ACTIES):
        eigen = updates.filter(actie__agenda=agenda)
        bereik = eigen.aggregate(eerste=Min("datum"), laatste=Max("datum"))
        assert agenda.periode_start <= bereik["eerste"], agenda
        assert bereik["laatste"] <= min(vandaag, agenda.periode_eind), agenda
        assert not eigen.filter(status=Status.AFGEROND).exclude(percentage=100).exists()
        per_actie = Counter(
            eigen.values("actie").annotate(n=Count("pk")).values_list("n", flat=True)
        )
        assert max(per_actie) <= 5, agenda
        assert sum(n for aantal, n in per_actie.items() if aantal >= 2) >= 0.8 * sum(
            per_actie.values()
        ), agenda
        # The words vary: not one sentence for every update.
        assert eigen.values("toelichting").distinct().count() >= 5


def test_each_action_follows_its_latest_update_and_its_history_says_only_that():
    for actie in Actie.objects.filter(agenda__slug__in=MET_ACTIES):
        laatste = actie.voortgang.laatste()
        assert laatste is not None, actie
        assert (
            actie.status,
            actie.percentage,
            actie.rag_tijd,
            actie.rag_geld,
            actie.voortgang_datum,
        ) == (laatste.status, laatste.percentage, laatste.rag_tijd, laatste.rag_geld, laatste.datum)
    # The action's history shows the change of state by the author of the latest update, and
    # not its lead or partners vanishing.
    actie = Actie.objects.filter(agenda__slug="hilversum-2024").exclude(regie=None).first()
    stap = actie_historie(actie)[0]
    assert stap.wie == naam_van(actie.voortgang.laatste().door)
    assert {label for label, _oud, _nieuw in stap.wijzigingen} >= {
        "percentage gereed",
        "laatste voortgang",
    }
    assert not {"regie (organisaties)", "wie helpen mee"} & {
        label for label, _oud, _nieuw in stap.wijzigingen
    }


def test_hilversum_lives_on_its_dashboard_and_one_werkgroep_fell_silent(client, hilversum):
    acties = Actie.objects.filter(agenda=hilversum)
    assert acties.rood().exists()
    assert acties.filter(status=Status.AFGEROND).exists()
    assert acties.filter(status=Status.LOPEND, percentage__gt=0).count() >= 20
    client.force_login(get_user_model().objects.get(username="stuurgroep-hilversum"))

    html = client.get(reverse("agenda_dashboard", args=[hilversum.slug])).text

    assert "voortgang 0%" not in html
    assert "Nog geen voortgang geregistreerd" not in html
    stand = rapportagestand(hilversum)
    afgelopen = [i for i, p in enumerate(stand.perioden) if not p.loopt]
    stil = [r for r in stand.rijen if any(r.cellen[i].soort == "niet" for i in afgelopen)]
    assert len(stil) == 1
    assert any(cel.soort == "gerapporteerd" for rij in stand.rijen for cel in rij.cellen)


def test_the_chair_writes_for_the_werkgroep_and_the_beleid_account_for_the_rest(bunnik):
    voorzitter = get_user_model().objects.get(username="voorzitter-bunnik")
    beleid = get_user_model().objects.get(username="beleid-bunnik")
    eigen = Voortgang.objects.filter(actie__werkgroep__voorzitter__gebruiker=voorzitter)
    assert eigen.exists()
    assert set(eigen.values_list("door", flat=True)) == {voorzitter.pk}
    overig = Voortgang.objects.filter(actie__agenda=bunnik).exclude(pk__in=eigen)
    assert set(overig.values_list("door", flat=True)) == {beleid.pk}


def _reeks(agenda) -> list[tuple]:
    return list(
        Voortgang.objects.filter(actie__agenda=agenda)
        .order_by("actie__volgorde", "datum")
        .values_list("actie__volgorde", "datum", "status", "percentage", "rag_tijd", "toelichting")
    )


def test_the_history_is_the_same_every_run_with_its_gaps_where_told():
    """A fresh agenda of three werkgroepen on a fixed day: the first has not reported in the
    running period, the last not in the last two; run again, the same history."""
    agenda = AgendaFactory.create(periode_start=datetime.date(2024, 1, 1))
    knoop = KnoopFactory.create(agenda=agenda)
    chair = GebruikerFactory.create(username="chair-demo")
    beleid = GebruikerFactory.create(username="beleid-demo")
    werkgroepen = [
        WerkgroepFactory.create(agenda=agenda, naam=f"Werkgroep {n}", volgorde=n) for n in range(3)
    ]
    werkgroepen[0].voorzitter = PersoonFactory.create(agenda=agenda, gebruiker=chair)
    werkgroepen[0].save()
    for n in range(12):
        ActieFactory.create(
            agenda=agenda, knoop=knoop, werkgroep=werkgroepen[n % 3], status=Status.LOPEND,
            timing_eind=datetime.date(2027, 12, 31),
        )  # fmt: skip
    dag = datetime.date(2026, 12, 3)

    assert demo_voortgang_maak(agenda, beleid=beleid, vandaag=dag) > 0
    eerst = _reeks(agenda)
    assert demo_voortgang_maak(agenda, beleid=beleid, vandaag=dag) == 0  # idempotent
    assert _reeks(agenda) == eerst

    perioden = laatste_perioden(agenda, op=dag)
    stand = rapportagestand(agenda, perioden)
    cellen = {str(rij.werkgroep): [c.tekst for c in rij.cellen] for rij in stand.rijen}
    assert cellen["Werkgroep 0"][-1] == "nog niet"
    assert cellen["Werkgroep 1"][1:] == ["gerapporteerd"] * 3
    assert cellen["Werkgroep 2"][-2:] == ["niet", "nog niet"]
    assert set(
        Voortgang.objects.filter(actie__werkgroep=werkgroepen[0]).values_list("door", flat=True)
    ) == {chair.pk}

    Voortgang.objects.filter(actie__agenda=agenda).delete()
    demo_voortgang_maak(agenda, beleid=beleid, vandaag=dag)
    assert _reeks(agenda) == eerst


def test_the_demo_without_progress_adds_none_and_with_it_brings_it_back(hilversum):
    voor = _reeks(hilversum)
    Voortgang.objects.filter(actie__agenda=hilversum).delete()

    call_command("demo", "--zonder-voortgang", verbosity=0)
    assert not Voortgang.objects.filter(actie__agenda=hilversum).exists()

    call_command("demo", verbosity=0)
    assert _reeks(hilversum) == voor
