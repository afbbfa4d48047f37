from django.urls import path

from overleg.views import organen

urlpatterns = [
    path("orgaan/<uuid:token>.ics", organen.orgaan_ics, name="orgaan_ics"),
    path("persoon/<uuid:token>.ics", organen.persoon_ics, name="persoon_ics"),
]
