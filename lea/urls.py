"""The core's pages (included at the site's root by lea.config.urls)."""

from django.urls import path

from lea.views import agendas, audit, beheer, personen, publicatie, voorkeuren, werkboek
from lea.views import tweede_factor as tf

BEHEER = "agenda/<slug:slug>/beheer/"

urlpatterns = [
    path("nieuwe-agenda/", agendas.agenda_nieuw, name="agenda_nieuw"),
    path("welkom/<uidb64>/<token>/", agendas.uitnodiging_accepteer, name="uitnodiging_accepteer"),
    path("beveiliging/logboek/", audit.auditlog, name="auditlog"),
    # The second factor; before its code a login reaches only inrichten, qr and code.
    path("tweede-factor/", tf.tweede_factor, name="tweede_factor"),
    path("tweede-factor/inrichten/", tf.tweede_factor_inrichten, name="tweede_factor_inrichten"),
    path("tweede-factor/qr.svg", tf.tweede_factor_qr, name="tweede_factor_qr"),
    path("tweede-factor/code/", tf.tweede_factor_code, name="tweede_factor_code"),
    path(
        "tweede-factor/reservecodes/",
        tf.tweede_factor_reservecodes,
        name="tweede_factor_reservecodes",
    ),
    path("tweede-factor/uitzetten/", tf.tweede_factor_uitzetten, name="tweede_factor_uitzetten"),
    # The login's own choice of mail, and the digest's opt-out link (works without logging in).
    path("mijn-instellingen/e-mail/", voorkeuren.emailvoorkeur, name="emailvoorkeur"),
    path(
        "mijn-instellingen/e-mail/overzicht-uit/<str:sleutel>/",
        voorkeuren.overzicht_afmelden,
        name="overzicht_afmelden",
    ),
    path(BEHEER, beheer.agenda_beheer, name="agenda_beheer"),
    path(f"{BEHEER}instellingen/", beheer.agenda_instellingen, name="agenda_instellingen"),
    path(f"{BEHEER}nieuwe-periode/", beheer.agenda_nieuwe_periode, name="agenda_nieuwe_periode"),
    path(f"{BEHEER}publiceren/", beheer.agenda_publiceren, name="agenda_publiceren"),
    path(f"{BEHEER}openbaar/", publicatie.publicatie, name="publicatie"),
    path(f"{BEHEER}excel/", werkboek.excel, name="excel"),
    path(f"{BEHEER}excel/export/", werkboek.excel_export, name="excel_export"),
    path(f"{BEHEER}excel/inlezen/", werkboek.excel_upload, name="excel_upload"),
    path(f"{BEHEER}excel/<int:pk>/", werkboek.excel_import, name="excel_import"),
    path(f"{BEHEER}excel/<int:pk>/toepassen/", werkboek.excel_toepassen, name="excel_toepassen"),
    path(f"{BEHEER}excel/<int:pk>/verwerpen/", werkboek.excel_verwerpen, name="excel_verwerpen"),
    path(f"{BEHEER}organisaties/", personen.organisatie_lijst, name="organisatie_lijst"),
    path(f"{BEHEER}organisaties/nieuw/", personen.organisatie_nieuw, name="organisatie_nieuw"),
    path(
        f"{BEHEER}organisaties/<int:pk>/",
        personen.organisatie_bewerken,
        name="organisatie_bewerken",
    ),
    path(
        f"{BEHEER}organisaties/<int:pk>/archiveren/",
        personen.organisatie_archiveren,
        name="organisatie_archiveren",
    ),
    path(f"{BEHEER}personen/", personen.persoon_lijst, name="persoon_lijst"),
    path(f"{BEHEER}personen/nieuw/", personen.persoon_nieuw, name="persoon_nieuw"),
    path(f"{BEHEER}personen/<int:pk>/", personen.persoon_bewerken, name="persoon_bewerken"),
    path(
        f"{BEHEER}personen/<int:pk>/archiveren/",
        personen.persoon_archiveren,
        name="persoon_archiveren",
    ),
    path(f"{BEHEER}rollen/", personen.rol_lijst, name="rol_lijst"),
    path(f"{BEHEER}rollen/nieuw/", personen.rol_nieuw, name="rol_nieuw"),
    path(f"{BEHEER}rollen/<int:pk>/", personen.rol_bewerken, name="rol_bewerken"),
    path(f"{BEHEER}rollen/<int:pk>/intrekken/", personen.rol_intrekken, name="rol_intrekken"),
]
