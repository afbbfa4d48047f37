"""Logging in and passwords: the one authentication backend (with django-axes), its
lockout page, and Django's minimum-length validator in Dutch."""

import functools
from typing import Any, cast

import psycopg
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connections
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_otp.plugins.otp_totp.models import TOTPDevice

from lea.models import Lidmaatschap, Melding, Rol
from lea.toegang import functioneel_beheer_expressie, functioneel_beheer_onthoud

# What every logged-in request asks of its login besides the row itself, read with it in one
# query (`InlogBlokkadeBackend.get_user`): by the second-factor middleware (an app? must it?),
# the menu (unread notifications) and the menu's "Nieuwe agenda" (functioneel beheer).
HEEFT_APP = "lea_heeft_app"
IS_BEHEERDER = "lea_is_beheerder"
ONGELEZEN = "lea_ongelezen"
_FUNCTIONEEL = "lea_functioneel"


def ongelezen_expressie() -> Coalesce:
    """A user row's (the query's `pk`) number of unread notifications."""
    niet_gelezen = (
        Melding.objects.filter(gebruiker=OuterRef("pk"), gelezen_op__isnull=True)
        .order_by()
        .values("gebruiker")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(niet_gelezen), 0)


def _per_verzoek() -> dict[str, Any]:
    beheerder = Lidmaatschap.objects.actief().filter(gebruiker=OuterRef("pk"), rol=Rol.BEHEERDER)
    return {
        HEEFT_APP: Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        IS_BEHEERDER: Exists(beheerder),
        ONGELEZEN: ongelezen_expressie(),
        _FUNCTIONEEL: functioneel_beheer_expressie(),
    }


class InlogBlokkadeBackend(AxesStandaloneBackend, ModelBackend):
    """Django's ModelBackend behind django-axes' lockout check: for every login made over HTTP
    (the login page, the admin's), a locked-out username or address is refused before its
    password is read. One backend, so Django's login() after a password reset or an invitation
    needs no backend named.

    Axes refuses a call without a request. Only code outside HTTP makes one (the test client's
    `login()`, a management command); there is no address to count there, so only the password
    is checked.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is not None:
            # Raises PermissionDenied when locked out; Django then stops and reports a failure.
            AxesStandaloneBackend.authenticate(
                self, request, username=username, password=password, **kwargs
            )
        return ModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )

    def get_user(self, user_id: Any) -> Any:
        """The session's login, with what every request asks of it (`_per_verzoek`) in the
        same query; as ModelBackend's, None for an unknown or inactive login."""
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        alias = model._default_manager.db
        sql, vast, plek = _sql_per_verzoek(alias)
        params = [*vast[:plek], pk, *vast[plek + 1 :]]  # the kept parameters are shared
        if connections[alias].vendor == "postgresql" and settings.LEA_VOORBEREIDE_QUERIES:
            gebruiker = _voorbereid(model, alias, sql, params)
        else:
            gebruiker = next(iter(model._default_manager.raw(sql, params)), None)
        if gebruiker is None or not self.user_can_authenticate(gebruiker):
            return None
        # As the ORM would give them (SQLite answers EXISTS with 0 or 1).
        for naam in (HEEFT_APP, IS_BEHEERDER, _FUNCTIONEEL):
            setattr(gebruiker, naam, bool(getattr(gebruiker, naam)))
        setattr(gebruiker, ONGELEZEN, int(getattr(gebruiker, ONGELEZEN)))
        functioneel_beheer_onthoud(gebruiker, getattr(gebruiker, _FUNCTIONEEL))
        return gebruiker


# A placeholder for the login's key while the query of `get_user` is compiled: no other
# parameter of that query is this number.
_PLAATSHOUDER = -73_019_311


@functools.cache
def _sql_per_verzoek(alias: str) -> tuple[str, tuple[Any, ...], int]:
    """The SQL of the login with `_per_verzoek`, compiled once per process and database: it
    has no parameter but the login's key, and compiling its four subqueries cost twice as
    long as running it (2.3 against 1.0 ms), on every logged-in request. Returns the SQL, its
    parameters and the place of the key among them."""
    rijen = get_user_model()._default_manager.db_manager(alias).annotate(**_per_verzoek())
    sql, params = rijen.filter(pk=_PLAATSHOUDER).query.get_compiler(using=alias).as_sql()
    plekken = [i for i, waarde in enumerate(params) if waarde == _PLAATSHOUDER]
    if len(plekken) != 1:  # pragma: no cover - the query above has one key
        raise ImproperlyConfigured("De inlogquery heeft niet precies één sleutel.")
    return sql, tuple(params), plekken[0]


class _Voorbereid(psycopg.Cursor[Any]):
    """A cursor whose statements PostgreSQL keeps planned for the connection (a prepared
    statement), where Django's cursors bind on the client and plan every query anew."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        return super().execute(query, params, prepare=True)

    def _send_query_prepared(self, name: bytes, pgq: Any, **kwargs: Any) -> None:
        # Kept as psycopg keeps a query it does not prepare: Django logs it from there.
        self._query = pgq
        super()._send_query_prepared(name, pgq, **kwargs)


def _voorbereid(model: Any, alias: str, sql: str, params: list[Any]) -> Any:
    """The login row of `_sql_per_verzoek` read through a prepared statement (PostgreSQL):
    planning it took 0.6 of its 0.8 ms, on every logged-in request; prepared, it takes 0.17.
    The user as `raw()` makes it, its four answers set; None when the row does not exist."""
    verbinding = connections[alias]
    verbinding.ensure_connection()
    ruw = _Voorbereid(verbinding.connection)
    # Through Django's wrapper, so that the query is logged and counted like any other.
    maak = verbinding.make_debug_cursor if verbinding.queries_logged else verbinding.make_cursor
    with maak(cast(Any, ruw)) as cursor:  # a DB-API cursor, as Django wraps its own
        cursor.execute(sql, params)
        rij = cursor.fetchone()
        kolommen = [kolom.name for kolom in cursor.description]
    velden = model._meta.concrete_fields
    if [veld.column for veld in velden] != kolommen[: len(velden)]:  # pragma: no cover
        raise ImproperlyConfigured("De inlogquery leest andere kolommen dan de gebruiker heeft.")
    if rij is None:
        return None
    gebruiker = model.from_db(alias, [veld.attname for veld in velden], rij[: len(velden)])
    for naam, waarde in zip(kolommen[len(velden) :], rij[len(velden) :], strict=True):
        setattr(gebruiker, naam, waarde)
    return gebruiker


def geblokkeerd(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): one Dutch page with 429, the same
    for every username, so it never tells whether an account exists."""
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/geblokkeerd.html", {"minuten": minuten}, status=429)


class MinimaleLengte(MinimumLengthValidator):
    """Django's MinimumLengthValidator; its error text changed in Django 5.2 and has no Dutch
    translation yet, so it is given here (the help text is translated)."""

    def get_error_message(self) -> str:
        return f"Dit wachtwoord is te kort. De minimale lengte is {self.min_length} tekens."
