"""Feedback addresses: the public form under /feedback/, the staff pages under /service-feedback/.

The public address names nothing but feedback; the token in it is the only key.
"""

from django.urls import path

from onestory.voice import views, views_panel

app_name = "voice"

urlpatterns = [
    path("feedback/<str:feedback_token>/", views.give_feedback, name="give"),
    path("service-feedback/cases/<int:case_id>/", views.case_link, name="case-link"),
    path("service-feedback/front-door/<int:referral_id>/", views.contact_link, name="contact-link"),
    path("service-feedback/check/", views.words_to_check, name="to-check"),
    path("service-feedback/check/<uuid:response_id>/", views.check_response, name="check"),
    path("service-feedback/figures/", views.figures, name="figures"),
    path("you-said-we-did/", views_panel.you_said_we_did, name="you-said-we-did"),
    path("lived-experience-panel/", views_panel.panel_list, name="panel"),
    path("lived-experience-panel/join/", views_panel.panel_join, name="panel-join"),
    path("lived-experience-panel/<int:member_id>/", views_panel.panel_member, name="panel-member"),
    path(
        "lived-experience-panel/<int:member_id>/withdraw/",
        views_panel.panel_withdraw,
        name="panel-withdraw",
    ),
    path("you-said-we-did/log/", views_panel.log, name="log"),
    path("you-said-we-did/log/<int:entry_id>/", views_panel.log_entry, name="log-entry"),
]
