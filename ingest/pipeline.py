"""Ingestion: files -> cleaned Markdown -> chunks -> vectors -> the store, incrementally."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

from assistant.embeddings import embed_text
from assistant.errors import CareerAssistantError, IngestError, StoreCorrupt
from assistant.sentences import SPLIT_VERSION, passage_sentences
from assistant.settings import Settings
from assistant.store import VectorStore
from assistant.vocabulary import GuideVocabulary, derive_vocabulary, informal_names

from .chunking import Chunk, chunk_markdown, document_title
from .loaders import SUPPORTED_SUFFIXES, ReadLimits, UnreadableFile, load_markdown
from .lock import ingest_lock, ingest_lock_path  # noqa: F401 - ingest_lock_path: also imported from here
from .progress import Progress, Work
from .untrusted import drop_instructions

# Bump when cleaning or chunking changes, so every file counts as changed once.
PIPELINE_VERSION = "27"  # 2: vocabulary on each guide's first chunk; 3: inline HTML dropped; 4: aliases;
# 5: sentences addressed to the assistant dropped; 6: sentence vectors stored at ingest (bump it too when
# `assistant.sentences.passage_sentences` changes: stored sentences that no longer match are embedded per question);
# 7: aliases "sometimes called a ..." of a singular name or in quotes, no acronym of a body named after the role
# ("NCCPA"), numbered bold items, "PA-C." ends a sentence; 8: a bold "Category:" is not a list item, and a chunk whose
# sentences are not the ones stored is embedded again (`sentence_hash`); 9: a short bold line heads the list after
# it ("**Cons**" under "### Accountant": "Cons (accountant): ..."); 10: a list item's words in parentheses do not
# count against its being a label, and a short intro ("It's pass/fail:") takes the sentence before it; 11: "Police
# Officer (probationary)" gives the role no alias; 12: a numbered list of one-sentence steps is also named in one
# sentence; 13: a long item of a list with an intro is named in its list sentence too, and an item's "; " reads ", ";
# 14: informal names of a role as aliases ("cop"); 15: each chunk records the sentence split that made its stored
# sentences; 16: a short verdict opening an answer ("Usually not.") reads with the sentence after it; 17: a list
# intro that points back ("That's enough for ...:") takes the sentence before it; 18: a paragraph after its intro
# ("The usual order:" then "Police Officer -> Corporal -> ...") reads with it; 19: a bold line that asks (an FAQ's
# "**Can a rad tech do ultrasound?**") heads the answer after it; 20: a short list item that is a label and its figure
# ("Time limit: 3.5 hours") is a sentence too; 21: a heading repeated under each role the title names ("Typical daily
# tasks") is no role of its own; 22: a numbered step of a few words is a sentence too ("4. Pass the Praxis exam."), and
# a long one is named in its list by what it says before its colon ("Complete a Clinical Fellowship (CF)"); 23: a
# role named in parentheses after a word that does not agree with it in number gives no alias ("Median yearly pay
# (welders)" is no name of welders); 24: a table row's label reads with its first column's header ("Pipeline
# construction (industry): ...")
# 25: a role named in the title with its abbreviation ("Certified Nursing Assistant (CNA)") is named without it;
# 26: a parenthesis after the role's acronym names it too ("An SLP (sometimes called a speech therapist)"); the
# initials of a last word made of two words ("UW", "FF"); 27: a name whose first words the guide writes as their
# initials ("PR specialist"), and a long numbered item is a sentence too ("2. A computer-based exam of 177 questions")


@dataclass(frozen=True)
class FileProblem:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class DroppedSentence:
    """A sentence left out of the index because it addresses the assistant (see `ingest.untrusted`)."""

    path: Path
    text: str

    def __str__(self) -> str:
        return f"{self.path}: {self.text!r}"


@dataclass
class IngestReport:
    """What one ingestion did; `problems` lists the files skipped, each with its reason, and `dropped` the
    sentences left out because they address the assistant."""

    files_read: int = 0
    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    problems: list[FileProblem] = field(default_factory=list)
    dropped: list[DroppedSentence] = field(default_factory=list)
    moved_aside: Path | None = None  # where `--rebuild` moved a damaged index (kept, never deleted)

    def summary(self) -> str:
        line = (
            f"{self.files_read} files read: {self.added} chunks added, {self.replaced} replaced, "
            f"{self.removed} removed, {self.unchanged} unchanged in {self.seconds:.1f}s"
        )
        if self.problems:
            line += f"; {len(self.problems)} file(s) skipped"
        if self.dropped:
            line += f"; {len(self.dropped)} sentence(s) addressed to the assistant left out"
        if self.moved_aside:
            line += f"; the damaged index was moved to {self.moved_aside}"
        return line


@dataclass
class _FilePlan:
    source: str
    file_hash: str
    chunks: list[Chunk]
    ids: list[str]
    known: dict[str, dict]  # this source's chunks already in the store, by ID
    vocabulary: str  # the guide's roles, aliases and topics, as JSON (see assistant.vocabulary)
    size: int  # the file's bytes
    sentences: list[list[str]]  # each chunk's sentences, as the writer splits them (`passage_sentences`)

    def needs_embedding(self, n: int) -> bool:
        """Chunk `n` is not in the store, or is stored without its sentence vectors (by a version before they were)
        or with other sentences (`assistant.sentences.passage_sentences` has changed since)."""
        known = self.known.get(self.ids[n])
        return known is None or known.get("sentence_hash", "") != sentence_hash(self.sentences[n])


def sentence_hash(sentences: list[str]) -> str:
    """A short digest of a chunk's sentences as stored, to tell when `passage_sentences` would split it otherwise."""
    return hashlib.sha256("\n".join(sentences).encode()).hexdigest()[:16]


