"""Incremental ingestion into a real Chroma with the real MiniLM model."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

import ui.cli
from assistant.embeddings import embed_text
from assistant.errors import IngestError, ModelMismatch, StoreUnavailable
from assistant.store import VectorStore
from ingest import chunk_markdown, load_markdown

GUIDE = "ml-engineer-vs-data-scientist.md"
GUIDE_PATH = Path(__file__).parents[2] / "corpus" / GUIDE
INTERVIEWS = (
    "# Interview tips\n\n## Preparing\n\nReview the job description and practise explaining your past projects.\n\n"
    "## On the day\n\nArrive early, bring questions for the interviewers, and send a thank-you note afterwards.\n"
)
PORTFOLIO = "# Portfolio\n\nShow three projects end to end: the data, the model, and what it changed for the users.\n"


def guide_chunks(**sizes):
    return chunk_markdown(load_markdown(GUIDE_PATH), **sizes)


def by_source(store: VectorStore) -> dict[str, dict[str, dict]]:
    """Every stored chunk's metadata, grouped by source file and keyed by chunk ID."""
    grouped: dict[str, dict[str, dict]] = {}
    for chunk_id, meta in store.metadatas().items():
        grouped.setdefault(meta["source"], {})[chunk_id] = meta
    return grouped


def stored_sections(store: VectorStore, source: str) -> list[tuple[int, str, str]]:
    """A source's chunks as (position, section, text), in document order."""
    chunks = store.chunks(where={"source": source})
    return sorted((c.metadata["position"], c.metadata["section"], c.text) for c in chunks)


def counts(report) -> tuple[int, int, int, int]:
    return report.added, report.replaced, report.removed, report.unchanged


class RecordingEmbeddings:
    """The real model, recording each call and optionally failing on one.

    A wrapper rather than a fake: the vectors stay real. It lets a test see what ingest embeds, and
    simulate the model crashing part-way through a run (out of memory, say), which the real one won't do
    on demand.
    """

    def __init__(self, model, fail_on_call: int | None = None) -> None:
        self.model = model
        self.identity = model.identity
        self.fail_on_call = fail_on_call
        self.calls: list[list[str]] = []

    def encode(self, texts, batch_size=64, progress=None):
        self.calls.append(list(texts))
        if len(self.calls) == self.fail_on_call:
            raise RuntimeError("simulated crash while embedding")
        return self.model.encode(texts, batch_size=batch_size, progress=progress)


@pytest.fixture
def use_session_model(monkeypatch, embeddings):
    """Make the CLI use the session's already-loaded model instead of loading another copy."""
    monkeypatch.setattr("assistant.wiring.build_embeddings", lambda settings=None: embeddings)


@pytest.fixture
def ingested(corpus: Path, run_ingest):
    """The test's corpus (the guide) ingested once; returns that first report."""
    return run_ingest()


# --- the guide --------------------------------------------------------------------------------------------


def test_the_guide_is_stored_with_its_sections_and_metadata(guide_store: VectorStore):
    expected = guide_chunks()
    chunks = guide_store.chunks()

    assert guide_store.count() == len(expected) == 31
    assert stored_sections(guide_store, GUIDE) == [(c.position, c.section, c.text) for c in expected]
    assert {c.metadata["source"] for c in chunks} == {GUIDE}
    assert len({c.metadata["file_hash"] for c in chunks}) == 1
    assert re.fullmatch(r"[0-9a-f]{64}", chunks[0].metadata["file_hash"])
    assert len({c.id for c in chunks}) == len(chunks)


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("How much does a data scientist earn per year?", "Earning potentials > Data scientist"),
        ("What tools does a data scientist use?", "Tools and technologies > Data scientist"),
        ("What is the job outlook for data scientists?", "Job outlook > Data scientist"),
        ("How do I become a data scientist?", "Career paths > Data scientist"),
    ],
)
def test_a_question_finds_the_right_one_of_the_same_named_subsections(
    guide_store: VectorStore, embeddings, question: str, section: str
):
    hits = guide_store.query(embeddings.embed_query(question), k=guide_store.count())
    best = next(h for h in hits if h.chunk.metadata["section"].endswith("> Data scientist"))

    assert best.chunk.metadata["section"] == section


