"""The admin site and the frame of its changelists, for a country's rows.

- `Beheersite`: the admin without its navigation sidebar, and with its list of apps built only
  on the pages that show it (the index and an app's page). Django builds that list (a URL and
  four permission checks per model, 45 models) for every admin page's context; the sidebar was
  its only other reader. Every changelist links back to the index through its breadcrumbs.
- `BegrensdePaginator`: counts a changelist's rows up to `GRENS` and no further. An exact
  count of the half million progress updates took 30 ms on every page of that list; past
  five thousand rows the exact number tells a superuser nothing that the filters don't. An
  unfiltered list of a table that PostgreSQL estimates well past that is not counted at all.
- `Lijst`: a changelist whose page loads of each row only the fields that the page shows
  (`LijstAdmin.lijst_velden`), not every column of it and of every joined row.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.admin import AdminSite
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, cached_property

# Rows a changelist counts; past it the list says "meer dan 5.000", and its pages go up to
# the hundredth (fifty rows a page): further than anyone pages, rather than filters.
GRENS = 5_000
# A whole table that PostgreSQL estimates at this many times GRENS is not counted: its
# estimate is renewed (autovacuum's ANALYZE) after a tenth of its rows changed, so the table
# still holds more than GRENS.
SCHATTING_VANAF = 1.5


class Telling(int):
    """A changelist's number of rows as the admin shows it: the number itself, or "meer dan
    5.000" once the count stopped at `GRENS`. As a number it is one more than `GRENS` then,
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
    rows): the pages up to there work as before, and the list shows "meer dan 5.000"."""

    @cached_property
    def count(self) -> int:
        rijen = cast(QuerySet[Any], self.object_list)
        geschat = geschat_aantal(rijen)
        if geschat is not None and geschat >= SCHATTING_VANAF * GRENS:
            return Telling(geschat)
        # In no order: the number of rows up to the limit does not depend on it.
        return Telling(rijen.order_by()[: GRENS + 1].count())


def geschat_aantal(rijen: QuerySet[Any]) -> int | None:
    """The number of rows of a whole table as PostgreSQL last estimated it (`reltuples`, kept
    by autovacuum's ANALYZE), or None: for a filtered or searched list, on another database,
    or for a table never analyzed.

    The unfiltered list of the half million progress updates needs to know only that it has
    more rows than GRENS; counting ten thousand took 1.8 ms on every such page, this 0.1 ms.
    The paginator trusts an estimate only from `SCHATTING_VANAF` times the limit up."""
    query, verbinding = rijen.query, connections[rijen.db]
    if (
        verbinding.vendor != "postgresql"
        or query.where
        or query.distinct
        or query.combinator
        or query.is_sliced
    ):
        return None
    tabel = verbinding.ops.quote_name(rijen.model._meta.db_table)
    with verbinding.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)", [tabel])
        rij = cursor.fetchone()
    return int(rij[0]) if rij and rij[0] > 0 else None


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


class Lijst(ChangeList):
    """The changelist of a LijstAdmin with `lijst_velden`: its page of rows is loaded with
    `.only(*lijst_velden)`. Fifty actions with their node, werkgroep and agenda were two
    hundred whole rows, the agendas' long texts among them; the page shows a few short fields
    of each. The count, the filters and the actions' querysets are Django's, whole rows."""

    def get_results(self, request: HttpRequest) -> None:
        velden = getattr(self.model_admin, "lijst_velden", None)
        if not velden:
            super().get_results(request)
            return
        geheel = self.queryset
        self.queryset = geheel.only(*velden)
        try:
            super().get_results(request)
        finally:
            self.queryset = geheel
