from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "overleg"
    verbose_name = "Overleg – stuurgroep, overleggen en vergaderingen"

    def ready(self) -> None:
        # tasks: registered in every process, so the services can queue them by name.
        from django.db.models.signals import post_delete

        from overleg import export, tasks  # noqa: F401
        from overleg.models import Vergaderdocument
        from overleg.services.pdf import bestand_verwijder
        from overleg.views import panelen

        # A deleted meeting document (its meeting or agenda deleted too) leaves no file behind.
        post_delete.connect(bestand_verwijder, sender=Vergaderdocument)
        export.export_registreer()
        panelen.panelen_registreer()
        panelen.beheer_registreer()
