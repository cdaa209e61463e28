"""The REST API, version 1, under /api/v1/. Each app adds its routes here."""

from django.urls import path

from onestory.api.views import OpenApiSchema
from onestory.people import api as people_api

app_name = "api"

urlpatterns = [
    path("openapi.json", OpenApiSchema.as_view(), name="openapi"),
    path("persons/<int:person_id>/", people_api.PersonDetail.as_view(), name="person"),
]
