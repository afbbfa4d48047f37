"""Indicators and their measurements, schools with their schoolweging, and VE figures.

No negative counts: VE figures are numbers of children or places (a constraint and a field
validator). A measurement, baseline or target is a count or a share when its indicator has a
unit (‘kinderen’, ‘leerlingen’, ‘%’, ‘schoolweging’) and cannot be below zero; only an
indicator without a unit, or with a unit in points (‘%-punt’, ‘punten’) - a score, an index or
a difference - may go negative. That rule reads the indicator's unit, so it lives in clean().
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ambities.models import BeoogdResultaat, Knoop
from lea.models import Agenda, Organisatie, zelfde_agenda


class IndicatorSoort(models.TextChoices):
    EFFECT = "effect", "Maatschappelijke effectindicator"
    PRESTATIE = "prestatie", "Prestatie-indicator"


class Bron(models.TextChoices):
    CBS = "cbs", "CBS"
    GGD = "ggd", "GGD gezondheidsmonitor"
    VE_MONITOR = "ve_monitor", "VE-monitor / peutermonitor"
    DUO = "duo", "DUO"
    LEERPLICHT = "leerplicht", "Leerplicht"
    EIGEN = "eigen", "Eigen registratie"
    OVERIG = "overig", "Overig"


class Richting(models.TextChoices):
    OMHOOG = "omhoog", "Hoger is beter"
    OMLAAG = "omlaag", "Lager is beter"
    GELIJK = "gelijk", "Gelijk blijven"


NIET_NEGATIEF_AANTAL = "Een aantal kan niet negatief zijn."


# A count of children or places: zero or more, with a Dutch message.
AANTAL_VALIDATORS = [MinValueValidator(0, NIET_NEGATIEF_AANTAL)]


def eenheid_mag_negatief(eenheid: str) -> bool:
    """Whether values in this unit may be negative: no unit, or a unit in points."""
    eenheid = eenheid.strip().lower()
    return not eenheid or "punt" in eenheid


def _niet_negatief_bericht(eenheid: str) -> str:
    return (
        f"Een waarde in ‘{eenheid}’ kan niet negatief zijn (alleen een indicator zonder "
        "eenheid of met een eenheid in punten kan onder nul)."
    )


class Indicator(models.Model):
    """What the partners measure to see whether an ambition is reached."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="indicatoren")
    naam = models.CharField(max_length=300)
    soort = models.CharField(
        max_length=20, choices=IndicatorSoort.choices, default=IndicatorSoort.PRESTATIE
    )
    eenheid = models.CharField(max_length=40, blank=True, help_text="Bv. ‘%’, ‘kinderen’.")
    bron = models.CharField(max_length=20, choices=Bron.choices, default=Bron.EIGEN)
    richting = models.CharField(
        "gewenste richting", max_length=10, choices=Richting.choices, default=Richting.OMHOOG
    )
    basiswaarde = models.DecimalField(
        "huidige situatie", max_digits=12, decimal_places=2, null=True, blank=True
    )
    basisdatum = models.DateField("huidige situatie op", null=True, blank=True)
    basis_tekst = models.CharField(
        "huidige situatie (zoals beschreven)", max_length=500, blank=True
    )
    streefwaarde = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    streefjaar = models.PositiveSmallIntegerField(null=True, blank=True)
    streef_tekst = models.CharField("streven (zoals beschreven)", max_length=500, blank=True)
    knopen = models.ManyToManyField(Knoop, blank=True, related_name="indicatoren")
    resultaten = models.ManyToManyField(BeoogdResultaat, blank=True, related_name="indicatoren")
    toelichting = models.TextField(blank=True)
    volgorde = models.PositiveIntegerField(default=0)
    gearchiveerd = models.BooleanField(default=False)

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"
        ordering = ("agenda", "volgorde", "pk")

    history = HistoricalRecords(excluded_fields=["volgorde"])

    def __str__(self) -> str:
        return self.naam

    @property
    def mag_negatief(self) -> bool:
        return eenheid_mag_negatief(self.eenheid)

    def clean(self) -> None:
        if self.mag_negatief:
            return
        fouten = {
            veld: _niet_negatief_bericht(self.eenheid)
            for veld in ("basiswaarde", "streefwaarde")
            if (getattr(self, veld) or 0) < 0
        }
        if self.pk and self.metingen.filter(waarde__lt=0).exists():
            fouten["eenheid"] = (
                f"Deze indicator heeft negatieve metingen; die passen niet bij de eenheid "
                f"‘{self.eenheid}’."
            )
        if fouten:
            raise ValidationError(fouten)


