"""Scale: generated corpora of 1, 10 and 100 MB, each ingested, re-ingested, asked and served; ratios printed.

Per size: chunks; ingest chunks/s against bare `encode()` of the same chunks in the same run (and against bare
`encode()` of everything ingest embeds: the chunks and their sentences); unchanged re-ingest seconds; cold
`career-assistant ask` seconds and peak RSS; warm `answer()` p50/p95 on a first pass (a fresh assistant, no
caches warm) and a second pass, against the bare question embedding; `serve` peak RSS after 100 questions.
Corpora are varied text (the guides' sentences reshuffled into new files with changed figures, never byte-identical)
cached under ~/.cache/career-assistant/scale between runs. `--quick`: 1 and 10 MB only.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time
from itertools import cycle, islice
from pathlib import Path

import _shared  # noqa: F401  (first: takes benchmarks/ off sys.path)
from _shared import BIN, ROOT, clean_env, percentile, serving

CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "career-assistant" / "scale"
GUIDES = [ROOT / "corpus" / "ml-engineer-vs-data-scientist.md", *sorted((ROOT / "tests" / "data").glob("*.md"))]
FILE_BYTES = 20_000


def generate(folder: Path, mb: float) -> Path:
    """`mb` MB of Markdown files of ~20 KB: the guides' sections and sentences, shuffled, figures changed (seeded)."""
    corpus = folder / "corpus"
    done = folder / "complete"
    if done.exists():
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    rng = random.Random(12)
    paragraphs = [
        p.strip()
        for g in GUIDES
        for p in re.split(r"\n\s*\n", g.read_text(encoding="utf-8"))
        if p.strip() and not p.lstrip().startswith("#")
    ]
    headings = [h for g in GUIDES for h in re.findall(r"^#{2,3} (.+)$", g.read_text(encoding="utf-8"), re.M)]
    total, n = 0, 0
    while total < mb * 2**20:
        parts = [f"# {rng.choice(headings)} notes, volume {n}\n"]
        size = 0
        while size < FILE_BYTES:
            text = rng.choice(paragraphs)
            # every figure changed and a word swapped: no two sections the same
            text = re.sub(r"\d[\d,]*", lambda m: f"{rng.randint(2, 99_999):,}", text)
            words = text.split(" ")
            words[rng.randrange(len(words))] = rng.choice(["notably", "often", "usually", "in practice", "today"])
            part = f"## {rng.choice(headings)} {rng.randint(1, 10**6)}\n\n{' '.join(words)}\n"
            parts.append(part)
            size += len(part)
        path = corpus / f"notes-{n:05d}.md"
        path.write_text("\n".join(parts), encoding="utf-8")
        total += path.stat().st_size
        n += 1
    done.touch()
    return corpus


# Started from a small launcher: a child's ru_maxrss keeps the peak of the process it was forked from (this one,
# holding a corpus), so the command is forked from a fresh interpreter instead.
LAUNCHER = """
import os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss / 1024, status)
"""


def rss_of_child(argv: list[str], env: dict) -> tuple[float, float, int]:
    """Run a command; its wall seconds, peak RSS in MB and exit status."""
    out = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], env=env, capture_output=True, text=True, check=True)
    seconds, mb, status = out.stdout.split()
    return float(seconds), float(mb), int(status)


