from django.urls import path

from onestory.cases.views import caseload, cases, notes, outcomes, plans

app_name = "cases"

urlpatterns = [
    path("", caseload.my_caseload, name="my-caseload"),
    path("team/", caseload.team_caseload, name="team-caseload"),
    path("outcomes/", outcomes.outcomes_report, name="outcomes-report"),
    path("people/<int:person_id>/", cases.person_cases, name="person-cases"),
    path("people/<int:person_id>/open/", cases.open_case, name="open"),
    path("<int:case_id>/", cases.case_detail, name="case"),
    path("<int:case_id>/workers/", cases.change_workers, name="workers"),
    path("<int:case_id>/close/", cases.close_case, name="close"),
    path("<int:case_id>/needs/", plans.record_needs, name="needs"),
    path("<int:case_id>/goals/new/", plans.add_goal, name="add-goal"),
    path("goals/<int:goal_id>/", plans.goal_status, name="goal-status"),
    path("goals/<int:goal_id>/actions/new/", plans.add_plan_action, name="add-action"),
    path("actions/<int:plan_action_id>/done/", plans.complete_plan_action, name="action-done"),
    path("<int:case_id>/safety-plan/", plans.safety_plan, name="safety-plan"),
    path("<int:case_id>/safety-plan/change/", plans.change_safety_plan, name="change-safety-plan"),
    path("<int:case_id>/safety-plan/home/new/", plans.add_hardening, name="add-hardening"),
    path("home-safety/<int:hardening_id>/fitted/", plans.hardening_fitted, name="hardening-fitted"),
    path("<int:case_id>/notes/", notes.all_notes, name="notes"),
    path("<int:case_id>/notes/new/", notes.add_note, name="add-note"),
    path("<int:case_id>/documents/new/", notes.add_document, name="add-document"),
    path("documents/<int:document_id>/", notes.download_document, name="document"),
    path("<int:case_id>/outcomes/new/", outcomes.record_outcomes, name="outcomes"),
]
