"""The sheet Begroting.

Begroting has a row per budget line and year (the headers of a sheet are fixed, so the years
cannot be columns): the ID is the line's, the same on each of its rows, and the line's own
cells (name, group, node, action, ...) are the same on each. A row without a year holds a line
that has no amounts yet.

The year's realisation is the sum of its quarters (the sheet Realisaties): Begroting shows it,
and does not read it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q

from ambities.models import Knoop
from ambities.selectors import knooplabel, knooplabels
from lea import werkboek
from lea.werkboek import (
    BEDRAG,
    GEHEEL,
    Blad,
    Context,
    Kolom,
    Regel,
    Rij,
    regel_voor,
    vergelijk,
)
from monitoring.models import Begroting, Begrotingsbedrag, Begrotingspost
from monitoring.services.begroting import (
    begrotingsbedrag_bewaar,
    begrotingspost_bewaar,
)
from monitoring.werkboek import gemeen as g
from werkgroepen.models import Actie

GEEN_BEGROTING = (
    "Deze agenda heeft nog geen begroting; stel eerst de jaren en het beginsaldo in op de "
    "pagina Begroting."
)

# --- Begroting ------------------------------------------------------------------------------

BEGROTING = "Begroting"
B_ID = Kolom(
    "post_id",
    "ID",
    8,
    GEHEEL,
    uitleg="Het nummer van de post, op elke rij (elk jaar) van de post hetzelfde. Laat leeg "
    "voor een nieuwe post.",
)
B_NAAM = Kolom("naam", "Post", 40, uitleg="Het blad Realisaties verwijst naar deze naam.")
B_GROEP = Kolom("groep_naam", "Groep", 30, uitleg="Zoals in het plan, bv. ‘Overig’.")
B_KNOOP = Kolom("knoop", "Knoop", 40, lijst="begrotingsknopen")
B_ACTIE = Kolom(
    "actie",
    "Actie",
    40,
    lijst="begrotingsacties",
    uitleg="Een post van een actie telt mee in het voorstel voor haar RAG geld. Zonder knoop "
    "krijgt de post de knoop van de actie.",
)
B_OUDER = Kolom(
    "ouder",
    "Onderdeel van",
    30,
    lijst="begrotingsposten",
    uitleg="De bestaande post waarvan deze post een onderdeel is; de totalen tellen alleen de "
    "onderdelen.",
)
B_WIJZIGING = Kolom(
    "wijziging", "T.o.v. vorige periode", 24, uitleg="Bv. Gelijk, Uitbreiding, Nieuw."
)
B_JAAR = Kolom("jaar", "Jaar", 8, GEHEEL)
B_BEDRAG = Kolom("bedrag", "Begroot", 14, BEDRAG)
B_REALISATIE = Kolom(
    "realisatie",
    "Gerealiseerd",
    14,
    BEDRAG,
    alleen_lezen=True,
    uitleg="De som van de kwartalen op het blad Realisaties; wordt niet ingelezen.",
)
POST_KOLOMMEN = (B_NAAM, B_GROEP, B_KNOOP, B_ACTIE, B_OUDER, B_WIJZIGING)
B_KOLOMMEN = (B_ID, *POST_KOLOMMEN, B_JAAR, B_BEDRAG, B_REALISATIE)


def begroting_van(context: Context) -> Begroting | None:
    return Begroting.objects.filter(agenda=context.agenda).first()


def _posten(context: Context) -> Any:
    return Begrotingspost.objects.filter(
        begroting__agenda=context.agenda, gearchiveerd=False
    ).select_related("begroting", "knoop__ouder", "actie__knoop__ouder", "ouder")


def _knopen(context: Context) -> dict[str, Knoop]:
    """The nodes a line may have: the active ones, and any an active line already has."""
    gebruikt = _posten(context).filter(knoop__isnull=False).values_list("knoop_id", flat=True)
    return knooplabels(context.agenda, ook=gebruikt)


def _acties(context: Context) -> dict[str, Actie]:
    """The actions a line may have: the active ones, and any an active line already has."""
    acties = Actie.objects.filter(agenda=context.agenda).filter(
        Q(gearchiveerd=False) | Q(begrotingsposten__gearchiveerd=False)
    )
    return werkboek.uniek(acties.distinct().select_related("knoop__ouder"), g.actielabel)


def postlabels(context: Context) -> dict[str, Begrotingspost]:
    return werkboek.uniek(_posten(context), lambda p: p.naam)


@dataclass
class Namen:
    """Labels by key, for the export and for a line's old values."""

    knopen: dict[Any, str]
    acties: dict[Any, str]
    posten: dict[Any, str]

    @classmethod
    def van(cls, context: Context) -> Namen:
        return cls(
            werkboek.per_pk(_knopen(context)),
            werkboek.per_pk(_acties(context)),
            werkboek.per_pk(postlabels(context)),
        )

    def post(self, post: Begrotingspost) -> dict[str, Any]:
        return {
            "post_id": post.pk,
            "naam": post.naam,
            "groep_naam": post.groep_naam,
            "knoop": self.knopen.get(post.knoop_id, "") if post.knoop_id else "",
            "actie": self.acties.get(post.actie_id, "") if post.actie_id else "",
            "ouder": self.posten.get(post.ouder_id, "") if post.ouder_id else "",
            "wijziging": post.wijziging,
        }


