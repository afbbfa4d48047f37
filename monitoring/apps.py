from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring, begroting en verantwoording"

    def ready(self) -> None:
        from monitoring import export, export_cijfers, panelen

        export.registreer()
        export_cijfers.registreer()
        panelen.registreer()
