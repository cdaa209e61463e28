"""Feedback addresses: the public form under /feedback/, the staff pages under /service-feedback/.

The public address names nothing but feedback; the token in it is the only key.
"""

from django.urls import path

from onestory.voice import views

app_name = "voice"

urlpatterns = [
    path("feedback/<str:feedback_token>/", views.give_feedback, name="give"),
    path("service-feedback/cases/<int:case_id>/", views.case_link, name="case-link"),
    path("service-feedback/front-door/<int:referral_id>/", views.contact_link, name="contact-link"),
    path("service-feedback/check/", views.words_to_check, name="to-check"),
    path("service-feedback/check/<uuid:response_id>/", views.check_response, name="check"),
    path("service-feedback/figures/", views.figures, name="figures"),
]
