"""Benchmarks of a whole installation: the national dataset, the pages, the server under load.

`python manage.py benchmark landelijk|paginas|belasting` (see the command). The names below are
the contract between the dataset and the measurements that read it.
"""

# The generated municipalities are `landelijk-001` … and the one large city is `landelijk-stad`.
GEMEENTE_PREFIX = "landelijk-"
STAD_SLUG = "landelijk-stad"
# The action in the city with a long edit history.
BEWERKT_TITEL = "Actie met 200 bewerkingen"
# Accounts of the dataset: a superuser (sees every agenda) and the city's beheerder.
SUPERUSER = "landelijk-admin"
BEHEERDER = "landelijk-beheerder"
WACHTWOORD = "landelijk-meting"  # a generated benchmark database only, never a real one
