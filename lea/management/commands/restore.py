"""python manage.py restore FILE.tar.gz: a backup (see backup.py) into an empty installation.

Empty means migrated, with no user accounts and no agendas. The archive is checked before
anything changes: it must be a `lea-backup` of a known version, made on the same migrations, and
every part must have the size and sha256 its manifest gives. The files are unpacked into a
folder inside MEDIA_ROOT first; then the rows are loaded in one transaction, the foreign keys
and the row counts are checked, PostgreSQL's sequences are reset, and the files are moved into
place. Whatever fails, the database and MEDIA_ROOT are left as they were.

There is deliberately no option to overwrite a database that holds data: mixing a live
installation with a backup cannot be undone, and emptying it first is a decision to take
separately (a new database, or `python manage.py flush`).
"""

import gzip
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction

from lea.management.commands.backup import (
    BLOK,
    DATABASE,
    FORMAAT,
    HERSTELMAP,
    MANIFEST,
    MEDIA,
    VERSIE,
    Hasher,
    media_root,
    migraties,
    modellen,
    tabellen,
    tellingen,
    tussentabellen,
)
from lea.models import Agenda
from lea.services.versie import agenda_gewijzigd

NIETS = "Er is niets veranderd."
SHA256 = re.compile(r"[0-9a-f]{64}")


def _geen_backup(bestand: Path, reden: str) -> CommandError:
    return CommandError(f"{bestand} is geen LEA-backup ({reden}). {NIETS}")


def _beschadigd(bestand: Path, reden: str) -> CommandError:
    return CommandError(f"De backup {bestand} is beschadigd of onvolledig: {reden}. {NIETS}")


def _veilig_pad(pad: Any) -> bool:
    """A relative path inside MEDIA_ROOT, written the one normal way (no '..', no '/x')."""
    if not isinstance(pad, str) or not pad:
        return False
    delen = PurePosixPath(pad).parts
    return (
        str(PurePosixPath(pad)) == pad
        and not pad.startswith("/")
        and ".." not in delen
        and not delen[0].startswith(HERSTELMAP)
    )


def _onderdeel(info: Any) -> bool:
    return (
        isinstance(info, dict)
        and isinstance(info.get("grootte"), int)
        and isinstance(info.get("sha256"), str)
        and bool(SHA256.fullmatch(info["sha256"]))
    )


def manifest_lees(tar: tarfile.TarFile, bestand: Path) -> tuple[tarfile.TarInfo, dict[str, Any]]:
    """The archive's first member, checked to be a LEA manifest of a version this code reads."""
    lid = tar.next()
    if lid is None or lid.name != MANIFEST or not lid.isfile() or lid.size > 64 * BLOK:
        raise _geen_backup(bestand, f"{MANIFEST} ontbreekt vooraan")
    bron = tar.extractfile(lid)
    try:
        manifest = json.loads(bron.read() if bron else b"")
    except ValueError:
        raise _geen_backup(bestand, f"{MANIFEST} is geen geldig JSON") from None
    if not isinstance(manifest, dict) or manifest.get("formaat") != FORMAAT:
        raise _geen_backup(bestand, f"het manifest noemt geen formaat {FORMAAT!r}")
    if manifest.get("versie") != VERSIE:
        raise CommandError(
            f"De backup {bestand} heeft formaatversie {manifest.get('versie')!r}; deze versie van "
            f"LEA kan alleen formaatversie {VERSIE} herstellen. {NIETS}"
        )
    rijen, bestanden = manifest.get("rijen"), manifest.get("bestanden")
    gegevens = manifest.get("gegevens")
    if not (
        isinstance(manifest.get("migraties"), list)
        and isinstance(rijen, dict)
        and all(isinstance(n, int) and n >= 0 for n in rijen.values())
        and _onderdeel(gegevens)
        and isinstance(gegevens, dict)
        and gegevens.get("pad") == DATABASE
        and isinstance(bestanden, list)
        and all(_onderdeel(b) and _veilig_pad(b.get("pad")) for b in bestanden)
        and len({b["pad"] for b in bestanden}) == len(bestanden)
    ):
        raise _beschadigd(bestand, "het manifest is onvolledig of ongeldig")
    return lid, manifest


def installatie_controleer(manifest: dict[str, Any], using: str) -> None:
    """Refuse unless this installation is empty, on the same migrations, with no file in the way."""
    hier, daar = set(migraties(using)), set(manifest["migraties"])
    if not hier:
        raise CommandError(f"De database is nog niet ingericht: voer eerst `migrate` uit. {NIETS}")
    if hier != daar:
        verschil = [f"alleen in de backup: {m}" for m in sorted(daar - hier)]
        verschil += [f"alleen hier: {m}" for m in sorted(hier - daar)]
        raise CommandError(
            f"De backup is gemaakt met LEA {manifest.get('lea_versie', '?')} op andere migraties "
            f"dan deze installatie ({'; '.join(verschil[:5])}). Herstel met de LEA-versie "
            f"waarmee de backup is gemaakt en werk daarna bij (`migrate`). {NIETS}"
        )
    gebruikers = get_user_model()._base_manager.using(using).count()
    agendas = Agenda._base_manager.using(using).count()
    if gebruikers or agendas:
        raise CommandError(
            f"De database bevat al gegevens ({gebruikers} gebruiker(s), {agendas} agenda('s)). "
            f"Herstellen kan alleen in een lege installatie: een nieuwe, lege database, daarop "
            f"`python manage.py migrate`, en dan `restore`. {NIETS}"
        )
    root = media_root()
    bezet = [b["pad"] for b in manifest["bestanden"] if (root / b["pad"]).exists()]
    if bezet:
        raise CommandError(
            f"In {root} staan al {len(bezet)} bestand(en) die de backup zou overschrijven, "
            f"bijv. {bezet[0]}. {NIETS}"
        )


