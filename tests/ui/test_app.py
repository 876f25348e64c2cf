"""The chat app's API, through `gradio_client`, against the real app and assistant on a loopback port."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import httpx
import pytest
from gradio_client import handle_file
from gradio_client.exceptions import AppError

from assistant.errors import CareerAssistantError

GUIDE_PATH = Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md"
GUIDE_NAME = GUIDE_PATH.name
EARNINGS = "How much does an ML engineer earn?"


def test_ask_returns_the_answer_with_its_citations(client) -> None:
    reply = client.predict(EARNINGS, None, api_name="/ask")

    assert not reply["refused"]
    assert "[1]" in reply["text"] and "136,620" in reply["text"]
    first = reply["citations"][0]
    assert (first["index"], first["section"], first["source"]) == (1, "Earning potentials > ML engineer", GUIDE_NAME)
    assert "136,620" in first["text"]
    assert [c["index"] for c in reply["citations"]] == list(range(1, len(reply["citations"]) + 1))


@pytest.mark.parametrize("as_json", [False, True], ids=["list", "json-text"])
def test_a_follow_up_uses_the_history(client, as_json: bool) -> None:
    first = client.predict(EARNINGS, None, api_name="/ask")
    history = [{"role": "user", "content": EARNINGS}, {"role": "assistant", "content": first["text"]}]

    alone = client.predict("and a data scientist?", None, api_name="/ask")
    follow_up = client.predict("and a data scientist?", json.dumps(history) if as_json else history, api_name="/ask")

    assert alone["standalone_question"] == "and a data scientist?"
    assert follow_up["standalone_question"] != "and a data scientist?"
    assert "earn" in follow_up["standalone_question"].lower()
    assert follow_up["citations"][0]["section"] == "Earning potentials > Data scientist"


def test_a_question_the_guide_does_not_cover_is_refused_with_the_nearest_sections(client) -> None:
    reply = client.predict("What is the best recipe for sourdough bread?", None, api_name="/ask")

    assert reply["refused"] and reply["citations"] == []
    assert 1 <= len(reply["nearest_sections"]) <= 3


@pytest.mark.parametrize(
    ("question", "history", "message"),
    [
        ("", None, "the question is empty"),
        ("   \n\t", None, "the question is empty"),
        ("why? " * 1000, None, "the limit is 2000"),
        (EARNINGS, [{"role": "robot", "content": "hi"}], "history[0] must be"),
        (EARNINGS, "[not json", "History is not valid JSON"),
    ],
    ids=["empty", "blank", "too-long", "bad-history", "bad-json"],
)
def test_a_bad_question_gets_a_one_line_error(client, question, history, message) -> None:
    with pytest.raises(AppError) as raised:
        client.predict(question, history, api_name="/ask")
    assert message in str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_an_upload_is_ingested_and_then_cited(client, running_app, tmp_path: Path) -> None:
    upload = tmp_path / "Atlantis careers.md"
    upload.write_text(
        "# Careers in Atlantis\n\n## Salaries of underwater data scientists\n\n"
        "Underwater data scientists in Atlantis are paid 42 golden pearls every month.\n",
        encoding="utf-8",
    )

    report, listing = client.predict([handle_file(upload)], api_name="/add_documents")

    assert "Atlantis-careers.md" in report and "chunks added" in report
    assert "Atlantis-careers.md" in listing
    assert "Atlantis-careers.md" in running_app.indexed_sources()
    reply = client.predict(
        "How many golden pearls do underwater data scientists in Atlantis earn?", None, api_name="/ask"
    )
    assert not reply["refused"]
    assert "42 golden pearls" in reply["text"]
    assert reply["citations"][0]["source"] == "Atlantis-careers.md"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner.md", "# Inner\n\nText.\n")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("payload.exe", b"MZ\x90\x00", "unsupported file type .exe"),
        ("archive.md", _zip_bytes(), "binary"),
        ("latin1.txt", "Café\n".encode("latin-1"), "not valid UTF-8"),
        ("broken.pdf", b"%PDF-1.4 nothing else", "PDF"),
    ],
)
def test_a_bad_upload_gets_a_clear_message_and_changes_nothing(
    client, running_app, tmp_path, name, content, message
) -> None:
    (tmp_path / name).write_bytes(content)
    files, sources = running_app.corpus_files(), running_app.indexed_sources()

    with pytest.raises(AppError) as raised:
        client.predict([handle_file(tmp_path / name)], api_name="/add_documents")

    assert name in str(raised.value) and message in str(raised.value)
    assert running_app.corpus_files() == files and running_app.indexed_sources() == sources


def test_an_upload_over_the_size_limit_is_refused(client, running_app, tmp_path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"# Big\n\n" + b"word " * int(running_app.settings.max_upload_mb * 2**20 / 4))
    files, sources = running_app.corpus_files(), running_app.indexed_sources()

    # Refused before it is sent: the app tells clients its limit (`max_file_size`); `add_documents` checks again.
    limit = int(running_app.settings.max_upload_mb * 2**20)
    with pytest.raises(ValueError, match=f"exceeds the maximum file size of {limit} bytes"):
        client.predict([handle_file(big)], api_name="/add_documents")
    # A client that ignores the limit is stopped by the server.
    with big.open("rb") as body:
        reply = httpx.post(f"{running_app.url}gradio_api/upload", files={"files": ("big.md", body)})
    assert reply.status_code == 413
    assert running_app.corpus_files() == files and running_app.indexed_sources() == sources


def test_a_mixed_upload_adds_the_good_files_and_reports_the_bad(client, running_app, tmp_path) -> None:
    (tmp_path / "lighthouse.md").write_text(
        "# Lighthouse keeping\n\n## Pay\n\nA lighthouse keeper is paid in lamp oil and sea shanties.\n"
    )
    (tmp_path / "virus.exe").write_bytes(b"MZ")

    report, _ = client.predict(
        [handle_file(tmp_path / "virus.exe"), handle_file(tmp_path / "lighthouse.md")], api_name="/add_documents"
    )

    assert "lighthouse.md" in report and "virus.exe" in report and "unsupported file type" in report
    assert "lighthouse.md" in running_app.corpus_files() and "virus.exe" not in running_app.corpus_files()


def test_a_document_with_html_is_cited_as_text(client, tmp_path) -> None:
    (tmp_path / "hostile.md").write_text(
        "# Hostile\n\n## Script kiddies\n\n"
        'Script kiddies write <script>alert("pwned")</script> into zebra herding career notes.\n'
    )
    client.predict([handle_file(tmp_path / "hostile.md")], api_name="/add_documents")

    reply = client.predict("What do script kiddies write into zebra herding career notes?", None, api_name="/ask")

    assert any(c["source"] == "hostile.md" for c in reply["citations"])  # shown escaped: see test_render


def test_a_long_ingestion_does_not_hold_up_the_chat(running_app, free_port) -> None:
    import threading

    from gradio_client import Client

    from ui.app import build_app, launch

    release = threading.Event()

    def slow_add_documents(settings, paths, **kwargs):
        # Stands in for a long ingestion: what is under test is the queue, which must keep answering meanwhile.
        release.wait(timeout=30)
        raise CareerAssistantError("not really adding anything")

    settings = running_app.settings.model_copy(update={"concurrency": 1})  # one answer at a time, as on a small box
    app = build_app(running_app.assistant, settings, add_documents=slow_add_documents)
    url = launch(app, settings, port=free_port())
    try:
        upload = Client(url, verbose=False).submit([handle_file(GUIDE_PATH)], api_name="/add_documents")
        reply = Client(url, verbose=False).predict(EARNINGS, None, api_name="/ask")

        assert reply["citations"] and not upload.done()
        release.set()
        with pytest.raises(AppError, match="not really adding anything"):
            upload.result(timeout=30)
    finally:
        release.set()
        app.close()


@pytest.mark.parametrize(
    ("host", "share", "auth"),
    [("0.0.0.0", False, None), ("192.168.1.10", False, None), ("127.0.0.1", True, None)],
)
def test_exposing_the_app_without_a_password_is_refused(running_app, host, share, auth) -> None:
    from ui.app import launch

    with pytest.raises(CareerAssistantError, match="without a password"):
        launch(running_app.app, running_app.settings, host=host, share=share, auth=auth)


@pytest.mark.parametrize("auth", ["nopassword", ":pass", "user:"])
def test_a_malformed_auth_is_refused(auth: str) -> None:
    from ui.app import parse_auth

    with pytest.raises(CareerAssistantError, match="USER:PASS"):
        parse_auth(auth)


def test_auth_is_required_when_set(start_app) -> None:
    from gradio_client import Client

    running = start_app(auth="career:s3cret:with-colon")

    with pytest.raises(Exception):  # noqa: B017 - Gradio's exception for a missing login varies by version
        Client(running.url, verbose=False).predict(EARNINGS, None, api_name="/ask")
    reply = Client(running.url, auth=("career", "s3cret:with-colon"), verbose=False).predict(
        EARNINGS, None, api_name="/ask"
    )
    assert reply["citations"]
