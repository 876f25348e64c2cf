"""The text rules several modules share, each in one place: where a sentence ends, what opens a bullet, what a `[n]`
citation marker is."""

from __future__ import annotations

import re

__all__ = ["BARE_MARKER", "BULLET", "MARKER", "SENTENCE_END"]

# A sentence ends at . ! or ? before a capital, a digit or a quote; not inside "U.S." or "e.g.", after an initial
# ("J. Smith", not "the title PA-C. PAs ...") or after "vs.". A closing quote or bracket may follow the stop: 'owns
# the "what" and the "why." A UX designer asks ...'.
# Why not a sentence-splitting library: pysbd 0.3.4, measured on the five guides' 286 prose lines (2026-11-29),
# split 285 of them as this rule does (the one it taught us, "PA-C. PAs", is fixed here), took 372-755 ms against
# 10-22 ms, and split "No. Apprenticeships have ..." after "No." (kept whole on purpose: "No. 5"-style numbering).
SENTENCE_END = re.compile(
    r"(?<!\.[A-Za-z]\.)(?<![\s(][A-Z]\.)(?<!^[A-Z]\.)(?<!\bvs\.)(?<!\betc\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\bMs\.)"
    r"(?<!\bNo\.)"
    r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d\u2019)]))\s+(?=[A-Z0-9$\"\u201c(])"
)
# A Markdown or plain-text list item: "- ", "* ", "+ ", "• ", "1. ", "2) ".
BULLET = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")
# A citation marker with the space before it: removed with the marker, or dropped when the marker is set as a
# superscript ("per year [1]." -> "per year<sup>[1]</sup>.").
MARKER = re.compile(r"\s*\[(\d+)\]")
# The marker alone, where the text around it is kept as written (Markdown output).
BARE_MARKER = re.compile(r"\[(\d+)\]")
