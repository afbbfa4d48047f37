from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "overleg"
    verbose_name = "Overleg – stuurgroep, overleggen en vergaderingen"

    def ready(self) -> None:
        from overleg import export, panelen

        export.registreer()
        panelen.registreer()
