"""Add uploaded guides to the corpus folder, safely, and ingest just those files.

The chat UI's "Documents" tab is a thin wrapper over `add_documents`. What it guarantees:

- Only supported types (`SUPPORTED_SUFFIXES`) no larger than `settings.max_upload_mb`, and only files that
  `load_markdown` can read (so no binary, no archive renamed as text, no non-UTF-8 text, no broken PDF).
- The saved name is the upload's base name made safe: no folders (`../../etc/x.md` becomes `x.md`), no
  hidden names, only letters, digits, `-`, `_` and `.`. Files land in `settings.corpus_dir` and nowhere else.
- Symbolic links are never followed, neither the uploaded file nor a name already in the corpus.
- An upload never replaces a different file: it is saved under the next free name (`guide-2.md`) and the
  report says so. An upload identical to a file already there is not written again.
- Each file is written to a hidden temporary file and then linked into place, so a reader (or a
  concurrent ingest, which skips hidden files) never sees half a file.
- A refused file changes nothing; a file is kept in the corpus only once it is indexed: one that ingestion
  skips (over a read limit, say) is removed again and reported, and if ingestion itself fails, every file this
  call saved is removed again.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path, PurePosixPath

from assistant.errors import IngestError
from assistant.settings import Settings

from .loaders import SUPPORTED_SUFFIXES, ReadLimits, UnreadableFile, load_markdown
from .pipeline import FileProblem, IngestReport, ingest

__all__ = ["UploadReport", "add_documents", "safe_filename"]

_UNSAFE = re.compile(r"[^\w.-]+")
_MAX_STEM = 80


@dataclass
class UploadReport(IngestReport):
    """An `IngestReport` that also names the files saved into the corpus folder.

    Attributes:
        saved: The corpus files the uploads were saved as (or found identical to), in upload order.
        notes: Remarks for the user, e.g. that an upload was saved under another name.
    """

    saved: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        names = ", ".join(p.name for p in self.saved)
        return f"Added {names}. " + super().summary() if names else super().summary()


def safe_filename(name: str) -> str:
    """The base name of `name`, made safe to create in the corpus folder (suffix lower-cased).

    >>> safe_filename("../../etc/My Guide (v2).MD")
    'My-Guide-v2.md'
    """
    base = PurePosixPath(unicodedata.normalize("NFC", name).replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = _UNSAFE.sub("-", stem).strip(".-_ ")[:_MAX_STEM].rstrip(".-_ ") or "document"
    suffix = _UNSAFE.sub("", suffix).lower()
    return f"{stem}.{suffix}" if suffix else stem


def _read_upload(path: Path, limit: int) -> bytes:
    """The bytes of an uploaded file, refusing symbolic links, non-regular files and oversized files."""
    try:
        if path.is_symlink():
            raise UnreadableFile("it is a symbolic link; upload the file itself")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise UnreadableFile(f"it cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("it is not a regular file")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(f"it is {info.st_size / 2**20:.1f} MB; the limit is {limit / 2**20:g} MB")
    return data


def _write_hidden_temp(folder: Path, suffix: str, data: bytes) -> Path:
    """`data` in a new hidden file of `folder` (ingest skips hidden files), flushed to disk."""
    fd, name = tempfile.mkstemp(prefix=".upload-", suffix=suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _same_content(path: Path, data: bytes) -> bool:
    try:
        return not path.is_symlink() and path.is_file() and path.read_bytes() == data
    except OSError:
        return False


def _place(temp: Path, folder: Path, name: str, data: bytes) -> tuple[Path, bool]:
    """Give `temp` the first free name `name`, `name-2`, ... in `folder`; never replaces a different file.

    Returns the final path and whether a new file was created (False: an identical file was there).
    """
    stem, suffix = os.path.splitext(name)
    for n in range(1, 1000):
        target = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        if _same_content(target, data):
            return target, False
        try:
            # A hard link fails if the name exists, even as a dangling symlink: an atomic "create, never clobber".
            os.link(temp, target)
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system: fall back to check-then-replace
            if os.path.lexists(target):
                continue
            os.replace(temp, target)
            return target, True
        return target, True
    raise IngestError(f"{name}: too many files of that name in {folder}")


def _save(path: Path, settings: Settings, folder: Path) -> tuple[Path, bool]:
    """Validate one upload and save it into `folder`; raises UnreadableFile saying why it was refused."""
    name = safe_filename(path.name)
    suffix = Path(name).suffix
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}")
    data = _read_upload(path, int(settings.max_upload_mb * 2**20))
    temp = _write_hidden_temp(folder, suffix, data)
    try:
        try:
            load_markdown(temp, ReadLimits.from_settings(settings))  # validate exactly the bytes that will be saved
        except UnreadableFile:
            raise
        except Exception as exc:  # a reader's surprise refuses this file, not the others
            raise UnreadableFile(f"it could not be read ({type(exc).__name__}: {exc})") from None
        return _place(temp, folder, name, data)
    finally:
        temp.unlink(missing_ok=True)


def add_documents(
    settings: Settings,
    files: Sequence[Path],
    *,
    progress: Callable[[int, int], None] | None = None,
    ingest_fn: Callable[..., IngestReport] = ingest,
) -> UploadReport:
    """Save uploaded files into the corpus folder and ingest them (and only them).

    Args:
        settings: Where the corpus folder is and how large an upload may be.
        files: The uploaded files; each one's name is the name the user gave it.
        progress: Called as `progress(done, total)` with chunk counts while embedding.
        ingest_fn: The ingestion to run on the saved files, e.g. `ingest` bound to a shared model and store.

    Returns:
        The ingestion's report, with each refused upload in `problems` and the saved files in `saved`.

    Raises:
        IngestError: no upload was usable (the message names each one and why), or ingestion failed
            (then the files this call created are removed again).
    """
    folder = Path(settings.corpus_dir)
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    created: list[Path] = []
    problems: list[FileProblem] = []
    notes: list[str] = []
    for path in map(Path, files):
        try:
            target, is_new = _save(path, settings, folder)
        except UnreadableFile as exc:
            problems.append(FileProblem(Path(path.name), str(exc)))
            continue
        if not is_new:
            notes.append(f"{path.name}: already in the corpus as {target.name}, unchanged")
        elif target.name != path.name:
            notes.append(f"{path.name}: saved as {target.name}")
        saved.append(target)
        if is_new:
            created.append(target)
    if not saved:
        raise IngestError("nothing was added: " + "; ".join(map(str, problems)))
    try:
        report = ingest_fn(settings, saved, progress=progress)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    result = UploadReport(**{f.name: getattr(report, f.name) for f in fields(IngestReport)}, saved=saved, notes=notes)
    skipped = {problem.path.resolve() for problem in report.problems}
    for path in [p for p in saved if p.resolve() in skipped]:  # saved but not indexed: not kept
        result.saved.remove(path)
        if path in created:
            path.unlink(missing_ok=True)
    result.problems = problems + [FileProblem(Path(p.path.name), p.reason) for p in result.problems]
    return result
