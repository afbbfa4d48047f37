"""The working groups' and actions' sections of the agenda document."""

from typing import Any

from lea import portability as p
from lea.models import Agenda
from werkgroepen.models import Actie, Rag, Status, TimingSoort, Voortgang, Werkgroep
from werkgroepen.planning import lees_leeftijd, lees_planning
from werkgroepen.services import actie_volg_voortgang


def werkgroepen_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    werkgroepen = agenda.werkgroepen.select_related(
        "voorzitter", "eindverantwoordelijke"
    ).prefetch_related("knopen", "leden", "organisaties")
    return [
        {
            "sleutel": sleutels.geef("werkgroep", wg, wg.naam),
            "naam": wg.naam,
            "knopen": sleutels.sleutels("knoop", wg.knopen.all()),
            "voorzitter": sleutels.sleutel("persoon", wg.voorzitter),
            "voorzitter_tekst": wg.voorzitter_tekst,
            "eindverantwoordelijke": sleutels.sleutel("organisatie", wg.eindverantwoordelijke),
            "eindverantwoordelijke_tekst": wg.eindverantwoordelijke_tekst,
            "leden": sleutels.sleutels("persoon", wg.leden.all()),
            "organisaties": sleutels.sleutels("organisatie", wg.organisaties.all()),
            "omschrijving": wg.omschrijving,
            "gearchiveerd": wg.gearchiveerd,
        }
        for wg in werkgroepen
    ]


def werkgroepen_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "werkgroepen")):
        pad = f"werkgroepen[{i}]"
        item = p.object_(item, pad)
        wg = Werkgroep(
            agenda=agenda,
            volgorde=i,
            naam=p.tekst(item, "naam", pad, verplicht=True),
            voorzitter=sleutels.obj("persoon", item.get("voorzitter"), f"{pad}.voorzitter"),
            voorzitter_tekst=p.tekst(item, "voorzitter_tekst", pad),
            eindverantwoordelijke=sleutels.obj(
                "organisatie", item.get("eindverantwoordelijke"), f"{pad}.eindverantwoordelijke"
            ),
            eindverantwoordelijke_tekst=p.tekst(item, "eindverantwoordelijke_tekst", pad),
            omschrijving=p.tekst(item, "omschrijving", pad),
            gearchiveerd=bool(item.get("gearchiveerd", False)),
        )
        p.bewaar_ingelezen(
            wg,
            pad,
            knopen=sleutels.objs("knoop", item.get("knopen"), f"{pad}.knopen"),
            leden=sleutels.objs("persoon", item.get("leden"), f"{pad}.leden"),
            organisaties=sleutels.objs(
                "organisatie", item.get("organisaties"), f"{pad}.organisaties"
            ),
        )
        sleutels.nieuw("werkgroep", item.get("sleutel"), pad, wg)


def acties_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    acties = agenda.acties.select_related("knoop", "werkgroep", "regie_persoon").prefetch_related(
        "regie", "partners", "voortgang"
    )
    return [
        {
            "sleutel": sleutels.geef("actie", actie, f"a{n:03d}"),
            "code": actie.code,
            "knoop": sleutels.sleutel("knoop", actie.knoop),
            "titel": actie.titel,
            "bereiken": actie.bereiken,
            "doen": actie.doen,
            "regie": sleutels.sleutels("organisatie", actie.regie.all()),
            "regie_persoon": sleutels.sleutel("persoon", actie.regie_persoon),
            "regie_tekst": actie.regie_tekst,
            "partners": sleutels.sleutels("organisatie", actie.partners.all()),
            "partners_tekst": actie.partners_tekst,
            "werkgroep": sleutels.sleutel("werkgroep", actie.werkgroep),
            "timing": {
                "tekst": actie.timing_tekst,
                "soort": actie.timing_soort,
                "start": actie.timing_start.isoformat() if actie.timing_start else None,
                "eind": actie.timing_eind.isoformat() if actie.timing_eind else None,
            },
            "leeftijd": {
                "tekst": actie.leeftijd_tekst,
                "min": actie.leeftijd_min,
                "max": actie.leeftijd_max,
            },
            "bereik_doel": actie.bereik_doel,
            "status": actie.status,
            "toelichting": actie.toelichting,
            "gearchiveerd": actie.gearchiveerd,
            "voortgang": [_voortgang_export(v) for v in reversed(actie.voortgang.all())],
            # Written only when set: the previous period's action (its id there).
            **({"voortgezet_uit": actie.voortgezet_uit_id} if actie.voortgezet_uit_id else {}),
        }
        for n, actie in enumerate(acties, start=1)
    ]


