"""Every action the official SDK models define is served and documented (issue 15): the Beian
2016-08-10 and BSN 2015-05-12 clients' actions, read from the installed SDKs' sources, plus BSN's
``GetBsnBySn``, which only the help pages and the classic SDKs name."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from openapi import actions

DOC = (Path(__file__).resolve().parents[2] / "docs" / "alibaba-sdk.md").read_text(encoding="utf-8")


def _sdk_actions(module) -> set[str]:
    return set(re.findall(r"action\s*=\s*'(\w+)'", inspect.getsource(module)))


@pytest.mark.parametrize(
    "version,client,extra,count",
    [
        ("2016-08-10", "alibabacloud_beian20160810.client", set(), 14),
        ("2015-05-12", "alibabacloud_bsn20150512.client", {"GetBsnBySn"}, 4),
    ],
)
def test_every_sdk_action_is_served_and_documented(version, client, extra, count):
    import importlib

    expected = _sdk_actions(importlib.import_module(client)) | extra
    assert len(expected) == count
    for name in sorted(expected):
        assert actions.find(version, name) is not None, name
        assert f"`{name}`" in DOC, name
