"""The writes of the people in an agenda: organisations, people, their logins and roles.

A person's e-mail address is their login's (the login's username too), so the two cannot
differ: saving a person links the login with that address, or carries a changed address over
to the login. Withdrawing a role keeps the row, so what the login did stays attributed.
"""

import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lea.models import Agenda, AuditSoort, Lidmaatschap, Organisatie, Persoon, Rol
from lea.services import bewaar, opdracht_plaats, token_gebruik
from lea.services.audit import audit_vastleg
from lea.services.limiet import limiet_gebruik
from lea.services.versie import na_commit_gewijzigd
from lea.toegang import is_functioneel_beheerder

UITNODIGING_TAAK = "lea.tasks.uitnodiging_verstuur_taak"


# --- organisations -----------------------------------------------------------------------------


@transaction.atomic
def organisatie_bewaar(
    *, organisatie: Organisatie, door: Any = None, token: uuid.UUID | None = None
) -> Organisatie:
    token_gebruik(token=token, door=door)
    return bewaar(organisatie, door=door)


@transaction.atomic
def organisatie_archiveer(
    *, organisatie: Organisatie, gearchiveerd: bool = True, door: Any = None
) -> Organisatie:
    """Archive (or bring back) an organisation: its people and links stay as they are."""
    organisatie.gearchiveerd = gearchiveerd
    return bewaar(organisatie, door=door)


# --- people and their logins -------------------------------------------------------------------


def login_met(email: str) -> Any:
    """The login with this e-mail address (as username or address), or None."""
    if not email:
        return None
    logins = get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
    return logins.order_by("-is_active", "pk").first()


def _gedeelde_login(login: Any, agenda: Agenda) -> bool:
    """Whether this login also serves elsewhere: another agenda, or the installation."""
    anders = Lidmaatschap.objects.actief().filter(gebruiker=login).exclude(agenda=agenda)
    return bool(login.is_staff or login.is_superuser or anders.exists())


def _login_volgt(persoon: Persoon, door: Any) -> None:
    """Carry the person's (changed) address over to their login and its other people."""
    login = persoon.gebruiker
    if login is None or login.email.lower() == persoon.email.lower():
        return
    if not persoon.email:
        raise ValidationError(
            {"email": "Iemand met een login heeft een e-mailadres nodig: het is de gebruikersnaam."}
        )
    ander = login_met(persoon.email)
    if ander is not None and ander.pk != login.pk:
        raise ValidationError({"email": "Dit e-mailadres hoort al bij een andere login."})
    if _gedeelde_login(login, persoon.agenda) and not is_functioneel_beheerder(door):
        raise ValidationError(
            {
                "email": "Deze login wordt ook buiten deze agenda gebruikt; alleen een "
                "functioneel beheerder kan het e-mailadres wijzigen."
            }
        )
    oud = login.email
    login.email = persoon.email
    if not login.username or login.username.lower() == oud.lower() or "@" in login.username:
        login.username = persoon.email
    login.full_clean(exclude=["password"])
    login.save(update_fields=["email", "username"])
    for andere in Persoon.objects.filter(gebruiker=login).exclude(pk=persoon.pk):
        andere.email = persoon.email
        bewaar(andere, door=door)


@transaction.atomic
def persoon_bewaar(
    *, persoon: Persoon, door: Any = None, token: uuid.UUID | None = None
) -> Persoon:
    """Save a person; an address that belongs to a login links the person to it."""
    token_gebruik(token=token, door=door)
    persoon.email = (persoon.email or "").strip()
    if len(persoon.email) > 150:
        raise ValidationError({"email": "Een e-mailadres van een login is hooguit 150 tekens."})
    if persoon.gebruiker_id is None and persoon.email:
        persoon.gebruiker = login_met(persoon.email)
    bewaar(persoon, door=door)
    _login_volgt(persoon, door)
    return persoon


@transaction.atomic
def persoon_archiveer(*, persoon: Persoon, gearchiveerd: bool = True, door: Any = None) -> Persoon:
    """Archive (or bring back) a person: hidden from lists and choices; roles stay as they are."""
    persoon.gearchiveerd = gearchiveerd
    return bewaar(persoon, door=door)


# --- roles -------------------------------------------------------------------------------------


