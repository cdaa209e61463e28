"""The person's timeline lives beside the person's page, under /people/."""

from django.urls import path

from onestory.cases.views import timeline

app_name = "timeline"

urlpatterns = [
    path("<int:person_id>/timeline/", timeline.person_timeline, name="person"),
]
