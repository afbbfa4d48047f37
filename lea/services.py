"""Writes shared by every app's services."""

from django.db import models


def bewaar(obj: models.Model, *, door=None) -> models.Model:
    """Validate and save; `door` is recorded as the author in the change history."""
    if door is not None:
        obj._history_user = door
    obj.full_clean()
    obj.save()
    return obj
