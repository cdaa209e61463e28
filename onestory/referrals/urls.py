from django.urls import path

from onestory.referrals.views import onward, routing, sending

app_name = "referrals"

urlpatterns = [
    path("", onward.onward_list, name="list"),
    path("<int:onward_referral_id>/", onward.detail, name="detail"),
    path("<int:onward_referral_id>/accept/", onward.accept, name="accept"),
    path("<int:onward_referral_id>/decline/", onward.decline, name="decline"),
    path("<int:onward_referral_id>/withdraw/", onward.withdraw, name="withdraw"),
    path("<int:onward_referral_id>/complete/", onward.complete, name="complete"),
    path("people/<int:person_id>/services/", routing.for_person, name="for-person"),
    path("front-door/<int:referral_id>/services/", routing.for_referral, name="for-referral"),
    path(
        "people/<int:person_id>/refer/<int:service_id>/",
        sending.send,
        name="send",
    ),
]