def test_each_chunk_is_embedded_with_its_heading_path(guide_store: VectorStore, embeddings):
    chunks = [c for c in guide_store.chunks() if c.metadata["section"].endswith("> Data scientist")]
    with_path = embeddings.encode([embed_text(c.metadata["section"], c.text) for c in chunks])
    text_only = embeddings.encode([c.text for c in chunks])

    for chunk, vector, bare in zip(chunks, with_path, text_only, strict=True):
        best = guide_store.query(vector, k=1)[0]
        assert best.chunk.id == chunk.id and best.similarity > 0.999
        assert float(bare @ vector) < 0.999, "without its path the text embeds elsewhere"


def test_a_second_run_embeds_and_writes_nothing(ingested, run_ingest, store: VectorStore, embeddings):
    revision, before = store.revision(), store.metadatas()
    recorder = RecordingEmbeddings(embeddings)

    report = run_ingest(embeddings=recorder)

    assert counts(ingested) == (31, 0, 0, 0)
    assert counts(report) == (0, 0, 0, 31)
    assert report.problems == [] and report.files_read == 1
    assert sum(map(len, recorder.calls)) == 0
    assert store.revision() == revision
    assert store.metadatas() == before


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("$103,500 per year", "$110,000 per year", id="change-a-figure"),
        pytest.param(
            "## Earning potentials\n",
            "## Earning potentials\n\nSalaries below are national averages for the United States.\n",
            id="insert-a-paragraph",
        ),
    ],
)
def test_editing_a_file_replaces_only_its_changed_chunks(
    corpus: Path, run_ingest, store: VectorStore, embeddings, old: str, new: str
):
    (corpus / "interviews.md").write_text(INTERVIEWS, encoding="utf-8")
    run_ingest()
    before = by_source(store)
    guide = corpus / GUIDE
    guide.write_text(guide.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    recorder = RecordingEmbeddings(embeddings)

    report = run_ingest(embeddings=recorder)

    after = by_source(store)
    assert after["interviews.md"] == before["interviews.md"]
    kept = set(after[GUIDE]) & set(before[GUIDE])
    assert report.replaced == len(set(after[GUIDE]) - kept) >= 1
    assert report.removed == len(set(before[GUIDE]) - kept) >= 1
    assert report.added == 0
    assert report.unchanged == len(kept) + len(before["interviews.md"])
    assert len(kept) >= len(before[GUIDE]) - 2
    # Only the replaced chunks are embedded: each chunk, then each of its sentences (stored with the index).
    replaced = set(after[GUIDE]) - kept
    assert sum(map(len, recorder.calls)) == sum(1 + after[GUIDE][i]["sentences"] for i in replaced)
    expected = chunk_markdown(load_markdown(guide))
    assert stored_sections(store, GUIDE) == [(c.position, c.section, c.text) for c in expected]
    assert len({m["file_hash"] for m in after[GUIDE].values()}) == 1, "kept chunks record the new file hash"


def test_adding_a_file_adds_its_chunks(ingested, corpus: Path, run_ingest, store: VectorStore):
    (corpus / "interviews.md").write_text(INTERVIEWS, encoding="utf-8")

    report = run_ingest()

    assert counts(report) == (2, 0, 0, 31)
    assert [section for _, section, _ in stored_sections(store, "interviews.md")] == ["Preparing", "On the day"]
    assert store.count() == 33


def test_deleting_a_file_removes_exactly_its_chunks(corpus: Path, run_ingest, store: VectorStore):
    (corpus / "interviews.md").write_text(INTERVIEWS, encoding="utf-8")
    (corpus / "more").mkdir()
    (corpus / "more" / "portfolio.md").write_text(PORTFOLIO, encoding="utf-8")
    run_ingest()
    before = by_source(store)

    (corpus / "interviews.md").unlink()
    report = run_ingest()

    assert counts(report) == (0, 0, 2, 32)
    assert by_source(store) == {GUIDE: before[GUIDE], "more/portfolio.md": before["more/portfolio.md"]}


def test_rebuild_from_the_cli_adds_everything_again(
    settings, run_ingest, store: VectorStore, use_session_model, capsys
):
    (settings.corpus_dir / "interviews.md").write_text(INTERVIEWS, encoding="utf-8")
    (settings.corpus_dir / "portfolio.md").write_text(PORTFOLIO, encoding="utf-8")
    run_ingest()
    ids, revision = set(store.metadatas()), store.revision()

    status = ui.cli.main(["ingest", "--rebuild"])

    out = capsys.readouterr().out
    assert status == 0
    assert "2 files read: 3 chunks added, 0 replaced, 0 removed, 0 unchanged" in out
    assert set(store.metadatas()) == ids, "chunk IDs are stable across a rebuild"
    assert store.revision() != revision


def test_opening_an_index_of_another_model_says_to_rebuild(guide_settings, guide_store: VectorStore):
    other = VectorStore(guide_settings, {"embedding_model": "other-model", "embedding_dim": 384})

    for read in (other.count, other.metadatas, lambda: other.query([0.0] * 384, 3)):
        with pytest.raises(ModelMismatch, match=re.escape("career-assistant ingest --rebuild")) as error:
            read()
        assert "all-MiniLM-L6-v2" in str(error.value) and "other-model" in str(error.value)


def test_the_cli_reports_a_model_mismatch_in_one_line_and_rebuild_fixes_it(
    settings, store: VectorStore, use_session_model, capsys
):
    (settings.corpus_dir / "interviews.md").write_text(INTERVIEWS, encoding="utf-8")
    other = VectorStore(settings, {"embedding_model": "other-model", "embedding_dim": 384})
    meta = {"source": "interviews.md", "section": "Preparing", "position": 0, "file_hash": "0" * 64}
    other.write(add=(["old"], [[0.1] * 384], ["Old text."], [meta]))

    status = ui.cli.main(["ingest"])

    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("error: ") and "run `career-assistant ingest --rebuild`" in captured.err
    assert other.count() == 1, "the index is left as it was"

    assert ui.cli.main(["ingest", "--rebuild"]) == 0
    assert [section for _, section, _ in stored_sections(store, "interviews.md")] == ["Preparing", "On the day"]
    assert store.count() == 2, "the other model's chunk is gone"


# --- bad input ----------------------------------------------------------------------------------------------


def _zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Data scientists earn well. " * 50)
    return buffer.getvalue()


def _random_bytes() -> bytes:
    noise = random.Random(7).randbytes(3000)
    return noise[:100] + b"\x00\x00" + noise[100:]


BAD_FILES = [
    pytest.param("notes.md", b"", "the file is empty", id="zero-byte-md"),
    pytest.param("notes.txt", b"caf\xe9 au lait and data science careers.\n", "not valid UTF-8", id="latin1-txt"),
    pytest.param("notes.txt", _zip_archive(), "binary file", id="zip-named-txt"),
    pytest.param("notes.txt", _random_bytes(), "binary file", id="random-bytes-txt"),
    pytest.param("notes.pdf", b"%PDF-1.4 garbage", "not a readable PDF", id="corrupt-pdf"),
]
GOOD_NOTES = ["Notes on careers", "Data scientists and ML engineers both write Python every day."]


@pytest.mark.parametrize(("name", "bad", "reason"), BAD_FILES)
def test_a_bad_file_is_reported_and_skipped_without_losing_data(
    settings, run_ingest, store: VectorStore, make_pdf, name: str, bad: bytes, reason: str
):
    corpus = settings.corpus_dir
    (corpus / "interviews.md").write_text(INTERVIEWS, encoding="utf-8")
    notes = corpus / name
    if notes.suffix == ".pdf":
        make_pdf(notes, GOOD_NOTES)
    else:
        heading = "# " if notes.suffix == ".md" else ""
        notes.write_text(f"{heading}{GOOD_NOTES[0]}\n\n{GOOD_NOTES[1]}\n", encoding="utf-8")
    first = run_ingest()
    assert first.problems == [] and first.added == 3
    assert [text for _, _, text in stored_sections(store, name)] == [GOOD_NOTES[1]]
    before = by_source(store)

    notes.write_bytes(bad)  # the file goes bad, and a new good one arrives
    (corpus / "portfolio.md").write_text(PORTFOLIO, encoding="utf-8")
    report = run_ingest()

    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.path == notes and reason in problem.reason
    assert str(problem).startswith(str(notes))
    assert counts(report) == (1, 0, 0, 2)
    after = by_source(store)
    assert after[name] == before[name], "the last good version of a file that went bad is kept"
    assert after["interviews.md"] == before["interviews.md"]
    assert set(after) == {"interviews.md", name, "portfolio.md"}


@pytest.mark.parametrize("leftover", [None, "notes.docx"], ids=["empty-folder", "only-unsupported-files"])
def test_a_folder_with_nothing_to_ingest_fails_and_keeps_the_index(
    settings, run_ingest, store: VectorStore, leftover: str | None
):
    guide = settings.corpus_dir / "interviews.md"
    guide.write_text(INTERVIEWS, encoding="utf-8")
    run_ingest()
    revision, before = store.revision(), store.metadatas()
    guide.unlink()
    if leftover:
        (settings.corpus_dir / leftover).write_bytes(b"PK\x03\x04")

    with pytest.raises(IngestError, match=f"{re.escape(str(settings.corpus_dir))}: no .md"):
        run_ingest()

    assert store.revision() == revision
    assert store.metadatas() == before


def test_a_crash_part_way_keeps_the_index_and_a_rerun_completes(settings, run_ingest, store: VectorStore, embeddings):
    corpus = settings.corpus_dir
    for name in ("a.md", "b.md"):
        (corpus / name).write_text(f"# {name}\n\nFirst version of {name}.\n", encoding="utf-8")
    run_ingest()
    first_b = by_source(store)["b.md"]
    for name in ("a.md", "b.md"):
        (corpus / name).write_text(f"# {name}\n\nSecond version of {name}.\n", encoding="utf-8")

    with pytest.raises(RuntimeError, match="simulated crash"):
        run_ingest(embeddings=RecordingEmbeddings(embeddings, fail_on_call=2))

    assert [text for _, _, text in stored_sections(store, "a.md")] == ["Second version of a.md."]
    assert by_source(store)["b.md"] == first_b, "the file being embedded when it failed is untouched"

    report = run_ingest()

    assert counts(report) == (0, 1, 1, 1)
    assert [text for _, _, text in stored_sections(store, "b.md")] == ["Second version of b.md."]


# --- a Chroma server ----------------------------------------------------------------------------------------


@pytest.mark.server
def test_ingest_through_a_chroma_server(server_settings, corpus: Path, run_ingest, embeddings):
    store = VectorStore(server_settings, embeddings.identity)
    (corpus / "interviews.md").write_text(INTERVIEWS, encoding="utf-8")

    first = run_ingest(settings=server_settings)
    revision = store.revision()
    second = run_ingest(settings=server_settings)
    unchanged_revision = store.revision()
    (corpus / "interviews.md").unlink()
    third = run_ingest(settings=server_settings)

    assert counts(first) == (33, 0, 0, 0)
    assert counts(second) == (0, 0, 0, 33)
    assert unchanged_revision == revision
    assert counts(third) == (0, 0, 2, 31)
    assert set(by_source(store)) == {GUIDE}
    assert not server_settings.chroma_path.exists(), "nothing went to the embedded store"


@pytest.mark.server
def test_ingest_fails_clearly_while_the_server_is_down_and_works_once_it_is_back(
    server_settings, chroma_server, run_ingest
):
    (server_settings.corpus_dir / "interviews.md").write_text(INTERVIEWS, encoding="utf-8")
    run_ingest(settings=server_settings)

    chroma_server.stop()
    try:
        with pytest.raises(StoreUnavailable, match=f"{chroma_server.host}:{chroma_server.port}"):
            run_ingest(settings=server_settings)
    finally:
        chroma_server.start()

    assert counts(run_ingest(settings=server_settings)) == (0, 0, 0, 2)


def test_progress_of_an_ingest_with_nothing_to_embed_counts_nothing():
    """A new pipeline version re-plans every file but embeds no text: an embedder that reports an empty batch
    (the 100 MB benchmark's stand-in did) must not divide by the zero texts to do."""
    from ingest.progress import Progress, Work

    seen = []
    with Progress(Work(files=3, file_bytes=10, chunks=0, texts=0, text_bytes=10), lambda *a: seen.append(a)) as shown:
        shown.texts_done(0)
    assert seen == []
