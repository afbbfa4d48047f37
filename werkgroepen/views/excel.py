"""A werkgroep's progress sheet in Excel: its chair (or the beheerder) exports the Voortgang
sheet of this werkgroep, fills it in offline and reads it back. The pages are the core's
(lea.views.werkboek); this module says where they live and who may use them."""

from django.http import HttpRequest, HttpResponse

from lea.models import Werkboekimport
from lea.toegang import LEZEN_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view
from lea.views import werkboek
from werkgroepen.models import Werkgroep
from werkgroepen.toegang import werkgroep_haal


def _plek(toegang: Toegang, werkgroep: Werkgroep) -> werkboek.Plek:
    imports = Werkboekimport.objects.filter(agenda=toegang.agenda, werkgroep_id=werkgroep.pk)
    if not toegang.mag.beheer:  # a chair sees their own imports
        imports = imports.filter(door=toegang.gebruiker)
    return werkboek.Plek(
        voorvoegsel="werkgroep_excel",
        args=(toegang.agenda.slug, werkgroep.pk),
        imports=imports,
        titel=f"Voortgang in Excel – {werkgroep.naam}",
        werkgroep_id=werkgroep.pk,
        werkgroep_naam=werkgroep.naam,
    )


@agenda_view(Recht.VOORTGANG, werkgroep_haal)
def werkgroep_excel(request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep) -> HttpResponse:
    return werkboek.pagina(request, toegang, _plek(toegang, werkgroep))


@agenda_view(Recht.VOORTGANG, werkgroep_haal)
def werkgroep_excel_export(
    request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep
) -> HttpResponse:
    return werkboek.export(request, toegang, _plek(toegang, werkgroep))


@agenda_view(Recht.VOORTGANG, werkgroep_haal, methoden=POST_METHODEN)
def werkgroep_excel_upload(
    request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep
) -> HttpResponse:
    return werkboek.upload(request, toegang, _plek(toegang, werkgroep))


@agenda_view(Recht.VOORTGANG, werkgroep_haal, methoden=LEZEN_METHODEN)
def werkgroep_excel_import(
    request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep, imp: int
) -> HttpResponse:
    return werkboek.voorbeeld(request, toegang, _plek(toegang, werkgroep), imp)


@agenda_view(Recht.VOORTGANG, werkgroep_haal, methoden=POST_METHODEN)
def werkgroep_excel_toepassen(
    request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep, imp: int
) -> HttpResponse:
    return werkboek.toepassen(request, toegang, _plek(toegang, werkgroep), imp)


@agenda_view(Recht.VOORTGANG, werkgroep_haal, methoden=POST_METHODEN)
def werkgroep_excel_verwerpen(
    request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep, imp: int
) -> HttpResponse:
    return werkboek.verwerpen(request, toegang, _plek(toegang, werkgroep), imp)