def _laatste_beheerder(lidmaatschap: Lidmaatschap) -> bool:
    andere = (
        Lidmaatschap.objects.actief()
        .filter(agenda_id=lidmaatschap.agenda_id, rol=Rol.BEHEERDER)
        .exclude(pk=lidmaatschap.pk)
    )
    return lidmaatschap.rol == Rol.BEHEERDER and not andere.exists()


LAATSTE_BEHEERDER = "Een agenda houdt minstens één beheerder. Geef eerst iemand anders die rol."


def _audit_rol(lidmaatschap: Lidmaatschap, wat: str, door: Any) -> None:
    """A role change in the audit log: `door` did it, to the login named in the text."""
    audit_vastleg(
        soort=AuditSoort.ROL,
        gebruiker=door,
        agenda=lidmaatschap.agenda,
        omschrijving=f"{lidmaatschap.gebruiker.get_username()}: {wat}",
    )


@transaction.atomic
def lidmaatschap_geef(
    *, agenda: Agenda, gebruiker: Any, rol: Rol, door: Any = None
) -> Lidmaatschap:
    """Give the login a role in the agenda; a withdrawn role is given again on the same row."""
    lidmaatschap = Lidmaatschap.objects.filter(agenda=agenda, gebruiker=gebruiker).first()
    if lidmaatschap is None:
        lidmaatschap = Lidmaatschap(agenda=agenda, gebruiker=gebruiker)
    elif (
        lidmaatschap.ingetrokken_op is None
        and rol != lidmaatschap.rol
        and _laatste_beheerder(lidmaatschap)
    ):
        raise ValidationError(LAATSTE_BEHEERDER)
    oud = None if lidmaatschap.pk is None or lidmaatschap.ingetrokken_op else lidmaatschap.rol
    lidmaatschap.rol = rol
    lidmaatschap.ingetrokken_op = None
    bewaar(lidmaatschap, door=door)
    if oud != rol:
        _audit_rol(lidmaatschap, _rolwissel(oud, rol), door)
    return lidmaatschap


def _rolwissel(oud: str | None, nieuw: str) -> str:
    if oud is None:
        return f"rol {Rol(nieuw).label.lower()} gegeven"
    return f"rol {Rol(oud).label.lower()} gewijzigd in {Rol(nieuw).label.lower()}"


@transaction.atomic
def lidmaatschap_wijzig(*, lidmaatschap: Lidmaatschap, rol: Rol, door: Any = None) -> Lidmaatschap:
    if lidmaatschap.ingetrokken_op is not None:
        raise ValidationError("Deze rol is ingetrokken; geef hem opnieuw via ‘Rol geven’.")
    if rol != lidmaatschap.rol and _laatste_beheerder(lidmaatschap):
        raise ValidationError(LAATSTE_BEHEERDER)
    oud = lidmaatschap.rol
    lidmaatschap.rol = rol
    bewaar(lidmaatschap, door=door)
    if oud != rol:
        _audit_rol(lidmaatschap, _rolwissel(oud, rol), door)
    return lidmaatschap


@transaction.atomic
def lidmaatschap_trek_in(*, lidmaatschap: Lidmaatschap, door: Any = None) -> Lidmaatschap:
    """Withdraw the role: the login loses access; the row and its history stay."""
    if lidmaatschap.ingetrokken_op is not None:
        return lidmaatschap
    if _laatste_beheerder(lidmaatschap):
        raise ValidationError(LAATSTE_BEHEERDER)
    lidmaatschap.ingetrokken_op = timezone.now()
    bewaar(lidmaatschap, door=door)
    _audit_rol(lidmaatschap, f"rol {Rol(lidmaatschap.rol).label.lower()} ingetrokken", door)
    return lidmaatschap


# --- invitations -------------------------------------------------------------------------------


