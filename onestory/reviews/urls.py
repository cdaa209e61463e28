"""Review pages, under /reviews/."""

from django.urls import path

from onestory.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("new/", views.notify, name="notify"),
    path("board/", views.board, name="board"),
    path("recommendations/", views.our_recommendations, name="ours"),
    path("recommendations/<int:recommendation_id>/", views.recommendation, name="recommendation"),
    path(
        "chronologies/<int:chronology_request_id>/received/",
        views.chronology_received,
        name="chronology-received",
    ),
    path("<int:review_id>/", views.review_detail, name="review"),
    path("<int:review_id>/decision/", views.decide, name="decide"),
    path("<int:review_id>/panel/", views.panel, name="panel"),
    path("<int:review_id>/chronologies/", views.chronologies, name="chronologies"),
    path("<int:review_id>/stages/", views.stages, name="stages"),
    path("<int:review_id>/recommendations/new/", views.add_recommendation, name="add"),
]
