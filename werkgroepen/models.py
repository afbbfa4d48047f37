"""Working groups and the actions (opdrachten) they carry."""

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ambities.models import Knoop
from lea.models import Agenda, Opdracht, Organisatie, Persoon, zelfde_agenda


class Historie(HistoricalRecords):
    """History that records a many-to-many change only when the set really changed: Django
    signals an `add` of members already there too, with an empty pk_set (the demo command
    adds its chair to the werkgroep on every run)."""

    def m2m_changed(
        self, instance: Any, action: str, attr: Any, pk_set: Any, reverse: Any, **kwargs: Any
    ) -> None:
        if action in ("post_add", "post_remove") and not pk_set:
            return
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)


# Kept by name so that werkgroepen.services can record a new werkgroep with its sets at once.
WERKGROEP_HISTORIE = Historie(
    excluded_fields=["volgorde"], m2m_fields=["knopen", "leden", "organisaties"]
)


class WerkgroepQuerySet(models.QuerySet["Werkgroep"]):
    def actief(self) -> "WerkgroepQuerySet":
        """Not archived: what lists and choices offer."""
        return self.filter(gearchiveerd=False)


class Werkgroep(models.Model):
    """A working group: carries the actions of one or more nodes of the goal tree."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="werkgroepen")
    naam = models.CharField(max_length=200)
    knopen = models.ManyToManyField(
        Knoop, blank=True, related_name="werkgroepen", verbose_name="werkt aan"
    )
    voorzitter = models.ForeignKey(
        Persoon, on_delete=models.SET_NULL, null=True, blank=True, related_name="voorzitterschappen"
    )
    voorzitter_tekst = models.CharField(
        "voorzitter (zoals beschreven)",
        max_length=300,
        blank=True,
        help_text="Bv. ‘vanuit het onderwijs’ zolang er geen persoon is benoemd.",
    )
    eindverantwoordelijke = models.ForeignKey(
        Organisatie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eindverantwoordelijk_voor",
        verbose_name="eindverantwoordelijke partij",
    )
    eindverantwoordelijke_tekst = models.CharField(
        "eindverantwoordelijke (zoals beschreven)", max_length=300, blank=True
    )
    leden = models.ManyToManyField(Persoon, blank=True, related_name="werkgroepen")
    organisaties = models.ManyToManyField(
        Organisatie, blank=True, related_name="werkgroepen", verbose_name="deelnemende organisaties"
    )
    omschrijving = models.TextField("opdracht en werkwijze", blank=True)
    volgorde = models.PositiveIntegerField(default=0)
    gearchiveerd = models.BooleanField(default=False)

    objects = WerkgroepQuerySet.as_manager()
    history = WERKGROEP_HISTORIE

    class Meta:
        verbose_name = "werkgroep"
        verbose_name_plural = "werkgroepen"
        ordering = ("agenda", "volgorde", "naam")
        constraints = (
            models.UniqueConstraint(
                fields=["agenda", "naam"],
                name="werkgroep_naam_uniek_per_agenda",
                violation_error_message="Deze agenda heeft al een werkgroep met deze naam.",
            ),
        )

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        """A werkgroep's chair and responsible party belong to its own agenda (the M2M sets
        are checked by werkgroepen.services.werkgroepen, which sets them)."""
        zelfde_agenda(
            self.agenda_id,
            voorzitter=self.voorzitter,
            eindverantwoordelijke=self.eindverantwoordelijke,
        )


class Status(models.TextChoices):
    GEPLAND = "gepland", "Gepland"
    LOPEND = "lopend", "Lopend"
    AFGEROND = "afgerond", "Afgerond"
    UITGESTELD = "uitgesteld", "Uitgesteld"
    GESTOPT = "gestopt", "Gestopt"


class Rag(models.TextChoices):
    """Red/amber/green, as Dutch municipal progress reports mark time and money."""

    GROEN = "groen", "Groen – op koers"
    ORANJE = "oranje", "Oranje – aandacht nodig"
    ROOD = "rood", "Rood – loopt niet volgens plan"


class TimingSoort(models.TextChoices):
    JAAR = "jaar", "Jaar"
    SCHOOLJAAR = "schooljaar", "Schooljaar"
    KWARTAAL = "kwartaal", "Kwartaal"
    HALFJAAR = "halfjaar", "Halfjaar"
    MAAND = "maand", "Maand"
    DATUM = "datum", "Datum"
    PERIODE = "periode", "Periode"
    DOORLOPEND = "doorlopend", "Doorlopend"
    TERUGKEREND = "terugkerend", "Terugkerend"
    ONBEPAALD = "onbepaald", "Onbepaald"


# Statuses in which an action still asks for work: everything but afgerond and gestopt.
AFGESLOTEN = (Status.AFGEROND, Status.GESTOPT)

# The plausibility rule for a finished action: afgerond means 100 % complete.
AFGEROND_IS_100 = (
    "Afgerond betekent 100 % gereed: zet het percentage op 100 of kies een andere status."
)

# The one order of an action's updates: the one it follows comes first (the latest report
# date, then the latest entered). `Voortgang.objects.laatste()` and the as-of reads in
# werkgroepen.selectors both use it.
VOORTGANG_VOLGORDE = ("-datum", "-aangemaakt", "-pk")


class ActieQuerySet(models.QuerySet["Actie"]):
    """The domain's words for a set of actions; each rule has its home here."""

    def actief(self) -> "ActieQuerySet":
        """Not archived."""
        return self.filter(gearchiveerd=False)

    def open(self) -> "ActieQuerySet":
        """Not archived, and neither afgerond nor gestopt."""
        return self.actief().exclude(status__in=AFGESLOTEN)

    # These read today's state from the cached fields (equal to the history's state today,
    # as no update is dated in the future); `op` moves only the deadline. For the state on
    # another date, e.g. a report's year end, use werkgroepen.selectors.acties_met_stand.

    def te_laat(self, op: datetime.date | None = None) -> "ActieQuerySet":
        """Open, and the end of its timing lies before `op` (today by default)."""
        return self.open().filter(timing_eind__lt=op or timezone.localdate())

    def rood(self) -> "ActieQuerySet":
        """Not archived, and red on time or on money."""
        return self.actief().filter(Q(rag_tijd=Rag.ROOD) | Q(rag_geld=Rag.ROOD))

    def aandacht(self, op: datetime.date | None = None) -> "ActieQuerySet":
        """What needs the stuurgroep's attention: red, or overdue on `op`."""
        vandaag = op or timezone.localdate()
        te_laat = Q(timing_eind__lt=vandaag) & ~Q(status__in=AFGESLOTEN)
        return self.actief().filter(Q(rag_tijd=Rag.ROOD) | Q(rag_geld=Rag.ROOD) | te_laat)

    def nog_niet_gerapporteerd(self, sinds: datetime.date) -> "ActieQuerySet":
        """Open, and without a progress update in the reporting period that began on `sinds`."""
        return self.open().filter(Q(voortgang_datum__isnull=True) | Q(voortgang_datum__lt=sinds))


