"""Who may see and do what: the one module that owns the access rules.

Roles per agenda (Lidmaatschap): beheerder edits everything; a werkgroepvoorzitter (the role
follows from chairing a werkgroep) updates the progress and practical fields of that
werkgroep's actions; a lid reads and comments on their werkgroep's actions; a lezer reads.

Every agenda-scoped view starts with a fetch from here. An agenda the user has no role in
does not exist for them (404, so its existence does not leak); a change their role does not
allow is refused (403). The rules reach the later apps' objects through their relations to
the agenda only, so this module imports nothing from them.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from lea.models import Agenda, Lidmaatschap, Rol


class Recht(StrEnum):
    """What a view needs; the permission-matrix test reads it from each view."""

    LEZEN = "lezen"  # any role in the agenda
    OPMERKEN = "opmerken"  # beheerder, or chair or member of the action's werkgroep
    VOORTGANG = "voortgang"  # beheerder, or chair of the action's (or werkgroep's) werkgroep
    BEHEER = "beheer"  # beheerder
    VOORSTELLEN = "voorstellen"  # any role: propose an agenda item for a meeting
    SECRETARIAAT = "secretariaat"  # beheerder, or the secretary of the meeting's body


def agenda_view(recht: Recht) -> Callable:
    """Mark a view as agenda-scoped with the right it needs; requires a login."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapper.recht = recht
        return login_required(wrapper)

    return decorator


# --- roles -------------------------------------------------------------------------------


def agendas_voor(gebruiker) -> QuerySet[Agenda]:
    """The agendas this user may see: all for a superuser, else those they hold a role in."""
    if not gebruiker.is_authenticated:
        return Agenda.objects.none()
    if gebruiker.is_superuser:
        return Agenda.objects.all()
    return Agenda.objects.filter(
        Q(lidmaatschappen__gebruiker=gebruiker) | Q(werkgroepen__voorzitter__gebruiker=gebruiker)
    ).distinct()


def rol_in(gebruiker, agenda: Agenda) -> str | None:
    """The user's role in this agenda (a superuser counts as beheerder), or None."""
    if not gebruiker.is_authenticated:
        return None
    if gebruiker.is_superuser:
        return Rol.BEHEERDER
    lidmaatschap = Lidmaatschap.objects.filter(agenda=agenda, gebruiker=gebruiker).first()
    rol = lidmaatschap.rol if lidmaatschap else None
    if rol in (None, Rol.LID, Rol.LEZER) and voorzitter_van(gebruiker, agenda).exists():
        return Rol.WERKGROEPVOORZITTER
    return rol


