"""Embedding backends side by side: throughput, single-question latency and eval rates of torch, onnx, onnx-int8.

In one run, on the same texts, measurements interleaved so a busy spell of the machine weighs on every
backend alike:

- encode throughput on the guide's chunks and on a generated corpus of about --mb megabytes (the
  generator of benchmarks/ingest.py), in chunks per second and per CPU-second, with the ratio to torch;
- single-question latency: every eval-set question embedded alone, p50 and p95;
- eval rates: each backend ingests the corpus into its own temporary index and answers the eval set
  (`assistant.evaluation.evaluate`); questions whose refusal differs from torch's are listed by id.

Goal: the default backend at least 4x torch's throughput, with no eval rate worse than torch's by more
than 0.02 (for `in scope refused`, worse means higher).

Run: .venv/bin/python benchmarks/embed.py [--mb 5] [--rounds 2]   (--mb 0.5 for a quick run)
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
from pathlib import Path

from _shared import ROOT, percentile

BACKENDS = ("torch", "onnx", "onnx-int8")
THROUGHPUT_GOAL = 4.0
RATE_TOLERANCE = 0.02
LOWER_IS_BETTER = {"in_scope_refused"}


def _ingest_benchmark():
    # benchmarks/ingest.py shares its name with the `ingest` package, so it is loaded by path.
    spec = importlib.util.spec_from_file_location("ingest_benchmark", Path(__file__).with_name("ingest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def throughput(models: dict, texts: list[str], rounds: int, batch: int, Stopwatch) -> dict[str, tuple[float, float]]:
    """Chunks per second and per CPU-second of each backend, over `rounds` interleaved passes."""
    walls: dict[str, list[float]] = {name: [] for name in models}
    cpus: dict[str, list[float]] = {name: [] for name in models}
    for _ in range(rounds):
        for name, model in models.items():
            with Stopwatch() as watch:
                model.encode(texts, batch_size=batch)
            walls[name].append(watch.wall)
            cpus[name].append(watch.cpu)
    n = len(texts)
    return {name: (n / statistics.mean(walls[name]), n / statistics.mean(cpus[name])) for name in models}


def question_latency(models: dict, questions: list[str], rounds: int) -> dict[str, list[float]]:
    """Milliseconds to embed each question alone, every backend on the same question in turn."""
    import time

    millis: dict[str, list[float]] = {name: [] for name in models}
    for _ in range(rounds):
        for question in questions:
            for name, model in models.items():
                started = time.perf_counter()
                model.embed_query(question)
                millis[name].append((time.perf_counter() - started) * 1000)
    return millis


def evaluate_backend(settings, model, cases):
    """The eval report of an assistant over its own fresh index of the corpus, built with `model`."""
    from assistant import build_assistant
    from assistant.evaluation import evaluate
    from assistant.wiring import build_store
    from ingest import ingest

    store = build_store(settings, model)
    report = ingest(settings, embeddings=model, store=store, progress=lambda done, total: None)
    if report.problems:
        raise SystemExit(f"ingest failed for {settings.embedding_backend}: {report.problems}")
    return evaluate(build_assistant(settings, embeddings=model, store=store), cases)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="generated corpus size in megabytes (default: 5)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved passes over the generated corpus")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus variants")
    args = parser.parse_args(argv)

    from assistant.evaluation import load_eval_set
    from assistant.settings import Settings, load_settings
    from assistant.wiring import build_embeddings

    bench = _ingest_benchmark()
    Stopwatch = bench.Stopwatch
    default = Settings.model_fields["embedding_backend"].default

    with tempfile.TemporaryDirectory(prefix="embed-bench-") as tmp:
        root = Path(tmp)
        # An empty model cache, so the run also shows what the first export costs.
        base = load_settings(
            corpus_dir=ROOT / "corpus", chroma_path=root / "chroma", chroma_host=None, model_cache=root / "models"
        )
        batch = base.embedding_batch_size
        models = {name: build_embeddings(base.model_copy(update={"embedding_backend": name})) for name in BACKENDS}
        print(f"default backend (assistant/settings.py): {default}; batch {batch}", flush=True)
        for name, model in models.items():
            with Stopwatch() as loading:
                model.encode(["warm up"])
            what = {"torch": "load", "onnx": "export + load", "onnx-int8": "quantise + load"}[name]
            print(f"  {name:<9} first {what}: {loading.wall:.1f} s", flush=True)

        guide = bench.chunk_texts([bench.GUIDE], base)
        files = bench.build_corpus(root / "generated", args.mb, args.seed)
        generated = bench.chunk_texts(files, base)
        megabytes = sum(p.stat().st_size for p in files) / 1_000_000
        corpora = {
            f"guide ({len(guide)} chunks)": (guide, max(5, args.rounds)),
            f"{megabytes:.1f} MB corpus ({len(generated)} chunks)": (generated, args.rounds),
        }

        print("\nencode throughput: chunks/s (per CPU-second), ratio to torch")
        speedups: dict[str, list[float]] = {name: [] for name in BACKENDS}
        for label, (texts, rounds) in corpora.items():
            for model in models.values():  # first allocations for this kind of text
                model.encode(texts[:batch], batch_size=batch)
            rates = throughput(models, texts, rounds, batch, Stopwatch)
            torch_wall = rates["torch"][0]
            cells = []
            for name, (wall, cpu) in rates.items():
                speedups[name].append(wall / torch_wall)
                cells.append(f"{name} {wall:6.1f} ({cpu:5.1f}) x{wall / torch_wall:4.1f}")
            print(f"  {label:<28} " + " | ".join(cells), flush=True)

        cases = load_eval_set()
        questions = [case.question for case in cases]
        millis = question_latency(models, questions, rounds=3)
        torch_p50 = statistics.median(millis["torch"])
        print(f"\nsingle question ({len(questions)} eval questions x 3): p50 / p95 ms, p50 ratio to torch")
        print(
            "  "
            + " | ".join(
                f"{name} {statistics.median(ms):5.1f} / {percentile(ms, 0.95):5.1f} "
                f"x{torch_p50 / statistics.median(ms):4.1f}"
                for name, ms in millis.items()
            ),
            flush=True,
        )

        reports = {}
        for name, model in models.items():
            settings = base.model_copy(update={"embedding_backend": name, "chroma_path": root / f"chroma-{name}"})
            reports[name] = evaluate_backend(settings, model, cases)
        torch_rates = reports["torch"].rates
        print(f"\neval rates ({len(cases)} questions), difference to torch")
        for rate in torch_rates:
            cells = [
                f"{name} {reports[name].rates[rate]:.3f} ({reports[name].rates[rate] - torch_rates[rate]:+.3f})"
                for name in BACKENDS
            ]
            print(f"  {rate.replace('_', ' '):<22} " + " | ".join(cells))

        torch_refused = {r.case.id: r.answer.refused for r in reports["torch"].results}
        for name in BACKENDS[1:]:
            changed = [r for r in reports[name].results if r.answer.refused != torch_refused[r.case.id]]
            newly = [r.case.id for r in changed if r.case.in_scope and r.answer.refused]
            no_longer = [r.case.id for r in changed if r.case.in_scope and not r.answer.refused]
            accepted = [r.case.id for r in changed if not r.case.in_scope and not r.answer.refused]
            print(
                f"  refusals of {name} vs torch: in-scope newly refused {newly or 'none'}, no longer refused "
                f"{no_longer or 'none'}; out-of-scope newly accepted {accepted or 'none'}"
            )

    print(f"\ngoal: >= {THROUGHPUT_GOAL}x torch throughput on both corpora, no eval rate worse by > {RATE_TOLERANCE}")
    meeting = []
    for name in BACKENDS[1:]:
        worse = {
            rate: (value - torch_rates[rate]) if rate in LOWER_IS_BETTER else (torch_rates[rate] - value)
            for rate, value in reports[name].rates.items()
        }
        fast = min(speedups[name]) >= THROUGHPUT_GOAL
        close = max(worse.values()) <= RATE_TOLERANCE + 1e-9
        print(
            f"  {name:<9} throughput x{min(speedups[name]):.1f} ({'ok' if fast else 'short'}), "
            f"largest rate loss {max(worse.values()):+.3f} ({'ok' if close else 'too much'})"
        )
        if fast and close:
            meeting.append(name)
    fastest = max(meeting, key=lambda name: min(speedups[name]), default=None)
    print(f"  fastest backend meeting the goal: {fastest or 'none'}; default: {default}")


if __name__ == "__main__":
    main()
