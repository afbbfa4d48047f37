"""A meeting's agenda and minutes as PDF: asked for in a request, made by the worker.

No PDF is laid out inside a web request. The request builds the document's HTML (queries and a
template, no layout), hashes it and serves the stored PDF of that hash; when there is none, it
records one (the unique row is the claim: one job per meeting, kind and content) with an outbox
row in the same transaction, and the page waits. The worker lays the PDF out from the same HTML
builders and, once it is stored, removes the older PDFs of that meeting and kind.
"""

import datetime
import hashlib
import logging
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from lea.pdf import pdf_uit_html
from lea.services import opdracht_plaats
from overleg.models import DocumentSoort, DocumentStatus, Vergaderdocument, Vergadering
from overleg.models.pdf import DOCUMENT_TERMIJN
from overleg.pdf import HTML
from overleg.services.versie import vergaderingen_gewijzigd

logger = logging.getLogger(__name__)

# Queued by name: overleg.tasks calls this module, so it is not imported here.
DOCUMENT_MAAK_TAAK = "overleg.tasks.vergaderdocument_maak_taak"
MISLUKT = (
    "De pdf kon niet worden gemaakt ({}). Probeer het opnieuw; blijft het mislukken, neem dan "
    "contact op met de beheerder."
)


def inhoud_hash(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def _plaats(document: Vergaderdocument, vergadering: Vergadering) -> None:
    """Queue the making of `document` in the caller's transaction, and remember the row."""
    document.opdracht = opdracht_plaats(
        taak=DOCUMENT_MAAK_TAAK,
        argumenten=[document.pk],
        agenda=vergadering.orgaan.agenda,
        omschrijving=f"Pdf {DocumentSoort(document.soort).label.lower()} {vergadering}",
    )
    document.save(update_fields=["opdracht"])


def _opnieuw_nodig(document: Vergaderdocument) -> bool:
    """Failed, lost on the way (past DOCUMENT_TERMIJN), or made but its file is gone."""
    if document.status == DocumentStatus.KLAAR:
        naam = document.bestand.name or ""
        return not naam or not document.bestand.storage.exists(naam)
    return document.status == DocumentStatus.MISLUKT or document.verlopen()


def vergaderdocument_vraag(*, vergadering: Vergadering, soort: str) -> Vergaderdocument:
    """The document of the meeting's current content: made already, or queued now (once).

    A failed or lost document is queued again, as the user asks for it again.
    """
    hash_ = inhoud_hash(HTML[soort](vergadering))
    sleutel = {"vergadering": vergadering, "soort": soort, "inhoud_hash": hash_}
    document = Vergaderdocument.objects.select_related("opdracht").filter(**sleutel).first()
    if document is None:
        try:
            with transaction.atomic():
                document = Vergaderdocument.objects.create(**sleutel)
                _plaats(document, vergadering)
                return document
        except IntegrityError:  # asked for at the same moment in another request
            return Vergaderdocument.objects.select_related("opdracht").get(**sleutel)
    if _opnieuw_nodig(document):
        with transaction.atomic():
            # Conditional on the state just read, so two requests queue it once.
            opnieuw = Vergaderdocument.objects.filter(
                pk=document.pk, status=document.status, status_sinds=document.status_sinds
            ).update(status=DocumentStatus.WACHT, status_sinds=timezone.now(), fout="", bestand="")
            if opnieuw == 1:
                _plaats(document, vergadering)
                vergaderingen_gewijzigd([vergadering.pk])
        document.refresh_from_db()
    return document


def vergaderdocument_pdf(*, vergadering: Vergadering, soort: str) -> bytes:
    """The PDF of the meeting's current content, for work that is in the worker already (the
    agenda mailing): the stored one when there is one, else laid out now from the same HTML."""
    html = HTML[soort](vergadering)
    document = Vergaderdocument.objects.filter(
        vergadering=vergadering,
        soort=soort,
        inhoud_hash=inhoud_hash(html),
        status=DocumentStatus.KLAAR,
    ).first()
    if document is not None and document.bestand.name:
        try:
            with document.bestand.open("rb") as bestand:
                return bestand.read()
        except FileNotFoundError:  # removed by a newer document's clean-up a moment ago
            pass
    return pdf_uit_html(html)


def vergaderdocument_maak(*, document_id: int) -> bool:
    """The worker: lay out the PDF of a requested document and store it; True when stored.

    Claimed first, so a duplicate delivery does nothing. When the meeting changed after the
    request the document is dropped: nobody asks for that content any more, and the next
    request queues the current one.
    """
    geclaimd = Vergaderdocument.objects.filter(pk=document_id, status=DocumentStatus.WACHT).update(
        status=DocumentStatus.BEZIG, status_sinds=timezone.now(), fout=""
    )
    if geclaimd != 1:
        return False
    document = Vergaderdocument.objects.select_related("vergadering__orgaan__agenda").get(
        pk=document_id
    )
    # The state changes below are UPDATEs, without the signal that raises the agenda's version.
    vergaderingen_gewijzigd([document.vergadering_id])
    try:
        html = HTML[document.soort](document.vergadering)
        if inhoud_hash(html) != document.inhoud_hash:
            _verwijder([document])
            return False
        pdf = pdf_uit_html(html)
    except Exception as fout:
        logger.exception("pdf %s mislukt", document_id)
        Vergaderdocument.objects.filter(pk=document_id).update(
            status=DocumentStatus.MISLUKT,
            status_sinds=timezone.now(),
            fout=MISLUKT.format(type(fout).__name__),
        )
        vergaderingen_gewijzigd([document.vergadering_id])
        return False
    bestand = document.bestand
    naam = bestand.storage.save(
        bestand.field.generate_filename(document, f"{document.soort}-{document.inhoud_hash}.pdf"),
        ContentFile(pdf),
    )
    nu = timezone.now()
    opgeslagen = Vergaderdocument.objects.filter(
        pk=document_id, status=DocumentStatus.BEZIG
    ).update(bestand=naam, status=DocumentStatus.KLAAR, status_sinds=nu, klaar_op=nu)
    vergaderingen_gewijzigd([document.vergadering_id])
    if opgeslagen != 1:  # taken over after DOCUMENT_TERMIJN by a new request's job
        bestand.storage.delete(naam)
        return False
    _ruim_op(document, nu)
    logger.info("pdf %s klaar (%s bytes)", document_id, len(pdf))
    return True


def _ruim_op(document: Vergaderdocument, nu: datetime.datetime) -> None:
    """Remove the older documents of this meeting and kind (server-side, their files too):
    made or failed ones, and ones lost on the way. One still on its way removes itself."""
    ouder = Vergaderdocument.objects.filter(
        vergadering_id=document.vergadering_id, soort=document.soort, pk__lt=document.pk
    )
    _verwijder(
        ouder.filter(
            Q(status__in=[DocumentStatus.KLAAR, DocumentStatus.MISLUKT])
            | Q(status_sinds__lt=nu - DOCUMENT_TERMIJN)
        )
    )


def _verwijder(documenten: Iterable[Vergaderdocument]) -> None:
    """Delete the rows; `bestand_verwijder` removes each file once the deletion is committed."""
    Vergaderdocument.objects.filter(pk__in=[d.pk for d in documenten]).delete()


def bestand_verwijder(sender: Any, instance: Vergaderdocument, **kwargs: Any) -> None:
    """A deleted document takes its PDF file along, after the commit (so a rolled back
    deletion keeps it); also when its meeting or agenda is deleted in the admin."""
    naam = instance.bestand.name
    if naam:
        opslag = instance.bestand.storage
        transaction.on_commit(lambda: opslag.delete(naam))
