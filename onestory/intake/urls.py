"""The front door's addresses: the public forms under /contact-us/, staff pages under /front-door/.

The public addresses say nothing about abuse, as they show in a browser's history.
"""

from django.urls import path

from onestory.intake.views import figures, linking, phone, public, triage

app_name = "intake"

urlpatterns = [
    path("contact-us/", public.before_you_start, name="before-you-start"),
    path("contact-us/form/", public.contact_form, name="contact-form"),
    path("contact-us/professionals/", public.professional_form, name="professional-form"),
    path("front-door/", triage.queue, name="queue"),
    path("front-door/take-a-call/", phone.take_referral, name="take-referral"),
    path("front-door/take-a-call/candidates/", phone.candidates, name="candidates"),
    path("front-door/figures/", figures.front_door_figures, name="figures"),
    path("front-door/referrals/<int:referral_id>/", triage.referral_detail, name="referral"),
    path("front-door/referrals/<int:referral_id>/assign/", triage.assign, name="assign"),
    path(
        "front-door/referrals/<int:referral_id>/first-contact/",
        triage.first_contact,
        name="first-contact",
    ),
    path("front-door/referrals/<int:referral_id>/outcome/", triage.outcome, name="outcome"),
    path("front-door/referrals/<int:referral_id>/urgency/", triage.urgency, name="urgency"),
    path("front-door/referrals/<int:referral_id>/person/", linking.link_person, name="link-person"),
    path(
        "front-door/referrals/<int:referral_id>/person/<int:person_id>/",
        linking.compare_and_link,
        name="link-compare",
    ),
]
