"""Training pages, under /training/."""

from django.urls import path

from onestory.training import views

app_name = "training"

urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("courses/", views.courses, name="courses"),
    path("sessions/new/", views.new_session, name="new-session"),
    path("sessions/<int:session_id>/", views.session, name="session"),
    path("workforce/", views.workforce, name="workforce"),
    path("reach/", views.reach, name="reach"),
]
