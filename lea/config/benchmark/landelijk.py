"""Placeholder, replaced by the real landelijk benchmark."""

from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper


def argumenten(parser: CommandParser) -> None:
    pass


def voer_uit(stdout: OutputWrapper, **opties: Any) -> None:
    raise CommandError("landelijk: nog niet gebouwd")
