"""Concurrent chat users against the real app: throughput, latency and errors for N = 1, 4, 16 users.

Ingests the guide into a temporary index, serves the app on a free 127.0.0.1 port (nothing else is
contacted) and answers every eval question once directly through the library: those are the answers
"alone". Then, for each N, N `gradio_client` users share a fixed list of eval questions (--requests,
taken in turn, follow-ups with their history) through `/ask`, until the list is done or --timeout
seconds have passed. Rounds of each N are interleaved (--repeat), so a busy moment on a shared machine
hits every N alike. Printed per N: the median requests per second (and its range), p50/p95 latency,
CPU milliseconds per request (this process: the app and the clients), errors, and how many replies differ
from the answer alone. Goals on this 2-core machine: no errors at N = 16, and throughput at N = 4 at
least 1.6x that at N = 1.

With --during ingest (or rebuild), each round of N users is also run while `career-assistant ingest` of
--ingest-mb MB of guide variants (or `career-assistant ingest --rebuild` of the guide and those variants) runs
in another process on the app's own index: the users ask until that ingest ends, and its throughput is printed
beside the quiet round's of the same repeat. Goals: no failed answer, and throughput during the ingest at
least half the quiet figure. (Replies there are not compared with the answers alone: the index changes.)

Run: .venv/bin/python benchmarks/load.py [--users 1 4 16] [--requests 168] [--repeat 3] [--timeout 120]
     .venv/bin/python benchmarks/load.py --users 4 --repeat 1 --during ingest rebuild [--ingest-mb 2]
     CAREER_ASSISTANT_EMBEDDING_BACKEND picks the model's backend as for the app; with torch,
     --torch-threads 1 2 compares thread counts round by round (GRADIO_ANALYTICS_CACHE_FREQUENCY=1 restores
     Gradio's per-event analytics, which the app turns off)
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import queue
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from _shared import BIN, HERE, clean_env, free_port, guide_assistant, percentile

RATIO_GOAL = 1.6
DURING_GOAL = 0.5  # throughput while another process ingests, over the quiet figure


@dataclass
class Round:
    users: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    unfinished: int = 0
    cpu_seconds: float = 0.0  # of this whole process: the app and the clients

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def canonical(reply: dict) -> str:
    """What must not change under load: the text, the refusal and every citation."""
    return json.dumps(reply, sort_keys=True)


def run_round(
    url: str,
    users: int,
    cases: list,
    expected: dict[str, str] | None,
    requests: int,
    timeout: float,
    until: Callable[[], bool] | None = None,
) -> Round:
    """`users` clients answering `requests` eval questions between them, each client one at a time.

    With `until`, they ask the questions over and over until `until()` is true instead (replies unchecked).
    """
    from gradio_client import Client

    work: queue.SimpleQueue = queue.SimpleQueue()
    for n in range(requests):
        work.put(cases[n % len(cases)])
    endless = itertools.cycle(cases)
    # ssl_verify=False: the app is plain HTTP on loopback, and with verification on every request builds
    # an SSL context from the CA bundle (about 40 ms of client CPU, more than the answer itself costs).
    clients = [Client(url, verbose=False, download_files=False, ssl_verify=False) for _ in range(users)]
    result = Round(users)
    lock = threading.Lock()
    deadline = time.monotonic() + timeout

    def user(client) -> None:
        while time.monotonic() < deadline:
            if until is not None:
                if until():
                    return
                with lock:
                    case = next(endless)
            else:
                try:
                    case = work.get_nowait()
                except queue.Empty:
                    return
            started = time.perf_counter()
            try:
                job = client.submit(case.question, case.history or None, api_name="/ask")
                reply = job.result(timeout=max(0.1, deadline - time.monotonic()))
            except Exception as exc:
                with lock:
                    result.errors.append(f"{case.id}: {type(exc).__name__}: {exc}"[:300])
                continue
            elapsed = time.perf_counter() - started
            with lock:
                result.latencies.append(elapsed)
                if expected is not None and canonical(reply) != expected[case.id]:
                    result.mismatches.append(case.id)

    threads = [threading.Thread(target=user, args=(client,), daemon=True) for client in clients]
    started, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + 5)
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu
    result.unfinished = work.qsize() if until is None else int(not until())
    for client in clients:
        client.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 4, 16], help="concurrent users per round")
    parser.add_argument("--requests", type=int, default=168, help="questions asked in each round (all users)")
    parser.add_argument("--timeout", type=float, default=120.0, help="most seconds a round may take")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per N, interleaved; medians are printed")
    parser.add_argument("--concurrency", type=int, help="answers the app computes at once (default: the setting)")
    parser.add_argument(
        "--torch-threads",
        type=int,
        nargs="+",
        default=[0],
        help="torch backend: threads to compare, interleaved round by round (0: what the app chose)",
    )
    parser.add_argument(
        "--during",
        nargs="+",
        choices=["ingest", "rebuild"],
        default=[],
        help="also run each N while another process ingests (or rebuilds) the app's index",
    )
    parser.add_argument("--ingest-mb", type=float, default=2.0, help="MB of guide variants the --during ingest adds")
    args = parser.parse_args(argv)
    if max(args.users) > 64 or args.requests > 2000 or args.timeout > 600 or args.repeat > 10:
        parser.error("at most 64 users, 2000 requests, 600 s a round and 10 repeats: a benchmark, not a load test")

    from assistant.evaluation import load_eval_set
    from ui.app import build_app, launch

    tmp = Path(tempfile.mkdtemp(prefix="load-bench-"))
    try:
        overrides = {"concurrency": args.concurrency} if args.concurrency else {}
        settings, embeddings, bot = guide_assistant(tmp, host="127.0.0.1", **overrides)
        cases = load_eval_set()
        # Alone: one at a time, straight through the library (this also warms every cache).
        expected = {case.id: canonical(bot.answer(case.question, case.history).to_dict()) for case in cases}

        app = build_app(bot, settings)
        chosen = _threads(embeddings, None)
        variants = [chosen] if chosen.startswith("onnx") else [_threads(embeddings, n) for n in args.torch_threads]
        url = launch(app, settings, host="127.0.0.1", port=free_port())
        try:
            run_round(url, 1, cases, expected, min(len(cases), 20), args.timeout)  # warm the server path
            rounds: dict[tuple[str, int], list[Round]] = {(v, n): [] for v in variants for n in args.users}
            during: dict[tuple[str, int], list[tuple[Round, Round, float, str]]] = {}
            for _ in range(args.repeat):  # interleaved, so a busy moment on the machine hits every round alike
                for variant in variants:
                    _threads(embeddings, int(variant.split()[-2]) if variant.startswith("torch") else None)
                    for n in args.users:
                        rounds[variant, n].append(run_round(url, n, cases, expected, args.requests, args.timeout))
                        for mode in args.during:
                            during.setdefault((mode, n), []).append(_during(mode, url, n, cases, settings, args))
        finally:
            app.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"app on 127.0.0.1: answer concurrency {settings.concurrency} (the app chose: {chosen}), "
        f"{len(os.sched_getaffinity(0))} cores; {args.requests} questions a round, {args.repeat} rounds each"
    )
    for variant in variants:
        _report(variant, {n: rounds[variant, n] for n in args.users})
    failed = any(r.errors or r.unfinished or r.mismatches for done in rounds.values() for r in done)
    if during:
        failed |= _report_during(during, args.ingest_mb)
    return 1 if failed else 0


def _extra_corpus(folder: Path, megabytes: float) -> None:
    """`megabytes` of guide variants in `folder` (benchmarks/ingest.py's generator, loaded by path: its module
    name would shadow the `ingest` package)."""
    spec = importlib.util.spec_from_file_location("ingest_benchmark", HERE / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build_corpus(folder, megabytes, seed=11)


def _cli_ingest(settings, *args: str) -> subprocess.Popen:
    env = {
        **clean_env(),
        "CAREER_ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "CAREER_ASSISTANT_CHROMA_PATH": str(settings.chroma_path),
        "CAREER_ASSISTANT_EMBEDDING_BACKEND": settings.embedding_backend,
    }
    return subprocess.Popen(
        [str(BIN / "career-assistant"), "ingest", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _during(mode: str, url: str, users: int, cases: list, settings, args) -> tuple[Round, Round, float, str]:
    """A quiet round, then one of `users` asking while `career-assistant ingest` (or `--rebuild`) runs in another
    process, both on the index the ingest starts from (for a rebuild: the guide and the variants).

    Returns both rounds, the ingest's seconds and its failure ("" when it succeeded). The index is put back to
    the guide alone afterwards (not measured).
    """
    extra = settings.corpus_dir / "extra"
    _extra_corpus(extra, args.ingest_mb)
    if mode == "rebuild":
        _cli_ingest(settings).communicate()  # the variants indexed first: a rebuild then redoes all of it
        run_round(url, users, cases, None, len(cases), args.timeout)  # readers load the larger index, warm its caches
    quiet = run_round(url, users, cases, None, args.requests, args.timeout)
    started = time.monotonic()
    process = _cli_ingest(settings, *(["--rebuild"] if mode == "rebuild" else []))
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()), daemon=True)
    reader.start()
    busy = run_round(url, users, cases, None, 0, 600.0, until=lambda: process.poll() is not None)
    process.wait()
    seconds = time.monotonic() - started
    reader.join(timeout=10)
    failure = "" if process.returncode == 0 else f"ingest exited {process.returncode}: {''.join(stderr)[-300:]}"
    shutil.rmtree(extra)
    _cli_ingest(settings).communicate()
    return quiet, busy, seconds, failure


def _report_during(during: dict, megabytes: float) -> bool:
    """Print each round beside the quiet one of its repeat; True when a goal was missed."""
    print(f"\nwhile another process runs `career-assistant ingest` of {megabytes:g} MB (or `--rebuild` of it all)")
    print(
        f"{'during':>8} {'users':>5} {'quiet req/s':>11} {'during req/s':>12} {'ratio':>6} {'ingest s':>8} "
        f"{'answers':>7} {'errors':>6}"
    )
    missed = False
    for (mode, n), done in during.items():
        for quiet, busy, seconds, failure in done:
            ratio = busy.throughput / quiet.throughput if quiet.throughput else float("nan")
            print(
                f"{mode:>8} {n:>5} {quiet.throughput:>11.1f} {busy.throughput:>12.1f} {ratio:>6.2f} {seconds:>8.1f} "
                f"{len(busy.latencies):>7} {len(busy.errors):>6}"
            )
            for error in busy.errors[:5]:
                print(f"  error: {error}")
            if failure:
                print(f"  {failure}")
            missed |= bool(busy.errors or failure or quiet.errors) or not ratio >= DURING_GOAL
    print(f"goals: 0 errors, throughput during / quiet >= {DURING_GOAL}")
    return missed


def _report(variant: str, rounds: dict[int, list[Round]]) -> None:
    print(f"\n{variant}")
    print(
        f"{'users':>5} {'req/s':>7} {'(min-max)':>11} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms/req':>10} {'errors':>6} "
        f"{'unfinished':>10} {'mismatches':>10}"
    )
    throughput = {}
    for n, done in rounds.items():
        rates = [r.throughput for r in done]
        throughput[n] = statistics.median(rates)
        ms = [s * 1000 for r in done for s in r.latencies]
        cpu = sum(r.cpu_seconds for r in done) * 1000 / max(1, sum(len(r.latencies) for r in done))
        print(
            f"{n:>5} {throughput[n]:>7.1f} {f'({min(rates):.1f}-{max(rates):.1f})':>11} "
            f"{statistics.median(ms) if ms else float('nan'):>8.1f} {percentile(ms, 0.95):>8.1f} {cpu:>10.1f} "
            f"{sum(len(r.errors) for r in done):>6} {sum(r.unfinished for r in done):>10} "
            f"{sum(len(r.mismatches) for r in done):>10}"
        )
    for n, done in rounds.items():
        for error in [e for r in done for e in r.errors][:5]:
            print(f"  N={n} error: {error}")
        mismatched = sorted({m for r in done for m in r.mismatches})
        if mismatched:
            print(f"  N={n} replies unlike the answer alone: {mismatched}")
    if throughput.get(1) and 4 in throughput:
        print(f"throughput N=4 / N=1: {throughput[4] / throughput[1]:.2f} (goal >= {RATIO_GOAL})")


def _threads(embeddings, torch_threads: int | None) -> str:
    """Set torch's threads (unless None or 0) and name the backend and its threads, for the report."""
    if getattr(embeddings, "backend", None) != "torch":
        return f"{getattr(embeddings, 'backend', '?')} backend"
    import torch

    if torch_threads:
        torch.set_num_threads(torch_threads)
    return f"torch backend, {torch.get_num_threads()} threads"


if __name__ == "__main__":
    raise SystemExit(main())
