from django.apps import AppConfig


class AmbitiesConfig(AppConfig):
    name = "ambities"
    verbose_name = "Ambities – de doelenboom"

    def ready(self) -> None:
        from ambities import export
        from ambities.models import Knoop
        from lea.panelen import Beheeronderdeel, Startstap, registreer_beheer, registreer_stap

        export.registreer()
        # The goal tree on the agenda's "Beheer" page, and the first step of a new agenda.
        registreer_beheer(
            Beheeronderdeel(
                titel="Doelenboom",
                url_naam="agenda_overzicht",
                volgorde=20,
                aantal=lambda agenda: Knoop.objects.filter(agenda=agenda).actief().count(),
            )
        )
        registreer_stap(
            Startstap(
                titel="Leg de doelenboom vast",
                url_naam="knoop_nieuw",
                volgorde=20,
                bewijs=lambda agenda: Knoop.objects.filter(agenda=agenda).actief().niveau1(),
            )
        )
