"""Conversations kept in the browser: a plain JSON value (`Saved`) and the pure functions that change it.

The value lives in the browser's localStorage (Gradio's `BrowserState`), so the server holds no one's
conversations. It comes back from the browser on every event: `load` checks its shape and drops what it
cannot read, and whatever text it holds is escaped when shown (`ui.render`).

Shape: `{"active": id, "conversations": [{"id", "title", "turns": [{"question", "answer"}]}], "deleted": conv}`,
newest conversation first; `answer` is `Answer.to_dict()`; `deleted` is the last deleted conversation, for undo.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from assistant.results import Answer

from .render import display_section, render_answer, render_question

Saved = dict[str, Any]

MAX_CONVERSATIONS = 50  # localStorage holds about 5 MB; an answer with its passages is a few kB
MAX_TITLE = 60
MAX_HISTORY_TURNS = 50
UNTITLED = "New conversation"


def _conversation(title: str = UNTITLED) -> dict:
    return {"id": uuid.uuid4().hex[:12], "title": title, "turns": []}


def empty() -> Saved:
    """A store with one empty conversation."""
    first = _conversation()
    return {"active": first["id"], "conversations": [first], "deleted": None}


def _turn(turn: Any) -> dict | None:
    if not (isinstance(turn, dict) and isinstance(turn.get("question"), str) and isinstance(turn.get("answer"), dict)):
        return None
    try:
        answer = Answer.from_dict(turn["answer"])
    except (TypeError, ValueError):
        return None
    return {"question": turn["question"], "answer": answer.to_dict()}


_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")  # ids name export folders and HTML ids: nothing else gets through


def _checked(conversation: Any) -> dict | None:
    if not (
        isinstance(conversation, dict) and isinstance(conversation.get("id"), str) and _ID.fullmatch(conversation["id"])
    ):
        return None
    turns = [t for t in map(_turn, conversation.get("turns") or []) if t]
    title = conversation.get("title") if isinstance(conversation.get("title"), str) else UNTITLED
    return {"id": conversation["id"], "title": title[:MAX_TITLE] or UNTITLED, "turns": turns}


def load(value: Any) -> Saved:
    """The saved value as the browser sent it, checked: unreadable conversations and turns are dropped."""
    if not isinstance(value, dict):
        return empty()
    conversations = [c for c in map(_checked, value.get("conversations") or []) if c][:MAX_CONVERSATIONS]
    if not conversations:
        conversations = [_conversation()]
    ids = [c["id"] for c in conversations]
    active = value.get("active") if value.get("active") in ids else ids[0]
    return {"active": active, "conversations": conversations, "deleted": _checked(value.get("deleted"))}


def active(saved: Saved) -> dict:
    """The conversation shown."""
    return next(c for c in saved["conversations"] if c["id"] == saved["active"])


def history(conversation: dict) -> list[dict]:
    """The conversation as the assistant reads it: user and assistant messages, oldest first.

    At most the last `MAX_HISTORY_TURNS` turns, so that a long conversation stays under the library's limit on
    history (`assistant.chain.MAX_HISTORY_MESSAGES`) and can go on.
    """
    messages = []
    for turn in conversation["turns"][-MAX_HISTORY_TURNS:]:
        messages += [
            {"role": "user", "content": turn["question"]},
            {"role": "assistant", "content": turn["answer"]["text"]},
        ]
    return messages


def chat_messages(conversation: dict) -> list[dict]:
    """The conversation as chat messages (HTML), each answer's footnotes with ids of its own."""
    messages = []
    for n, turn in enumerate(conversation["turns"]):
        messages += [
            {"role": "user", "content": render_question(turn["question"])},
            {
                "role": "assistant",
                "content": render_answer(
                    turn["question"], Answer.from_dict(turn["answer"]), key=f"{conversation['id']}-{n}"
                ),
            },
        ]
    return messages


def title_from(question: str) -> str:
    """A conversation's title from its first question: its first words, on one line."""
    text = " ".join(question.split())
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"