_VOORTGANG_VELDEN = ["status", "rag_tijd", "rag_geld", "percentage", "toelichting"]


def _voortgang_export(voortgang: Voortgang) -> dict[str, Any]:
    """A progress update (oldest first in the document); who reported it stays behind."""
    item: dict[str, Any] = {
        "datum": voortgang.datum.isoformat(),
        **{veld: getattr(voortgang, veld) for veld in _VOORTGANG_VELDEN},
    }
    if voortgang.demo:  # made up by the demonstration: it stays marked as such
        item["demo"] = True
    # The public marks, written only when set (the documents of the demo agendas stay as they
    # are); they show only once the agenda is published, which an import never does.
    if voortgang.openbaar:
        item["openbaar"] = True
    if voortgang.openbare_tekst:
        item["openbare_tekst"] = voortgang.openbare_tekst
    return item


def _voortgang_import(actie: Actie, data: Any, pad: str) -> None:
    for i, item in enumerate(p.lijst(data, pad)):
        vpad = f"{pad}[{i}]"
        item = p.object_(item, vpad)
        p.bewaar_ingelezen(
            Voortgang(
                actie=actie,
                datum=p.datum(item, "datum", vpad, verplicht=True),
                status=p.keuze(item, "status", vpad, Status, Status.GEPLAND),
                rag_tijd=p.keuze(item, "rag_tijd", vpad, Rag, Rag.GROEN),
                rag_geld=p.keuze(item, "rag_geld", vpad, Rag, Rag.GROEN),
                percentage=p.geheel(item, "percentage", vpad) or 0,
                toelichting=p.tekst(item, "toelichting", vpad, verplicht=True),
                demo=item.get("demo") is True,
                openbaar=p.janee(item, "openbaar", vpad),
                openbare_tekst=p.tekst(item, "openbare_tekst", vpad),
            ),
            vpad,
        )
    # The action follows its latest update, by the same rule as a recorded one.
    actie_volg_voortgang(actie=actie)


def acties_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "acties")):
        pad = f"acties[{i}]"
        item = p.object_(item, pad)
        timing = p.object_(item.get("timing") or {}, f"{pad}.timing")
        leeftijd = p.object_(item.get("leeftijd") or {}, f"{pad}.leeftijd")
        knoop = sleutels.obj("knoop", item.get("knoop"), f"{pad}.knoop", leeg=False)
        status = p.keuze(item, "status", pad, Status, Status.GEPLAND)
        actie = Actie(
            agenda=agenda,
            knoop=knoop,
            volgorde=i,
            code=p.tekst(item, "code", pad),
            titel=p.tekst(item, "titel", pad, verplicht=True),
            bereiken=p.tekst(item, "bereiken", pad),
            doen=p.tekst(item, "doen", pad),
            regie_persoon=sleutels.obj(
                "persoon", item.get("regie_persoon"), f"{pad}.regie_persoon"
            ),
            regie_tekst=p.tekst(item, "regie_tekst", pad),
            partners_tekst=p.tekst(item, "partners_tekst", pad),
            werkgroep=sleutels.obj("werkgroep", item.get("werkgroep"), f"{pad}.werkgroep"),
            **_timing(agenda, timing, f"{pad}.timing"),
            **_leeftijd(leeftijd, f"{pad}.leeftijd"),
            bereik_doel=p.tekst(item, "bereik_doel", pad),
            status=status,
            # Afgerond means 100 % (the rule of werkgroepen.models); updates, if any, follow.
            percentage=100 if status == Status.AFGEROND else 0,
            toelichting=p.tekst(item, "toelichting", pad),
            gearchiveerd=bool(item.get("gearchiveerd", False)),
            voortgezet_uit=_voortgezet_uit(agenda, item, pad),
        )
        p.bewaar_ingelezen(
            actie,
            pad,
            regie=sleutels.objs("organisatie", item.get("regie"), f"{pad}.regie"),
            partners=sleutels.objs("organisatie", item.get("partners"), f"{pad}.partners"),
        )
        sleutels.nieuw("actie", item.get("sleutel"), pad, actie)
        _voortgang_import(actie, item.get("voortgang"), f"{pad}.voortgang")


