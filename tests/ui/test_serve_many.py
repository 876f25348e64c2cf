"""Several `career-assistant serve` processes against one `chroma run` server, while another process ingests."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest
from serve_process import CLI, serving

from ingest import ingest

GUIDE = Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md"
ORCHIDS = """# Orchid Tender vs. Bonsai Keeper

Orchid tenders and bonsai keepers both look after living plants, in very different ways.

## Earning potentials

### Orchid tender

Orchid tenders make an average of $41,234 per year in greenhouses and botanical gardens.

### Bonsai keeper

Bonsai keepers make an average of $38,765 per year, more in a well-known nursery.
"""
WORDS = ["soil", "water", "light", "pot", "root", "leaf", "prune", "season", "shade", "humidity", "wire", "moss"]


def notes(folder: Path, files: int) -> None:
    """Filler guides (varied, seeded) that keep an ingest busy for a while."""
    rng = random.Random(3)
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        sections = [f"## Care note {s}\n\n{' '.join(rng.choices(WORDS, k=9)).capitalize()} {f}-{s}." for s in range(8)]
        (folder / f"care-{f:02d}.md").write_text(f"# Plant care {f}\n\n" + "\n\n".join(sections), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.server
def test_two_serve_processes_answer_from_one_chroma_server_while_another_process_ingests(
    server_settings, embeddings, tmp_path
):
    shutil.copy(GUIDE, server_settings.corpus_dir)
    ingest(server_settings, embeddings=embeddings, progress=lambda done, total: None)
    more = tmp_path / "more"
    notes(more, files=30)
    (more / "orchid-tender-vs-bonsai-keeper.md").write_text(ORCHIDS, encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # the test's CAREER_ASSISTANT_CHROMA_HOST, _PORT, _COLLECTION
    from gradio_client import Client

    with ExitStack() as stack:
        urls = [stack.enter_context(serving(env, tmp_path / f"serve-{n}.log")) for n in range(2)]
        clients = [Client(url, verbose=False) for url in urls]
        writer = subprocess.Popen(
            [str(CLI), "ingest", str(more)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        asked, failures = 0, []
        while writer.poll() is None or asked < 4:
            client = clients[asked % 2]
            try:
                reply = client.predict("How much does an ML engineer earn?", None, api_name="/ask")
                if reply["citations"][0]["section"] != "Earning potentials > ML engineer":
                    failures.append(f"serve {asked % 2}: {reply['text'][:200]}")
            except Exception as exc:
                failures.append(f"serve {asked % 2}: {type(exc).__name__}: {exc}")
            asked += 1
        out, err = writer.communicate()
        assert writer.returncode == 0, err
        assert "chunks added" in out
        assert failures == []
        for client in clients:  # each serve goes on to read what the other process wrote
            reply = client.predict("How much do orchid tenders earn?", None, api_name="/ask")
            assert "$41,234" in reply["text"], reply["text"]
            assert reply["citations"][0]["source"].endswith("orchid-tender-vs-bonsai-keeper.md")
