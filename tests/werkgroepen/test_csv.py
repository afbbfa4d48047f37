"""The action list as CSV: the selection on screen, with the columns of the Acties sheet."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActieFactory
from werkgroepen.models import Actie
from werkgroepen.werkboek import ACTIE_KOLOMMEN, knooplabels

pytestmark = pytest.mark.django_db


def _csv(antwoord) -> list[list[str]]:
    inhoud = antwoord.content.decode("utf-8")
    assert inhoud.startswith("\ufeff")  # Excel reads UTF-8 only with a byte-order mark
    return list(csv.reader(io.StringIO(inhoud[1:]), delimiter=";"))


def test_the_csv_holds_the_filtered_actions_as_the_list_shows_them(client, bunnik, sara, werkgroep):
    client.force_login(sara)  # a reader of the agenda
    antwoord = client.get(
        reverse("actie_csv", args=[bunnik.slug]), {"werkgroep": werkgroep.pk, "sorteer": "-titel"}
    )

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    vandaag = timezone.localdate()
    assert antwoord["Content-Disposition"] == (
        f'attachment; filename="{bunnik.slug}-acties-{vandaag:%Y-%m-%d}.csv"'
    )
    kop, *rijen = _csv(antwoord)
    assert kop == [k.kop for k in ACTIE_KOLOMMEN]
    assert kop[:4] == ["ID", "Code", "Knoop", "Actie"]
    verwacht = werkgroep.acties.actief().order_by("-titel")
    assert [int(r[0]) for r in rijen] == list(verwacht.values_list("pk", flat=True))
    eerste, actie = dict(zip(kop, rijen[0], strict=True)), verwacht.first()
    assert eerste["Knoop"] == knooplabels(bunnik)[actie.knoop_id]
    assert eerste["Werkgroep"] == werkgroep.naam
    assert eerste["Status"] == actie.get_status_display()
    if actie.timing_eind:
        assert eerste["Einde"] == f"{actie.timing_eind:%d-%m-%Y}"


def test_without_filters_the_csv_holds_every_active_action(client, bunnik, anne):
    client.force_login(anne)
    _kop, *rijen = _csv(client.get(reverse("actie_csv", args=[bunnik.slug])))
    actief = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde", "pk")
    assert [int(r[0]) for r in rijen] == list(actief.values_list("pk", flat=True))


def test_the_list_links_to_the_csv_of_its_selection(client, bunnik, sara, werkgroep):
    client.force_login(sara)
    pagina = client.get(
        reverse("actie_lijst", args=[bunnik.slug]), {"werkgroep": werkgroep.pk, "pagina": 2}
    )
    link = f'{reverse("actie_csv", args=[bunnik.slug])}?werkgroep={werkgroep.pk}"'
    assert link in pagina.content.decode()
    assert "Exporteren naar CSV (deze selectie)" in pagina.content.decode()


def test_a_cell_that_looks_like_a_formula_stays_text(client, bunnik, anne):
    actie = ActieFactory(agenda=bunnik, knoop=bunnik.knopen.first(), titel="=HYPERLINK(1)")
    client.force_login(anne)
    kop, *rijen = _csv(client.get(reverse("actie_csv", args=[bunnik.slug]), {"q": "HYPERLINK"}))
    assert [(int(r[0]), r[kop.index("Actie")]) for r in rijen] == [(actie.pk, "'=HYPERLINK(1)")]


def test_an_outsider_does_not_get_the_csv(client, bunnik, henk):
    client.force_login(henk)
    assert client.get(reverse("actie_csv", args=[bunnik.slug])).status_code == 404
    client.logout()
    antwoord = client.get(reverse("actie_csv", args=[bunnik.slug]))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))


def test_the_csv_takes_a_fixed_number_of_queries(
    client, bunnik, anne, django_assert_max_num_queries
):
    client.force_login(anne)
    url = reverse("actie_csv", args=[bunnik.slug])
    with django_assert_max_num_queries(15) as weinig:
        client.get(url)
    for _ in range(250):
        ActieFactory(agenda=bunnik, knoop=bunnik.knopen.first())
    with django_assert_max_num_queries(len(weinig)):
        _kop, *rijen = _csv(client.get(url))
    assert len(rijen) == Actie.objects.filter(agenda=bunnik).actief().count()
