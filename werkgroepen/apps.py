from django.apps import AppConfig


class WerkgroepenConfig(AppConfig):
    name = "werkgroepen"
    verbose_name = "Werkgroepen en acties"

    def ready(self) -> None:
        from werkgroepen import export

        export.registreer()
