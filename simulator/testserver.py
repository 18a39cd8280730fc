"""A throwaway simulator for a test session (``python -m simulator.testserver``): a fresh SQLite
database in a temporary folder, migrated, with one staff account, served on a free loopback port
by one process (threads), so that ``SIMULATOR_SEED`` makes its values repeatable.

It prints one line, ``ICP_SIMULATOR_READY <port> <staff token>``, once it answers; the pytest
plugin (:mod:`simulator.pytest_plugin`) reads it. Passwords are hashed with a fast hasher: this
server holds test data for a few minutes, nothing to protect.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from pathlib import Path


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="icp-simulator-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "icpconsole.settings"
    os.environ["DEBUG"] = "true"  # plain HTTP on loopback, no production checks
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    os.environ["DATABASE_URL"] = (
        os.environ.get("ICP_SIMULATOR_DATABASE_URL") or f"sqlite:///{folder / 'db.sqlite3'}"
    )
    os.environ["CACHE_URL"] = os.environ.get("ICP_SIMULATOR_CACHE_URL") or "locmemcache://"
    os.environ.setdefault("API_THROTTLE_USER", "100000/min")

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import hashers
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # the demo world's hashes
    ]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()
    call_command("migrate", verbosity=0, interactive=False)

    from rest_framework.authtoken.models import Token

    from icpconsole.accounts.models import User

    staff = User.objects.create_user(username="icp-simulator-staff", password=secrets.token_urlsafe(16))
    staff.is_staff = staff.is_superuser = True
    staff.save()
    token = Token.objects.create(user=staff)

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

    server = ThreadedWSGIServer(("127.0.0.1", int(os.environ.get("ICP_SIMULATOR_PORT", "0"))), QuietHandler)
    server.set_app(WSGIHandler())
    print(f"ICP_SIMULATOR_READY {server.server_address[1]} {token.key}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # pragma: no cover
        pass
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
