"""``manage.py simulator ...``: the sandbox controls of SPEC 4.6 from the command line, the same
services the staff API (``/api/v1/simulator/``) and the admin's Simulator page call."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from icpconsole.core.errors import DomainError
from simulator import faults, services, world
from simulator.world.shorthands import _unseal as unseal


class Command(BaseCommand):
    help = (
        "Sandbox controls: reset, snapshot, restore, load a world, settings, fault rules, settle, info, "
        "sweep-files."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reset = sub.add_parser("reset", help="The world back to empty (staff kept) or to the demo.")
        reset.add_argument("world", nargs="?", default="empty", choices=world.WORLDS)
        snap = sub.add_parser("snapshot", help="Write the whole world as one JSON document.")
        snap.add_argument("-o", "--output", help="A file (default: standard output).")
        restore = sub.add_parser("restore", help="Replace the world by a snapshot or world file.")
        restore.add_argument("file", help="A JSON or YAML document ('-' for standard input).")
        load = sub.add_parser("load", help="Load a world file (JSON or YAML): the same as restore.")
        load.add_argument("file")
        settings = sub.add_parser("settings", help="Show the settings, or change them (NAME=VALUE).")
        settings.add_argument("assignments", nargs="*", metavar="NAME=VALUE")
        fault = sub.add_parser("fault", help="Fault rules: list, add, clear.")
        fault_sub = fault.add_subparsers(dest="fault_action", required=True)
        fault_sub.add_parser("list")
        add = fault_sub.add_parser("add")
        add.add_argument("target", help="An RPC action (DescribeInstances) or a REST route name.")
        add.add_argument(
            "--error", default="", help="Throttling.User, ServiceUnavailable, InternalError, 503..."
        )
        add.add_argument("--probability", type=float, default=1.0)
        add.add_argument("--latency-ms", type=int, default=0)
        add.add_argument("--times", type=int, default=None)
        add.add_argument("--account", default="", help="Only this account's calls (and its RAM users').")
        add.add_argument("--access-key-id", default="", help="Only RPC calls signed with this AccessKey.")
        fault_sub.add_parser("clear")
        sub.add_parser("info", help="Version, database, cache and the world's counts.")
        sweep = sub.add_parser("sweep-files", help="Remove stored documents that no row names.")
        sweep.add_argument(
            "--older-than",
            type=int,
            default=600,
            metavar="SECONDS",
            help="Only files at least this old (default 600: an upload in flight is younger).",
        )
        sub.add_parser(
            "settle", help="Settle what fell due at the current simulated time (the automatic review...)."
        )
        build = sub.add_parser("build-demo", help="(developers) Rewrite simulator/worlds/demo.json.")
        build.add_argument("-o", "--output", default=str(world.DEMO_WORLD))

    def handle(self, *args, **options):
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except DomainError as exc:
            details = exc.as_dict().get("errors") or []
            raise CommandError("\n".join([exc.message, *details[1:]])) from None

    def _print(self, data) -> None:
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))

    def _reset(self, options):
        self._print(services.simulator_reset(actor=None, world_name=options["world"]))

    def _snapshot(self, options):
        text = json.dumps(world.snapshot(), indent=1, ensure_ascii=False)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text + "\n")
        else:
            self.stdout.write(text)

    def _restore(self, options):
        path = options["file"]
        document = world.parse(sys.stdin.read()) if path == "-" else world.read_file(path)
        self._print(services.simulator_restore(actor=None, document=document))

    _load = _restore

    def _settings(self, options):
        changes = {}
        for assignment in options["assignments"]:
            name, sep, value = assignment.partition("=")
            if not sep:
                raise CommandError(f"{assignment}: expected NAME=VALUE")
            changes[name] = int(value) if value.isdigit() else value
        if changes:
            services.simulator_settings_update(actor=None, changes=changes)
        self._print(world.settings_as_dict())

    def _fault(self, options):
        action = options["fault_action"]
        if action == "add":
            faults.fault_rule_add(
                target=options["target"],
                error=options["error"],
                probability=options["probability"],
                latency_ms=options["latency_ms"],
                times=options["times"],
                account=options["account"],
                access_key_id=options["access_key_id"],
            )
        elif action == "clear":
            faults.fault_rules_clear()
        self._print(world.settings_as_dict()["faults"])

    def _settle(self, options):
        self._print(services.simulator_settle(actor=None))

    def _sweep_files(self, options):
        from simulator import files

        removed = files.sweep_orphan_files(older_than=dt.timedelta(seconds=max(0, options["older_than"])))
        self._print({"removed": removed})

    def _info(self, options):
        self._print(services.simulator_info())

    def _build_demo(self, options):
        """Build the demo through the services (``seed_demo``'s builder) in a transaction that is
        rolled back, and write it as a world file whose times follow the day it is loaded."""
        with transaction.atomic():
            world.reset(world="empty")
            call_command("seed_demo", "--builder", stdout=io.StringIO())
            document = world.snapshot()
            transaction.set_rollback(True)
        document.pop("checksum")
        # The demo's messages are public (their codes are printed by seed_demo): they stay in clear,
        # so the file loads under any SECRET_KEY.
        for i, row in enumerate(document["phone_messages"]):
            unseal(row, f"phone_messages[{i}]", [])
        document = {
            "format": document.pop("format"),
            "version": document.pop("version"),
            "comment": "The demo world; written by `manage.py simulator build-demo`, not by hand.",
            "time_origin": timezone.now().astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            **document,
        }
        with open(options["output"], "w", encoding="utf-8") as out:
            out.write(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
        self.stdout.write(f"Wrote {options['output']}")
