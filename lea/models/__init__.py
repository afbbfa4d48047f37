"""The core's models: `kern` (agenda, organisations, people, roles, the outbox), `meldingen`
(notifications and e-mail preferences), `publicatie` (the public view), `versie` (each agenda's
content version, for the page cache), `werkboek` (a kept Excel import) and `beveiliging`
(the audit log)."""

from lea.models.beveiliging import *  # noqa: F403
from lea.models.kern import *  # noqa: F403
from lea.models.meldingen import *  # noqa: F403
from lea.models.publicatie import *  # noqa: F403
from lea.models.versie import *  # noqa: F403
from lea.models.werkboek import *  # noqa: F403
