"""One revision of the index as files a process maps instead of reading: what search and scoring read, shared.

Chroma is the store of record. What every answer reads (each chunk's text, metadata and vector, the keyword
postings, each chunk's sentences and their vectors, each section's role and pieces) is written once per index
revision into a folder of flat arrays, which a process opens with `numpy.memmap`: opening costs milliseconds
whatever the corpus size, a process holds in its own memory only the guides' vocabularies and the keyword index's
word list, and processes that open one revision share its pages through the operating system's file cache.

The folder is built by the ingest that published the revision (`ingest.pipeline`), or by the first reader that
finds none (an index built before these files, or a Chroma server's). It is built in a temporary folder and renamed
into place, under a lock, so a reader sees a whole revision or none. Older revisions are removed once a newer one
is in place (a process that still maps one keeps reading it: the files go when it lets go of them).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import mmap
import os
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .settings import Settings
from .store_pages import unpack_sentences

FORMAT = 7  # bump when the files change, or what `retrieval.derive` writes (6: a section's role by its field, "Choose
# Teaching If..."; 7: initials another guide writes as its own name leave a role, "CAS"): older folders are rebuilt,
# never misread
REMEMBERED_ROWS = 1 << 14  # chunk IDs whose rows a revision keeps at hand


def root(settings: Settings, collection: str) -> Path:
    """Where a collection's revisions are kept: in the embedded index's folder, or for a Chroma server (or an index
    whose folder cannot be written) in the user's cache, named after the server and collection."""
    path = Path(settings.chroma_path)
    if not settings.chroma_host and os.access(path, os.W_OK):
        return path / "frozen" / collection
    where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(path.resolve())
    key = hashlib.sha256(f"{where}/{collection}".encode()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "career-assistant" / "frozen" / key


def mapped(path: Path, dtype=None, shape: tuple | None = None) -> np.ndarray:
    """A read-only array over a file's pages: an `.npy` file (its header gives dtype and shape) or raw values.

    Marked for random access (`MADV_RANDOM`): the kernel then reads the pages a question touches, not 128 KB around
    each, which had kept 92 of 125 MB of a 10 MB corpus's sentence vectors in a chat process after 100 questions.
    """
    with path.open("rb") as file:
        offset = 0
        if path.suffix == ".npy":
            version = np.lib.format.read_magic(file)
            read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read(file)
            if fortran:
                raise ValueError(f"{path} is in Fortran order")
            offset = file.tell()
        size = os.fstat(file.fileno()).st_size
        dtype = np.dtype(dtype)
        count = (size - offset) // dtype.itemsize
        if shape is None:
            shape = (count,)
        elif shape[0] == -1:
            shape = (count // int(np.prod(shape[1:])), *shape[1:])
        if not count or size == offset:
            return np.zeros(shape, dtype=dtype)
        pages = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)  # the map outlives the file object
    if hasattr(pages, "madvise"):
        pages.madvise(mmap.MADV_RANDOM)
    return np.frombuffer(pages, dtype=dtype, count=int(np.prod(shape)), offset=offset).reshape(shape)


class Words:
    """The index's words, sorted and mapped: a word's number and rarity are found by binary search, so a process
    holds no dictionary of them (437,291 words at 100 MB of generated text, ~110 MB as Python objects)."""

    def __init__(self, folder: Path, size: int, frequency: np.ndarray) -> None:
        self.sorted = mapped(folder / "words_sorted.npy")
        self.ids = mapped(folder / "words_ids.npy")
        self.size, self.frequency = max(size, 1), frequency

    def __len__(self) -> int:
        return len(self.sorted)

    def id(self, word: str) -> int | None:
        """The word's number (its postings' place), or None when no chunk has it."""
        key = word.encode("utf-8")
        if not len(self.sorted) or len(key) > self.sorted.dtype.itemsize:
            return None
        at = int(np.searchsorted(self.sorted, key))
        return int(self.ids[at]) if at < len(self.sorted) and self.sorted[at] == key else None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.id(word) is not None

    def get(self, word: str, default: float | None = None) -> float | None:
        """The word's rarity, log(1 + chunks / chunks having it); `default` for a word no chunk has."""
        n = self.id(word)
        return default if n is None else math.log(1 + self.size / int(self.frequency[n]))

    def __getitem__(self, word: str) -> float:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def starting(self, prefix: str) -> Iterator[str]:
        """The words that start with `prefix`, in order."""
        key = prefix.encode("utf-8")
        at = int(np.searchsorted(self.sorted, key))
        while at < len(self.sorted) and self.sorted[at].startswith(key):
            yield self.sorted[at].decode("utf-8")
            at += 1


class Rows:
    """Rows of a file of fixed-size records, read with `pread` into the caller's memory and not mapped.

    What a question reads at random (a passage's vector and sentence vectors, its text) is read this way: a mapped
    read brings 64 KB of neighbours into the process with each page (the kernel's fault-around), which had kept 92 of
    125 MB of a 10 MB corpus's sentence vectors in a chat process after 100 questions. The copies are dropped with the
    answer; the file's pages stay in the system's cache, shared.
    """

    def __init__(self, path: Path, dtype, width: int = 1) -> None:
        self.dtype, self.width = np.dtype(dtype), width
        self.fd = os.open(path, os.O_RDONLY)
        self.row_bytes = self.dtype.itemsize * width
        self.size = os.fstat(self.fd).st_size // self.row_bytes

    def read(self, start: int, stop: int) -> np.ndarray:
        """Rows `start` to `stop` (exclusive), as a new array."""
        count = max(0, min(stop, self.size) - start)
        data = os.pread(self.fd, count * self.row_bytes, start * self.row_bytes) if count else b""
        return np.frombuffer(data, dtype=self.dtype).reshape(-1, self.width)

    def __del__(self) -> None:
        with suppress(OSError, AttributeError):
            os.close(self.fd)


class _Blob:
    """Byte strings stored end to end in one file, with their offsets: the i-th is read without reading the rest."""

    def __init__(self, folder: Path, name: str) -> None:
        self.offsets = mapped(folder / f"{name}.offsets.npy")
        self.data = Rows(folder / f"{name}.bin", np.uint8)

    def __getitem__(self, i: int) -> str:
        return self.data.read(int(self.offsets[i]), int(self.offsets[i + 1])).tobytes().decode("utf-8")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __iter__(self) -> Iterator[str]:
        """Every string in order, read page by page."""
        for start in range(0, len(self), 4096):
            ends = self.offsets[start : start + 4097].tolist()
            data = self.data.read(ends[0], ends[-1]).tobytes()
            for a, b in itertools.pairwise(ends):
                yield data[a - ends[0] : b - ends[0]].decode("utf-8")


class _BlobWriter:
    def __init__(self, folder: Path, name: str) -> None:
        self.folder, self.name = folder, name
        self.file = (folder / f"{name}.bin").open("wb")
        self.offsets = array("q", [0])

    def add(self, text: str) -> None:
        data = text.encode("utf-8")
        self.file.write(data)
        self.offsets.append(self.offsets[-1] + len(data))

    def close(self) -> None:
        self.file.close()
        np.save(self.folder / f"{self.name}.offsets.npy", np.frombuffer(self.offsets, dtype=np.int64))


@dataclass
class Page:
    """Rows of the chunk collection as Chroma's `get()` returns them: IDs, texts, metadatas, vectors."""

    ids: list[str]
    texts: list[str]
    metadatas: list[dict]
    vectors: np.ndarray


@dataclass
class SentencePage:
    """Rows of the sentences collection: chunk IDs, their sentences (JSON lists) and packed vectors (metadatas)."""

    ids: list[str]
    documents: list[str]
    metadatas: list[dict]


def write(folder: Path, revision: int, pages: Iterable[Page], sentence_pages: Iterable[SentencePage], tokenize) -> None:
    """Write one revision's files into `folder` (which must exist and be empty), reading the pages once each.

    Memory: the postings' flat arrays (three numbers per distinct word of each chunk) and a few numbers per chunk
    are held until written; texts and vectors go to disk page by page.
    """
    texts, metas, ids = _BlobWriter(folder, "texts"), _BlobWriter(folder, "metas"), []
    sources: dict[str, int] = {}
    keys: dict[tuple[int, str], int] = {}  # (source, section) -> its number
    source_of, key_of, position_of = array("i"), array("i"), array("i")
    vocabularies: dict[str, str] = {}
    words: dict[str, int] = {}
    post_words, post_rows, post_counts, lengths = array("i"), array("i"), array("i"), array("i")
    dim = 0
    with (folder / "vectors.f32").open("wb") as vectors:
        for page in pages:
            for chunk_id, text, meta, vector in zip(page.ids, page.texts, page.metadatas, page.vectors, strict=True):
                row = len(ids)
                ids.append(chunk_id)
                meta = dict(meta or {})
                source, section = meta.get("source", ""), meta.get("section", "")
                if meta.get("vocabulary"):
                    vocabularies[source] = meta["vocabulary"]
                s = sources.setdefault(source, len(sources))
                source_of.append(s)
                key_of.append(keys.setdefault((s, section), len(keys)))
                position_of.append(int(meta.get("position", 0)))
                texts.add(text or "")
                metas.add(json.dumps(meta))
                vector = np.asarray(vector, dtype=np.float32)
                dim = dim or len(vector)
                vectors.write(vector.tobytes())
                tokens = tokenize(f"{section} {text}")
                lengths.append(len(tokens))
                counts: dict[str, int] = {}
                for token in tokens:
                    counts[token] = counts.get(token, 0) + 1
                for word, count in counts.items():
                    post_words.append(words.setdefault(word, len(words)))
                    post_rows.append(row)
                    post_counts.append(count)
    texts.close()
    metas.close()
    n = len(ids)
    encoded = _spelled(ids)
    np.save(folder / "ids.npy", encoded)
    np.save(folder / "id_order.npy", np.argsort(encoded, kind="stable").astype(np.int32))
    np.save(folder / "source.npy", np.frombuffer(source_of, dtype=np.int32))
    np.save(folder / "key.npy", np.frombuffer(key_of, dtype=np.int32))
    np.save(folder / "position.npy", np.frombuffer(position_of, dtype=np.int32))
    _write_postings(folder, n, post_words, post_rows, post_counts, lengths, len(words))
    spelled = _spelled(list(words))
    order = np.argsort(spelled, kind="stable")
    np.save(folder / "words_sorted.npy", spelled[order])
    np.save(folder / "words_ids.npy", order.astype(np.int32))
    del spelled, order
    del words, post_words, post_rows, post_counts
    _write_sentences(folder, {chunk_id: row for row, chunk_id in enumerate(ids)}, sentence_pages)
    sections = [""] * len(keys)
    key_source = [0] * len(keys)
    for (s, section), key in keys.items():
        sections[key], key_source[key] = section, s
    meta = {
        "format": FORMAT,
        "revision": revision,
        "chunks": n,
        "dim": dim,
        "sources": list(sources),
        "vocabularies": vocabularies,
    }
    with (folder / "meta.json").open("w", encoding="utf-8") as file:
        json.dump(meta, file)
    _write_blob(folder, "sections", sections)
    np.save(folder / "key_source.npy", np.array(key_source, dtype=np.int32))


def _spelled(strings: list[str]) -> np.ndarray:
    """Strings as one array of UTF-8 bytes (as wide as the longest), which numpy sorts and searches."""
    return np.array([t.encode("utf-8") for t in strings], dtype=bytes) if strings else np.zeros(0, dtype="S1")


def _write_blob(folder: Path, name: str, items: list[str]) -> None:
    writer = _BlobWriter(folder, name)
    for item in items:
        writer.add(item)
    writer.close()


def _write_postings(folder: Path, n: int, words, rows, counts, lengths, vocabulary: int) -> None:
    """BM25 (Okapi, rank_bm25's parameters and idf) weights, word by word: each word's chunks and its weight in each."""
    k1, b, epsilon = 1.5, 0.75, 0.25  # rank_bm25's BM25Okapi defaults
    word_of = np.frombuffer(words, dtype=np.int32)
    frequency = np.bincount(word_of, minlength=vocabulary).astype(np.int32)  # chunks holding each word
    order = np.argsort(word_of, kind="stable")  # word by word, each word's chunks in order
    offsets = np.concatenate([[0], np.cumsum(frequency, dtype=np.int64)])
    chunk_rows = np.frombuffer(rows, dtype=np.int32)[order]
    if n:
        doc_len = np.frombuffer(lengths, dtype=np.int32).astype(np.float64)
        norm = k1 * (1 - b + b * doc_len / (doc_len.sum() / n))
        tf = np.frombuffer(counts, dtype=np.int32)[order].astype(np.float64)
        # rank_bm25's idf: summed in its order for the same average, negative values floored at epsilon times it
        idf = [math.log(n - f + 0.5) - math.log(f + 0.5) for f in frequency.tolist()]
        average = sum(idf) / len(idf) if idf else 0.0
        idf = np.array([value if value >= 0 else epsilon * average for value in idf])
        weights = np.repeat(idf, frequency) * (tf * (k1 + 1) / (tf + norm[chunk_rows]))
    else:
        weights = np.zeros(0)
    np.save(folder / "frequency.npy", frequency)
    np.save(folder / "post_offsets.npy", offsets)
    np.save(folder / "post_rows.npy", chunk_rows)
    np.save(folder / "post_weights.npy", weights.astype(np.float64))


def _write_sentences(folder: Path, rows: dict[str, int], pages: Iterable[SentencePage]) -> None:
    """Each chunk's stored sentences (their JSON list) and vectors, found by the chunk's row."""
    start = np.full(len(rows), -1, dtype=np.int64)
    count = np.zeros(len(rows), dtype=np.int32)
    documents = np.full(len(rows), -1, dtype=np.int32)
    blob = _BlobWriter(folder, "sentences")
    written = 0
    with (folder / "sentence_vectors.f32").open("wb") as vectors:
        for page in pages:
            for chunk_id, document, meta in zip(page.ids, page.documents, page.metadatas, strict=True):
                row = rows.get(chunk_id)
                found = unpack_sentences(document, meta or {}) if row is not None else None
                if found is None:
                    continue
                vectors.write(np.ascontiguousarray(found[1], dtype=np.float32).tobytes())
                start[row], count[row] = written, len(found[0])
                documents[row] = len(blob.offsets) - 1
                blob.add(document)
                written += len(found[0])
    blob.close()
    np.save(folder / "sentence_start.npy", start)
    np.save(folder / "sentence_count.npy", count)
    np.save(folder / "sentence_document.npy", documents)


class Frozen:
    """One revision's files, mapped: rows are chunks in the order they were written."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise FileNotFoundError(f"{folder} is of another format")
        self.revision = int(meta["revision"])
        self.size, dim = int(meta["chunks"]), int(meta["dim"]) or 1
        self.source_names: list[str] = meta["sources"]
        self.vocabularies: dict[str, str] = meta["vocabularies"]
        load = lambda name: mapped(folder / f"{name}.npy")  # noqa: E731
        self.ids, self.id_order = load("ids"), load("id_order")
        self.source, self.key, self.position = load("source"), load("key"), load("position")
        self.key_source = load("key_source")
        self.sections = _Blob(folder, "sections")
        self.texts, self.metas = _Blob(folder, "texts"), _Blob(folder, "metas")
        self.vectors = mapped(folder / "vectors.f32", np.float32, (-1, dim))  # scanned whole, below SCAN_LIMIT
        self.vector_rows = Rows(folder / "vectors.f32", np.float32, dim)
        self.frequency, self.post_offsets = load("frequency"), load("post_offsets")
        self.post_rows, self.post_weights = load("post_rows"), load("post_weights")
        self.words = Words(folder, self.size, self.frequency)
        self.sentence_start, self.sentence_count = load("sentence_start"), load("sentence_count")
        self.sentence_document = load("sentence_document")
        self.sentence_documents = _Blob(folder, "sentences")
        self.sentence_vectors = Rows(folder / "sentence_vectors.f32", np.float32, dim)
        self._rows: dict[str, int] = {}

    def row(self, chunk_id: str) -> int | None:
        """The row of a chunk ID, by binary search over the sorted IDs; None when it is not in this revision."""
        found = self._rows.get(chunk_id)
        if found is not None:
            return found
        key = chunk_id.encode("utf-8")
        if not self.size or len(key) > self.ids.dtype.itemsize:
            return None
        at = int(np.searchsorted(self.ids, key, sorter=self.id_order))
        if at < self.size and self.ids[self.id_order[at]] == key:
            return int(self.id_order[at])
        return None

    def id(self, row: int) -> str:
        """The chunk ID of a row; remembered (a few thousand at most), as answers look IDs up again by row."""
        chunk_id = self.ids[row].decode("utf-8")
        if len(self._rows) >= REMEMBERED_ROWS:
            self._rows.clear()
        self._rows[chunk_id] = int(row)
        return chunk_id

    def metadata(self, row: int) -> dict:
        return json.loads(self.metas[row])

    def stored_sentences(self, row: int) -> list[str] | None:
        """The sentences ingest stored for a chunk (without their vectors), or None."""
        document = int(self.sentence_document[row])
        return json.loads(self.sentence_documents[document]) if document >= 0 else None

    def sentences(self, row: int) -> tuple[list[str], np.ndarray] | None:
        """The sentences ingest stored for a chunk and their vectors (views of the mapped file), or None."""
        n = int(self.sentence_count[row])
        if self.sentence_document[row] < 0:
            return None
        start = int(self.sentence_start[row])
        return json.loads(self.sentence_documents[int(self.sentence_document[row])]), self.sentence_vectors.read(
            start, start + n
        )


def open_revision(folder: Path, revision: int) -> Frozen | None:
    """The files of `revision` under a collection's folder, or None when they are not (whole) there."""
    try:
        return Frozen(folder / str(revision))
    except (FileNotFoundError, NotADirectoryError, KeyError, ValueError, json.JSONDecodeError):
        return None


def build(folder: Path, revision: int, read: Callable, tokenize: Callable, derive: Callable) -> Frozen:
    """Write `revision`'s files under `folder`, unless another process did first; remove older revisions.

    `read()` gives the chunk pages and the sentence pages (raising if the store moved on meanwhile); `tokenize` makes a
    text's keyword tokens; `derive(folder)` writes what search derives from the chunks (`retrieval.derive`).
    """
    from filelock import FileLock

    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder / "build.lock"):
        found = open_revision(folder, revision)
        if found is not None:
            return found
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=folder))
        try:
            staging.chmod(0o755)  # readable by whoever may read the index, as the index's own folders are
            pages, sentence_pages = read()
            write(staging, revision, pages, sentence_pages, tokenize)
            derive(staging)
            shutil.rmtree(folder / str(revision), ignore_errors=True)  # of an older format, or half-removed
            staging.rename(folder / str(revision))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        for old in folder.iterdir():
            if old.is_dir() and old.name != str(revision):
                shutil.rmtree(old, ignore_errors=True)  # a process mapping it keeps its pages until it lets go
    found = open_revision(folder, revision)
    if found is None:
        raise FileNotFoundError(f"the index files of revision {revision} in {folder} could not be opened")
    return found