class School(models.Model):
    """A school in the municipality, for its schoolweging and per-school measurements."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="scholen")
    naam = models.CharField(max_length=200)
    brin = models.CharField("BRIN/vestiging", max_length=10, blank=True)
    bestuur = models.ForeignKey(
        Organisatie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scholen",
        verbose_name="bestuur",
    )
    locatie = models.CharField(
        "locatie", max_length=200, blank=True, help_text="Adres, kern of wijk van de school."
    )
    gearchiveerd = models.BooleanField(default=False)

    class Meta:
        verbose_name = "school"
        verbose_name_plural = "scholen"
        ordering = ("agenda", "naam")
        constraints = (
            models.UniqueConstraint(
                fields=["agenda", "naam"],
                name="school_naam_uniek",
                violation_error_message="Deze agenda heeft al een school met deze naam.",
            ),
        )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        if self.agenda_id:
            zelfde_agenda(self.agenda_id, bestuur=self.bestuur)


class Meting(models.Model):
    """The value of an indicator in a year, for the whole municipality or one school."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="metingen")
    jaar = models.PositiveSmallIntegerField()
    datum = models.DateField(
        "gemeten op", null=True, blank=True, help_text="Leeg als de meting een heel jaar beslaat."
    )
    waarde = models.DecimalField(max_digits=12, decimal_places=2)
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="metingen"
    )
    bron = models.CharField(
        "bron", max_length=300, blank=True, help_text="Waar de waarde vandaan komt (rapport, link)."
    )
    toelichting = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "meting"
        verbose_name_plural = "metingen"
        ordering = ("indicator", "jaar")
        constraints = (
            models.UniqueConstraint(
                fields=["indicator", "jaar", "school"],
                name="meting_een_per_jaar_per_school",
                violation_error_message="Deze indicator heeft al een meting van deze school "
                "in dit jaar.",
            ),
            models.UniqueConstraint(
                fields=["indicator", "jaar"],
                condition=Q(school=None),
                name="meting_een_per_jaar_gemeente",
                violation_error_message="Deze indicator heeft al een meting in dit jaar.",
            ),
        )
        indexes = (
            # The admin's year filter: the first and the last year, read from its two ends.
            models.Index(fields=["jaar"], name="meting_jaar"),
        )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.indicator} {self.jaar}: {self.waarde}"

    def clean(self) -> None:
        try:
            indicator = self.indicator
        except Indicator.DoesNotExist:
            return  # the missing indicator is reported by the field itself
        fouten: dict[str, str] = {}
        if self.waarde is not None and self.waarde < 0 and not indicator.mag_negatief:
            fouten["waarde"] = _niet_negatief_bericht(indicator.eenheid)
        if self.datum and self.jaar and self.datum.year != self.jaar:
            fouten["datum"] = f"De datum ligt niet in {self.jaar}."
        if fouten:
            raise ValidationError(fouten)
        zelfde_agenda(indicator.agenda_id, school=self.school)


