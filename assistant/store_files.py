"""The embedded index's files as the file system and SQLite see them, before Chroma opens them (see `store`)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

__all__ = ["database_problem", "inode", "writable"]

FULL_CHECK_BYTES = 256 * 2**20  # a database file up to this size is checked page by page when opened


def inode(database: Path) -> int | None:
    try:
        return database.stat().st_ino
    except OSError:
        return None


def writable(folder: Path, database: Path) -> bool:
    """Whether SQLite can write the index: a writable folder (for its journal) and file, on a writable file system."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except OSError:
        return False
    return os.access(folder, os.W_OK) and (not database.exists() or os.access(database, os.W_OK))


def database_problem(database: Path) -> str | None:
    """What SQLite finds wrong with the index's database file, or None (also when it cannot tell).

    `PRAGMA quick_check` reads every page (a few ms for the guide, ~1 s a GB: 3.5 s at 100 MB of guides, each time a
    process opened the index) but skips the costlier index checks. Above `FULL_CHECK_BYTES` only the header and the
    length are checked (a file cut short is the damage a crash leaves); what else Chroma meets is still reported as
    damage (`store.VectorStore._translate`).
    """
    if not database.exists():
        return None
    try:
        with database.open("rb") as file:
            header = file.read(16)
        if database.stat().st_size and header != b"SQLite format 3\x00":
            return "its database file is not an SQLite database"
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
        try:
            size = database.stat().st_size
            if size > FULL_CHECK_BYTES:
                pages = connection.execute("PRAGMA page_count").fetchone()[0]
                page_size = connection.execute("PRAGMA page_size").fetchone()[0]
                rows = [("ok",)] if pages * page_size <= size else [("the file is shorter than its pages",)]
            else:
                rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        return str(exc) if ("malformed" in text or "not a database" in text) else None
    except OSError:
        return None
    found = [row[0] for row in rows]
    return None if found == ["ok"] else f"database disk image is malformed: {found[0]}"
