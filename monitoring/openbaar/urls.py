"""The public view's URLs, under /openbaar/ (lea/config/urls.py). They are published to
readers of the open data and to municipal websites that embed them: keep them stable."""

from django.urls import path

from monitoring.openbaar import opendata, views

urlpatterns = [
    path(opendata.SCHEMA_PAD.removeprefix("/openbaar/"), views.schema, name="openbaar_schema"),
    path("<slug:slug>/", views.agenda, name="openbaar_agenda"),
    path("<slug:slug>/data/", views.data, name="openbaar_data"),
    path("<slug:slug>/data/agenda.json", views.als_json, name="openbaar_json"),
    path("<slug:slug>/data/<slug:naam>.csv", views.als_csv, name="openbaar_csv"),
    path("<slug:slug>/doelen/<int:knoop>/inbedden/", views.inbedden, name="openbaar_inbedden"),
    path("<slug:slug>/rapporten/<int:pk>.pdf", views.rapport, name="openbaar_rapport"),
]
