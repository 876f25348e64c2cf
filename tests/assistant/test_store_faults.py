"""A store that goes wrong: damaged, replaced, full, read-only; and answers while another process ingests.

Real parts throughout: a corrupted copy of a real index, `career-assistant` in its own process, and, for a full or
read-only disk, a real tmpfs (mounting needs root: skipped, saying so, otherwise).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from assistant import build_assistant
from assistant.errors import StoreCorrupt
from assistant.settings import load_settings
from assistant.wiring import build_store
from ingest import ingest

CLI = Path(sys.executable).parent / "career-assistant"
EARNINGS = "How much do ML engineers earn?"
ZOO = "# Zookeeping\n\n## Penguins\n\nA zookeeper feeds penguins fresh herring and capelin twice a day.\n"


def quiet(done: int, total: int) -> None:
    """Progress that shows nothing."""


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=timeout, env=env)


def damage(database: Path, how: str) -> None:
    if how == "truncated":
        with database.open("r+b") as file:
            file.truncate(database.stat().st_size * 2 // 5)
    else:  # scribbled: random bytes over pages in the middle, as a bad disk or a stray write leaves them
        with database.open("r+b") as file:
            file.seek(3 * 4096)
            file.write(os.urandom(20 * 4096))


@pytest.fixture
def indexed(settings, corpus, embeddings):
    """The test's corpus ingested into its own embedded index; returns the settings."""
    ingest(settings, embeddings=embeddings, progress=quiet)
    return settings


