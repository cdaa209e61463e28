"""The site's URL map: one include per app."""

from django.urls import include, path

urlpatterns = [
    path("", include("onestory.home.urls")),
    path("account/", include("onestory.accounts.urls")),
    path("account/tokens/", include("onestory.accounts.tokens.urls")),
    path("people/", include("onestory.records.urls")),
    path("", include("onestory.intake.urls")),
    path("risk/", include("onestory.risk.urls")),
    path("cases/", include("onestory.cases.urls")),
    path("people/", include("onestory.cases.timeline_urls")),
    path("directory/", include("onestory.directory.urls")),
    path("onward-referrals/", include("onestory.referrals.urls")),
    path("marac/encompass/", include("onestory.encompass.urls")),
    path("marac/", include("onestory.marac.urls")),
    path("accommodation/", include("onestory.accommodation.urls")),
    path("harm/", include("onestory.harm.urls")),
    path("disclosure/", include("onestory.disclosure.urls")),
    path("reviews/", include("onestory.reviews.urls")),
    path("access/", include("onestory.access.urls")),
    path("linkage/", include("onestory.linkage.urls")),
    path("api/v1/", include("onestory.api.urls")),
]

# The service's own error pages (JSON for the API's missing addresses).
handler404 = "onestory.home.views.page_not_found"
handler403 = "onestory.home.views.permission_denied"
handler500 = "onestory.home.views.server_error"
