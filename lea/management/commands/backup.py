"""python manage.py backup -o FILE.tar.gz: the whole database and the uploaded files in one archive.

The database goes in through Django's serializers (JSON lines, primary keys kept), not through
pg_dump or a copy of the SQLite file: one code path serves both engines, a backup made on SQLite
restores into PostgreSQL and back, and the restore runs through the ORM in one transaction
(`restore.py`). Every installed model is included, the history tables of django-simple-history
too; left out are the rows `migrate` makes itself (content types, permissions) and sessions.

The archive (`lea-backup`, version 1) holds, in this order:
- `manifest.json`: format and version, creation time, LEA and Django version, database vendor,
  applied migrations, the row count per table, and every file with its size and sha256;
- `database.jsonl`: one JSON object per row;
- `media/<path>`: each file under MEDIA_ROOT (meeting papers, generated reports).

`-o -` writes the archive to stdout (e.g. out of a container: `docker compose exec -T web ...`).
"""

import datetime
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import IO, Any

import django
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers import jsonl
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAAT = "lea-backup"
VERSIE = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
MEDIA = "media/"
# A restore unpacks into a folder inside MEDIA_ROOT (same file system, so files move in at
# once); a backup never takes such a leftover along.
HERSTELMAP = ".lea-herstel-"
BLOK = 1024 * 1024

# Rows that `migrate` makes itself, with ids of its own: restoring them would clash.
NIET_MEE = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
# Rows pointing at those go by natural key ("app", "model" / codename); all else by id.
NATUURLIJK = {"contenttypes.contenttype", "auth.permission"}


def modellen() -> list[type[models.Model]]:
    """The models whose rows a backup holds (their auto-created m2m rows travel with them)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in NIET_MEE and model._meta.managed and not model._meta.proxy
    ]


def tussentabellen(lijst: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    """The auto-created many-to-many tables of these models."""
    tussen = []
    for model in lijst:
        for veld in model._meta.local_many_to_many:
            through = veld.remote_field.through
            if through is not None and through._meta.auto_created:
                tussen.append(through)
    return tussen


def tabellen() -> list[type[models.Model]]:
    """Every table a backup holds: the models, then their many-to-many tables."""
    lijst = modellen()
    return lijst + tussentabellen(lijst)


def tellingen(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """The row count per table, keyed by `app.model` in lower case."""
    return {m._meta.label_lower: m._base_manager.using(using).count() for m in tabellen()}


def migraties(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The applied migrations as "app.naam", sorted: the schema the rows belong to."""
    toegepast = MigrationRecorder(connections[using]).applied_migrations()
    return sorted(f"{app}.{naam}" for app, naam in toegepast)


def lea_versie() -> str:
    try:
        return metadata.version("lea")
    except metadata.PackageNotFoundError:
        return "onbekend"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def media_bestanden(root: Path) -> list[str]:
    """Every regular file under MEDIA_ROOT, as a sorted relative POSIX path."""
    if not root.is_dir():
        return []
    paden = []
    for map_, submappen, bestanden in os.walk(root):  # does not follow symlinked folders
        submappen[:] = sorted(s for s in submappen if not s.startswith(HERSTELMAP))
        for naam in bestanden:
            pad = Path(map_) / naam
            if pad.is_file() and not pad.is_symlink():
                paden.append(pad.relative_to(root).as_posix())
    return sorted(paden)


class Hasher:
    """A reader that computes size and sha256 of what passes through it."""

    def __init__(self, bron: IO[bytes]) -> None:
        self.bron = bron
        self.sha = hashlib.sha256()
        self.grootte = 0

    def read(self, n: int = -1) -> bytes:
        data = self.bron.read(n)
        self.sha.update(data)
        self.grootte += len(data)
        return data

    def leeg(self) -> None:
        while self.read(BLOK):
            pass


