from django.urls import path

from onestory.accounts.views import mfa, password_reset, roles, sign_in, staff

app_name = "accounts"

urlpatterns = [
    path("sign-in/", sign_in.sign_in, name="sign-in"),
    path("sign-out/", sign_in.sign_out, name="sign-out"),
    path("signed-out/", sign_in.signed_out, name="signed-out"),
    path("password-reset/", password_reset.request_reset, name="password-reset"),
    path("password-reset/sent/", password_reset.reset_sent, name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        password_reset.new_password,
        name="password-reset-confirm",
    ),
    path("password-reset/done/", password_reset.reset_done, name="password-reset-done"),
    path("two-step/", mfa.two_step, name="mfa"),
    path("two-step/set-up/", mfa.enrol, name="mfa-enrol"),
    path("two-step/check/", mfa.verify, name="mfa-verify"),
    path("roles/", roles.roles, name="roles"),
    path("staff/", staff.staff_list, name="staff"),
    path("staff/add/", staff.add_staff, name="staff-add"),
    path("staff/<int:user_id>/", staff.staff_account, name="staff-account"),
    path("staff/<int:user_id>/role/", staff.change_role, name="staff-role"),
    path("staff/<int:user_id>/switch/", staff.switch_account, name="staff-switch"),
    path("staff/<int:user_id>/two-step/", staff.reset_two_step, name="staff-two-step"),
    path("staff/<int:user_id>/password/", staff.temporary_password, name="staff-password"),
]
