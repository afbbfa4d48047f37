"""Who may see and do what in an agenda: roles, rights, and the decorator every agenda view has.

Roles per agenda (Lidmaatschap): a beheerder edits everything; a werkgroepvoorzitter updates
the progress and practical fields of their werkgroep's actions; a lid reads and comments on
their werkgroep's actions; a lezer reads. Roles that follow from something a later app owns
(chairing a werkgroep) are registered here by that app, so the core names no later app.

`agenda_view(recht, haal)` is the one place a request is checked: it fetches the agenda (404
when the user has no role in it, so its existence does not leak), fetches the object the URL
names through the app's `haal` function (which refines the rights for that object), refuses a
right the user lacks (403) and a wrong HTTP method (405), and hands the view a `Toegang`: the
agenda, the role and the rights (`Mag`) as one typed object that templates read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from functools import wraps
from typing import Any, Protocol, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.http.response import HttpResponseBase

from lea.models import Agenda, Lidmaatschap, Organisatie, Persoon, Rol

# The agenda's version as `toegang_tot` reads it along (lea/paginacache.py).
VERSIE = "lea_versie"
VERSIE_OP = "lea_versie_op"

Gebruiker = User | AnonymousUser
M = TypeVar("M", bound=Model)


class Recht(StrEnum):
    """What a view needs; the permission-matrix test reads it from each view."""

    LEZEN = "lezen"  # any role in the agenda
    OPMERKEN = "opmerken"  # beheerder, or chair or member of the action's werkgroep
    VOORTGANG = "voortgang"  # beheerder, or chair of the action's (or werkgroep's) werkgroep
    BEHEER = "beheer"  # beheerder
    VOORSTELLEN = "voorstellen"  # any role: propose an agenda item for a meeting
    SECRETARIAAT = "secretariaat"  # beheerder, or the secretary of the meeting's body


# The 403 message per right, in the words of the user who is refused.
WEIGERING = {
    Recht.LEZEN: "U heeft geen rol in deze agenda.",
    Recht.OPMERKEN: "Alleen leden van de werkgroep van deze actie kunnen reageren.",
    Recht.VOORTGANG: "Alleen de voorzitter van de werkgroep of de beheerder mag de voortgang "
    "bijwerken.",
    Recht.BEHEER: "Alleen de beheerder van deze agenda mag dit wijzigen.",
    Recht.VOORSTELLEN: "U heeft geen rol in deze agenda.",
    Recht.SECRETARIAAT: "Alleen de secretaris van dit overleg of de beheerder mag dit.",
}


@dataclass(frozen=True)
class Mag:
    """The rights of one user on one agenda, or on one object of it; one field per Recht."""

    lezen: bool = False
    opmerken: bool = False
    voortgang: bool = False
    beheer: bool = False
    voorstellen: bool = False
    secretariaat: bool = False

    @classmethod
    def voor_rol(cls, rol: Rol | None) -> Mag:
        """The rights a role gives on the agenda as a whole (objects may add to them)."""
        if rol is None:
            return cls()
        if rol == Rol.BEHEERDER:
            return cls(**{f.name: True for f in fields(cls)})
        return cls(lezen=True, voorstellen=True)

    def heeft(self, recht: Recht) -> bool:
        return bool(getattr(self, recht.value))

    def met(self, **rechten: bool) -> Mag:
        return replace(self, **rechten)


@dataclass(frozen=True)
class Toegang:
    """What an agenda view is handed: who asks, in which agenda, with which role and rights."""

    gebruiker: Any
    agenda: Agenda
    rol: Rol
    mag: Mag

    def context(self, **extra: object) -> dict[str, object]:
        """The template context every agenda page starts from."""
        return {"agenda": self.agenda, "toegang": self, "mag": self.mag, **extra}


# --- roles that later apps derive -------------------------------------------------------------


class Rolbron(Protocol):
    """A later app's rule that gives a role: the rows (with an `agenda` field) that give it."""

    def __call__(self, gebruiker: Any) -> QuerySet[Any]: ...


_ROLBRONNEN: list[tuple[Rolbron, Rol]] = []


def registreer_rolbron(bron: Rolbron, rol: Rol) -> None:
    """Called from a later app's AppConfig.ready: rows of `bron(user)` give `rol` in their
    agenda, unless the user's membership gives a stronger one."""
    if (bron, rol) not in _ROLBRONNEN:
        _ROLBRONNEN.append((bron, rol))


def agendas_voor(gebruiker: Gebruiker) -> QuerySet[Agenda]:
    """The agendas this user may see: all for a superuser, else those they hold a role in."""
    if not gebruiker.is_authenticated:
        return Agenda.objects.none()
    if getattr(gebruiker, "is_superuser", False):
        return Agenda.objects.all()
    # One filter() on both conditions: the same membership row must match both.
    zichtbaar = Q(
        lidmaatschappen__gebruiker=gebruiker, lidmaatschappen__ingetrokken_op__isnull=True
    )
    for bron, _rol in _ROLBRONNEN:
        zichtbaar |= Q(pk__in=bron(gebruiker).values("agenda"))
    return Agenda.objects.filter(zichtbaar).distinct()


