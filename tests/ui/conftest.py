"""Fixtures for the chat window: the real app, over the real assistant and an index of the guide, on loopback."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from chat_page import CHROMIUM, CHROMIUM_ARGS, DESKTOP

from assistant.settings import Settings, load_settings

GUIDE = Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md"
UPLOAD_LIMIT_MB = 0.25


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningApp:
    """A chat app serving on loopback, with the parts behind it (for checks that the UI changed nothing)."""

    url: str
    settings: Settings
    assistant: object
    app: object

    def corpus_files(self) -> set[str]:
        return set(os.listdir(self.settings.corpus_dir))

    def indexed_sources(self) -> set[str]:
        return {meta["source"] for meta in self.assistant.store.metadatas().values()}


def _start_app(root: Path, embeddings, **overrides) -> RunningApp:
    """Copy the guide into `root/corpus`, ingest it, and serve the app on a free loopback port."""
    from assistant import build_assistant
    from assistant.wiring import build_store
    from ingest import ingest
    from ui.app import build_app, launch

    with pytest.MonkeyPatch.context() as monkeypatch:  # the developer's CAREER_ASSISTANT_* must not leak in
        for name in [n for n in os.environ if n.startswith("CAREER_ASSISTANT_")]:
            monkeypatch.delenv(name)
        settings = load_settings(corpus_dir=root / "corpus", chroma_path=root / "chroma", **overrides)
    settings.corpus_dir.mkdir(parents=True)
    shutil.copy(GUIDE, settings.corpus_dir / GUIDE.name)
    store = build_store(settings, embeddings)
    ingest(settings, embeddings=embeddings, store=store, progress=lambda done, total: None)
    assistant = build_assistant(settings, embeddings=embeddings, store=store)
    app = build_app(assistant, settings)
    url = launch(app, settings, port=free_port())
    return RunningApp(url, settings, assistant, app)


@pytest.fixture(scope="module")
def running_app(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Iterator[RunningApp]:
    """The app for a test module. Uploads add to its corpus, so tests upload documents of their own topics."""
    running = _start_app(tmp_path_factory.mktemp("ui"), embeddings, max_upload_mb=UPLOAD_LIMIT_MB)
    yield running
    running.app.close()


@pytest.fixture
def start_app(tmp_path: Path, embeddings):
    """A function that serves another app, with settings overridden (e.g. `auth`); closed after the test."""
    started: list[RunningApp] = []

    def start(**overrides) -> RunningApp:
        started.append(_start_app(tmp_path / f"app-{len(started)}", embeddings, **overrides))
        return started[-1]

    yield start
    for running in started:
        running.app.close()


@pytest.fixture(name="free_port")
def free_port_fixture():
    """A function that finds a free loopback port."""
    return free_port


@pytest.fixture
def client(running_app: RunningApp):
    from gradio_client import Client

    return Client(running_app.url, verbose=False)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """A function that opens the chat page of an app in a fresh browser session (its own localStorage).

    Fails the test if a page ever opens a dialog (a script ran) or throws an uncaught error.
    """
    contexts, dialogs, errors = [], [], []

    def open_(url: str, viewport: dict = DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        page.locator("#ca-question textarea").wait_for()
        return page

    yield open_
    for context in contexts:
        context.close()
    assert dialogs == [], f"the page ran a script: {dialogs}"
    assert errors == [], f"the page threw: {errors}"


@pytest.fixture
def page(open_page, running_app):
    """A fresh browser session on the chat page of the module's app, at 1280x800."""
    return open_page(running_app.url)
