"""Server mode: ingest and ask through a real `chroma run`, and what happens when it stops, hangs and comes back.

The assistant is built once per test and kept across the outage: it must recover by itself, as the chat
app (which builds its assistant once) has to.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

import ui.cli
from assistant import build_assistant
from assistant.errors import StoreUnavailable
from assistant.settings import Settings
from assistant.wiring import build_store
from ingest import ingest

pytestmark = pytest.mark.server

GUIDE = Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md"
EARNINGS = "How much does an ML engineer earn?"
TIMEOUT = 2.0  # CAREER_ASSISTANT_CHROMA_TIMEOUT for these tests
NO_HANG = 15.0  # seconds: well above the timeout, well below "hangs"


@pytest.fixture
def settings_2s(server_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The test's server settings with a 2 s timeout, in the environment too (for the CLI)."""
    monkeypatch.setenv("CAREER_ASSISTANT_CHROMA_TIMEOUT", str(TIMEOUT))
    shutil.copy(GUIDE, server_settings.corpus_dir / GUIDE.name)
    return server_settings.model_copy(update={"chroma_timeout": TIMEOUT})


@pytest.fixture
def server_assistant(settings_2s: Settings, embeddings):
    """The guide ingested into the test's collection on the server, and an assistant over it."""
    store = build_store(settings_2s, embeddings)
    ingest(settings_2s, embeddings=embeddings, store=store, progress=lambda done, total: None)
    return build_assistant(settings_2s, embeddings=embeddings, store=store)


@pytest.fixture
def use_session_model(monkeypatch: pytest.MonkeyPatch, embeddings) -> None:
    """Make the CLI use the session's already-loaded model instead of loading another copy."""
    monkeypatch.setattr("assistant.wiring.build_embeddings", lambda settings=None: embeddings)


def within_no_hang(call):
    """What `call()` returns or raises; fails the test (rather than hang it) if that takes longer than NO_HANG."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the test
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(NO_HANG)
    assert not worker.is_alive(), f"no answer and no error after {NO_HANG:g}s: it hangs"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def assert_fails_clearly(ask, server) -> StoreUnavailable:
    with pytest.raises(StoreUnavailable, match=f"cannot reach the Chroma server at {server.host}:{server.port}: ") as e:
        within_no_hang(ask)
    return e.value


def test_the_cli_ingests_and_answers_through_the_server(settings_2s, use_session_model, capsys):
    assert ui.cli.main(["ingest"]) == 0
    assert "1 files read: 31 chunks added" in capsys.readouterr().out

    assert ui.cli.main(["ask", EARNINGS]) == 0

    out = capsys.readouterr().out
    assert "$136,620" in out and "[1] Earning potentials > ML engineer" in out
    assert not settings_2s.chroma_path.exists(), "nothing went to the embedded store"


def test_a_stopped_server_is_a_clear_error_and_the_same_assistant_recovers(server_assistant, chroma_server):
    first = server_assistant.answer(EARNINGS)

    chroma_server.stop()
    try:
        error = assert_fails_clearly(lambda: server_assistant.answer(EARNINGS), chroma_server)
        assert "is `chroma run` running there?" in str(error)
        assert_fails_clearly(lambda: server_assistant.answer("What do data scientists do?"), chroma_server)
    finally:
        chroma_server.start()

    assert server_assistant.answer(EARNINGS) == first


def test_a_hung_server_times_out_and_the_same_assistant_recovers(server_assistant, chroma_server):
    first = server_assistant.answer(EARNINGS)

    chroma_server.pause()
    try:
        error = assert_fails_clearly(lambda: server_assistant.answer(EARNINGS), chroma_server)
        assert f"no answer within {TIMEOUT:g}s" in str(error)
    finally:
        chroma_server.resume()

    assert server_assistant.answer(EARNINGS) == first


def test_cli_ask_says_the_server_is_down_in_one_line_and_works_once_it_is_back(
    server_assistant, chroma_server, use_session_model, capsys
):
    chroma_server.stop()
    try:
        status = within_no_hang(lambda: ui.cli.main(["ask", EARNINGS]))
    finally:
        chroma_server.start()

    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"error: cannot reach the Chroma server at {chroma_server.host}:{chroma_server.port}: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert ui.cli.main(["ask", EARNINGS]) == 0
    assert "$136,620" in capsys.readouterr().out


def test_a_server_restarted_between_questions_is_used_again_at_once(server_assistant, chroma_server):
    first = server_assistant.answer(EARNINGS)

    chroma_server.stop()
    chroma_server.start()

    assert within_no_hang(lambda: server_assistant.answer(EARNINGS)) == first
