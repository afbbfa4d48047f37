"""The core: an agenda, the partner organisations in its world, people, and their roles."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Rapportageperiode(models.TextChoices):
    KWARTAAL = "kwartaal", "Per kwartaal"
    TERTIAAL = "tertiaal", "Per vier maanden"
    HALFJAAR = "halfjaar", "Per halfjaar"


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


class Organisatie(models.Model):
    """A partner organisation in one agenda's world (one municipality's partners)."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="organisaties")
    naam = models.CharField(max_length=200)
    afkorting = models.CharField(max_length=40, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.OVERIG)
    omschrijving = models.TextField(blank=True)
    volgorde = models.PositiveIntegerField(default=0)

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

    history = HistoricalRecords()

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


class Rol(models.TextChoices):
    BEHEERDER = "beheerder", "Beheerder"
    WERKGROEPVOORZITTER = "werkgroepvoorzitter", "Werkgroepvoorzitter"
    LID = "lid", "Lid"
    LEZER = "lezer", "Lezer"


class Lidmaatschap(models.Model):
    """The role a login holds in one agenda; without one the agenda is invisible to them."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="lidmaatschappen")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField(max_length=20, choices=Rol.choices, default=Rol.LEZER)

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


class Melding(models.Model):
    """An in-app notification for one user (also sent by e-mail when it has an address)."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen"
    )
    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, null=True, blank=True, related_name="meldingen"
    )
    # What the notification is about, unique per user: claiming it makes sending idempotent.
    sleutel = models.CharField(max_length=200)
    titel = models.CharField(max_length=300)
    tekst = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gelezen_op = models.DateTimeField(null=True, blank=True)
    email_verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ("-aangemaakt", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["gebruiker", "sleutel"], name="melding_een_keer_per_gebruiker"
            ),
        )
        indexes = (
            # The unread count in the navigation bar on every page.
            models.Index(fields=["gebruiker", "gelezen_op"], name="melding_ongelezen"),
        )

    def __str__(self) -> str:
        return self.titel


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
