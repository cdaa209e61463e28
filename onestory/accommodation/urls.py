"""Safe accommodation pages."""

from django.urls import path

from onestory.accommodation.views import manage

app_name = "accommodation"

urlpatterns = [
    path("schemes/", manage.scheme_list, name="schemes"),
    path("schemes/new/", manage.new_scheme, name="new_scheme"),
    path("schemes/<int:scheme_id>/", manage.scheme_detail, name="scheme"),
    path("schemes/<int:scheme_id>/change/", manage.edit_scheme, name="edit_scheme"),
    path("schemes/<int:scheme_id>/units/new/", manage.new_unit, name="new_unit"),
    path("units/<int:unit_id>/change/", manage.edit_unit, name="edit_unit"),
    path("units/<int:unit_id>/out-of-use/", manage.out_of_use, name="out_of_use"),
    path("units/<int:unit_id>/back-in-use/", manage.back_in_use, name="back_in_use"),
]
