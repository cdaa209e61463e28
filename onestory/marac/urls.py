from django.urls import path

from onestory.marac.views import (
    meetings,
    plans,
    quarterly,
    referrals,
)

app_name = "marac"

urlpatterns = [
    path("", plans.dashboard, name="dashboard"),
    path("people/<int:person_id>/", referrals.person_file, name="person"),
    path("people/<int:person_id>/refer/", referrals.refer, name="refer"),
    path("referrals/", referrals.referral_list, name="referrals"),
    path("referrals/<int:marac_referral_id>/", referrals.referral_detail, name="referral"),
    path("referrals/<int:marac_referral_id>/list/", referrals.list_case, name="list-case"),
    path("referrals/<int:marac_referral_id>/decline/", referrals.decline, name="decline"),
    path("referrals/<int:marac_referral_id>/close/", referrals.close, name="close"),
    path("repeats/<int:repeat_flag_id>/", referrals.repeat_flag, name="repeat-flag"),
    path("maracs/", meetings.marac_list, name="maracs"),
    path("maracs/new/", meetings.marac_new, name="marac-new"),
    path("maracs/<int:marac_id>/", meetings.marac_detail, name="marac"),
    path("maracs/<int:marac_id>/members/", meetings.marac_members, name="marac-members"),
    path("maracs/<int:marac_id>/meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("meetings/<int:marac_meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:marac_meeting_id>/held/", meetings.mark_held, name="meeting-held"),
    path(
        "meetings/<int:marac_meeting_id>/minutes.pdf",
        meetings.meeting_minutes,
        name="meeting-minutes",
    ),
    path("agenda/<int:agenda_item_id>/", meetings.discussion, name="discussion"),
    path("agenda/<int:agenda_item_id>/research/", meetings.research, name="research"),
    path("agenda/<int:agenda_item_id>/actions/new/", meetings.add_action, name="add-action"),
    path("actions/", plans.action_list, name="actions"),
    path("actions/<int:marac_action_id>/", plans.action_detail, name="action"),
    path("quarterly/", quarterly.quarterly_page, name="quarterly"),
    path("quarterly.csv", quarterly.quarterly_csv, name="quarterly-csv"),
    path("quarterly.xlsx", quarterly.quarterly_xlsx, name="quarterly-xlsx"),
]
