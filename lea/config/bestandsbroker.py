"""The broker that needs no server (the embedded default, `filesystem://`), with each message
written whole before a worker can see it.

kombu's filesystem transport creates a message's file under its final name and only then
locks it and writes it; a worker that lists the folder in between takes an empty file and
dies on it (JSONDecodeError). Here a message is written under a name no queue reads (it
starts with a dot) and renamed to its final name once complete: a rename within a folder is
atomic, so a worker sees the whole message or none.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from contextlib import suppress
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    # kombu names the message "message" in its base and "payload" here: as the transport does.
    def _put(self, queue: str, payload: Any, **kwargs: Any) -> None:  # type: ignore[override]
        naam = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        map_ = self.data_folder_out
        try:
            fd, tijdelijk = tempfile.mkstemp(prefix=".", suffix=".schrijven", dir=map_)
            try:
                with os.fdopen(fd, "wb") as bestand:
                    bestand.write(dumps(payload).encode())
                os.replace(tijdelijk, os.path.join(map_, naam))
            except BaseException:
                with suppress(OSError):  # the original error is the one to report
                    os.remove(tijdelijk)
                raise
        except OSError as exc:
            raise ChannelError(f"Cannot add file {naam!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
