from django.apps import AppConfig


class LeaConfig(AppConfig):
    name = "lea"
    verbose_name = "LEA – agenda's, partners en rollen"

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from lea import export, panelen, werkboek
        from lea.models import Lidmaatschap, Organisatie, Persoon, registreer_m2m_bewaking
        from lea.views import wachtrij_paneel
        from lea.views.beheer import aan_de_slag_paneel, mensen_uitgenodigd

        export.registreer()
        pre_create_historical_record.connect(werkboek.reden_in_historie)
        registreer_m2m_bewaking()
        panelen.registreer("dashboard", aan_de_slag_paneel)
        panelen.registreer("dashboard", wachtrij_paneel)
        for onderdeel in (
            panelen.Beheeronderdeel(
                titel="Organisaties",
                url_naam="organisatie_lijst",
                volgorde=11,
                aantal=lambda agenda: Organisatie.objects.actief().filter(agenda=agenda).count(),
            ),
            panelen.Beheeronderdeel(
                titel="Personen",
                url_naam="persoon_lijst",
                volgorde=12,
                aantal=lambda agenda: Persoon.objects.actief().filter(agenda=agenda).count(),
            ),
            panelen.Beheeronderdeel(
                titel="Rollen en logins",
                url_naam="rol_lijst",
                volgorde=13,
                aantal=lambda agenda: Lidmaatschap.objects.actief().filter(agenda=agenda).count(),
            ),
        ):
            panelen.registreer_beheer(onderdeel)
        panelen.registreer_stap(
            panelen.Startstap(
                titel="Nodig mensen uit",
                url_naam="rol_nieuw",
                volgorde=15,
                gedaan=mensen_uitgenodigd,
            )
        )