@transaction.atomic
def persoon_nodig_uit(*, persoon: Persoon, rol: Rol, door: Any = None) -> Lidmaatschap:
    """Give the person a login (their e-mail address) with this role, and mail them.

    A new login gets a one-time link to set its password; a login that has one already is told
    it has access. The mail goes through the outbox (`uitnodiging_verstuur`)."""
    if persoon.gearchiveerd:
        raise ValidationError(f"{persoon.naam} is gearchiveerd; zet de persoon eerst terug.")
    if not persoon.email:
        raise ValidationError(f"{persoon.naam} heeft geen e-mailadres; vul het eerst in.")
    if door is not None:
        limiet_gebruik(
            soort=AuditSoort.UITNODIGING,
            gebruiker=door,
            maximum=settings.LEA_LIMIET_UITNODIGINGEN,
            wat="iemand uitgenodigd",
            agenda=persoon.agenda,
            omschrijving=f"Uitnodiging aan {persoon.naam} ({persoon.email}) als "
            f"{Rol(rol).label.lower()}",
        )
    login = persoon.gebruiker or login_met(persoon.email)
    if login is None:
        login = get_user_model()(
            username=persoon.email, email=persoon.email, first_name=persoon.naam[:150]
        )
        login.set_unusable_password()
        login.full_clean()
        login.save()
    if persoon.gebruiker_id != login.pk:
        persoon.gebruiker = login
        persoon_bewaar(persoon=persoon, door=door)
    lidmaatschap = lidmaatschap_geef(agenda=persoon.agenda, gebruiker=login, rol=rol, door=door)
    Persoon.objects.filter(pk=persoon.pk).update(uitnodiging_verzonden_op=None)
    opdracht_plaats(
        taak=UITNODIGING_TAAK,
        argumenten=[persoon.pk],
        agenda=persoon.agenda,
        omschrijving=f"Uitnodiging aan {persoon.naam}",
    )
    return lidmaatschap


def uitnodiging_link(login: Any, basis_url: str = "") -> str:
    """The one-time link that sets the login's password (valid PASSWORD_RESET_TIMEOUT)."""
    pad = reverse(
        "uitnodiging_accepteer",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(login.pk)),
            "token": default_token_generator.make_token(login),
        },
    )
    return f"{basis_url}{pad}"


def _uitnodiging_tekst(persoon: Persoon, login: Any, basis_url: str) -> str:
    agenda = persoon.agenda
    lidmaatschap = Lidmaatschap.objects.actief().filter(agenda=agenda, gebruiker=login).first()
    rol = f" als {lidmaatschap.get_rol_display().lower()}" if lidmaatschap else ""
    aanhef = f"Beste {persoon.naam},\n\nU bent uitgenodigd{rol} voor ‘{agenda.titel}’ in LEA, "
    aanhef += f"de Lokale Educatieve Agenda van {agenda.gemeente}.\n\n"
    if login.has_usable_password():
        return (
            f"{aanhef}U heeft al een login. Log in met uw gebruikersnaam {login.username} op\n"
            f"{basis_url}{reverse('login')}\n"
        )
    dagen = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    return (
        f"{aanhef}Stel via deze link uw wachtwoord in:\n{uitnodiging_link(login, basis_url)}\n\n"
        f"De link werkt één keer en is {dagen} dagen geldig. Uw gebruikersnaam is "
        f"{login.username}. Is de link verlopen, vraag de beheerder dan om een nieuwe "
        "uitnodiging.\n"
    )


def uitnodiging_verstuur(*, persoon_id: int, basis_url: str | None = None) -> bool:
    """Send the person's invitation unless it went already; True if sent now. Claimed with a
    conditional update first, released again when sending fails (so the task can retry)."""
    persoon = Persoon.objects.select_related("agenda", "gebruiker").filter(pk=persoon_id).first()
    if persoon is None or persoon.gebruiker is None:
        return False
    login = persoon.gebruiker
    adres = login.email or persoon.email
    if not adres:
        return False
    nu = timezone.now()
    claim = Persoon.objects.filter(pk=persoon.pk, uitnodiging_verzonden_op__isnull=True)
    if claim.update(uitnodiging_verzonden_op=nu) != 1:
        return False
    basis = settings.LEA_BASIS_URL if basis_url is None else basis_url
    try:
        send_mail(
            subject=f"[LEA] Uitnodiging voor {persoon.agenda.titel}",
            message=_uitnodiging_tekst(persoon, login, basis),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[adres],
        )
    except Exception:
        Persoon.objects.filter(pk=persoon.pk).update(uitnodiging_verzonden_op=None)
        raise
    na_commit_gewijzigd([persoon.agenda_id])  # the update above sends no signal
    return True
