"""Concurrent clients over loopback HTTP: threads, each with its own kept-alive connection.

A client either sends its next request as soon as the last one is answered (``pause=0``:
the server's most, its throughput) or waits a while first, as a person reading a page does
(``pause`` seconds on average, drawn from an exponential spread so clients do not march in
step). See docs/decisions/0012-benchmark-load-model.md.
"""

from __future__ import annotations

import http.client
import random
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
    port: int,
    calls: list[Call],
    *,
    clients: int,
    seconds: float,
    headers_for=None,
    pause: float = 0.0,
) -> list[Answer | None]:
    """Make ``calls`` with ``clients`` threads; stop starting new ones after ``seconds``.

    ``headers_for(client_number)`` may add headers per client (a session cookie each).
    ``pause``: the mean seconds each client waits between an answer and its next request.
    Answers come back in the order of ``calls``; None for a call not made in time.
    """
    answers: list[Answer | None] = [None] * len(calls)
    next_call = iter(range(len(calls)))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    failures: list[BaseException] = []

    def work(number: int) -> None:
        extra = headers_for(number) if headers_for else {}
        waits = random.Random(f"onestory-bench-client:{number}")  # noqa: S311 (timing only)
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
        try:
            if pause:
                time.sleep(waits.uniform(0, pause))  # spread the first requests out
            while time.monotonic() < deadline:
                with lock:
                    index = next(next_call, None)
                if index is None:
                    return
                call = calls[index]
                connection, response, body, ms = _send(connection, port, call, extra)
                answers[index] = Answer(response.status, body, ms)
                if pause:
                    time.sleep(waits.expovariate(1 / pause))
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


def _send(connection, port: int, call: Call, extra: dict[str, str]):
    """Send ``call``; if the kept-alive connection was closed by the server while idle, open a
    new one and send it again (once). Timed from the last attempt."""
    for attempt in (1, 2):
        started = time.perf_counter()
        try:
            connection.request(
                call.method, call.path, body=call.body, headers={**call.headers, **extra}
            )
            response = connection.getresponse()
            body = response.read()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            connection.close()
            connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
            if attempt == 2:
                raise
            continue
        except (OSError, http.client.HTTPException):
            connection.close()
            raise
        return connection, response, body, (time.perf_counter() - started) * 1000
    raise AssertionError("unreachable")
