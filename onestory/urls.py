"""The site's URL map: one include per app."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = [
    path("account/", include("onestory.accounts.urls")),
    path("account/tokens/", include("onestory.accounts.tokens.urls")),
    path("people/", include("onestory.records.urls")),
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
    path("returns/", include("onestory.returns.urls")),
    path("training/", include("onestory.training.urls")),
    path("access/", include("onestory.access.urls")),
    path("linkage/", include("onestory.linkage.urls")),
    path("api/v1/", include("onestory.api.urls")),
]

# The apps with public pages answer in English at their own addresses and in each other
# configured language under /<code>/ (/ar/contact-us/): the address is the only place a
# language is chosen, so switching sets no cookie (docs/decisions/0066).
urlpatterns += i18n_patterns(
    path("", include("onestory.home.urls")),
    path("", include("onestory.intake.urls")),
    path("", include("onestory.voice.urls")),
    prefix_default_language=False,
)

# The service's own error pages (JSON for the API's missing addresses).
handler404 = "onestory.home.views.page_not_found"
handler403 = "onestory.home.views.permission_denied"
handler500 = "onestory.home.views.server_error"
