"""The chat page in a real headless Chromium (Debian's), driven by Playwright.

`UPDATE_SCREENSHOT=1 pytest tests/ui/test_browser.py -k footnote` also saves the page to docs/screenshot.png
for the README, from the same test that checks it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ui.render import display_section

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
README_SCREENSHOT = Path(__file__).parents[2] / "docs" / "screenshot.png"
ANSWER_TIMEOUT_MS = 60_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, running_app):
    """A fresh browser session on the chat page; fails the test if the page ever opens a dialog (a script ran)."""
    context = browser.new_context(viewport={"width": 1200, "height": 960})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(running_app.url)
    page.locator("#ca-question textarea").wait_for()
    yield page
    context.close()
    assert dialogs == [], f"the page ran a script: {dialogs}"


def ask(page, question: str):
    """Type a question, send it, and return the locator of its finished answer (answer or refusal)."""
    answers = page.locator("#ca-chat .bot-row")
    before = answers.count()
    page.locator("#ca-question textarea").fill(question)
    page.locator("#ca-send").click()
    done = answers.nth(before).locator(".ca-answer:not(.ca-streaming), .ca-refusal")
    done.wait_for(timeout=ANSWER_TIMEOUT_MS)
    return done


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
    assert refusal.locator(".ca-nearest li").count() >= 1
    assert refusal.evaluate("el => getComputedStyle(el).borderLeftStyle") == "solid"


def test_html_in_a_question_is_shown_as_text(page) -> None:
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script> what tools do data scientists use?'

    ask(page, hostile)

    question = page.locator("#ca-chat .user-row").last
    assert hostile in question.inner_text()
    assert question.locator("img, script").count() == 0


def test_an_empty_question_shows_an_error_not_a_traceback(page) -> None:
    page.locator("#ca-question textarea").fill("   ")
    page.locator("#ca-send").click()

    error = page.get_by_text("the question is empty")
    error.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "Traceback" not in page.content()
    assert page.locator("#ca-chat .user-row").count() == 0


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


def test_clear_chat_forgets_the_conversation(page) -> None:
    ask(page, "How much does an ML engineer earn?")

    page.locator("#ca-clear").click()
    page.locator("#ca-chat .user-row").first.wait_for(state="detached")
    alone = ask(page, "and a data scientist?")

    assert alone.locator(".ca-standalone").count() == 0


def test_a_document_added_in_the_browser_is_then_cited(page, tmp_path: Path) -> None:
    upload = tmp_path / "beekeeping careers.md"
    upload.write_text("# Beekeeping\n\n## Apiarist salaries\n\nA master apiarist earns 77 jars of honey per week.\n")
    page.get_by_role("tab", name="Add documents").click()

    page.locator("#ca-files input[type=file]").set_input_files(str(upload))
    page.locator("#ca-add").click()

    page.locator("#ca-report", has_text="chunks added").wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "beekeeping-careers.md" in page.locator("#ca-corpus").inner_text()
    page.get_by_role("tab", name="Chat").click()
    answer = ask(page, "How many jars of honey does a master apiarist earn?")
    assert "77 jars of honey" in answer.inner_text()
    assert "beekeeping-careers.md" in answer.locator("details.ca-footnote").first.inner_text()


def test_html_in_a_document_is_shown_as_text_in_the_answer_and_its_footnote(page, running_app, tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    hostile = tmp_path / "zebra-herding.md"
    payload = '<img src=x onerror="alert(3)"><script>alert(4)</script>'
    hostile.write_text(f"# Zebra herding\n\n## Pay\n\nZebra herders earn {payload} twelve striped coins a week.\n")
    Client(running_app.url, verbose=False).predict([handle_file(hostile)], api_name="/add_documents")

    answer = ask(page, "How many striped coins do zebra herders earn a week?")
    footnote = answer.locator("details.ca-footnote").first
    footnote.locator("summary").click()

    assert payload in answer.locator("p").first.inner_text()
    assert payload in footnote.locator(".ca-passage").inner_text()
    assert page.locator("#ca-chat img[src=x], #ca-chat script").count() == 0
