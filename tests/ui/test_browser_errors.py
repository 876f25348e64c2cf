"""Bad input in the browser: answered beside the box, the text kept, nothing laid over the chat; logged too."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from chat_page import ANSWER_TIMEOUT_MS, ask, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


def _no_overlay(page) -> None:
    """Nothing covers the chat or the box: no error toast or pill, and a click lands in the box."""
    assert page.locator(".toast-body, .error").count() == 0
    box = page.locator("#ca-question textarea")
    box.click(timeout=2000)  # Playwright refuses to click an element that something else covers
    assert page.evaluate("document.activeElement === document.querySelector('#ca-question textarea')")


@pytest.mark.parametrize(
    ("typed", "message"),
    [("   ", "the question is empty"), ("why? " * 420, "characters long; the limit is 2000")],
    ids=["empty", "too-long"],
)
def test_a_bad_question_is_answered_inline_and_stays_in_the_box(page, caplog, typed: str, message: str) -> None:
    box = page.locator("#ca-question textarea")
    box.fill(typed)

    with caplog.at_level(logging.WARNING, logger="ui"):
        page.locator("#ca-send").click()
        page.locator("#ca-notice [role=alert]", has_text=message).wait_for(timeout=ANSWER_TIMEOUT_MS)

    assert box.input_value() == typed
    assert page.locator("#ca-chat .user-row").count() == 0
    _no_overlay(page)
    assert any(message in record.getMessage() for record in caplog.records), "the error was not logged"
    box.fill("How much does an ML engineer earn?")
    page.keyboard.press("Enter")
    page.locator("#ca-chat .ca-answer:not(.ca-streaming)").wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert page.locator("#ca-notice").inner_text().strip() == ""


def test_the_box_counts_characters_near_the_limit(page) -> None:
    box = page.locator("#ca-question textarea")
    counter = page.locator("#ca-counter")

    box.fill("x" * 100)
    assert counter.inner_text().strip() == ""
    box.fill("x" * 1900)
    assert counter.inner_text().startswith("1,900 / 2,000 characters")
    box.fill("x" * 2010)
    assert "10 over the limit" in counter.inner_text()
    assert "ca-over" in counter.get_attribute("class")


def test_a_refused_upload_is_reported_inline_per_file(page, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "orchards.md").write_text("# Orchards\n\n## Pay\n\nAn orchard keeper is paid 31 baskets of quinces.\n")
    page.get_by_role("tab", name="Documents").click()

    page.locator("#ca-files input[type=file]").set_input_files(
        [str(tmp_path / "notes.md"), str(tmp_path / "orchards.md")]
    )
    page.locator("#ca-add").click()

    report = page.locator("#ca-report .ca-report")
    report.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "orchards.md: added 1 chunk" in report.inner_text()
    assert "notes.md: refused: " in report.inner_text() and "binary" in report.inner_text()
    assert page.locator(".toast-body, .error").count() == 0

    page.locator("#ca-files input[type=file]").set_input_files(str(tmp_path / "orchards.md"))
    page.locator("#ca-add").click()
    page.locator("#ca-report", has_text="orchards.md: already indexed, unchanged").wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "added" not in report.inner_text()


def test_the_picker_offers_only_supported_types(page) -> None:
    page.get_by_role("tab", name="Documents").click()

    accept = page.locator("#ca-files input[type=file]").get_attribute("accept")

    assert {t.strip() for t in accept.split(",")} == {".md", ".txt", ".html", ".htm", ".pdf"}


def test_an_error_while_answering_is_shown_inline_and_the_chat_kept(page, running_app, monkeypatch) -> None:
    from assistant.errors import StoreUnavailable

    ask(page, "How much does an ML engineer earn?")

    def down(*args, **kwargs):
        # Stands in for a Chroma server gone away: what is under test is how the page shows the library's error.
        raise StoreUnavailable("the Chroma server at 127.0.0.1:1 does not answer")

    monkeypatch.setattr(running_app.assistant, "stream", down)
    page.locator("#ca-question textarea").fill("and a data scientist?")
    page.locator("#ca-send").click()

    page.locator("#ca-notice", has_text="does not answer").wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert page.locator("#ca-question textarea").input_value() == "and a data scientist?"
    assert page.locator("#ca-chat .user-row").count() == 1
    _no_overlay(page)


def test_a_large_upload_shows_its_progress_until_it_is_done(page, running_app, tmp_path: Path) -> None:
    sections = [f"## Orchard {n}\n\n" + f"Orchard {n} grows quinces of kind {n} in rows. " * 20 for n in range(120)]
    large = tmp_path / "quince-orchards.md"
    large.write_text("# Quince orchards\n\n" + "\n\n".join(sections) + "\n")
    assert large.stat().st_size < running_app.settings.max_upload_mb * 2**20
    page.get_by_role("tab", name="Documents").click()
    page.locator("#ca-files input[type=file]").set_input_files(str(large))

    page.evaluate("""() => {
        window.progressSeen = [];
        const report = document.querySelector('#ca-report');
        new MutationObserver(() => window.progressSeen.push(report.innerText)).observe(report.parentElement,
            {subtree: true, childList: true, characterData: true});
    }""")

    page.locator("#ca-add").click()

    page.locator("#ca-report", has_text="quince-orchards.md: added").wait_for(timeout=ANSWER_TIMEOUT_MS)
    seen = page.evaluate("window.progressSeen")
    counts = [
        int(m.group(1)) for text in seen if "Embedding" in text for m in [re.search(r"(\d+)/120 chunks", text)] if m
    ]
    assert counts and max(counts) >= 100, f"the progress was not shown through the embedding: {counts}"
