"""The chat page in a real headless Chromium (Debian's), driven by Playwright.

`UPDATE_SCREENSHOT=1 pytest tests/ui/test_browser.py -k footnote` also saves the page to docs/screenshot.png
for the README, from the same test that checks it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from chat_page import ANSWER_TIMEOUT_MS, ask, needs_chromium

from ui.render import display_section

README_SCREENSHOT = Path(__file__).parents[2] / "docs" / "screenshot.png"

pytestmark = [pytest.mark.browser, needs_chromium]


def test_an_answer_streams_in_with_footnotes_that_expand(page, tmp_path: Path) -> None:
    # Record every state the answer passes through, to see it stream rather than appear at once.
    page.evaluate("""() => {
        window.streamed = [];
        new MutationObserver(() => document.querySelectorAll('#ca-chat .ca-streaming').forEach(
            el => window.streamed.push(el.textContent))).observe(document.body, {subtree: true, childList: true,
            characterData: true});
    }""")

    answer = ask(page, "How much does an ML engineer earn?")

    assert "136,620" in answer.inner_text()
    partial = [text for text in page.evaluate("window.streamed") if "[1]" in text]
    assert partial and len(partial[0]) < len(answer.inner_text()), "the answer appeared at once, not streamed"
    first = answer.locator("details.ca-footnote").first
    summary = first.locator("summary").inner_text()
    assert summary.startswith("[1] " + display_section("Earning potentials > ML engineer"))
    assert "ml-engineer-vs-data-scientist.md" in summary
    passage = first.locator(".ca-passage")
    assert not passage.is_visible()

    first.locator("summary").click()

    passage.wait_for(state="visible")
    assert "average salary of $136,620 per year" in passage.inner_text()
    shot = tmp_path / "chat.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        README_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copy(shot, README_SCREENSHOT)


def test_a_follow_up_shows_its_standalone_question_and_a_refusal_looks_different(page) -> None:
    ask(page, "How much does an ML engineer earn?")

    follow_up = ask(page, "and a data scientist?")
    refusal = ask(page, "What is the best recipe for sourdough bread?")

    assert "Searched the guide for:" in follow_up.locator(".ca-standalone").inner_text()
    first_source = follow_up.locator("details.ca-footnote").first.inner_text()
    assert display_section("Earning potentials > Data scientist") in first_source
    assert "Not covered by the guide" in refusal.inner_text()
    assert refusal.locator(".ca-nearest details.ca-nearby").count() >= 1
    assert refusal.evaluate("el => getComputedStyle(el).borderLeftStyle") == "solid"


def test_html_in_a_question_is_shown_as_text(page) -> None:
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script> what tools do data scientists use?'

    ask(page, hostile)

    question = page.locator("#ca-chat .user-row").last
    assert hostile in question.inner_text()
    assert question.locator("img, script").count() == 0


def test_two_sessions_do_not_share_history(browser, running_app, page) -> None:
    other = browser.new_page()
    other.goto(running_app.url)
    try:
        ask(page, "How much does an ML engineer earn?")
        alone = ask(other, "and a data scientist?")

        assert other.locator("#ca-chat .user-row").count() == 1
        assert alone.locator(".ca-standalone").count() == 0  # not rewritten: it saw no earlier question
    finally:
        other.close()


def test_a_new_conversation_forgets_the_last_one(page) -> None:
    ask(page, "How much does an ML engineer earn?")

    page.locator("#ca-new").click()
    page.locator("#ca-chat .user-row").first.wait_for(state="detached")
    alone = ask(page, "and a data scientist?")

    assert alone.locator(".ca-standalone").count() == 0


def test_a_document_added_in_the_browser_is_then_cited(page, tmp_path: Path) -> None:
    upload = tmp_path / "beekeeping careers.md"
    upload.write_text("# Beekeeping\n\n## Apiarist salaries\n\nA master apiarist earns 77 jars of honey per week.\n")
    page.get_by_role("tab", name="Documents").click()

    page.locator("#ca-files input[type=file]").set_input_files(str(upload))
    page.locator("#ca-add").click()

    page.locator("#ca-report", has_text="beekeeping-careers.md: added 1 chunk").wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "beekeeping-careers.md" in page.locator("#ca-corpus").inner_text()
    page.get_by_role("tab", name="Chat").click()
    answer = ask(page, "How many jars of honey does a master apiarist earn?")
    assert "77 jars of honey" in answer.inner_text()
    assert "beekeeping-careers.md" in answer.locator("details.ca-footnote").first.inner_text()


def test_html_in_a_document_is_shown_as_text_in_the_answer_and_its_footnote(page, running_app, tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    # A .txt file's text is text, tags included (a Markdown file's inline HTML is dropped at ingest, below).
    hostile = tmp_path / "zebra-herding.txt"
    payload = '<img src=x onerror="alert(3)"><script>alert(4)</script>'
    hostile.write_text(f"Zebra herding\n\nZebra herders earn {payload} twelve striped coins a week.\n")
    Client(running_app.url, verbose=False).predict([handle_file(hostile)], api_name="/add_documents")

    answer = ask(page, "How many striped coins do zebra herders earn a week?")
    footnote = answer.locator("details.ca-footnote").first
    footnote.locator("summary").click()

    assert payload in answer.locator("p").first.inner_text()
    assert payload in footnote.locator(".ca-passage").inner_text()
    assert page.locator("#ca-chat img[src=x], #ca-chat script").count() == 0


def test_inline_html_in_a_markdown_document_is_dropped_from_answers(page, running_app, tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    guide = tmp_path / "okapi-keeping.md"
    guide.write_text(
        '# Okapi keeping\n\n## Pay\n\nOkapi keepers earn <img src=x onerror="alert(5)">nine '
        "<b>forest</b> tokens a week.\n"
    )
    Client(running_app.url, verbose=False).predict([handle_file(guide)], api_name="/add_documents")

    answer = ask(page, "How many forest tokens do okapi keepers earn a week?")

    assert "Okapi keepers earn nine forest tokens a week" in answer.locator("p").first.inner_text()
    assert "<" not in answer.inner_text()
