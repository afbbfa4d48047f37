from django.urls import path

from ambities import views

urlpatterns = [
    path("nieuw/", views.knoop_nieuw, name="knoop_nieuw"),
    path("<int:pk>/bewerken/", views.knoop_bewerken, name="knoop_bewerken"),
    path("<int:pk>/archiveren/", views.knoop_archiveren, name="knoop_archiveren"),
]
