"""What the tests of the chair's report page and its link share: today, the page's URLs, a
werkgroep's open actions and the fields of one action's update."""

from django.urls import reverse
from django.utils import timezone

from werkgroepen.models import Actie, Status, Werkgroep
from werkgroepen.services.rapportagelink import token_van

VANDAAG = timezone.localdate()


def url(link, wat="", actie=None):
    naam = "rapportagelink" + (f"_{wat}" if wat else "")
    args = [token_van(link)] + ([actie.pk] if actie is not None else [])
    return reverse(naam, args=args)


def open_acties(werkgroep: Werkgroep) -> list[Actie]:
    return list(Actie.objects.open().filter(werkgroep=werkgroep).order_by("volgorde", "pk"))


def update(actie, prefix=None, **velden):
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
