"""The REST API, version 1, under /api/v1/. Each app adds its routes here."""

from django.urls import path

from onestory.accommodation import api as accommodation_api
from onestory.accounts.tokens import api as tokens_api
from onestory.api.views import OpenApiSchema
from onestory.cases import api as cases_api
from onestory.directory import api as directory_api
from onestory.encompass import api as encompass_api
from onestory.harm import api as harm_api
from onestory.intake import api as intake_api
from onestory.linkage import api as linkage_api
from onestory.marac import api as marac_api
from onestory.needs import api as needs_api
from onestory.records import api as people_api
from onestory.referrals import api as referrals_api
from onestory.returns import api as returns_api
from onestory.risk import api as risk_api

app_name = "api"

urlpatterns = [
    path("openapi.json", OpenApiSchema.as_view(), name="openapi"),
    path(
        "accommodation/vacancies",
        accommodation_api.VacancyBoard.as_view(),
        name="accommodation-vacancies",
    ),
    path(
        "accommodation/figures",
        accommodation_api.AccommodationFigures.as_view(),
        name="accommodation-figures",
    ),
    path("harm/figures", harm_api.HarmFigures.as_view(), name="harm-figures"),
    path(
        "returns/statutory",
        returns_api.StatutoryReturnFigures.as_view(),
        name="returns-statutory",
    ),
    path("returns/board", returns_api.BoardReportFigures.as_view(), name="returns-board"),
    path("needs/assessment", needs_api.Assessment.as_view(), name="needs-assessment"),
    path("persons/", people_api.PersonCreate.as_view(), name="persons"),
    path("persons/<int:person_id>/", people_api.PersonDetail.as_view(), name="person"),
    path("persons/search", people_api.PersonSearch.as_view(), name="person-search"),
    path(
        "persons/<int:person_id>/risk-assessments/",
        risk_api.PersonRiskAssessments.as_view(),
        name="person-risk-assessments",
    ),
    path("persons/<int:person_id>/cases/", cases_api.PersonCases.as_view(), name="person-cases"),
    path(
        "persons/<int:person_id>/linked-records",
        linkage_api.PersonLinkedRecords.as_view(),
        name="person-linked-records",
    ),
    path("linkage/queue", linkage_api.QueueCounts.as_view(), name="linkage-queue"),
    path("cases/<int:case_id>", cases_api.CaseDetail.as_view(), name="case"),
    path("referrals/", intake_api.ReferralCreate.as_view(), name="referrals"),
    path(
        "referrals/<int:referral_id>/person",
        intake_api.ReferralPerson.as_view(),
        name="referral-person",
    ),
    path("marac/referrals/", marac_api.ReferralCreate.as_view(), name="marac-referrals"),
    path("marac/meetings/", marac_api.MeetingList.as_view(), name="marac-meetings"),
    path(
        "marac/meetings/<int:marac_meeting_id>/agenda",
        marac_api.MeetingAgenda.as_view(),
        name="marac-agenda",
    ),
    path("marac/actions/", marac_api.ActionList.as_view(), name="marac-actions"),
    path(
        "marac/actions/<int:marac_action_id>",
        marac_api.ActionDetail.as_view(),
        name="marac-action",
    ),
    path("marac/quarterly", marac_api.QuarterlyData.as_view(), name="marac-quarterly"),
    path(
        "marac/encompass/notices/",
        encompass_api.NoticeList.as_view(),
        name="marac-encompass-notices",
    ),
    path(
        "marac/encompass/notices/<int:encompass_notice_id>",
        encompass_api.NoticeDetail.as_view(),
        name="marac-encompass-notice",
    ),
    path(
        "marac/encompass/notices/<int:encompass_notice_id>/sent",
        encompass_api.NoticeSent.as_view(),
        name="marac-encompass-notice-sent",
    ),
    path(
        "marac/encompass/notices/<int:encompass_notice_id>/received",
        encompass_api.NoticeReceived.as_view(),
        name="marac-encompass-notice-received",
    ),
    path("directory/services/", directory_api.ServiceList.as_view(), name="directory-services"),
    path(
        "onward-referrals/",
        referrals_api.OnwardReferralCreate.as_view(),
        name="onward-referrals",
    ),
    path(
        "onward-referrals/<int:onward_referral_id>/accept",
        referrals_api.OnwardReferralAccept.as_view(),
        name="onward-referral-accept",
    ),
    path(
        "onward-referrals/<int:onward_referral_id>/decline",
        referrals_api.OnwardReferralDecline.as_view(),
        name="onward-referral-decline",
    ),
    path(
        "onward-referrals/<int:onward_referral_id>/withdraw",
        referrals_api.OnwardReferralWithdraw.as_view(),
        name="onward-referral-withdraw",
    ),
    path(
        "onward-referrals/<int:onward_referral_id>/complete",
        referrals_api.OnwardReferralComplete.as_view(),
        name="onward-referral-complete",
    ),
    path("tokens/", tokens_api.TokenList.as_view(), name="tokens"),
    path("tokens/<int:token_id>/revoke", tokens_api.TokenRevoke.as_view(), name="token-revoke"),
]
