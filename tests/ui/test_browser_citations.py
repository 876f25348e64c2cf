"""`[n]` markers in the browser: a link whose hover and focus preview the passage, whose click opens its footnote."""

from __future__ import annotations

import pytest
from chat_page import ask, needs_chromium

from ui.render import display_section

pytestmark = [pytest.mark.browser, needs_chromium]


def test_hovering_a_marker_previews_its_passage_and_clicking_opens_its_footnote(page) -> None:
    answer = ask(page, "How much does an ML engineer earn?")
    marker = answer.locator("a.ca-marker").first
    preview = marker.locator(".ca-preview")
    footnote = answer.locator("details.ca-footnote").first
    assert marker.evaluate("el => getComputedStyle(el).cursor") == "pointer"
    assert not preview.is_visible() and footnote.get_attribute("open") is None

    marker.hover()

    preview.wait_for(state="visible")
    assert display_section("Earning potentials > ML engineer") in preview.inner_text()
    assert "136,620" in preview.inner_text()

    page.mouse.move(0, 0)
    preview.wait_for(state="hidden")
    marker.focus()
    preview.wait_for(state="visible")

    marker.click()

    footnote.locator(".ca-passage").wait_for(state="visible")
    assert footnote.get_attribute("open") is not None
    assert marker.get_attribute("href") == "#" + footnote.get_attribute("id")
    assert footnote.evaluate("""el => {
        const box = el.closest('.bubble-wrap') || document.documentElement, r = el.getBoundingClientRect(),
              b = box.getBoundingClientRect();
        return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    }"""), "the footnote was not scrolled into view"


def test_markers_of_two_answers_open_their_own_footnotes(page) -> None:
    ask(page, "How much does an ML engineer earn?")
    second = ask(page, "How much does a data scientist earn?")

    second.locator("a.ca-marker").first.click()

    opened = page.locator("#ca-chat details.ca-footnote[open]")
    assert opened.count() == 1
    assert display_section("Earning potentials > Data scientist") in opened.inner_text()


def test_a_refusal_names_the_file_of_each_nearest_section_and_opens_its_passage(page) -> None:
    refusal = ask(page, "What is the best recipe for sourdough bread?")
    nearest = refusal.locator("details.ca-nearby")
    assert 1 <= nearest.count() <= 3
    assert "ml-engineer-vs-data-scientist.md" in nearest.first.locator("summary").inner_text()

    nearest.first.locator("summary").click()

    passage = nearest.first.locator(".ca-passage")
    passage.wait_for(state="visible")
    assert len(passage.inner_text()) > 40
