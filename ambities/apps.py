from django.apps import AppConfig


class AmbitiesConfig(AppConfig):
    name = "ambities"
    verbose_name = "Ambities – de doelenboom"

    def ready(self) -> None:
        from ambities import export

        export.registreer()
