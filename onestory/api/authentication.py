"""How a request to the API says who is asking.

- A program sends ``Authorization: Bearer <token>`` with an API token. The token acts as
  the member of staff it was issued to, under the same role and access policy. A token
  that is revoked or expired, or whose account is switched off or may no longer use the
  API, is refused on the very next request.
- The browser uses the signed-in session, but only once two-step verification is done;
  a session half-way through signing in counts as nobody.

Anyone else gets 401 with ``WWW-Authenticate: Bearer``, because the bearer scheme comes
first in ``REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]``.
"""

from __future__ import annotations

from typing import NoReturn

from django.conf import settings
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed

from onestory import audit
from onestory.accounts.models import ApiToken, User
from onestory.accounts.models.tokens import hash_token
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction

KEYWORD = "Bearer"
# A real token is about 56 characters; anything far longer is not one, and is not hashed.
LONGEST_TOKEN = 200


class BearerTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer os_…``: an API token issued to one member of staff."""

    keyword = KEYWORD

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != self.keyword.lower().encode():
            return None
        if len(words) != 2:
            raise AuthenticationFailed(
                "Send the header as 'Authorization: Bearer <token>', with the token and nothing "
                "else after the word Bearer."
            )
        try:
            plain = words[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed("This API token is not recognised.") from None
        if len(plain) > LONGEST_TOKEN:
            raise AuthenticationFailed("This API token is not recognised.")
        return self._check(request, plain)

    def _check(self, request, plain: str) -> tuple[User, ApiToken]:
        token = (
            ApiToken.objects.select_related("user").filter(secret_hash=hash_token(plain)).first()
        )
        if token is None:
            self._refuse(request, None, "This API token is not recognised.")
        now = timezone.now()
        user = token.user
        if token.revoked_at is not None:
            self._refuse(request, token, "This API token has been revoked.")
        if token.is_expired(now):
            self._refuse(request, token, "This API token has expired.")
        if not user.is_active:
            self._refuse(request, token, "The account this API token belongs to is switched off.")
        if not user.has_permission(Permission.USE_API):
            self._refuse(
                request, token, "The account this API token belongs to may not use the API."
            )
        token.note_use(now)
        # Lets middleware tell a token's request from a browser session's.
        request._request.api_token = token
        # Anything that asks whether this request did two-step verification hears "no":
        # a token is one secret, not two steps.
        user.otp_device = None
        user.is_verified = lambda: False
        return user, token

    def _refuse(self, request, token: ApiToken | None, message: str) -> NoReturn:
        # ``request.user`` must not be touched here: it is what is being worked out.
        audit.record(
            action=AuditAction.SIGN_IN_FAILED,
            request=request._request,
            obj=token,
            username=token.user.username if token is not None else "",
            reason=f"API token refused: {message}",
        )
        raise AuthenticationFailed(message)

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class VerifiedSessionAuthentication(SessionAuthentication):
    """The browser's session, counted only once its two-step verification is done."""

    def authenticate(self, request):
        user = getattr(request._request, "user", None)
        is_verified = getattr(user, "is_verified", None)
        if is_verified is None or not is_verified():
            return None
        return super().authenticate(request)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Describes the bearer token in the OpenAPI schema."""

    target_class = BearerTokenAuthentication
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=KEYWORD, bearer_format="OneStory API token"
        )
        definition["description"] = (
            "An API token from the API tokens page or the issue-token command, sent as "
            "'Authorization: Bearer os_…'."
        )
        return definition


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    """Describes the browser's session cookie in the OpenAPI schema."""

    target_class = VerifiedSessionAuthentication
    name = "sessionCookie"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "A signed-in session whose two-step verification is done.",
        }
