"""The chat window: a Gradio app over an `Assistant` and `add_documents`; it never touches the store.

`build_app()` makes the page, `launch()` serves it, `serve()` does both for `career-assistant serve`.
The page is split along its parts: `ui.chat` (the chat tab and the conversations sidebar), `ui.conversations`
(the conversations each browser keeps in its localStorage; the server holds none), `ui.documents` (the
documents tab), `ui.render` (answers as HTML) and `ui.assets` (the stylesheet and the page's one script).

Endpoints for `gradio_client` (see `benchmarks/load.py` and `tests/ui/`):

- `/ask (question, history) -> dict`: the answer as `Answer.to_dict()`; `history` is a list of
  `{"role": "user"|"assistant", "content": str}` messages, oldest first (or that list as JSON text).
- `/add_documents (files) -> (str, str)`: saves and ingests the files; returns the report and the document
  list as HTML. Unlike the page, which shows errors inline, the API raises them (`AppError` in the client).
"""

from __future__ import annotations

import functools
import ipaddress
import json
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.errors import CareerAssistantError
from assistant.results import Answer
from assistant.settings import Settings
from assistant.wiring import model_cache_dir
from ingest import ingest
from ingest.uploads import add_documents as save_and_ingest

from . import conversations as convs
from .assets import CSS, head
from .chat import build_chat_tab, build_sidebar, views
from .documents import build_documents_tab, shown_error
from .guard import ServerGuards

log = logging.getLogger(__name__)

