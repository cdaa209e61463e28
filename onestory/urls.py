"""The site's URL map: one include per app."""

from django.urls import include, path

urlpatterns = [
    path("", include("onestory.core.urls")),
    path("account/", include("onestory.accounts.urls")),
    path("people/", include("onestory.people.urls")),
    path("api/v1/", include("onestory.api.urls")),
]
