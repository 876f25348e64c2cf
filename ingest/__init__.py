"""Turn guide files into chunks and put them, embedded, into the vector store."""

from .chunking import Chunk, HeadingPath, chunk_markdown
from .loaders import SUPPORTED_SUFFIXES, UnreadableFile, clean_text, load_markdown
from .pipeline import FileProblem, IngestReport, ingest

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Chunk",
    "FileProblem",
    "HeadingPath",
    "IngestReport",
    "UnreadableFile",
    "chunk_markdown",
    "clean_text",
    "ingest",
    "load_markdown",
]