def beheerders_van(agenda: Agenda) -> QuerySet:
    """The logins with the beheerder role in this agenda (who gets its reminders)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        lidmaatschappen__agenda=agenda, lidmaatschappen__rol=Rol.BEHEERDER
    )


def voorzitter_van(gebruiker, agenda: Agenda) -> QuerySet:
    """The werkgroepen of this agenda the user chairs."""
    return agenda.werkgroepen.filter(voorzitter__gebruiker=gebruiker)


def is_beheerder(gebruiker, agenda: Agenda) -> bool:
    rol = agenda.rol if hasattr(agenda, "rol") else rol_in(gebruiker, agenda)
    return rol == Rol.BEHEERDER


def mag_voortgang(gebruiker, actie) -> bool:
    """Beheerder, or chair of the werkgroep that carries the action."""
    return is_beheerder(gebruiker, actie.agenda) or is_voorzitter(gebruiker, actie.werkgroep)


def is_voorzitter(gebruiker, werkgroep) -> bool:
    return bool(
        werkgroep
        and werkgroep.voorzitter_id
        and werkgroep.voorzitter.gebruiker_id is not None
        and werkgroep.voorzitter.gebruiker_id == gebruiker.pk
    )


def mag_opmerken(gebruiker, actie) -> bool:
    """Beheerder, or chair or member of the werkgroep that carries the action."""
    if mag_voortgang(gebruiker, actie):
        return True
    return bool(actie.werkgroep_id and actie.werkgroep.leden.filter(gebruiker=gebruiker).exists())


# --- permission-checked fetches -----------------------------------------------------------


def _agenda(request: HttpRequest, slug: str) -> Agenda:
    try:
        agenda = agendas_voor(request.user).get(slug=slug)
    except Agenda.DoesNotExist:
        raise Http404("Deze agenda bestaat niet of u heeft er geen toegang toe.") from None
    agenda.rol = rol_in(request.user, agenda)
    return agenda


def agenda_voor_lezen(request: HttpRequest, slug: str) -> Agenda:
    """The agenda for reading (any role), or 404."""
    return _agenda(request, slug)


def agenda_voor_beheer(request: HttpRequest, slug: str) -> Agenda:
    """The agenda for changing its content (beheerder), 404 without a role, else 403."""
    agenda = _agenda(request, slug)
    if agenda.rol != Rol.BEHEERDER:
        raise PermissionDenied("Alleen de beheerder van deze agenda mag dit wijzigen.")
    return agenda


def _actie(agenda: Agenda, pk: int):
    try:
        actie = agenda.acties.select_related(
            "knoop__ouder", "werkgroep__voorzitter", "regie_persoon"
        ).get(pk=pk)
    except agenda.acties.model.DoesNotExist:
        raise Http404("Deze actie bestaat niet in deze agenda.") from None
    actie.agenda = agenda  # carries the user's role
    return actie


def actie_voor_lezen(request: HttpRequest, slug: str, pk: int):
    return _actie(_agenda(request, slug), pk)


def actie_voor_voortgang(request: HttpRequest, slug: str, pk: int):
    """The action for a progress update: beheerder, or chair of its werkgroep."""
    actie = _actie(_agenda(request, slug), pk)
    if not mag_voortgang(request.user, actie):
        raise PermissionDenied(
            "Alleen de voorzitter van de werkgroep van deze actie of de "
            "beheerder mag de voortgang bijwerken."
        )
    return actie


def actie_voor_bewerking(request: HttpRequest, slug: str, pk: int):
    """The action for editing; `actie.alle_velden` says whether the goal-tree fields may change.

    The beheerder edits every field; the chair of its werkgroep only the practical ones.
    """
    actie = actie_voor_voortgang(request, slug, pk)
    actie.alle_velden = actie.agenda.rol == Rol.BEHEERDER
    return actie


def actie_voor_opmerking(request: HttpRequest, slug: str, pk: int):
    actie = _actie(_agenda(request, slug), pk)
    if not mag_opmerken(request.user, actie):
        raise PermissionDenied("Alleen leden van de werkgroep van deze actie kunnen reageren.")
    return actie


def knoop_voor_beheer(request: HttpRequest, slug: str, pk: int):
    agenda = agenda_voor_beheer(request, slug)
    try:
        return agenda.knopen.select_related("ouder").get(pk=pk)
    except agenda.knopen.model.DoesNotExist:
        raise Http404("Deze knoop bestaat niet in deze agenda.") from None


def werkgroep_voor_lezen(request: HttpRequest, slug: str, pk: int):
    agenda = _agenda(request, slug)
    try:
        werkgroep = agenda.werkgroepen.select_related("voorzitter", "eindverantwoordelijke").get(
            pk=pk
        )
    except agenda.werkgroepen.model.DoesNotExist:
        raise Http404("Deze werkgroep bestaat niet in deze agenda.") from None
    werkgroep.agenda = agenda
    return werkgroep


def werkgroep_voor_voortgang(request: HttpRequest, slug: str, pk: int):
    """The werkgroep for updating its actions' progress: beheerder or its chair."""
    werkgroep = werkgroep_voor_lezen(request, slug, pk)
    if werkgroep.agenda.rol != Rol.BEHEERDER and not is_voorzitter(request.user, werkgroep):
        raise PermissionDenied("Alleen de voorzitter van deze werkgroep of de beheerder mag dit.")
    return werkgroep


# --- governance ---------------------------------------------------------------------------


def orgaan_voor_lezen(request: HttpRequest, slug: str, pk: int):
    agenda = _agenda(request, slug)
    try:
        orgaan = agenda.overlegorganen.select_related("voorzitter", "secretaris").get(pk=pk)
    except agenda.overlegorganen.model.DoesNotExist:
        raise Http404("Dit overlegorgaan bestaat niet in deze agenda.") from None
    orgaan.agenda = agenda
    return orgaan


def vergadering_voor_lezen(request: HttpRequest, slug: str, pk: int):
    """A meeting of one of the agenda's bodies (any role)."""
    agenda = _agenda(request, slug)
    # By name: the governance app builds on this one, so this module cannot import it.
    vergaderingen = apps.get_model("overleg", "Vergadering").objects
    vergadering = (
        vergaderingen.select_related("orgaan__secretaris", "orgaan__voorzitter")
        .filter(orgaan__agenda=agenda, pk=pk)
        .first()
    )
    if vergadering is None:
        raise Http404("Deze vergadering bestaat niet in deze agenda.")
    vergadering.orgaan.agenda = agenda
    vergadering.mag_bewerken = is_secretariaat(request.user, vergadering.orgaan)
    return vergadering


def is_secretariaat(gebruiker, orgaan) -> bool:
    """Beheerder of the agenda, or the body's secretary."""
    if is_beheerder(gebruiker, orgaan.agenda):
        return True
    secretaris = orgaan.secretaris
    return bool(secretaris and secretaris.gebruiker_id and secretaris.gebruiker_id == gebruiker.pk)


def vergadering_voor_secretariaat(request: HttpRequest, slug: str, pk: int):
    vergadering = vergadering_voor_lezen(request, slug, pk)
    if not vergadering.mag_bewerken:
        raise PermissionDenied("Alleen de secretaris van dit overleg of de beheerder mag dit.")
    return vergadering
