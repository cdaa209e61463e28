from django.urls import path

from onestory.linkage import views

app_name = "linkage"

urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("pairs/<int:candidate_link_id>/", views.review_link, name="link"),
    path("model/", views.model_parameters, name="model"),
    path("findings/", views.findings, name="findings"),
    path("persons/<int:person_id>/", views.person_links, name="person"),
]
