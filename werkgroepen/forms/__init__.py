"""Forms of the werkgroepen app: `acties` (action, progress, comment), `werkgroepen` (a
werkgroep), `lijst` (the action list's filters and bulk change), `gemeen` (shared helpers)."""

from werkgroepen.forms.acties import (
    ActieForm,
    ActiePraktischForm,
    NieuweActieForm,
    OpmerkingForm,
    VoortgangForm,
)
from werkgroepen.forms.gemeen import DATUM, PersoonKeuze
from werkgroepen.forms.lijst import LEEFTIJDSGROEPEN, ActieFilter, BulkForm
from werkgroepen.forms.werkgroepen import KnoopKeuzes, NieuweWerkgroepForm, WerkgroepForm

__all__ = [
    "DATUM",
    "LEEFTIJDSGROEPEN",
    "ActieFilter",
    "ActieForm",
    "ActiePraktischForm",
    "BulkForm",
    "KnoopKeuzes",
    "NieuweActieForm",
    "NieuweWerkgroepForm",
    "OpmerkingForm",
    "PersoonKeuze",
    "VoortgangForm",
    "WerkgroepForm",
]
