"""Partner systems sending referrals to a real server, as they would through a fault.

Each partner is a thread with its own kept-alive connection. It sends its referrals one after
another; after a server error or a dropped connection it waits a moment and sends the same
referral again, with the same ``submission_token``, until it is answered or told to stop.
Every attempt is written down, so a test can say afterwards what each one met.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
RETRY_PAUSE_SECONDS = 0.1
REQUEST_TIMEOUT_SECONDS = 30
PATH = "/api/v1/referrals/"
ANSWERED = (200, 201)  # 200: this token's referral was received before


@dataclass(frozen=True)
class Attempt:
    token: str
    sent_at: float  # time.monotonic() just before the request was sent
    ended_at: float  # and once its answer, or the failure, came
    status: int | None  # None when no answer came: the connection failed
    body: bytes = b""
    failure: str = ""  # the connection's error, when there was no answer

    @property
    def answered(self) -> bool:
        return self.status in ANSWERED

    @property
    def reference(self) -> str | None:
        return json.loads(self.body)["reference"] if self.answered else None

    def kind(self) -> str:
        """How it ended, in a word or two: ``201``, ``500``, ``ConnectionResetError``..."""
        return str(self.status) if self.status is not None else self.failure


def referral(token: str) -> dict:
    """A professional's referral, with the token as the person's first name so that what is
    stored can be matched to what was sent."""
    return {
        "source": "professional",
        "given_name": token,
        "family_name": "Restart",
        "referrer_agency": "A partner's case system",
        "referrer_agency_kind": "health",
        "referrer_name": "A made-up professional",
        "referrer_email": "professional@partner.example",
        "phone": "07700 900123",
        "safe_to_call": True,
        "story": "A made-up referral sent while the database was restarted.",
        "consent": ["outreach"],
        "submission_token": token,
    }


class Partners:
    """``Partners(port, api_token, [[token, ...], ...])``: one partner per list of tokens."""

    def __init__(self, port: int, api_token: str, tokens: list[list[str]]) -> None:
        self.port = port
        self.headers = {
            "Authorization": f"Bearer {api_token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        self.tokens = tokens
        self.attempts: list[Attempt] = []
        self.problems: list[str] = []  # anything a partner could not make sense of
        self._lock = threading.Lock()
        self._halt = threading.Event()
        self._threads = [
            threading.Thread(target=self._send_all, args=(mine,), daemon=True) for mine in tokens
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def wait(self, seconds: float) -> bool:
        """Wait for every partner to finish; False if some had not by then."""
        deadline = time.monotonic() + seconds
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in self._threads)

    def halt(self) -> None:
        """Ask every partner to stop after its current request, and wait for them."""
        self._halt.set()
        for thread in self._threads:
            thread.join(REQUEST_TIMEOUT_SECONDS + 5)

    def sending(self) -> int:
        """How many partners still have referrals to send."""
        return sum(1 for thread in self._threads if thread.is_alive())

    def seen(self) -> list[Attempt]:
        with self._lock:
            return list(self.attempts)

    def each_answered(self, count: int) -> bool:
        """Whether every partner has had at least ``count`` referrals answered."""
        answered = {attempt.token for attempt in self.seen() if attempt.answered}
        return all(len(answered & set(mine)) >= count for mine in self.tokens)

    def failed_since(self, moment: float) -> int:
        return sum(
            1 for attempt in self.seen() if attempt.sent_at >= moment and not attempt.answered
        )

    def _note(self, attempt: Attempt) -> None:
        with self._lock:
            self.attempts.append(attempt)

    def _send_all(self, tokens: list[str]) -> None:
        connection = http.client.HTTPConnection(
            LOOPBACK, self.port, timeout=REQUEST_TIMEOUT_SECONDS
        )
        try:
            for token in tokens:
                body = json.dumps(referral(token)).encode()
                while not self._halt.is_set():
                    attempt = self._send(connection, token, body)
                    self._note(attempt)
                    if attempt.answered:
                        break
                    if attempt.status is not None and attempt.status < 500:
                        self.problems.append(f"{token}: {attempt.status} {attempt.body[:300]!r}")
                        return
                    if attempt.status is None:
                        connection.close()  # the next request opens a new connection
                    time.sleep(RETRY_PAUSE_SECONDS)
        except BaseException as failure:  # a thread must not die unseen
            self.problems.append(f"a partner failed: {failure!r}")
        finally:
            connection.close()

    def _send(self, connection: http.client.HTTPConnection, token: str, body: bytes) -> Attempt:
        sent_at = time.monotonic()
        try:
            connection.request("POST", PATH, body=body, headers=self.headers)
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException) as failure:
            return Attempt(token, sent_at, time.monotonic(), None, failure=type(failure).__name__)
        return Attempt(token, sent_at, time.monotonic(), response.status, answer)
