from django.urls import path

from werkgroepen import views

urlpatterns = [
    path("", views.agenda_overzicht, name="agenda_overzicht"),
]
