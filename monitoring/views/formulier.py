"""What the beheerder's form pages of monitoring share: a refused save back into its form, and
the one template they render."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lea.toegang import Toegang

SJABLOON = "monitoring/formulier.html"


def fout_in_form(form: forms.BaseForm, fout: ValidationError) -> None:
    """Put the service's refusal on the form's fields (or above the form), so nothing is lost."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)


def formulierpagina(
    request: HttpRequest,
    toegang: Toegang,
    *,
    kop: str,
    form: forms.BaseForm,
    terug: str,
    **extra: Any,
) -> HttpResponse:
    """The page: `kop` (its heading), the form, `terug` (where Annuleren leads), and optional
    `archiveer_url` + `gearchiveerd`, `geschiedenis`, `uitleg`, `keuzelijst` (a datalist)."""
    return render(request, SJABLOON, toegang.context(kop=kop, form=form, terug=terug, **extra))
