from django.urls import path

from monitoring.views import cijfers, rapportage

urlpatterns = [
    path("rapporten/", rapportage.rapporten, name="rapporten"),
    path("rapporten/<int:pk>/", rapportage.rapport_status, name="rapport_status"),
    path("rapporten/<int:pk>/download/", rapportage.rapport_download, name="rapport_download"),
    path("rapporten/<int:pk>/opnieuw/", rapportage.rapport_opnieuw, name="rapport_opnieuw"),
    path(
        "verantwoording/<int:pk>/",
        rapportage.verantwoording_status,
        name="verantwoording_status",
    ),
    path("begroting/", cijfers.begroting, name="begroting"),
    path("indicatoren/", cijfers.indicatoren, name="indicatoren"),
]
