"""API views of the API itself."""

from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny


class OpenApiSchema(SpectacularAPIView):
    """The OpenAPI 3 schema, as JSON. It describes the API; it holds no one's data."""

    public = True
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer]
