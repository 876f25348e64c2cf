"""Ingestion throughput against the bare model: chunks per second of `ingest()` and of `encode()` alone.

Builds a corpus of about --mb megabytes from variants of the guide (sections and list items shuffled,
sentences reordered, words and figures substituted, so no two chunks are alike), ingests it into a
temporary embedded Chroma with the real pipeline, and times the bare `encode` of the same model over the
very same chunk texts (the default backend, or CAREER_ASSISTANT_EMBEDDING_BACKEND). The goal is
ingest/bare >= 0.85: loading, chunking, hashing and the store together cost at most 15% on top of the
model.

Run: .venv/bin/python benchmarks/ingest.py [--mb 5]   (--mb 0.5 for a quick run)
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from pathlib import Path

from _shared import GUIDE

GOAL = 0.85

# Words swapped for one of their alternatives, independently at each occurrence.
SUBSTITUTES = {
    "data": ["information", "records", "datasets", "measurements"],
    "businesses": ["companies", "firms", "organizations", "enterprises"],
    "models": ["systems", "predictors", "networks", "estimators"],
    "tools": ["instruments", "utilities", "toolkits", "programs"],
    "Python": ["Julia", "Scala", "Go", "Rust"],
    "experience": ["practice", "exposure", "seniority", "background"],
    "projects": ["assignments", "initiatives", "engagements", "studies"],
    "skills": ["abilities", "competencies", "strengths", "capabilities"],
    "critical": ["vital", "essential", "central", "key"],
    "often": ["frequently", "usually", "regularly", "commonly"],
    "platforms": ["services", "marketplaces", "environments", "products"],
    "insights": ["findings", "conclusions", "lessons", "signals"],
    "engineer": ["developer", "practitioner", "specialist", "builder"],
    "engineers": ["developers", "practitioners", "specialists", "builders"],
    "role": ["job", "position", "function", "career"],
    "path": ["route", "track", "road", "trajectory"],
    "typical": ["usual", "common", "standard", "classic"],
    "and": ["as well as", "plus", "along with"],
    "the": ["this", "that", "each"],
}
_WORD = re.compile(r"\b(" + "|".join(SUBSTITUTES) + r")\b")
_FIGURE = re.compile(r"\d[\d,]*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def guide_variant(guide: str, rng: random.Random, number: int) -> str:
    """The guide with its sections, list items and sentences shuffled and some words and figures swapped."""
    title, *rest = re.split(r"\n(?=## )", guide)
    sections = rest[:]
    rng.shuffle(sections)

    def vary(block: str) -> str:
        lines = block.split("\n")
        if lines[0].startswith("#"):
            return f"{block} {number}" if lines[0].startswith("# ") else block
        if all(line.startswith("- ") for line in lines):
            rng.shuffle(lines)
        elif len(lines) == 1:
            sentences = _SENTENCE.split(block)
            rng.shuffle(sentences)
            lines = [" ".join(sentences)]
        text = "\n".join(lines)
        text = _WORD.sub(lambda m: rng.choice([m.group(0), *SUBSTITUTES[m.group(0)]]), text)
        return _FIGURE.sub(lambda m: f"{rng.randint(2, 250_000):,}", text)

    document = "\n".join([title, *sections])
    return "\n\n".join(vary(block) for block in document.split("\n\n"))


def build_corpus(folder: Path, megabytes: float, seed: int) -> list[Path]:
    """Guide variants in `folder`, in subfolders of 50, until they add up to `megabytes`."""
    guide = GUIDE.read_text(encoding="utf-8")
    rng = random.Random(seed)
    files, size, number = [], 0, 0
    while size < megabytes * 1_000_000:
        path = folder / f"batch-{number // 50:03d}" / f"guide-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = guide_variant(guide, rng, number)
        path.write_text(text, encoding="utf-8")
        files.append(path)
        size += len(text.encode("utf-8"))
        number += 1
    return files


def chunk_texts(files: list[Path], settings) -> list[str]:
    """Exactly the texts `ingest` embeds for these files."""
    from assistant.embeddings import embed_text
    from ingest import chunk_markdown, load_markdown

    return [
        embed_text(chunk.section, chunk.text)
        for path in sorted(files)
        for chunk in chunk_markdown(load_markdown(path), settings.chunk_size, settings.chunk_overlap)
    ]


class Stopwatch:
    """Wall-clock and CPU seconds of a block; CPU time counts every thread of the process, Chroma's too."""

    def __enter__(self) -> Stopwatch:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self._wall, time.process_time() - self._cpu


def time_bare_encode(embeddings, texts: list[str], batch_size: int) -> Stopwatch:
    with Stopwatch() as watch:
        embeddings.encode(texts, batch_size=batch_size)
    return watch


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in megabytes (default: 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus variants")
    args = parser.parse_args(argv)

    from assistant.settings import load_settings
    from assistant.wiring import build_embeddings
    from ingest import ingest

    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        root = Path(tmp)
        settings = load_settings(
            corpus_dir=root / "corpus", chroma_path=root / "chroma", chroma_host=None, model_cache=root / "models"
        )
        files = build_corpus(settings.corpus_dir, args.mb, args.seed)
        megabytes = sum(p.stat().st_size for p in files) / 1_000_000
        texts = chunk_texts(files, settings)
        batch = settings.embedding_batch_size
        print(
            f"corpus: {len(files)} files, {megabytes:.2f} MB, {len(texts)} chunks ({len(set(texts))} distinct; "
            f"chunk_size {settings.chunk_size}, batch {batch}; {settings.embedding_backend} backend)",
            flush=True,
        )

        embeddings = build_embeddings(settings)
        embeddings.encode(texts[: 2 * batch], batch_size=batch)  # warm: load the model, first allocations

        # Bare encoding is timed before and after the ingest, and averaged, so that a slow spell of a
        # busy machine weighs on both sides alike.
        bare_before = time_bare_encode(embeddings, texts, batch)
        with Stopwatch() as ingesting:
            report = ingest(settings, embeddings=embeddings, progress=lambda done, total: None)
        bare_after = time_bare_encode(embeddings, texts, batch)

    if report.added != len(texts) or report.problems:
        raise SystemExit(f"ingest stored {report.added} chunks of {len(texts)}; problems: {report.problems}")
    n = len(texts)
    bare_wall, bare_cpu = (bare_before.wall + bare_after.wall) / 2, (bare_before.cpu + bare_after.cpu) / 2
    print(
        f"bare encode: {n / bare_wall:6.1f} chunks/s, {n / bare_cpu:5.1f} per CPU-second "
        f"({bare_wall:.1f} s; runs {bare_before.wall:.1f} s, {bare_after.wall:.1f} s)"
    )
    print(
        f"ingest:      {n / ingesting.wall:6.1f} chunks/s, {n / ingesting.cpu:5.1f} per CPU-second "
        f"({ingesting.wall:.1f} s; {report.summary()})"
    )
    # On a machine shared with other work the wall-clock ratio is noisy; the CPU-time one much less so.
    print(
        f"ratio ingest/bare: {bare_wall / ingesting.wall:.2f} wall-clock, {bare_cpu / ingesting.cpu:.2f} CPU time "
        f"(goal >= {GOAL})"
    )


if __name__ == "__main__":
    main()
