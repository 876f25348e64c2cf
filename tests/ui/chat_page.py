"""What the browser tests share: where Chromium is, the viewports, and asking a question on the page."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANSWER_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
)


def ask(page, question: str):
    """Type a question, send it, and return the locator of its finished answer (answer or refusal)."""
    answers = page.locator("#ca-chat .bot-row")
    before = answers.count()
    page.locator("#ca-question textarea").fill(question)
    page.locator("#ca-send").click()
    done = answers.nth(before).locator(".ca-answer:not(.ca-streaming), .ca-refusal")
    done.wait_for(timeout=ANSWER_TIMEOUT_MS)
    return done
