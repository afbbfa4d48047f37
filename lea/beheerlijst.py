"""The rows of an admin changelist, written as Django writes them, at a fraction of the cost.

Django's `items_for_result` looks up every column's field again for every row, formats every
cell through `format_html`, and its template writes every cell as a node of its own: on a page
of fifty rows that was half of a changelist's time. Here each column is looked at once per
page, a cell is one escaped string, and a row reaches the template as one piece.

The output is Django's, character for character (`tests/lea/test_beheerlijst.py` compares it
with items_for_result's for every changelist of the project). What this does not know it
leaves to Django: a changelist with editable rows (`list_editable`), a popup, a link by
another field than the primary key; a column that is neither a field of the model nor a
method (a property, a path) is written cell by cell through Django's lookup_field.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import suppress
from html import escape
from typing import Any

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    result_headers,
    result_list,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# Stands in for the primary key in the change URL made once per page.
_PK = "0lea0pk0"
# Where an object of the page keeps its text (`objecttekst`).
_TEKST = "_lea_tekst"

# Fields whose cell is the escaped text itself when it is not empty (Django's
# display_for_field ends in str() for these; its subclasses with a link, such as URLField, are
# not among them).
_TEKSTVELDEN = (models.CharField, models.TextField, models.SlugField, models.EmailField)


class _Kolom:
    """One column of the page: how a row's object becomes its cell."""

    def __init__(self, cl: Any, index: int, naam: Any, link: bool, eerste: bool) -> None:
        self.naam = naam
        self.link = link
        self.leeg = cl.model_admin.get_empty_value_display()
        self.veld = _veld(cl.model, naam)
        klassen = [f"field-{_naam(naam, index)}"]
        if isinstance(self.veld, models.DateField | models.TimeField | models.ForeignKey):
            klassen.append("nowrap")
        self.tag = "th" if link and eerste else "td"
        self.klassen = klassen
        self.tekst = self._tekst(cl)

    def _tekst(self, cl: Any) -> Callable[[Any], tuple[str, list[str]]]:
        """The function from a row's object to the cell's escaped content and classes."""
        veld, leeg = self.veld, conditional_escape(self.leeg)
        if veld is None:
            return _geen_veld(cl.model_admin, self.naam, self.leeg, self.klassen)
        naam = veld.name
        if veld.many_to_one or veld.one_to_one:

            def verwezen(obj: Any) -> tuple[str, list[str]]:
                try:
                    waarde = getattr(obj, naam)
                except ObjectDoesNotExist:
                    waarde = None
                return (leeg if waarde is None else escape(str(waarde))), self.klassen

            return verwezen
        if getattr(veld, "flatchoices", None):
            try:
                labels = {k: conditional_escape(v) for k, v in dict(veld.flatchoices).items()}
            except TypeError:  # list-like choices: Django's own way, per cell
                return self._per_cel()
            return lambda obj: (labels.get(_waarde(obj, naam), leeg), self.klassen)
        if type(veld) in _TEKSTVELDEN:
            lege = veld.empty_values

            def tekst(obj: Any) -> tuple[str, list[str]]:
                waarde = _waarde(obj, naam)
                return (leeg if waarde in lege else escape(str(waarde))), self.klassen

            return tekst
        return self._per_cel()

    def _per_cel(self) -> Callable[[Any], tuple[str, list[str]]]:
        """Django's display_for_field, kept per value: dates, numbers and booleans repeat."""
        veld, naam, link = self.veld, self.veld.name, self.link
        gezien: dict[Any, str] = {}

        def cel(obj: Any) -> tuple[str, list[str]]:
            waarde = _waarde(obj, naam)
            try:
                return gezien[waarde], self.klassen
            except (KeyError, TypeError):
                tekst = conditional_escape(display_for_field(waarde, veld, self.leeg, link))
            with suppress(TypeError):  # a value that cannot be a key is not kept
                gezien[waarde] = tekst
            return tekst, self.klassen

        return cel


def objecttekst(obj: Any) -> str:
    """`str(obj)`, made once per object of the page: the row's checkbox (its label) and a
    `__str__` column both write it, and a meeting's reads its body and its local date."""
    try:
        return obj.__dict__[_TEKST]
    except KeyError:
        obj.__dict__[_TEKST] = waarde = str(obj)
        return waarde


def _waarde(obj: Any, naam: str) -> Any:
    """A field's value as Django shows it: a text of only spaces counts as empty."""
    waarde = getattr(obj, naam)
    return "" if isinstance(waarde, str) and not waarde.strip() else waarde


def _naam(naam: Any, index: int) -> str:
    """The column's name in its class, as Django coerces it."""
    if callable(naam):
        return f"lambda{index}" if naam.__name__ == "<lambda>" else naam.__name__
    return str(naam)


def _veld(model: type[models.Model], naam: Any) -> Any:
    """The model's own concrete field of that name, or None for anything else (a method, a
    property, a path, a reverse relation, `agenda_id`): those go through Django per cell."""
    if not isinstance(naam, str):
        return None
    try:
        veld = model._meta.get_field(naam)
    except FieldDoesNotExist:
        return None
    if not veld.concrete or veld.auto_created or veld.many_to_many or veld.name != naam:
        return None
    return veld


