"""Conversations in the browser: kept over a reload, listed, renamed, deleted with undo, exported; copy, retry, edit."""

from __future__ import annotations

import pytest
from chat_page import ANSWER_TIMEOUT_MS, ask, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

EARNINGS = "How much does an ML engineer earn?"


def _conversations(page) -> list[str]:
    return [label.strip() for label in page.locator("#ca-conversations label").all_inner_texts()]


def test_a_reload_keeps_the_conversation_and_its_follow_up_context(page) -> None:
    ask(page, EARNINGS)

    page.reload()
    page.locator("#ca-chat .ca-answer").first.wait_for(timeout=ANSWER_TIMEOUT_MS)

    assert EARNINGS in page.locator("#ca-chat .user-row").first.inner_text()
    assert "136,620" in page.locator("#ca-chat .ca-answer").first.inner_text()
    follow_up = ask(page, "and a data scientist?")
    assert "Searched the guide for:" in follow_up.locator(".ca-standalone").inner_text()  # the history came back too


def test_the_sidebar_lists_renames_deletes_and_undoes(page) -> None:
    ask(page, EARNINGS)
    page.locator("#ca-new").click()
    page.locator("#ca-chat .user-row").first.wait_for(state="detached")
    ask(page, "What tools do data scientists use?")
    page.wait_for_function("document.querySelectorAll('#ca-conversations label').length === 2")
    assert _conversations(page) == ["What tools do data scientists use?", EARNINGS]

    title = page.locator("#ca-title textarea, #ca-title input").first
    title.fill("Tools")
    page.locator("#ca-rename").click()
    page.locator("#ca-conversations label", has_text="Tools").wait_for()
    page.locator("#ca-conversations label", has_text=EARNINGS).click()
    page.locator("#ca-chat .user-row", has_text=EARNINGS).wait_for()

    page.locator("#ca-delete").click()
    page.wait_for_function("document.querySelectorAll('#ca-conversations label').length === 1")
    assert _conversations(page) == ["Tools"]
    page.locator("#ca-undo").click()
    page.locator("#ca-chat .user-row", has_text=EARNINGS).wait_for()
    assert sorted(_conversations(page)) == sorted([EARNINGS, "Tools"])
    page.reload()
    page.wait_for_function("document.querySelectorAll('#ca-conversations label').length === 2")


def test_export_downloads_the_conversation_as_markdown_with_its_footnotes(page, tmp_path) -> None:
    ask(page, EARNINGS)
    export = page.locator("#ca-export")
    page.wait_for_function("!document.querySelector('#ca-export').disabled")

    with page.expect_download() as download:
        export.click()

    path = tmp_path / "export.md"
    download.value.save_as(path)
    text = path.read_text()
    assert download.value.suggested_filename.endswith(".md")
    assert text.startswith(f"# {EARNINGS}\n")
    assert "$136,620 per year [1]" in text
    assert (
        "[1] Earning potentials \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} ML engineer — "
        "ml-engineer-vs-data-scientist.md" in text
    )
    assert "> " in text  # the cited passage, quoted


def test_copy_puts_the_answer_and_its_sources_on_the_clipboard(open_page, running_app) -> None:
    page = open_page(running_app.url, permissions=["clipboard-read", "clipboard-write"])
    answer = ask(page, EARNINGS)

    answer.locator("button.ca-copy").click()

    answer.locator("button.ca-copy", has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("The role of an ML engineer")
    assert "<" not in copied and "Sources:\n[1] Earning potentials" in copied


def test_retry_and_edit_replace_the_last_answer(page) -> None:
    ask(page, EARNINGS)

    page.evaluate("document.querySelector('#ca-chat .ca-answer').id = 'ca-old-answer'")  # gone once re-answered

    page.locator("#ca-retry").click()
    page.locator("#ca-old-answer").wait_for(state="detached", timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_function(
        "document.querySelectorAll('#ca-chat .ca-answer:not(.ca-streaming)').length === 1 && "
        "!document.querySelector('#ca-chat .ca-streaming')"
    )
    assert page.locator("#ca-chat .user-row").count() == 1
    page.locator("#ca-edit").click()
    box = page.locator("#ca-question textarea")
    page.wait_for_function(f"document.querySelector('#ca-question textarea').value === {EARNINGS!r}")
    box.fill("How much does a data scientist earn?")
    page.locator("#ca-send").click()
    page.locator("#ca-chat .user-row", has_text="data scientist").wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.locator("#ca-chat .ca-answer:not(.ca-streaming)").last.wait_for(timeout=ANSWER_TIMEOUT_MS)

    assert page.locator("#ca-chat .user-row").count() == 1
    assert "103,500" in page.locator("#ca-chat .ca-answer").last.inner_text()


def test_an_example_is_asked_when_clicked(page) -> None:
    example = page.locator("#ca-chat .example").first  # the chat's examples, shown while it is empty
    text = example.inner_text().strip()

    example.click()

    page.locator("#ca-chat .user-row", has_text=text).wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.locator("#ca-chat .ca-answer:not(.ca-streaming), #ca-chat .ca-refusal").first.wait_for(
        timeout=ANSWER_TIMEOUT_MS
    )


def test_stop_ends_a_long_answer_and_puts_the_question_back(open_page, running_app, free_port) -> None:
    import threading

    from ui.app import build_app, launch

    release = threading.Event()

    class SlowAssistant:
        """The real assistant, whose stream waits before its last part: what is under test is Stop, not the answer."""

        def __init__(self, assistant) -> None:
            self.assistant = assistant
            self.store, self.embeddings, self.guides = assistant.store, assistant.embeddings, assistant.guides

        def stream(self, question, config=None, **kwargs):
            for part in self.assistant.stream(question, config, **kwargs):
                yield part
                release.wait(timeout=30)

    app = build_app(SlowAssistant(running_app.assistant), running_app.settings)
    url = launch(app, running_app.settings, port=free_port())
    try:
        page = open_page(url)
        page.locator("#ca-question textarea").fill("What do ML engineers and data scientists do?")
        page.locator("#ca-send").click()
        page.locator("#ca-chat .ca-streaming").wait_for(timeout=ANSWER_TIMEOUT_MS)

        page.locator("#ca-stop").click()

        page.locator("#ca-notice", has_text="Stopped").wait_for()
        assert page.locator("#ca-question textarea").input_value() == "What do ML engineers and data scientists do?"
        assert page.locator("#ca-chat .user-row").count() == 0
        page.reload()
        page.locator("#ca-question textarea").wait_for()
        page.wait_for_timeout(500)
        assert page.locator("#ca-chat .user-row").count() == 0  # nothing half-written was saved
    finally:
        release.set()
        app.close()


def test_the_chats_trash_icon_deletes_the_conversation_with_an_undo(page) -> None:
    ask(page, EARNINGS)

    page.locator("#ca-chat button[aria-label=Clear]").click()

    page.locator("#ca-chat .user-row").first.wait_for(state="detached")
    page.locator("#ca-undo").click()
    page.locator("#ca-chat .user-row", has_text=EARNINGS).wait_for()
    assert "136,620" in page.locator("#ca-chat .ca-answer").first.inner_text()
