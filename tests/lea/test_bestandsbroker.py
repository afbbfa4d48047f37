"""The embedded broker (no server): a worker never sees a message before it is whole."""

import base64
import json
import os
import uuid

import pytest
from kombu import Connection

from lea.config import bestandsbroker


@pytest.fixture
def verbinding(tmp_path):
    opties = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        "control_folder": str(tmp_path / "control"),
        "store_processed": False,
    }
    (tmp_path / "control").mkdir()
    with Connection(
        "filesystem://", transport=bestandsbroker.Transport, transport_options=opties
    ) as verbinding:
        yield verbinding


# Each test declares a queue of its own name: kombu remembers the queues declared in a
# process, and would not bind one again in another test's folder.


def test_a_message_goes_through_and_leaves_no_file_behind(verbinding, tmp_path):
    wachtrij = verbinding.SimpleQueue(f"proef-{uuid.uuid4()}")
    wachtrij.put({"actie": 42, "tekst": "één"})
    bericht = wachtrij.get(timeout=1)
    bericht.ack()
    assert bericht.payload == {"actie": 42, "tekst": "één"}
    assert [n for n in os.listdir(tmp_path) if n != "control"] == []
    wachtrij.close()


def test_while_a_message_is_written_no_queue_can_see_it(verbinding, tmp_path, monkeypatch):
    """What a worker listing the folder finds at the moment before the rename: no message
    file of any queue, and the message complete under a name no queue reads."""
    gezien: list[tuple[list[str], bytes]] = []
    vervang = os.replace

    def kijk_en_vervang(bron, doel):
        namen = sorted(n for n in os.listdir(tmp_path) if n != "control")
        gezien.append((namen, open(bron, "rb").read()))  # noqa: SIM115
        vervang(bron, doel)

    monkeypatch.setattr(bestandsbroker.os, "replace", kijk_en_vervang)
    wachtrij = verbinding.SimpleQueue(f"proef-{uuid.uuid4()}")
    wachtrij.put({"groot": "x" * 100_000})

    [(namen, inhoud)] = gezien
    assert not any(naam.endswith(".msg") for naam in namen)
    assert all(naam.startswith(".") for naam in namen)
    body = json.loads(inhoud)["body"]  # whole: the JSON ends, its body decodes
    assert json.loads(base64.b64decode(body)) == {"groot": "x" * 100_000}
    assert wachtrij.get(timeout=1).payload == {"groot": "x" * 100_000}
    wachtrij.close()


def test_the_default_broker_uses_this_transport(settings):
    from lea.config.celery import app

    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        pytest.skip("CI's broker is Redis")
    with app.connection_for_write() as verbinding:
        assert isinstance(verbinding.transport, bestandsbroker.Transport)