def _bedrag_rij(bedrag: Begrotingsbedrag | None) -> dict[str, Any]:
    if bedrag is None:
        return {"jaar": None, "bedrag": None, "realisatie": None}
    return {"jaar": bedrag.jaar, "bedrag": bedrag.bedrag, "realisatie": bedrag.realisatie}


def begroting_rijen(context: Context) -> list[dict[str, Any]]:
    namen = Namen.van(context)
    rijen = []
    for post in _posten(context).prefetch_related("bedragen"):
        bedragen = sorted(post.bedragen.all(), key=lambda b: b.jaar) or [None]
        rijen += [namen.post(post) | _bedrag_rij(b) for b in bedragen]
    return rijen


def begroting_lijsten(context: Context) -> dict[str, list[str]]:
    return {
        "begrotingsknopen": list(_knopen(context)),
        "begrotingsacties": list(_acties(context)),
        "begrotingsposten": list(postlabels(context)),
    }


@dataclass
class _Post:
    """A line as the file gives it: its first row sets its own cells, which its other rows
    repeat."""

    post: Begrotingspost
    rij: Rij
    waarden: dict[str, Any]  # the line's own cells as typed on its first row
    oud: dict[str, Any] | None  # the line's own cells as they are, None for a new line
    bewaren: bool = False  # a new line, or one whose own cells change
    bewaard: bool = False  # saved by the first of its rows the apply reached


def begroting_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    g.vergeet(context, g.INDICATOREN, g.SCHOLEN)
    begroting = begroting_van(context)
    if begroting is None:
        return zonder_begroting(rijen, B_JAAR, BEGROTING, B_KOLOMMEN)
    lezer = _Begrotinglezer(context, begroting)
    regels = [lezer.lees(rij) for rij in [lezer.groepeer(r) for r in rijen]]
    context.gedeeld[g.POSTEN] = lezer.labels()
    return regels + lezer.ontbrekend(rijen)


