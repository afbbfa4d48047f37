"""Money: an agenda's budget lines per year and their funding.

No negative amounts where the documents never print one: a budgeted or realised amount of a
line and a funding amount are zero or more (a constraint and a field validator). The balance
carried into the first year (`beginsaldo`) may be negative: a deficit carried over.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ambities.models import Knoop
from lea.models import Agenda, zelfde_agenda
from werkgroepen.models import Actie

NIET_NEGATIEF_BEDRAG = "Een bedrag kan niet negatief zijn."


# An amount in euros: zero or more, with a Dutch message.
BEDRAG_VALIDATORS = [MinValueValidator(Decimal(0), NIET_NEGATIEF_BEDRAG)]


class Begroting(models.Model):
    """The multi-year budget of an agenda, with the balance carried into its first year."""

    agenda = models.OneToOneField(Agenda, on_delete=models.CASCADE, related_name="begroting")
    eerste_jaar = models.PositiveSmallIntegerField()
    laatste_jaar = models.PositiveSmallIntegerField()
    beginsaldo = models.DecimalField(
        "restant voorgaand jaar (eerste jaar)", max_digits=14, decimal_places=2, default=0
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "begroting"
        verbose_name_plural = "begrotingen"
        constraints = (
            models.CheckConstraint(
                condition=models.Q(eerste_jaar__lte=models.F("laatste_jaar")),
                name="begroting_jaren_oplopend",
                violation_error_message="Het eerste jaar ligt na het laatste jaar.",
            ),
        )

    def __str__(self) -> str:
        return f"Begroting {self.agenda} {self.eerste_jaar}-{self.laatste_jaar}"

    @property
    def jaren(self) -> list[int]:
        return list(range(self.eerste_jaar, self.laatste_jaar + 1))

    def clean(self) -> None:
        if self.pk is None or not (self.eerste_jaar and self.laatste_jaar):
            return
        jaren = (self.eerste_jaar, self.laatste_jaar)
        buiten = Begrotingsbedrag.objects.filter(post__begroting=self).exclude(jaar__range=jaren)
        buiten_f = Financieringsbedrag.objects.filter(financiering__begroting=self).exclude(
            jaar__range=jaren
        )
        if buiten.exists() or buiten_f.exists():
            raise ValidationError(
                "Er staan bedragen in jaren buiten deze periode; die zouden uit de begroting "
                "verdwijnen. Kies een periode die alle jaren met bedragen omvat."
            )


class Begrotingspost(models.Model):
    """A budget line: an action's money, or another line such as coordination ("Overig")."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="posten")
    knoop = models.ForeignKey(
        Knoop, on_delete=models.RESTRICT, null=True, blank=True, related_name="begrotingsposten"
    )
    groep_naam = models.CharField(
        max_length=100, blank=True, help_text="Voor posten zonder knoop, bv. ‘Overig’."
    )
    naam = models.CharField(max_length=300)
    actie = models.ForeignKey(
        Actie, on_delete=models.SET_NULL, null=True, blank=True, related_name="begrotingsposten"
    )
    # A line the document prints as the sum of the lines under it (Hilversum: "Peuteropvang
    # en VVE"); totals add up the lines without children only.
    ouder = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="onderdelen",
        verbose_name="onderdeel van",
    )
    wijziging = models.CharField(
        "t.o.v. vorige periode",
        max_length=200,
        blank=True,
        help_text="Zoals gedrukt: Gelijk, Uitbreiding, Vermindering, Nieuw, Dekking vanuit …",
    )
    volgorde = models.PositiveIntegerField(default=0)
    # An archived line is no longer part of the budget: left out of the overview and its totals.
    gearchiveerd = models.BooleanField(default=False)
    history = HistoricalRecords(excluded_fields=["volgorde"])

    class Meta:
        verbose_name = "begrotingspost"
        verbose_name_plural = "begrotingsposten"
        ordering = ("begroting", "volgorde", "pk")

    def __str__(self) -> str:
        return self.naam

    @property
    def agenda_id(self) -> int | None:
        """The agenda of its budget: read by lea.models.zelfde_agenda and the core's admin."""
        return self.begroting.agenda_id if self.begroting_id else None

    def clean(self) -> None:
        try:
            begroting = self.begroting
        except Begroting.DoesNotExist:
            return  # the missing budget is reported by the field itself
        zelfde_agenda(begroting.agenda_id, knoop=self.knoop, actie=self.actie)
        if self.ouder is not None and self.ouder.begroting_id != begroting.pk:
            raise ValidationError({"ouder": "Deze post hoort bij een andere begroting."})
        if self.ouder is not None and self.pk and self.ouder.pk == self.pk:
            raise ValidationError({"ouder": "Een post kan geen onderdeel van zichzelf zijn."})


