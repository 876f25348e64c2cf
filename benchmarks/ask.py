"""Warm `answer()` latency over the eval set against the bare query embedding, and the cold `ask`.

Run: .venv/bin/python benchmarks/ask.py   (ingests the guide into a temporary index first)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _shared import BIN, guide_assistant, percentile


def main() -> None:
    from assistant.evaluation import load_eval_set
    from assistant.store import QUIET_SECONDS

    tmp = tempfile.TemporaryDirectory(prefix="ask-bench-")
    settings, embeddings, bot = guide_assistant(Path(tmp.name))
    ingested = time.monotonic()
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
    print(f"ratio answer/encode p50: {p50_answer / p50_embed:.2f} (goal <= 2.0)")

    env = {**os.environ, "CAREER_ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
           "CAREER_ASSISTANT_CHROMA_PATH": str(settings.chroma_path)}
    command = [str(BIN / "career-assistant"), "ask", "How much do ML engineers earn?"]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    print(f"cold `career-assistant ask`: {time.perf_counter() - started:.2f} s")
    tmp.cleanup()


if __name__ == "__main__":
    main()
