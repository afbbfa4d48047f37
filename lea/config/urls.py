"""The root URL configuration: where each app's pages hang."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lea import views
from lea.views import wachtwoord
from overleg.urls import kalender_urlpatterns
from werkgroepen.urls import start_urlpatterns

urlpatterns = [
    path("", include(start_urlpatterns)),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's password views under their standard names, with Dutch pages (lea.views.wachtwoord).
    path("wachtwoord/wijzigen/", wachtwoord.wachtwoord_wijzigen, name="password_change"),
    path("wachtwoord/gewijzigd/", wachtwoord.wachtwoord_gewijzigd, name="password_change_done"),
    path("wachtwoord/vergeten/", wachtwoord.wachtwoord_vergeten, name="password_reset"),
    path(
        "wachtwoord/vergeten/verstuurd/",
        wachtwoord.wachtwoord_vergeten_verstuurd,
        name="password_reset_done",
    ),
    path(
        "wachtwoord/herstellen/<uidb64>/<token>/",
        wachtwoord.wachtwoord_herstellen,
        name="password_reset_confirm",
    ),
    path("wachtwoord/hersteld/", wachtwoord.wachtwoord_hersteld, name="password_reset_complete"),
    path("meldingen/", views.meldingen, name="meldingen"),
    path("meldingen/<int:pk>/", views.melding_open, name="melding_open"),
    path("", include("lea.urls")),
    path("beheer/", admin.site.urls),
    path("agenda/<slug:slug>/knopen/", include("ambities.urls")),
    path("agenda/<slug:slug>/overleg/", include("overleg.urls")),
    path("agenda/<slug:slug>/monitoring/", include("monitoring.urls")),
    path("kalender/", include(kalender_urlpatterns)),
    # The public view of a published agenda: no login, no session.
    path("openbaar/", include("monitoring.openbaar.urls")),
    path("agenda/<slug:slug>/", include("werkgroepen.urls")),
]
