"""Settings for LEA, driven by environment variables (see the README's configuration table).

Nothing here exists only in production: the embedded defaults (SQLite, the filesystem
broker) are the same code paths with other URLs.
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from lea.config.env import env_bool, env_int, env_list, env_proxy_header, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(env_str("LEA_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt. Zet SECRET_KEY in de omgeving (verplicht als DEBUG uit staat)."
        )
    SECRET_KEY = "onveilig-alleen-voor-ontwikkeling"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # django.contrib.admin, with LEA's site (lea/beheer.py) as admin.site.
    "lea.config.apps.BeheerConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "csp",
    "simple_history",
    # The second factor (lea/tweede_factor.py): django-otp, its TOTP and backup-code plugins.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "lea",
    "ambities",
    "werkgroepen",
    "overleg",
    "monitoring",
    "lea.config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so static files get the same headers as pages.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lea.config.middleware.SessieVerloopMiddleware",
    # No page before the second factor; after the idle logout, so a logged-out user is not sent.
    "lea.config.tweede_factor.TweedeFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the Dutch 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lea.config.urls"
WSGI_APPLICATION = "lea.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Compiled templates are kept per process (Django reloads them in development).
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lea.views.ongelezen",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded default (a SQLite file under var/).
_default_db = f"sqlite:///{VAR_DIR / 'lea.sqlite3'}"
_database_url = env_str("DATABASE_URL") or _default_db
try:
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL={_database_url!r} is ongeldig: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME") or None}
# The login query of every request as a prepared statement (PostgreSQL; lea/inloggen.py). Off
# (0) behind a connection pooler that does not keep prepared statements (PgBouncer in
# transaction mode before 1.21).
LEA_VOORBEREIDE_QUERIES = env_bool("LEA_VOORBEREIDE_QUERIES", default=True)
if LEA_VOORBEREIDE_QUERIES and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # psycopg prepares then what is asked to be (Django switches it off); never a query by
    # itself: Django's cursors bind on the client, which psycopg never prepares.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 10**9)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's four validators, for the change page, the reset link and an invitation alike: at
# least 12 characters (ASVS 2.1.1), not like the username or address, not a common password,
# not only digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's MinimumLengthValidator with its error message in Dutch.
        "NAME": "lea.inloggen.MinimaleLengte",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's ModelBackend with django-axes' check in front: a locked-out account or address is
# refused before the password is checked.
AUTHENTICATION_BACKENDS = ["lea.inloggen.InlogBlokkadeBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Off: years and ids must not read "2.026"; amounts get an explicit euro filter.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "static")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed, not hashed: `{% static %}` then works without a collectstatic run, the
    # same in tests, development and production.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: the console backend in development unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "LEA <lea@localhost>")
# The address of this installation, for links in e-mails and calendar feeds. `make run` sets it
# to the address it serves on; a production installation must set it (check --deploy says so).
LEA_BASIS_URL_GEZET = bool(env_str("LEA_BASIS_URL"))
LEA_BASIS_URL = env_str("LEA_BASIS_URL", "http://127.0.0.1:8000").rstrip("/")
# A demonstration installation: `manage.py demo` may then create its accounts with their
# published password even with DEBUG off.
LEA_DEMONSTRATIE = env_bool("LEA_DEMONSTRATIE", default=False)

# --- The second factor (django-otp; lea/tweede_factor.py, lea.config.tweede_factor) ----------
# Required of superusers and staff, functioneel beheerders and beheerders while on. `make run`
# switches it off so the demo accounts log in with their password alone; `check --deploy` warns
# when it is off with DEBUG off (lea.W001). A login with an app is asked its code either way.
LEA_TWEEDE_FACTOR_VERPLICHT = env_bool("LEA_TWEEDE_FACTOR_VERPLICHT", default=True)
OTP_TOTP_ISSUER = "LEA"
# --- end of the second factor ---------------------------------------------------------------

# --- logging in, passwords, the audit log and limits (SECURITY.md) ---------------------------
# How many proxies in front of LEA append to X-Forwarded-For. 0: the address is REMOTE_ADDR;
# N: the N-th entry from the right of X-Forwarded-For (what the outermost trusted proxy saw).
# One rule for the audit log and the lockout (lea.services.audit.adres_van). Default: one
# proxy when SECURE_PROXY_SSL_HEADER says a proxy terminates TLS, else none.
LEA_VERTROUWDE_PROXIES = env_int(
    "LEA_VERTROUWDE_PROXIES", 1 if env_str("SECURE_PROXY_SSL_HEADER") else 0, maximum=5
)
# Lockout (django-axes): after LEA_INLOG_POGINGEN failed logins for one username, or from one
# address, further attempts are refused for LEA_INLOG_BLOKKADE_MINUTEN after the last one. The
# admin's login goes through the same authenticate(), so it is covered.
AXES_FAILURE_LIMIT = env_int("LEA_INLOG_POGINGEN", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env_int("LEA_INLOG_BLOKKADE_MINUTEN", 15, minimum=1, maximum=24 * 60)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "lea.inloggen.geblokkeerd"
AXES_CLIENT_IP_CALLABLE = "lea.services.audit.adres_van"
# Logins are kept in LEA's own audit log, with its retention; axes keeps only the attempts.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The audit log (lea.models.Auditregel) is kept this many days; beat deletes older rows.
LEA_AUDIT_BEWAARTERMIJN_DAGEN = env_int(
    "LEA_AUDIT_BEWAARTERMIJN_DAGEN", 365, minimum=1, maximum=3650
)
# Per user per hour (lea.services.limiet): reports requested, agendas sent, invitations sent.
LEA_LIMIET_RAPPORTEN = env_int("LEA_LIMIET_RAPPORTEN", 10, minimum=1, maximum=10_000)
LEA_LIMIET_VERZENDINGEN = env_int("LEA_LIMIET_VERZENDINGEN", 10, minimum=1, maximum=10_000)
LEA_LIMIET_UITNODIGINGEN = env_int("LEA_LIMIET_UITNODIGINGEN", 50, minimum=1, maximum=10_000)
# Per client address per minute: requests to the public view /openbaar/ (pages, open data).
LEA_OPENBAAR_PER_MINUUT = env_int("LEA_OPENBAAR_PER_MINUUT", 300, minimum=1, maximum=100_000)
# How long an expensive part of a logged-in page is kept (lea/paginacache.py): any change to
# its agenda makes it anew at once; this only bounds how long a layout from before an update of
# the application stays. 0 turns the cache of those parts off.
LEA_PAGINACACHE_SECONDEN = env_int("LEA_PAGINACACHE_SECONDEN", 900, minimum=0, maximum=86_400)

# Cache: CACHE_URL (redis://host:port/db) in production, shared by every web process, and
# then sessions are read from it too (written through to the database). By default a cache in
# local memory per process, with sessions in the database only: a per-process session cache
# would keep a session alive in one process after a logout in another.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(
        f"CACHE_URL={CACHE_URL!r} wordt niet ondersteund; gebruik redis://host:poort/db "
        "of laat hem leeg (cache in het geheugen van elk proces)."
    )
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "lea",
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lea"}
}
if CACHE_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Celery: CELERY_BROKER_URL, or the filesystem transport under var/ so trying the app
# needs no Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "filesystem://"
if not CELERY_BROKER_URL.startswith(("filesystem://", "redis://", "rediss://", "memory://")):
    raise ImproperlyConfigured(
        f"CELERY_BROKER_URL={CELERY_BROKER_URL!r} wordt niet ondersteund; "
        "gebruik redis://host:poort/db of laat hem leeg (bestandsbroker onder var/)."
    )
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # Every folder the transport writes, its exchange table ("control") included, lies
    # under var/; the wiring's AppConfig creates them at start-up (lea/config/apps.py).
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    # kombu's own filesystem transport lets a worker read a message half written.
    CELERY_BROKER_TRANSPORT = "lea.config.bestandsbroker:Transport"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every layout step at INFO; django-axes every login.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "axes")},
}

# A key that Django's deploy check calls weak (security.W009, with Django's own limits) stops
# start-up with DEBUG off. Checked last, so a bad value elsewhere is reported by name first.
_SLEUTEL_ZWAK = (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
)
if not DEBUG and _SLEUTEL_ZWAK:
    raise ImproperlyConfigured(
        f"SECRET_KEY is te zwak: gebruik minstens {SECRET_KEY_MIN_LENGTH} tekens, waarvan "
        f"minstens {SECRET_KEY_MIN_UNIQUE_CHARACTERS} verschillende, en niet het voorvoegsel "
        f"'{SECRET_KEY_INSECURE_PREFIX}'. Maak een sleutel met: python -c 'from "
        "django.core.management.utils import get_random_secret_key; "
        "print(get_random_secret_key())'"
    )

# With DEBUG off https is on, everywhere; a variable switches one part off on purpose (e.g.
# SECURE_SSL_REDIRECT=0 when the proxy in front terminates TLS and redirects itself).
SECURE_SSL_REDIRECT = not DEBUG and env_bool("SECURE_SSL_REDIRECT", default=True)
# Behind a reverse proxy that terminates TLS: "HTTP_X_FORWARDED_PROTO,https". Only set it when
# the proxy always sets (or strips) that header; otherwise a client could claim https itself.
SECURE_PROXY_SSL_HEADER = env_proxy_header("SECURE_PROXY_SSL_HEADER")
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31_536_000, maximum=63_072_000)
# includeSubDomains covers the names under LEA's own host name (*.lea.gemeente.nl), not the
# municipality's other sites; switch it off when LEA runs on a bare domain.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# An editor's session lasts a working day at most and ends after an idle hour (both enforced
# by lea.config.middleware.SessieVerloopMiddleware), and when the browser closes.
SESSION_COOKIE_AGE = 9 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_MINUTEN = env_int(
    "SESSION_IDLE_MINUTEN", 60, minimum=1, maximum=SESSION_COOKIE_AGE // 60
)


# Only our own static files: no inline script, no eval (htmx is configured for that in
# templates/base.html), no inline <style> and no style attribute (tests/lea/test_beveiliging.py
# fails when a page shows one).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its icons (menu, select arrow, check marks) as data: SVG.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features LEA never uses are off, for every frame.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    functie: []
    for functie in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
