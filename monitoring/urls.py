from django.urls import path

from monitoring import views

urlpatterns = [
    path("rapporten/", views.rapporten, name="rapporten"),
    path("rapporten/<int:pk>/", views.rapport_status, name="rapport_status"),
    path("rapporten/<int:pk>/download/", views.rapport_download, name="rapport_download"),
    path("rapporten/<int:pk>/opnieuw/", views.rapport_opnieuw, name="rapport_opnieuw"),
    path("verantwoording/<int:pk>/", views.verantwoording_status, name="verantwoording_status"),
    path("begroting/", views.begroting, name="begroting"),
    path("indicatoren/", views.indicatoren, name="indicatoren"),
]
