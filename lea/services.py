"""Writes shared by every app's services."""

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def bewaar(obj: M, *, door: Any = None) -> M:
    """Validate and save; `door` is recorded as the author in the change history."""
    if door is not None:
        obj._history_user = door  # type: ignore[attr-defined]  # read by django-simple-history
    obj.full_clean()
    obj.save()
    return obj
