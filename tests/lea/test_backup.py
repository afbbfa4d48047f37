"""Backup and restore (issue 9, finding 12): one archive with every row and every uploaded file.

The round trip runs inside the test's transaction: the backup is made from the demo data, then
the installation is emptied as a fresh `migrate` leaves it (`flush`, the shipped statutory topics
seeded again, MEDIA_ROOT gone) and the backup restored into it. The test's rollback then gives
the other tests their demo data back, so this file runs in the ordinary pytest session.
"""

import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.urls import reverse

from lea.models import Agenda
from tests.conftest import WACHTWOORD

pytestmark = pytest.mark.django_db

PAPIER = b"%PDF-1.4 notitie over de taalklassen\n" + bytes(range(256)) * 400
RAPPORT = b"%PDF-1.7 jaarverslag 2026\n" + b"\x00\xff" * 5000
NIET_MEE = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def _tellingen() -> dict[str, int]:
    """Rows per table, counted here independently of the commands (m2m and history included)."""
    return {
        m._meta.label_lower: m._base_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label_lower not in NIET_MEE
    }


def _bestanden(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stuk(media, bunnik, anne):
    """A meeting paper of Bunnik's stuurgroep, with its file under MEDIA_ROOT."""
    vergadering = apps.get_model("overleg", "Vergadering").objects.filter(orgaan__agenda=bunnik)
    return apps.get_model("overleg", "Stuk").objects.create(
        vergadering=vergadering.order_by("begin").first(),
        titel="Notitie taalklassen",
        bestand=ContentFile(PAPIER, name="notitie.pdf"),
        toegevoegd_door=anne,
    )


@pytest.fixture
def rapport(media, bunnik, anne):
    """A generated jaarverslag, kept with its PDF."""
    rapport = apps.get_model("monitoring", "Rapport").objects.create(
        agenda=bunnik, soort="jaarverslag", jaar=2026, status="klaar", gemaakt_door=anne
    )
    rapport.bestand.save("jaarverslag-2026.pdf", ContentFile(RAPPORT))
    return rapport


@pytest.fixture
def archief(stuk, rapport, tmp_path) -> Path:
    pad = tmp_path / "lea-backup.tar.gz"
    uit = io.StringIO()
    call_command("backup", "-o", str(pad), stdout=uit)
    assert f"Backup geschreven naar {pad}" in uit.getvalue()
    return pad


def _leeg_installatie(media: Path) -> None:
    """What `migrate` on a new database leaves: empty tables but the seeded statutory topics."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # TRUNCATE refuses while FK checks are pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    call_command("onderwerpen", stdout=io.StringIO())  # as overleg's data migration does
    shutil.rmtree(media, ignore_errors=True)
    assert not get_user_model().objects.exists()
    assert not Agenda.objects.exists()


def _lees(pad: Path) -> list[tuple[str, bytes]]:
    with tarfile.open(pad, "r:gz") as tar:
        return [(lid.name, tar.extractfile(lid).read()) for lid in tar]  # type: ignore[union-attr]


def _schrijf(pad: Path, leden: list[tuple[str, bytes]]) -> Path:
    with tarfile.open(pad, "w:gz") as tar:
        for naam, data in leden:
            info = tarfile.TarInfo(naam)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return pad


def _met_manifest(bron: Path, doel: Path, wijzig: Callable[[dict], None]) -> Path:
    leden = _lees(bron)
    manifest = json.loads(leden[0][1])
    wijzig(manifest)
    return _schrijf(doel, [("manifest.json", json.dumps(manifest).encode()), *leden[1:]])


def test_the_archive_holds_a_manifest_the_rows_and_the_files(archief, stuk, rapport):
    leden = dict(_lees(archief))
    manifest = json.loads(leden["manifest.json"])
    assert (manifest["formaat"], manifest["versie"]) == ("lea-backup", 1)
    assert manifest["database"] == connection.vendor
    assert manifest["rijen"]["lea.agenda"] == 5
    assert manifest["rijen"]["overleg.stuk"] == 1
    assert manifest["rijen"]["lea.historicalagenda"] >= 5  # the history comes along
    assert "auth.permission" not in manifest["rijen"]  # migrate makes those itself
    bestanden = {b["pad"]: b for b in manifest["bestanden"]}
    assert bestanden[stuk.bestand.name] == {
        "pad": stuk.bestand.name,
        "grootte": len(PAPIER),
        "sha256": hashlib.sha256(PAPIER).hexdigest(),
    }
    assert leden["media/" + stuk.bestand.name] == PAPIER
    assert leden["media/" + rapport.bestand.name] == RAPPORT
    assert archief.stat().st_mode & 0o077 == 0  # password hashes: for the owner only


def test_restore_into_an_empty_installation_gives_back_every_row_and_file(
    archief, stuk, rapport, media, client, bunnik
):
    voor, bestanden_voor = _tellingen(), _bestanden(media)
    _leeg_installatie(media)

    uit = io.StringIO()
    call_command("restore", str(archief), stdout=uit)

    assert "Hersteld uit" in uit.getvalue()
    assert _tellingen() == voor
    assert _bestanden(media) == bestanden_voor
    assert client.login(username="beleid-bunnik", password=WACHTWOORD)
    download = client.get(
        reverse("stuk_downloaden", args=[bunnik.slug, stuk.vergadering_id, stuk.pk])
    )
    assert b"".join(download.streaming_content) == PAPIER
    teruggezet = apps.get_model("monitoring", "Rapport").objects.get(pk=rapport.pk)
    assert teruggezet.bestand.read() == RAPPORT
    # The sequences follow the restored ids, so the next row gets a new one.
    nieuw = Agenda.objects.create(
        slug="nieuw-2030", gemeente="Nieuw", titel="LEA", periode_start="2030-01-01",
        periode_eind="2033-12-31",
    )  # fmt: skip
    assert nieuw.pk > max(Agenda.objects.exclude(pk=nieuw.pk).values_list("pk", flat=True))


def test_restore_refuses_a_database_that_holds_data(archief, media):
    voor, bestanden_voor = _tellingen(), _bestanden(media)
    shutil.rmtree(media)
    with pytest.raises(CommandError, match=r"De database bevat al gegevens.*niets veranderd"):
        call_command("restore", str(archief))
    assert _tellingen() == voor
    assert _bestanden(media) == {}
    assert bestanden_voor  # the backup had files to write, and wrote none


@pytest.mark.parametrize(
    ("maak", "melding"),
    [
        (lambda pad: pad.write_text("geen archief"), "geen LEA-backup \\(geen leesbaar"),
        (lambda pad: _schrijf(pad, [("notities.txt", b"hallo")]), "manifest.json ontbreekt"),
        (
            lambda pad: _schrijf(pad, [("manifest.json", b'{"formaat": "lea-agenda"}')]),
            "geen LEA-backup \\(het manifest noemt geen formaat",
        ),
        (
            lambda pad: _schrijf(
                pad, [("manifest.json", b'{"formaat": "lea-backup", "versie": 2}')]
            ),
            "formaatversie 2; deze versie van LEA kan alleen formaatversie 1 herstellen",
        ),
    ],
    ids=["tekstbestand", "ander-archief", "ander-formaat", "onbekende-versie"],
)
def test_restore_refuses_what_is_not_a_lea_backup_it_knows(maak, melding, tmp_path, media):
    pad = tmp_path / "vreemd.tar.gz"
    maak(pad)
    voor = _tellingen()
    with pytest.raises(CommandError, match=melding):
        call_command("restore", str(pad))
    assert _tellingen() == voor
    assert _bestanden(media) == {}


def test_a_damaged_backup_changes_nothing_and_the_intact_one_restores(
    archief, stuk, media, tmp_path
):
    voor = _tellingen()
    leden = _lees(archief)
    _leeg_installatie(media)
    leeg = _tellingen()

    afgekapt = tmp_path / "afgekapt.tar.gz"
    afgekapt.write_bytes(archief.read_bytes()[: archief.stat().st_size // 2])
    omgedraaid = bytearray(archief.read_bytes())
    for plek in range(len(omgedraaid) // 2, len(omgedraaid) // 2 + 64):
        omgedraaid[plek] ^= 0xFF
    (beschadigd := tmp_path / "omgedraaid.tar.gz").write_bytes(bytes(omgedraaid))
    ander_papier = [(n, b"%PDF-1.4 vervalst" if n.endswith("notitie.pdf") else d) for n, d in leden]

    def meer_rijen(m: dict) -> None:
        m["rijen"]["lea.agenda"] += 1

    def nieuwere_migratie(m: dict) -> None:
        m["migraties"].append("lea.9999_uit_de_toekomst")

    pogingen = [
        (afgekapt, "beschadigd of onvolledig"),
        (beschadigd, "beschadigd|onvolledig"),
        (_schrijf(tmp_path / "papier.tar.gz", ander_papier), "wijkt af van het manifest"),
        (_schrijf(tmp_path / "zonder.tar.gz", leden[:-1]), "De backup is onvolledig"),
        (_met_manifest(archief, tmp_path / "telling.tar.gz", meer_rijen), "lea.agenda: 6 verwacht"),
        (
            _met_manifest(archief, tmp_path / "schema.tar.gz", nieuwere_migratie),
            "alleen in de backup: lea.9999_uit_de_toekomst",
        ),
    ]
    for pad, melding in pogingen:
        with pytest.raises(CommandError, match=melding):
            call_command("restore", str(pad))
        assert _tellingen() == leeg, pad.name  # the count check ran after loading: rolled back
        assert _bestanden(media) == {}, pad.name

    # A row the backup does not hold would be lost: refused as well.
    onderwerp = apps.get_model("overleg", "WettelijkOnderwerp")
    with transaction.atomic():
        onderwerp.objects.create(code="eigen", titel="Eigen", wetsartikel="-", groep="lea")
        with pytest.raises(CommandError, match=r"verloren zouden gaan: overleg.wettelijkonderwerp"):
            call_command("restore", str(archief))
        transaction.set_rollback(True)

    call_command("restore", str(archief), stdout=io.StringIO())
    assert _tellingen() == voor
    assert (media / stuk.bestand.name).read_bytes() == PAPIER


def test_backup_says_so_when_the_folder_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match=r"De map .* bestaat niet"):
        call_command("backup", "-o", str(tmp_path / "weg" / "lea.tar.gz"))


def test_backup_to_stdout_streams_the_same_archive(stuk, capsysbinary):
    call_command("backup", "-o", "-")
    uit = capsysbinary.readouterr()
    with tarfile.open(fileobj=io.BytesIO(uit.out), mode="r:gz") as tar:
        namen = tar.getnames()
    assert namen[:2] == ["manifest.json", "database.jsonl"]
    assert "media/" + stuk.bestand.name in namen
    assert b"Backup geschreven naar stdout" in uit.err