@pytest.mark.parametrize("how", ["truncated", "scribbled"])
def test_a_damaged_index_says_what_to_do_and_rebuild_recovers_keeping_the_damaged_copy(indexed, how):
    database = indexed.chroma_path / "chroma.sqlite3"
    damage(database, how)
    damaged_bytes = database.read_bytes()
    corpus_before = {p.name: p.read_bytes() for p in indexed.corpus_dir.iterdir()}

    for command in (["ask", EARNINGS], ["ingest"]):
        done = run_cli(*command)
        assert done.returncode == 1, done
        assert done.stderr.startswith(f"error: the index at {indexed.chroma_path} is damaged (")
        assert "run `career-assistant ingest --rebuild` to move it aside" in done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr and "panicked" not in done.stderr

    rebuilt = run_cli("ingest", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    [aside] = indexed.chroma_path.parent.glob(f"{indexed.chroma_path.name}.broken-*")
    assert f"the damaged index was moved to {aside}" in rebuilt.stdout
    assert (aside / "chroma.sqlite3").read_bytes() == damaged_bytes, "the damaged index is kept as it was"
    assert {p.name: p.read_bytes() for p in indexed.corpus_dir.iterdir()} == corpus_before
    answered = run_cli("ask", EARNINGS)
    assert answered.returncode == 0 and "$136,620" in answered.stdout


def test_a_running_assistant_reconnects_once_a_good_index_is_put_back(indexed, embeddings, tmp_path):
    good = tmp_path / "good-copy"
    shutil.copytree(indexed.chroma_path, good)
    bot = build_assistant(indexed, embeddings=embeddings, store=build_store(indexed, embeddings))
    assert "$136,620" in bot.answer(EARNINGS).text

    shutil.rmtree(indexed.chroma_path)
    shutil.copytree(good, indexed.chroma_path)
    damage(indexed.chroma_path / "chroma.sqlite3", "scribbled")
    time.sleep(0.05)
    with pytest.raises(StoreCorrupt, match="is damaged"):
        bot.answer("What tools do data scientists use?")

    shutil.rmtree(indexed.chroma_path)  # the operator puts a good copy back; `serve` is not restarted
    shutil.copytree(good, indexed.chroma_path)
    assert "$136,620" in bot.answer(EARNINGS).text


def test_an_index_replaced_under_a_running_assistant_is_read_afresh(indexed, embeddings, tmp_path):
    other = load_settings(corpus_dir=tmp_path / "other-corpus", chroma_path=tmp_path / "other-index")
    other.corpus_dir.mkdir()
    shutil.copy(next(indexed.corpus_dir.iterdir()), other.corpus_dir)
    (other.corpus_dir / "zoo.md").write_text(ZOO, encoding="utf-8")
    ingest(other, embeddings=embeddings, progress=quiet)

    bot = build_assistant(indexed, embeddings=embeddings, store=build_store(indexed, embeddings))
    assert bot.answer("What does a zookeeper feed penguins?").refused
    shutil.rmtree(indexed.chroma_path)
    shutil.copytree(other.chroma_path, indexed.chroma_path)
    assert "herring" in bot.answer("What does a zookeeper feed penguins?").text


# --- a full or read-only disk: a real tmpfs -------------------------------------------------------------------


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a tmpfs of the given size (KB) at a fresh folder; unmounted at the end. Needs root."""
    mounted: list[Path] = []

    def mount(kb: int) -> Path:
        if os.geteuid() != 0:
            pytest.skip("mounting a small tmpfs needs root")
        point = tmp_path / f"tmpfs-{uuid.uuid4().hex[:6]}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kb}k", "tmpfs", str(point)], capture_output=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def contents(settings, embeddings) -> dict:
    store = build_store(settings, embeddings)
    return {c.id: (c.text, c.metadata.get("file_hash")) for c in store.chunks()}


def test_a_full_disk_says_so_and_leaves_the_index_as_it_was(indexed, embeddings, tmpfs):
    size_kb = sum(-(-p.stat().st_size // 4096) * 4 for p in indexed.chroma_path.rglob("*") if p.is_file()) + 64
    point = tmpfs(size_kb)
    shutil.copytree(indexed.chroma_path, point / "index")
    on_tmpfs = indexed.model_copy(update={"chroma_path": point / "index"})
    before = contents(on_tmpfs, embeddings)
    second = Path(__file__).parents[1] / "data" / "cybersecurity-analyst-vs-penetration-tester.md"
    shutil.copy(second, indexed.corpus_dir)

    env = {**os.environ, "CAREER_ASSISTANT_CHROMA_PATH": str(on_tmpfs.chroma_path)}
    done = run_cli("ingest", env=env)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: the disk holding the index at {on_tmpfs.chroma_path} ")
    assert "free some space, then run it again" in done.stderr and done.stderr.count("\n") == 1
    assert contents(on_tmpfs, embeddings) == before
    answered = run_cli("ask", EARNINGS, env=env)
    assert answered.returncode == 0 and "$136,620" in answered.stdout


def test_a_read_only_index_can_be_queried_and_says_it_cannot_be_written(indexed, tmpfs):
    point = tmpfs(4096)
    shutil.copytree(indexed.chroma_path, point / "index")
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
    env = {**os.environ, "CAREER_ASSISTANT_CHROMA_PATH": str(point / "index")}

    answered = run_cli("ask", EARNINGS, env=env)
    assert answered.returncode == 0, answered.stderr
    assert "$136,620" in answered.stdout
    (indexed.corpus_dir / "zoo.md").write_text(ZOO, encoding="utf-8")
    refused = run_cli("ingest", env=env)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "Traceback" not in refused.stderr
    assert f"{point / 'index'}" in refused.stderr


# --- answers while another process ingests -------------------------------------------------------------------


def write_notes(folder: Path, files: int) -> None:
    """`files` career-notes files of a few sections each, all different."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        sections = "\n".join(
            f"## Topic {s} of notes {f}\n\nNotes {f} say that skill {s} helps a data team ship model {f * 10 + s}.\n"
            for s in range(6)
        )
        (folder / f"notes-{f:02d}.md").write_text(f"# Career notes {f}\n\n{sections}", encoding="utf-8")


