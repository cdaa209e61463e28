"""The API tokens page: list your own tokens, issue one (shown once) and revoke one."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from onestory.accounts.decorators import StaffRequest, staff_view
from onestory.accounts.roles import Permission
from onestory.accounts.tokens.access import get_token_for_user, own_tokens
from onestory.accounts.tokens.actions import TokenRefused, issue_token, revoke_token

EXPIRY_CHOICES = [("30", "30 days"), ("90", "90 days"), ("365", "1 year")]


class IssueTokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What the token is for, so you can tell it apart later. "
        "For example, 'Weekly caseload report'.",
        error_messages={
            "required": "Enter a name for the token",
            "max_length": "Name must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    expires_in_days = forms.TypedChoiceField(
        label="How long should it work?",
        choices=EXPIRY_CHOICES,
        coerce=int,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how long the token should work",
            "invalid_choice": "Select how long the token should work",
        },
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter a name for the token")
        return name


@staff_view(Permission.USE_API)
def token_list(request: StaffRequest) -> HttpResponse:
    form = IssueTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, plain = issue_token(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_in_days=form.cleaned_data["expires_in_days"],
                by=request.user,
                request=request,
            )
        except TokenRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            # Shown in this one answer and never again; the page is never cached.
            return render(request, "accounts/tokens_issued.html", {"token": token, "plain": plain})
    tokens = own_tokens(request.user)
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens})


@staff_view(Permission.USE_API)
def token_revoke(request: StaffRequest, token_id: int) -> HttpResponse:
    token = get_token_for_user(request, token_id)
    if request.method == "POST":
        if revoke_token(token=token, by=request.user, request=request):
            messages.success(request, f"The token ‘{token.name}’ has been revoked.")
        else:
            messages.info(request, f"The token ‘{token.name}’ was already revoked.")
        return redirect("tokens:list")
    return render(request, "accounts/tokens_revoke.html", {"token": token})
