"""The generated agendas' governance and accounting: bodies and their meetings (overleg), the
budget and the indicators (monitoring)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from lea.config.benchmark.maak import ORGANEN, TZ, Gemeente, Schrijver, zet
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    FinancieringsBron,
    Indicator,
    IndicatorSoort,
    Meting,
)
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Besluit,
    Orgaanlid,
    Overlegorgaan,
    PuntSoort,
    PuntStatus,
    Vergadering,
    VergaderStatus,
)

# An item is proposed, and a meeting put in the calendar, some weeks before it takes place.
VOORAF = datetime.timedelta(weeks=6)
# A meeting of each body per this many days, from about a year back to half a year ahead.
TERUG, VOORUIT = 390, 150


def _om(dag: datetime.date, uur: int = 15) -> datetime.datetime:
    return datetime.datetime.combine(dag, datetime.time(uur), TZ)


def overleg_maak(schrijver: Schrijver, gemeenten: list[Gemeente], vandaag: datetime.date) -> None:
    """Bodies with members, their meetings with attendance, agenda items (on actions and
    nodes), decisions and action points."""
    organen = []
    for g in gemeenten:
        for i in range(g.vorm.organen):
            soort, naam = ORGANEN[i % len(ORGANEN)]
            voorzitter, secretaris = g.rng.sample(g.personen, 2)
            orgaan = Overlegorgaan(
                agenda=g.agenda,
                naam=naam if i < len(ORGANEN) else f"{naam} {i // len(ORGANEN) + 1}",
                soort=soort,
                vergaderingen_per_jaar=4,
                frequentie_tekst="vier keer per jaar",
                voorzitter=voorzitter,
                secretaris=secretaris,
                volgorde=i,
                ics_token=g.uuid(),
            )
            m2m = {"organisaties": [o.pk for o in g.rng.sample(g.organisaties, 3)]}
            g.organen.append(zet(orgaan, wanneer=g.begin, door=g.beleid, m2m=m2m))
        organen += g.organen
    schrijver.maak(Overlegorgaan, organen)
    leden = []
    for g in gemeenten:
        for orgaan in g.organen:
            g.leden[orgaan.pk] = g.rng.sample(g.personen, 4)
            leden += [
                zet(
                    Orgaanlid(orgaan=orgaan, persoon=p, organisatie_id=p.organisatie_id),
                    wanneer=g.begin,
                    door=g.beleid,
                )
                for p in g.leden[orgaan.pk]
            ]
    schrijver.maak(Orgaanlid, leden)
    vergaderingen: list[tuple[Gemeente, Vergadering]] = []
    nu = timezone.now()
    for g in gemeenten:
        stap = (TERUG + VOORUIT) // g.vorm.vergaderingen
        for j, orgaan in enumerate(g.organen):
            for k in range(g.vorm.vergaderingen):
                dag = vandaag + datetime.timedelta(days=k * stap + 7 * j - TERUG)
                status = VergaderStatus.CONCEPT
                if dag < vandaag:
                    status = VergaderStatus.VASTGESTELD if k else VergaderStatus.GEHOUDEN
                v = Vergadering(
                    orgaan=orgaan,
                    begin=_om(dag),
                    eind=_om(dag, 17),
                    locatie="Gemeentehuis",
                    status=status,
                    verslag="Besproken volgens de agenda." if dag < vandaag else "",
                )
                vergaderingen.append((g, zet(v, wanneer=min(v.begin - VOORAF, nu), door=g.beleid)))
    schrijver.maak(Vergadering, [v for _, v in vergaderingen])
    _punten_maak(schrijver, vergaderingen, vandaag)


def _punten_maak(
    schrijver: Schrijver, vergaderingen: list[tuple[Gemeente, Vergadering]], vandaag: datetime.date
) -> None:
    aanwezig, punten = [], []
    for g, v in vergaderingen:
        voorbij = v.begin.date() < vandaag
        for lid in g.leden[v.orgaan_id] if voorbij else ():
            er = g.rng.random() < 0.85
            rij = Aanwezigheid(vergadering=v, persoon=lid, aanwezig=er, afgemeld=not er)
            aanwezig.append(zet(rij, wanneer=v.eind, door=g.beleid))
        for n in range(3 if voorbij else 2):
            soort = (PuntSoort.BESLUITVORMING, PuntSoort.BESPREKING, PuntSoort.INFORMATIE)[n]
            actie = g.rng.choice(g.acties)
            punt = Agendapunt(
                vergadering=v,
                volgorde=n + 1,
                titel=f"{soort.label}: {actie.titel}"[:300],
                soort=soort,
                status=PuntStatus.GEACCEPTEERD if voorbij or n == 0 else PuntStatus.VOORGESTELD,
                voorgesteld_door_id=g.beleid,
                notulen="Het overleg stemt in met het voorstel." if voorbij else "",
            )
            knoop = g.knoop_ouder[actie.knoop_id]
            m2m = {"acties": [actie.pk], "knopen": [knoop]}
            punten.append((g, zet(punt, wanneer=v.begin - VOORAF, door=g.beleid, m2m=m2m)))
    schrijver.maak(Aanwezigheid, aanwezig)
    schrijver.maak(Agendapunt, [p for _, p in punten])
    besluiten, actiepunten = [], []
    for g, p in punten:
        moment = p.vergadering.begin + datetime.timedelta(days=1)
        if p.soort == PuntSoort.BESLUITVORMING and p.notulen:
            besluit = Besluit(agendapunt=p, tekst=f"Besloten: {p.titel}", aangemaakt=moment)
            besluiten.append(zet(besluit, wanneer=moment, door=g.beleid))
        if p.soort == PuntSoort.BESPREKING and p.notulen:
            deadline = moment.date() + datetime.timedelta(days=42)
            actiepunt = Actiepunt(
                agendapunt=p,
                omschrijving="Uitwerking voorleggen aan de werkgroep.",
                eigenaar=g.rng.choice(g.personen),
                deadline=deadline,
                status=ActiepuntStatus.AFGEROND if deadline < vandaag else ActiepuntStatus.OPEN,
            )
            actiepunten.append(zet(actiepunt, wanneer=moment, door=g.beleid))
    schrijver.maak(Besluit, besluiten)
    schrijver.maak(Actiepunt, actiepunten)


def geld_maak(schrijver: Schrijver, gemeenten: list[Gemeente], vandaag: datetime.date) -> None:
    """A budget over the agenda's years (a line per level-1 node and one for coordination,
    realised in the years past) with two sources of funding, and indicators measured yearly."""
    begrotingen = [
        zet(
            Begroting(
                agenda=g.agenda,
                eerste_jaar=g.agenda.periode_start.year,
                laatste_jaar=g.agenda.periode_eind.year,
                beginsaldo=Decimal(g.rng.randrange(0, 50_000)),
            ),
            wanneer=g.begin,
            door=g.beleid,
        )
        for g in gemeenten
    ]
    schrijver.maak(Begroting, begrotingen)
    posten, bronnen = [], []
    for g, begroting in zip(gemeenten, begrotingen, strict=True):
        regels = [(k, k.titel, "") for k in g.niveau1] + [(None, "Coördinatie", "Overig")]
        for i, (knoop, naam, groep) in enumerate(regels):
            post = Begrotingspost(
                begroting=begroting, knoop=knoop, naam=naam, groep_naam=groep, volgorde=i
            )
            posten.append((g, zet(post, wanneer=g.begin, door=g.beleid)))
        for i, (bron, naam) in enumerate(
            [(FinancieringsBron.GEMEENTELIJK, "Gemeentelijke middelen"),
             (FinancieringsBron.RIJK, "Onderwijsachterstandenmiddelen")]
        ):  # fmt: skip
            financiering = Financiering(begroting=begroting, bron=bron, naam=naam, volgorde=i)
            bronnen.append((g, zet(financiering, wanneer=g.begin, door=g.beleid)))
    schrijver.maak(Begrotingspost, [p for _, p in posten])
    schrijver.maak(Financiering, [f for _, f in bronnen])
    bedragen, inkomsten = [], []
    for g, post in posten:
        for jaar in post.begroting.jaren:
            bedrag = Decimal(g.rng.randrange(20, 400) * 1000)
            gedaan = (
                bedrag * Decimal(g.rng.randrange(80, 111)) / 100 if jaar < vandaag.year else None
            )
            rij = Begrotingsbedrag(post=post, jaar=jaar, bedrag=bedrag, realisatie=gedaan)
            bedragen.append(zet(rij, wanneer=g.begin, door=g.beleid))
    for g, financiering in bronnen:
        for jaar in financiering.begroting.jaren:
            bedrag = Decimal(g.rng.randrange(200, 900) * 1000)
            inkomst = Financieringsbedrag(financiering=financiering, jaar=jaar, bedrag=bedrag)
            inkomsten.append(zet(inkomst, wanneer=g.begin, door=g.beleid))
    schrijver.maak(Begrotingsbedrag, bedragen)
    schrijver.maak(Financieringsbedrag, inkomsten)
    _indicatoren_maak(schrijver, gemeenten, vandaag)


def _indicatoren_maak(
    schrijver: Schrijver, gemeenten: list[Gemeente], vandaag: datetime.date
) -> None:
    namen = (
        "Bereik voorschoolse educatie",
        "Leerlingen met een taalachterstand",
        "Voortijdig schoolverlaters",
    )
    indicatoren = []
    for g in gemeenten:
        for i, naam in enumerate(namen):
            basis = Decimal(g.rng.randrange(10, 80))
            indicator = Indicator(
                agenda=g.agenda,
                naam=naam,
                soort=IndicatorSoort.EFFECT if i == 0 else IndicatorSoort.PRESTATIE,
                eenheid="%",
                basiswaarde=basis,
                basisdatum=datetime.date(g.agenda.periode_start.year - 1, 12, 31),
                streefwaarde=basis + 5 if i == 0 else max(basis - 5, Decimal(0)),
                streefjaar=g.agenda.periode_eind.year,
                volgorde=i,
            )
            m2m = {"knopen": [g.niveau1[i % len(g.niveau1)].pk]}
            indicatoren.append((g, zet(indicator, wanneer=g.begin, door=g.beleid, m2m=m2m)))
    schrijver.maak(Indicator, [i for _, i in indicatoren])
    metingen = []
    for g, indicator in indicatoren:
        assert indicator.basiswaarde is not None
        for jaar in range(g.agenda.periode_start.year - 2, vandaag.year):
            waarde = max(indicator.basiswaarde + g.rng.randrange(-4, 5), Decimal(0))
            meting = Meting(indicator=indicator, jaar=jaar, waarde=waarde, bron="CBS")
            gemeten = min(_om(datetime.date(jaar + 1, 3, 1)), timezone.now())
            metingen.append(zet(meting, wanneer=gemeten, door=g.beleid))
    schrijver.maak(Meting, metingen)