class Answering:
    """Threads answering in-scope questions until stopped; records failures and every index size they saw."""

    QUESTIONS = (EARNINGS, "What tools do data scientists use?", "What does an ML engineer do?")

    def __init__(self, bot, threads: int = 3) -> None:
        self.bot = bot
        self.failures: list[str] = []
        self.refused: list[str] = []
        self.sizes: set[int] = set()
        self.answers = 0
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def _run(self, n: int) -> None:
        while not self._stop.is_set():
            question = self.QUESTIONS[(self.answers + n) % len(self.QUESTIONS)]
            try:
                answer = self.bot.answer(question)
                self.sizes.add(len(self.bot.search.keyword_index().ids))
            except Exception as exc:
                self.failures.append(f"{type(exc).__name__}: {exc}")
                continue
            self.answers += 1
            if answer.refused:
                self.refused.append(question)

    def __enter__(self) -> Answering:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)


@pytest.mark.slow
@pytest.mark.parametrize("rebuild", [False, True], ids=["incremental", "rebuild"])
def test_answers_never_fail_or_see_half_an_index_while_another_process_ingests(indexed, embeddings, rebuild):
    store = build_store(indexed, embeddings)
    bot = build_assistant(indexed, embeddings=embeddings, store=store)
    before = store.count()
    write_notes(indexed.corpus_dir, files=30)
    with Answering(bot) as answering:
        time.sleep(0.5)
        done = run_cli("ingest", *(["--rebuild"] if rebuild else []), timeout=600)
        time.sleep(QUIET_WAIT)
    assert done.returncode == 0, done.stderr
    after = store.count()
    assert after == before + 30 * 6
    assert answering.answers > 10
    assert answering.failures == []
    assert answering.refused == []
    assert answering.sizes <= {before, after}, "an answer read an index part-way through the ingest"
    assert after in answering.sizes, "the answers went on to read the new index"


QUIET_WAIT = 3.0  # longer than the store's QUIET_SECONDS, so the answers see the ingest's last write


def test_a_disk_that_fills_during_an_ingest_is_named_and_the_files_before_are_kept(
    indexed, embeddings, tmpfs, monkeypatch
):
    """The room estimate is turned off (set to nothing) so that the disk really fills under Chroma."""
    import assistant.store
    from assistant.errors import StoreFull

    size_kb = sum(-(-p.stat().st_size // 4096) * 4 for p in indexed.chroma_path.rglob("*") if p.is_file()) + 64
    point = tmpfs(size_kb)
    shutil.copytree(indexed.chroma_path, point / "index")
    on_tmpfs = indexed.model_copy(update={"chroma_path": point / "index"})
    before = contents(on_tmpfs, embeddings)
    shutil.copy(
        Path(__file__).parents[1] / "data" / "cybersecurity-analyst-vs-penetration-tester.md", indexed.corpus_dir
    )
    monkeypatch.setattr(assistant.store, "BYTES_PER_CHUNK", 0)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(1, 0, 2**40))

    with pytest.raises(StoreFull, match=f"the disk holding the index at {on_tmpfs.chroma_path} is full"):
        ingest(on_tmpfs, embeddings=embeddings, progress=quiet)
    after = contents(on_tmpfs, embeddings)
    assert before.items() <= after.items(), "what was indexed before is kept"
    bot = build_assistant(on_tmpfs, embeddings=embeddings, store=build_store(on_tmpfs, embeddings))
    assert "$136,620" in bot.answer(EARNINGS).text


@pytest.mark.slow
@pytest.mark.server
@pytest.mark.parametrize("rebuild", [False, True], ids=["incremental", "rebuild"])
def test_answers_through_a_chroma_server_never_fail_while_another_process_ingests(server_settings, embeddings, rebuild):
    guide = Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md"
    shutil.copy(guide, server_settings.corpus_dir)
    ingest(server_settings, embeddings=embeddings, progress=quiet)
    test_answers_never_fail_or_see_half_an_index_while_another_process_ingests(server_settings, embeddings, rebuild)