class StandInEmbeddings:
    """Seeded random unit vectors (one per distinct text) in place of the model's, under the model's identity.

    For measuring what does not depend on the vectors at sizes whose real ingest would take hours (100 MB: ~2.5 h
    on this machine): memory, opening, answer time, re-ingest. Dense search then finds unrelated passages, so no
    answer of such an index means anything, and its ingest is not timed. `--stand-in-vectors` only.
    """

    def __init__(self, real) -> None:
        self.identity, self.backend = real.identity, real.backend

    def encode(self, texts: list[str], batch_size: int = 64, progress=None):
        import hashlib

        import numpy as np

        out = np.empty((len(texts), 384), dtype=np.float32)
        for n, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            out[n] = np.random.default_rng(seed).standard_normal(384)
        if progress:
            progress(len(texts))
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def measure(mb: float, questions: list, serve_questions: int, reuse: bool, stand_in: bool = False) -> dict:
    from assistant import build_assistant, load_settings
    from assistant.embeddings import embed_text
    from assistant.sentences import passage_sentences
    from assistant.wiring import build_embeddings, build_store
    from ingest import ingest

    folder = CACHE / f"{mb:g}mb{'-stand-in' if stand_in else ''}"
    corpus = generate(folder, mb)
    index = folder / "index"
    if not reuse:
        shutil.rmtree(index, ignore_errors=True)
    env = {
        **clean_env(),
        "CAREER_ASSISTANT_CORPUS_DIR": str(corpus),
        "CAREER_ASSISTANT_CHROMA_PATH": str(index),
        "CAREER_ASSISTANT_MODEL_CACHE": str(CACHE / "models"),
    }
    settings = load_settings(corpus_dir=corpus, chroma_path=index, model_cache=CACHE / "models", chroma_host=None)
    embeddings = build_embeddings(settings)
    embeddings.encode(["warm up"])
    quiet = lambda done, total: None  # noqa: E731
    started = time.perf_counter()
    writing = StandInEmbeddings(embeddings) if stand_in else embeddings
    report = ingest(settings, embeddings=writing, progress=quiet)
    ingest_s = time.perf_counter() - started
    chunks = build_store(settings, embeddings).chunks()
    if reuse or stand_in:  # the index as a run before left it, or stand-in vectors: no ingest to measure
        texts, sentences, ingest_s, bare_chunks_s, bare_sentences_s = [], [], float("nan"), 1.0, 0.0
    else:
        texts = [embed_text(c.section, c.text) for c in chunks]
        sentences = [embed_text(c.section, s) for c in chunks for s in passage_sentences(c.text, c.section) or [c.text]]
        started = time.perf_counter()
        embeddings.encode(texts)
        bare_chunks_s = time.perf_counter() - started
        started = time.perf_counter()
        embeddings.encode(sentences)
        bare_sentences_s = time.perf_counter() - started
    started = time.perf_counter()
    again = ingest(settings, embeddings=writing, progress=quiet)
    reingest_s = time.perf_counter() - started
    assert again.unchanged == report.added + report.replaced + report.unchanged, (again, report)

    ask_s, ask_mb, status = rss_of_child([str(BIN / "career-assistant"), "ask", questions[0].question], env)
    assert status == 0, f"ask failed with status {status}"

    bare = []
    for case in questions:
        started = time.perf_counter()
        embeddings.encode([case.question])
        bare.append(time.perf_counter() - started)
    assistant = build_assistant(settings, embeddings=embeddings)
    assistant.search.keyword_index()  # read once, as a running chat has; what is measured is each answer
    passes = []
    for _ in range(2):
        times = []
        for case in questions:
            started = time.perf_counter()
            assistant.answer(case.question, case.history or None)
            times.append(time.perf_counter() - started)
        passes.append(times)
    # Dense search alone, exact scan against the clusters (`assistant.clusters`), same index and questions, interleaved;
    # and how many of the scan's 20 nearest the clusters find.
    index = assistant.search.keyword_index()
    vectors = [embeddings.encode([case.question])[0] for case in questions]
    scan, clustered, recall = [], [], []
    for vector in vectors:
        for exact, times in ((True, scan), (False, clustered)):
            started = time.perf_counter()
            found = index.nearest(vector, 20, exact=exact)
            times.append(time.perf_counter() - started)
        recall.append(len(set(found) & set(index.nearest(vector, 20))) / 20)
    serve_mb = float("nan")
    if serve_questions:
        from gradio_client import Client

        with serving(env) as (server, url):
            client = Client(url, verbose=False)
            for case in islice(cycle(questions), serve_questions):
                client.predict(case.question, case.history or None, api_name="/ask")
            status = Path(f"/proc/{server.pid}/status").read_text()
            serve_mb = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
    return {
        "mb": sum(p.stat().st_size for p in corpus.iterdir()) / 2**20,
        "chunks": len(chunks),
        "sentences": len(sentences),
        "ingest_cps": len(chunks) / ingest_s,
        "bare_cps": len(chunks) / bare_chunks_s,
        "ingest_vs_all": (bare_chunks_s + bare_sentences_s) / ingest_s,
        "reingest_s": reingest_s,
        "ask_s": ask_s,
        "ask_mb": ask_mb,
        "bare_p50": percentile(bare, 0.5) * 1000,
        "first_p50": percentile(passes[0], 0.5) * 1000,
        "first_p95": percentile(passes[0], 0.95) * 1000,
        "second_p50": percentile(passes[1], 0.5) * 1000,
        "second_p95": percentile(passes[1], 0.95) * 1000,
        "serve_mb": serve_mb,
        "scan_p50": percentile(scan, 0.5) * 1000,
        "clusters_p50": percentile(clustered, 0.5) * 1000 if index.clusters else float("nan"),
        "recall": sum(recall) / len(recall) if index.clusters else float("nan"),
    }


