"""The core: an agenda, the partner organisations in its world, people, their roles, and the
work a change queues (notifications, the outbox, one-time form tokens)."""

import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


def zelfde_agenda(agenda_id: int | None, **objecten: Any) -> None:
    """Refuse a link to another agenda's object: the one rule the models' `clean()`, the
    services (for many-to-many sets), the forms, the admin and the import share.

    Each keyword is a field name with an object (an FK's value, or None) or an iterable of
    objects; any whose `agenda_id` differs from `agenda_id` gives an error on that field.
    """
    fouten: dict[str, str] = {}
    for veld, waarde in objecten.items():
        if waarde is None or isinstance(waarde, str):
            continue
        lijst: Iterable[Any] = waarde if isinstance(waarde, Iterable) else [waarde]
        vreemd = [o for o in lijst if o is not None and o.agenda_id != agenda_id]
        if vreemd:
            fouten[veld] = f"‘{vreemd[0]}’ hoort bij een andere agenda."
    if fouten:
        raise ValidationError(fouten)


class Rapportageperiode(models.TextChoices):
    KWARTAAL = "kwartaal", "Per kwartaal"
    TERTIAAL = "tertiaal", "Per vier maanden"
    HALFJAAR = "halfjaar", "Per halfjaar"


class AgendaStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    ACTIEF = "actief", "Actief"


class Agenda(models.Model):
    """One municipality's Lokale Educatieve Agenda over one period."""

    slug = models.SlugField("korte naam", max_length=60, unique=True)
    gemeente = models.CharField(max_length=100)
    titel = models.CharField(max_length=200)
    ondertitel = models.CharField(max_length=200, blank=True)
    periode_start = models.DateField("begin van de periode")
    periode_eind = models.DateField("einde van de periode")
    hoofdambitie = models.TextField(blank=True)
    visie = models.TextField(blank=True)
    bron = models.CharField("brondocument", max_length=1000, blank=True)
    # The tree levels carry each agenda's own names (Ambitie / Speerpunt / Actie, ...).
    niveau1_naam = models.CharField("naam niveau 1", max_length=50, default="Ambitie")
    niveau1_meervoud = models.CharField("meervoud niveau 1", max_length=50, default="Ambities")
    niveau2_naam = models.CharField(
        "naam niveau 2",
        max_length=50,
        blank=True,
        help_text="Leeg als de agenda geen niveau 2 heeft.",
    )
    niveau2_meervoud = models.CharField("meervoud niveau 2", max_length=50, blank=True)
    actie_naam = models.CharField("naam van een actie", max_length=50, default="Actie")
    actie_meervoud = models.CharField("meervoud van actie", max_length=50, default="Acties")
    rapportageperiode = models.CharField(
        max_length=20,
        choices=Rapportageperiode.choices,
        default=Rapportageperiode.KWARTAAL,
        help_text="Hoe vaak werkgroepen over de voortgang van hun acties rapporteren.",
    )
    # A draft for the next period is a concept until its beheerder publishes it.
    status = models.CharField(
        max_length=10, choices=AgendaStatus.choices, default=AgendaStatus.ACTIEF
    )
    voorganger = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opvolgers",
        verbose_name="vorige periode",
    )
    # Off by default: the link in the progress request first asks for a normal login.
    rapportagelink_zonder_inloggen = models.BooleanField(
        "voortgang melden met de link uit de e-mail, zonder in te loggen",
        default=False,
        help_text="De persoonlijke link in het voortgangsverzoek geeft dan alleen toegang tot "
        "het bijwerken van de open acties van die werkgroep, tot de link verloopt of wordt "
        "ingetrokken. Elk gebruik komt in het beveiligingslogboek.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "agenda"
        verbose_name_plural = "agenda's"
        ordering = ("gemeente", "periode_start")
        constraints = (
            models.CheckConstraint(
                condition=Q(periode_start__lte=F("periode_eind")),
                name="agenda_periode_start_voor_eind",
                violation_error_message="Het begin van de periode ligt na het einde.",
            ),
        )

    def __str__(self) -> str:
        return self.titel

    @property
    def heeft_niveau2(self) -> bool:
        return bool(self.niveau2_naam)

    @property
    def is_concept(self) -> bool:
        return self.status == AgendaStatus.CONCEPT


class Uitgangspunt(models.Model):
    """A working principle the partners of an agenda agreed on."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="uitgangspunten")
    volgorde = models.PositiveIntegerField(default=0)
    titel = models.CharField(max_length=200, blank=True)
    tekst = models.TextField(blank=True)

    class Meta:
        verbose_name = "uitgangspunt"
        verbose_name_plural = "uitgangspunten"
        ordering = ("agenda", "volgorde", "pk")

    def __str__(self) -> str:
        return self.titel or self.tekst[:60]


class Sector(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente"
    PO = "po", "PO-schoolbestuur"
    VO = "vo", "VO-schoolbestuur"
    MBO = "mbo", "MBO-instelling"
    KINDEROPVANG = "kinderopvang", "Kinderopvang"
    SWV = "swv", "Samenwerkingsverband"
    GGD = "ggd", "GGD / JGZ"
    BIBLIOTHEEK = "bibliotheek", "Bibliotheek"
    WELZIJN = "welzijn", "Welzijn"
    JEUGDHULP = "jeugdhulp", "Jeugdhulp"
    OVERIG = "overig", "Overig"


class ArchiefQuerySet(models.QuerySet):
    def actief(self) -> "ArchiefQuerySet":
        """What lists and choice fields offer: not archived."""
        return self.filter(gearchiveerd=False)


class Organisatie(models.Model):
    """A partner organisation in one agenda's world (one municipality's partners)."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="organisaties")
    naam = models.CharField(max_length=200)
    afkorting = models.CharField(max_length=40, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.OVERIG)
    omschrijving = models.TextField(blank=True)
    volgorde = models.PositiveIntegerField(default=0)
    gearchiveerd = models.BooleanField(default=False)

    objects = ArchiefQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ("agenda", "volgorde", "naam")
        constraints = (
            models.UniqueConstraint(
                fields=["agenda", "naam"],
                name="organisatie_naam_uniek_per_agenda",
                violation_error_message="Deze agenda heeft al een organisatie met deze naam.",
            ),
        )

    def __str__(self) -> str:
        return self.naam


