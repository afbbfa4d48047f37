"""The audit log: each kind of security event is written with who, when and from which
address; the Beveiligingslogboek is for the functioneel beheerder only; old rows go."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from lea.models import Auditregel, AuditSoort, Lidmaatschap, Rol
from lea.services.audit import adres_van, audit_vastleg
from lea.tasks import auditregels_opruimen_taak
from tests.factories import GebruikerFactory, PersoonFactory

pytestmark = pytest.mark.django_db

ADRES = "203.0.113.20"


@pytest.fixture
def fien():
    """Fien, functioneel beheerder of the installation (not a superuser)."""
    user = GebruikerFactory(username="fien")
    user.groups.add(Group.objects.get(name="Functioneel beheerders"))
    return user


def _laatste(soort) -> Auditregel:
    return Auditregel.objects.filter(soort=soort).latest("pk")


def _recent(regel: Auditregel) -> bool:
    return abs(timezone.now() - regel.tijdstip) < datetime.timedelta(minutes=1)


# --- what is written ---------------------------------------------------------------------------


def test_a_login_and_a_logout_are_written_with_user_time_and_address(client, anne):
    antwoord = client.post(
        reverse("login"), {"username": "beleid-bunnik", "password": "lea-demo"}, REMOTE_ADDR=ADRES
    )
    assert antwoord.status_code == 302
    regel = _laatste(AuditSoort.LOGIN)
    assert (regel.gebruiker, regel.gebruikersnaam, regel.adres) == (anne, "beleid-bunnik", ADRES)
    assert _recent(regel)

    client.post(reverse("logout"), REMOTE_ADDR=ADRES)
    regel = _laatste(AuditSoort.UITGELOGD)
    assert (regel.gebruiker, regel.adres) == (anne, ADRES)


def test_a_failed_login_keeps_the_name_that_was_tried(client):
    client.post(reverse("login"), {"username": "iemand", "password": "x"}, REMOTE_ADDR=ADRES)
    regel = _laatste(AuditSoort.LOGIN_MISLUKT)
    assert (regel.gebruiker, regel.gebruikersnaam, regel.adres) == (None, "iemand", ADRES)


def test_role_changes_are_written_with_who_did_it(
    client, bunnik, anne, django_capture_on_commit_callbacks
):
    persoon = PersoonFactory(agenda=bunnik, naam="Rob Rol", email="rob@bunnik.example")
    client.force_login(anne)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("rol_nieuw", args=[bunnik.slug]),
            {"persoon": persoon.pk, "rol": Rol.LEZER},
            REMOTE_ADDR=ADRES,
        )
    lid = Lidmaatschap.objects.get(agenda=bunnik, gebruiker__username="rob@bunnik.example")
    client.post(
        reverse("rol_bewerken", args=[bunnik.slug, lid.pk]), {"rol": Rol.LID}, REMOTE_ADDR=ADRES
    )
    client.post(reverse("rol_intrekken", args=[bunnik.slug, lid.pk]), REMOTE_ADDR=ADRES)

    regels = Auditregel.objects.filter(soort=AuditSoort.ROL).order_by("pk")
    assert [r.omschrijving for r in regels] == [
        "rob@bunnik.example: rol lezer gegeven",
        "rob@bunnik.example: rol lezer gewijzigd in lid",
        "rob@bunnik.example: rol lid ingetrokken",
    ]
    assert {(r.gebruiker, r.agenda, r.adres) for r in regels} == {(anne, bunnik, ADRES)}
    # The invitation itself is written too (and counted against the limit).
    uitnodiging = _laatste(AuditSoort.UITNODIGING)
    assert uitnodiging.gebruiker == anne
    assert "rob@bunnik.example" in uitnodiging.omschrijving


def test_a_refused_role_change_writes_nothing(client, bunnik, anne):
    """The last beheerder keeps the role: no change, so no audit row."""
    eigen = Lidmaatschap.objects.get(agenda=bunnik, gebruiker=anne)
    beheerders = Lidmaatschap.objects.actief().filter(agenda=bunnik, rol=Rol.BEHEERDER)
    assert list(beheerders) == [eigen]
    client.force_login(anne)
    antwoord = client.post(
        reverse("rol_bewerken", args=[bunnik.slug, eigen.pk]), {"rol": Rol.LEZER}
    )
    assert "minstens één beheerder" in antwoord.text
    eigen.refresh_from_db()
    assert eigen.rol == Rol.BEHEERDER
    assert not Auditregel.objects.filter(soort=AuditSoort.ROL).exists()


def test_exports_are_written(client, bunnik, anne, sara):
    client.force_login(anne)
    antwoord = client.get(reverse("excel_export", args=[bunnik.slug]), REMOTE_ADDR=ADRES)
    assert antwoord.status_code == 200
    regel = _laatste(AuditSoort.EXPORT)
    assert (regel.gebruiker, regel.agenda, regel.adres) == (anne, bunnik, ADRES)
    assert regel.omschrijving.startswith("Excel: bunnik-2025-")

    client.force_login(sara)
    antwoord = client.get(reverse("actie_csv", args=[bunnik.slug]), REMOTE_ADDR=ADRES)
    assert antwoord.status_code == 200
    regel = _laatste(AuditSoort.EXPORT)
    assert (regel.gebruiker, regel.agenda) == (sara, bunnik)
    assert regel.omschrijving.startswith("CSV: bunnik-2025-acties-")


def test_a_refused_export_writes_nothing(client, bunnik, henk):
    client.force_login(henk)
    assert client.get(reverse("actie_csv", args=[bunnik.slug])).status_code == 404
    assert not Auditregel.objects.filter(soort=AuditSoort.EXPORT).exists()


def test_a_service_called_outside_a_request_writes_no_address(anne):
    regel = audit_vastleg(soort=AuditSoort.TWEEDE_FACTOR, gebruiker=anne, omschrijving="Test")
    assert (regel.gebruikersnaam, regel.adres) == ("beleid-bunnik", None)


# --- the client's address ----------------------------------------------------------------------


def test_the_address_is_remote_addr_unless_a_proxy_is_trusted(settings):
    verzoek = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    settings.LEA_VERTROUWDE_PROXIES = 0
    assert adres_van(verzoek) == "10.0.0.5"
    # Behind one proxy: the entry it added (the right-most); the client's own claim is ignored.
    settings.LEA_VERTROUWDE_PROXIES = 1
    assert adres_van(verzoek) == "198.51.100.7"
    settings.LEA_VERTROUWDE_PROXIES = 2
    assert adres_van(verzoek) == "6.6.6.6"
    # Fewer entries than proxies, or rubbish: the proxy's own address.
    settings.LEA_VERTROUWDE_PROXIES = 3
    assert adres_van(verzoek) == "10.0.0.5"
    settings.LEA_VERTROUWDE_PROXIES = 1
    onzin = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="<script>")
    assert adres_van(onzin) == "10.0.0.5"


def test_behind_a_trusted_proxy_the_lockout_counts_the_forwarded_address(client, settings, anne):
    settings.LEA_VERTROUWDE_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(
            reverse("login"),
            {"username": "x", "password": "y"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="192.0.2.50",
        )
    assert _laatste(AuditSoort.GEBLOKKEERD).adres == "192.0.2.50"
    # Another client behind the same proxy is not blocked.
    antwoord = client.post(
        reverse("login"),
        {"username": "beleid-bunnik", "password": "lea-demo"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.51",
    )
    assert antwoord.status_code == 302


# --- the page ----------------------------------------------------------------------------------


def test_the_log_is_for_the_functioneel_beheerder_only(client, anne, fien):
    url = reverse("auditlog")
    antwoord = client.get(url)
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))

    client.force_login(anne)  # beheerder of one agenda
    assert client.get(url).status_code == 403
    assert "Beveiligingslogboek" not in client.get(reverse("meldingen")).text

    client.force_login(fien)
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get(reverse("meldingen")).text
    assert client.post(url).status_code == 405


def test_the_log_shows_and_filters_the_events(client, fien, anne, victor, bunnik):
    client.force_login(fien)  # her own login is the log's first row
    audit_vastleg(soort=AuditSoort.LOGIN, gebruiker=anne)
    audit_vastleg(soort=AuditSoort.EXPORT, gebruiker=victor, agenda=bunnik, omschrijving="CSV: x")
    oud = audit_vastleg(soort=AuditSoort.LOGIN, gebruiker=victor)
    Auditregel.objects.filter(pk=oud.pk).update(
        tijdstip=timezone.now() - datetime.timedelta(days=40)
    )
    url = reverse("auditlog")

    pagina = client.get(url).text
    assert "4 regels gevonden" in pagina
    assert "<td>fien</td>" in pagina
    assert "<td>beleid-bunnik</td>" in pagina

    pagina = client.get(url, {"soort": "export"}).text
    assert "1 regel gevonden" in pagina
    assert "CSV: x" in pagina
    assert bunnik.titel in pagina

    pagina = client.get(url, {"gebruiker": "voorzitter"}).text
    assert "2 regels gevonden" in pagina

    van = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    pagina = client.get(url, {"gebruiker": "voorzitter", "van": van}).text
    assert "1 regel gevonden" in pagina
    tot = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert "1 regel gevonden" in client.get(url, {"tot": tot}).text


def test_the_log_is_paged_with_a_fixed_number_of_queries(
    client, fien, anne, bunnik, django_assert_max_num_queries
):
    client.force_login(fien)  # one row
    Auditregel.objects.bulk_create(
        Auditregel(soort=AuditSoort.LOGIN, gebruiker=anne, gebruikersnaam=f"n{i}", agenda=bunnik)
        for i in range(119)
    )
    url = reverse("auditlog")
    with django_assert_max_num_queries(12):
        eerste = client.get(url)
    assert "Pagina 1 van 3" in eerste.text
    assert eerste.text.count("<tr>") == 51  # the header and 50 rows
    laatste = client.get(url, {"pagina": 3})
    assert "Pagina 3 van 3" in laatste.text
    assert laatste.text.count("<tr>") == 21


# --- retention ---------------------------------------------------------------------------------


def test_the_daily_task_deletes_rows_past_the_retention(settings, anne):
    settings.LEA_AUDIT_BEWAARTERMIJN_DAGEN = 30
    nu = timezone.now()
    oud = audit_vastleg(soort=AuditSoort.LOGIN, gebruiker=anne, omschrijving="oud")
    net = audit_vastleg(soort=AuditSoort.LOGIN, gebruiker=anne, omschrijving="net binnen")
    Auditregel.objects.filter(pk=oud.pk).update(tijdstip=nu - datetime.timedelta(days=31))
    Auditregel.objects.filter(pk=net.pk).update(tijdstip=nu - datetime.timedelta(days=29))

    assert auditregels_opruimen_taak.delay().get() == 1
    assert not Auditregel.objects.filter(pk=oud.pk).exists()
    assert Auditregel.objects.filter(pk=net.pk).exists()


def test_the_retention_task_is_on_the_beat_schedule():
    from lea.config.celery import app

    regel = app.conf.beat_schedule["auditregels-opruimen"]
    assert regel["task"] == "lea.tasks.auditregels_opruimen_taak"


# --- the limit on invitations (counted from this log) ------------------------------------------


def test_invitations_are_limited_per_beheerder(
    client, settings, bunnik, anne, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.LEA_LIMIET_UITNODIGINGEN = 2
    personen = [
        PersoonFactory(agenda=bunnik, naam=f"Gast {n}", email=f"gast{n}@bunnik.example")
        for n in range(3)
    ]
    client.force_login(anne)
    with django_capture_on_commit_callbacks(execute=True):
        for persoon in personen[:2]:
            client.post(
                reverse("rol_nieuw", args=[bunnik.slug]), {"persoon": persoon.pk, "rol": "lezer"}
            )
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("rol_nieuw", args=[bunnik.slug]), {"persoon": personen[2].pk, "rol": "lezer"}
        )
    assert antwoord.status_code == 200
    assert "U heeft het afgelopen uur al 2 keer iemand uitgenodigd" in antwoord.text
    assert len(mail.outbox) == 2
    assert not Lidmaatschap.objects.filter(
        agenda=bunnik, gebruiker__username="gast2@bunnik.example"
    ).exists()


def test_role_changes_in_the_admin_are_written_too(client, bunnik, anne, admin_user):
    """A superuser changing a role in the admin (its own page, or the agenda's inline) is a
    security event like a change on the Rollen page."""
    client.force_login(admin_user)
    login = GebruikerFactory(username="rik")
    client.post(
        reverse("admin:lea_lidmaatschap_add"),
        {"gebruiker": login.pk, "agenda": bunnik.pk, "rol": Rol.LEZER},
    )
    lidmaatschap = Lidmaatschap.objects.get(gebruiker=login, agenda=bunnik)
    regel = _laatste(AuditSoort.ROL)
    assert regel.gebruiker == admin_user
    assert regel.agenda == bunnik
    assert regel.omschrijving.startswith("Rol toegekend in het beheer: rik")
    client.post(
        reverse("admin:lea_lidmaatschap_change", args=[lidmaatschap.pk]),
        {"gebruiker": login.pk, "agenda": bunnik.pk, "rol": Rol.LID},
    )
    assert _laatste(AuditSoort.ROL).omschrijving.startswith("Rol gewijzigd in het beheer: rik")
