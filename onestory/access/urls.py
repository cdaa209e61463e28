from django.urls import path

from onestory.access.views import audit, emergency, shares

app_name = "access"

urlpatterns = [
    path("audit/", audit.audit_log, name="audit-log"),
    path("emergency/", emergency.emergency_access, name="emergency"),
    path("emergency/reviews/", emergency.emergency_reviews, name="emergency-reviews"),
    path(
        "emergency/<int:emergency_id>/review/",
        emergency.emergency_review,
        name="emergency-review",
    ),
    path("people/<int:person_id>/share/", shares.share_record, name="share"),
    path("shares/<int:share_id>/revoke/", shares.revoke_share_page, name="revoke-share"),
]