class _Begrotinglezer:
    def __init__(self, context: Context, begroting: Begroting) -> None:
        self.context = context
        self.begroting = begroting
        self.posten = {p.pk: p for p in _posten(context)}
        self.bedragen = {
            (b.post_id, b.jaar): b
            for b in Begrotingsbedrag.objects.filter(post__in=list(self.posten.values()))
        }
        for bedrag in self.bedragen.values():
            bedrag.post = self.posten[bedrag.post_id]
        self.knopen, self.acties = _knopen(context), _acties(context)
        self.postlabels = postlabels(context)
        self.namen = Namen.van(context)
        self.volgorde = begroting.posten.aggregate(m=Max("volgorde"))["m"] or 0
        self.groepen: dict[Any, _Post] = {}
        self.van_rij: dict[int, _Post] = {}
        self.jaren: dict[tuple[int, int], int] = {}
        self.gezien: set[tuple[int, int | None]] = set()

    def groepeer(self, rij: Rij) -> Rij:
        """Find or start the row's line, and check that its own cells repeat the first row's."""
        bestaand = g.zoek(
            rij,
            B_ID,
            self.posten,
            self.begroting.posten.all(),
            "post",
            "is een gearchiveerde post",
        )
        sleutel: Any = None
        if bestaand is not None:
            sleutel = bestaand.pk
        elif rij["post_id"] is None:
            werkboek.verplicht(rij, B_NAAM, "Vul de naam van de post in.")
            if rij["naam"]:
                sleutel = rij["naam"].lower()
                zelfde = self.postlabels.get(rij["naam"]) or next(
                    (p for p in self.posten.values() if p.naam.lower() == sleutel), None
                )
                if zelfde is not None:
                    rij.fout(
                        B_NAAM,
                        f"Er is al een post ‘{zelfde.naam}’ (ID {zelfde.pk}); zet dat ID op deze "
                        "rij om er een jaar aan toe te voegen, of kies een andere naam.",
                    )
        if sleutel is None:
            return rij
        groep = self.groepen.get(sleutel)
        if groep is None:
            groep = self.groepen[sleutel] = self._nieuwe_groep(rij, bestaand)
        else:
            for kolom in POST_KOLOMMEN:
                if rij[kolom.veld] != groep.waarden[kolom.veld] and not rij.heeft_fout(kolom):
                    rij.fout(
                        kolom,
                        f"Rij {groep.rij.nummer} geeft deze post ‘{groep.waarden[kolom.veld]}’; "
                        "een post heeft op al haar rijen dezelfde gegevens.",
                    )
            rij.waarden.update({k.veld: groep.rij[k.veld] for k in POST_KOLOMMEN})
        self.van_rij[id(rij)] = groep
        return rij

    def _nieuwe_groep(self, rij: Rij, bestaand: Begrotingspost | None) -> _Post:
        oud = werkboek.zoals_gelezen(POST_KOLOMMEN, self.namen.post(bestaand)) if bestaand else None
        waarden = {k.veld: rij[k.veld] for k in POST_KOLOMMEN}
        if bestaand is None:
            self.volgorde += 1
        post = bestaand or Begrotingspost(begroting=self.begroting, volgorde=self.volgorde)
        post.naam = rij["naam"]
        post.groep_naam = rij["groep_naam"]
        post.wijziging = rij["wijziging"]
        post.knoop = self.knopen.get(rij["knoop"]) if rij["knoop"] else None
        post.actie = self.acties.get(rij["actie"]) if rij["actie"] else None
        ouder = self.postlabels.get(rij["ouder"]) if rij["ouder"] else None
        post.ouder = ouder
        nieuwe_actie = post.actie is not None and (oud is None or oud["actie"] != rij["actie"])
        if nieuwe_actie and post.knoop is None and post.actie is not None:
            # As on the line's page: a line of an action belongs under the action's node.
            post.knoop = post.actie.knoop
            rij.waarden["knoop"] = self.namen.knopen.get(post.knoop.pk) or knooplabel(post.knoop)
        if ouder is not None and (oud is None or oud["ouder"] != rij["ouder"]):
            hoofd = self.groepen.get(ouder.pk)
            if (hoofd.post.ouder if hoofd else ouder.ouder) is not None:
                rij.fout(
                    B_OUDER,
                    f"‘{ouder.naam}’ is zelf een onderdeel; kies een post die geen onderdeel is.",
                )
        werkboek.controleer(rij, post, POST_KOLOMMEN, overig=B_NAAM, oud=oud)
        groep = _Post(post, rij, waarden, oud)
        groep.bewaren = oud is None or bool(vergelijk(POST_KOLOMMEN, oud, rij.waarden))
        return groep

    def lees(self, rij: Rij) -> Regel:
        groep = self.van_rij.get(id(rij))
        jaar, bedrag = rij["jaar"], rij["bedrag"]
        oud: dict[str, Any] | None = None
        nieuw_bedrag: Begrotingsbedrag | None = None
        if groep is not None:
            post = groep.post
            bestaand = self.bedragen.get((post.pk, jaar)) if post.pk and jaar else None
            # The old values are taken before the row's amount goes onto the (fetched) object.
            if groep.oud is not None and (jaar is None or bestaand is not None):
                oud = groep.oud | {"post_id": post.pk} | _bedrag_rij(bestaand)
                self.gezien.add((post.pk, jaar))
            if jaar is not None:
                nieuw_bedrag = self._bedrag(rij, groep, bestaand)
            elif bedrag is not None and not rij.heeft_fout(B_JAAR):
                rij.fout(B_JAAR, "Vul het jaar van het bedrag in.")
        naam = groep.post.naam if groep else rij["naam"]
        return regel_voor(
            rij,
            wat=f"Post ‘{naam}’ {jaar or ''}".rstrip(),
            oud=oud,
            nieuw=rij.waarden,
            kolommen=B_KOLOMMEN,
            pas_toe=_post_bewaren(groep, nieuw_bedrag, self.context.door) if groep else None,
        )

    def _bedrag(
        self, rij: Rij, groep: _Post, bestaand: Begrotingsbedrag | None
    ) -> Begrotingsbedrag | None:
        jaar = rij["jaar"]
        eerste, laatste = self.begroting.eerste_jaar, self.begroting.laatste_jaar
        if jaar not in self.begroting.jaren:
            rij.fout(B_JAAR, f"Kies een jaar van de begroting ({eerste}–{laatste}).")
            return None
        if (id(groep), jaar) in self.jaren:
            rij.fout(
                B_JAAR,
                f"Rij {self.jaren[id(groep), jaar]} geeft deze post al een bedrag in {jaar}.",
            )
        self.jaren.setdefault((id(groep), jaar), rij.nummer)
        werkboek.verplicht(rij, B_BEDRAG, "Vul het begrote bedrag in (0 als er niets begroot is).")
        oud = {"bedrag": bestaand.bedrag, "jaar": bestaand.jaar} if bestaand else None
        regel = bestaand or Begrotingsbedrag(post=groep.post, jaar=jaar)
        regel.bedrag = rij["bedrag"]
        werkboek.controleer(
            rij,
            regel,
            (B_BEDRAG, B_JAAR),
            exclude=["post"] if groep.post.pk is None else [],
            overig=B_BEDRAG,
            oud=oud,
        )
        return regel

    def labels(self) -> dict[str, Begrotingspost]:
        """For the Realisaties sheet: every line it may name, the new ones included."""
        labels = dict(self.postlabels)
        for groep in self.groepen.values():
            if groep.post.naam and (groep.oud is None or groep.oud["naam"] != groep.post.naam):
                labels[groep.post.naam] = groep.post
        return labels

    def ontbrekend(self, rijen: list[Rij]) -> list[Regel]:
        """The lines no row names, and the years a line in the file leaves out."""
        regels = werkboek.ontbrekend(
            BEGROTING, self.posten.values(), rijen, lambda p: f"Post ‘{p.naam}’", veld="post_id"
        )
        in_bestand = {groep.post.pk for groep in self.groepen.values()}
        return regels + [
            Regel(
                BEGROTING,
                None,
                werkboek.Uitkomst.ONTBREEKT,
                f"Post ‘{self.posten[pk].naam}’ {jaar}: begroot {g.euro(b.bedrag)}",
            )
            for (pk, jaar), b in sorted(self.bedragen.items())
            if pk in in_bestand and (pk, jaar) not in self.gezien
        ]


def _post_bewaren(groep: _Post, bedrag: Begrotingsbedrag | None, door: Any) -> Any:
    def pas_toe() -> None:
        if groep.bewaren and not groep.bewaard:
            begrotingspost_bewaar(post=groep.post, bedragen={}, door=door)
            groep.bewaard = True
        if bedrag is not None:
            begrotingsbedrag_bewaar(
                post=groep.post, jaar=bedrag.jaar, bedrag=bedrag.bedrag, door=door
            )

    return pas_toe


def zonder_begroting(
    rijen: list[Rij], kolom: Kolom, blad: str, kolommen: tuple[Kolom, ...]
) -> list[Regel]:
    for rij in rijen:
        rij.fout(kolom, GEEN_BEGROTING)
    return [
        regel_voor(rij, wat=blad, oud=None, nieuw=rij.waarden, kolommen=kolommen, pas_toe=None)
        for rij in rijen
    ]


BLAD_BEGROTING = Blad(
    BEGROTING,
    B_KOLOMMEN,
    begroting_rijen,
    begroting_lees,
    begroting_lijsten,
    uitleg="De begrotingsposten met hun bedrag per jaar: een rij per post en jaar.",
)