class Schoolweging(models.Model):
    """The CBS schoolweging of a school in a year (scale about 20 to 40)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="wegingen")
    jaar = models.PositiveSmallIntegerField()
    waarde = models.DecimalField(max_digits=4, decimal_places=2)

    class Meta:
        verbose_name = "schoolweging"
        verbose_name_plural = "schoolwegingen"
        ordering = ("school", "jaar")
        constraints = (
            models.UniqueConstraint(
                fields=["school", "jaar"],
                name="weging_een_per_jaar",
                violation_error_message="Deze school heeft al een schoolweging in dit jaar.",
            ),
            models.CheckConstraint(
                condition=Q(waarde__gte=15) & Q(waarde__lte=45),
                name="weging_op_de_schaal",
                violation_error_message="De schoolweging ligt tussen 20 en 40 (uiterlijk 15–45).",
            ),
        )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.school} {self.jaar}: {self.waarde}"


class Signaalregel(models.Model):
    """When a school's schoolweging asks for an analysis (Bunnik: 30 or higher, structurally)."""

    agenda = models.OneToOneField(Agenda, on_delete=models.CASCADE, related_name="signaalregel")
    drempel = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=30,
        validators=[MinValueValidator(Decimal(0), "De drempel kan niet negatief zijn.")],
    )
    aantal_jaren = models.PositiveSmallIntegerField(
        "structureel: jaren achter elkaar",
        default=2,
        validators=[MinValueValidator(1, "Structureel is ten minste één jaar.")],
    )
    tekst = models.TextField("afspraak", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "signaalregel schoolweging"
        verbose_name_plural = "signaalregels schoolweging"
        constraints = (
            models.CheckConstraint(
                condition=Q(drempel__gte=0) & Q(aantal_jaren__gte=1),
                name="signaalregel_niet_negatief",
                violation_error_message="De drempel is niet negatief en structureel is ten "
                "minste één jaar.",
            ),
        )

    def __str__(self) -> str:
        return f"Schoolweging ≥ {self.drempel} gedurende {self.aantal_jaren} jaar"


class VeCijfers(models.Model):
    """Early-childhood education figures of a calendar year, as the Inspectie asks them."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="ve_cijfers")
    jaar = models.PositiveSmallIntegerField()
    kindplaatsen = models.PositiveIntegerField(
        "aangeboden voorschoolse kindplaatsen",
        null=True,
        blank=True,
        validators=AANTAL_VALIDATORS,
    )
    geindiceerd = models.PositiveIntegerField(
        "kinderen met een VE-indicatie", validators=AANTAL_VALIDATORS
    )
    bereikt = models.PositiveIntegerField(
        "geïndiceerde kinderen met gesubsidieerde VE", validators=AANTAL_VALIDATORS
    )
    bron = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "VE-cijfers"
        verbose_name_plural = "VE-cijfers"
        ordering = ("agenda", "jaar")
        constraints = (
            models.UniqueConstraint(
                fields=["agenda", "jaar"],
                name="ve_een_per_jaar",
                violation_error_message="Er zijn al VE-cijfers van dit jaar.",
            ),
            models.CheckConstraint(
                condition=Q(bereikt__lte=models.F("geindiceerd")),
                name="ve_bereik_niet_meer_dan_geindiceerd",
                violation_error_message="Er kunnen niet meer kinderen bereikt "
                "worden dan er een indicatie hebben.",
            ),
            models.CheckConstraint(
                condition=(Q(kindplaatsen__isnull=True) | Q(kindplaatsen__gte=0))
                & Q(geindiceerd__gte=0)
                & Q(bereikt__gte=0),
                name="ve_aantallen_niet_negatief",
                violation_error_message=NIET_NEGATIEF_AANTAL,
            ),
        )

    def __str__(self) -> str:
        return f"VE {self.agenda} {self.jaar}"

    @property
    def niet_bereikt(self) -> int:
        return self.geindiceerd - self.bereikt

    @property
    def bereik_procent(self) -> float | None:
        return round(100 * self.bereikt / self.geindiceerd, 1) if self.geindiceerd else None
