"""A meeting's agenda and minutes as PDF: served when made, else a page that waits for it.

The PDF is never laid out here (overleg.services.pdf): the address answers with the stored PDF
of the meeting's current content, or queues it and answers with a waiting page that asks every
2 seconds and opens the PDF when it is ready (the way the Excel import and the reports wait).
"""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from lea.services import wacht_op_wachtrij
from lea.toegang import Recht, Toegang, agenda_view
from overleg.models import DocumentSoort, DocumentStatus, Vergaderdocument, Vergadering
from overleg.pdf import HTML
from overleg.services.pdf import vergaderdocument_vraag
from overleg.toegang import vergadering_haal

# How the page names the document: "De pdf van de agenda wordt gemaakt…".
LIDWOORD = {"agenda": "de agenda", "verslag": "het verslag"}
# htmx stops polling on this status (and still shows the answer).
STOP_VRAGEN = 286


def _soort(soort: str) -> DocumentSoort:
    if soort not in HTML:
        raise Http404("Deze vergadering heeft geen document met die naam.")
    return DocumentSoort(soort)


def _urls(toegang: Toegang, vergadering: Vergadering, soort: str) -> dict[str, str]:
    args = [toegang.agenda.slug, vergadering.pk, soort]
    return {
        "pdf": reverse("vergadering_pdf", args=args),
        "stand": reverse("vergadering_pdf_stand", args=args),
        "vergadering": reverse("vergadering_detail", args=args[:2]),
    }


def _context(toegang: Toegang, vergadering: Vergadering, document: Vergaderdocument) -> dict:
    return toegang.context(
        vergadering=vergadering,
        document=document,
        naam=LIDWOORD[document.soort],
        urls=_urls(toegang, vergadering, document.soort),
        # The broker was unreachable: beat hands the job over, and the page says so.
        wachtrij=document.opdracht is not None and wacht_op_wachtrij(document.opdracht),
    )


@agenda_view(Recht.LEZEN, vergadering_haal)
def vergadering_pdf(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, soort: str
) -> HttpResponseBase:
    """The PDF (`agenda.pdf`, `verslag.pdf`) when made, else the page that waits for it."""
    _soort(soort)
    document = vergaderdocument_vraag(vergadering=vergadering, soort=soort)
    if document.status == DocumentStatus.KLAAR:
        try:
            bestand = document.bestand.open("rb")
        except FileNotFoundError:  # removed a moment ago by a newer document's clean-up
            document = vergaderdocument_vraag(vergadering=vergadering, soort=soort)
        else:
            return FileResponse(
                bestand,
                content_type="application/pdf",
                filename=f"{soort}-{toegang.agenda.slug}-{vergadering.begin:%Y-%m-%d}.pdf",
            )
    context = _context(toegang, vergadering, document)
    # 202: accepted, not there yet; a client that saves the answer does not keep a page as PDF.
    return render(request, "overleg/pdf_wacht.html", context, status=202)


@agenda_view(Recht.LEZEN, vergadering_haal)
def vergadering_pdf_stand(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, soort: str
) -> HttpResponse:
    """What the waiting page asks every 2 seconds (htmx): nothing new (204), failed (the
    message, and no more asking), or done, when the browser goes to the PDF's address."""
    urls = _urls(toegang, vergadering, _soort(soort).value)
    if not request.headers.get("HX-Request"):
        return redirect(urls["pdf"])
    document = (
        Vergaderdocument.objects.filter(vergadering=vergadering, soort=soort)
        .select_related("opdracht")
        .order_by("-pk")
        .first()
    )
    onderweg = (DocumentStatus.WACHT, DocumentStatus.BEZIG)
    if document is not None and document.status in onderweg and not document.verlopen():
        return HttpResponse(status=204)
    if document is not None and document.status == DocumentStatus.MISLUKT:
        context = _context(toegang, vergadering, document)
        return render(request, "overleg/_pdf_stand.html", context, status=STOP_VRAGEN)
    # Made, or gone because the meeting changed: the PDF's address serves or queues it.
    return HttpResponse(headers={"HX-Redirect": urls["pdf"]})
