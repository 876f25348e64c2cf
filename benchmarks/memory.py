"""Peak memory of `career-assistant serve` after 100 questions, per embedding backend.

Starts the real command on a free loopback port over a temporary index of the guide, asks the eval
set's questions (with their histories, cycled to --questions) through gradio_client one after another,
then reads the server's VmHWM (peak resident set) and VmRSS from /proc/PID/status.

Goal: peak under 1 GB with the default backend.

Run: .venv/bin/python benchmarks/memory.py [--questions 100] [--backends onnx,torch]
"""

from __future__ import annotations

import argparse
import tempfile
from itertools import cycle, islice
from pathlib import Path

from _shared import ingested_env, serving

GOAL_MB = 1024


def memory_mb(pid: int) -> dict[str, float]:
    """VmHWM (peak resident) and VmRSS (resident now) of a process, in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


def serve_and_ask(env: dict, cases: list) -> tuple[dict, dict]:
    """Memory of a fresh `serve` once its page is up, and after answering every case."""
    from gradio_client import Client

    with serving(env) as (server, url):
        started = memory_mb(server.pid)
        client = Client(url, verbose=False)
        for case in cases:
            client.predict(case.question, case.history or None, api_name="/ask")
        return started, memory_mb(server.pid)


def main(argv: list[str] | None = None) -> None:
    from assistant.evaluation import load_eval_set
    from assistant.settings import Settings

    default = Settings.model_fields["embedding_backend"].default
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=100, help="questions asked (default: 100)")
    parser.add_argument("--backends", default=f"{default},torch", help=f"comma-separated (default: {default},torch)")
    args = parser.parse_args(argv)
    cases = list(islice(cycle(load_eval_set()), args.questions))

    print(f"serve, {len(cases)} questions through gradio_client; goal: peak < {GOAL_MB} MB with {default}")
    with tempfile.TemporaryDirectory(prefix="memory-bench-") as tmp:
        for backend in dict.fromkeys(args.backends.split(",")):
            started, after = serve_and_ask(ingested_env(Path(tmp), backend), cases)
            verdict = ""
            if backend == default:
                verdict = f" (goal < {GOAL_MB} MB: {'met' if after['VmHWM'] < GOAL_MB else 'NOT met'})"
            print(
                f"  {backend:<9} page up: RSS {started['VmRSS']:.0f} MB; after {len(cases)} questions: "
                f"peak (VmHWM) {after['VmHWM']:.0f} MB, RSS {after['VmRSS']:.0f} MB{verdict}",
                flush=True,
            )


if __name__ == "__main__":
    main()
