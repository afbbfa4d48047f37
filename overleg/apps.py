from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "overleg"
    verbose_name = "Overleg – stuurgroep, overleggen en vergaderingen"

    def ready(self) -> None:
        # tasks: registered in every process, so the services can queue them by name.
        from overleg import export, tasks  # noqa: F401
        from overleg.views import panelen

        export.export_registreer()
        panelen.panelen_registreer()
        panelen.beheer_registreer()
