"""Issue 27 point 8: a customer at the review workbench gets the 403 page and one log line, not a
traceback."""

from __future__ import annotations

import logging

import pytest

pytestmark = pytest.mark.django_db


def test_a_403_at_the_workbench_logs_no_traceback(console, caplog):
    with caplog.at_level(logging.WARNING):
        response = console.get("/console/icp/review/")
    assert response.status_code == 403
    assert not [r for r in caplog.records if r.exc_info]
    assert any("Forbidden" in r.getMessage() for r in caplog.records)