def sha256_van(pad: Path) -> tuple[int, str]:
    with pad.open("rb") as bron:
        hasher = Hasher(bron)
        hasher.leeg()
    return hasher.grootte, hasher.sha.hexdigest()


class Serializer(jsonl.Serializer):
    """JSON lines with foreign keys by id, but by natural key to content types and permissions.

    Ids are kept so links, feeds and history stay the same after a restore; only the rows that
    `migrate` recreates (with other ids) are named by natural key. A history row may point at a
    user or object deleted since, which a natural key could not name; an id survives that.
    """

    def handle_field(self, obj: models.Model, field: Any) -> None:
        super().handle_field(obj, field)
        huidig: dict[str, Any] = self._current  # type: ignore[attr-defined]
        if isinstance(huidig[field.name], datetime.datetime | datetime.time):
            # DjangoJSONEncoder cuts times to milliseconds; a backup keeps the microseconds.
            huidig[field.name] = huidig[field.name].isoformat()

    def handle_fk_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.remote_field.model._meta.label_lower in NATUURLIJK
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.remote_field.model._meta.label_lower in NATUURLIJK
        super().handle_m2m_field(obj, field)


def _label(model: Any) -> str:
    return model._meta.label_lower if hasattr(model, "_meta") else ""


def _rijen(lijst: list[type[models.Model]], using: str, aantallen: dict[str, int]) -> Iterator[Any]:
    """Every row of every model, by id, counted per model as it goes."""
    tussen = tussentabellen(lijst)
    for model in lijst:
        natuurlijk = [
            veld.name
            for veld in model._meta.concrete_fields
            if veld.is_relation and _label(veld.related_model) in NATUURLIJK
        ]
        veel = [
            veld.name
            for veld in model._meta.local_many_to_many
            if veld.remote_field.through in tussen
        ]
        rijen = (
            model._base_manager.using(using)
            .select_related(*natuurlijk)
            .prefetch_related(*veel)
            .order_by("pk")
        )
        aantal = 0
        for rij in rijen.iterator(chunk_size=500):
            aantal += 1
            yield rij
        aantallen[model._meta.label_lower] = aantal