def _timing(agenda: Agenda, timing: dict[str, Any], pad: str) -> dict[str, Any]:
    """The planning as written and as kind and dates. A document that gives only the text
    (no `soort` key, e.g. written by hand) gets them from werkgroepen.planning; one with a
    `soort` keeps what it says."""
    tekst = p.tekst(timing, "tekst", pad)
    if tekst and "soort" not in timing:
        planning = lees_planning(
            tekst, periode_start=agenda.periode_start, periode_eind=agenda.periode_eind
        )
        return {
            "timing_tekst": tekst,
            "timing_soort": planning.soort,
            "timing_start": planning.start,
            "timing_eind": planning.eind,
        }
    return {
        "timing_tekst": tekst,
        "timing_soort": p.keuze(timing, "soort", pad, TimingSoort, TimingSoort.ONBEPAALD),
        "timing_start": p.datum(timing, "start", pad),
        "timing_eind": p.datum(timing, "eind", pad),
    }


def _leeftijd(leeftijd: dict[str, Any], pad: str) -> dict[str, Any]:
    """The target age as written and in years; read from the text when the document gives
    neither `min` nor `max`."""
    tekst = p.tekst(leeftijd, "tekst", pad)
    if tekst and "min" not in leeftijd and "max" not in leeftijd:
        laag, hoog = lees_leeftijd(tekst)
    else:
        laag, hoog = p.geheel(leeftijd, "min", pad), p.geheel(leeftijd, "max", pad)
    return {"leeftijd_tekst": tekst, "leeftijd_min": laag, "leeftijd_max": hoog}


def _voortgezet_uit(agenda: Agenda, item: dict[str, Any], pad: str) -> Actie | None:
    """The action this one continues: only an action of the agenda's previous period."""
    pk = p.geheel(item, "voortgezet_uit", pad)
    if pk is None or agenda.voorganger_id is None:
        return None
    return Actie.objects.filter(pk=pk, agenda_id=agenda.voorganger_id).first()


# --- the next period: what carries over ------------------------------------------------------


def werkgroepen_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """The werkgroepen that are not archived, with their chair and members (those who carry
    over), the nodes they serve and their organisations."""
    personen = overgang.sleutels_in("personen")
    organisaties = overgang.sleutels_in("organisaties")
    knopen = overgang.sleutels_in("knopen")
    return [
        {
            **wg,
            "knopen": p.alleen_lijst(wg.get("knopen"), knopen),
            "voorzitter": p.alleen(wg.get("voorzitter"), personen),
            "eindverantwoordelijke": p.alleen(wg.get("eindverantwoordelijke"), organisaties),
            "leden": p.alleen_lijst(wg.get("leden"), personen),
            "organisaties": p.alleen_lijst(wg.get("organisaties"), organisaties),
        }
        for wg in data
        if not wg.get("gearchiveerd")
    ]


_OPEN = {Status.GEPLAND, Status.LOPEND, Status.UITGESTELD}


def acties_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """Open actions only (not afgerond, not gestopt, not archived), with their planning but
    without their progress: they start again as gepland, 0 %, and remember where they came
    from (`voortgezet_uit`: the old action's id)."""
    personen = overgang.sleutels_in("personen")
    organisaties = overgang.sleutels_in("organisaties")
    knopen = overgang.sleutels_in("knopen")
    werkgroepen = overgang.sleutels_in("werkgroepen")
    uit = []
    for actie in data:
        if actie.get("gearchiveerd") or actie.get("status") not in _OPEN:
            continue
        if actie.get("knoop") not in knopen:
            continue  # its node stays behind (archived); an action needs one
        oud = overgang.sleutels.obj("actie", actie["sleutel"], "acties")
        uit.append(
            {
                **actie,
                "regie": p.alleen_lijst(actie.get("regie"), organisaties),
                "regie_persoon": p.alleen(actie.get("regie_persoon"), personen),
                "partners": p.alleen_lijst(actie.get("partners"), organisaties),
                "werkgroep": p.alleen(actie.get("werkgroep"), werkgroepen),
                "status": Status.GEPLAND.value,
                "voortgang": [],
                "voortgezet_uit": oud.pk,
            }
        )
    return uit


def registreer() -> None:
    p.registreer(
        "werkgroepen",
        exporteer=werkgroepen_export,
        importeer=werkgroepen_import,
        nieuwe_periode=werkgroepen_nieuwe_periode,
    )
    p.registreer(
        "acties",
        exporteer=acties_export,
        importeer=acties_import,
        nieuwe_periode=acties_nieuwe_periode,
    )
