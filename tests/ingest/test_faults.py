"""Ingestion under faults: a run killed part-way, and two runs at once on one index."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.settings import Settings, load_settings
from assistant.store import VectorStore
from ingest import ingest
from ingest.pipeline import ingest_lock_path

CLI = Path(sys.executable).parent / "career-assistant"
WORDS = [
    "model", "data", "pipeline", "feature", "label", "cluster", "metric", "deploy", "monitor", "latency", "budget",
    "stakeholder", "report", "dashboard", "experiment", "baseline", "regression", "forecast", "anomaly", "schema",
    "warehouse", "notebook", "container", "cloud", "review", "mentor", "promotion", "salary", "interview",
    "portfolio", "certificate", "research", "production", "drift", "retrain",
]  # fmt: skip


def quiet(done: int, total: int) -> None:
    """Progress that shows nothing."""


def write_corpus(folder: Path, files: int, sections: int) -> None:
    """`files` Markdown files of `sections` one-chunk sections each, every text different (seeded, so repeatable)."""
    rng = random.Random(5)
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        parts = [f"# Career notes {f}\n"]
        for s in range(sections):
            sentences = [" ".join(rng.choices(WORDS, k=6)).capitalize() + f" {f}-{s}-{n}." for n in range(2)]
            parts.append(f"## Topic {s} of file {f}\n\n" + " ".join(sentences) + "\n")
        (folder / f"notes-{f:02d}.md").write_text("\n".join(parts), encoding="utf-8")


def index_contents(store: VectorStore) -> dict[str, tuple[str, str, str, int]]:
    """Every chunk as ID -> (source, section, text, position)."""
    return {c.id: (c.metadata["source"], c.metadata["section"], c.text, c.metadata["position"]) for c in store.chunks()}


def settings_for(root: Path, corpus: Path) -> Settings:
    return load_settings(corpus_dir=corpus, chroma_path=root / "chroma")


class BlockingEmbeddings:
    """The real model, made to wait inside its first call until released.

    A wrapper rather than a fake: the vectors stay real. It holds an ingest in the middle of its work for as
    long as the test needs, which a real run only does by chance.
    """

    def __init__(self, model) -> None:
        self.model = model
        self.identity = model.identity
        self.backend = getattr(model, "backend", None)
        self.inside = threading.Event()
        self.release = threading.Event()

    def encode(self, texts, batch_size=64, progress=None):
        self.inside.set()
        self.release.wait(timeout=60)
        return self.model.encode(texts, batch_size=batch_size, progress=progress)


def test_a_second_ingest_fails_at_once_while_one_is_running_and_the_first_completes(settings, embeddings):
    write_corpus(settings.corpus_dir, files=2, sections=2)
    blocking = BlockingEmbeddings(embeddings)
    first: dict = {}
    worker = threading.Thread(
        target=lambda: first.update(report=ingest(settings, embeddings=blocking, progress=quiet)), daemon=True
    )
    worker.start()
    assert blocking.inside.wait(timeout=60)
    try:
        started = time.monotonic()
        with pytest.raises(
            IngestError, match=re.escape(f"another ingest is running on the index at {settings.chroma_path}")
        ) as e:
            ingest(settings, embeddings=embeddings, progress=quiet)
        assert time.monotonic() - started < 5, "the second ingest waited instead of failing"
        assert f"(process {os.getpid()})" in str(e.value)
    finally:
        blocking.release.set()
        worker.join(timeout=60)

    assert first["report"].added == 4
    assert ingest(settings, embeddings=embeddings, progress=quiet).unchanged == 4, "the lock was released"


@pytest.mark.server
def test_the_lock_is_per_server_collection(server_settings, embeddings):
    write_corpus(server_settings.corpus_dir, files=1, sections=2)
    other_collection = server_settings.model_copy(update={"collection": server_settings.collection + "-b"})
    blocking = BlockingEmbeddings(embeddings)
    worker = threading.Thread(target=lambda: ingest(server_settings, embeddings=blocking, progress=quiet), daemon=True)
    worker.start()
    assert blocking.inside.wait(timeout=60)
    try:
        where = f"the Chroma server at {server_settings.chroma_host}:{server_settings.chroma_port}"
        with pytest.raises(IngestError, match=f"another ingest is running on {where}"):
            ingest(server_settings, embeddings=embeddings, progress=quiet)
        assert ingest(other_collection, embeddings=embeddings, progress=quiet).added == 2
    finally:
        blocking.release.set()
        worker.join(timeout=60)
    assert ingest_lock_path(server_settings) != ingest_lock_path(other_collection)
    assert not server_settings.chroma_path.exists(), "no lock file, and nothing else, in the embedded folder"


class Progress:
    """Reads an ingest's progress bar from its stderr as it runs."""

    BAR = re.compile(rb"(\d+)/(\d+) \[")

    def __init__(self, process: subprocess.Popen) -> None:
        self.output = b""
        self.process = process
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while chunk := os.read(self.process.stderr.fileno(), 4096):
            self.output += chunk

    def done_and_total(self) -> tuple[int, int]:
        found = self.BAR.findall(self.output)
        return (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)

    def wait_for_share(self, share: float, timeout: float) -> tuple[int, int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, total = self.done_and_total()
            if total and done >= share * total:
                return done, total
            assert self.process.poll() is None, f"ingest ended early:\n{self.output.decode(errors='replace')}"
            time.sleep(0.05)
        pytest.fail(f"no {share:.0%} progress after {timeout}s:\n{self.output.decode(errors='replace')[-2000:]}")


@pytest.mark.slow
def test_an_ingest_killed_part_way_is_completed_by_the_next_run_identical_to_a_clean_one(tmp_path, embeddings):
    corpus = tmp_path / "big-corpus"
    write_corpus(corpus, files=24, sections=10)  # 240 chunks: several seconds of embedding
    killed, clean = settings_for(tmp_path / "killed", corpus), settings_for(tmp_path / "clean", corpus)
    env = {
        **os.environ,
        "CAREER_ASSISTANT_CORPUS_DIR": str(corpus),
        "CAREER_ASSISTANT_CHROMA_PATH": str(killed.chroma_path),
    }
    process = subprocess.Popen([str(CLI), "ingest"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        progress = Progress(process)
        done, total = progress.wait_for_share(0.3, timeout=180)
        # Meanwhile a second ingest into the same index is turned away, and changes nothing.
        with pytest.raises(
            IngestError, match=f"another ingest is running on the index at .* \\(process {process.pid}\\)"
        ):
            ingest(killed, embeddings=embeddings, progress=quiet)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    store = VectorStore(killed, embeddings.identity, backend=embeddings.backend)
    partial = store.count() if store.exists() else 0
    assert partial < total, f"the kill came too late to test anything ({done}/{total} embedded)"

    rerun = ingest(killed, embeddings=embeddings, progress=quiet)
    ingest(clean, embeddings=embeddings, progress=quiet)

    after = index_contents(store)
    reference = index_contents(VectorStore(clean, embeddings.identity, backend=embeddings.backend))
    assert len(reference) == total == 240
    assert after == reference, "same IDs, texts, sections and positions as a clean run"
    assert len({(source, position) for source, _, _, position in after.values()}) == len(after), "no duplicates"
    assert rerun.added + rerun.unchanged == total and rerun.removed == 0
    assert rerun.unchanged == partial, "what the killed run wrote was kept, not embedded again"


def test_chunks_an_unpublished_ingest_left_are_seen_by_the_next_one(tmp_path, embeddings):
    """The next ingest plans from the index's files (`assistant.frozen`) of the published revision; chunks written
    after them by an ingest killed before it published (here: written inside a batch that never ends) must still be
    found and removed, or they would stay in the index for good."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, files=2, sections=2)
    settings = settings_for(tmp_path, corpus)
    ingest(settings, embeddings=embeddings, progress=quiet)
    store = VectorStore(settings, embeddings.identity, backend=embeddings.backend)
    before = index_contents(store)
    meta = {"source": "notes-00.md", "section": "Gone", "position": 9, "file_hash": "old", "sentences": 1}
    vector = embeddings.encode(["A section the file no longer has."])
    store._batch += 1
    store.write(add=(["orphan"], vector, ["A section the file no longer has."], [meta]), sentences=[(["A."], vector)])
    assert store.count() == len(before) + 1

    rerun = ingest(settings, embeddings=embeddings, progress=quiet)

    assert index_contents(store) == before and rerun.removed == 1
