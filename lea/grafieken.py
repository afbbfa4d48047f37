"""Server-side SVG charts: the same markup in web pages and in the PDF reports.

Each function returns a self-contained <svg> (no scripts, no external fonts) with role="img"
and a Dutch text alternative, so screen readers and WeasyPrint both handle it.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Segment:
    label: str
    waarde: float
    kleur: str


def _tekst_alternatief(titel: str, segmenten: list[Segment]) -> str:
    delen = ", ".join(f"{s.label}: {s.waarde:g}" for s in segmenten if s.waarde)
    return f"{titel}: {delen}" if delen else f"{titel}: geen gegevens"


def gestapelde_balk(
    titel: str, segmenten: list[Segment], *, breedte: int = 320, hoogte: int = 18
) -> SafeString:
    """One horizontal bar split into coloured segments (e.g. actions per status)."""
    totaal = sum(s.waarde for s in segmenten)
    delen, x = [], 0.0
    for segment in segmenten:
        if not segment.waarde:
            continue
        w = breedte * segment.waarde / totaal
        delen.append(
            format_html(
                '<rect x="{}" y="0" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                f"{x:.2f}",
                f"{w:.2f}",
                hoogte,
                segment.kleur,
                segment.label,
                f"{segment.waarde:g}",
            )
        )
        x += w
    if not delen:
        delen.append(format_html('<rect width="{}" height="{}" fill="#e9ecef"/>', breedte, hoogte))
    alt = _tekst_alternatief(titel, segmenten)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" width="{}" height="{}" '
        'viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>{}</svg>',
        breedte,
        hoogte,
        breedte,
        hoogte,
        alt,
        alt,
        _samen(delen),
    )


def voortgangsbalk(titel: str, percentage: int | None, *, breedte: int = 160) -> SafeString:
    """A progress bar with its percentage written next to it; "–" when there is none."""
    hoogte, label_breedte = 14, 44
    gevuld = 0 if percentage is None else breedte * max(0, min(percentage, 100)) / 100
    tekst = "–" if percentage is None else f"{percentage}%"
    alt = f"{titel}: {'geen voortgang bekend' if percentage is None else tekst + ' gereed'}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" width="{}" height="{}" '
        'viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>'
        '<rect width="{}" height="{}" rx="3" fill="#e9ecef"/>'
        '<rect width="{}" height="{}" rx="3" fill="#0b4f6c"/>'
        '<text x="{}" y="{}" font-size="12" font-family="sans-serif" fill="#212529">{}</text>'
        "</svg>",
        breedte + label_breedte,
        hoogte,
        breedte + label_breedte,
        hoogte,
        alt,
        alt,
        breedte,
        hoogte,
        f"{gevuld:.2f}",
        hoogte,
        breedte + 6,
        hoogte - 2,
        tekst,
    )


def legenda(segmenten: list[Segment]) -> SafeString:
    """An HTML legend for the colours of a chart (text, so it is readable and printable)."""
    items = format_html_join(
        "",
        # An SVG swatch: its fill is no style attribute, so the CSP needs no exception.
        '<li><svg class="legenda-kleur" viewBox="0 0 10 10" aria-hidden="true" '
        'focusable="false"><rect width="10" height="10" fill="{}"/></svg>{} ({})</li>',
        ((s.kleur, s.label, f"{s.waarde:g}") for s in segmenten),
    )
    return format_html('<ul class="legenda">{}</ul>', items)


def lijngrafiek(
    titel: str,
    punten: list[tuple[str, float]],
    *,
    breedte: int = 420,
    hoogte: int = 160,
    eenheid: str = "",
) -> SafeString:
    """A simple line chart of (label, value) points, e.g. an indicator over the years."""
    if not punten:
        return format_html('<p class="text-secondary">{}: nog geen metingen.</p>', titel)
    marge_l, marge_o, marge_b = 48, 22, 10
    waarden = [w for _, w in punten]
    laag, hoog = min(0, min(waarden)), max(waarden) or 1
    bereik = (hoog - laag) or 1
    stap = (breedte - marge_l - 10) / max(1, len(punten) - 1)

    def xy(i: int, w: float) -> tuple[float, float]:
        x = marge_l + i * stap
        y = marge_b + (hoogte - marge_o - marge_b) * (1 - (w - laag) / bereik)
        return x, y

    lijn = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, w) for i, (_, w) in enumerate(punten)))
    # format_html_join keeps the points safe markup; a "".join of format_html results would be
    # a plain string that the outer format_html escapes (it once printed "&lt;circle").
    stippen = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="#0b4f6c"><title>{}: {}{}</title></circle>'
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" '
        'font-family="sans-serif" fill="#212529">{}</text>',
        (
            (f"{x:.1f}", f"{y:.1f}", label, f"{w:g}", eenheid, f"{x:.1f}", hoogte - 6, label)
            for (label, w), (x, y) in ((p, xy(i, p[1])) for i, p in enumerate(punten))
        ),
    )
    alt = f"{titel}: " + ", ".join(f"{label} {w:g}{eenheid}" for label, w in punten)
    as_tekst = format_html(
        '<text x="4" y="{}" font-size="11" font-family="sans-serif" fill="#212529">{}</text>'
        '<text x="4" y="{}" font-size="11" font-family="sans-serif" fill="#212529">{}</text>',
        marge_b + 4,
        f"{hoog:g}",
        hoogte - marge_o,
        f"{laag:g}",
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" width="{}" height="{}" '
        'viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>{}'
        '<polyline points="{}" fill="none" stroke="#0b4f6c" stroke-width="2"/>{}</svg>',
        breedte,
        hoogte,
        breedte,
        hoogte,
        alt,
        alt,
        as_tekst,
        lijn,
        stippen,
    )


def _samen(delen: list[SafeString]) -> SafeString:
    """Safe fragments side by side, still safe."""
    return format_html_join("", "{}", ((deel,) for deel in delen))


__all__ = ["Segment", "gestapelde_balk", "legenda", "lijngrafiek", "voortgangsbalk"]
