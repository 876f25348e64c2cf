"""The one-ingest-at-a-time lock of an index."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from assistant.errors import IngestError
from assistant.settings import Settings


def ingest_lock_path(settings: Settings) -> Path:
    """The file whose lock one ingest holds: in the embedded index's folder, or, for a Chroma server, in the
    temporary folder, named after the server and collection (so it only keeps out ingests on this machine)."""
    if settings.chroma_host:
        key = hashlib.sha256(f"{settings.chroma_host}:{settings.chroma_port}/{settings.collection}".encode())
        return Path(tempfile.gettempdir()) / f"career-assistant-ingest-{key.hexdigest()[:16]}.lock"
    return Path(settings.chroma_path) / "ingest.lock"


@contextmanager
def ingest_lock(settings: Settings, where: str) -> Iterator[None]:
    """Hold the one-ingest-at-a-time lock of the store the settings name, or fail at once.

    `filelock`'s lock (an advisory `flock` on POSIX): the kernel drops it when the holder exits, even when killed, so
    it never goes stale; it also keeps out a second ingest in the same process (the chat app's uploads). Two
    writers at once could each delete what the other just wrote, and embedded Chroma is not safe to write from two
    processes. The holder writes its process ID into the file, for the message of the one kept out.

    Raises:
        IngestError: another ingest holds the lock.
    """
    from filelock import FileLock, Timeout

    path = ingest_lock_path(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path, timeout=0)
        lock.acquire()
    except Timeout:
        try:
            holder = path.read_text(errors="replace").strip()[:32]
        except OSError:
            holder = ""
        raise IngestError(
            f"another ingest is running on the {where}{f' (process {holder})' if holder.isdigit() else ''}; "
            f"wait for it to finish, then run this again (lock: {path})"
        ) from None
    except OSError as exc:
        raise IngestError(f"cannot open the ingest lock {path}: {exc.strerror or exc}") from None
    try:
        with suppress(OSError):  # the process ID is for the message only
            path.write_text(str(os.getpid()))
        yield
    finally:
        lock.release()  # the file stays, so no one can lock a file about to be removed
