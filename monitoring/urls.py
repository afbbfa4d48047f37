from django.urls import path

from monitoring.views import begroting, cijfers, indicatoren, rapportage, scholen

urlpatterns = [
    path("rapporten/", rapportage.rapporten, name="rapporten"),
    path("rapporten/<int:pk>/", rapportage.rapport_status, name="rapport_status"),
    path("rapporten/<int:pk>/download/", rapportage.rapport_download, name="rapport_download"),
    path("rapporten/<int:pk>/opnieuw/", rapportage.rapport_opnieuw, name="rapport_opnieuw"),
    path("rapporten/<int:pk>/openbaar/", rapportage.rapport_openbaar, name="rapport_openbaar"),
    path(
        "verantwoording/<int:pk>/",
        rapportage.verantwoording_status,
        name="verantwoording_status",
    ),
    # The budget: the page, its settings, lines, realisations, funding and RAG thresholds.
    path("begroting/", begroting.begroting, name="begroting"),
    path("begroting/instellen/", begroting.begroting_instellen, name="begroting_instellen"),
    path("begroting/geldregel/", begroting.geldregel, name="geldregel"),
    path("begroting/posten/nieuw/", begroting.post_nieuw, name="post_nieuw"),
    path("begroting/posten/<int:pk>/bewerken/", begroting.post_bewerken, name="post_bewerken"),
    path(
        "begroting/posten/<int:pk>/archiveren/",
        begroting.post_archiveren,
        name="post_archiveren",
    ),
    path(
        "begroting/posten/<int:pk>/realisaties/nieuw/",
        begroting.realisatie_nieuw,
        name="realisatie_nieuw",
    ),
    path(
        "begroting/realisaties/<int:pk>/bewerken/",
        begroting.realisatie_bewerken,
        name="realisatie_bewerken",
    ),
    path("begroting/financiering/nieuw/", begroting.financiering_nieuw, name="financiering_nieuw"),
    path(
        "begroting/financiering/<int:pk>/bewerken/",
        begroting.financiering_bewerken,
        name="financiering_bewerken",
    ),
    path(
        "begroting/financiering/<int:pk>/archiveren/",
        begroting.financiering_archiveren,
        name="financiering_archiveren",
    ),
    # Indicators and their measurements.
    path("indicatoren/", cijfers.indicatoren, name="indicatoren"),
    path("indicatoren/nieuw/", indicatoren.indicator_nieuw, name="indicator_nieuw"),
    path(
        "indicatoren/<int:pk>/bewerken/",
        indicatoren.indicator_bewerken,
        name="indicator_bewerken",
    ),
    path(
        "indicatoren/<int:pk>/archiveren/",
        indicatoren.indicator_archiveren,
        name="indicator_archiveren",
    ),
    path("indicatoren/<int:pk>/metingen/nieuw/", indicatoren.meting_nieuw, name="meting_nieuw"),
    path("metingen/<int:pk>/bewerken/", indicatoren.meting_bewerken, name="meting_bewerken"),
    # Schools with their schoolweging, and the VE figures.
    path("scholen/", scholen.school_lijst, name="school_lijst"),
    path("scholen/nieuw/", scholen.school_nieuw, name="school_nieuw"),
    path("scholen/<int:pk>/bewerken/", scholen.school_bewerken, name="school_bewerken"),
    path("scholen/<int:pk>/archiveren/", scholen.school_archiveren, name="school_archiveren"),
    path("scholen/<int:pk>/wegingen/nieuw/", scholen.weging_nieuw, name="weging_nieuw"),
    path("wegingen/<int:pk>/bewerken/", scholen.weging_bewerken, name="weging_bewerken"),
    path("ve-cijfers/", scholen.ve_lijst, name="ve_lijst"),
    path("ve-cijfers/nieuw/", scholen.ve_nieuw, name="ve_nieuw"),
    path("ve-cijfers/<int:pk>/bewerken/", scholen.ve_bewerken, name="ve_bewerken"),
]
