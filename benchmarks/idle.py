"""An idle chat server's CPU: Gradio's default queue polling (every 1 ms) against ours (ui/guard.py).

Serves the app over the guide in a child process, lets it sit idle, and reads the child's CPU time from
/proc and its `epoll_pwait` calls per second with `strace -f -c` (when strace is there). Each variant runs
--rounds times, interleaved.

Run: .venv/bin/python benchmarks/idle.py [--seconds 10] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import ROOT, free_port

CHILD = """
import signal, sys, time
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # exit through atexit: the upload folder is removed
sys.path.insert(0, {root!r})
from _shared import guide_assistant, free_port
from pathlib import Path
from ui.app import build_app, launch
settings, _, bot = guide_assistant(Path({folder!r}), host="127.0.0.1")
app = build_app(bot, settings)
launch(app, settings, port={port})
if {gradio_default}:
    app._queue.sleep_when_free, app._queue.progress_update_sleep_when_free = 0.001, 0.01
print("up", flush=True)
time.sleep(3600)
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(gradio_default: bool, seconds: float) -> tuple[float, float | None]:
    folder = tempfile.mkdtemp(prefix="idle-bench-")
    code = CHILD.format(root=str(ROOT / "benchmarks"), folder=folder, port=free_port(), gradio_default=gradio_default)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert child.stdout.readline().strip() == "up"
        time.sleep(2)  # let start-up work settle
        before = cpu_seconds(child.pid)
        time.sleep(seconds)
        cpu = (cpu_seconds(child.pid) - before) / seconds
        calls = None
        if shutil.which("strace"):
            traced = subprocess.run(
                [
                    "timeout",
                    str(seconds),
                    "strace",
                    "-f",
                    "-c",
                    "-e",
                    "trace=epoll_pwait,epoll_wait",
                    "-p",
                    str(child.pid),
                ],
                capture_output=True,
                text=True,
            )
            found = re.findall(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?epoll_p?wait", traced.stderr, re.M)
            calls = sum(map(int, found)) / seconds if found else None
        return cpu, calls
    finally:
        child.terminate()
        child.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="idle seconds measured per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per variant, interleaved")
    args = parser.parse_args(argv)
    results: dict[str, list[tuple[float, float | None]]] = {"gradio default (1 ms)": [], "ours": []}
    for _ in range(args.rounds):
        results["gradio default (1 ms)"].append(measure(True, args.seconds))
        results["ours"].append(measure(False, args.seconds))
    print(f"idle serve, {args.seconds:g} s a round, {args.rounds} rounds")
    base = sum(c for c, _ in results["gradio default (1 ms)"]) / args.rounds
    for name, rounds in results.items():
        cpu = sum(c for c, _ in rounds) / args.rounds
        calls = [n for _, n in rounds if n is not None]
        wakeups = f"{sum(calls) / len(calls):.0f} epoll_pwait/s" if calls else "(no strace)"
        print(f"{name:>22}: {cpu * 100:.2f}% of a core ({cpu / base:.2f}x the default), {wakeups}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
