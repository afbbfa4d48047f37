from django.apps import AppConfig


class WerkgroepenConfig(AppConfig):
    name = "werkgroepen"
    verbose_name = "Werkgroepen en acties"

    def ready(self) -> None:
        from ambities.services import registreer_archiveerblokkade
        from lea.models import Rol
        from lea.toegang import registreer_rolbron
        from werkgroepen import export
        from werkgroepen.selectors import acties_onder_knoop
        from werkgroepen.toegang import voorzitterschappen

        export.registreer()
        # A node with active actions under it is not archived.
        registreer_archiveerblokkade(acties_onder_knoop)
        # Chairing a werkgroep makes one its agenda's werkgroepvoorzitter.
        registreer_rolbron(voorzitterschappen, Rol.WERKGROEPVOORZITTER)
