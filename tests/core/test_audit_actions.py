"""Audit actions are enums with labels in both languages, registered by their apps; no service
records a free-text action."""

import pathlib
import re

from django.utils import translation

from icpconsole.core.audit import action_label, registered_actions

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = [
    "icpconsole", "instances", "servicecodes", "filings", "registrar", "openapi", "accessors", "simulator",
]
# A keyword argument ``action="..."`` (or an f-string) passed to a function: free text.
FREE_TEXT = re.compile(r"""\baction=f?["'][a-z_]+\.""")


def test_no_service_records_an_action_as_free_text():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if FREE_TEXT.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_every_registered_action_has_an_english_and_a_chinese_label():
    actions = registered_actions()
    expected = {"account.create", "account.update", "clock.advance", "instance.purchase", "filing.abandoned"}
    assert expected <= actions
    for action in actions:
        with translation.override("en"):
            english = action_label(action)
        with translation.override("zh-hans"):
            chinese = action_label(action)
        assert english != action, action
        assert chinese != english, action


def test_an_unknown_action_reads_as_itself():
    assert action_label("no.such.action") == "no.such.action"
