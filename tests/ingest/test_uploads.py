"""`add_documents`: uploads are checked, saved safely into the corpus folder, and only they are ingested."""

from __future__ import annotations

import bz2
import gzip
import io
import os
import tarfile
import zipfile
from functools import partial
from pathlib import Path

import pytest

from assistant.errors import IngestError, StoreUnavailable
from ingest import IngestReport, ingest
from ingest.uploads import add_documents, safe_filename

NOTE = b"# Field notes\n\n## Salaries in Atlantis\n\nUnderwater data scientists in Atlantis earn 42 pearls a month.\n"


class RecordingIngest:
    """Stands in for `ingest` where the logic under test is the checking and saving, not the indexing."""

    def __init__(self) -> None:
        self.calls: list[list[Path]] = []

    def __call__(self, settings, paths, *, progress=None) -> IngestReport:
        self.calls.append(list(paths))
        return IngestReport(files_read=len(paths), added=len(paths))


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    """A folder outside the corpus, where the uploaded files wait (as Gradio's upload cache does)."""
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): (b"->" + os.readlink(p).encode() if p.is_symlink() else p.read_bytes())
        for p in folder.rglob("*")
        if p.is_symlink() or p.is_file()
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("guide.md", "guide.md"),
        ("../../etc/x.md", "x.md"),
        ("..\\..\\windows\\evil.md", "evil.md"),
        (".bashrc.md", "bashrc.md"),
        ("My Guide (v2).MD", "My-Guide-v2.md"),
        ("<script>alert(1)</script>.html", "script.html"),
        ("..md", "document.md"),
        ("résumé.txt", "résumé.txt"),
        ("a" * 300 + ".md", "a" * 80 + ".md"),
        ("evil\u202egpj.md", "evil-gpj.md"),  # a right-to-left override that would show it as "evilmd.jpg"
        ("zero\u200bwidth.md", "zero-width.md"),
        ("notes.md\x00.exe", "notes.md.exe"),  # NUL truncation: the real suffix is .exe, which is refused
        ("a/b/c/../../d.md", "d.md"),
        ("../..", "document"),
        ("%2e%2e%2fpasswd.md", "2e-2e-2fpasswd.md"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_an_upload_is_saved_into_the_corpus_and_ingested(settings, uploads: Path, embeddings) -> None:
    from assistant.store import VectorStore

    store = VectorStore(settings, embeddings.identity)
    (uploads / "field-notes.md").write_bytes(NOTE)
    seen: list[tuple[int, int]] = []

    report = add_documents(
        settings,
        [uploads / "field-notes.md"],
        progress=lambda done, total: seen.append((done, total)),
        ingest_fn=partial(ingest, embeddings=embeddings, store=store),
    )

    assert report.saved == [settings.corpus_dir / "field-notes.md"]
    assert (settings.corpus_dir / "field-notes.md").read_bytes() == NOTE
    assert report.added > 0 and not report.problems
    assert {meta["source"] for meta in store.metadatas().values()} == {"field-notes.md"}
    assert seen and seen[-1][0] == seen[-1][1]
    assert "field-notes.md" in report.summary()


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner.md", "# Hidden\n\nText inside an archive.\n")
    return buffer.getvalue()


def _tar_bytes() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        data = b"# Hidden\n\nText inside a tarball.\n"
        info = tarfile.TarInfo("inner.md")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("tool.exe", b"MZ\x90\x00\x03", "unsupported file type .exe"),
        ("no-suffix", b"# Title\n\nText.\n", "unsupported file type (none)"),
        ("archive.md", _zip_bytes(), "binary"),
        ("archive.html", _zip_bytes(), "binary"),
        ("archive.pdf", _zip_bytes(), "PDF"),
        ("notes.txt", gzip.compress(b"# Notes\n\nPlain text, gzipped.\n"), "binary"),
        ("notes.md", bz2.compress(b"# Notes\n\nPlain text, bzipped.\n" * 50), "binary"),
        ("bundle.md", _tar_bytes(), "binary"),
        ("latin1.txt", "Café résumé\n".encode("latin-1"), "not valid UTF-8"),
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n", "PDF"),
        ("empty.md", b"", "empty"),
        ("big.md", b"# Big\n\n" + b"word " * 60_000, "the limit is 0.25 MB"),
    ],
)
def test_a_bad_upload_is_refused_and_changes_nothing(settings, uploads, name, content, reason) -> None:
    settings = settings.model_copy(update={"max_upload_mb": 0.25})
    (settings.corpus_dir / "existing.md").write_bytes(NOTE)
    before = _tree(settings.corpus_dir)
    (uploads / name).write_bytes(content)
    ingest_fn = RecordingIngest()

    with pytest.raises(IngestError) as raised:
        add_documents(settings, [uploads / name], ingest_fn=ingest_fn)

    assert name in str(raised.value) and reason in str(raised.value)
    assert _tree(settings.corpus_dir) == before  # no file, no leftover temporary file
    assert ingest_fn.calls == []


