"""Placeholder, replaced by the real belasting benchmark."""

from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper


def argumenten(parser: CommandParser) -> None:
    pass


def voer_uit(stdout: OutputWrapper, **opties: Any) -> None:
    raise CommandError("belasting: nog niet gebouwd")
