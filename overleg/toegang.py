"""The permission-checked fetches of the governance app's own objects (see lea.toegang).

The secretariaat right follows from the body: the agenda's beheerder, or the login of the
body's secretary, prepares its meetings.
"""

from lea.models import Persoon
from lea.toegang import Mag, Toegang, haal_of_404, is_persoon
from overleg.models import Orgaanlid, Overlegorgaan, Vergadering


def _secretariaat(toegang: Toegang, secretaris: Persoon | None) -> Mag:
    return toegang.mag.met(
        secretariaat=toegang.mag.beheer or is_persoon(toegang.gebruiker, secretaris)
    )


def orgaan_haal(toegang: Toegang, pk: int) -> tuple[Overlegorgaan, Mag]:
    """A body of this agenda, with its chair and secretary."""
    qs = Overlegorgaan.objects.filter(agenda=toegang.agenda).select_related(
        "voorzitter", "secretaris"
    )
    orgaan: Overlegorgaan = haal_of_404(qs, pk, "Dit overlegorgaan bestaat niet in deze agenda.")
    orgaan.agenda = toegang.agenda
    return orgaan, _secretariaat(toegang, orgaan.secretaris)


def vergadering_haal(toegang: Toegang, pk: int) -> tuple[Vergadering, Mag]:
    """A meeting of one of this agenda's bodies."""
    qs = Vergadering.objects.filter(orgaan__agenda=toegang.agenda).select_related(
        "orgaan__secretaris", "orgaan__voorzitter"
    )
    vergadering: Vergadering = haal_of_404(qs, pk, "Deze vergadering bestaat niet in deze agenda.")
    vergadering.orgaan.agenda = toegang.agenda
    return vergadering, _secretariaat(toegang, vergadering.orgaan.secretaris)


def orgaanlid_haal(toegang: Toegang, pk: int) -> tuple[Orgaanlid, Mag]:
    """A membership of one of this agenda's bodies (ended ones too)."""
    qs = Orgaanlid.objects.filter(orgaan__agenda=toegang.agenda).select_related(
        "orgaan__secretaris", "persoon", "organisatie"
    )
    lid: Orgaanlid = haal_of_404(qs, pk, "Dit lidmaatschap bestaat niet in deze agenda.")
    lid.orgaan.agenda = toegang.agenda
    return lid, _secretariaat(toegang, lid.orgaan.secretaris)