def test_good_uploads_are_added_and_bad_ones_reported(settings, uploads) -> None:
    (uploads / "good.md").write_bytes(NOTE)
    (uploads / "bad.exe").write_bytes(b"MZ")
    ingest_fn = RecordingIngest()

    report = add_documents(settings, [uploads / "bad.exe", uploads / "good.md"], ingest_fn=ingest_fn)

    assert ingest_fn.calls == [[settings.corpus_dir / "good.md"]]
    assert [(p.path.name, "unsupported" in p.reason) for p in report.problems] == [("bad.exe", True)]
    assert sorted(os.listdir(settings.corpus_dir)) == ["good.md"]


@pytest.mark.parametrize(
    ("upload_name", "saved_name"),
    [("..\\..\\evil.md", "evil.md"), (".hidden.md", "hidden.md"), ("<b>x&y.md", "b-x-y.md")],
)
def test_an_unsafe_name_is_saved_under_a_safe_one_inside_the_corpus(
    settings, uploads, tmp_path, upload_name, saved_name
) -> None:
    (uploads / upload_name).write_bytes(NOTE)
    outside = {p for p in tmp_path.parent.rglob("*") if "corpus" not in p.parts}

    report = add_documents(settings, [uploads / upload_name], ingest_fn=RecordingIngest())

    assert report.saved == [settings.corpus_dir / saved_name]
    assert os.listdir(settings.corpus_dir) == [saved_name]
    assert {p for p in tmp_path.parent.rglob("*") if "corpus" not in p.parts} == outside


def test_a_symlinked_upload_is_refused(settings, uploads, tmp_path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_bytes(b"# Secret\n\nDo not publish.\n")
    (uploads / "link.md").symlink_to(secret)

    with pytest.raises(IngestError, match=r"link\.md: it is a symbolic link"):
        add_documents(settings, [uploads / "link.md"], ingest_fn=RecordingIngest())
    assert os.listdir(settings.corpus_dir) == []


def test_a_symlink_in_the_corpus_is_never_written_through(settings, uploads, tmp_path) -> None:
    target = tmp_path / "outside.md"
    target.write_bytes(b"# Outside\n\nUntouched.\n")
    (settings.corpus_dir / "notes.md").symlink_to(target)
    (uploads / "notes.md").write_bytes(NOTE)

    report = add_documents(settings, [uploads / "notes.md"], ingest_fn=RecordingIngest())

    assert report.saved == [settings.corpus_dir / "notes-2.md"]
    assert target.read_bytes() == b"# Outside\n\nUntouched.\n"


def test_an_upload_never_replaces_a_different_file(settings, uploads) -> None:
    (settings.corpus_dir / "notes.md").write_bytes(b"# Mine\n\nMy own notes.\n")
    (uploads / "notes.md").write_bytes(NOTE)

    report = add_documents(settings, [uploads / "notes.md"], ingest_fn=RecordingIngest())

    assert (settings.corpus_dir / "notes.md").read_bytes() == b"# Mine\n\nMy own notes.\n"
    assert (settings.corpus_dir / "notes-2.md").read_bytes() == NOTE
    assert report.notes == ["notes.md: saved as notes-2.md"]


def test_an_identical_upload_is_not_saved_twice(settings, uploads) -> None:
    (settings.corpus_dir / "notes.md").write_bytes(NOTE)
    (uploads / "notes.md").write_bytes(NOTE)

    report = add_documents(settings, [uploads / "notes.md"], ingest_fn=RecordingIngest())

    assert os.listdir(settings.corpus_dir) == ["notes.md"]
    assert report.saved == [settings.corpus_dir / "notes.md"]
    assert report.notes == ["notes.md: already in the corpus as notes.md, unchanged"]


def test_failed_ingestion_removes_the_files_it_saved(settings, uploads) -> None:
    (settings.corpus_dir / "kept.md").write_bytes(NOTE)
    (uploads / "kept.md").write_bytes(NOTE)
    (uploads / "new.md").write_bytes(NOTE.replace(b"42", b"43"))

    def failing_ingest(settings, paths, *, progress=None):
        raise StoreUnavailable("the Chroma server at 127.0.0.1:1 cannot be reached")

    with pytest.raises(StoreUnavailable):
        add_documents(settings, [uploads / "kept.md", uploads / "new.md"], ingest_fn=failing_ingest)
    assert os.listdir(settings.corpus_dir) == ["kept.md"]
