from django.urls import path

from onestory.records import connect_views, merge_views, search_views, subject_access_views, views

app_name = "people"

urlpatterns = [
    path("search/", search_views.search, name="search"),
    path("new/", views.add_person, name="new"),
    path("<int:person_id>/", views.person_detail, name="person"),
    path("<int:person_id>/details/", views.edit_details, name="edit-details"),
    path("<int:person_id>/names/add/", views.add_name, name="add-name"),
    path("<int:person_id>/contact/add/", views.add_contact_method, name="add-contact"),
    path("<int:person_id>/contact/safe/", views.safe_contact, name="safe-contact"),
    path("<int:person_id>/addresses/add/", views.add_address, name="add-address"),
    path("<int:person_id>/connections/add/", views.add_relationship, name="add-relationship"),
    path("<int:person_id>/connections/find/", connect_views.connect, name="connect"),
    path("<int:person_id>/merge/", merge_views.merge_start, name="merge"),
    path(
        "<int:person_id>/subject-access/",
        subject_access_views.subject_access,
        name="subject-access",
    ),
    path(
        "<int:person_id>/merge/<int:other_person_id>/",
        merge_views.merge_confirm,
        name="merge-confirm",
    ),
]
