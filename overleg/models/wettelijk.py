"""The statutory topics the bestuurlijk overleg must discuss, and the agreements made on them."""

from django.db import models

from lea.models import Agenda


class WettelijkOnderwerp(models.Model):
    """A topic the law requires on the agenda each year (data: legal references can change)."""

    code = models.SlugField(max_length=40, unique=True)
    titel = models.CharField(max_length=300)
    wetsartikel = models.CharField("wettelijke grondslag", max_length=200)
    groep = models.CharField(
        max_length=20,
        choices=[
            ("lea", "LEA-overleg (PO en VO)"),
            ("vve", "Voor- en vroegschoolse educatie"),
            ("nieuwkomers", "Nieuwkomers"),
        ],
    )
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "wettelijk overlegonderwerp"
        verbose_name_plural = "wettelijke overlegonderwerpen"
        ordering = ("volgorde",)

    def __str__(self) -> str:
        return self.titel


class Beoordeling(models.TextChoices):
    OP_KOERS = "op_koers", "Op koers"
    NIET_GEHAALD = "niet_gehaald", "Niet gehaald"
    GEHAALD = "gehaald", "Gehaald"


class Afspraak(models.Model):
    """An agreement on a statutory topic, with its measurable goals and where it was made."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="afspraken")
    onderwerp = models.ForeignKey(WettelijkOnderwerp, on_delete=models.PROTECT, related_name="+")
    titel = models.CharField(max_length=300)
    tekst = models.TextField("afspraak")
    meetbare_doelen = models.TextField(blank=True)
    besluit = models.ForeignKey(
        "overleg.Besluit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="afspraken",
    )
    geldig_van = models.DateField(null=True, blank=True)
    geldig_tot = models.DateField(null=True, blank=True)
    beoordeling = models.CharField(
        max_length=20, choices=Beoordeling.choices, default=Beoordeling.OP_KOERS
    )
    volgorde = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "afspraak"
        verbose_name_plural = "afspraken"
        ordering = ("agenda", "onderwerp__volgorde", "volgorde")

    def __str__(self) -> str:
        return self.titel