def uitpakken(
    tar: tarfile.TarFile,
    manifest_lid: tarfile.TarInfo,
    manifest: dict[str, Any],
    dump: Path,
    media: Path,
) -> None:
    """Unpack the rows into `dump` and the files under `media`, each checked by the manifest."""
    verwacht = {MEDIA + b["pad"]: b for b in manifest["bestanden"]}
    verwacht[DATABASE] = manifest["gegevens"]
    gezien: set[str] = set()
    for lid in tar:
        if lid is manifest_lid:
            continue
        if lid.name not in verwacht or lid.name in gezien or not lid.isfile():
            raise CommandError(f"Onverwacht onderdeel in de backup: {lid.name!r}. {NIETS}")
        gezien.add(lid.name)
        # A name from the manifest, whose paths were checked to stay inside `media`.
        doel = dump if lid.name == DATABASE else media / lid.name.removeprefix(MEDIA)
        doel.parent.mkdir(parents=True, exist_ok=True)
        bron = tar.extractfile(lid)
        if bron is None:
            raise CommandError(f"Onverwacht onderdeel in de backup: {lid.name!r}. {NIETS}")
        hasher = Hasher(bron)
        with doel.open("wb") as uit:
            while blok := hasher.read(BLOK):
                uit.write(blok)
        info = verwacht[lid.name]
        if (hasher.grootte, hasher.sha.hexdigest()) != (info["grootte"], info["sha256"]):
            raise CommandError(
                f"{lid.name} in de backup wijkt af van het manifest (grootte of sha256): de backup "
                f"is beschadigd. {NIETS}"
            )
    ontbreekt = sorted(set(verwacht) - gezien)
    if ontbreekt:
        raise CommandError(
            f"De backup is onvolledig: {', '.join(ontbreekt[:5])} ontbreekt. {NIETS}"
        )


def te_vervangen(dump: Path, using: str) -> list[type[models.Model]]:
    """Tables `migrate` already filled (e.g. seeded topics), each row of which the backup holds.

    Their rows are replaced by the backup's version. A row the backup does not hold would be
    lost, so then the restore is refused.
    """
    gevuld = {m._meta.label_lower: m for m in modellen() if m._base_manager.using(using).exists()}
    if not gevuld:
        return []
    in_backup: dict[str, set[Any]] = defaultdict(set)
    with dump.open(encoding="utf-8") as stroom:
        for regel in stroom:
            rij = json.loads(regel)
            if rij["model"] in gevuld:
                in_backup[rij["model"]].add(gevuld[rij["model"]]._meta.pk.to_python(rij["pk"]))
    zouden_verdwijnen = []
    for label, model in gevuld.items():
        hier = set(model._base_manager.using(using).values_list("pk", flat=True))
        if hier - in_backup[label]:
            zouden_verdwijnen.append(f"{label} ({len(hier - in_backup[label])})")
    if zouden_verdwijnen:
        raise CommandError(
            "De database bevat al rijen die niet in de backup staan en verloren zouden gaan: "
            f"{', '.join(zouden_verdwijnen)}. Herstel in een nieuwe, lege database. {NIETS}"
        )
    lijst = list(gevuld.values())
    return lijst + tussentabellen(lijst)


