"""The gunicorn worker ``make serve`` and every fleet node run: ``gthread``, with the request read in
before a thread is given to it (issue 16, SPEC 4.7).

gunicorn's ``sync`` worker gives its one thread to a connection as soon as it is accepted, and its
``gthread`` worker gives a thread to a connection once its first byte arrives: a client that then
sends a header line every few seconds holds that thread for as long as it likes. Four such clients
stalled ``make serve`` (``GET /healthz`` took 33.6 s).

This worker reads each request's head (and a small body) on the worker's event loop, without a
thread, as a buffering proxy does, and hands the connection to the thread pool only once the
request is complete; a connection that has not sent its head within ``HEAD_TIMEOUT`` seconds is
closed. Slow clients then cost a socket and a buffer each, not a thread: the threads only ever run
Django. Bodies over ``MAX_BUFFERED_BODY`` (and chunked ones) are read by the thread, as in gthread.

Why not the alternatives: gunicorn's ``asgi`` worker also reads requests on an event loop, but
Django's synchronous views then run one thread per request, which measured three times slower
here and opened a PostgreSQL connection per request; a buffering proxy (nginx) is the usual answer
in front of a fleet, and is still recommended there (README, "Running a fleet"), but ``make serve``
should survive without one.

It relies on the internals of gunicorn's ``gthread`` worker (``ThreadWorker``, ``TConn``), which is
why pyproject.toml pins gunicorn's major version; ``tests/fleet/test_serving.py`` covers it.
"""

from __future__ import annotations

import errno
import re
import selectors
import time
from collections import deque
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

HEAD_TIMEOUT = 15.0
MAX_HEAD = 64 * 1024
MAX_BUFFERED_BODY = 64 * 1024
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)[ \t]*(?:\r\n|$)")


def request_complete(data: bytes | bytearray) -> bool:
    """Whether ``data`` holds a whole request head, and its body if that is small and sized."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return len(data) > MAX_HEAD  # too long a head: the parser refuses it, in a thread
    match = _CONTENT_LENGTH.search(bytes(data[:end]).lower() + b"\r\n")
    if match is None:
        return True  # no body, or a chunked one: the thread reads it
    length = int(match.group(1))
    return length > MAX_BUFFERED_BODY or len(data) >= end + 4 + length


class BufferingThreadWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.buffering: deque[TConn] = deque()  # connections still sending, oldest deadline first

    def accept(self, listener):
        if self.cfg.is_ssl:  # TLS is the proxy's job here; keep gthread's own path for it
            return super().accept(listener)
        try:
            client_sock, client_addr = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._buffer(TConn(self.cfg, client_sock, client_addr, listener.getsockname()))

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection's next request is starting: buffer it too."""
        if self.cfg.is_ssl:
            return super().on_client_socket_readable(conn, client)
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._buffer(conn)

    def _buffer(self, conn):
        conn.sock.setblocking(False)
        conn.received = bytearray()
        conn.head_deadline = time.monotonic() + HEAD_TIMEOUT
        self.buffering.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))

    def _on_bytes(self, conn, _sock):
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away before finishing its request
            self._drop(conn)
            return
        conn.received += data
        if request_complete(conn.received):
            self.poller.unregister(conn.sock)
            self.buffering.remove(conn)
            conn.data_ready = True
            self.enqueue_req(conn)

    def _drop(self, conn):
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        try:
            self.buffering.remove(conn)
        except ValueError:
            pass
        self.nr_conns -= 1
        conn.close()

    def handle(self, conn):
        received = getattr(conn, "received", None)
        if received:
            conn.received = None
            conn.init()
            conn.parser.unreader.unread(bytes(received))
        return super().handle(conn)

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        while self.buffering and self.buffering[0].head_deadline <= now:
            self._drop(self.buffering[0])
