"""Operation Encompass pages, under /marac/encompass/ where they have always been."""

from django.urls import path

from onestory.encompass.views import notices, notifications

app_name = "encompass"

urlpatterns = [
    path("", notifications.notice_list, name="notices"),
    path("new/", notifications.find_victim, name="find"),
    path("people/<int:person_id>/new/", notifications.record, name="record"),
    path(
        "notifications/<int:encompass_notification_id>/",
        notifications.notification_detail,
        name="notification",
    ),
    path(
        "notifications/<int:encompass_notification_id>/notices/new/",
        notifications.prepare,
        name="prepare",
    ),
    path("notices/<int:encompass_notice_id>/", notices.notice_detail, name="notice"),
    path("notices/<int:encompass_notice_id>/sent/", notices.record_sent, name="sent"),
    path("notices/<int:encompass_notice_id>/received/", notices.acknowledge, name="received"),
    path("notices/<int:encompass_notice_id>/notice.pdf", notices.notice_pdf, name="pdf"),
]