_ZWAKKER = (None, Rol.LID, Rol.LEZER)  # roles a derived role overrides


def rol_in(gebruiker: Gebruiker, agenda: Agenda) -> Rol | None:
    """The user's role in this agenda (a superuser counts as beheerder), or None."""
    if not gebruiker.is_authenticated:
        return None
    if getattr(gebruiker, "is_superuser", False):
        return Rol.BEHEERDER
    lidmaatschap = Lidmaatschap.objects.actief().filter(agenda=agenda, gebruiker=gebruiker).first()
    gegeven = (bron(gebruiker).filter(agenda=agenda).exists() for bron, _rol in _ROLBRONNEN)
    return _rol_uit(lidmaatschap.rol if lidmaatschap else None, gegeven)


def rol_bij_verzoek(request: HttpRequest, agenda: Agenda) -> Rol | None:
    """The user's role in this agenda, as the request's agenda view read it already (panels on
    its page ask again without a query); otherwise `rol_in`."""
    toegang = getattr(request, "lea_toegang", None)
    if toegang is not None and toegang.agenda.pk == agenda.pk and toegang.gebruiker == request.user:
        return toegang.rol
    return rol_in(request.user, agenda)


def _rol_uit(eigen: str | None, gegeven: Iterable[bool]) -> Rol | None:
    """The role from the user's own membership role `eigen`, unless a role source gives a
    stronger one; `gegeven` says per role source, in registration order, whether it gives its
    role (a lazy iterable: asked only as far as needed)."""
    rol = Rol(eigen) if eigen else None
    if rol in _ZWAKKER:
        for geeft, (_bron, afgeleid) in zip(gegeven, _ROLBRONNEN, strict=False):
            if geeft:
                return afgeleid
    return rol


def _met_rol(gebruiker: Gebruiker, agendas: QuerySet[Agenda]) -> QuerySet[Agenda]:
    """The agendas with what `rol_in` reads, as annotations, so that the agenda and the role
    come in one query: the active membership's role and, per role source, whether it gives
    one (`rolbron_0`, ...)."""
    eigen = (
        Lidmaatschap.objects.actief()
        .filter(agenda=OuterRef("pk"), gebruiker=gebruiker)
        .order_by()
        .values("rol")[:1]
    )
    bronnen = {
        f"rolbron_{n}": Exists(bron(gebruiker).filter(agenda=OuterRef("pk")))
        for n, (bron, _rol) in enumerate(_ROLBRONNEN)
    }
    return agendas.annotate(eigen_rol=Subquery(eigen), **bronnen)


def beheerders_van(agenda: Agenda) -> QuerySet[Any]:
    """The logins with the beheerder role in this agenda (who gets its reminders)."""
    return get_user_model().objects.filter(
        lidmaatschappen__agenda=agenda,
        lidmaatschappen__rol=Rol.BEHEERDER,
        lidmaatschappen__ingetrokken_op__isnull=True,
    )


# The installation-level role that creates agendas: a superuser, or a login with this
# permission (the group "Functioneel beheerders" has it; lea/migrations/0007).
FUNCTIONEEL_BEHEER = "lea.add_agenda"


_FUNCTIONEEL_BEHEER_BEKEND = "_lea_functioneel_beheer"  # the answer, kept on the user object


