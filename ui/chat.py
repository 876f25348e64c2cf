"""The chat tab and the conversations sidebar: their components and the callbacks that answer.

Conversations live in the browser (`ui.conversations`); every callback gets them from there and gives them
back. Bad input is answered beside the question box (`#ca-notice`), keeping the question there to edit.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.chain import validate
from assistant.errors import CareerAssistantError
from assistant.settings import Settings

from . import conversations as convs
from .documents import notice, shown_error
from .render import PENDING, render_answer, render_question


@functools.cache
def _export_folder() -> Path:
    """A temporary folder for this process's exports (Gradio serves a copy of each file it is given)."""
    return Path(tempfile.mkdtemp(prefix="career-export-"))


def _export_file(saved: convs.Saved) -> str | None:
    """The active conversation as a Markdown file to download (None while it is empty).

    One file per conversation, rewritten as it grows, so the folder holds no more than the conversations shown.
    """
    conversation = convs.active(saved)
    if not conversation["turns"]:
        return None
    folder = _export_folder() / conversation["id"]
    folder.mkdir(exist_ok=True)
    path = folder / convs.export_name(conversation)
    path.write_text(convs.to_markdown(conversation), encoding="utf-8")
    return str(path)


def views(saved: convs.Saved) -> tuple:
    """What shows the saved conversations: the chat, the list, the export, the undo button, the rename box."""
    conversation = convs.active(saved)
    return (
        convs.chat_messages(conversation),
        gr.update(choices=convs.choices(saved), value=saved["active"]),
        gr.update(value=_export_file(saved), interactive=bool(conversation["turns"])),
        gr.update(
            visible=bool(saved.get("deleted")),
            value=f"Undo delete of “{saved['deleted']['title']}”" if saved.get("deleted") else "Undo",
        ),
        gr.update(value=conversation["title"]),
    )


def build_sidebar(sources: list[str]) -> dict[str, Any]:
    """The sidebar: conversations (new, pick, rename, delete, undo, export) and the document filter."""
    with gr.Sidebar(label="Conversations", elem_id="ca-sidebar", width=300):
        parts = {"new": gr.Button("New conversation", variant="primary", size="sm", elem_id="ca-new")}
        parts["list"] = gr.Radio(label="Conversations", choices=[], elem_id="ca-conversations")
        with gr.Row(equal_height=True):
            parts["title"] = gr.Textbox(label="Title", max_lines=1, scale=3, elem_id="ca-title")
            parts["rename"] = gr.Button("Rename", size="sm", scale=1, elem_id="ca-rename")
        with gr.Row():
            parts["delete"] = gr.Button("Delete", variant="stop", size="sm", elem_id="ca-delete")
            parts["export"] = gr.DownloadButton("Export (Markdown)", size="sm", elem_id="ca-export", interactive=False)
        parts["undo"] = gr.Button("Undo", size="sm", visible=False, elem_id="ca-undo")
        parts["sources"] = gr.Dropdown(
            label="Search only these documents",
            choices=sources,
            value=[],
            multiselect=True,
            info="Leave empty to search all documents.",
            elem_id="ca-sources",
        )
    return parts


