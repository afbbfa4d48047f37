from django.apps import AppConfig


class LeaConfig(AppConfig):
    name = "lea"
    verbose_name = "LEA – agenda's, partners en rollen"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from simple_history.signals import pre_create_historical_record

        from lea import export, panelen, werkboek
        from lea.models import Lidmaatschap, Organisatie, Persoon, registreer_m2m_bewaking
        from lea.services import audit
        from lea.views import wachtrij_paneel
        from lea.views.beheer import aan_de_slag_paneel, uitgenodigden

        export.registreer()
        # The audit log of logins; axes' own receivers are connected first (INSTALLED_APPS
        # order), so a refused attempt is already marked when bij_mislukte_login runs.
        user_logged_in.connect(audit.bij_login, dispatch_uid="lea_audit_login")
        user_logged_out.connect(audit.bij_logout, dispatch_uid="lea_audit_logout")
        user_login_failed.connect(audit.bij_mislukte_login, dispatch_uid="lea_audit_mislukt")
        user_locked_out.connect(audit.bij_blokkade, dispatch_uid="lea_audit_blokkade")
        pre_create_historical_record.connect(werkboek.reden_in_historie)
        registreer_m2m_bewaking()
        panelen.registreer("dashboard", aan_de_slag_paneel)
        panelen.registreer("dashboard", wachtrij_paneel)
        for onderdeel in (
            panelen.Beheeronderdeel(
                titel="Organisaties",
                url_naam="organisatie_lijst",
                volgorde=11,
                aantal=lambda agenda: Organisatie.objects.actief().filter(agenda=agenda).count(),
            ),
            panelen.Beheeronderdeel(
                titel="Personen",
                url_naam="persoon_lijst",
                volgorde=12,
                aantal=lambda agenda: Persoon.objects.actief().filter(agenda=agenda).count(),
            ),
            panelen.Beheeronderdeel(
                titel="Rollen en logins",
                url_naam="rol_lijst",
                volgorde=13,
                aantal=lambda agenda: Lidmaatschap.objects.actief().filter(agenda=agenda).count(),
            ),
        ):
            panelen.registreer_beheer(onderdeel)
        panelen.registreer_stap(
            panelen.Startstap(
                titel="Nodig mensen uit",
                url_naam="rol_nieuw",
                volgorde=15,
                bewijs=uitgenodigden,
            )
        )
