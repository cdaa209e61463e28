"""Concurrent clients over loopback HTTP: threads, each with its own kept-alive connection."""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field

from onestory.demo.bench.server import LOOPBACK


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    ms: float


def run(
    port: int, calls: list[Call], *, clients: int, seconds: float, headers_for=None
) -> list[Answer | None]:
    """Make ``calls`` with ``clients`` threads; stop starting new ones after ``seconds``.

    ``headers_for(client_number)`` may add headers per client (a session cookie each).
    Answers come back in the order of ``calls``; None for a call not made in time.
    """
    answers: list[Answer | None] = [None] * len(calls)
    next_call = iter(range(len(calls)))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    failures: list[BaseException] = []

    def work(number: int) -> None:
        extra = headers_for(number) if headers_for else {}
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
        try:
            while time.monotonic() < deadline:
                with lock:
                    index = next(next_call, None)
                if index is None:
                    return
                call = calls[index]
                started = time.perf_counter()
                try:
                    connection.request(
                        call.method, call.path, body=call.body, headers={**call.headers, **extra}
                    )
                    response = connection.getresponse()
                    body = response.read()
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
                    raise
                answers[index] = Answer(
                    response.status, body, (time.perf_counter() - started) * 1000
                )
        except BaseException as failure:
            failures.append(failure)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    if failures:
        raise RuntimeError(f"A benchmark client failed: {failures[0]!r}") from failures[0]
    return answers
