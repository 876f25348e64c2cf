"""The opt-in LLM writers, their real clients talking to small local servers that speak each wire format."""

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant import build_assistant
from assistant.llm import build_chat_model

SALARY = "The role of an ML engineer falls under the category of computer and information research scientists"


class FakeLLM:
    """A loopback HTTP server answering chat requests with a scripted reply; it records what it was asked."""

    def __init__(self, reply: str = "", status: int = 200, delay: float = 0.0) -> None:
        self.reply, self.status, self.delay = reply, status, delay
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "body": body})
                time.sleep(fake.delay)
                if fake.status != 200:
                    self.send_response(fake.status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"error": {"message": "model exploded"}}')
                    return
                if self.path.endswith("/chat/completions"):
                    payload = json.dumps(
                        {
                            "id": "cmpl-1",
                            "object": "chat.completion",
                            "created": 0,
                            "model": body["model"],
                            "choices": [
                                {
                                    "index": 0,
                                    "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": fake.reply},
                                }
                            ],
                            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                        }
                    ).encode()
                    content_type = "application/json"
                else:  # Ollama's /api/chat streams newline-delimited JSON
                    payload = (
                        json.dumps(
                            {
                                "model": body["model"],
                                "created_at": "2026-01-01T00:00:00Z",
                                "message": {"role": "assistant", "content": fake.reply},
                                "done": True,
                                "done_reason": "stop",
                            }
                        )
                        + "\n"
                    ).encode()
                    content_type = "application/x-ndjson"
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_llm():
    servers = []

    def start(**kwargs) -> FakeLLM:
        servers.append(FakeLLM(**kwargs))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def llm_assistant(guide_settings, guide_store, embeddings, kind: str, url: str, timeout: float = 10.0):
    base = f"{url}/v1" if kind == "openai" else url
    settings = guide_settings.model_copy(
        update={"llm": kind, "llm_base_url": base, "llm_model": "tiny", "llm_timeout": timeout}
    )
    return build_assistant(settings, embeddings=embeddings, store=guide_store)


@pytest.mark.parametrize("kind", ["openai", "ollama"])
def test_llm_answer_is_checked_and_kept_when_supported(guide_settings, guide_store, embeddings, fake_llm, kind):
    fake = fake_llm(reply="")
    bot = llm_assistant(guide_settings, guide_store, embeddings, kind, fake.url)
    state = bot._validated("How much do ML engineers earn?")
    for step in bot.steps[:2]:  # condense, retrieve: the passages the writer is shown
        state = step.invoke(state)
    passages = state["passages"]
    n = next(i for i, p in enumerate(passages, start=1) if "$136,620" in p.text)
    fake.reply = (
        f"ML engineers count as computer and information research scientists, who earn an average "
        f"salary of $136,620 per year [{n}]. Pilots are paid in gold bars [{n}]. A made-up claim [99]."
    )
    result = bot.answer("How much do ML engineers earn?")
    assert result.text == (
        "ML engineers count as computer and information research scientists, who earn an "
        "average salary of $136,620 per year [1]."
    )
    assert result.citations[0].section == "Earning potentials > ML engineer"
    assert any("2 sentence(s)" in note and "dropped" in note for note in result.notes)
    sent = json.dumps(fake.requests[-1]["body"])
    assert "[1] (" in sent and "$136,620" in sent and "square brackets" in sent  # numbered passages, asks for markers


def test_llm_answer_without_support_falls_back_to_extractive(guide_settings, guide_store, embeddings, fake_llm):
    fake = fake_llm(reply="Everyone earns a million dollars. [1]")
    result = llm_assistant(guide_settings, guide_store, embeddings, "openai", fake.url).answer(
        "How much do ML engineers earn?"
    )
    assert SALARY in result.text  # the extractive writer's own sentence
    assert any("No sentence" in note for note in result.notes)


@pytest.mark.parametrize("failure", ["down", "error", "timeout"])
def test_llm_failure_falls_back_with_a_visible_note(guide_settings, guide_store, embeddings, fake_llm, failure):
    if failure == "down":
        fake = fake_llm()
        fake.close()  # nothing listens there any more
    else:
        status, delay = (500, 0) if failure == "error" else (200, 3)
        fake = fake_llm(reply="late [1].", status=status, delay=delay)
    bot = llm_assistant(guide_settings, guide_store, embeddings, "openai", fake.url, timeout=1.0)
    started = time.monotonic()
    result = bot.answer("How much do ML engineers earn?")
    assert time.monotonic() - started < 10
    assert SALARY in result.text and not result.refused
    assert result.notes and "did not answer" in result.notes[0]


def test_refusal_does_not_ask_the_llm(guide_settings, guide_store, embeddings, fake_llm):
    fake = fake_llm(reply="Paris [1].")
    result = llm_assistant(guide_settings, guide_store, embeddings, "openai", fake.url).answer(
        "What is the capital of France?"
    )
    assert result.refused and fake.requests == []


@pytest.mark.parametrize("extra", ["openai", "ollama"])
def test_missing_extra_names_it(guide_settings, monkeypatch, extra):
    # None in sys.modules makes the import fail as if the extra were missing (the test venv has it).
    monkeypatch.setitem(sys.modules, f"langchain_{extra}", None)
    with pytest.raises(ImportError, match=rf"career-assistant\[{extra}\]"):
        build_chat_model(guide_settings.model_copy(update={"llm": extra}))
