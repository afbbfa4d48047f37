"""Strict readers for environment variables: a bad value stops start-up with a clear message."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "ja", "waar"}
_FALSE = {"0", "false", "no", "off", "nee", "onwaar", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is geen geldige ja/nee-waarde; gebruik 1/0, true/false of ja/nee."
    )


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int = 65535) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is geen geheel getal.") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name}={value} ligt niet tussen {minimum} en {maximum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_proxy_header(name: str) -> tuple[str, str] | None:
    """A header and the value that means https, e.g. "HTTP_X_FORWARDED_PROTO,https"."""
    raw = env_str(name)
    if not raw:
        return None
    delen = [deel.strip() for deel in raw.split(",")]
    if len(delen) != 2 or not delen[0].startswith("HTTP_") or not delen[1]:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is ongeldig; gebruik HEADER,waarde, bv. HTTP_X_FORWARDED_PROTO,https."
        )
    return delen[0], delen[1]