def _geen_veld(
    model_admin: Any, naam: Any, leeg: str, klassen: list[str]
) -> Callable[[Any], tuple[str, list[str]]]:
    """A column that is not a field: Django's branch of items_for_result. A method of the
    model admin (the row's checkbox among them), a function, `__str__` or a method of the model
    is found once per page; anything else (a property, a path) per cell, by lookup_field."""
    if naam == "action_checkbox":
        klassen = ["action-checkbox"]
    model = model_admin.model
    waarde_van: Callable[[Any], Any]
    if callable(naam):
        attr = waarde_van = naam
    elif hasattr(model_admin, naam) and naam != "__str__":
        attr = waarde_van = getattr(model_admin, naam)
    elif naam == "__str__":  # lookup_field's way, without its search for a field first
        attr, waarde_van = model.__str__, objecttekst
    elif callable(methode := getattr(model, naam, None)) and not isinstance(methode, type):
        attr, waarde_van = methode, lambda obj: getattr(obj, naam)()
    else:
        return _per_cel_django(model_admin, naam, leeg, klassen)
    return _cel(waarde_van, attr, leeg, klassen)


def _per_cel_django(
    model_admin: Any, naam: Any, leeg: str, klassen: list[str]
) -> Callable[[Any], tuple[str, list[str]]]:
    """A property, a path or an attribute of the object: Django's lookup_field per cell."""

    def cel(obj: Any) -> tuple[str, list[str]]:
        try:
            _veld, attr, waarde = lookup_field(naam, obj, model_admin)
        except ObjectDoesNotExist:
            return conditional_escape(leeg), klassen
        return _cel(lambda _obj: waarde, attr, leeg, klassen)(obj)

    return cel


def _cel(
    waarde_van: Callable[[Any], Any], attr: Any, leeg: str, klassen: list[str]
) -> Callable[[Any], tuple[str, list[str]]]:
    """The cell of a column that is not a field, once its value is known (Django's
    display_for_value, with the empty text and the boolean of the attribute)."""
    leeg = getattr(attr, "empty_value_display", leeg)
    boolean = getattr(attr, "boolean", False)
    if isinstance(attr, property) and hasattr(attr, "fget"):
        boolean = getattr(attr.fget, "boolean", False)

    def cel(obj: Any) -> tuple[str, list[str]]:
        try:
            waarde = waarde_van(obj)
        except ObjectDoesNotExist:
            return conditional_escape(leeg), klassen
        if isinstance(waarde, str) and not waarde.strip():
            waarde = ""
        tekst = conditional_escape(display_for_value(waarde, leeg, boolean))
        if isinstance(waarde, datetime.date | datetime.time):
            return tekst, [*klassen, "nowrap"]
        return tekst, klassen

    return cel


def _adres(cl: Any) -> Callable[[Any], str] | None:
    """A row's change URL (with the list's filters kept), from one URL made per page; None
    where no change page can be reversed, as Django then writes the cell without a link."""
    pk = cl.lookup_opts.pk
    try:
        voorbeeld = cl.url_for_result(_Voorbeeld(pk.attname))
    except NoReverseMatch:
        return None
    sjabloon = add_preserved_filters(
        {"preserved_filters": cl.preserved_filters, "opts": cl.opts}, voorbeeld
    )
    voor, _pk, na = sjabloon.partition(_PK)
    return lambda obj: escape(f"{voor}{getattr(obj, pk.attname)}{na}")


class _Voorbeeld:
    """An object whose primary key is the stand-in, to reverse the change URL once."""

    def __init__(self, attname: str) -> None:
        setattr(self, attname, _PK)
        self.pk = _PK


def _snel(cl: Any) -> bool:
    """Whether these rows can be written here, or only by Django."""
    pk = cl.lookup_opts.pk
    return (
        not cl.formset
        and not cl.is_popup
        and not cl.to_field
        and isinstance(pk, models.AutoField | models.BigAutoField | models.IntegerField)
    )


def rijen(cl: Any) -> Iterator[SafeString]:
    """Every row of the page as the HTML between its <tr> and </tr>."""
    links = cl.list_display_links
    kolommen, eerste = [], True
    for index, naam in enumerate(cl.list_display):
        link = links is not None and ((eerste and not links) or naam in links)
        kolommen.append(_Kolom(cl, index, naam, link, eerste))
        eerste = eerste and not link
    adres = _adres(cl) if any(k.link for k in kolommen) else None
    for obj in cl.result_list:
        cellen = []
        for kolom in kolommen:
            tekst, klassen = kolom.tekst(obj)
            if kolom.link and adres is not None:
                tekst = f'<a href="{adres(obj)}">{tekst}</a>'
            cellen.append(f'<{kolom.tag} class="{" ".join(klassen)}">{tekst}</{kolom.tag}>')
        yield mark_safe("".join(cellen))  # noqa: S308 - every part escaped above


def resultaten(cl: Any) -> dict[str, Any]:
    """The context of the changelist's table (Django's result_list), its rows written here."""
    if not _snel(cl):
        return result_list(cl)
    koppen = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": koppen,
        "num_sorted_fields": sum(1 for k in koppen if k["sortable"] and k["sorted"]),
        # Django's template writes each row between <tr> and </tr>, with three template nodes
        # per row: the rows go to it as one, joined by the </tr><tr> between them.
        "results": [ResultList(None, [mark_safe("</tr>\n<tr>".join(rijen(cl)))])]  # noqa: S308
        if cl.result_list
        else [],
    }
