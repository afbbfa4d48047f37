from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring, begroting en verantwoording"

    def ready(self) -> None:
        from lea import panelen
        from monitoring import export
        from monitoring.views.panelen import dashboard_paneel

        export.registreer()
        panelen.registreer("dashboard", dashboard_paneel)
