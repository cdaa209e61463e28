from django.urls import path

from onestory.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.assessment, name="assessment"),
    path("pack.xlsx", views.pack_xlsx, name="pack-xlsx"),
    path("pack.pdf", views.pack_pdf, name="pack-pdf"),
    path("commentary/", views.save_commentary, name="commentary"),
    path("plan/", views.plan_page, name="plan"),
    path("plan.xlsx", views.plan_xlsx, name="plan-xlsx"),
    path("annual-report.xlsx", views.annual_report, name="annual-report"),
    path("plan/priorities/new/", views.new_priority, name="new-priority"),
    path(
        "plan/priorities/<int:priority_id>/objectives/new/",
        views.new_objective,
        name="new-objective",
    ),
    path("plan/objectives/<int:objective_id>/actions/new/", views.new_action, name="new-action"),
    path("plan/actions/<int:delivery_action_id>/update/", views.new_update, name="update"),
]
