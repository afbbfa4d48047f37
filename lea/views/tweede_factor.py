"""The second-factor pages: enrolment with a QR code drawn here, the code after the password,
backup codes, and switching it off (lea/tweede_factor.py holds the rules and the writes)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from lea.tweede_factor import (
    app_in_te_richten,
    app_van,
    code_controleer,
    geheim_van,
    is_geverifieerd,
    is_reservecode,
    is_verplicht,
    qr_svg,
    reservecodes_over,
    reservecodes_vernieuw,
    tweede_factor_bevestig,
    tweede_factor_verwijder,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        strip=True,
        error_messages={"required": "Vul de code in."},
    )


def _volgende(request: HttpRequest) -> str:
    """Where to go after the second factor: the page asked for, if it is one of ours."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    veilig = url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return volgende if veilig else reverse("home")


def _geverifieerd(request: HttpRequest) -> bool:
    return is_geverifieerd(request.user)


def _naar_code(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('tweede_factor_code')}?{urlencode({'next': _volgende(request)})}")


def _aangemeld(request: HttpRequest, apparaat: Any) -> None:
    """The session has passed its second factor; a new session key for the higher trust."""
    otp_login(request, apparaat)
    request.session.cycle_key()


@login_required
@never_cache
def tweede_factor(request: HttpRequest) -> HttpResponse:
    """The user's own page: whether a second factor is set, backup codes, switch off."""
    gebruiker = request.user
    app = app_van(gebruiker)
    return render(
        request,
        "registration/tweede_factor.html",
        {
            "app": app,
            "reservecodes": reservecodes_over(gebruiker) if app else 0,
            "verplicht": is_verplicht(gebruiker),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def tweede_factor_inrichten(request: HttpRequest) -> HttpResponse:
    """Enrolment: scan the QR code (or type the secret), confirm with a code from the app."""
    gebruiker = request.user
    vervangt = app_van(gebruiker) is not None
    if vervangt and not _geverifieerd(request):
        # An app is set: a new one only after its code, or the password alone would do.
        return _naar_code(request)
    apparaat = app_in_te_richten(gebruiker)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = tweede_factor_bevestig(
                apparaat=apparaat, code=form.cleaned_data["code"], request=request
            )
        except ValidationError as fout:
            form.add_error("code", fout)
        else:
            _aangemeld(request, apparaat)
            return render(
                request,
                "registration/tweede_factor_reservecodes.html",
                {"codes": codes, "volgende": _volgende(request), "nieuw": True},
            )
    return render(
        request,
        "registration/tweede_factor_inrichten.html",
        {
            "form": form,
            "geheim": geheim_van(apparaat),
            "volgende": _volgende(request),
            "verplicht": is_verplicht(gebruiker),
            "vervangt": vervangt,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD"])
def tweede_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the app being enrolled, as SVG (an <img> of the enrolment page)."""
    gebruiker = request.user
    if app_van(gebruiker) is not None and not _geverifieerd(request):
        raise Http404("Er wordt geen tweede factor ingesteld.")
    return HttpResponse(qr_svg(app_in_te_richten(gebruiker)), content_type="image/svg+xml")


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def tweede_factor_code(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the app, or a backup code."""
    gebruiker = request.user
    if _geverifieerd(request):
        return redirect(_volgende(request))
    if app_van(gebruiker) is None:
        return redirect(
            f"{reverse('tweede_factor_inrichten')}?{urlencode({'next': _volgende(request)})}"
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            apparaat = code_controleer(
                gebruiker=gebruiker, code=form.cleaned_data["code"], request=request
            )
        except ValidationError as fout:
            form.add_error("code", fout)
        else:
            _aangemeld(request, apparaat)
            if is_reservecode(apparaat):
                over = reservecodes_over(gebruiker)
                messages.warning(
                    request,
                    f"U bent ingelogd met een reservecode; u heeft er nog {over}. Maak nieuwe "
                    "reservecodes op de pagina Tweede factor als ze opraken.",
                )
            return redirect(_volgende(request))
    return render(
        request,
        "registration/tweede_factor_code.html",
        {"form": form, "volgende": _volgende(request)},
    )


@login_required
@never_cache
@require_POST
def tweede_factor_reservecodes(request: HttpRequest) -> HttpResponse:
    """Ten new backup codes, shown once; the old ones stop working."""
    try:
        codes = reservecodes_vernieuw(gebruiker=request.user, request=request)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("tweede_factor")
    return render(
        request,
        "registration/tweede_factor_reservecodes.html",
        {"codes": codes, "volgende": reverse("tweede_factor"), "nieuw": False},
    )


@login_required
@require_POST
def tweede_factor_uitzetten(request: HttpRequest) -> HttpResponse:
    """Switch one's own second factor off (not for a login that must have one)."""
    try:
        tweede_factor_verwijder(gebruiker=request.user, request=request)
    except ValidationError as fout:
        raise PermissionDenied(" ".join(fout.messages)) from None
    messages.success(request, "Uw tweede factor staat uit. U logt voortaan in met uw wachtwoord.")
    return redirect("tweede_factor")