def gegevens_laad(
    dump: Path, manifest: dict[str, Any], using: str, leeg: list[type[models.Model]]
) -> None:
    """Load the rows in the current transaction, then check them and reset the sequences."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows may name rows further on in the file; check the keys at the end, not per row.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model in leeg:
            tabel = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {tabel}")  # noqa: S608 - a model's own table
    tussen: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    with dump.open(encoding="utf-8") as stroom:
        for rij in serializers.deserialize("jsonl", stroom, using=using):
            m2m = rij.m2m_data or {}  # save() clears it
            rij.save(using=using, save_m2m=False)  # raw: no history rows, no signals acted on
            for naam, doelen in m2m.items():
                _koppel(tussen, rij.object, naam, doelen)
    # Many-to-many rows go in directly: `.set()` would send m2m_changed, on which
    # django-simple-history writes a history row of its own.
    for model, koppelingen in tussen.items():
        model._base_manager.using(using).bulk_create(koppelingen, batch_size=1000)
    # Foreign keys are checked at commit; check them now, while a failure still rolls back.
    connection.check_constraints(table_names=[m._meta.db_table for m in tabellen()])
    nu, verwacht = tellingen(using), manifest["rijen"]
    verschil = [
        f"{label}: {verwacht.get(label, 0)} verwacht, {nu.get(label, 0)} hersteld"
        for label in sorted(set(nu) | set(verwacht))
        if nu.get(label, 0) != verwacht.get(label, 0)
    ]
    if verschil:
        raise CommandError(
            f"Het aantal rijen klopt niet met het manifest ({'; '.join(verschil[:5])}). {NIETS}"
        )
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), modellen()):
            cursor.execute(sql)


def _koppel(
    tussen: dict[type[models.Model], list[models.Model]],
    obj: models.Model,
    naam: str,
    doelen: Iterable[Any],
) -> None:
    veld = obj._meta.get_field(naam)
    through = veld.remote_field.through  # type: ignore[union-attr]
    bron, doel = veld.m2m_field_name(), veld.m2m_reverse_field_name()  # type: ignore[union-attr]
    tussen[through] += [through(**{f"{bron}_id": obj.pk, f"{doel}_id": pk}) for pk in doelen]


def bestanden_zet(bron: Path, root: Path, paden: list[str], gezet: list[Path]) -> None:
    """Move the unpacked files into MEDIA_ROOT, noting each in `gezet` so it can be undone."""
    for pad in paden:
        doel = root / pad
        doel.parent.mkdir(parents=True, exist_ok=True)
        if doel.exists():
            raise CommandError(f"{doel} bestaat al. {NIETS}")
        os.replace(bron / pad, doel)
        gezet.append(doel)


def herstel(bestand: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Restore the archive `bestand` into this (empty) installation; return its manifest."""
    try:
        if str(bestand) == "-":  # read once, front to back, so a stream will do
            tar = tarfile.open(fileobj=sys.stdin.buffer, mode="r|gz")  # noqa: SIM115
        else:
            tar = tarfile.open(bestand, mode="r:gz")  # noqa: SIM115 - closed by `with` below
    except FileNotFoundError:
        raise CommandError(f"Bestand {bestand} bestaat niet.") from None
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        raise _geen_backup(bestand, "geen leesbaar .tar.gz-archief") from None
    root = media_root()
    root_bestond = root.exists()
    gezet: list[Path] = []
    with tar, tempfile.TemporaryDirectory(prefix="lea-herstel-") as werkmap:
        try:
            manifest_lid, manifest = manifest_lees(tar, bestand)
            installatie_controleer(manifest, using)
            root.mkdir(parents=True, exist_ok=True)
            uitgepakt = Path(tempfile.mkdtemp(prefix=HERSTELMAP, dir=root))
            try:
                dump = Path(werkmap) / DATABASE  # the rows (password hashes too) stay private
                uitpakken(tar, manifest_lid, manifest, dump, uitgepakt)
                leeg = te_vervangen(dump, using)
                with transaction.atomic(using=using):
                    gegevens_laad(dump, manifest, using, leeg)
                    paden = [b["pad"] for b in manifest["bestanden"]]
                    bestanden_zet(uitgepakt, root, paden, gezet)
                    # Public pages cached before the restore must not come back.
                    agenda_gewijzigd()
            finally:
                shutil.rmtree(uitgepakt, ignore_errors=True)
        except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
            _ongedaan(gezet, root, root_bestond)
            raise _beschadigd(bestand, str(exc) or type(exc).__name__) from None
        except (DeserializationError, DatabaseError, ValueError, KeyError) as exc:
            _ongedaan(gezet, root, root_bestond)
            raise CommandError(f"De gegevens konden niet worden hersteld: {exc}. {NIETS}") from None
        except OSError as exc:
            _ongedaan(gezet, root, root_bestond)
            raise CommandError(f"Herstellen is mislukt: {exc}. {NIETS}") from None
        except BaseException:
            _ongedaan(gezet, root, root_bestond)
            raise
    return manifest


def _ongedaan(gezet: list[Path], root: Path, root_bestond: bool) -> None:
    """Take a failed restore's files out of MEDIA_ROOT again, with the folders made for them."""
    for pad in gezet:
        pad.unlink(missing_ok=True)
        map_ = pad.parent
        while map_ != root and map_.is_dir() and not any(map_.iterdir()):
            map_.rmdir()
            map_ = map_.parent
    if not root_bestond and root.is_dir() and not any(root.iterdir()):
        root.rmdir()


class Command(BaseCommand):
    help = "Herstel een backup (van `backup -o`) in een lege installatie: database en bestanden."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help="Het backupbestand (.tar.gz); '-' leest van stdin.")

    def handle(self, *args: Any, bestand: str, **options: Any) -> None:
        pad = Path(bestand).expanduser()
        manifest = herstel(pad)
        rijen = sum(manifest["rijen"].values())
        self.stdout.write(
            f"Hersteld uit {pad} (gemaakt op {manifest.get('gemaakt_op', '?')} met LEA "
            f"{manifest.get('lea_versie', '?')} op {manifest.get('database', '?')}): {rijen} rijen "
            f"in {len(manifest['rijen'])} tabellen en {len(manifest['bestanden'])} bestanden, "
            "alles gecontroleerd. Iedereen moet opnieuw inloggen."
        )