def build_chat_tab(
    assistant, settings: Settings, examples: list[str], side: dict[str, Any], saved: gr.BrowserState
) -> Any:
    """The chat tab's components and events; returns the chatbot (the page's load event fills it)."""

    def respond(question: str, value: Any, sources: list[str] | None, editing: bool) -> Iterator[tuple]:
        """Answer `question` in the active conversation, streaming; bad input gets an inline notice instead."""
        question = question or ""
        store = convs.load(value)
        conversation = convs.active(store)
        if editing:
            store, _ = convs.drop_last_turn(store)
        history = convs.history(convs.active(store))
        try:
            validate(question, history, settings.max_question_chars)
        except CareerAssistantError as exc:
            yield question, gr.skip(), gr.skip(), notice(shown_error(exc, "question")), question, editing
            return
        key = f"{conversation['id']}-{len(history) // 2}"
        shown = [*convs.chat_messages(convs.active(store)), {"role": "user", "content": render_question(question)}]
        yield "", [*shown, {"role": "assistant", "content": PENDING}], gr.skip(), "", question, editing
        answer = None
        try:
            asked = {"question": question, "history": history, "sources": sources or None}
            for answer in assistant.stream(asked):
                partial = render_answer(question, answer, complete=False)
                yield gr.skip(), [*shown, {"role": "assistant", "content": partial}], gr.skip(), "", question, editing
        except Exception as exc:
            message = notice(shown_error(exc, "answer"))
            yield question, convs.chat_messages(conversation), gr.skip(), message, "", editing
            return
        if answer is None:
            yield (
                question,
                convs.chat_messages(conversation),
                gr.skip(),
                notice("The assistant gave no answer."),
                "",
                editing,
            )
            return
        store = convs.add_turn(store, question, answer)
        final = [*shown, {"role": "assistant", "content": render_answer(question, answer, key=key)}]
        yield gr.skip(), final, store, "", "", False

    def stopped(pending: str, value: Any) -> tuple:
        store = convs.load(value)
        return (
            pending,
            convs.chat_messages(convs.active(store)),
            notice("Stopped. Your question is back in the box.", "ok"),
        )

    def last_question(value: Any, message: str) -> tuple:
        store = convs.load(value)
        _, question = convs.drop_last_turn(store)
        if not question:
            return gr.skip(), False, notice("There is no question to retry or edit yet.")
        return question, True, notice(message, "ok")

    def pick_example(event: gr.SelectData) -> str:
        return event.value["text"] if isinstance(event.value, dict) else str(event.value)

    with gr.Tab("Chat", id="chat"):
        chat = gr.Chatbot(
            elem_id="ca-chat",
            show_label=False,
            height="min(60vh, 560px)",
            latex_delimiters=[],
            buttons=[],
            feedback_options=None,
            layout="bubble",
            autoscroll=False,
            label="Conversation",
            examples=[{"text": q} for q in examples[:4]],
            placeholder="Ask a question about the guides, or pick an example.",
        )
        with gr.Row(equal_height=True):
            question = gr.Textbox(
                elem_id="ca-question",
                show_label=False,
                label="Your question",
                scale=8,
                max_lines=6,
                placeholder=f"e.g. {examples[0]}",
                submit_btn=False,
            )
            send = gr.Button("Ask", variant="primary", scale=1, min_width=70, elem_id="ca-send")
            stop = gr.Button("Stop", variant="stop", scale=1, min_width=70, elem_id="ca-stop")
        with gr.Row(equal_height=True):
            message = gr.HTML(elem_id="ca-notice")
            gr.HTML(elem_id="ca-counter")
        with gr.Row():
            retry = gr.Button("Retry last question", size="sm", elem_id="ca-retry")
            edit = gr.Button("Edit last question", size="sm", elem_id="ca-edit")
    pending = gr.State("")  # the question being answered, for Stop to put back
    editing = gr.State(False)  # the next question replaces the last one (Edit, Retry)

    ask_inputs = [question, saved, side["sources"], editing]
    ask_outputs = [question, chat, saved, message, pending, editing]
    opts = {"api_visibility": "private", "concurrency_id": "answer"}
    asking = [trigger(respond, ask_inputs, ask_outputs, **opts) for trigger in (question.submit, send.click)]
    asking.append(
        chat.example_select(pick_example, None, question, api_visibility="private", queue=False).then(
            respond, ask_inputs, ask_outputs, **opts
        )
    )
    asking.append(
        retry.click(
            lambda v: last_question(v, "Asking your last question again."),
            saved,
            [question, editing, message],
            api_visibility="private",
            queue=False,
        ).success(respond, ask_inputs, ask_outputs, **opts)
    )
    shown = [chat, side["list"], side["export"], side["undo"], side["title"]]
    for event in asking:  # the sidebar follows: a first question names its conversation, the export grows
        event.then(lambda value: views(convs.load(value)), saved, shown, api_visibility="private", queue=False)
    edit.click(
        lambda v: last_question(v, "Edit your last question, then Ask: its new answer replaces the old."),
        saved,
        [question, editing, message],
        api_visibility="private",
        queue=False,
    )
    stop.click(
        stopped, [pending, saved], [question, chat, message], cancels=asking, api_visibility="private", queue=False
    )
    return chat, editing
