"""The test run's environment, set before Django reads its settings.

A pytest plugin (`-p tests.omgeving` in pyproject.toml), not part of conftest.py: pytest-django
loads the settings before it imports any conftest, and the settings refuse a weak SECRET_KEY
when DEBUG is off, as it is in the tests. So `SECRET_KEY=lea-test-sleutel pytest` keeps working:
a weak or missing key is replaced by the test key below (a test constant, not a secret).
"""

import os

from django.core.checks.security.base import _check_secret_key

TEST_SLEUTEL = "lea-testsleutel-niet-geheim-alleen-voor-tests-0123456789abcdef"

if not _check_secret_key(os.environ.get("SECRET_KEY", "")):
    os.environ["SECRET_KEY"] = TEST_SLEUTEL
# The test client and the live server speak plain http; the demo loads its public accounts.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("LEA_DEMONSTRATIE", "1")

# With several test processes (pytest-xdist, `make test`), each writes its files (reports,
# backups, uploads) in a directory of its own; the databases are kept apart by pytest-django.
_WERKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WERKER and os.environ.get("LEA_VAR_DIR"):
    os.environ["LEA_VAR_DIR"] = os.path.join(os.environ["LEA_VAR_DIR"], _WERKER)
