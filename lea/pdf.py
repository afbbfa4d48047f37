"""PDF documents from Django templates with WeasyPrint (A4, Dutch, page numbers)."""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string


def pdf_van(template: str, context: dict[str, Any]) -> bytes:
    """Render a template (extending pdf/basis.html) to PDF bytes. User text is escaped by
    the template engine as on every page; no external resources are fetched."""
    return pdf_uit_html(render_to_string(template, context))


def pdf_uit_html(html: str) -> bytes:
    """Lay out finished HTML (rendered, and its user text escaped, by a template) as PDF."""
    from weasyprint import HTML  # imported late: it needs Pango, only PDF code does

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_geen_netwerk).write_pdf()


def _geen_netwerk(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Municipal networks are closed: only inline data and local files may be loaded."""
    if url.startswith(("data:", "file:")):
        from weasyprint.urls import default_url_fetcher

        resultaat: dict[str, Any] = default_url_fetcher(url, *args, **kwargs)
        return resultaat
    raise ValueError(f"Externe bron geweigerd: {url}")
