"""Safe accommodation pages."""

from django.urls import path

from onestory.accommodation.views import board, figures, fund, manage, placements, sanctuary, stays

app_name = "accommodation"

urlpatterns = [
    path("schemes/", manage.scheme_list, name="schemes"),
    path("schemes/new/", manage.new_scheme, name="new_scheme"),
    path("schemes/<int:scheme_id>/", manage.scheme_detail, name="scheme"),
    path("schemes/<int:scheme_id>/change/", manage.edit_scheme, name="edit_scheme"),
    path("schemes/<int:scheme_id>/units/new/", manage.new_unit, name="new_unit"),
    path("schemes/<int:scheme_id>/confirm/", manage.confirm_vacancies, name="confirm_vacancies"),
    path("units/<int:unit_id>/change/", manage.edit_unit, name="edit_unit"),
    path("units/<int:unit_id>/out-of-use/", manage.out_of_use, name="out_of_use"),
    path("units/<int:unit_id>/back-in-use/", manage.back_in_use, name="back_in_use"),
    path("vacancies/", board.vacancies, name="vacancies"),
    path("figures/", figures.figures_page, name="figures"),
    path("fund/", fund.fund_page, name="fund"),
    path("fund/budget/", fund.set_budget, name="set_budget"),
    path("people/<int:person_id>/fund/new/", fund.apply, name="fund_apply"),
    path("fund/grants/<int:fund_grant_id>/", fund.grant_detail, name="fund_grant"),
    path("placements/", placements.placement_list, name="placements"),
    path("people/<int:person_id>/placements/new/", placements.new_placement, name="new_placement"),
    path(
        "placements/<int:placement_request_id>/",
        placements.placement_detail,
        name="placement",
    ),
    path("asks/<int:placement_ask_id>/answer/", placements.answer_ask, name="answer_ask"),
    path("asks/<int:placement_ask_id>/offer/", placements.answer_offer, name="answer_offer"),
    path("asks/<int:placement_ask_id>/arrive/", stays.arrive, name="arrive"),
    path("stays/<int:stay_id>/", stays.stay_detail, name="stay"),
    path("stays/<int:stay_id>/depart/", stays.depart, name="depart"),
    path("people/<int:person_id>/sanctuary/new/", sanctuary.new_install, name="new_install"),
    path("sanctuary/<int:sanctuary_install_id>/", sanctuary.install_detail, name="install"),
    path(
        "sanctuary/<int:sanctuary_install_id>/permission/",
        sanctuary.install_permission,
        name="install_permission",
    ),
    path(
        "sanctuary/<int:sanctuary_install_id>/review/",
        sanctuary.install_review,
        name="install_review",
    ),
    path("vacancies/out-of-area/new/", board.list_vacancy, name="list_vacancy"),
    path(
        "vacancies/out-of-area/<int:listed_vacancy_id>/remove/",
        board.remove_listed,
        name="remove_listed",
    ),
]
