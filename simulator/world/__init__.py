"""Snapshots and world files (SPEC 4.6): the whole world as one versioned JSON document, and back.

A document names every table the domain owns, the clock and the sandbox settings::

    {"format": "icp-simulator-world", "version": 1, "clock": {...}, "settings": {...},
     "accounts": [...], "instances": [...], "service_codes": [...], "subjects": [...], ...}

Rows refer to accounts by ``username``, to instances by ``instance_id``, to service codes by
``code`` and to every other row by its ``id``. :func:`snapshot` writes every field (AccessKey
secrets stay encrypted under ``SECRET_KEY``) plus a ``checksum``; :func:`restore` replaces the
world by a document in one transaction, after checking it, so a bad document changes nothing.

World files are the same format written by hand (``docs/sandbox.md``): most fields may be left
out (ids, numbers and codes are generated, times default to now), accounts may give a clear
``password``, subjects a clear ``icp_password`` and their ``websites`` nested, each of which then
gets its used service code and its registry record, so a test can start from "already filed".

The product catalogue (regions, products) is data loaded by migrations, not part of a world:
documents name products and regions by id. Staff accounts are kept by a restore that does not
mention them, so the caller of a restore keeps its log-in.
"""

from .format import (
    FORMAT,
    MAX_DOCUMENT_BYTES,
    SETTINGS_FIELDS,
    TABLES,
    VERSION,
    InvalidWorld,
    parse,
    read_file,
)
from .loading import plan
from .snapshot import settings_as_dict, settings_row, snapshot
from .writing import DEMO_WORLD, WORLDS, counts, demo_document, reset, restore

__all__ = [
    "DEMO_WORLD",
    "FORMAT",
    "MAX_DOCUMENT_BYTES",
    "SETTINGS_FIELDS",
    "TABLES",
    "VERSION",
    "WORLDS",
    "InvalidWorld",
    "counts",
    "demo_document",
    "parse",
    "plan",
    "read_file",
    "reset",
    "restore",
    "settings_as_dict",
    "settings_row",
    "snapshot",
]
