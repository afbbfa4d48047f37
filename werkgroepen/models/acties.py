"""The actions (opdrachten) a werkgroep carries, and the words of their state."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ambities.models import Knoop
from lea.models import Agenda, Organisatie, Persoon, zelfde_agenda
from werkgroepen.models.werkgroepen import Werkgroep


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
