"""The gunicorn worker ``make serve`` and every fleet node run: ``gthread``, with the whole request,
body included, read in on the worker's event loop before a thread is given to it (issues 16, 27).

gunicorn's ``sync`` worker gives its one thread to a connection as soon as it is accepted, and its
``gthread`` worker gives a thread to a connection once its first byte arrives: a client that then
sends a header line every few seconds, or a complete head with ``Content-Length: 100000`` and then
nothing, holds that thread for as long as it likes. Four header tricklers stalled ``make serve``
(``GET /healthz`` took 33.6 s); eight stalled bodies made it time out at 40 s (issue 27).

This worker reads each request on the event loop, without a thread, as a buffering proxy does:

* the head must be in within ``HEAD_TIMEOUT`` seconds;
* the body (sized by ``Content-Length``, or chunked) is read in whole, up to its route's limit
  (``icpconsole.core.bodies``); a client that sends nothing for ``IDLE_TIMEOUT`` seconds, or has not
  finished within ``BODY_TIMEOUT``, is dropped;
* a body over its route's limit is refused before it is read: by ``Content-Length`` at once, and a
  chunked one as soon as its chunks pass the limit. The thread then gets the head alone, marked in
  the WSGI environ, and Django answers 413 in the face's format (``BodyLimitMiddleware``); the
  connection is closed after that answer, lingering on the event loop, not in a thread.

Only then does a thread run Django, on a request that is all in memory. Slow clients cost a socket
and a buffer each (at most their route's limit), never a thread.

Why not the alternatives: gunicorn's ``asgi`` worker (or uvicorn) also reads bodies on an event
loop, but Django's synchronous views then run one new thread per request, which measured three
times slower here and opened a PostgreSQL connection per request; a buffering proxy (nginx) is the
usual answer in front of a fleet, and is still recommended there (README, "Running a fleet"), but
``make serve`` should survive without one. ``docs/deployment.md`` says what this guarantees.

It relies on the internals of gunicorn's ``gthread`` worker (``ThreadWorker``, ``TConn``), which is
why pyproject.toml pins gunicorn's major version; ``tests/fleet/test_serving.py`` covers it.
"""

from __future__ import annotations

import errno
import re
import selectors
import socket
import threading
import time
from functools import partial
from urllib.parse import unquote, urlsplit

from gunicorn.workers.gthread import TConn, ThreadWorker

from icpconsole.core.bodies import REFUSED_ENVIRON_KEY, body_limit

HEAD_TIMEOUT = 15.0
IDLE_TIMEOUT = 15.0
BODY_TIMEOUT = 300.0
LINGER = 2.0
MAX_HEAD = 64 * 1024
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)[ \t]*\r\n")
_CHUNKED = re.compile(rb"\r\ntransfer-encoding:[^\r\n]*chunked", re.IGNORECASE)

_EXPECT_CONTINUE = re.compile(rb"\r\nexpect:[ \t]*100-continue", re.IGNORECASE)

MORE, COMPLETE, REFUSED = "more", "complete", "refused"


class Incoming:
    """What has arrived of one request: ``feed`` says whether more is needed, the request is
    complete (head and body), or its body is refused (over its route's limit)."""

    def __init__(self, initial: bytes = b"") -> None:
        self.data = bytearray()
        self.head_end = -1  # index just past the head's blank line
        self.limit = 0
        self.length: int | None = None
        self.chunked = False
        self.chunk_pos = 0  # where the next chunk-size line starts
        self.decoded = 0  # chunked: payload bytes so far
        self.state = MORE
        if initial:
            self.feed(initial)

    def feed(self, data: bytes) -> str:
        self.data += data
        if self.head_end < 0:
            end = self.data.find(b"\r\n\r\n")
            if end < 0:
                # Too long a head: gunicorn's parser refuses it, in a thread, without waiting.
                self.state = COMPLETE if len(self.data) > MAX_HEAD else MORE
                return self.state
            self.head_end = end + 4
            self._read_head(bytes(self.data[: end + 2]))
            if self.state != MORE:
                return self.state
        self.state = self._body_state()
        return self.state

    @property
    def head(self) -> bytes:
        return bytes(self.data[: self.head_end]) if self.head_end >= 0 else bytes(self.data)

    def _read_head(self, head: bytes) -> None:
        line_end = head.find(b"\r\n")
        parts = head[:line_end].split(b" ")
        target = parts[1].decode("latin-1") if len(parts) == 3 else "/"
        self.limit = body_limit(unquote(urlsplit(target).path or "/"))
        lowered = head.lower()
        lengths = _CONTENT_LENGTH.findall(lowered)
        self.chunked = bool(_CHUNKED.search(head))
        if (lengths and self.chunked) or len(set(lengths)) > 1:
            self.state = COMPLETE  # a malformed framing: the parser answers 400 without reading on
            return
        if lengths:
            self.length = int(lengths[0])
            if self.length > self.limit:
                self.state = REFUSED
        elif self.chunked:
            self.chunk_pos = self.head_end

    def _body_state(self) -> str:
        if self.length is not None:
            return COMPLETE if len(self.data) >= self.head_end + self.length else MORE
        if not self.chunked:
            return COMPLETE  # no body
        if len(self.data) - self.head_end > 2 * self.limit + MAX_HEAD:
            return REFUSED  # tiny chunks: the framing alone is past any honest body
        while True:
            line_end = self.data.find(b"\r\n", self.chunk_pos)
            if line_end < 0:
                return COMPLETE if len(self.data) - self.chunk_pos > 1024 else MORE
            size_text = bytes(self.data[self.chunk_pos : line_end]).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                return COMPLETE  # malformed: the parser answers 400
            if size == 0:
                # The last chunk: then trailers, and a blank line.
                if self.data[line_end + 2 : line_end + 4] == b"\r\n":
                    return COMPLETE
                return COMPLETE if self.data.find(b"\r\n\r\n", line_end) >= 0 else MORE
            if self.decoded + size > self.limit:
                return REFUSED
            next_pos = line_end + 2 + size + 2
            if len(self.data) < next_pos:
                return MORE
            self.decoded += size
            self.chunk_pos = next_pos


class BufferingThreadWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.buffering: set[TConn] = set()  # connections still sending their request
        self.lingering: set[TConn] = set()  # refused connections, closing
        self._local = threading.local()

    def load_wsgi(self):
        super().load_wsgi()
        app = self.wsgi
        local = self._local

        def marked(environ, start_response):
            # The request whose body this worker refused: Django answers 413 (BodyLimitMiddleware).
            if getattr(local, "refused", False):
                environ[REFUSED_ENVIRON_KEY] = True
            return app(environ, start_response)

        self.wsgi = marked

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

    def _buffer(self, conn, initial: bytes = b""):
        conn.sock.setblocking(False)
        conn.incoming = Incoming()
        conn.refused = False
        conn.continued = False
        now = time.monotonic()
        conn.head_deadline = now + HEAD_TIMEOUT
        conn.body_deadline = now + BODY_TIMEOUT
        conn.idle_deadline = now + IDLE_TIMEOUT
        if initial and self._received(conn, initial):
            return
        self.buffering.add(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))

    def _on_bytes(self, conn, _sock):
        try:
            data = conn.sock.recv(256 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away before finishing its request
            self._drop(conn)
            return
        conn.idle_deadline = time.monotonic() + IDLE_TIMEOUT
        if self._received(conn, data):
            self.poller.unregister(conn.sock)
            self.buffering.discard(conn)

    def _received(self, conn, data: bytes) -> bool:
        """Feed ``data``; hand the request to a thread once it is complete or refused."""
        incoming = conn.incoming
        state = incoming.feed(data)
        if state == MORE:
            if incoming.head_end >= 0 and not getattr(conn, "continued", False):
                # A client waiting for "100 Continue" before its body (curl over 1 MB) gets it from
                # here: the body is read on the event loop, not by gunicorn's parser in a thread.
                conn.continued = True
                if _EXPECT_CONTINUE.search(incoming.head):
                    try:
                        conn.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
                    except OSError:
                        pass
            return False
        conn.refused = state == REFUSED
        # A refused request goes on with its head alone: its body is never read.
        conn.received = conn.incoming.head if conn.refused else bytes(conn.incoming.data)
        conn.incoming = None
        conn.data_ready = True
        self.enqueue_req(conn)
        return True

    def _drop(self, conn):
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        self.buffering.discard(conn)
        self.lingering.discard(conn)
        self.nr_conns -= 1
        conn.close()

    def handle(self, conn):
        received = getattr(conn, "received", None)
        if received:
            conn.received = None
            conn.init()
            conn.parser.unreader.unread(received)
        self._local.refused = getattr(conn, "refused", False)
        try:
            return super().handle(conn)
        finally:
            self._local.refused = False

    def handle_request(self, req, conn):
        keepalive = super().handle_request(req, conn)
        # A refused body is still on its way: never read it in a thread, close the connection.
        return keepalive and not getattr(conn, "refused", False)

    def finish_request(self, conn, fs):
        if getattr(conn, "refused", False):
            self._linger(conn)
            return
        try:
            keepalive = not fs.cancelled() and fs.result() is True
        except Exception:
            keepalive = False
        if keepalive and self.alive and not self.cfg.is_ssl:
            # Bytes read ahead (a pipelined next request) are buffered here too, not in a thread.
            leftover = conn.parser.unreader.take_buffered()
            if leftover:
                self._buffer(conn, leftover)
                return
        super().finish_request(conn, fs)

    def _linger(self, conn):
        """Close a refused connection: FIN now, then discard what the client still sends for up
        to ``LINGER`` seconds on the event loop (closing on unread data would reset the
        connection and could cut the 413 short), never blocking the loop."""
        try:
            conn.sock.shutdown(socket.SHUT_WR)
            conn.sock.setblocking(False)
        except OSError:
            self.nr_conns -= 1
            conn.close()
            return
        conn.linger_deadline = time.monotonic() + LINGER
        self.lingering.add(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_linger_bytes, conn))

    def _on_linger_bytes(self, conn, _sock):
        try:
            data = conn.sock.recv(256 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        for conn in [c for c in self.buffering if self._expired(c, now)]:
            self._drop(conn)
        for conn in [c for c in self.lingering if c.linger_deadline <= now]:
            self._drop(conn)

    @staticmethod
    def _expired(conn, now: float) -> bool:
        incoming = conn.incoming
        if incoming is not None and incoming.head_end < 0 and conn.head_deadline <= now:
            return True
        return conn.idle_deadline <= now or conn.body_deadline <= now
