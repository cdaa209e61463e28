"""Pages for work with people who use harm."""

from django.urls import path

from onestory.harm import views

app_name = "harm"

urlpatterns = [
    path("", views.intervention_list, name="list"),
    path("referrals/new/", views.new_referral, name="new_referral"),
    path("referrals/from-onward/<int:onward_referral_id>/", views.from_onward, name="from_onward"),
    path("interventions/<int:intervention_id>/", views.intervention_detail, name="intervention"),
    path("interventions/<int:intervention_id>/assess/", views.assess, name="assess"),
    path("interventions/<int:intervention_id>/sessions/new/", views.new_session, name="session"),
    path("interventions/<int:intervention_id>/risk/new/", views.new_review, name="review"),
    path("interventions/<int:intervention_id>/events/new/", views.new_event, name="event"),
    path("interventions/<int:intervention_id>/end/", views.end, name="end"),
    path("alerts/", views.alerts, name="alerts"),
    path("figures/", views.figures_page, name="figures"),
    path("people/<int:person_id>/orders/new/", views.new_order, name="new_order"),
    path("orders/<int:order_id>/breach/", views.new_breach, name="breach"),
    path("people/<int:person_id>/family/new/", views.open_family, name="open_family"),
    path("families/", views.family_list, name="families"),
    path("families/<int:family_id>/", views.family_detail, name="family"),
    path("families/<int:family_id>/members/new/", views.add_member, name="add_member"),
    path("families/<int:family_id>/goals/new/", views.add_goal, name="add_goal"),
]
