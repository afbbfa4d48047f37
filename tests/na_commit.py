"""What a test sees run after a commit, without the agenda's version raise."""

from collections.abc import Callable

from monitoring import versie


def eigen(callbacks: list[Callable[[], object]]) -> list[Callable[[], object]]:
    """The callbacks a change scheduled itself: every save of a model the public view reads
    also schedules `versie._verwerk` (monitoring/versie.py), and a write that bypasses save()
    the same raise through `lea.services.versie.na_commit_gewijzigd`."""
    return [
        c
        for c in callbacks
        if c is not versie._verwerk and not c.__qualname__.startswith("na_commit_gewijzigd")
    ]
