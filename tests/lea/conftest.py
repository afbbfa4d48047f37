"""Fixtures of the core's tests."""

import pytest

from lea import werkboek
from tests.lea import werkboekproef


@pytest.fixture
def testblad():
    """A workbook sheet of organisations, registered for this test only (the real sheets are
    tested in their apps)."""
    blad = werkboekproef.blad()
    werkboek._BLADEN.append(blad)
    yield blad
    werkboek._BLADEN.remove(blad)
