"""`answer_many(questions)` against a loop of `answer()` over the eval set's standalone questions.

Both run in the same process on the same warm assistant, alternating which goes first in each round, so
their ratio holds on a busy machine even when the absolute times drift. Wall time and this process's CPU
time are both shown: on a shared machine the CPU time is the steadier of the two. Also prints what
batching can save at most: the query embeddings, encoded one by one against in one batch.

Run: .venv/bin/python benchmarks/answer_many.py [--rounds N] [--threads N]
(ingests the guide into a temporary index first). `--threads` sets torch's intra-op threads. On a small
machine that other work keeps busy, torch's OpenMP threads spin-waiting for each other at every layer can
cost more than the model itself, most of all for one-question encodes from a long-lived thread (the
caller's, where `answer_many` works; `answer()` encodes in LangChain's fresh worker threads and suffers
less). Compare a run with `--threads 1`, or with `OMP_WAIT_POLICY=PASSIVE` in the environment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _shared import guide_assistant


def per_question_ms(run, count: int) -> tuple[float, float]:
    """Wall and CPU (all of this process's threads) milliseconds per question."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return (time.perf_counter() - wall) * 1000 / count, (time.process_time() - cpu) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of each (default 5)")
    parser.add_argument("--threads", type=int, help="torch intra-op threads (default: torch's own choice)")
    args = parser.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)

    from assistant.evaluation import load_eval_set

    tmp = Path(tempfile.mkdtemp(prefix="answer-many-bench-"))
    _, embeddings, bot = guide_assistant(tmp)
    questions = [case.question for case in load_eval_set() if not case.history]

    def loop() -> list:
        return [bot.answer(question) for question in questions]

    def many() -> list:
        return bot.answer_many(questions)

    # Warm: the model loaded, passage sentences embedded, the keyword index built, for both paths alike.
    same = many() == loop()

    timings: dict[str, list[tuple[float, float]]] = {"many": [], "loop": [], "batch": [], "single": []}
    for n in range(args.rounds):
        pair = [("many", many), ("loop", loop)]
        for name, run in pair if n % 2 == 0 else reversed(pair):
            timings[name].append(per_question_ms(run, len(questions)))
        timings["batch"].append(per_question_ms(lambda: embeddings.encode(questions), len(questions)))
        timings["single"].append(per_question_ms(lambda: [embeddings.encode([q]) for q in questions], len(questions)))

    def median(name: str, kind: int) -> float:
        return statistics.median(t[kind] for t in timings[name])

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    torch = sys.modules.get("torch")
    backend = getattr(embeddings, "backend", "?") + (f" ({torch.get_num_threads()} threads)" if torch else "")
    print(
        f"{len(questions)} standalone questions x {args.rounds} rounds; "
        f"same answers both ways: {'yes' if same else 'NO'}; {backend} embeddings; "
        f"load average {load:.1f} on {os.cpu_count()} CPUs"
    )
    labels = {
        "many": "answer_many(questions)",
        "loop": "loop of answer(question)",
        "batch": "query encode, one batch",
        "single": "query encode, one by one",
    }
    for kind, title in ((0, "wall"), (1, "CPU")):
        print(f"{title} ms per question")
        for name, label in labels.items():
            rounds = " ".join(f"{t[kind]:6.1f}" for t in timings[name])
            print(f"  {label:26} median {median(name, kind):6.1f}   rounds: {rounds}")
    for kind, title in ((0, "wall"), (1, "CPU")):
        wins = sum(m[kind] < lo[kind] for m, lo in zip(timings["many"], timings["loop"], strict=True))
        print(
            f"{title}: loop / answer_many = {median('loop', kind) / median('many', kind):.2f} "
            f"(goal > 1: answer_many faster per question), answer_many faster in {wins} of {args.rounds} rounds"
        )
    print(
        f"most batching can save (query encode one by one - one batch, median wall): "
        f"{median('single', 0) - median('batch', 0):.1f} ms per question"
    )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