def functioneel_beheer_expressie() -> Exists:
    """Whether a user row (the query's `pk`) holds FUNCTIONEEL_BEHEER itself or through one
    of its groups: what Django's ModelBackend reads for `has_perm`, as one expression, so a
    query that reads more of the user answers it too (see `functioneel_beheer_onthoud`)."""
    app_label, codename = FUNCTIONEEL_BEHEER.split(".")
    recht = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return Exists(recht.filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk"))))


def functioneel_beheer_onthoud(gebruiker: Gebruiker, heeft: bool) -> None:
    """Keep what `functioneel_beheer_expressie` answered for this user object (one request)."""
    setattr(gebruiker, _FUNCTIONEEL_BEHEER_BEKEND, heeft)


def is_functioneel_beheerder(gebruiker: Gebruiker) -> bool:
    """Whether this login may create an agenda for a municipality: an active superuser, or an
    active login with the permission itself or through a group (as `has_perm` decides, in one
    query instead of two, asked once per user object)."""
    if not (gebruiker.is_authenticated and gebruiker.is_active):
        return False
    if gebruiker.is_superuser:
        return True
    if not hasattr(gebruiker, _FUNCTIONEEL_BEHEER_BEKEND):
        rij = get_user_model().objects.filter(pk=gebruiker.pk)
        functioneel_beheer_onthoud(gebruiker, rij.filter(functioneel_beheer_expressie()).exists())
    return bool(getattr(gebruiker, _FUNCTIONEEL_BEHEER_BEKEND))


def toegang_tot(gebruiker: Gebruiker, slug: str) -> Toegang:
    """The user's access to the agenda with this slug; 404 without a role.

    One query: a superuser sees every agenda as beheerder; anyone else's role (and with it
    whether the agenda is visible at all, as in `agendas_voor`) is read along with the agenda.
    """
    onbekend = Http404("Deze agenda bestaat niet of u heeft er geen toegang toe.")
    if not gebruiker.is_authenticated:
        raise onbekend
    superuser = getattr(gebruiker, "is_superuser", False)
    agendas = Agenda.objects.all() if superuser else _met_rol(gebruiker, Agenda.objects.all())
    # Its version (lea/paginacache.py) in the same query.
    agendas = agendas.annotate(
        **{VERSIE: F("inhoudsversie__versie"), VERSIE_OP: F("inhoudsversie__gewijzigd_op")}
    )
    try:
        agenda = agendas.get(slug=slug)
    except Agenda.DoesNotExist:
        raise onbekend from None
    if superuser:
        rol: Rol | None = Rol.BEHEERDER
    else:
        gegeven = (getattr(agenda, f"rolbron_{n}") for n in range(len(_ROLBRONNEN)))
        rol = _rol_uit(agenda.eigen_rol, gegeven)  # type: ignore[attr-defined]
    if rol is None:  # no role in it: it does not exist for this user
        raise onbekend
    return Toegang(gebruiker, agenda, rol, Mag.voor_rol(rol))


# --- the decorator ----------------------------------------------------------------------------

# An app's fetch of the object a URL names: (access, pk) -> (object, rights on it), or 404.
Haal = Callable[[Toegang, int], tuple[Model, Mag]]

LEZEN_METHODEN = ("GET",)
FORMULIER_METHODEN = ("GET", "POST")
POST_METHODEN = ("POST",)


def agenda_view(
    recht: Recht, haal: Haal | None = None, *, methoden: Collection[str] = LEZEN_METHODEN
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Make a view agenda-scoped: login, method, agenda, object and right checked here.

    The view is called as `view(request, toegang, **rest)`, or with `haal` as
    `view(request, toegang, obj, **rest)`, where `haal` consumed the URL's `pk`.
    """
    toegestaan = sorted({m.upper() for m in methoden} | ({"HEAD"} if "GET" in methoden else set()))

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponseBase:
            if request.method not in toegestaan:
                return HttpResponseNotAllowed(toegestaan)
            toegang = toegang_tot(request.user, slug)
            request.lea_toegang = toegang  # type: ignore[attr-defined]  # for rol_bij_verzoek
            args: tuple[Model, ...] = ()
            if haal is not None:
                obj, mag = haal(toegang, kwargs.pop("pk"))
                toegang = replace(toegang, mag=mag)
                args = (obj,)
            if not toegang.mag.heeft(recht):
                raise PermissionDenied(WEIGERING[recht])
            return view(request, toegang, *args, **kwargs)

        # Read by the permission-matrix test: what each view needs and answers to.
        wrapper.recht = recht  # type: ignore[attr-defined]
        wrapper.methoden = toegestaan  # type: ignore[attr-defined]
        return login_required(wrapper)

    return decorator


def haal_of_404(qs: QuerySet[Any], pk: int, melding: str) -> Any:
    """One object of an agenda-scoped QuerySet, or a 404 with a Dutch message."""
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404(melding)
    return obj


# --- the core's own objects, for the beheer pages --------------------------------------------


def organisatie_haal(toegang: Toegang, pk: int) -> tuple[Organisatie, Mag]:
    """A partner organisation of the agenda (archived ones too)."""
    qs = Organisatie.objects.filter(agenda=toegang.agenda)
    return haal_of_404(qs, pk, "Deze organisatie bestaat niet in deze agenda."), toegang.mag


def persoon_haal(toegang: Toegang, pk: int) -> tuple[Persoon, Mag]:
    """A person of the agenda (archived ones too)."""
    qs = Persoon.objects.filter(agenda=toegang.agenda).select_related("organisatie", "gebruiker")
    return haal_of_404(qs, pk, "Deze persoon bestaat niet in deze agenda."), toegang.mag


def lidmaatschap_haal(toegang: Toegang, pk: int) -> tuple[Lidmaatschap, Mag]:
    """A role in the agenda (withdrawn ones too)."""
    qs = Lidmaatschap.objects.filter(agenda=toegang.agenda).select_related("gebruiker")
    return haal_of_404(qs, pk, "Deze rol bestaat niet in deze agenda."), toegang.mag


def haal_binnen_agenda(
    model: type[M], pad: str, melding: str, *verwant: str
) -> Callable[[Toegang, int], tuple[M, Mag]]:
    """A `haal` for objects whose agenda is reached by the lookup `pad` ("agenda",
    "indicator__agenda", ...): the object within the request's agenda, with the agenda's rights;
    404 with `melding` otherwise. `verwant` are the relations to select along."""

    def haal(toegang: Toegang, pk: int) -> tuple[M, Mag]:
        qs = model._default_manager.filter(**{pad: toegang.agenda}).select_related(*verwant)
        return haal_of_404(qs, pk, melding), toegang.mag

    return haal


def is_persoon(gebruiker: Gebruiker, persoon: Any) -> bool:
    """Whether this person (a Persoon, or None) is this login."""
    return bool(
        persoon is not None and persoon.gebruiker_id and persoon.gebruiker_id == gebruiker.pk
    )
