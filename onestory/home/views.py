"""Public pages (start, staying safe online, exit), the signed-in home page, and the
service's own error pages (403, 404, 429, 500)."""

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from onestory.accounts.decorators import public_view, signed_in_view
from onestory.accounts.roles import RoleCannot
from onestory.api import views as api_views
from onestory.home import dashboard, navigation


@public_view
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "home/start.html")


@public_view
@require_GET
def staying_safe_online(request: HttpRequest) -> HttpResponse:
    return render(request, "home/staying_safe_online.html")


@public_view
@never_cache
def exit_page(request: HttpRequest) -> HttpResponse:
    """Forget anything this browser's session holds, then leave for a neutral site.

    "Exit this page" points here so a half-finished form is not left in the session.
    """
    request.session.flush()
    response = HttpResponseRedirect(settings.EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    return response


@signed_in_view
def home(request: HttpRequest) -> HttpResponse:
    in_navigation = {item["url"] for item in navigation.for_request(request)}
    context = {
        "queues": dashboard.queues_for(request.user),
        "tiles": dashboard.tiles_for(request.user, leave_out=in_navigation),
    }
    return render(request, "home/home.html", context)


@public_view
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and the benchmark: the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token: say so plainly, on a neutral page.

    Public forms are often left open for a while or sent again from another tab; the page
    must not alarm anyone, name the service's subject in its title, or show Django's page.
    """
    return render(request, "home/form_expired.html", status=403)


def _error_page(
    request: HttpRequest, template: str, status: int, context: dict | None = None
) -> HttpResponse:
    """An error page in the service's own layout (staff or public), with a way back."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    context = {
        **(context or {}),
        "layout": "layouts/staff.html" if signed_in else "layouts/public.html",
        "signed_in": signed_in,
    }
    return render(request, template, context, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: say what cannot be done and, when a role is missing, which roles can do it."""
    message = str(exception.args[0]) if exception and exception.args else ""
    who_can = exception.who_can if isinstance(exception, RoleCannot) else []
    return _error_page(request, "errors/403.html", 403, {"message": message, "who_can": who_can})


@public_view
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: JSON under /api/, so a program is never handed a page; the service's page
    elsewhere."""
    if request.path.startswith("/api/"):
        return api_views.not_found(request, exception)
    return _error_page(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: the page itself must not fail, so it falls back to the plainest page it can."""
    try:
        return _error_page(request, "errors/500.html", 500)
    except Exception:  # the error page of last resort must not fail
        logging.getLogger(__name__).exception("the error page failed")
        return HttpResponse(
            render_to_string("errors/500_plain.html"), status=500, content_type="text/html"
        )
