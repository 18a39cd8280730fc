"""A throwaway simulator for a test session (``python -m simulator.testserver``): a fresh SQLite
database in a temporary folder, migrated, with one staff account, served on a free loopback port
by one process (threads), so that ``SIMULATOR_SEED`` makes its values repeatable.

Migrating takes most of a start-up (about 2.5 s of 3): the first start-up of a set of migrations
keeps the migrated database as a template (``$TMPDIR/icp-simulator-templates/<key>.sqlite3``, the
key a hash of Django's version and every installed app's migration files), and later ones copy it
instead of migrating (``bench/fixture.py`` measures both). ``ICP_SIMULATOR_TEMPLATES`` names
another folder; an empty value turns the templates off.

It prints one line, ``ICP_SIMULATOR_READY <port> <staff token>``, once it answers; the pytest
plugin (:mod:`simulator.pytest_plugin`) reads it. Passwords are hashed with a fast hasher: this
server holds test data for a few minutes, nothing to protect.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path


def _templates_folder() -> Path | None:
    default = str(Path(tempfile.gettempdir()) / "icp-simulator-templates")
    folder = os.environ.get("ICP_SIMULATOR_TEMPLATES", default)
    return Path(folder) if folder else None


def _migrations_key() -> str:
    """What the migrated database depends on: Django's version and every migration file."""
    import django
    from django.apps import apps

    digest = hashlib.sha256(django.get_version().encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
            digest.update(f"{config.label}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _migrate(database: Path | None) -> None:
    """Migrate the session's database, or copy the template of the same migrations."""
    from django.core.management import call_command
    from django.db import connection

    folder = _templates_folder()
    if database is None or folder is None:
        call_command("migrate", verbosity=0, interactive=False)
        return
    template = folder / f"{_migrations_key()}.sqlite3"
    if template.is_file():
        connection.close()
        shutil.copyfile(template, database)
        return
    call_command("migrate", verbosity=0, interactive=False)
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{template.name}.{os.getpid()}"
    partial.unlink(missing_ok=True)
    with connection.cursor() as cursor:  # a consistent copy, WAL included
        cursor.execute("VACUUM INTO %s", [str(partial)])
    os.replace(partial, template)  # atomic: a parallel session sees a whole file or none


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="icp-simulator-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "icpconsole.settings"
    os.environ["DEBUG"] = "true"  # plain HTTP on loopback, no production checks
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    own_database = None if os.environ.get("ICP_SIMULATOR_DATABASE_URL") else folder / "db.sqlite3"
    os.environ["DATABASE_URL"] = os.environ.get("ICP_SIMULATOR_DATABASE_URL") or f"sqlite:///{own_database}"
    os.environ["CACHE_URL"] = os.environ.get("ICP_SIMULATOR_CACHE_URL") or "locmemcache://"
    os.environ.setdefault("API_THROTTLE_USER", "100000/min")

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import hashers
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # the demo world's hashes
    ]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()
    _migrate(own_database)

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
