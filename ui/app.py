"""The chat window: a Gradio app over an `Assistant` and `add_documents`; it never touches the store.

`build_app()` makes the page, `launch()` serves it, `serve()` does both for `career-assistant serve`.
Each browser session keeps its own conversation in `gr.State`; nothing here holds history globally.

Endpoints for `gradio_client` (see `benchmarks/load.py` and `tests/ui/`):

- `/ask (question, history) -> dict`: the answer as `Answer.to_dict()`; `history` is a list of
  `{"role": "user"|"assistant", "content": str}` messages, oldest first (or that list as JSON text).
- `/add_documents (files) -> str`: saves and ingests the files; returns the report as HTML.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import logging
import os
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import CareerAssistantError
from assistant.results import Answer
from assistant.settings import Settings
from ingest import ingest
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.uploads import add_documents as save_and_ingest

from .guard import ServerGuards, discard_uploads
from .render import CSS, PENDING, paragraphs, render_answer, render_question

log = logging.getLogger(__name__)

TITLE = "Career guide assistant"
DESCRIPTION = (
    "Ask about {guides}: what each role does, the tools, earnings, career paths and job outlook, plus any "
    "documents you add. Answers quote the guide, and every sentence points to its source passage: open a footnote "
    "to read it. Questions the guide does not cover are declined, with the closest sections."
)


def _guides(assistant) -> list:
    """The indexed guides' vocabularies, or none when there is no index to read yet."""
    try:
        return getattr(assistant, "guides", list)()
    except CareerAssistantError:
        return []


def describe(guides: list) -> str:
    """The page's introduction, naming the indexed guides by their titles (nothing in the code names one)."""
    titles = [f"**{g.title.split(':')[0]}**" for g in guides if g.title][:3]
    named = "the guide " + titles[0] if len(titles) == 1 else "the guides " + ", ".join(titles) if titles else \
        "the career guides in the corpus"
    return DESCRIPTION.format(guides=named)


def examples(guides: list) -> list[str]:
    """Example questions about the roles the indexed guides compare."""
    found = []
    for guide in guides:
        if len(guide.roles) >= 2:
            a, b = guide.roles[:2]
            found += [f"What does {a.with_article} do?", f"Who earns more, {a.plural} or {b.plural}?",
                      f"What tools do {b.plural} use?", f"How do I become {b.with_article}?"]
    return found[:8] or ["What careers does the guide compare?", "What skills do they need?"]


# System fonts only: the app works offline, so nothing is fetched from a font CDN.
THEME = gr.themes.Soft(
    primary_hue="indigo", neutral_hue="slate",
    font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
)


