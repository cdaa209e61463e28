"""Forms for signing in, two-step verification and managing staff accounts."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator

from onestory.accounts import rules
from onestory.accounts.models import Agency, User


class SignInForm(AuthenticationForm):
    """Django's sign-in form with the service's own wording."""

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your manager to switch it on.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].widget.attrs.update({"spellcheck": "false", "autofocus": False})
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class TwoStepCodeForm(forms.Form):
    """The 6-digit code an authenticator app shows. Spaces and dashes are ignored."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows now, for example 123456.",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("The code must be 6 digits, like 123456.")
        return code


def _role_choices(by) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in rules.grantable_roles(by)]


def _check_password(password: str, user: User) -> str:
    validate_password(password, user=user)
    return password


class TemporaryPasswordField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label="Temporary password",
            help_text=(
                "At least 12 characters, not a common password and not like their name. "
                "Give it to them in person or by phone, never by email."
            ),
            strip=False,
            error_messages={"required": "Enter a temporary password."},
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            **kwargs,
        )


class AddStaffForm(forms.Form):
    """A new member of staff. A system administrator also chooses the agency."""

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        label="Agency",
        empty_label="Choose an agency",
        error_messages={"required": "Choose the agency they work for."},
    )
    username = forms.CharField(
        label="Username",
        help_text="What they type to sign in: letters, digits and @ . + - _ only.",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        error_messages={"required": "Enter a username."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter their first name."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={"required": "Enter their last name."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Work email address",
        error_messages={
            "required": "Enter their work email address.",
            "invalid": "Enter an email address in the right format, like name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    job_title = forms.CharField(
        label="Job title", max_length=200, required=False, widget=forms.TextInput()
    )
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role.", "invalid_choice": "Choose a role."},
    )
    password = TemporaryPasswordField()

    def __init__(self, *args, by: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.by = by
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = _role_choices(by)
        if not rules.manages_all_agencies(by):
            del self.fields["agency"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken. Choose another.")
        return username

    def _agency(self) -> Agency | None:
        return self.cleaned_data.get("agency") if "agency" in self.fields else self.by.agency

    def chosen_agency(self) -> Agency:
        """The agency chosen (a system administrator), or the manager's own."""
        agency = self._agency()
        assert agency is not None  # clean() refuses a form without one
        return agency

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "agency" not in self.fields and self._agency() is None:
            self.add_error(None, "You work for no agency, so you cannot add staff to one.")
        password = cleaned.get("password")
        if password:
            candidate = User(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                _check_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role.", "invalid_choice": "Choose a role."},
    )

    def __init__(self, *args, by: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = _role_choices(by)


class TemporaryPasswordForm(forms.Form):
    password = TemporaryPasswordField()

    def __init__(self, *args, account: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.account = account

    def clean_password(self) -> str:
        return _check_password(self.cleaned_data["password"], self.account)


class AgencyFilterForm(forms.Form):
    """A system administrator narrows the staff list to one agency."""

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(), label="Agency", required=False, empty_label="All agencies"
    )
