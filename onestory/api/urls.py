"""The REST API, version 1, under /api/v1/. Each app adds its routes here."""

from django.urls import path

from onestory.api import tokens as tokens_api
from onestory.api.views import OpenApiSchema
from onestory.intake import api as intake_api
from onestory.people import api as people_api
from onestory.risk import api as risk_api

app_name = "api"

urlpatterns = [
    path("openapi.json", OpenApiSchema.as_view(), name="openapi"),
    path("persons/<int:person_id>/", people_api.PersonDetail.as_view(), name="person"),
    path("persons/search", people_api.PersonSearch.as_view(), name="person-search"),
    path(
        "persons/<int:person_id>/risk-assessments/",
        risk_api.PersonRiskAssessments.as_view(),
        name="person-risk-assessments",
    ),
    path("referrals/", intake_api.ReferralCreate.as_view(), name="referrals"),
    path("tokens/", tokens_api.TokenList.as_view(), name="tokens"),
    path("tokens/<int:token_id>/revoke", tokens_api.TokenRevoke.as_view(), name="token-revoke"),
]
