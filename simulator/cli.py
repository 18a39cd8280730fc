"""``icp-simulator``: the simulator as a tool, from an installed wheel (SPEC 4.8), as ``moto_server``
or ``localstack start`` run theirs.

::

    icp-simulator serve [--host 127.0.0.1] [--port 8000] [--world demo|empty|FILE] [--seed N]
    icp-simulator reset [empty|demo]
    icp-simulator snapshot [-o FILE]
    icp-simulator restore FILE
    icp-simulator load FILE

Everything lives in one data folder (``--data-dir``, default ``./.icp-simulator``, or
``ICP_SIMULATOR_HOME``): an embedded SQLite database, the documents and the cache. ``DATABASE_URL``
and the other settings of the environment still apply (PostgreSQL, say). ``serve`` migrates, puts
the demo world in a new database (or the world named by ``--world``), and serves the console, the
REST API, the admin and the Alibaba Cloud RPC endpoint on one threaded process, so that
``--seed`` makes every generated value repeatable.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

WORLDS = ("empty", "demo")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="icp-simulator", description="ICP Filing Console Simulator.")
    parser.add_argument(
        "--data-dir",
        default=os.environ.get("ICP_SIMULATOR_HOME", ".icp-simulator"),
        help="the folder of the SQLite database, documents and cache (default: ./.icp-simulator)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="migrate, load a world if asked (the demo in a new database), serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--world", help="demo, empty, or a world file (JSON or YAML) to start from")
    serve.add_argument("--seed", help="SIMULATOR_SEED: every generated value repeatable")
    reset = sub.add_parser("reset", help="the world back to empty (staff kept) or to the demo")
    reset.add_argument("world", nargs="?", default="empty", choices=WORLDS)
    snapshot = sub.add_parser("snapshot", help="write the whole world as one JSON document")
    snapshot.add_argument("-o", "--output", help="a file (default: standard output)")
    restore = sub.add_parser("restore", help="replace the world by a snapshot or world file")
    restore.add_argument("file")
    load = sub.add_parser("load", help="load a world file (the same as restore)")
    load.add_argument("file")
    return parser


def _environment(data_dir: Path, *, seed: str | None = None) -> None:
    """Settings for a data folder, unless the environment already gives them."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icpconsole.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'db.sqlite3'}")
    os.environ.setdefault("CACHE_URL", f"filecache://{data_dir / 'cache'}")
    os.environ.setdefault("MEDIA_ROOT", str(data_dir / "media"))
    if seed is not None:
        os.environ["SIMULATOR_SEED"] = seed


def _setup() -> None:
    import django

    django.setup()


def _serve(args) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from icpconsole.accounts.models import User
    from simulator import world

    if args.world in WORLDS:
        world.reset(world=args.world)
    elif args.world:
        call_command("simulator", "load", args.world)
    elif not User.objects.filter(is_staff=False).exists():
        world.reset(world="demo")

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    server = ThreadedWSGIServer((args.host, args.port), WSGIRequestHandler)
    server.set_app(WSGIHandler())
    host, port = server.server_address[:2]
    print(f"ICP Filing Console Simulator on http://{host}:{port}/ (Ctrl-C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _environment(Path(args.data_dir).resolve(), seed=getattr(args, "seed", None))
    _setup()
    from django.core.management import call_command

    if args.command == "serve":
        _serve(args)
        return 0
    call_command("migrate", verbosity=0, interactive=False)
    if args.command == "reset":
        call_command("simulator", "reset", args.world)
    elif args.command == "snapshot":
        call_command("simulator", "snapshot", *(["-o", args.output] if args.output else []))
    else:
        call_command("simulator", args.command, args.file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
