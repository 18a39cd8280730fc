"""How large a request body each address takes (issue 27), and what a request is once its body is in.

One table, read by two places: the gunicorn worker (``icpconsole/serving.py``), which refuses a body
over its route's limit by ``Content-Length`` before reading it, or while it streams in (chunked), and
``BodyLimitMiddleware`` (``icpconsole/core/middleware.py``), which answers the refusal in the face's
format and also refuses by ``Content-Length`` under any other server (``runserver``, tests).

Pure Python, no Django: the worker imports it before Django is set up.
"""

from __future__ import annotations

import re

MB = 1024 * 1024

# Django's own DATA_UPLOAD_MAX_MEMORY_SIZE default: every form and JSON body of the simulator is
# far below it.
DEFAULT_LIMIT = 5 * MB // 2
# A document is at most 5 MB (filings.services.materials.MAX_DOCUMENT_BYTES); the multipart envelope
# and the other fields of the form need a little more.
DOCUMENT_LIMIT = 5 * MB + 256 * 1024
# A snapshot of the demo world plus some activity is about 3.1 MB today (JSON): what ``snapshot``
# gives, ``restore`` takes, with room for a world five times as busy.
SNAPSHOT_LIMIT = 16 * MB

ROUTES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^/api/v1/filings/[^/]+/documents/?$"), DOCUMENT_LIMIT),
    (re.compile(r"^/console/filings/[^/]+/documents/"), DOCUMENT_LIMIT),
    (re.compile(r"^/api/v1/simulator/restore/?$"), SNAPSHOT_LIMIT),
    (re.compile(r"^/admin/simulator/[^/]+/restore/?$"), SNAPSHOT_LIMIT),
)
LARGEST_LIMIT = max([DEFAULT_LIMIT, *(limit for _, limit in ROUTES)])

# The key the worker sets in the WSGI environ when it refused a body while it streamed in.
REFUSED_ENVIRON_KEY = "icpconsole.body_refused"


def body_limit(path: str) -> int:
    """The largest body, in bytes, a request to ``path`` (decoded, without the query) may send."""
    for pattern, limit in ROUTES:
        if pattern.match(path):
            return limit
    return DEFAULT_LIMIT


def megabytes(size: int) -> str:
    return f"{size / MB:.2f}".rstrip("0").rstrip(".") + " MB"