def database_schrijf(doel: IO[str], using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Write every row to `doel` from one consistent snapshot; return counts and migrations.

    PostgreSQL reads in one REPEATABLE READ transaction; SQLite holds its read lock for the
    whole transaction. So the rows, their counts and the migrations all belong together.
    """
    connection = connections[using]
    buitenste = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if buitenste and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        lijst = modellen()
        aantallen: dict[str, int] = {}
        Serializer().serialize(_rijen(lijst, using, aantallen), stream=doel)
        for tussen in tussentabellen(lijst):
            aantallen[tussen._meta.label_lower] = tussen._base_manager.using(using).count()
        return {"rijen": aantallen, "migraties": migraties(using)}


def ontbrekende_bestanden(aanwezig: set[str], using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Files the database refers to (current rows, not history) that are not under MEDIA_ROOT."""
    ontbreekt = set()
    for model in modellen():
        if hasattr(model, "instance_type"):  # a django-simple-history table: the past
            continue
        for veld in model._meta.concrete_fields:
            if isinstance(veld, models.FileField):
                namen = model._base_manager.using(using).exclude(**{veld.name: ""})
                for naam in namen.values_list(veld.name, flat=True).iterator():
                    if naam and naam not in aanwezig:
                        ontbreekt.add(naam)
    return sorted(ontbreekt)


def _lid(naam: str, grootte: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(naam)
    info.size = grootte
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    return info


def _voeg_toe(tar: tarfile.TarFile, naam: str, pad: Path, grootte: int, sha: str) -> None:
    """Stream a file into the archive; refuse when it is not what the manifest says."""
    with pad.open("rb") as bron:
        hasher = Hasher(bron)
        tar.addfile(_lid(naam, grootte), hasher)
    if hasher.sha.hexdigest() != sha:
        raise CommandError(
            f"{pad} veranderde tijdens de backup; er is niets geschreven. Probeer het opnieuw."
        )


def backup_schrijf(uit: IO[bytes], using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Write the archive to the binary stream `uit`, front to back; return its manifest."""
    root = media_root()
    with tempfile.TemporaryDirectory(prefix="lea-backup-") as werkmap:
        dump = Path(werkmap) / DATABASE
        with dump.open("w", encoding="utf-8") as stroom:
            gegevens = database_schrijf(stroom, using)
        db_grootte, db_sha = sha256_van(dump)
        bestanden: list[dict[str, Any]] = []
        for naam in media_bestanden(root):
            grootte, sha = sha256_van(root / naam)
            bestanden.append({"pad": naam, "grootte": grootte, "sha256": sha})
        manifest = {
            "formaat": FORMAAT,
            "versie": VERSIE,
            "gemaakt_op": timezone.localtime().isoformat(timespec="seconds"),
            "lea_versie": lea_versie(),
            "django_versie": django.get_version(),
            "database": connections[using].vendor,
            "migraties": gegevens["migraties"],
            "rijen": gegevens["rijen"],
            "gegevens": {"pad": DATABASE, "grootte": db_grootte, "sha256": db_sha},
            "bestanden": bestanden,
        }
        inhoud = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        with tarfile.open(fileobj=uit, mode="w|gz") as tar:  # a stream: stdout will do
            tar.addfile(_lid(MANIFEST, len(inhoud)), io.BytesIO(inhoud))
            _voeg_toe(tar, DATABASE, dump, db_grootte, db_sha)
            for b in bestanden:
                _voeg_toe(tar, MEDIA + b["pad"], root / b["pad"], b["grootte"], b["sha256"])
    return manifest


def backup_naar_bestand(doel: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Write the archive to `doel` through a temporary file next to it, readable by its owner
    only (it holds personal data and password hashes); a failure leaves no half archive."""
    fd, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", dir=doel.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as uit:
            manifest = backup_schrijf(uit, using)
        os.replace(tijdelijk, doel)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
    return manifest


class Command(BaseCommand):
    help = "Schrijf de hele database en alle geüploade bestanden naar één backup (.tar.gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            help="Het backupbestand, bijv. lea-2026-01-31.tar.gz; '-' schrijft naar stdout.",
        )

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        try:
            if output == "-":
                if sys.stdout.isatty():
                    raise CommandError("Stuur de backup naar een bestand: -o FILE of -o - > FILE.")
                sys.stdout.flush()
                manifest = backup_schrijf(sys.stdout.buffer)
                sys.stdout.buffer.flush()
                doel, melding = "stdout", self.stderr  # stdout carries the archive
            else:
                pad = Path(output).expanduser().absolute()
                if not pad.parent.is_dir():
                    raise CommandError(f"De map {pad.parent} bestaat niet.")
                if pad.is_dir():
                    raise CommandError(
                        f"{pad} is een map; geef een bestandsnaam, bijv. lea.tar.gz."
                    )
                manifest = backup_naar_bestand(pad)
                doel, melding = str(pad), self.stdout
        except OSError as exc:
            raise CommandError(f"De backup kon niet worden geschreven: {exc}") from None
        rijen = sum(manifest["rijen"].values())
        bestanden = manifest["bestanden"]
        megabytes = sum(b["grootte"] for b in bestanden) / 1024 / 1024
        melding.write(
            f"Backup geschreven naar {doel}: {rijen} rijen in {len(manifest['rijen'])} tabellen "
            f"({manifest['database']}), {len(bestanden)} bestanden ({megabytes:.1f} MB)."
        )
        ontbreekt = ontbrekende_bestanden({b["pad"] for b in bestanden})
        if ontbreekt:
            self.stderr.write(
                f"Let op: {len(ontbreekt)} bestand(en) waar de database naar verwijst, staan niet "
                f"in {media_root()} en zitten dus niet in de backup: " + ", ".join(ontbreekt[:10])
            )
