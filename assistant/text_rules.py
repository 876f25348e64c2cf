"""The text rules several modules share, each in one place: where a sentence ends, what opens a bullet, what a `[n]`
citation marker is."""

from __future__ import annotations

import re

__all__ = ["BARE_MARKER", "BULLET", "MARKER", "SENTENCE_END"]

# A sentence ends at . ! or ? before a capital, a digit or a quote; not inside "U.S." or "e.g." or after "vs.".
# A closing quote or bracket may follow the stop: 'owns the "what" and the "why." A UX designer asks ...'.
SENTENCE_END = re.compile(
    r"(?<!\.[A-Za-z]\.)(?<!\b[A-Z]\.)(?<!\bvs\.)(?<!\betc\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\bMs\.)(?<!\bNo\.)"
    r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d\u2019)]))\s+(?=[A-Z0-9$\"\u201c(])"
)
# A Markdown or plain-text list item: "- ", "* ", "+ ", "• ", "1. ", "2) ".
BULLET = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")
# A citation marker with the space before it: removed with the marker, or dropped when the marker is set as a
# superscript ("per year [1]." -> "per year<sup>[1]</sup>.").
MARKER = re.compile(r"\s*\[(\d+)\]")
# The marker alone, where the text around it is kept as written (Markdown output).
BARE_MARKER = re.compile(r"\[(\d+)\]")
