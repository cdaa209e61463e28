"""API tokens, in one place: who may see which tokens (``access``), issuing and revoking them
(``actions``), the "API tokens" pages (``views``, ``urls``) and the tokens API (``api``).

The token model is ``onestory.accounts.models.ApiToken``; the API's authentication, which
checks a token on every request, is ``onestory.api.authentication``.
"""
