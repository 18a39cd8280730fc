"""Stored documents never outlive their rows (issue 27 point 6).

Three paths leave a file behind: a process killed between writing a document's file and
committing its row (kill -9 during a replacement: no ``except`` runs), an outer transaction
rolled back after the upload's own block succeeded, and a reset or restore replacing the world
(its rows go by a raw delete). A restore removes the replaced world's files once it commits;
:func:`sweep_orphan_files` (``manage.py simulator sweep-files``, and after every reset or
restore) removes any file under ``filings/`` that no row names."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

logger = logging.getLogger("simulator")

ROOT = "filings"
# An upload writes its file a moment before its row commits: a younger file may be in flight.
DEFAULT_GRACE = dt.timedelta(minutes=10)


def _storage():
    from filings.models import FilingDocument

    return FilingDocument._meta.get_field("file").storage


def stored_names(storage=None) -> list[str]:
    """Every file the storage holds under ``filings/``."""
    storage = storage or _storage()
    found: list[str] = []
    pending = [ROOT]
    while pending:
        folder = pending.pop()
        try:
            folders, files = storage.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        found.extend(f"{folder}/{name}" for name in files)
        pending.extend(f"{folder}/{name}" for name in folders)
    return sorted(found)


def row_names() -> set[str]:
    from filings.models import FilingDocument

    return set(FilingDocument.objects.values_list("file", flat=True))


def sweep_orphan_files(*, older_than: dt.timedelta = DEFAULT_GRACE) -> list[str]:
    """Remove every stored document no row names and older than ``older_than``; returns them."""
    storage = _storage()
    named = row_names()
    cutoff = timezone.now() - older_than
    removed = []
    for name in stored_names(storage):
        if name in named:
            continue
        try:
            if older_than and storage.get_modified_time(name) > cutoff:
                continue
            storage.delete(name)
        except (FileNotFoundError, NotImplementedError):
            continue
        removed.append(name)
    if removed:
        logger.warning("Removed %s stored documents with no row", len(removed))
    return removed


def remove_files(names) -> None:
    storage = _storage()
    for name in names:
        try:
            storage.delete(name)
        except FileNotFoundError:
            pass