def _chunk_ids(source: str, chunks: Sequence[Chunk]) -> list[str]:
    """Stable IDs from the source and each chunk's content; a repeat of the same text gets a counter."""
    seen: dict[str, int] = {}
    ids = []
    for chunk in chunks:
        content = hashlib.sha256(f"{chunk.section}\n{chunk.text}".encode()).hexdigest()
        n = seen[content] = seen.get(content, -1) + 1
        ids.append(hashlib.sha256(f"{source}\n{content}\n{n}".encode()).hexdigest()[:32])
    return ids


def source_name(path: Path, corpus_dir: Path) -> str:
    """How a file is named in the index: relative to the corpus folder when inside it."""
    path, corpus_dir = path.resolve(), corpus_dir.resolve()
    return path.relative_to(corpus_dir).as_posix() if path.is_relative_to(corpus_dir) else str(path)


def _find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path], list[FileProblem]]:
    """The supported files under the given paths, the folders scanned, and what was not usable."""
    files, folders, problems = [], [], []
    for path in paths:
        if path.is_dir():
            folders.append(path)
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(FileProblem(path, f"no {', '.join(SUPPORTED_SUFFIXES)} files in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(FileProblem(path, "no such file or folder"))
    return files, folders, problems


def ingest(
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    rebuild: bool = False,
    embeddings=None,
    store: VectorStore | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Bring the index up to date with the files under `paths` (default: the corpus folder).

    Unchanged files cost a hash and nothing else; a changed file's chunks are replaced; files gone
    from a scanned folder are removed. Each file's vectors are computed before the store is touched,
    so a failure leaves the index as it was for that file.

    Args:
        settings: Where the corpus and the store are, and how to chunk.
        paths: Files or folders to ingest; the corpus folder when None.
        rebuild: Drop the collection first and ingest everything afresh.
        embeddings: The embedding model (default: the one `build_embeddings` makes from settings).
        store: The vector store (default: the one the settings name).
        progress: Called as `progress(done, total)` with chunk counts while embedding.

    Raises:
        IngestError: nothing usable was found, or another ingest holds the lock.
    """
    from assistant.wiring import build_embeddings, build_store

    started = time.perf_counter()
    embeddings = embeddings or build_embeddings(settings)
    store = store or build_store(settings, embeddings)
    files, folders, problems = _find_files(paths or [settings.corpus_dir])
    report = IngestReport(problems=problems)
    if not files:
        raise IngestError("; ".join(map(str, problems)) or "nothing to ingest")
    with ingest_lock(store.settings, store.where):
        if not rebuild:
            with store.batch():  # readers see this ingest whole, when it ends
                report = _update(settings, files, folders, report, started, embeddings, store, progress)
            return _freeze(store, report, started)
        if _damaged(store):
            report.moved_aside = store.move_aside()
        with ExitStack() as stack:
            if report.moved_aside:  # the lock moved with the folder: keep other ingests out of the new one too
                stack.enter_context(ingest_lock(store.settings, store.where))
            report = _rebuild(settings, files, folders, report, started, embeddings, store, progress)
            return _freeze(store, report, started)


def _freeze(store: VectorStore, report: IngestReport, started: float) -> IngestReport:
    """Write the new revision's files that answers map (`assistant.frozen`), so no reader pays for them; an unchanged
    index finds them written already."""
    from assistant.retrieval import current_files

    if store.exists():
        current_files(store)
    report.seconds = time.perf_counter() - started
    return report


def _rebuild(settings, files, folders, report, started, embeddings, store, progress) -> IngestReport:
    """Fill a new collection while readers keep reading the old one, then switch to it."""
    staged = store.staging()
    try:
        with staged.batch():
            report = _update(settings, files, folders, report, started, embeddings, staged, progress)
        if not report.added:
            raise IngestError(
                "nothing could be indexed, so the index was left as it was: " + "; ".join(map(str, report.problems))
            )
    except BaseException:
        with suppress(CareerAssistantError):
            staged.reset()
        raise
    store.promote(staged)
    return report


def _damaged(store: VectorStore) -> bool:
    """Whether the store is damaged (rebuilding then starts from an empty folder; the damaged one is kept)."""
    try:
        store.check()
    except StoreCorrupt:
        return not store.settings.chroma_host
    return False


def _update(settings, files, folders, report, started, embeddings, store, progress) -> IngestReport:
    """The body of `ingest`, run while holding the store's ingest lock: plan, then embed and write file by file."""
    by_source = _recorded_by_source(store)
    plans = _plan(settings, files, by_source, report)
    work = Work.of(plans)
    store.ensure_room(work.chunks, work.text_bytes)
    with Progress(work, progress) as shown:
        for plan in plans:
            new, vectors, sentences = _embed(plan, embeddings, settings, shown)
            _write(plan, new, vectors, sentences, store, report)
            shown.file_done(plan)
    present = {source_name(p, settings.corpus_dir) for p in files}
    for source, known in by_source.items():
        if source not in present and _inside(_source_path(source, settings.corpus_dir), folders):
            store.write(delete=sorted(known))
            report.removed += len(known)
    report.seconds = time.perf_counter() - started
    return report


def _recorded_by_source(store: VectorStore) -> dict[str, dict[str, dict]]:
    """The chunks already in the store, as source -> chunk ID -> metadata: read from the current revision's files
    (`assistant.frozen`; 0.3 s for 28,630 chunks against 1.6-4.6 s from Chroma), written first if none are.

    From Chroma itself when it holds another number of chunks than the files: an ingest killed before it published
    its revision left chunks the files do not know of, which this one must see to replace or remove.
    """
    from assistant.retrieval import current_files

    by_source: dict[str, dict[str, dict]] = {}
    if not store.exists():
        return by_source
    frozen = current_files(store)
    if store.count() != frozen.size:
        for chunk_id, meta in store.metadatas().items():
            by_source.setdefault(meta.get("source", ""), {})[chunk_id] = meta
        return by_source
    for row, (chunk_id, text) in enumerate(zip(frozen.ids.tolist(), frozen.metas, strict=True)):
        meta = json.loads(text)
        if "sentences" in meta and "sentence_hash" not in meta:  # stored before the hash was: of what is stored
            stored = frozen.stored_sentences(row)
            if stored is not None:
                meta["sentence_hash"] = sentence_hash(stored)
        by_source.setdefault(meta.get("source", ""), {})[chunk_id.decode("utf-8")] = meta
    return by_source


def _plan(settings: Settings, files: list[Path], by_source: dict, report: IngestReport) -> list[_FilePlan]:
    """Each changed file read and chunked; unchanged files are counted, unreadable ones reported."""
    plans: list[_FilePlan] = []
    for path in files:
        source = source_name(path, settings.corpus_dir)
        known = by_source.get(source, {})
        try:
            file_hash = _file_hash(path, settings)
        except OSError as exc:
            report.problems.append(FileProblem(path, f"it cannot be read ({exc.strerror or exc})"))
            continue
        report.files_read += 1
        if known and all(m.get("file_hash") == file_hash for m in known.values()):
            report.unchanged += len(known)
            continue
        try:
            plans.append(_plan_file(path, source, file_hash, known, settings, report))
        except UnreadableFile as exc:
            report.problems.append(FileProblem(path, str(exc)))
        except Exception as exc:  # one file's surprise (a parser's bug, a limit we did not foresee) skips that file
            report.problems.append(FileProblem(path, f"it could not be read ({type(exc).__name__}: {exc})"))
    return plans


def _embed(plan: _FilePlan, embeddings, settings: Settings, shown: Progress):
    """The file's new chunks (their positions), their vectors, and each one's sentences with theirs.

    Sentences are embedded here, as `assistant.sentences.SentenceVectors` would at question time (the same split,
    the same text), and stored with the index: no question embeds guide text. One `encode()` call per file.
    """
    guide = GuideVocabulary.from_json(plan.vocabulary)  # and the informal names it uses for its roles ("cop")
    plan.vocabulary = informal_names(guide, [c.text for c in plan.chunks], embeddings.encode).to_json()
    new = [n for n in range(len(plan.ids)) if plan.needs_embedding(n)]
    sentences = [plan.sentences[n] for n in new]
    texts = [embed_text(plan.chunks[n].section, plan.chunks[n].text) for n in new]
    texts += [embed_text(plan.chunks[n].section, s) for n, own in zip(new, sentences, strict=True) for s in own]
    vectors = embeddings.encode(texts, batch_size=settings.embedding_batch_size, progress=shown.texts_done)
    chunk_vectors, start, with_vectors = vectors[: len(new)], len(new), []
    for own in sentences:
        with_vectors.append((own, vectors[start : start + len(own)]))
        start += len(own)
    return new, chunk_vectors, with_vectors


def _write(plan: _FilePlan, new: list[int], vectors, sentences, store: VectorStore, report: IngestReport) -> None:
    """One file's change in the store: its new chunks (with their sentences), the rest's metadata, stale ones out."""
    # "split": every chunk's stored sentences are what this `passage_sentences` makes (new ones were just split,
    # kept ones checked by `sentence_hash`), so a reader need not split them again (`assistant.sentences`)
    metas = [
        {
            "source": plan.source,
            "section": c.section,
            "position": c.position,
            "file_hash": plan.file_hash,
            "split": SPLIT_VERSION,
        }
        for c in plan.chunks
    ]
    metas[0]["vocabulary"] = plan.vocabulary
    for n, own in zip(new, sentences, strict=True):
        metas[n]["sentences"] = len(own[0])  # how many were stored: a chunk without the key has none
        metas[n]["sentence_hash"] = sentence_hash(own[0])
    added = set(new)
    kept = [n for n, chunk_id in enumerate(plan.ids) if n not in added]
    for n in kept:
        metas[n]["sentences"] = plan.known[plan.ids[n]]["sentences"]
        metas[n]["sentence_hash"] = plan.known[plan.ids[n]]["sentence_hash"]
    stale = sorted(set(plan.known) - set(plan.ids))
    store.write(
        add=([plan.ids[n] for n in new], vectors, [plan.chunks[n].text for n in new], [metas[n] for n in new]),
        sentences=sentences,
        update_metadata=([plan.ids[n] for n in kept], [metas[n] for n in kept]),
        delete=stale,
    )
    if plan.known:  # a chunk stored before sentence vectors were counts as replaced
        report.replaced += len(new)
    else:
        report.added += len(new)
    report.unchanged += len(kept)
    report.removed += len(stale)


def _file_hash(path: Path, settings: Settings) -> str:
    """The file's content hash, with what else decides its chunks; read in pieces, so a huge file costs no memory."""
    digest = hashlib.sha256(f"{PIPELINE_VERSION}:{settings.chunk_size}:{settings.chunk_overlap}:".encode())
    with path.open("rb") as file:
        return hashlib.file_digest(file, lambda: digest).hexdigest()


def _plan_file(path: Path, source: str, file_hash: str, known: dict, settings: Settings, report) -> _FilePlan:
    """Read, clean and chunk one file within the read limits; raises UnreadableFile saying why it cannot be."""
    markdown, dropped = drop_instructions(load_markdown(path, ReadLimits.from_settings(settings)))
    report.dropped += [DroppedSentence(path, text) for text in dropped]
    chunks = chunk_markdown(markdown, settings.chunk_size, settings.chunk_overlap)
    if not chunks:
        raise UnreadableFile("it has no text to index")
    vocabulary = derive_vocabulary(
        source, document_title(markdown), [c.section for c in chunks], [c.text for c in chunks]
    )
    ids = _chunk_ids(source, chunks)
    sentences = [passage_sentences(c.text, c.section) or [c.text] for c in chunks]
    return _FilePlan(source, file_hash, chunks, ids, known, vocabulary.to_json(), path.stat().st_size, sentences)


def _source_path(source: str, corpus_dir: Path) -> Path:
    path = Path(source)
    return path if path.is_absolute() else corpus_dir / path


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path.resolve().is_relative_to(folder.resolve()) for folder in folders)