TITLE = "Career guide assistant"
DESCRIPTION = (
    "Ask about {guides}: roles, tools, earnings, career paths and job outlook, plus any documents you add. "
    "Answers quote the guide; each [n] opens its source passage. Questions the guide does not cover are declined."
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
    named = (
        "the guide " + titles[0]
        if len(titles) == 1
        else "the guides " + ", ".join(titles)
        if titles
        else "the career guides in the corpus"
    )
    return DESCRIPTION.format(guides=named)


def examples(guides: list) -> list[str]:
    """Example questions about the roles the indexed guides compare."""
    found = []
    for guide in guides:
        if len(guide.roles) >= 2:
            a, b = guide.roles[:2]
            found += [
                f"What does {a.with_article} do?",
                f"Who earns more, {a.plural} or {b.plural}?",
                f"What tools do {b.plural} use?",
                f"How do I become {b.with_article}?",
            ]
    return found[:8] or ["What careers does the guide compare?", "What skills do they need?"]


# System fonts only: the app works offline, so nothing is fetched from a font CDN.
THEME = gr.themes.Soft(
    primary_hue="indigo",
    neutral_hue="slate",
    font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
).set(
    # Darker than Soft's defaults: axe-core's contrast check (WCAG AA, 4.5:1) fails those on labels and buttons.
    button_primary_background_fill="*primary_700",
    button_primary_background_fill_hover="*primary_800",
    block_label_text_color="*primary_800",
    block_title_text_color="*primary_800",
    block_info_text_color="*neutral_600",
    input_placeholder_color="*neutral_500",
    body_text_color_subdued="*neutral_600",
    color_accent="*primary_700",
    body_text_color_subdued_dark="*neutral_300",
    block_info_text_color_dark="*neutral_300",
    checkbox_label_background_fill_selected="*primary_700",
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
    """One line for an API client, no traceback; logged on the server (in full when unexpected)."""
    return gr.Error(shown_error(exc, "API"), print_exception=False)


def _parse_history(history: Any) -> list[dict] | None:
    if isinstance(history, str):
        if not history.strip():
            return None
        try:
            return json.loads(history)
        except json.JSONDecodeError as exc:
            raise gr.Error(f"History is not valid JSON: {exc}", print_exception=False) from None
    return history


def browser_secret(settings: Settings) -> str:
    """The key that encrypts conversations in the browser, kept beside the model cache so a restart keeps them."""
    path = model_cache_dir(settings) / "browser-state.key"
    try:
        return path.read_text().strip()
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(24)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another server wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as file:
        file.write(secret)
    return secret


def build_app(assistant, settings: Settings, *, add_documents: Callable[..., Any] = save_and_ingest) -> gr.Blocks:
    """The chat page over `assistant` (anything with `stream`, `answer` and optionally `refresh`): its layout, then
    the callbacks between its parts, then the `/ask` endpoint.

    Args:
        assistant: Answers the questions; see `assistant.build_assistant`.
        settings: The corpus folder, upload limit and concurrency.
        add_documents: Saves and ingests uploads, as `add_documents(settings, paths, progress=, ingest_fn=)`.
    """
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        page = _layout(assistant, settings, add_documents)
        _conversation_callbacks(app, page)
        gr.api(_ask_endpoint(assistant), api_name="ask", concurrency_id="answer")
    # After every event Gradio summarises up to 10,000 past events in a pandas table, for a monitoring page this
    # app never enables: 3 ms of CPU per request at first, 15 ms once the table is full. Once per 100,000 events.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100000")
    app.queue(default_concurrency_limit=settings.concurrency)
    _share_cores(assistant, settings.concurrency)
    return app


@dataclass
class _Page:
    """The components the page's callbacks join up."""

    saved: gr.BrowserState
    side: dict[str, Any]
    chat: Any
    editing: Any
    document_views: Callable[..., Any]
    document_outputs: list


def _layout(assistant, settings: Settings, add_documents: Callable[..., Any]) -> _Page:
    """The header, the saved conversations, the sidebar and the two tabs (each tab wires its own events)."""
    store = getattr(assistant, "store", None)
    # Uploads are embedded with the assistant's own model and written through its store: one model in memory.
    ingest_fn = functools.partial(ingest, embeddings=getattr(assistant, "embeddings", None), store=store)
    refresh = getattr(assistant, "refresh", lambda: None)
    guides = _guides(assistant)
    gr.Markdown(f"# {TITLE}\n{describe(guides)}", elem_id="ca-header")
    saved = gr.BrowserState(
        convs.empty(), storage_key="career-assistant-conversations", secret=browser_secret(settings)
    )
    side = build_sidebar([])
    with gr.Tabs():
        chat, editing = build_chat_tab(assistant, settings, examples(guides), side, saved)
        document_views, document_outputs = build_documents_tab(
            settings, store, add_documents, ingest_fn, refresh, side["sources"]
        )
    return _Page(saved, side, chat, editing, document_views, document_outputs)


def _conversation_callbacks(app: gr.Blocks, page: _Page) -> None:
    """The sidebar's and the chat's actions on the saved conversations, and what the page shows when it loads."""

    def change(action: Callable[..., convs.Saved]) -> Callable[..., tuple]:
        """A callback applying `action` to the saved conversations, then showing them (and ending any edit)."""

        def run(value: Any, *args) -> tuple:
            saved = action(convs.load(value), *args)
            return saved, False, *views(saved)

        return run

    side, saved = page.side, page.saved
    shown = [page.chat, side["list"], side["export"], side["undo"], side["title"]]
    private = {"api_visibility": "private", "queue": False}
    for trigger, action, inputs in [
        (side["new"].click, convs.new, [saved]),
        (side["list"].input, convs.select, [saved, side["list"]]),
        (side["rename"].click, convs.rename, [saved, side["title"]]),
        (side["title"].submit, convs.rename, [saved, side["title"]]),
        (side["delete"].click, convs.delete, [saved]),
        (side["undo"].click, convs.undo_delete, [saved]),
        (page.chat.clear, convs.delete, [saved]),  # the chat's trash icon: deleted, with undo in the sidebar
        (app.load, lambda s: s, [saved]),
    ]:
        trigger(change(action), inputs, [saved, page.editing, *shown], **private)
    app.load(page.document_views, None, page.document_outputs, **private)


def _ask_endpoint(assistant) -> Callable[..., dict]:
    """The `/ask` API: one question (and its history) in, `Answer.to_dict()` out, errors as one clear line."""

    def ask(question: str, history: list[dict] | str | None = None) -> dict:
        """Answer one question; `history` holds the earlier messages, oldest first."""
        try:
            answer: Answer = assistant.answer(question, _parse_history(history))
        except gr.Error:
            raise
        except Exception as exc:
            raise _clear_error(exc) from None
        return answer.to_dict()

    return ask


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


def launch(
    app: gr.Blocks,
    settings: Settings,
    *,
    host: str | None = None,
    port: int | None = None,
    auth: str | None = None,
    share: bool = False,
) -> str:
    """Start serving `app` in the background; returns its local URL once the server is up.

    Raises:
        CareerAssistantError: exposure without auth (see `exposure_credentials`).
    """
    host = host or settings.host
    credentials = exposure_credentials(settings, host, share, auth)
    guards = ServerGuards(settings, app)  # upload quota and folder, login throttle, idle polling (ui/guard.py)
    _, url, _ = app.launch(
        server_name=host,
        server_port=port if port is not None else settings.port,
        share=share,
        auth=credentials,
        css=CSS,
        head=head(settings.max_question_chars),
        theme=THEME,
        max_file_size=int(settings.max_upload_mb * 2**20),
        prevent_thread_lock=True,
        quiet=True,
        footer_links=["api"],
        show_error=False,
        run_history=False,  # not Gradio's own record of runs: conversations are kept by ui.conversations
        app_kwargs=guards.app_kwargs(),
    )
    return url


def serve(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    auth: str | None = None,
    share: bool = False,
    assistant=None,
) -> None:
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
