"""The site's URL map: one include per app."""

from django.urls import include, path

urlpatterns = [
    path("", include("onestory.core.urls")),
    path("account/", include("onestory.accounts.urls")),
    path("account/tokens/", include("onestory.accounts.token_urls")),
    path("people/", include("onestory.people.urls")),
    path("", include("onestory.intake.urls")),
    path("risk/", include("onestory.risk.urls")),
    path("access/", include("onestory.access.urls")),
    path("api/v1/", include("onestory.api.urls")),
]

# Not found: JSON for the API, the usual page elsewhere.
handler404 = "onestory.api.views.not_found"
