from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring, begroting en verantwoording"

    def ready(self) -> None:
        from lea import panelen
        from monitoring import export, versie, werkboek
        from monitoring.models import Begrotingspost, Indicator, School, VeCijfers
        from monitoring.selectors import geldvoorstellen_acties
        from monitoring.views.panelen import dashboard_paneel
        from werkgroepen.selectors import registreer_geldvoorstel

        export.registreer()
        versie.volg()
        werkboek.registreer()
        panelen.registreer("dashboard", dashboard_paneel)
        # What the beheerder maintains here, on the agenda's "Beheer" page (monitoring: 50-59).
        for titel, url_naam, volgorde, aantal in (
            (
                "Indicatoren",
                "indicatoren",
                50,
                lambda a: Indicator.objects.filter(agenda=a, gearchiveerd=False).count(),
            ),
            (
                "Scholen",
                "school_lijst",
                51,
                lambda a: School.objects.filter(agenda=a, gearchiveerd=False).count(),
            ),
            ("VE-cijfers", "ve_lijst", 52, lambda a: VeCijfers.objects.filter(agenda=a).count()),
            (
                "Begroting",
                "begroting",
                53,
                lambda a: Begrotingspost.objects.filter(
                    begroting__agenda=a, gearchiveerd=False
                ).count(),
            ),
        ):
            panelen.registreer_beheer(
                panelen.Beheeronderdeel(
                    titel=titel, url_naam=url_naam, volgorde=volgorde, aantal=aantal
                )
            )
        panelen.registreer_stap(
            panelen.Startstap(
                titel="Leg indicatoren vast",
                url_naam="indicator_nieuw",
                volgorde=50,
                bewijs=lambda a: Indicator.objects.filter(agenda=a),
            )
        )
        # The money RAG a progress update proposes, from the action's budget lines.
        registreer_geldvoorstel(geldvoorstellen_acties)
