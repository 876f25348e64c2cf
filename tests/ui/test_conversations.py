"""The saved conversations' logic (`ui.conversations`): pure functions over a JSON value the browser sends back."""

from __future__ import annotations

import pytest

from assistant.results import Answer, Citation
from ui import conversations as convs

ANSWER = Answer(
    "They earn $136,620 [1].",
    [
        Citation(
            1, "guide.md", "Earning potentials > ML engineer", "ML engineers earn $136,620 a year.\n\nIt varies.", 0.8
        )
    ],
)


def _with_turns(*questions: str) -> convs.Saved:
    saved = convs.empty()
    for question in questions:
        saved = convs.add_turn(saved, question, ANSWER)
    return saved


@pytest.mark.parametrize(
    "value",
    [
        None,
        "text",
        [],
        {"conversations": "no"},
        {"conversations": [{"id": 3}]},
        {"conversations": [{"id": "a", "turns": [{"question": 1, "answer": {}}, "junk"]}], "active": "zzz"},
        {"conversations": [{"id": "a", "turns": [{"question": "q", "answer": {"text": "t", "bogus": 1}}]}]},
        {"conversations": [{"id": "../../etc", "turns": []}], "active": "../../etc"},
    ],
    ids=["none", "text", "list", "bad-list", "bad-id", "bad-turns", "bad-answer", "path-id"],
)
def test_whatever_the_browser_sends_back_loads_as_a_usable_store(value) -> None:
    saved = convs.load(value)

    conversation = convs.active(saved)
    assert convs._ID.fullmatch(conversation["id"])
    assert all(convs._turn(t) for t in conversation["turns"])
    assert convs.history(conversation) == [] and convs.chat_messages(conversation) == []


def test_a_first_question_names_the_conversation_and_the_history_follows_the_turns() -> None:
    saved = _with_turns("How much do ML engineers earn?", "and data scientists?")

    conversation = convs.active(saved)
    assert conversation["title"] == "How much do ML engineers earn?"
    assert [m["role"] for m in convs.history(conversation)] == ["user", "assistant"] * 2
    assert convs.load(saved) == saved  # what was saved loads back unchanged


def test_each_answer_gets_footnote_ids_of_its_own() -> None:
    messages = convs.chat_messages(convs.active(_with_turns("a?", "a?")))

    first, second = messages[1]["content"], messages[3]["content"]
    assert 'id="ca-' in first and first != second


def test_delete_keeps_the_conversation_for_undo_and_undo_brings_it_back() -> None:
    saved = convs.new(_with_turns("first?"))
    saved = convs.add_turn(saved, "second?", ANSWER)
    second = saved["active"]

    deleted = convs.delete(saved)
    assert second not in [c["id"] for c in deleted["conversations"]]
    restored = convs.undo_delete(deleted)

    assert restored["active"] == second
    assert [c["title"] for c in restored["conversations"]] == ["second?", "first?"]
    assert restored["deleted"] is None


def test_deleting_the_last_conversation_leaves_an_empty_one_that_undo_replaces() -> None:
    deleted = convs.delete(_with_turns("only?"))

    assert [c["turns"] for c in deleted["conversations"]] == [[]]
    assert [c["title"] for c in convs.undo_delete(deleted)["conversations"]] == ["only?"]


def test_rename_ignores_a_blank_title_and_drop_last_turn_gives_back_its_question() -> None:
    saved = _with_turns("first?", "second?")

    assert convs.active(convs.rename(saved, "  "))["title"] == "first?"
    assert convs.active(convs.rename(saved, " My   notes "))["title"] == "My notes"
    shorter, question = convs.drop_last_turn(saved)
    assert question == "second?" and len(convs.active(shorter)["turns"]) == 1


def test_markdown_export_has_each_question_answer_and_footnote() -> None:
    text = convs.to_markdown(convs.active(_with_turns("How *much*?")))

    assert text.startswith("# How \\*much\\*?\n")
    assert "## How \\*much\\*?\n\nThey earn $136,620 [1].\n" in text
    assert (
        "[1] Earning potentials \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} ML engineer — guide.md\n\n"
        "> ML engineers earn $136,620 a year.\n>\n> It varies.\n" in text
    )


def test_a_long_conversation_can_go_on() -> None:
    from assistant.chain import MAX_HISTORY_MESSAGES, validate

    saved = _with_turns(*(f"question {n}?" for n in range(MAX_HISTORY_MESSAGES)))

    history = convs.history(convs.active(saved))

    assert history[-2]["content"] == f"question {MAX_HISTORY_MESSAGES - 1}?"
    validate("and then?", history, 2000)  # within the library's limits
