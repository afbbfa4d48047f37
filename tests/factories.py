"""factory_boy factories, in one place."""

import datetime

import factory
from django.contrib.auth import get_user_model

from ambities.models import Knoop
from lea.models import Agenda, Lidmaatschap, Organisatie, Persoon
from werkgroepen.models import Actie, Voortgang, Werkgroep


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@lea.example")
    password = factory.django.Password("lea-demo")


class AgendaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agenda

    slug = factory.Sequence(lambda n: f"proefdorp-{n}")
    gemeente = factory.Sequence(lambda n: f"Proefdorp {n}")
    titel = factory.LazyAttribute(lambda o: f"LEA {o.gemeente}")
    periode_start = datetime.date(2025, 1, 1)
    periode_eind = datetime.date(2028, 12, 31)
    niveau2_naam = "Speerpunt"
    niveau2_meervoud = "Speerpunten"


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    agenda = factory.SubFactory(AgendaFactory)
    naam = factory.Sequence(lambda n: f"Organisatie {n}")


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    agenda = factory.SubFactory(AgendaFactory)
    naam = factory.Sequence(lambda n: f"Persoon {n}")


class KnoopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Knoop

    agenda = factory.SubFactory(AgendaFactory)
    niveau = 1
    titel = factory.Sequence(lambda n: f"Ambitie {n}")
    code = factory.Sequence(lambda n: str(n))


class WerkgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkgroep

    agenda = factory.SubFactory(AgendaFactory)
    naam = factory.Sequence(lambda n: f"Werkgroep {n}")


class ActieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actie

    agenda = factory.SubFactory(AgendaFactory)
    knoop = factory.SubFactory(KnoopFactory, agenda=factory.SelfAttribute("..agenda"))
    titel = factory.Sequence(lambda n: f"Actie {n}")
    code = factory.Sequence(lambda n: f"{n}")
    volgorde = factory.Sequence(lambda n: n)
    timing_soort = "jaar"
    timing_start = datetime.date(2025, 1, 1)
    timing_eind = datetime.date(2025, 12, 31)


class VoortgangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voortgang

    actie = factory.SubFactory(ActieFactory)
    datum = datetime.date(2025, 6, 1)
    status = "lopend"
    rag_tijd = "groen"
    rag_geld = "oranje"
    percentage = 40
    toelichting = "Loopt."


def lidmaatschap(agenda, gebruiker, rol):
    return Lidmaatschap.objects.create(agenda=agenda, gebruiker=gebruiker, rol=rol)


def voortgang_meld(actie, door, *, datum, percentage, toelichting, status="lopend"):
    """A progress update through the service (the action follows it), green on time and money."""
    from werkgroepen.services import voortgang_registreer

    return voortgang_registreer(
        actie=actie,
        door=door,
        datum=datum,
        status=status,
        rag_tijd="groen",
        rag_geld="groen",
        percentage=percentage,
        toelichting=toelichting,
    )