def main(argv: list[str] | None = None) -> None:
    from assistant.evaluation import load_eval_set

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 and 10 MB only")
    parser.add_argument("--mb", type=float, nargs="*", help="sizes in MB (default: 1 10 100)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep each size's index from an earlier run: measure re-ingest, ask, answer(), serve only",
    )
    parser.add_argument("--serve-questions", type=int, default=100, help="questions asked of `serve` (0: skip it)")
    parser.add_argument(
        "--stand-in-vectors",
        action="store_true",
        help="ingest seeded random vectors instead of the model's (a separate cached index): memory, opening, "
        "answer time and re-ingest at sizes whose real ingest takes hours; ingest speed and answers not measured",
    )
    args = parser.parse_args(argv)
    sizes = args.mb or ([1, 10] if args.quick else [1, 10, 100])
    questions = load_eval_set()
    rows = []
    for mb in sizes:
        row = measure(mb, questions, args.serve_questions, args.reuse, args.stand_in_vectors)
        rows.append(row)
        print(
            f"{row['mb']:.1f} MB, {row['chunks']} chunks ({row['sentences']} sentences): "
            f"ingest {row['ingest_cps']:.1f} vs bare encode() {row['bare_cps']:.1f} chunks/s, ratio "
            f"{row['ingest_cps'] / row['bare_cps']:.2f} (vs encode() of chunks and sentences: "
            f"{row['ingest_vs_all']:.2f}); unchanged re-ingest {row['reingest_s']:.1f} s; cold ask "
            f"{row['ask_s']:.2f} s, peak RSS {row['ask_mb']:.0f} MB; warm answer() first pass p50/p95 "
            f"{row['first_p50']:.1f}/{row['first_p95']:.1f} ms ({row['first_p50'] / row['bare_p50']:.2f}x), second "
            f"{row['second_p50']:.1f}/{row['second_p95']:.1f} ms ({row['second_p50'] / row['bare_p50']:.2f}x) vs bare "
            f"question embedding {row['bare_p50']:.1f} ms; serve peak RSS after {args.serve_questions} questions "
            f"{row['serve_mb']:.0f} MB; dense search p50 by exact scan {row['scan_p50']:.2f} ms, by clusters "
            f"{row['clusters_p50']:.2f} ms ({row['clusters_p50'] / row['scan_p50']:.2f}x), finding "
            f"{row['recall']:.3f} of the scan's 20 nearest",
            flush=True,
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per_mb = (last["mb"] - first["mb"]) or 1
        print(
            f"growth per MB of text from {first['mb']:.1f} to {last['mb']:.1f} MB: ask peak RSS "
            f"{(last['ask_mb'] - first['ask_mb']) / per_mb:.1f} MB, serve peak RSS "
            f"{(last['serve_mb'] - first['serve_mb']) / per_mb:.1f} MB; cold ask {last['ask_s'] / first['ask_s']:.2f}x"
        )


if __name__ == "__main__":
    main()
