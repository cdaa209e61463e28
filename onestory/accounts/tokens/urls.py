"""The API tokens pages, mounted at /account/tokens/."""

from django.urls import path

from onestory.accounts.tokens import views as token_views

app_name = "tokens"

urlpatterns = [
    path("", token_views.token_list, name="list"),
    path("<int:token_id>/revoke/", token_views.token_revoke, name="revoke"),
]
