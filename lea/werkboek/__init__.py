"""An agenda as one Excel workbook: export, a preview of an import, and an all-or-nothing apply.

Each app registers its sheets (`registreer(Blad(...))`) from its AppConfig.ready, as it
registers its sections of the JSON document; the core writes and reads the file with openpyxl
and knows no app. A sheet says what its columns are, gives its rows for the export, and reads
rows back into `Regel`s: what would happen to each row (new, changed cell by cell, unchanged,
an error with its column), with the write to do in `pas_toe`. Reading never writes; applying
reads again inside one transaction and refuses when anything is wrong or the outcome is not
the preview the user saw.

`basis` holds the words, `rijen` what sheets share when they read rows, `schrijven` the
export, `lezen` the preview, `toepassen` the apply.
"""

from lea.werkboek.basis import *  # noqa: F403
from lea.werkboek.basis import _BLADEN  # noqa: F401  (tests register a sheet of their own)
from lea.werkboek.lezen import *  # noqa: F403
from lea.werkboek.rijen import *  # noqa: F403
from lea.werkboek.schrijven import *  # noqa: F403
from lea.werkboek.toepassen import *  # noqa: F403
