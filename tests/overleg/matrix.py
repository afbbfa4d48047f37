"""Overleg's part of the permission matrix (tests/lea/test_toegang.py): the URL prefixes of
its pages with an object of its own, and a Bunnik object of each kind to fill them with.
(Bodies are covered by the matrix's own "organen/<int:pk>".)"""

# (prefix in the route, key in the matrix's `objecten`)
PREFIXEN = (("leden/<int:pk>", "orgaanlid"),)


def objecten(agenda) -> dict:
    """A membership of one of `agenda`'s bodies (made where missing)."""
    from overleg.models import Orgaanlid

    lid = Orgaanlid.objects.filter(orgaan__agenda=agenda).first()
    if lid is None:
        lid = Orgaanlid.objects.create(
            orgaan=agenda.overlegorganen.first(), persoon=agenda.personen.first()
        )
    return {"orgaanlid": lid}
