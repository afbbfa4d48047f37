from django.apps import AppConfig


class WerkgroepenConfig(AppConfig):
    name = "werkgroepen"
    verbose_name = "Werkgroepen en acties"

    def ready(self) -> None:
        from ambities.services import registreer_archiveerblokkade
        from lea.models import Rol
        from lea.panelen import Beheeronderdeel, Startstap, registreer_beheer, registreer_stap
        from lea.toegang import registreer_rolbron
        from werkgroepen import export, werkboek
        from werkgroepen.models import Actie, Werkgroep
        from werkgroepen.selectors import acties_onder_knoop
        from werkgroepen.toegang import voorzitterschappen

        export.registreer()
        # The Acties and Voortgang sheets of the agenda workbook (lea.werkboek), in that order.
        werkboek.registreer()
        # A node with active actions under it is not archived.
        registreer_archiveerblokkade(acties_onder_knoop)
        # Chairing a werkgroep makes one its agenda's werkgroepvoorzitter.
        registreer_rolbron(voorzitterschappen, Rol.WERKGROEPVOORZITTER)

        # What the beheerder maintains here, and the steps of a new agenda's checklist.
        registreer_beheer(
            Beheeronderdeel(
                titel="Werkgroepen",
                url_naam="werkgroep_lijst",
                volgorde=30,
                aantal=lambda agenda: Werkgroep.objects.filter(agenda=agenda).actief().count(),
            )
        )
        registreer_beheer(
            Beheeronderdeel(
                titel="Acties",
                url_naam="actie_lijst",
                volgorde=31,
                aantal=lambda agenda: Actie.objects.filter(agenda=agenda).actief().count(),
            )
        )
        registreer_stap(
            Startstap(
                titel="Maak een werkgroep met een voorzitter",
                url_naam="werkgroep_lijst",
                volgorde=30,
                bewijs=lambda agenda: Werkgroep.objects.filter(
                    agenda=agenda, voorzitter__isnull=False
                ).actief(),
            )
        )
        registreer_stap(
            Startstap(
                titel="Zet de eerste acties klaar",
                url_naam="actie_nieuw",
                volgorde=31,
                bewijs=lambda agenda: Actie.objects.filter(agenda=agenda).actief(),
            )
        )
