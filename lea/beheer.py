"""The admin site and the frame of its changelists, for a country's rows.

- `Beheersite`: the admin without its navigation sidebar, and with its list of apps built only
  on the pages that show it (the index and an app's page). Django builds that list (a URL and
  four permission checks per model, 45 models) for every admin page's context; the sidebar was
  its only other reader. Every changelist links back to the index through its breadcrumbs.
- `BegrensdePaginator`: counts a changelist's rows up to `GRENS` and no further. An exact
  count of the half million progress updates took 30 ms on every page of that list; past
  ten thousand rows the exact number tells a superuser nothing that the filters don't.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.admin import AdminSite
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, cached_property

# Rows a changelist counts; past it the list says "meer dan 10.000".
GRENS = 10_000


class Telling(int):
    """A changelist's number of rows as the admin shows it: the number itself, or "meer dan
    10.000" once the count stopped at `GRENS`. As a number it is one more than `GRENS` then,
    so that the pages, the "select all" link and every comparison of Django's templates go on
    working; only its text differs."""

    afgekapt: bool

    def __new__(cls, aantal: int) -> Telling:
        telling = super().__new__(cls, min(aantal, GRENS + 1))
        telling.afgekapt = aantal > GRENS
        return telling

    def __str__(self) -> str:
        return f"meer dan {GRENS:,}".replace(",", ".") if self.afgekapt else super().__str__()


class BegrensdePaginator(Paginator):
    """A paginator whose count stops at `GRENS` + 1 (`SELECT COUNT(*)` over at most that many
    rows): the pages up to there work as before, and the list shows "meer dan 10.000"."""

    @cached_property
    def count(self) -> int:
        # In no order: the number of rows up to the limit does not depend on it.
        rijen = cast(QuerySet[Any], self.object_list)
        return Telling(rijen.order_by()[: GRENS + 1].count())


class Beheersite(AdminSite):
    """The admin site of LEA (lea.config.apps.BeheerConfig makes it `admin.site`)."""

    site_header = "LEA – beheer"
    site_title = "LEA beheer"
    index_title = "Beheer van agenda's, partners en acties"
    enable_nav_sidebar = False

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> Any:
        # Built when a template reads it: the index and an app's page do; every other page
        # gets it in its context only for the sidebar, which is off.
        lijst = super().get_app_list
        return SimpleLazyObject(lambda: lijst(request, app_label))
