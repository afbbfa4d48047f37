"""The generated agendas' core and work: partners, people and their logins and roles, the goal
tree, werkgroepen, actions and their progress updates."""

import datetime
import functools

from django.contrib.auth import get_user_model

from ambities.models import BeoogdResultaat, BestuurlijkeKeuze, Knoop
from lea.config.benchmark import WACHTWOORD
from lea.config.benchmark.maak import (
    ACHTERNAMEN,
    DOELEN,
    LEEFTIJDEN,
    ONDERWERPEN,
    PARTNERS,
    PLANNINGEN,
    THEMAS,
    TOELICHTINGEN,
    TZ,
    VOORNAMEN,
    WERKWOORDEN,
    Gemeente,
    Schrijver,
    nieuw,
    zet,
)
from lea.models import Agenda, Lidmaatschap, Organisatie, Persoon, Rol, Uitgangspunt
from werkgroepen.models import Actie, Rag, Status, Voortgang, Werkgroep
from werkgroepen.planning import Planning, lees_leeftijd, lees_planning

# The first progress reports of a period come a few weeks after its start.
AANLOOP = datetime.timedelta(weeks=3)
# How an action ends up, with its weight: (status, lowest and highest final percentage).
UITKOMSTEN = (
    ((Status.LOPEND, 20, 90), 50),
    ((Status.AFGEROND, 100, 100), 25),
    ((Status.UITGESTELD, 10, 50), 10),
    ((Status.GEPLAND, 0, 0), 10),
    ((Status.GESTOPT, 0, 40), 5),
)


@functools.cache
def planning_van(tekst: str, start: datetime.date, eind: datetime.date) -> Planning:
    return lees_planning(tekst, periode_start=start, periode_eind=eind)


def kern_maak(schrijver: Schrijver, gemeenten: list[Gemeente], wachtwoord: str) -> None:
    """The agendas, a beleidsadviseur (beheerder) and the werkgroep chairs (lid; chairing
    gives them the werkgroepvoorzitter role) with logins, partners, people and principles.

    `wachtwoord` is WACHTWOORD hashed once: every generated login shares it."""
    assert wachtwoord != WACHTWOORD, "give the hash, not the password"
    schrijver.maak(Agenda, [zet(g.agenda, wanneer=g.begin, door=None) for g in gemeenten])
    gebruikers = []
    for g in gemeenten:
        namen = ["beleid"] + [f"voorzitter-{i + 1}" for i in range(g.vorm.werkgroepen)]
        g.gebruikers = [
            get_user_model()(
                username=f"{g.agenda.slug}-{naam}",
                password=wachtwoord,
                first_name=naam.capitalize().replace("-", " "),
                last_name=g.agenda.gemeente,
                email=f"{g.agenda.slug}-{naam}@lea.example",
            )
            for naam in namen
        ]
        gebruikers += g.gebruikers
    schrijver.maak(get_user_model(), gebruikers)
    for g in gemeenten:
        g.organisaties = [
            zet(
                Organisatie(
                    agenda=g.agenda, naam=naam.format(g=g.agenda.gemeente), sector=s, volgorde=i
                ),
                wanneer=g.begin,
                door=g.beleid,
            )
            for i, (s, naam) in enumerate(PARTNERS)
        ]
    schrijver.maak(Organisatie, [o for g in gemeenten for o in g.organisaties])
    voornamen, achternamen = VOORNAMEN.split(), ACHTERNAMEN.split(",")
    for g in gemeenten:
        for i in range(g.vorm.personen):
            gebruiker = g.gebruikers[i] if i < len(g.gebruikers) else None
            organisatie = g.organisaties[0] if i == 0 else g.rng.choice(g.organisaties)
            persoon = Persoon(
                agenda=g.agenda,
                naam=f"{g.rng.choice(voornamen)} {g.rng.choice(achternamen)}",
                functie="beleidsadviseur onderwijs" if i == 0 else "coördinator",
                organisatie=organisatie,
                email=gebruiker.email if gebruiker else "",
                gebruiker=gebruiker,
                volgorde=i,
                ics_token=g.uuid(),
            )
            g.personen.append(zet(persoon, wanneer=g.begin, door=g.beleid))
    schrijver.maak(Persoon, [p for g in gemeenten for p in g.personen])
    rollen = [
        zet(
            Lidmaatschap(agenda=g.agenda, gebruiker=u, rol=Rol.LID if i else Rol.BEHEERDER),
            wanneer=g.begin,
            door=None,
        )
        for g in gemeenten
        for i, u in enumerate(g.gebruikers)
    ]
    schrijver.maak(Lidmaatschap, rollen)
    uitgangspunten = [
        Uitgangspunt(agenda=g.agenda, volgorde=i, titel=thema, tekst=f"Wij werken aan {thema}.")
        for g in gemeenten
        for i, thema in enumerate(THEMAS[:3])
    ]
    schrijver.maak(Uitgangspunt, uitgangspunten)


