from django.urls import path

from onestory.risk import views

app_name = "risk"

urlpatterns = [
    path("persons/<int:person_id>/", views.person_risk, name="person"),
    path("persons/<int:person_id>/dash/new/", views.new_dash, name="new-dash"),
    path("persons/<int:person_id>/dash/declined/", views.declined_dash, name="declined-dash"),
    path("persons/<int:person_id>/incidents/new/", views.new_incident, name="new-incident"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path(
        "assessments/<int:assessment_id>/screens/<str:screen>/",
        views.screen_form,
        name="screen",
    ),
    path("settings/", views.risk_settings, name="settings"),
]
