"""The bodies section of the agenda document: each body with its rhythm, preferences and
members."""

import datetime
from typing import Any

from lea import portability as p
from lea.models import Agenda
from overleg.models import Orgaanlid, Overlegorgaan, Soort

_CYCLUS = [
    "voorkeur_maanden",
    "voorkeur_weekdag",
    "duur_minuten",
    "locatie",
    "weken_voortgangsverzoek",
    "dagen_agenda",
    "dagen_verslagherinnering",
]


def overlegorganen_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    organen = agenda.overlegorganen.select_related("werkgroep").prefetch_related(
        "organisaties", "leden__persoon", "leden__organisatie"
    )
    return [
        {
            "sleutel": sleutels.geef("overlegorgaan", orgaan, orgaan.naam),
            "naam": orgaan.naam,
            "soort": orgaan.soort,
            "werkgroep": sleutels.sleutel("werkgroep", orgaan.werkgroep),
            "vergaderingen_per_jaar": orgaan.vergaderingen_per_jaar,
            "frequentie_tekst": orgaan.frequentie_tekst,
            "voorzitter_tekst": orgaan.voorzitter_tekst,
            "secretaris_tekst": orgaan.secretaris_tekst,
            "samenstelling": orgaan.samenstelling,
            "taken": orgaan.takenlijst,
            "organisaties": sleutels.sleutels("organisatie", orgaan.organisaties.all()),
            "voorzitter": sleutels.sleutel("persoon", orgaan.voorzitter),
            "secretaris": sleutels.sleutel("persoon", orgaan.secretaris),
            **{veld: getattr(orgaan, veld) for veld in _CYCLUS},
            "voorkeur_tijd": orgaan.voorkeur_tijd.strftime("%H:%M"),
            # Written only when set, so the documents of the demo agendas stay as they are.
            **({"gearchiveerd": True} if orgaan.gearchiveerd else {}),
            "leden": [
                {
                    "persoon": sleutels.sleutel("persoon", lid.persoon),
                    "organisatie": sleutels.sleutel("organisatie", lid.organisatie),
                    "mandaat": lid.mandaat,
                    **({"functie": lid.functie} if lid.functie else {}),
                    **({"gearchiveerd": True} if lid.gearchiveerd else {}),
                }
                for lid in orgaan.leden.all()
            ],
        }
        for orgaan in organen
    ]


def _tijd(data: dict, veld: str, pad: str, standaard: str) -> datetime.time:
    waarde = data.get(veld) or standaard
    try:
        return datetime.time.fromisoformat(waarde)
    except (TypeError, ValueError):
        raise p.ImportFout(f"{pad}.{veld}: {waarde!r} is geen tijd (UU:MM).") from None


def overlegorganen_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "overlegorganen")):
        pad = f"overlegorganen[{i}]"
        item = p.object_(item, pad)
        taken = p.lijst(item.get("taken"), f"{pad}.taken")
        if not all(isinstance(taak, str) for taak in taken):
            raise p.ImportFout(f"{pad}.taken: verwacht een lijst met teksten.")
        cyclus = {veld: item[veld] for veld in _CYCLUS if item.get(veld) is not None}
        orgaan = Overlegorgaan(
            agenda=agenda,
            volgorde=i,
            naam=p.tekst(item, "naam", pad, verplicht=True),
            soort=p.keuze(item, "soort", pad, Soort, Soort.OVERIG),
            werkgroep=sleutels.obj("werkgroep", item.get("werkgroep"), f"{pad}.werkgroep"),
            vergaderingen_per_jaar=p.geheel(item, "vergaderingen_per_jaar", pad),
            frequentie_tekst=p.tekst(item, "frequentie_tekst", pad),
            voorzitter_tekst=p.tekst(item, "voorzitter_tekst", pad),
            secretaris_tekst=p.tekst(item, "secretaris_tekst", pad),
            samenstelling=p.tekst(item, "samenstelling", pad),
            taken="\n".join(taak.lstrip("-▪• ").strip() for taak in taken if taak.strip()),
            voorzitter=sleutels.obj("persoon", item.get("voorzitter"), f"{pad}.voorzitter"),
            secretaris=sleutels.obj("persoon", item.get("secretaris"), f"{pad}.secretaris"),
            voorkeur_tijd=_tijd(item, "voorkeur_tijd", pad, "15:00"),
            gearchiveerd=bool(item.get("gearchiveerd", False)),
            **cyclus,
        )
        p.bewaar_ingelezen(
            orgaan,
            pad,
            organisaties=sleutels.objs(
                "organisatie", item.get("organisaties"), f"{pad}.organisaties"
            ),
        )
        sleutels.nieuw("overlegorgaan", item.get("sleutel"), pad, orgaan)
        for j, lid in enumerate(p.lijst(item.get("leden"), f"{pad}.leden")):
            lpad = f"{pad}.leden[{j}]"
            lid = p.object_(lid, lpad)
            p.bewaar_ingelezen(
                Orgaanlid(
                    orgaan=orgaan,
                    persoon=sleutels.obj(
                        "persoon", lid.get("persoon"), f"{lpad}.persoon", leeg=False
                    ),
                    organisatie=sleutels.obj(
                        "organisatie", lid.get("organisatie"), f"{lpad}.organisatie"
                    ),
                    mandaat=bool(lid.get("mandaat", False)),
                    functie=p.tekst(lid, "functie", lpad),
                    gearchiveerd=bool(lid.get("gearchiveerd", False)),
                ),
                lpad,
            )
