"""A running assistant sees what `career-assistant ingest` in another process did to its embedded index.

That is how the chat is used: `serve` builds its assistant once, and a user adds a guide in another terminal.
Embedded Chroma keeps the index's segments in memory per process, so without a reopen the next answer fails
("Error finding id") or reads vectors that are gone.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from assistant import build_assistant
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
