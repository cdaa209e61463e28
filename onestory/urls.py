"""The site's URL map: one include per app."""

from django.urls import include, path

urlpatterns = [
    path("", include("onestory.core.urls")),
    path("account/", include("onestory.accounts.urls")),
]
