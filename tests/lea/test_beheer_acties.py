"""The actions bar above every changelist (templates/admin/actions.html): the markup Django's
action form renders, written out without a template per widget."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test.html import parse_html
from django.urls import reverse

from lea.admin import LijstAdmin

pytestmark = pytest.mark.django_db

LIJSTEN = sorted(
    model._meta.label
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, LijstAdmin)
)


def _formulier(html: str) -> str:
    """The action form's fields: what lies before the "Go" button in the actions bar."""
    balk = re.search(r'<div class="actions">(.*?)<button type="submit"', html, re.S)
    assert balk, "the page has no actions bar"
    return balk.group(1)


@pytest.mark.parametrize("label", LIJSTEN)
def test_the_actions_bar_is_the_one_django_renders(client, label):
    client.force_login(get_user_model().objects.get(username="admin"))
    app, model = label.lower().split(".")
    antwoord = client.get(reverse(f"admin:{app}_{model}_changelist"))
    formulier = antwoord.context["action_form"]
    if formulier is None:  # a list without actions (progress updates are only looked at)
        assert '<div class="actions">' not in antwoord.text
        return
    django = "".join(
        f"<label>{veld.label} {veld}</label>" if veld.label else str(veld) for veld in formulier
    )
    assert 'value="delete_selected"' in django
    assert parse_html(_formulier(antwoord.text)) == parse_html(django)
