"""Every API operation is limited per client address and per API token: 429 with Retry-After."""

import pytest
from django.test import Client

from onestory.accounts.tokens.actions import issue_token
from onestory.config import Rate
from onestory.core import throttles
from onestory.core.models import ThrottleCount

pytestmark = pytest.mark.django_db

# Whether a request tidies, as the product decides it (the tests' shared fixture holds it still).
TIME_TO_TIDY = throttles.time_to_tidy

# Half-way through an hour, and through a minute.
MID_WINDOW = 1_800_001_830.0


@pytest.fixture(autouse=True)
def _mid_window(monkeypatch):
    """The limits count in fixed windows; the test must not straddle the end of one."""
    monkeypatch.setattr(throttles, "clock", lambda: MID_WINDOW)


URL = "/api/v1/directory/services/"


def bearer(world, user, address="192.0.2.1") -> Client:
    _, plain = issue_token(user=user, name="Partner", by=user)
    return Client(REMOTE_ADDR=address, HTTP_AUTHORIZATION=f"Bearer {plain}")


def test_each_token_has_its_own_limit(world, settings):
    settings.THROTTLE_API_TOKEN = Rate(3, 60)
    first = bearer(world, world.caseworker)
    second = bearer(world, world.manager)
    assert [first.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get(URL)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
    assert refused.json() == {
        "detail": "Too many requests from this API token. Nothing from this request was done. "
        f"Send it again in {refused['Retry-After']} seconds."
    }
    assert second.get(URL).status_code == 200


def test_each_address_has_its_own_limit_before_anything_is_read(world, settings):
    settings.THROTTLE_API_ADDRESS = Rate(3, 60)
    anonymous = Client(REMOTE_ADDR="192.0.2.50")
    assert [anonymous.get(URL).status_code for _ in range(3)] == [401, 401, 401]
    refused = anonymous.get(URL)
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert "Too many requests from this address" in refused.json()["detail"]
    # A valid token from the same address is refused too; another address is not.
    assert bearer(world, world.caseworker, "192.0.2.50").get(URL).status_code == 429
    assert bearer(world, world.caseworker, "192.0.2.51").get(URL).status_code == 200


def test_a_write_refused_for_the_rate_saves_nothing(world, settings):
    from onestory.intake.models import Referral

    settings.THROTTLE_API_TOKEN = Rate(1, 60)
    client = bearer(world, world.call_handler)
    client.get(URL)
    response = client.post(
        "/api/v1/referrals/", {"given_name": "Ann"}, content_type="application/json"
    )
    assert response.status_code == 429
    assert not Referral.objects.exists()


def test_a_request_now_and_then_clears_the_windows_that_have_ended(monkeypatch):
    rate = Rate(10, 60)
    throttles.hit("api:192.0.2.7", rate, now=MID_WINDOW - 3600)
    throttles.hit("api:192.0.2.8", rate, now=MID_WINDOW)
    assert ThrottleCount.objects.count() == 2
    monkeypatch.setattr(throttles, "time_to_tidy", lambda: True)
    throttles.hit("api:192.0.2.8", rate, now=MID_WINDOW)
    # The hour-old window is gone; the current one is kept, with both its hits.
    assert list(ThrottleCount.objects.values_list("bucket", "hits")) == [("api:192.0.2.8", 2)]


def test_tidying_happens_by_chance_about_once_in_two_hundred(monkeypatch):
    draws = iter([0, 5, 199])
    monkeypatch.setattr(throttles.random, "randrange", lambda upper: next(draws))
    # The rule itself, as the module had it before the tests held it still.
    assert [TIME_TO_TIDY() for _ in range(3)] == [True, False, False]
    assert throttles.CLEAR_ONE_IN == 200
