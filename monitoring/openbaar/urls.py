"""The public view's URLs, under /openbaar/ (lea/config/urls.py)."""

from django.urls import path

from monitoring.openbaar import views

urlpatterns = [
    path("<slug:slug>/", views.agenda, name="openbaar_agenda"),
    path("<slug:slug>/rapporten/<int:pk>.pdf", views.rapport, name="openbaar_rapport"),
]