def _share_cores(assistant, concurrency: int) -> None:
    """Give each of the `concurrency` answers computed at once its share of the cores, rather than all of them.

    Torch runs every call on one thread per core; two answers embedding at once on two cores then run four
    threads that preempt each other, and a one-sentence query gains nothing from a second thread anyway
    (benchmarks/load.py: fewer CPU-ms per answer and more answers per second at every number of users).
    """
    if getattr(getattr(assistant, "embeddings", None), "backend", None) != "torch":
        return  # other backends size their own thread pools; and importing torch for them would cost seconds
    import torch

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    torch.set_num_threads(max(1, cores // concurrency))


def _clear_error(exc: Exception) -> gr.Error:
    """One line for the user, no traceback; unexpected errors are logged in full on the server."""
    if not isinstance(exc, CareerAssistantError):
        log.exception("unexpected error")
        return gr.Error(f"Something went wrong: {type(exc).__name__}: {exc}", print_exception=False)
    return gr.Error(str(exc) or type(exc).__name__, print_exception=False)


def _parse_history(history: Any) -> list[dict] | None:
    if isinstance(history, str):
        if not history.strip():
            return None
        try:
            return json.loads(history)
        except json.JSONDecodeError as exc:
            raise gr.Error(f"History is not valid JSON: {exc}", print_exception=False) from None
    return history


def _corpus_listing(settings: Settings) -> str:
    folder = Path(settings.corpus_dir)
    names = sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ) if folder.is_dir() else []
    items = "".join(f"<li>{escape(n)}</li>" for n in names) or "<li>(none yet)</li>"
    return f'<div class="ca-corpus"><b>Documents the assistant knows</b><ul>{items}</ul></div>'


def _report_html(report) -> str:
    lines = [paragraphs(report.summary())]
    lines += [paragraphs(note) for note in getattr(report, "notes", [])]
    problems = "".join(f"<li>{escape(problem.path.name)}: {escape(problem.reason)}</li>" for problem in report.problems)
    if problems:
        lines.append(f'<div class="ca-report-problems"><b>Not added:</b><ul>{problems}</ul></div>')
    return "".join(lines)


def build_app(assistant, settings: Settings, *, add_documents: Callable[..., Any] = save_and_ingest) -> gr.Blocks:
    """The chat page over `assistant` (anything with `stream`, `answer` and optionally `refresh`).

    Args:
        assistant: Answers the questions; see `assistant.build_assistant`.
        settings: The corpus folder, upload limit and concurrency.
        add_documents: Saves and ingests uploads, as `add_documents(settings, paths, progress=, ingest_fn=)`.
    """
    # Uploads are embedded with the assistant's own model and written through its store: one model in memory.
    ingest_fn = functools.partial(
        ingest, embeddings=getattr(assistant, "embeddings", None), store=getattr(assistant, "store", None)
    )
    refresh = getattr(assistant, "refresh", lambda: None)

    def respond(question: str, chat: list, history: list) -> Iterator[tuple[str, list, list]]:
        question = question or ""
        shown = [*chat, {"role": "user", "content": render_question(question)}]
        yield "", [*shown, {"role": "assistant", "content": PENDING}], history
        answer = None
        try:
            for answer in assistant.stream(question, history):
                partial = render_answer(question, answer, complete=False)
                yield "", [*shown, {"role": "assistant", "content": partial}], history
        except Exception as exc:
            yield question, chat, history  # put things back as they were
            raise _clear_error(exc) from None
        if answer is None:
            yield question, chat, history
            raise gr.Error("The assistant gave no answer.", print_exception=False)
        history = [
            *history, {"role": "user", "content": question.strip()}, {"role": "assistant", "content": answer.text}
        ]
        yield "", [*shown, {"role": "assistant", "content": render_answer(question, answer)}], history

    def ask(question: str, history: list[dict] | str | None = None) -> dict:
        """Answer one question; `history` holds the earlier messages, oldest first."""
        try:
            answer: Answer = assistant.answer(question, _parse_history(history))
        except gr.Error:
            raise
        except Exception as exc:
            raise _clear_error(exc) from None
        return answer.to_dict()

    def upload(files: list[str] | None, progress=gr.Progress()) -> tuple[str, str]:  # noqa: B008 - Gradio's idiom
        if not files:
            raise gr.Error("Choose one or more files to add first.", print_exception=False)
        progress(0, desc="Checking the files")

        def step(done: int, total: int) -> None:
            progress((done, total), desc="Embedding", unit="chunks")

        try:
            report = add_documents(settings, [Path(f) for f in files], progress=step, ingest_fn=ingest_fn)
        except Exception as exc:
            raise _clear_error(exc) from None
        finally:
            discard_uploads(files)  # handled: saved into the corpus, or refused
        refresh()
        return _report_html(report), _corpus_listing(settings)

    guides = _guides(assistant)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"# {TITLE}\n{describe(guides)}", elem_id="ca-header")
        history = gr.State([])
        with gr.Tab("Chat"):
            chat = gr.Chatbot(
                elem_id="ca-chat", show_label=False, height=560, latex_delimiters=[], buttons=[],
                feedback_options=None, layout="bubble",
                placeholder="Ask a question about the guide, or pick an example below.",
            )
            with gr.Row(equal_height=True):
                question = gr.Textbox(
                    elem_id="ca-question", show_label=False, scale=8, autofocus=True, max_lines=6,
                    placeholder=f"e.g. {examples(guides)[0]}", submit_btn=False,
                )
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="ca-send")
            clear = gr.Button("Clear chat", variant="secondary", size="sm", elem_id="ca-clear")
            gr.Examples(examples(guides), inputs=question, label="Example questions")
        with gr.Tab("Add documents"):
            gr.Markdown(
                f"Upload guides as {', '.join(SUPPORTED_SUFFIXES)} (up to {settings.max_upload_mb:g} MB each). "
                "They are saved into the corpus folder under a safe name (never replacing another file) and "
                "indexed; the chat can cite them as soon as this finishes."
            )
            files = gr.File(label="Documents", file_count="multiple", type="filepath", elem_id="ca-files")
            add = gr.Button("Add to the guide", variant="primary", elem_id="ca-add")
            report = gr.HTML(elem_id="ca-report")
            corpus = gr.HTML(_corpus_listing(settings), elem_id="ca-corpus")

        for trigger in (question.submit, send.click):
            trigger(
                respond, [question, chat, history], [question, chat, history],
                api_visibility="private", concurrency_id="answer",
            )
        clear.click(lambda: ([], [], ""), None, [chat, history, question], api_visibility="private", queue=False)
        chat.clear(lambda: [], None, history, api_visibility="private", queue=False)
        add.click(upload, files, [report, corpus], api_name="add_documents", concurrency_id="ingest",
                  concurrency_limit=1)
        app.load(lambda: _corpus_listing(settings), None, corpus, api_visibility="private", queue=False)
        gr.api(ask, api_name="ask", concurrency_id="answer")
    # After every event Gradio summarises up to 10,000 past events in a pandas table, for a monitoring page this
    # app never enables: 3 ms of CPU per request at first, 15 ms once the table is full. Once per 100,000 events.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100000")
    app.queue(default_concurrency_limit=settings.concurrency)
    _share_cores(assistant, settings.concurrency)
    return app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """`USER:PASS` as a (user, password) pair; None when not set."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not (sep and user and password):
        raise CareerAssistantError("auth must look like USER:PASS, both parts non-empty")
    return user, password


def exposure_credentials(settings: Settings, host: str, share: bool, auth: str | None) -> tuple[str, str] | None:
    """The (user, password) to require; refuses to listen beyond this machine without them.

    Raises:
        CareerAssistantError: a non-loopback host or a share link without auth, or a malformed auth value.
    """
    credentials = parse_auth(auth or settings.auth)
    if (share or not _is_loopback(host)) and credentials is None:
        where = "a public share link" if share else host
        raise CareerAssistantError(
            f"refusing to serve on {where} without a password: add --auth USER:PASS "
            "(or set CAREER_ASSISTANT_AUTH), or keep the default host 127.0.0.1"
        )
    return credentials


def launch(app: gr.Blocks, settings: Settings, *, host: str | None = None, port: int | None = None,
           auth: str | None = None, share: bool = False) -> str:
    """Start serving `app` in the background; returns its local URL once the server is up.

    Raises:
        CareerAssistantError: exposure without auth (see `exposure_credentials`).
    """
    host = host or settings.host
    credentials = exposure_credentials(settings, host, share, auth)
    guards = ServerGuards(settings, app)  # upload quota and folder, login throttle, idle polling (ui/guard.py)
    _, url, _ = app.launch(
        server_name=host, server_port=port if port is not None else settings.port, share=share,
        auth=credentials, css=CSS, theme=THEME, max_file_size=int(settings.max_upload_mb * 2**20),
        prevent_thread_lock=True, quiet=True, footer_links=["api"], show_error=False,
        run_history=False,  # keep no record of questions in the browser
        app_kwargs=guards.app_kwargs(),
    )
    return url


def serve(settings: Settings, host: str | None = None, port: int | None = None, auth: str | None = None,
          share: bool = False, assistant=None) -> None:
    """Build the assistant (unless given) and serve the chat page until interrupted."""
    host = host or settings.host
    exposure_credentials(settings, host, share, auth)  # fail before loading anything
    if assistant is None:
        from assistant import build_assistant

        assistant = build_assistant(settings)
    app = build_app(assistant, settings)
    url = launch(app, settings, host=host, port=port, auth=auth, share=share)
    print(f"Chat UI on {url}" + (f" and {app.share_url}" if app.share_url else "") + " (Ctrl+C to stop)", flush=True)
    try:
        app.block_thread()
    finally:
        app.close()
