"""A running assistant sees what `career-assistant ingest` in another process did to its embedded index.

That is how the chat is used: `serve` builds its assistant once, and a user adds a guide in another terminal.
Embedded Chroma keeps the index's segments in memory per process, so without a reopen the next answer fails
("Error finding id") or reads vectors that are gone.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from assistant import build_assistant
from assistant.store import FINE_CLOCK_QUIET_SECONDS
from assistant.wiring import build_store
from ingest import ingest

CLI = Path(sys.executable).parent / "career-assistant"
ZOO = "# Zookeeping\n\n## Penguins\n\nA zookeeper feeds penguins fresh herring and capelin twice a day.\n"
QUESTION = "What does a zookeeper feed penguins?"


def ingest_elsewhere(*args: str) -> None:
    """`career-assistant ingest` in its own process, on the test's index (the environment names it)."""
    subprocess.run([str(CLI), "ingest", *args], check=True, capture_output=True, timeout=300)


def test_a_guide_added_changed_and_removed_by_another_process_shows_in_the_next_answer(settings, corpus, embeddings):
    store = build_store(settings, embeddings)
    ingest(settings, embeddings=embeddings, store=store, progress=lambda done, total: None)
    bot = build_assistant(settings, embeddings=embeddings, store=store)
    assert bot.answer(QUESTION).refused

    (corpus / "zoo.md").write_text(ZOO, encoding="utf-8")
    ingest_elsewhere()
    added = bot.answer(QUESTION)
    assert not added.refused and "herring" in added.text
    assert [c.source for c in added.citations] == ["zoo.md"]

    (corpus / "zoo.md").write_text(ZOO.replace("herring and capelin", "sprats and squid"), encoding="utf-8")
    ingest_elsewhere()
    changed = bot.answer(QUESTION)
    assert "sprats" in changed.text and "herring" not in changed.text

    (corpus / "zoo.md").unlink()
    ingest_elsewhere("--rebuild")
    assert bot.answer(QUESTION).refused
    assert "$136,620" in bot.answer("How much do ML engineers earn?").text


def write_one(store, n: int, embeddings) -> None:
    store.write(add=([f"id-{n}"], [embeddings.encode([f"text {n}"])[0].tolist()], [f"text {n}"], [{"source": "s.md"}]))


def test_back_to_back_writes_each_show_in_the_next_revision(settings, embeddings):
    """Readers ask for the revision before every answer and may be told from the database file's stat alone."""
    reader, writer = build_store(settings, embeddings), build_store(settings, embeddings)
    seen = []
    for n in range(20):
        write_one(writer, n, embeddings)
        seen.append(reader.revision())
        assert seen[-1] == writer.revision()
    assert len(set(seen)) == 20


def test_writes_the_file_clock_cannot_tell_apart_still_show(settings, embeddings, monkeypatch):
    """On a coarse file clock (FAT: 2 s, ext3: 1 s) writes in one tick leave the same stat. This machine's clock
    is fine-grained, so a frozen stat (the one fake here) stands in for such a filesystem."""
    reader, writer = build_store(settings, embeddings), build_store(settings, embeddings)
    write_one(writer, 0, embeddings)
    frozen = (time.time_ns() // 10**9 * 10**9, 4096, 1)  # whole seconds: such a clock
    monkeypatch.setattr(reader, "_database_stat", lambda: frozen)
    for n in range(1, 4):
        write_one(writer, n, embeddings)
        assert reader.revision() == writer.revision()


def test_a_quiet_index_is_not_asked_for_its_revision_before_every_answer(settings, corpus, embeddings, monkeypatch):
    store = build_store(settings, embeddings)
    ingest(settings, embeddings=embeddings, store=store, progress=lambda done, total: None)
    time.sleep(FINE_CLOCK_QUIET_SECONDS + 0.05)  # the database file has been quiet long enough for this clock
    revision = store.revision()

    def no_chroma(*args, **kwargs):
        raise AssertionError("asked Chroma although the database file is unchanged")

    with monkeypatch.context() as patch:
        patch.setattr(store, "_collection", no_chroma)
        assert [store.revision() for _ in range(3)] == [revision] * 3
    (corpus / "zoo.md").write_text(ZOO, encoding="utf-8")
    ingest(settings, embeddings=embeddings, store=store, progress=lambda done, total: None)
    assert store.revision() != revision
