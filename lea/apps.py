from django.apps import AppConfig


class LeaConfig(AppConfig):
    name = "lea"
    verbose_name = "LEA – agenda's, partners en rollen"

    def ready(self) -> None:
        from lea import export

        export.registreer()
