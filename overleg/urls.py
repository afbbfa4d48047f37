"""The governance pages under agenda/<slug>/overleg/, and the calendar feeds.

`urlpatterns` is included under the agenda; `kalender_urlpatterns` (the token-based .ics
feeds, not agenda-scoped) under kalender/.
"""

from django.urls import path

from overleg.views import kalender, organen, pdf, register, stukken, vergadering

v = "vergaderingen/<int:pk>/"
urlpatterns = [
    path("", organen.overleg_lijst, name="overleg_lijst"),
    path("organen/nieuw/", organen.orgaan_nieuw, name="orgaan_nieuw"),
    path("organen/<int:pk>/", organen.orgaan_detail, name="orgaan_detail"),
    path("organen/<int:pk>/bewerken/", organen.orgaan_bewerken, name="orgaan_bewerken"),
    path("organen/<int:pk>/archiveren/", organen.orgaan_archiveren, name="orgaan_archiveren"),
    path("organen/<int:pk>/leden/nieuw/", organen.orgaanlid_nieuw, name="orgaanlid_nieuw"),
    path("leden/<int:pk>/bewerken/", organen.orgaanlid_bewerken, name="orgaanlid_bewerken"),
    path(
        "organen/<int:pk>/abonnement-vernieuwen/",
        organen.orgaan_feed_vernieuwen,
        name="orgaan_feed_vernieuwen",
    ),
    path("mijn-abonnement-vernieuwen/", organen.mijn_feed_vernieuwen, name="mijn_feed_vernieuwen"),
    path("register/", register.register, name="register"),
    path("wettelijke-onderwerpen/", register.dekking_view, name="dekking"),
    path(v, vergadering.vergadering_detail, name="vergadering_detail"),
    path(f"{v}bouwer/", vergadering.vergadering_bouwer, name="vergadering_bouwer"),
    path(v + "wijzigen/", vergadering.vergadering_wijzigen, name="vergadering_wijzig"),
    path(v + "voorstellen/", vergadering.agendapunt_voorstellen, name="agendapunt_voorstellen"),
    path(v + "samenstellen/", vergadering.agenda_samenstellen, name="agenda_samenstellen"),
    path(v + "punten/", vergadering.agendapunt_toevoegen, name="agendapunt_toevoegen"),
    path(
        v + "punten/<int:punt_pk>/beoordelen/",
        vergadering.agendapunt_beoordelen,
        name="agendapunt_beoordelen",
    ),
    path(
        v + "punten/<int:punt_pk>/verplaatsen/",
        vergadering.agendapunt_verplaatsen,
        name="agendapunt_verplaatsen",
    ),
    path(
        v + "punten/<int:punt_pk>/verslag/",
        vergadering.agendapunt_verslag,
        name="agendapunt_verslag",
    ),
    path(v + "besluiten/openbaar/", vergadering.besluit_openbaar, name="besluit_openbaar"),
    path(
        v + "actiepunten/<int:ap_pk>/status/",
        vergadering.actiepunt_status_wijzig,
        name="actiepunt_status",
    ),
    path(
        v + "actiepunten/<int:ap_pk>/actie/",
        vergadering.actiepunt_actie_maken,
        name="actiepunt_naar_actie",
    ),
    path(v + "aanwezigheid/", vergadering.aanwezigheid_vastleggen, name="aanwezigheid_vastleggen"),
    path(
        v + "geschiedenis/",
        vergadering.vergadering_geschiedenis_view,
        name="vergadering_geschiedenis",
    ),
    path(v + "stukken/", stukken.stuk_toevoegen, name="stuk_toevoegen"),
    path(v + "stukken/<int:stuk_pk>/", stukken.stuk_downloaden, name="stuk_downloaden"),
    path(
        v + "stukken/<int:stuk_pk>/verwijderen/",
        stukken.stuk_verwijderen,
        name="stuk_verwijderen",
    ),
    path(v + "versturen/", vergadering.agenda_versturen, name="agenda_versturen"),
    path(
        v + "opnieuw-versturen/",
        vergadering.agenda_opnieuw_versturen,
        name="agenda_opnieuw_versturen",
    ),
    path(v + "<str:soort>.pdf", pdf.vergadering_pdf, name="vergadering_pdf"),
    path(v + "pdf/<str:soort>/stand/", pdf.vergadering_pdf_stand, name="vergadering_pdf_stand"),
]

kalender_urlpatterns = [
    path("orgaan/<uuid:token>.ics", kalender.orgaan_ics, name="orgaan_ics"),
    path("persoon/<uuid:token>.ics", kalender.persoon_ics, name="persoon_ics"),
]
