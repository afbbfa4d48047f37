"""What the beheerder maintains travels with the agenda document: realisations per quarter,
the money thresholds, archived lines, a measurement's date and source, a school's location."""

import datetime
from decimal import Decimal

import pytest

from lea.models import Agenda
from lea.portability import agenda_exporteer, agenda_importeer
from monitoring.models import Geldregel, Meting, School
from monitoring.services.begroting import realisatie_bewaar

pytestmark = pytest.mark.django_db


def test_the_new_figures_survive_a_round_trip(hilversum, henk):
    begroting = hilversum.begroting
    posten = list(begroting.posten.filter(ouder=None, onderdelen=None)[:2])
    jaar = begroting.eerste_jaar
    realisatie_bewaar(post=posten[0], jaar=jaar, kwartaal=1, bedrag=Decimal(100), door=henk)
    realisatie_bewaar(post=posten[0], jaar=jaar, kwartaal=3, bedrag=Decimal(250), door=henk)
    posten[1].gearchiveerd = True
    posten[1].save()
    Geldregel.objects.create(agenda=hilversum, oranje_vanaf_pct=5, rood_vanaf_pct=15)
    indicator = hilversum.indicatoren.first()
    Meting.objects.create(
        indicator=indicator,
        jaar=2019,
        datum=datetime.date(2019, 10, 1),
        waarde=Decimal(7),
        bron="CBS Statline",
    )
    School.objects.create(agenda=hilversum, naam="De Kraaienhorst", locatie="Kerkelanden")
    eerste = agenda_exporteer(hilversum)

    Agenda.objects.filter(pk=hilversum.pk).delete()
    agenda = agenda_importeer(document=eerste)
    assert agenda_exporteer(agenda) == eerste
    bedrag = agenda.begroting.posten.get(naam=posten[0].naam).bedragen.get(jaar=jaar)
    assert bedrag.realisatie == Decimal(350)
    assert sorted(bedrag.kwartalen.values_list("kwartaal", flat=True)) == [1, 3]
    assert agenda.begroting.posten.get(naam=posten[1].naam).gearchiveerd
    assert Geldregel.objects.get(agenda=agenda).rood_vanaf_pct == 15
