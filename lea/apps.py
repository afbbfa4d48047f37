from django.apps import AppConfig


class LeaConfig(AppConfig):
    name = "lea"
    verbose_name = "LEA – agenda's, partners en rollen"

    def ready(self) -> None:
        from lea import export, panelen
        from lea.views import wachtrij_paneel

        export.registreer()
        panelen.registreer("dashboard", wachtrij_paneel)