class Persoon(models.Model):
    """A person taking part in an agenda, optionally with a login."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="personen")
    naam = models.CharField(max_length=200)
    functie = models.CharField(max_length=200, blank=True)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="personen"
    )
    email = models.EmailField("e-mailadres", blank=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="personen",
        verbose_name="login",
    )
    volgorde = models.PositiveIntegerField(default=0)
    # The secret in the address of this person's calendar feed (.ics), so Outlook can
    # subscribe without logging in.
    ics_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gearchiveerd = models.BooleanField(default=False)
    # The invitation mail: cleared when one is requested, set when it is sent (the claim).
    uitnodiging_verzonden_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ArchiefQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["ics_token", "uitnodiging_verzonden_op"])

    class Meta:
        verbose_name = "persoon"
        verbose_name_plural = "personen"
        ordering = ("agenda", "volgorde", "naam")
        constraints = (
            models.UniqueConstraint(
                fields=["agenda", "gebruiker"],
                name="persoon_een_login_een_persoon_per_agenda",
                violation_error_message="Deze login hoort in deze agenda al bij iemand anders.",
            ),
        )

    def __str__(self) -> str:
        return f"{self.naam} ({self.functie})" if self.functie else self.naam

    def clean(self) -> None:
        zelfde_agenda(self.agenda_id, organisatie=self.organisatie)


class Rol(models.TextChoices):
    BEHEERDER = "beheerder", "Beheerder"
    WERKGROEPVOORZITTER = "werkgroepvoorzitter", "Werkgroepvoorzitter"
    LID = "lid", "Lid"
    LEZER = "lezer", "Lezer"


class LidmaatschapQuerySet(models.QuerySet):
    def actief(self) -> "LidmaatschapQuerySet":
        """The memberships that give access: not withdrawn."""
        return self.filter(ingetrokken_op__isnull=True)


class Lidmaatschap(models.Model):
    """The role a login holds in one agenda; without one the agenda is invisible to them.

    Withdrawing a role keeps the row (and its history) with `ingetrokken_op` set, so what the
    login did in the agenda stays attributed; giving a role again reopens the same row.
    """

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="lidmaatschappen")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField(max_length=20, choices=Rol.choices, default=Rol.LEZER)
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)

    objects = LidmaatschapQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        ordering = ("agenda", "gebruiker__username")
        constraints = (
            models.UniqueConstraint(
                fields=["agenda", "gebruiker"],
                name="lidmaatschap_een_rol_per_agenda",
                violation_error_message="Deze gebruiker heeft al een rol in deze agenda.",
            ),
        )

    def __str__(self) -> str:
        return f"{self.gebruiker} – {self.get_rol_display()} in {self.agenda}"


class Opdracht(models.Model):
    """Work that a change queues for the worker (a mail, a report), kept durably.

    Written in the same transaction as the change, so it exists exactly when the change does;
    handed to the broker after the commit, and again by beat while the broker was unreachable.
    """

    taak = models.CharField(max_length=200, help_text="De volledige naam van de Celery-taak.")
    argumenten = models.JSONField(default=list, blank=True)
    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, null=True, blank=True, related_name="opdrachten"
    )
    omschrijving = models.CharField(max_length=300, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    doorgegeven_op = models.DateTimeField("doorgegeven aan de wachtrij", null=True, blank=True)
    pogingen = models.PositiveIntegerField(default=0)
    laatste_fout = models.TextField(blank=True)

    class Meta:
        verbose_name = "opdracht in de wachtrij"
        verbose_name_plural = "opdrachten in de wachtrij"
        ordering = ("aangemaakt", "pk")
        indexes = (
            # Beat's sweep and the queue status: what has not been handed over, oldest first.
            models.Index(fields=["doorgegeven_op", "aangemaakt"], name="opdracht_wachtend"),
        )

    def __str__(self) -> str:
        return self.omschrijving or self.taak


class Formuliertoken(models.Model):
    """A one-time token of a submitted form: a second submit of the same form is refused."""

    token = models.UUIDField(unique=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    gebruikt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "formuliertoken"
        verbose_name_plural = "formuliertokens"

    def __str__(self) -> str:
        return str(self.token)


# --- the same rule for many-to-many links ------------------------------------------------------


def _heeft_agenda(model: type[models.Model]) -> bool:
    return any(
        f.name == "agenda" and f.is_relation and f.related_model is Agenda
        for f in model._meta.concrete_fields
    )


def _m2m_zelfde_agenda(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **_: Any
) -> None:
    """m2m_changed: refuse adding another agenda's object to a link between agenda objects."""
    if action != "pre_add" or not pk_set:
        return
    vreemd = model._default_manager.filter(pk__in=pk_set).exclude(agenda_id=instance.agenda_id)
    eerste = vreemd.first()
    if eerste is not None:
        raise ValidationError(f"‘{eerste}’ hoort bij een andere agenda dan ‘{instance}’.")


def registreer_m2m_bewaking() -> None:
    """Guard every many-to-many field between two models that both have an `agenda` (found in
    the app registry, so later apps' links are covered without being named here)."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed

    for model in apps.get_models():
        for veld in model._meta.local_many_to_many:
            doel = veld.related_model
            tussen = veld.remote_field.through
            if _heeft_agenda(model) and isinstance(doel, type) and _heeft_agenda(doel):
                assert tussen is not None
                m2m_changed.connect(
                    _m2m_zelfde_agenda,
                    sender=tussen,
                    dispatch_uid=f"lea_zelfde_agenda_{tussen._meta.label}",
                )
