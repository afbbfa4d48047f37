from django.urls import path

from werkgroepen.views import (
    acties,
    excel,
    overzicht,
    rapportagelinks,
    rapporteren,
    start,
    werkgroep,
)

# Under agenda/<slug>/ (lea.config.urls).
urlpatterns = [
    path("", overzicht.agenda_dashboard, name="agenda_dashboard"),
    path("doelenboom/", overzicht.agenda_overzicht, name="agenda_overzicht"),
    # A node's actions in the tree, for htmx (under the ambities app's knopen/, whose own
    # routes do not match this one).
    path("knopen/<int:pk>/acties/", overzicht.doelenboom_knoop, name="doelenboom_knoop"),
    path("acties/", acties.actie_lijst, name="actie_lijst"),
    path("acties/nieuw/", acties.actie_nieuw, name="actie_nieuw"),
    path("acties/csv/", acties.actie_csv, name="actie_csv"),
    path("acties/bulk/", acties.acties_bulk, name="acties_bulk"),
    path("acties/<int:pk>/", acties.actie_detail, name="actie_detail"),
    path("acties/<int:pk>/bewerken/", acties.actie_bewerken, name="actie_bewerken"),
    path("acties/<int:pk>/archiveren/", acties.actie_archiveren, name="actie_archiveren"),
    path("acties/<int:pk>/voortgang/", acties.actie_voortgang, name="actie_voortgang"),
    path("acties/<int:pk>/opmerking/", acties.actie_opmerking, name="actie_opmerking"),
    path(
        "acties/<int:pk>/voortgang/openbaar/",
        acties.actie_voortgang_openbaar,
        name="actie_voortgang_openbaar",
    ),
    path("werkgroepen/", werkgroep.werkgroep_lijst, name="werkgroep_lijst"),
    path("werkgroepen/nieuw/", werkgroep.werkgroep_nieuw, name="werkgroep_nieuw"),
    path("werkgroepen/<int:pk>/", werkgroep.werkgroep_detail, name="werkgroep_detail"),
    path("werkgroepen/<int:pk>/excel/", excel.werkgroep_excel, name="werkgroep_excel"),
    path(
        "werkgroepen/<int:pk>/excel/export/",
        excel.werkgroep_excel_export,
        name="werkgroep_excel_export",
    ),
    path(
        "werkgroepen/<int:pk>/excel/inlezen/",
        excel.werkgroep_excel_upload,
        name="werkgroep_excel_upload",
    ),
    path(
        "werkgroepen/<int:pk>/excel/<int:imp>/",
        excel.werkgroep_excel_import,
        name="werkgroep_excel_import",
    ),
    path(
        "werkgroepen/<int:pk>/excel/<int:imp>/toepassen/",
        excel.werkgroep_excel_toepassen,
        name="werkgroep_excel_toepassen",
    ),
    path(
        "werkgroepen/<int:pk>/excel/<int:imp>/verwerpen/",
        excel.werkgroep_excel_verwerpen,
        name="werkgroep_excel_verwerpen",
    ),
    path("werkgroepen/<int:pk>/bewerken/", werkgroep.werkgroep_bewerken, name="werkgroep_bewerken"),
    path(
        "werkgroepen/<int:pk>/archiveren/",
        werkgroep.werkgroep_archiveren,
        name="werkgroep_archiveren",
    ),
    path(
        "werkgroepen/<int:pk>/acties/<int:actie_pk>/voortgang/",
        werkgroep.werkgroep_voortgang,
        name="werkgroep_voortgang",
    ),
    # The chair's report page (the same page as the personal link's, below).
    path(
        "werkgroepen/<int:pk>/rapporteren/",
        rapporteren.werkgroep_rapporteren,
        name="werkgroep_rapporteren",
    ),
    path(
        "werkgroepen/<int:pk>/rapporteren/acties/<int:actie_pk>/",
        rapporteren.werkgroep_rapporteren_actie,
        name="werkgroep_rapporteren_actie",
    ),
    path(
        "werkgroepen/<int:pk>/rapporteren/geen-wijziging/",
        rapporteren.werkgroep_rapporteren_geen_wijziging,
        name="werkgroep_rapporteren_geen_wijziging",
    ),
    # The beheerder's list of personal reporting links, each revocable.
    path("beheer/rapportagelinks/", rapportagelinks.rapportagelinks, name="rapportagelinks"),
]

# At the site's root (lea.config.urls): every user's start page, and the personal link of the
# progress request (short, as it is read in an e-mail).
start_urlpatterns = [
    path("", start.mijn_overzicht, name="home"),
    path("r/<str:token>/", rapporteren.rapportagelink, name="rapportagelink"),
    path(
        "r/<str:token>/acties/<int:actie_pk>/",
        rapporteren.rapportagelink_actie,
        name="rapportagelink_actie",
    ),
    path(
        "r/<str:token>/geen-wijziging/",
        rapporteren.rapportagelink_geen_wijziging,
        name="rapportagelink_geen_wijziging",
    ),
]
