"""The admin lists that load only the fields their page shows (`LijstAdmin.lijst_velden`): the
page is the one that whole rows make, and writing its rows asks the database nothing more
(a field left out would cost a query per row)."""

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import ForeignKey
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lea.admin import LijstAdmin
from lea.beheerlijst import rijen
from monitoring.models import Begrotingspost, Meting, School
from werkgroepen.models import Actie, Rag, Status, Voortgang

pytestmark = pytest.mark.django_db

BEPERKT = sorted(
    (model._meta.label, model_admin)
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, LijstAdmin) and model_admin.lijst_velden
)


def _label(param: Any) -> str:
    return param if isinstance(param, str) else ""


@pytest.fixture
def beheerder():
    return get_user_model().objects.get(username="admin")


@pytest.fixture(autouse=True)
def elke_relatie_gevuld(beheerder, bunnik) -> None:
    """Rows whose every shown relation is filled, in the lists the demo leaves without them:
    a progress update by someone, a measurement at a school, a budget line of a node."""
    actie = Actie.objects.filter(agenda=bunnik, werkgroep__isnull=False).first()
    for n in range(3):
        Voortgang.objects.create(
            actie=actie,
            datum=bunnik.periode_start,
            status=Status.LOPEND,
            rag_tijd=Rag.GROEN,
            rag_geld=Rag.ORANJE,
            percentage=10 * n,
            door=beheerder,
        )
    meting = Meting.objects.filter(indicator__agenda=bunnik).first()
    if meting is not None:
        school = School.objects.create(agenda=bunnik, naam="De Regenboog", brin="12AB")
        Meting.objects.filter(pk=meting.pk).update(school=school)
    post = Begrotingspost.objects.filter(begroting__agenda=bunnik).first()
    if post is not None:
        Begrotingspost.objects.filter(pk=post.pk).update(knoop=actie.knoop)


def _cl(model_admin: LijstAdmin, gebruiker: Any) -> Any:
    verzoek = RequestFactory().get("/")
    verzoek.user = gebruiker
    return model_admin.get_changelist_instance(verzoek)


def _tbody(html: str) -> str:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    assert body, "the page shows no table"
    return body.group(1)


@pytest.mark.parametrize(("label", "model_admin"), BEPERKT, ids=_label)
def test_the_page_loads_only_its_fields_and_asks_nothing_per_row(label, model_admin, beheerder):
    cl = _cl(model_admin, beheerder)
    objecten = list(cl.result_list)
    assert len(objecten) >= 2, f"{label}: too few rows to tell a query per row"
    # Each shown relation is filled in some row, so its __str__ is written too.
    for naam in cl.list_display:
        veld = next((f for f in cl.model._meta.fields if f.name == naam), None)
        if isinstance(veld, ForeignKey):
            assert any(getattr(o, f"{naam}_id") for o in objecten), f"{label}.{naam} is empty"
    assert all(o.get_deferred_fields() for o in objecten), f"{label}: whole rows loaded"

    with CaptureQueriesContext(connection) as vragen:
        list(rijen(cl))
        for obj in objecten:
            model_admin.action_checkbox(obj)
    assert [v["sql"] for v in vragen] == []


@pytest.mark.parametrize(("label", "model_admin"), BEPERKT, ids=_label)
def test_the_page_is_the_one_whole_rows_make(client, label, model_admin, beheerder, monkeypatch):
    client.force_login(beheerder)
    app, model = label.lower().split(".")
    url = reverse(f"admin:{app}_{model}_changelist")
    for vraag in ({}, {"o": "-2"}):
        beperkt = client.get(url, vraag).text
        monkeypatch.setattr(type(model_admin), "lijst_velden", None)
        geheel = client.get(url, vraag).text
        monkeypatch.undo()
        assert _tbody(beperkt) == _tbody(geheel)


def test_a_field_left_out_would_cost_a_query_per_row(beheerder, monkeypatch):
    """What the test above guards against: the action list without its title."""
    model_admin = admin.site._registry[Actie]
    zonder = tuple(v for v in model_admin.lijst_velden if v != "titel")
    monkeypatch.setattr(type(model_admin), "lijst_velden", zonder)
    cl = _cl(model_admin, beheerder)
    aantal = len(cl.result_list)
    with CaptureQueriesContext(connection) as vragen:
        list(rijen(cl))
    assert len(vragen) == aantal >= 2


def test_actions_act_on_whole_rows(beheerder):
    """Only the page is loaded in part: an action's queryset is Django's own."""
    model_admin = admin.site._registry[Actie]
    verzoek = RequestFactory().get("/")
    verzoek.user = beheerder
    cl = _cl(model_admin, beheerder)
    assert not cl.get_queryset(verzoek).first().get_deferred_fields()
