"""The page as a whole: the first screen at desktop and phone sizes, accessible names, and axe-core's audit.

axe-core comes from the `axe-playwright-python` package (its wheel carries `axe.min.js`): nothing is fetched.
`UPDATE_SCREENSHOT=1 pytest tests/ui/test_browser_page.py -k start` also saves the phone screenshot of the README.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from chat_page import DESKTOP, PHONE, ask, needs_chromium

PHONE_SCREENSHOT = Path(__file__).parents[2] / "docs" / "screenshot-phone.png"

pytestmark = [pytest.mark.browser, needs_chromium]


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]} {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_first_screen_shows_title_intro_examples_and_box_without_scrolling(
    open_page, running_app, viewport
) -> None:
    page = open_page(running_app.url, viewport=viewport)
    page.locator("#ca-chat .example").first.wait_for()
    page.wait_for_timeout(1000)  # anything that would scroll the page on load has run by now

    assert page.evaluate("window.scrollY") == 0
    for selector in ("#ca-header h1", "#ca-header p", "#ca-chat .example", "#ca-question textarea", "#ca-send"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], f"{selector} is off-screen"


def test_a_long_answer_is_shown_from_its_start(open_page, running_app, tmp_path) -> None:
    page = open_page(running_app.url, viewport=PHONE)
    ask(page, "How much does an ML engineer earn?")
    answer = ask(page, "What tools do data scientists use?")
    answer.locator("details.ca-footnote summary").first.wait_for()
    page.wait_for_timeout(500)

    question = page.locator("#ca-chat .user-row").last.bounding_box()
    chat = page.locator("#ca-chat .bubble-wrap").bounding_box()
    assert chat["y"] - 1 <= question["y"] <= chat["y"] + 40, "the newest question is not at the top of the chat"
    shot = tmp_path / "phone.png"
    page.screenshot(path=str(shot))
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        shutil.copy(shot, PHONE_SCREENSHOT)


def test_messages_are_named_by_their_text(page) -> None:
    ask(page, "How much does an ML engineer earn?")
    ask(page, "What is the best recipe for sourdough bread?")

    labels = page.locator("#ca-chat [aria-label]").evaluate_all("els => els.map(el => el.getAttribute('aria-label'))")
    messages = [label for label in labels if label.startswith(("Question:", "Answer:"))]

    assert len(messages) == 4
    assert all("<" not in label for label in labels)
    assert messages[1].startswith("Answer: The role of an ML engineer")


def test_axe_finds_no_serious_violation_on_the_chat_with_an_answer_and_a_refusal(page) -> None:
    ask(page, "How much does an ML engineer earn?")
    ask(page, "What is the best recipe for sourdough bread?")

    assert _serious(page) == []


def test_axe_finds_no_serious_violation_on_the_documents_tab(page) -> None:
    page.get_by_role("tab", name="Documents").click()
    page.locator("#ca-corpus table").wait_for()

    assert _serious(page) == []
