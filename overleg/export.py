"""The governance bodies' section of the agenda document."""

from lea import portability as p
from overleg.models import Overlegorgaan, Soort


def overlegorganen_export(agenda, sleutels: p.Sleutels) -> list:
    organen = agenda.overlegorganen.select_related("werkgroep").prefetch_related("organisaties")
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
        }
        for orgaan in organen
    ]


def overlegorganen_import(agenda, data, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "overlegorganen")):
        pad = f"overlegorganen[{i}]"
        item = p.object_(item, pad)
        taken = p.lijst(item.get("taken"), f"{pad}.taken")
        if not all(isinstance(taak, str) for taak in taken):
            raise p.ImportFout(f"{pad}.taken: verwacht een lijst met teksten.")
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
        )
        p.bewaar(
            orgaan,
            pad,
            organisaties=sleutels.objs(
                "organisatie", item.get("organisaties"), f"{pad}.organisaties"
            ),
        )
        sleutels.nieuw("overlegorgaan", item.get("sleutel"), pad, orgaan)


def registreer() -> None:
    p.registreer("overlegorganen", exporteer=overlegorganen_export, importeer=overlegorganen_import)
