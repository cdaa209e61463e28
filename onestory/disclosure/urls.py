"""Disclosure scheme pages, under /disclosure/."""

from django.urls import path

from onestory.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("", views.application_list, name="applications"),
    path("new/", views.new_application, name="new"),
    path("<int:application_id>/", views.application_detail, name="application"),
    path("<int:application_id>/meeting/", views.meeting, name="meeting"),
    path("<int:application_id>/risk/", views.risk, name="risk"),
    path("<int:application_id>/checks/", views.checks, name="checks"),
    path("<int:application_id>/decision/", views.decision, name="decision"),
    path("<int:application_id>/disclosure/", views.disclose, name="disclose"),
    path("<int:application_id>/link/", views.link, name="link"),
    path("checks/", views.agency_checks, name="agency-checks"),
    path("checks/<int:agency_check_id>/", views.agency_check, name="agency-check"),
]