class Actie(models.Model):
    """An action or assignment (actie, opdracht, maatregel) serving a node of the goal tree."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="acties")
    knoop = models.ForeignKey(Knoop, on_delete=models.RESTRICT, related_name="acties")
    code = models.CharField(
        max_length=20, blank=True, help_text="Zoals gedrukt; codes zijn labels en mogen herhalen."
    )
    titel = models.CharField(max_length=500)
    bereiken = models.TextField("wat willen we bereiken", blank=True)
    doen = models.TextField("wat gaan we hiervoor doen", blank=True)
    regie = models.ManyToManyField(
        Organisatie, blank=True, related_name="regie_acties", verbose_name="regie (organisaties)"
    )
    regie_persoon = models.ForeignKey(
        Persoon, on_delete=models.SET_NULL, null=True, blank=True, related_name="regie_acties"
    )
    regie_tekst = models.CharField("wie heeft de regie (zoals gedrukt)", max_length=500, blank=True)
    partners = models.ManyToManyField(
        Organisatie, blank=True, related_name="partner_acties", verbose_name="wie helpen mee"
    )
    partners_tekst = models.CharField("wie helpen mee (zoals gedrukt)", max_length=1000, blank=True)
    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.SET_NULL, null=True, blank=True, related_name="acties"
    )
    timing_tekst = models.CharField("planning (zoals gedrukt)", max_length=200, blank=True)
    timing_soort = models.CharField(
        "soort planning", max_length=20, choices=TimingSoort.choices, default=TimingSoort.ONBEPAALD
    )
    timing_start = models.DateField("start", null=True, blank=True)
    timing_eind = models.DateField("einde / deadline", null=True, blank=True)
    leeftijd_tekst = models.CharField("leeftijd (zoals gedrukt)", max_length=100, blank=True)
    leeftijd_min = models.PositiveSmallIntegerField("leeftijd vanaf", null=True, blank=True)
    leeftijd_max = models.PositiveSmallIntegerField("leeftijd tot en met", null=True, blank=True)
    bereik_doel = models.CharField("beoogd bereik", max_length=500, blank=True)
    toelichting = models.TextField(blank=True)
    volgorde = models.PositiveIntegerField(default=0)
    gearchiveerd = models.BooleanField(default=False)
    # The current state: always that of the latest Voortgang (kept by voortgang_registreer).
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.GEPLAND)
    percentage = models.PositiveSmallIntegerField("percentage gereed", default=0)
    rag_tijd = models.CharField("RAG tijd", max_length=10, choices=Rag.choices, blank=True)
    rag_geld = models.CharField("RAG geld", max_length=10, choices=Rag.choices, blank=True)
    voortgang_datum = models.DateField("laatste voortgang", null=True, blank=True)
    # Optimistic locking: a save based on an older version is refused.
    versie = models.PositiveIntegerField(default=1)
    # Carried over from the previous period's agenda ("voortgezet uit").
    voortgezet_uit = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vervolgen",
        verbose_name="voortgezet uit",
    )

    objects = ActieQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["volgorde"], m2m_fields=[regie, partners])

    class Meta:
        verbose_name = "actie"
        verbose_name_plural = "acties"
        ordering = ("agenda", "volgorde", "pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(timing_start__isnull=True)
                | Q(timing_eind__isnull=True)
                | Q(timing_start__lte=F("timing_eind")),
                name="actie_timing_start_voor_eind",
                violation_error_message="De start ligt na het einde.",
            ),
            models.CheckConstraint(
                condition=Q(leeftijd_min__isnull=True)
                | Q(leeftijd_max__isnull=True)
                | Q(leeftijd_min__lte=F("leeftijd_max")),
                name="actie_leeftijd_min_tot_max",
                violation_error_message="De minimumleeftijd is hoger dan de maximumleeftijd.",
            ),
            models.CheckConstraint(
                condition=Q(percentage__lte=100),
                name="actie_percentage_hoogstens_100",
                violation_error_message="Een percentage ligt tussen 0 en 100.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.AFGEROND) | Q(percentage=100),
                name="actie_afgerond_is_100",
                violation_error_message=AFGEROND_IS_100,
            ),
            models.CheckConstraint(
                condition=Q(leeftijd_max__isnull=True) | Q(leeftijd_max__lte=120),
                name="actie_leeftijd_max_redelijk",
                violation_error_message="Een leeftijd boven 120 jaar is geen geldige doelgroep.",
            ),
        )
        indexes = (
            # The action list of one agenda in document order.
            models.Index(fields=["agenda", "volgorde"], name="actie_agenda_volgorde"),
            # Overdue actions: agenda + end date (dashboard, reports).
            models.Index(fields=["agenda", "timing_eind"], name="actie_agenda_eind"),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.titel}".strip()

    def clean(self) -> None:
        """Its node, werkgroep and lead belong to its own agenda (the M2M sets regie and
        partners are checked by the services in werkgroepen.services.acties)."""
        zelfde_agenda(
            self.agenda_id,
            knoop=self.knoop if self.knoop_id else None,
            werkgroep=self.werkgroep,
            regie_persoon=self.regie_persoon,
        )


class VoortgangQuerySet(models.QuerySet["Voortgang"]):
    def laatste(self) -> "Voortgang | None":
        """The update an action follows: the latest report date, then the latest entered."""
        return self.order_by(*VOORTGANG_VOLGORDE).first()


class Voortgang(models.Model):
    """A progress update on an action: status, RAG for time and money, percentage, narrative."""

    actie = models.ForeignKey(Actie, on_delete=models.CASCADE, related_name="voortgang")
    datum = models.DateField("rapportagedatum")
    status = models.CharField(max_length=20, choices=Status.choices)
    rag_tijd = models.CharField("RAG tijd", max_length=10, choices=Rag.choices)
    rag_geld = models.CharField("RAG geld", max_length=10, choices=Rag.choices)
    percentage = models.PositiveSmallIntegerField("percentage gereed")
    toelichting = models.TextField("toelichting")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    # Made up by the demonstration (lea/config/demo_voortgang.py), never part of a transcription.
    demo = models.BooleanField("demonstratie", default=False, editable=False)
    # The public view (/openbaar/) shows an update only when marked public, with its public
    # wording when the beheerder gave one; the internal record stays as written.
    openbaar = models.BooleanField(
        "openbaar",
        default=False,
        help_text="Toon deze voortgang in de openbare weergave van de agenda.",
    )
    openbare_tekst = models.TextField(
        "tekst voor het publiek",
        blank=True,
        help_text="Leeg: de toelichting zelf. Wordt alleen openbaar getoond.",
    )

    objects = VoortgangQuerySet.as_manager()
    history = HistoricalRecords()
    # Not a field: set by voortgang_registreer to the queued status notification, if any.
    statusmelding: Opdracht | None = None

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        ordering = VOORTGANG_VOLGORDE
        constraints = (
            models.CheckConstraint(
                condition=Q(percentage__lte=100),
                name="voortgang_percentage_hoogstens_100",
                violation_error_message="Een percentage ligt tussen 0 en 100.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.AFGEROND) | Q(percentage=100),
                name="voortgang_afgerond_is_100",
                violation_error_message=AFGEROND_IS_100,
            ),
        )
        indexes = (
            # The timeline of one action in its own order (VOORTGANG_VOLGORDE), so that its
            # newest update, the state on a given day and "who has not reported yet" are read
            # from the index alone; and an agenda's count of updates without the table.
            models.Index(
                fields=["actie", "-datum", "-aangemaakt", "-id"], name="voortgang_actie_tijdlijn"
            ),
        )

    def __str__(self) -> str:
        return f"{self.actie} – {self.datum:%d-%m-%Y}: {self.get_status_display()}"

    def clean(self) -> None:
        """Plausibility: a report date within the agenda's period and not in the future
        (today in Europe/Amsterdam), and afgerond at 100 %."""
        from django.core.exceptions import ValidationError

        errors: dict[str, str] = {}
        if self.datum is not None:
            if self.datum > timezone.localdate():
                errors["datum"] = "De rapportagedatum ligt in de toekomst."
            elif self.actie_id is not None:
                agenda = self.actie.agenda
                if not agenda.periode_start <= self.datum <= agenda.periode_eind:
                    errors["datum"] = (
                        "De rapportagedatum ligt buiten de periode van de agenda "
                        f"({agenda.periode_start:%d-%m-%Y} – {agenda.periode_eind:%d-%m-%Y})."
                    )
        if self.status == Status.AFGEROND and self.percentage not in (None, 100):
            errors["percentage"] = AFGEROND_IS_100
        if errors:
            raise ValidationError(errors)


class Opmerking(models.Model):
    """A comment on an action by someone of its werkgroep."""

    actie = models.ForeignKey(Actie, on_delete=models.CASCADE, related_name="opmerkingen")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tekst = models.TextField()
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "opmerking"
        verbose_name_plural = "opmerkingen"
        ordering = ("-aangemaakt", "-pk")

    def __str__(self) -> str:
        return self.tekst[:60]


class Rapportagelink(models.Model):
    """A chair's personal link, from the progress request to the open actions of one werkgroep
    for one reporting period. The URL carries it signed (werkgroepen.services.rapportagelink);
    it expires, and a beheerder can revoke it."""

    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.CASCADE, related_name="rapportagelinks"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rapportagelinks"
    )
    periode_begin = models.DateField("begin van de rapportageperiode")
    periode_eind = models.DateField("einde van de rapportageperiode")
    aangemaakt = models.DateTimeField(auto_now_add=True)
    verloopt_op = models.DateTimeField("verloopt op")
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    laatst_gebruikt_op = models.DateTimeField("laatst gebruikt op", null=True, blank=True)
    aantal_keer_gebruikt = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "rapportagelink"
        verbose_name_plural = "rapportagelinks"
        ordering = ("-aangemaakt", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["werkgroep", "gebruiker", "periode_begin"],
                name="rapportagelink_een_per_voorzitter_per_periode",
            ),
        )

    def __str__(self) -> str:
        return f"{self.werkgroep} – {self.gebruiker} ({self.periode_begin:%d-%m-%Y})"

    def geldig(self, nu: datetime.datetime | None = None) -> bool:
        """Neither revoked nor expired."""
        return self.ingetrokken_op is None and (nu or timezone.now()) < self.verloopt_op
