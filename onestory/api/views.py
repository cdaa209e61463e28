"""API views of the API itself."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from onestory.accounts.decorators import public_view


class OpenApiSchema(SpectacularAPIView):
    """The OpenAPI 3 schema, as JSON. It describes the API; it holds no one's data."""

    public = True
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer]


@public_view
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404: JSON under /api/, so a program is never handed an HTML page."""
    if request.path.startswith("/api/"):
        message = "There is nothing at this address. See /api/v1/openapi.json for the API."
        return JsonResponse({"detail": message}, status=404)
    return defaults.page_not_found(request, exception)