def boom_maak(schrijver: Schrijver, gemeenten: list[Gemeente]) -> None:
    """The goal tree: level-1 nodes with choices and intended results, level-2 nodes under
    them; and the werkgroepen, each working on level-1 nodes, with members and partners."""
    for g in gemeenten:
        themas = g.rng.sample(THEMAS, g.rng.randint(*g.vorm.niveau1))
        g.niveau1 = [
            zet(
                Knoop(agenda=g.agenda, niveau=1, code="ABCDEFGH"[i], titel=t, volgorde=i * 10),
                wanneer=g.begin,
                door=g.beleid,
            )
            for i, t in enumerate(themas)
        ]
    schrijver.maak(Knoop, [k for g in gemeenten for k in g.niveau1])
    keuzes, resultaten = [], []
    for g in gemeenten:
        for ouder in g.niveau1:
            for j, doel in enumerate(DOELEN[: g.rng.randint(*g.vorm.niveau2)]):
                titel = f"{doel}: {ouder.titel.lower()}"
                kind = Knoop(
                    agenda=g.agenda, niveau=2, ouder=ouder, code=str(j + 1), titel=titel,
                    volgorde=ouder.volgorde + j + 1,
                )  # fmt: skip
                g.niveau2.append(zet(kind, wanneer=g.begin, door=g.beleid))
            for n in (1, 2):
                tekst = f"{ouder.titel}: keuze {n} van de partners."
                keuzes.append(BestuurlijkeKeuze(knoop=ouder, nummer=n, tekst=tekst))
                tekst = f"{ouder.titel}: beoogd resultaat {n} aan het eind van de periode."
                resultaten.append(BeoogdResultaat(knoop=ouder, nummer=n, tekst=tekst))
    schrijver.maak(Knoop, [k for g in gemeenten for k in g.niveau2])
    schrijver.maak(BestuurlijkeKeuze, keuzes)
    schrijver.maak(BeoogdResultaat, resultaten)
    for g in gemeenten:
        g.knoop_ouder = {k.pk: int(k.ouder_id or 0) for k in g.niveau2}
        gewone = g.personen[len(g.gebruikers) :] or g.personen
        for i in range(g.vorm.werkgroepen):
            ouder = g.niveau1[i % len(g.niveau1)]
            voorzitter = g.personen[i + 1]
            leden = [voorzitter.pk] + [p.pk for p in g.rng.sample(gewone, min(3, len(gewone)))]
            werkgroep = Werkgroep(
                agenda=g.agenda,
                naam=f"Werkgroep {i + 1}: {ouder.titel}",
                voorzitter=voorzitter,
                eindverantwoordelijke=g.rng.choice(g.organisaties),
                omschrijving=f"Werkt aan {ouder.titel.lower()}.",
                volgorde=i,
            )
            m2m = {
                "knopen": [ouder.pk],
                "leden": sorted(set(leden)),
                "organisaties": [o.pk for o in g.rng.sample(g.organisaties, 3)],
            }
            g.werkgroepen.append(zet(werkgroep, wanneer=g.begin, door=g.beleid, m2m=m2m))
    schrijver.maak(Werkgroep, [w for g in gemeenten for w in g.werkgroepen])


def acties_maak(schrijver: Schrijver, gemeenten: list[Gemeente], vandaag: datetime.date) -> None:
    """The actions, spread over the level-2 nodes and their werkgroepen, each with its
    progress updates; the action's status, RAG and percentage are those of its latest update
    (the rule of `actie_volg_voortgang`, computed here for all at once)."""
    updates: list[tuple[Actie, list[Voortgang]]] = []
    for g in gemeenten:
        # Werkgroep i works on level-1 node i (modulo); its chair is login i + 1.
        per_ouder: dict[int, list[Werkgroep]] = {}
        voorzitters: dict[int, int] = {}
        for i, w in enumerate(g.werkgroepen):
            per_ouder.setdefault(i % len(g.niveau1), []).append(w)
            voorzitters[w.pk] = g.gebruikers[i + 1].pk
        for i in range(g.vorm.acties):
            actie = _actie(g, i, per_ouder)
            g.acties.append(actie)
            door = voorzitters.get(actie.werkgroep_id or 0, g.beleid)
            updates.append((actie, updates_van(g, actie, door, vandaag)))
    schrijver.maak(Actie, [a for g in gemeenten for a in g.acties])
    for actie, reeks in updates:
        for update in reeks:
            update.actie_id = actie.pk
    # No history rows for the updates: an update is never edited, and no page reads its
    # history; half a million of them would double the time of the whole run.
    schrijver.maak(Voortgang, [v for _, reeks in updates for v in reeks], historie=False)


