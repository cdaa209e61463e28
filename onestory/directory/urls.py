from django.urls import path

from onestory.directory import manage, views

app_name = "directory"

urlpatterns = [
    path("", views.services, name="services"),
    path("services/<int:service_id>/", views.service_detail, name="service"),
    path(
        "services/<int:service_id>/locations/",
        views.own_service_locations,
        name="own-locations",
    ),
    path("manage/", manage.manage, name="manage"),
    path("manage/new/", manage.new_service, name="new"),
    path("manage/<int:service_id>/", manage.edit_service, name="edit"),
    path("manage/<int:service_id>/contacts/", manage.contacts, name="contacts"),
    path("manage/<int:service_id>/locations/", manage.manage_locations, name="locations"),
]
