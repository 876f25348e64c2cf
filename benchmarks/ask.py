"""Warm `answer()` latency over the eval set against the bare query embedding, and the cold `ask`.

Run: .venv/bin/python benchmarks/ask.py   (ingests the guide into a temporary index first)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this folder comes first on sys.path, and benchmarks/ingest.py would shadow the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    from assistant import build_assistant, load_settings
    from assistant.evaluation import load_eval_set
    from assistant.store import QUIET_SECONDS
    from assistant.wiring import build_embeddings, build_store
    from ingest import ingest

    tmp = Path(tempfile.mkdtemp(prefix="ask-bench-"))
    settings = load_settings(corpus_dir=ROOT / "corpus", chroma_path=tmp / "chroma")
    embeddings = build_embeddings(settings)
    store = build_store(settings, embeddings)
    ingest(settings, embeddings=embeddings, store=store, progress=lambda done, total: None)
    ingested = time.monotonic()
    bot = build_assistant(settings, embeddings=embeddings, store=store)
    cases = load_eval_set()
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
    print(f"questions: {len(cases)} x 3 rounds")
    print(f"warm answer(): p50 {p50_answer:.1f} ms, p95 {percentile(answer_ms, 0.95):.1f} ms")
    print(f"bare encode(): p50 {p50_embed:.1f} ms, p95 {percentile(embed_ms, 0.95):.1f} ms")
    print(f"ratio answer/encode p50: {p50_answer / p50_embed:.2f} (goal <= 1.5)")

    env = {**os.environ, "CAREER_ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
           "CAREER_ASSISTANT_CHROMA_PATH": str(settings.chroma_path)}
    cli = Path(sys.executable).parent / "career-assistant"
    started = time.perf_counter()
    subprocess.run([str(cli), "ask", "How much do ML engineers earn?"], env=env, check=True, capture_output=True)
    print(f"cold `career-assistant ask`: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
