"""What an ingest has to embed, and its progress: the caller's callback, or a bar with files and MB."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Work:
    """What an ingest's plans have to embed: files, their bytes, new chunks, and those chunks' texts to embed."""

    files: int
    file_bytes: int
    chunks: int
    texts: int
    text_bytes: int

    @classmethod
    def of(cls, plans: list) -> Work:
        new = [(plan, n) for plan in plans for n in range(len(plan.ids)) if plan.needs_embedding(n)]
        return cls(
            files=len(plans),
            file_bytes=sum(plan.size for plan in plans),
            chunks=len(new),
            texts=sum(1 + len(plan.sentences[n]) for plan, n in new),  # a chunk, then each of its sentences
            text_bytes=sum(len(c.text.encode()) for plan in plans for c in plan.chunks),
        )


class Progress:
    """An ingest's progress in chunks: the caller's `progress(done, total)`, or a tqdm bar that also shows files and
    MB done (its time left is tqdm's estimate from the rate so far).

    A chunk's sentences are embedded with it, so a chunk counts as done in proportion to the texts embedded.
    """

    def __init__(self, work: Work, progress: Callable[[int, int], None] | None) -> None:
        self.work, self.progress = work, progress
        self.texts = self.chunks = self.files = self.bytes = 0
        self.bar = None
        if progress is None and work.texts:
            from tqdm import tqdm

            self.bar = tqdm(total=work.chunks, unit="chunk", desc="Embedding", leave=False)
            self._postfix()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()

    def texts_done(self, count: int) -> None:
        self.texts += count
        if not self.work.texts:  # an ingest that embeds nothing (only metadata to rewrite) has no texts to count
            return
        chunks = min(self.work.chunks, self.texts * self.work.chunks // self.work.texts)
        if self.bar is not None:
            self.bar.update(chunks - self.chunks)
        self.chunks = chunks
        if self.progress:
            self.progress(chunks, self.work.chunks)

    def file_done(self, plan) -> None:
        self.files += 1
        self.bytes += plan.size
        if self.bar is not None:
            self._postfix()

    def _postfix(self) -> None:
        work = self.work
        self.bar.set_postfix_str(
            f"files {self.files}/{work.files}, {self.bytes / 2**20:.1f}/{work.file_bytes / 2**20:.1f} MB", refresh=False
        )
