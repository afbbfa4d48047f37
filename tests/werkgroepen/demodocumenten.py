"""The five demo agendas as their JSON documents (fixtures/agendas/), for tests that compare
what LEA reads with what a document says."""

import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings

FIXTURES = sorted((Path(settings.BASE_DIR) / "fixtures" / "agendas").glob("*.json"))


def document(pad: Path) -> dict[str, Any]:
    return json.loads(pad.read_text(encoding="utf-8"))


def demo_document(slug: str) -> dict[str, Any]:
    return document(Path(settings.BASE_DIR) / "fixtures" / "agendas" / f"{slug}.json")


def datum(waarde: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(waarde) if waarde else None
