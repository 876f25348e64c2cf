"""Fixtures for the ingestion tests: test documents in every supported format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def guide_txt() -> Path:
    """The guide as its original plain-text export (with the image-link debris at its end)."""
    return DATA / "ml-engineer-vs-data-scientist.txt"


@pytest.fixture
def make_pdf() -> Callable[[Path, list[str]], Path]:
    """A function that writes a real one-page PDF with the given lines of text."""

    def make(path: Path, lines: list[str]) -> Path:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        page = canvas.Canvas(str(path), pagesize=A4)
        y = 800
        for line in lines:
            page.drawString(72, y, line)
            y -= 18
        page.save()
        return path

    return make


@pytest.fixture
def run_ingest(settings, embeddings):
    """`ingest` with the session's model and no progress bar; keyword arguments pass through."""
    from ingest import ingest

    def run(paths=None, **kwargs):
        kwargs.setdefault("settings", settings)
        return ingest(paths=paths, embeddings=kwargs.pop("embeddings", embeddings), progress=_quiet, **kwargs)

    return run


@pytest.fixture
def store(settings, embeddings):
    """The test's own embedded index, bound to the real model's identity."""
    from assistant.store import VectorStore

    return VectorStore(settings, embeddings.identity)


def _quiet(done: int, total: int) -> None:
    """Progress that shows nothing: keeps tqdm bars out of the test output."""


@pytest.fixture
def make_pdf_bomb() -> Callable[..., Path]:
    """A function that writes a small real PDF whose one page holds a huge content stream (reportlab compresses it).

    kind="stream": `mb` MB of repeated text objects, a few KB on disk; kind="slow": one text object moving the
    pen line by line, which pypdf takes minutes to extract for a few MB.
    """

    def make(path: Path, mb: float, kind: str = "stream") -> Path:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        page = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
        page.drawString(72, 800, "Salary notes for the careers guide.")
        unit = "BT /F1 12 Tf 72 700 Td (x) Tj ET\n" if kind == "stream" else "0 -1 Td (ab) Tj "
        body = unit * int(mb * 2**20 / len(unit))
        page._code.append(body if kind == "stream" else f"BT /F1 12 Tf {body} ET\n")  # raw PDF operators
        page.save()
        return path

    return make
