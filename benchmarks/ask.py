"""Warm `answer()` latency against the bare query embedding, and the cold `ask`.

Two rounds: the eval set over the guide alone, then the real questions (tests/eval/real_questions.jsonl) over the
guide and the tests' second guide, as users type them (comparisons and several-part questions embed more).

Run: .venv/bin/python benchmarks/ask.py   (ingests the guides into a temporary index first)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _shared import BIN, ROOT, guide_assistant, percentile

SECOND_GUIDE = ROOT / "tests" / "data" / "cybersecurity-analyst-vs-penetration-tester.md"


def measure(bot, embeddings, cases, ingested: float, label: str) -> None:
    """Print warm answer() and bare encode() p50/p95 over `cases`, three rounds, and their ratio."""
    from assistant.store import QUIET_SECONDS

    for case in cases:  # warm: passage sentences embedded, keyword index built
        bot.answer(case.question, case.history)
    # Warm also means the index is quiet, as in a chat that has been up a while: for QUIET_SECONDS after a
    # write, every answer asks Chroma for the revision (~0.35 ms) instead of reading the file's stat.
    time.sleep(max(0.0, QUIET_SECONDS + 0.1 - (time.monotonic() - ingested)))

    answer_ms, embed_ms = [], []
    for _ in range(3):
        for case in cases:
            started = time.perf_counter()
            embeddings.encode([case.question])
            embed_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            bot.answer(case.question, case.history)
            answer_ms.append((time.perf_counter() - started) * 1000)

    p50_answer, p50_embed = statistics.median(answer_ms), statistics.median(embed_ms)
    print(f"{label}: {len(cases)} questions x 3 rounds")
    print(f"  warm answer(): p50 {p50_answer:.1f} ms, p95 {percentile(answer_ms, 0.95):.1f} ms")
    print(f"  bare encode(): p50 {p50_embed:.1f} ms, p95 {percentile(embed_ms, 0.95):.1f} ms")
    print(f"  ratio answer/encode p50: {p50_answer / p50_embed:.2f} (goal <= 2.0)")


def main() -> None:
    from assistant.evaluation import load_eval_set
    from ingest import ingest

    tmp = tempfile.TemporaryDirectory(prefix="ask-bench-")
    settings, embeddings, bot = guide_assistant(Path(tmp.name))
    measure(bot, embeddings, load_eval_set(), time.monotonic(), "eval set, one guide")
    shutil.copy(SECOND_GUIDE, settings.corpus_dir / SECOND_GUIDE.name)
    ingest(settings, embeddings=embeddings, store=bot.store, progress=lambda done, total: None)
    real = load_eval_set(ROOT / "tests" / "eval" / "real_questions.jsonl")
    measure(bot, embeddings, real, time.monotonic(), "real questions, two guides")

    os.remove(settings.corpus_dir / SECOND_GUIDE.name)
    ingest(settings, embeddings=embeddings, store=bot.store, progress=lambda done, total: None)
    env = {
        **os.environ,
        "CAREER_ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "CAREER_ASSISTANT_CHROMA_PATH": str(settings.chroma_path),
    }
    command = [str(BIN / "career-assistant"), "ask", "How much do ML engineers earn?"]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    print(f"cold `career-assistant ask`: {time.perf_counter() - started:.2f} s")
    tmp.cleanup()


if __name__ == "__main__":
    main()
