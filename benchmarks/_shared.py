"""What the benchmarks share. A benchmark imports it before anything of the project's.

Run as a script, a benchmark's own folder comes first on sys.path, where benchmarks/ingest.py would shadow
the `ingest` package: importing this module takes the folder off the path.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
GUIDE = ROOT / "corpus" / "ml-engineer-vs-data-scientist.md"
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_guide(folder: Path) -> Path:
    """`folder/corpus` holding the guide alone (not what else a user added to corpus/)."""
    (folder / "corpus").mkdir(parents=True, exist_ok=True)
    shutil.copy(GUIDE, folder / "corpus" / GUIDE.name)
    return folder / "corpus"


def guide_assistant(folder: Path, **overrides):
    """The guide ingested into `folder`, and an assistant over it: `(settings, embeddings, assistant)`.

    Settings come from the environment (CAREER_ASSISTANT_EMBEDDING_BACKEND picks the backend), with the
    folders, the embedded store and `overrides` on top.
    """
    from assistant import build_assistant, load_settings
    from assistant.wiring import build_embeddings, build_store
    from ingest import ingest

    corpus = copy_guide(folder)
    settings = load_settings(corpus_dir=corpus, chroma_path=folder / "chroma", chroma_host=None, **overrides)
    embeddings = build_embeddings(settings)
    store = build_store(settings, embeddings)
    ingest(settings, embeddings=embeddings, store=store, progress=lambda done, total: None)
    return settings, embeddings, build_assistant(settings, embeddings=embeddings, store=store)


def clean_env() -> dict:
    """This environment without the caller's own CAREER_ASSISTANT_* settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CAREER_ASSISTANT_")}


def ingested_env(folder: Path, backend: str) -> dict:
    """The environment of a CLI run on the guide in `folder` with `backend`, its index built by
    `career-assistant ingest` (and the ONNX model exported): "cold" is then a fresh process, not a first install.
    """
    env = {
        **clean_env(),
        "CAREER_ASSISTANT_CORPUS_DIR": str(copy_guide(folder)),
        "CAREER_ASSISTANT_CHROMA_PATH": str(folder / f"chroma-{backend}"),
        "CAREER_ASSISTANT_MODEL_CACHE": str(folder / "models"),
        "CAREER_ASSISTANT_EMBEDDING_BACKEND": backend,
    }
    subprocess.run([str(BIN / "career-assistant"), "ingest"], env=env, check=True, capture_output=True)
    return env


@contextmanager
def serving(env: dict) -> Iterator[tuple[subprocess.Popen, str]]:
    """`career-assistant serve` on a free port, from the moment it prints 'Chat UI on': the process, its URL."""
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "career-assistant"), "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        for line in server.stdout:
            if line.startswith("Chat UI on"):
                break
        else:
            raise SystemExit(f"`career-assistant serve` exited with status {server.wait()}")
        yield server, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