def _replace(saved: Saved, conversation: dict) -> Saved:
    return {
        **saved,
        "conversations": [conversation if c["id"] == conversation["id"] else c for c in saved["conversations"]],
    }


def add_turn(saved: Saved, question: str, answer: Answer, *, replace_last: bool = False) -> Saved:
    """The store with `answer` to `question` added to the active conversation (or replacing its last turn)."""
    conversation = active(saved)
    turns = conversation["turns"][:-1] if replace_last else conversation["turns"]
    title = conversation["title"]
    if not turns and title == UNTITLED:
        title = title_from(question)
    return _replace(
        saved,
        {**conversation, "title": title, "turns": [*turns, {"question": question.strip(), "answer": answer.to_dict()}]},
    )


def drop_last_turn(saved: Saved) -> tuple[Saved, str]:
    """The store without the active conversation's last turn, and that turn's question ("" when none)."""
    conversation = active(saved)
    if not conversation["turns"]:
        return saved, ""
    return _replace(saved, {**conversation, "turns": conversation["turns"][:-1]}), conversation["turns"][-1]["question"]


def new(saved: Saved) -> Saved:
    """The store with a new empty conversation, shown (an empty one shown already is reused)."""
    if not active(saved)["turns"]:
        return saved
    conversation = _conversation()
    kept = saved["conversations"][: MAX_CONVERSATIONS - 1]
    return {**saved, "active": conversation["id"], "conversations": [conversation, *kept]}


def select(saved: Saved, conversation_id: str | None) -> Saved:
    """The store showing another conversation (an unknown id changes nothing)."""
    if conversation_id not in {c["id"] for c in saved["conversations"]}:
        return saved
    return {**saved, "active": conversation_id}


def rename(saved: Saved, title: str) -> Saved:
    """The store with the active conversation renamed (a blank title changes nothing)."""
    title = " ".join((title or "").split())[:MAX_TITLE]
    return _replace(saved, {**active(saved), "title": title}) if title else saved


def delete(saved: Saved) -> Saved:
    """The store without the active conversation, which is kept as `deleted` until undone or replaced."""
    gone = active(saved)
    rest = [c for c in saved["conversations"] if c["id"] != gone["id"]] or [_conversation()]
    return {"active": rest[0]["id"], "conversations": rest, "deleted": gone}


def undo_delete(saved: Saved) -> Saved:
    """The store with the last deleted conversation back, shown."""
    gone = saved.get("deleted")
    if not gone:
        return saved
    rest = [c for c in saved["conversations"] if c["turns"] or c["title"] != UNTITLED]  # not blank ones
    return {"active": gone["id"], "conversations": [gone, *rest][:MAX_CONVERSATIONS], "deleted": None}


def choices(saved: Saved) -> list[tuple[str, str]]:
    """The conversations as (title, id) pairs for the sidebar's list, newest first."""
    return [(c["title"], c["id"]) for c in saved["conversations"]]


def _markdown_text(text: str) -> str:
    return re.sub(r"([\\`*_<>#|])", r"\\\1", text)


def to_markdown(conversation: dict) -> str:
    """The conversation as Markdown: each question, its answer with `[n]` markers, and its footnotes."""
    lines = [f"# {_markdown_text(conversation['title'])}", ""]
    for turn in conversation["turns"]:
        answer = Answer.from_dict(turn["answer"])
        lines += [f"## {_markdown_text(' '.join(turn['question'].split()))}", "", _markdown_text(answer.text), ""]
        for c in answer.citations:
            passage = "\n".join(f"> {line}" if line.strip() else ">" for line in c.text.strip().splitlines())
            lines += [
                f"[{c.index}] {_markdown_text(display_section(c.section))} — {_markdown_text(c.source)}",
                "",
                passage,
                "",
            ]
        for c in answer.nearest:
            lines += [f"- Closest: {_markdown_text(display_section(c.section))} — {_markdown_text(c.source)}"]
        if answer.nearest:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def export_name(conversation: dict) -> str:
    """A file name for the conversation's export."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", conversation["title"]).strip("-")[:40] or "conversation"
    return f"{stem}.md"