def _actie(g: Gemeente, i: int, per_ouder: dict[int, list[Werkgroep]]) -> Actie:
    knoop = g.rng.choice(g.niveau2)
    ouder = next(n for n, k in enumerate(g.niveau1) if k.pk == knoop.ouder_id)
    werkgroepen = per_ouder.get(ouder)
    werkgroep = g.rng.choice(werkgroepen) if werkgroepen and g.rng.random() < 0.9 else None
    agenda = g.agenda
    tekst = g.rng.choice(PLANNINGEN)
    planning = planning_van(tekst, agenda.periode_start, agenda.periode_eind)
    leeftijd = g.rng.choice(LEEFTIJDEN)
    leeftijd_min, leeftijd_max = lees_leeftijd(leeftijd)
    regie = g.rng.sample(g.organisaties, g.rng.randint(1, 2))
    onderwerp = g.rng.choice(ONDERWERPEN)
    actie = Actie(
        agenda=agenda,
        knoop=knoop,
        code=f"{g.niveau1[ouder].code}{knoop.code}.{i + 1}",
        titel=f"{g.rng.choice(WERKWOORDEN)} {onderwerp}",
        bereiken=f"Meer kinderen profiteren van {onderwerp}.",
        doen="Afspraken maken met de partners en de uitvoering volgen.",
        regie_persoon=g.rng.choice(g.personen) if g.rng.random() < 0.5 else None,
        regie_tekst=", ".join(o.naam for o in regie),
        werkgroep=werkgroep,
        timing_tekst=tekst,
        timing_soort=planning.soort,
        timing_start=planning.start,
        timing_eind=planning.eind,
        leeftijd_tekst=leeftijd,
        leeftijd_min=leeftijd_min,
        leeftijd_max=leeftijd_max,
        volgorde=i + 1,
    )
    partners = g.rng.sample(g.organisaties, g.rng.randint(0, 3))
    m2m = {"regie": [o.pk for o in regie], "partners": [o.pk for o in partners]}
    # The "+" row holds the state the action was created with, before its first update.
    begin = {"status": Status.GEPLAND, "percentage": 0, "rag_tijd": "", "rag_geld": ""}
    return zet(actie, wanneer=g.begin, door=g.beleid, m2m=m2m, begin=begin)


def updates_van(g: Gemeente, actie: Actie, door: int, vandaag: datetime.date) -> list[Voortgang]:
    """The action's updates on distinct dates from the period's start to today, climbing to
    an outcome; sets the action's cached state to that of the latest."""
    eerste = g.agenda.periode_start + AANLOOP
    laatste = min(vandaag, g.agenda.periode_eind)
    dagen = (laatste - eerste).days + 1
    if dagen <= 0:
        return []
    status, laag, hoog = g.rng.choices([u for u, _ in UITKOMSTEN], [w for _, w in UITKOMSTEN])[0]
    te_laat = actie.timing_eind is not None and actie.timing_eind < vandaag
    if te_laat and g.rng.random() < 0.6:  # most work past its deadline got done
        status, laag, hoog = Status.AFGEROND, 100, 100
    eind = g.rng.randint(laag, hoog) // 5 * 5
    datums = sorted(g.rng.sample(range(dagen), min(g.vorm.updates, dagen)))
    reeks = []
    for n, dag in enumerate(datums, start=1):
        slot = n == len(datums)
        percentage = eind if slot else eind * n // len(datums) // 5 * 5
        datum = eerste + datetime.timedelta(days=dag)
        kans = g.rng.random()
        reeks.append(
            nieuw(
                Voortgang,
                datum=datum,
                status=status if slot else (Status.LOPEND if percentage else Status.GEPLAND),
                rag_tijd=Rag.ROOD if te_laat and kans < 0.4 else _rag(kans),
                rag_geld=_rag(g.rng.random()),
                percentage=percentage,
                toelichting=g.rng.choice(TOELICHTINGEN),
                door_id=door,
                aangemaakt=datetime.datetime.combine(datum, datetime.time(9 + n % 8), TZ),
            )
        )
    if reeks:
        # Voortgang.objects.laatste(): the latest date, then the latest entered.
        volgt = max(reeks, key=lambda v: (v.datum, v.aangemaakt))
        actie.status, actie.percentage = volgt.status, volgt.percentage
        actie.rag_tijd, actie.rag_geld = volgt.rag_tijd, volgt.rag_geld
        actie.voortgang_datum = volgt.datum
    return reeks


def _rag(kans: float) -> str:
    return Rag.GROEN if kans < 0.8 else Rag.ORANJE if kans < 0.95 else Rag.ROOD