class Begrotingsbedrag(models.Model):
    """The amount of one budget line in one year."""

    post = models.ForeignKey(Begrotingspost, on_delete=models.CASCADE, related_name="bedragen")
    jaar = models.PositiveSmallIntegerField()
    bedrag = models.DecimalField(
        "begroot", max_digits=14, decimal_places=2, validators=BEDRAG_VALIDATORS
    )
    realisatie = models.DecimalField(
        "gerealiseerd",
        max_digits=14,
        decimal_places=2,
        validators=BEDRAG_VALIDATORS,
        null=True,
        blank=True,
        help_text="Werkelijk besteed in dit jaar; leeg zolang het jaar niet is afgesloten.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "begrotingsbedrag"
        verbose_name_plural = "begrotingsbedragen"
        ordering = ("post", "jaar")
        constraints = (
            models.UniqueConstraint(fields=["post", "jaar"], name="bedrag_een_per_post_per_jaar"),
            models.CheckConstraint(
                condition=Q(bedrag__gte=0) & (Q(realisatie__isnull=True) | Q(realisatie__gte=0)),
                name="bedrag_niet_negatief",
                violation_error_message=NIET_NEGATIEF_BEDRAG,
            ),
        )

    def __str__(self) -> str:
        return f"{self.post} {self.jaar}: {self.bedrag}"

    def clean(self) -> None:
        try:
            begroting = self.post.begroting
        except (Begrotingspost.DoesNotExist, Begroting.DoesNotExist):
            return
        if self.jaar and self.jaar not in begroting.jaren:
            raise ValidationError(
                {
                    "jaar": f"Kies een jaar van de begroting ({begroting.eerste_jaar}–"
                    f"{begroting.laatste_jaar})."
                }
            )
        # With quarters recorded, the year's realisation is their sum (kept by the service).
        if self.pk:
            kwartalen = [r.bedrag for r in self.kwartalen.all()]
            if kwartalen and self.realisatie != sum(kwartalen, Decimal(0)):
                raise ValidationError(
                    {
                        "realisatie": "Deze post heeft realisaties per kwartaal: het gerealiseerde "
                        "bedrag van het jaar is hun som. Wijzig de kwartalen."
                    }
                )


class Realisatie(models.Model):
    """What was actually spent on a budget line in one quarter of a year."""

    begrotingsbedrag = models.ForeignKey(
        Begrotingsbedrag, on_delete=models.CASCADE, related_name="kwartalen"
    )
    kwartaal = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(1, "Een kwartaal is 1, 2, 3 of 4."),
            MaxValueValidator(4, "Een kwartaal is 1, 2, 3 of 4."),
        ]
    )
    bedrag = models.DecimalField(
        "gerealiseerd", max_digits=14, decimal_places=2, validators=BEDRAG_VALIDATORS
    )
    toelichting = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisatie per kwartaal"
        verbose_name_plural = "realisaties per kwartaal"
        ordering = ("begrotingsbedrag", "kwartaal")
        constraints = (
            models.UniqueConstraint(
                fields=["begrotingsbedrag", "kwartaal"],
                name="realisatie_een_per_kwartaal",
                violation_error_message="Deze post heeft al een realisatie in dit kwartaal.",
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__gte=1) & Q(kwartaal__lte=4),
                name="realisatie_kwartaal_1_tot_4",
                violation_error_message="Een kwartaal is 1, 2, 3 of 4.",
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gte=0),
                name="realisatie_niet_negatief",
                violation_error_message=NIET_NEGATIEF_BEDRAG,
            ),
        )

    def __str__(self) -> str:
        return f"{self.begrotingsbedrag.post} {self.begrotingsbedrag.jaar} Q{self.kwartaal}"


class Geldregel(models.Model):
    """When an action's spending proposes oranje or rood for money: overspend thresholds."""

    agenda = models.OneToOneField(Agenda, on_delete=models.CASCADE, related_name="geldregel")
    oranje_vanaf_pct = models.PositiveSmallIntegerField(
        "oranje vanaf (% overschrijding)",
        default=10,
        validators=[MaxValueValidator(1000, "Kies een percentage tot 1000.")],
    )
    rood_vanaf_pct = models.PositiveSmallIntegerField(
        "rood vanaf (% overschrijding)",
        default=25,
        validators=[MaxValueValidator(1000, "Kies een percentage tot 1000.")],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "geldregel"
        verbose_name_plural = "geldregels"
        constraints = (
            models.CheckConstraint(
                condition=Q(oranje_vanaf_pct__lte=models.F("rood_vanaf_pct")),
                name="geldregel_oranje_voor_rood",
                violation_error_message="Oranje begint niet boven rood.",
            ),
        )

    def __str__(self) -> str:
        return f"Oranje vanaf {self.oranje_vanaf_pct}%, rood vanaf {self.rood_vanaf_pct}%"


class FinancieringsBron(models.TextChoices):
    GEMEENTELIJK = "gemeentelijk", "Gemeentelijke middelen"
    RIJK = "rijk", "Rijksmiddelen"
    NPO = "npo", "NPO-middelen"
    OVERIG = "overig", "Overige middelen"


class Financiering(models.Model):
    """A source of funding of the budget (gemeentelijke middelen, rijksmiddelen, NPO, ...)."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="financiering")
    bron = models.CharField(max_length=20, choices=FinancieringsBron.choices)
    naam = models.CharField(max_length=200)
    volgorde = models.PositiveIntegerField(default=0)
    gearchiveerd = models.BooleanField(default=False)
    history = HistoricalRecords(excluded_fields=["volgorde"])

    class Meta:
        verbose_name = "financieringsbron"
        verbose_name_plural = "financiering"
        ordering = ("begroting", "volgorde", "pk")

    def __str__(self) -> str:
        return self.naam


class Financieringsbedrag(models.Model):
    """The amount a funding source brings in one year."""

    financiering = models.ForeignKey(
        Financiering, on_delete=models.CASCADE, related_name="bedragen"
    )
    jaar = models.PositiveSmallIntegerField()
    bedrag = models.DecimalField(max_digits=14, decimal_places=2, validators=BEDRAG_VALIDATORS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "financieringsbedrag"
        verbose_name_plural = "financieringsbedragen"
        ordering = ("financiering", "jaar")
        constraints = (
            models.UniqueConstraint(
                fields=["financiering", "jaar"], name="financiering_een_bedrag_per_jaar"
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gte=0),
                name="financiering_niet_negatief",
                violation_error_message=NIET_NEGATIEF_BEDRAG,
            ),
        )

    def __str__(self) -> str:
        return f"{self.financiering} {self.jaar}: {self.bedrag}"
