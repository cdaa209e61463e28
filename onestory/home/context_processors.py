"""Values every template can use."""

from django.conf import settings
from django.http import HttpRequest

from onestory.home import navigation


def service(request: HttpRequest) -> dict[str, object]:
    return {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": not settings.PRODUCTION,
        "navigation": navigation.for_request(request),
    }
