from django.urls import path

from werkgroepen.views import start

urlpatterns = [path("", start.mijn_overzicht, name="home")]
