"""Public pages (start, staying safe online, exit) and the signed-in home page."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from onestory.accounts.decorators import public_view, signed_in_view
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
        "attention": dashboard.attention_for(request.user),
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
