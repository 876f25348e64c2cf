"""Documents in the browser: limit a question to some documents; list them; remove one, from index and corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_page import ANSWER_TIMEOUT_MS, ask, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

SECOND_GUIDE = Path(__file__).parents[1] / "data" / "cybersecurity-analyst-vs-penetration-tester.md"
GUIDE = "ml-engineer-vs-data-scientist.md"


@pytest.fixture
def two_guides_app(start_app):
    """An app of its own (these tests remove documents) with a second guide added to the corpus."""
    from ingest import ingest

    running = start_app()
    (running.settings.corpus_dir / SECOND_GUIDE.name).write_bytes(SECOND_GUIDE.read_bytes())
    ingest(
        running.settings,
        embeddings=running.assistant.embeddings,
        store=running.assistant.store,
        progress=lambda done, total: None,
    )
    return running


def _sources(answer) -> set[str]:
    return {s.strip().removeprefix("— ") for s in answer.locator(".ca-source").all_inner_texts()}


def test_a_filter_to_one_document_changes_the_sources(open_page, two_guides_app) -> None:
    page = open_page(two_guides_app.url)
    question = "What skills and tools do they need?"
    everywhere = _sources(ask(page, question))
    assert everywhere, "the unfiltered answer cites nothing"
    other = SECOND_GUIDE.name if GUIDE in everywhere else GUIDE

    page.locator("#ca-sources input").click()
    page.get_by_role("option", name=other).click()
    page.keyboard.press("Escape")
    page.locator("#ca-new").click()
    page.locator("#ca-chat .user-row").first.wait_for(state="detached")
    limited = _sources(ask(page, question))

    assert limited == {other}


def test_the_documents_tab_lists_documents_and_removes_one_after_confirmation(open_page, two_guides_app) -> None:
    page = open_page(two_guides_app.url)
    page.get_by_role("tab", name="Documents").click()
    table = page.locator("#ca-corpus table")
    table.wait_for()
    rows = {row.split("\t")[0]: row.split("\t") for row in table.locator("tbody tr").all_inner_texts()}
    assert set(rows) == {GUIDE, SECOND_GUIDE.name}
    chunks = sum(1 for m in two_guides_app.assistant.store.metadatas().values() if m["source"] == SECOND_GUIDE.name)
    assert rows[SECOND_GUIDE.name][1] == str(chunks) and rows[SECOND_GUIDE.name][2].endswith("kB")

    page.locator("#ca-remove-choice input").click()
    page.get_by_role("option", name=SECOND_GUIDE.name).click()
    page.locator("#ca-remove").click()
    page.locator("#ca-removal", has_text="Remove " + SECOND_GUIDE.name).wait_for()
    assert SECOND_GUIDE.name in two_guides_app.indexed_sources()  # nothing happens before the confirmation
    page.locator("#ca-remove-yes").click()

    page.locator("#ca-removal", has_text=f"Removed {SECOND_GUIDE.name} ({chunks} chunks)").wait_for(
        timeout=ANSWER_TIMEOUT_MS
    )
    assert two_guides_app.indexed_sources() == {GUIDE}
    assert SECOND_GUIDE.name not in two_guides_app.corpus_files()
    assert SECOND_GUIDE.name not in table.inner_text()
    page.get_by_role("tab", name="Chat").click()
    assert SECOND_GUIDE.name not in _sources(ask(page, "What does a penetration tester do?"))


def test_cancelling_a_removal_keeps_the_document(open_page, two_guides_app) -> None:
    page = open_page(two_guides_app.url)
    page.get_by_role("tab", name="Documents").click()
    page.locator("#ca-remove-choice input").click()
    page.get_by_role("option", name=GUIDE).click()
    page.locator("#ca-remove").click()

    page.locator("#ca-remove-no").click()

    page.locator("#ca-confirm").wait_for(state="hidden")
    assert GUIDE in two_guides_app.indexed_sources() and GUIDE in two_guides_app.corpus_files()
