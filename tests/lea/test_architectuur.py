"""The one-way rule, beyond static imports: an app never names an app built on it.

The import contract (pyproject.toml, `lint-imports`) sees only imports. Here every module of
the core (`lea/`, but for its wiring `lea/config/`) and of each app is read as Python source, and
any way of naming a later app fails: an import, a dotted string ("overleg.Vergadering",
"monitoring.tasks.x", "werkgroepen/…" templates), or a related name by which a later app's model
hangs on an earlier model (`agenda.acties`, `Q(werkgroepen__voorzitter=…)`).
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
# The floors, bottom first. A floor may name itself and what lies below it.
LAGEN = ["lea", "ambities", "werkgroepen", "overleg", "monitoring"]


def _bestanden(laag: str) -> list[Path]:
    bestanden = []
    for pad in sorted((ROOT / laag).rglob("*.py")):
        deel = pad.relative_to(ROOT).parts
        if "migrations" in deel or deel[:2] == ("lea", "config"):
            continue  # migrations are history; lea/config is the wiring and names every app
        bestanden.append(pad)
    return bestanden


def _verwantschapsnamen(laag: str) -> set[str]:
    """How later apps' models are reached from the models of this floor and the ones below."""
    tot = set(LAGEN[: LAGEN.index(laag) + 1])
    later = set(LAGEN[LAGEN.index(laag) + 1 :])
    namen, eigen = set(), set()
    for model in apps.get_models():
        for veld in model._meta.get_fields():
            doel = getattr(veld, "related_model", None)
            if not veld.is_relation or veld.auto_created or doel is None or doel == "self":
                continue
            paar = {veld.remote_field.get_accessor_name() or "", veld.related_query_name()}
            if model._meta.app_label in tot:
                eigen |= paar  # a floor's own relations, whatever a later app calls its own
            elif model._meta.app_label in later and doel._meta.app_label in tot:
                namen |= paar
    return namen - eigen - {"", "+"}


def overtredingen(bron: str, laag: str, verwant: set[str]) -> list[str]:
    """Each place in `bron` that names an app built on `laag`, as "line: what"."""
    later = LAGEN[LAGEN.index(laag) + 1 :]
    gevonden = []

    def noemt_app(tekst: str) -> bool:
        return any(tekst == app or tekst.startswith((f"{app}.", f"{app}/")) for app in later)

    def noemt_verwant(tekst: str) -> bool:
        return tekst in verwant or (tekst.split("__")[0] in verwant and "__" in tekst)

    for knoop in ast.walk(ast.parse(bron)):
        regel = getattr(knoop, "lineno", 0)
        if isinstance(knoop, ast.Import):
            gevonden += [f"{regel}: import {a.name}" for a in knoop.names if noemt_app(a.name)]
        elif isinstance(knoop, ast.ImportFrom) and noemt_app(knoop.module or ""):
            gevonden.append(f"{regel}: from {knoop.module} import")
        elif isinstance(knoop, ast.Constant) and isinstance(knoop.value, str):
            if noemt_app(knoop.value) or noemt_verwant(knoop.value):
                gevonden.append(f"{regel}: {knoop.value!r}")
        elif isinstance(knoop, ast.Attribute) and knoop.attr in verwant:
            gevonden.append(f"{regel}: .{knoop.attr}")
        elif isinstance(knoop, ast.keyword) and knoop.arg and noemt_verwant(knoop.arg):
            gevonden.append(f"{regel}: {knoop.arg}=")
    return gevonden


@pytest.mark.parametrize("laag", LAGEN[:-1])
def test_no_floor_names_a_floor_built_on_it(laag):
    verwant = _verwantschapsnamen(laag)
    fouten = []
    for pad in _bestanden(laag):
        for plek in overtredingen(pad.read_text(encoding="utf-8"), laag, verwant):
            fouten.append(f"{pad.relative_to(ROOT)}:{plek}")
    assert fouten == [], "\n".join(fouten)


@pytest.mark.parametrize(
    "bron",
    [
        "from werkgroepen.models import Actie",
        "import overleg.tasks",
        "apps.get_model('overleg', 'Vergadering')",
        "apps.get_model('overleg.Vergadering')",
        "app.send_task('monitoring.tasks.rapport_maak_taak')",
        "render_to_string('werkgroepen/dashboard.html')",
        "agenda.acties.count()",
        "Agenda.objects.filter(werkgroepen__voorzitter__gebruiker=gebruiker)",
        "Q(overlegorganen__soort='stuurgroep')",
        "qs.values('knopen__titel')",
    ],
)
def test_the_guard_catches_each_way_of_naming_a_later_app(bron):
    assert overtredingen(bron, "lea", _verwantschapsnamen("lea"))


def test_the_guard_leaves_the_core_its_own_words():
    bron = "Agenda.objects.filter(lidmaatschappen__gebruiker=g); persoon.organisatie; 'lea.models'"
    assert overtredingen(bron, "lea", _verwantschapsnamen("lea")) == []
