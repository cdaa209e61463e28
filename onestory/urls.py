"""The site's URL map: one include per app."""

from django.urls import include, path

urlpatterns = [
    path("", include("onestory.core.urls")),
    path("account/", include("onestory.accounts.urls")),
    path("account/tokens/", include("onestory.accounts.token_urls")),
    path("people/", include("onestory.people.urls")),
    path("", include("onestory.intake.urls")),
    path("risk/", include("onestory.risk.urls")),
    path("cases/", include("onestory.cases.urls")),
    path("people/", include("onestory.cases.timeline_urls")),
    path("directory/", include("onestory.directory.urls")),
    path("onward-referrals/", include("onestory.referrals.urls")),
    path("marac/", include("onestory.marac.urls")),
    path("access/", include("onestory.access.urls")),
    path("api/v1/", include("onestory.api.urls")),
]

# Not found: JSON for the API, the usual page elsewhere.
handler404 = "onestory.api.views.not_found"
handler403 = "onestory.core.views.permission_denied"
handler500 = "onestory.core.views.server_error"
