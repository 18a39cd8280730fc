"""The one race harness of the suite: calls released together by a barrier, each on its own
thread and database connection (closed when the call ends), their results (or the exception each
raised) returned in order. Used by the PostgreSQL race tests of every app (real row locks)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

BARRIER_SECONDS = 10
JOIN_SECONDS = 60


def in_parallel(*calls: Callable[[], object]) -> list[object]:
    """Run the calls at once; a call's exception is its result (the failure a test looks for)."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(n: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(BARRIER_SECONDS)
            results[n] = call()
        except Exception as exc:  # noqa: BLE001 - an exception is the failure we look for
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    return results


def repeated(call: Callable[[int], object], times: int) -> list[object]:
    """``call(n)`` for n in 0..times-1, all at once."""
    return in_parallel(*[(lambda n=n: call(n)) for n in range(times)])


def errors(results: list[object]) -> list[BaseException]:
    return [result for result in results if isinstance(result, BaseException)]


def api_client(user) -> APIClient:
    """A token-authenticated client (a session would share one cookie jar between threads)."""
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def outcomes(responses) -> list[tuple[int, str | None]]:
    """(status, code) of each response, sorted: what a race test compares."""
    return sorted(
        (r.status_code, r.json().get("code")) if r.status_code >= 400 else (r.status_code, None)
        for r in responses
    )
