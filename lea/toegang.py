"""Who may see what: the one module that owns the access rules.

Every agenda-scoped view starts with a fetch from here. An agenda the user has no role in
does not exist for them (404, so its existence does not leak).
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from lea.models import Agenda, Lidmaatschap


def agendas_voor(gebruiker) -> QuerySet[Agenda]:
    """The agendas this user may see: all for a superuser, else those they hold a role in."""
    if not gebruiker.is_authenticated:
        return Agenda.objects.none()
    if gebruiker.is_superuser:
        return Agenda.objects.all()
    return Agenda.objects.filter(lidmaatschappen__gebruiker=gebruiker).distinct()


def rol_in(gebruiker, agenda: Agenda) -> str | None:
    """The user's role in this agenda (superusers count as beheerder), or None."""
    if gebruiker.is_superuser:
        return "beheerder"
    lidmaatschap = Lidmaatschap.objects.filter(agenda=agenda, gebruiker=gebruiker).first()
    return lidmaatschap.rol if lidmaatschap else None


def agenda_voor_lezen(request: HttpRequest, slug: str) -> Agenda:
    """The agenda for reading, or 404 when the user has no role in it."""
    try:
        return agendas_voor(request.user).get(slug=slug)
    except Agenda.DoesNotExist:
        raise Http404("Deze agenda bestaat niet of u heeft er geen toegang toe.") from None
