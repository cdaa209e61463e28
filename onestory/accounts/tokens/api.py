"""The API tokens API: list your own tokens, and revoke one.

Tokens are issued on the API tokens page or with the ``issue-token`` command, never through
the API, so a stolen token cannot make more of itself. No answer ever holds a token's hash.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory.accounts.models import ApiToken
from onestory.accounts.roles import Permission
from onestory.accounts.tokens.access import get_token_for_user, own_tokens
from onestory.accounts.tokens.actions import revoke_token


class ApiTokenSerializer(serializers.ModelSerializer):
    prefix = serializers.CharField(
        source="display_prefix", read_only=True, help_text="The start of the token."
    )
    user = serializers.CharField(source="user.username", read_only=True)
    status = serializers.ChoiceField(choices=["Active", "Expired", "Revoked"], read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "user",
            "status",
            "created_at",
            "last_used_at",
            "expires_at",
            "revoked_at",
        ]
        read_only_fields = fields


class TokenList(GenericAPIView):
    """Your own API tokens, newest first, whether active, expired or revoked."""

    required_permission = Permission.USE_API
    serializer_class = ApiTokenSerializer

    @extend_schema(responses=ApiTokenSerializer(many=True))
    def get(self, request: Request) -> Response:
        tokens = own_tokens(request.user).select_related("user")
        return Response(ApiTokenSerializer(tokens, many=True).data)


class TokenRevoke(GenericAPIView):
    """Revoke a token: it stops working on the next request. Revoking twice does no harm.

    You may revoke your own tokens; a team manager may also revoke the team's.
    """

    required_permission = Permission.USE_API
    serializer_class = ApiTokenSerializer

    @extend_schema(request=None, responses=ApiTokenSerializer)
    def post(self, request: Request, token_id: int) -> Response:
        # Read the body, though nothing in it is used, so a malformed one is refused (400).
        request.data  # noqa: B018
        token = get_token_for_user(request, token_id)
        revoke_token(token=token, by=request.user, request=request)
        return Response(ApiTokenSerializer(token).data)
