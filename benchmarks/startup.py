"""Cold start of `career-assistant ask` and `serve` per backend, beside `import sentence_transformers`.

Every figure is a fresh Python process; one unmeasured run first warms the disk cache, the median of
--runs follows. For each backend, in one run:

- `python -c "import sentence_transformers"` (once, it does not depend on the backend);
- `career-assistant ask "..."`: the real command, wall-clock from spawn to exit;
- the same steps in a fresh process, timed one by one: imports (everything the command loads, the
  backend's runtime included), model load (build the embeddings and embed the question), store open
  (open the Chroma index and check its model identity), first answer (the rest of `answer()`);
- `career-assistant serve`: the real command, from spawn to the first `/ask` answer over HTTP
  (gradio_client), and split the same way plus the index check (`ingest`, nothing to do) and the launch.

Goal: cold `ask` with the default backend under half of the `import sentence_transformers` time.

Run: .venv/bin/python benchmarks/startup.py [--runs 3] [--backends onnx,torch]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import BIN, ROOT, clean_env, free_port, ingested_env, serving

QUESTION = "How much do ML engineers earn?"
RUNTIME = {"torch": "sentence_transformers", "onnx": "onnxruntime,tokenizers", "onnx-int8": "onnxruntime,tokenizers"}

# Run in a fresh process: the steps of `career-assistant ask` (or `serve`), each timed, as JSON on the last line.
PHASES = """
import json, sys, time
command, question, port, runtime = sys.argv[1:5]
phases, mark = {}, time.perf_counter()

def done(name):
    global mark
    now = time.perf_counter()
    phases[name] = now - mark
    mark = now

import ui.cli, assistant.chain, assistant.wiring, chromadb
from assistant import build_assistant, load_settings
from assistant.wiring import build_embeddings, build_store
for module in runtime.split(","):
    __import__(module)
if command == "serve":
    import ingest, ui.app
done("imports")
settings = load_settings()
embeddings = build_embeddings(settings)
embeddings.embed_query(question)
done("model load")
store = build_store(settings, embeddings)
store.count()
done("store open")
if command == "serve":
    ingest.ingest(settings, embeddings=embeddings, store=store, progress=lambda done, total: None)
    done("index check")
    bot = build_assistant(settings, embeddings=embeddings, store=store)
    app = ui.app.build_app(bot, settings)
    url = ui.app.launch(app, settings, port=int(port))
    done("launch")
    from gradio_client import Client
    Client(url, verbose=False).predict(question, None, api_name="/ask")
    done("first answer (HTTP)")
    app.close()
else:
    build_assistant(settings, embeddings=embeddings, store=store).answer(question)
    done("first answer")
heavy = {"torch", "transformers", "sentence_transformers", "gradio"} & {m.split(".")[0] for m in sys.modules}
print(json.dumps({"phases": phases, "heavy": sorted(heavy)}))
"""


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def phases(command: str, backend: str, env: dict) -> dict:
    """One fresh process's split of `command`, and the heavy modules it ended up importing."""
    argv = [sys.executable, "-c", PHASES, command, QUESTION, str(free_port()), RUNTIME[backend]]
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, check=True, capture_output=True, text=True, cwd=ROOT)
    total = time.perf_counter() - started
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["phases"] = {"interpreter start + exit": total - sum(report["phases"].values()), **report["phases"]}
    return report


def serve_to_first_answer(env: dict) -> tuple[float, float]:
    """Seconds from spawning `career-assistant serve` to its 'Chat UI on' line, and to the first /ask answer."""
    from gradio_client import Client

    started = time.perf_counter()
    with serving(env) as (_, url):
        ready = time.perf_counter() - started
        Client(url, verbose=False).predict(QUESTION, None, api_name="/ask")
        return ready, time.perf_counter() - started


def median_of(runs: int, measure) -> list:
    measure()  # unmeasured: warms the disk cache
    return [measure() for _ in range(runs)]


def print_split(label: str, reports: list[dict]) -> None:
    names = reports[0]["phases"]
    cells = [f"{name} {statistics.median(r['phases'][name] for r in reports):.2f}" for name in names]
    heavy = sorted({module for r in reports for module in r["heavy"]}) or ["none"]
    print(f"    {label}: " + ", ".join(cells) + f" s; imported of torch/transformers/ST/gradio: {', '.join(heavy)}")


def main(argv: list[str] | None = None) -> None:
    from assistant.settings import Settings

    default = Settings.model_fields["embedding_backend"].default
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs of each command (median)")
    parser.add_argument("--backends", default=f"{default},torch", help=f"comma-separated (default: {default},torch)")
    args = parser.parse_args(argv)
    backends = list(dict.fromkeys(args.backends.split(",")))

    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        imports = median_of(
            args.runs, lambda: timed([sys.executable, "-c", "import sentence_transformers"], clean_env())
        )
        import_st = statistics.median(imports)
        runs = ", ".join(f"{t:.1f}" for t in imports)
        print(f"python -c 'import sentence_transformers': {import_st:.2f} s (runs {runs})")
        print(f"goal: cold ask with the default backend ({default}) under {import_st / 2:.2f} s\n")

        for backend in backends:
            env = ingested_env(Path(tmp), backend)

            asks = median_of(args.runs, lambda env=env: timed([str(BIN / "career-assistant"), "ask", QUESTION], env))
            ask = statistics.median(asks)
            marker = " (default)" if backend == default else ""
            print(f"{backend}{marker}")
            print(
                f"  career-assistant ask: {ask:.2f} s (runs {', '.join(f'{t:.1f}' for t in asks)}), "
                f"{ask / import_st:.2f} of the import time"
            )
            print_split("split", median_of(args.runs, lambda env=env, backend=backend: phases("ask", backend, env)))

            serves = median_of(args.runs, lambda env=env: serve_to_first_answer(env))
            ready, first = statistics.median(s[0] for s in serves), statistics.median(s[1] for s in serves)
            print(f"  career-assistant serve: page up {ready:.2f} s, first answer {first:.2f} s")
            print_split("split", median_of(args.runs, lambda env=env, backend=backend: phases("serve", backend, env)))
            print(flush=True)


if __name__ == "__main__":
    main()
