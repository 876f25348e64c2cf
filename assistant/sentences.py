"""Passage sentences, and their vectors computed once per passage (passages never change, IDs are content hashes)."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

import numpy as np

from .embeddings import embed_text
from .text_rules import BULLET as _BULLET
from .text_rules import SENTENCE_END

_EMPHASIS = re.compile(r"\*\*|__|`|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
# The bold names a list item opens with: "**Figma**", "**Sketch** and **Adobe XD**".
_BOLD_LEAD = re.compile(r"(\*\*|__)[^*_]+(\*\*|__)(\s*(,|and|or|&)\s*(\*\*|__)[^*_]+(\*\*|__))*")
_NUMBERED_BOLD = re.compile(r"^(\*\*|__)(\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)[^*_]+(\*\*|__)\s*:?\s*$")
# Sentences that point around the text ("In this article, we'll explore ...") and carry no answer.
SIGNPOST = re.compile(
    r"\b(this (article|guide|post|page)|we'll|we\u2019ll|we will|(sections?|outlined|detailed|listed) below|"
    r"below is|below,|the following|here's what|here\u2019s what|here's an overview|here\u2019s an overview)\b",
    re.I,
)
# A short verdict opening an answer: "Usually not.", "Not always.", "Yes." (it reads with the sentence after it).
_VERDICT = re.compile(
    r"^\s*((usually|generally|often|mostly|not|rarely|almost) )?(not|yes|no|always|never|usually)[.!]\s*$", re.I
)
# An intro that opens by pointing back at the sentence before it: "That's enough for many entry-level jobs, but ...:".
_POINTS_BACK = re.compile(r"^(that|this|these|those)('s|\s)", re.I)
# A list-naming sentence made by `passage_sentences`: "... including: R and SQL; Microsoft Excel; Jupyter."
LIST_SENTENCE = re.compile(r":\s[^;]+(;\s[^;]+)+\.$")


def _split_version() -> str:
    """Which `passage_sentences` this is: a hash of the code that splits (this module and its text rules). Ingest
    records it with each chunk whose stored sentences it made or checked, so a reader of such a chunk need not split
    it again to know they are the sentences it would make; after any change to that code, it does (and embeds them
    when they differ) until the next ingest."""
    from pathlib import Path

    here = Path(__file__).with_name
    try:
        code = b"".join(here(name).read_bytes() for name in ("sentences.py", "text_rules.py"))
    except OSError:  # no source to read (a zipped install): always check
        return ""
    return hashlib.sha256(code).hexdigest()[:16]


SPLIT_VERSION = _split_version()


def split_sentences(text: str) -> list[str]:
    """The sentences of a line of prose."""
    return SENTENCE_END.split(text)


def plain(text: str) -> str:
    """Text without Markdown emphasis (`**bold**`, `_em_`, backticks)."""
    return _EMPHASIS.sub("", text)


def _cells(line: str) -> list[str]:
    return [plain(c).strip() for c in line.strip().strip("|").split("|")]


_LEVEL = re.compile(r"\b(median|average|mean|entry|junior|senior|mid|top|bottom|lowest|highest|starting)\b", re.I)


# A first column's header that says nothing of its rows: "Measure", "Item" ("Exam fee (measure)" would be noise).
_GENERIC_COLUMN = frozenset(
    ["measure", "metric", "item", "category", "feature", "detail", "details", "aspect", "factor", "criterion", "topic"]
)


def table_sentences(lines: list[str]) -> list[str]:
    """A Markdown table read row by row, each cell with its column header: "Salary (US): analyst $70K, tester $95K.",
    and a row's label with the first column's header, if it has one: "Pipeline construction (industry): ..."."""
    rows = [_cells(line) for line in lines if not _TABLE_RULE.match(line.strip())]
    if len(rows) < 2:
        return [" ".join(c for c in rows[0] if c)] if rows else []
    header, sentences = rows[0], []
    for row in rows[1:]:
        label, cells = row[0], row[1:]
        # the first column's header too: "Pipeline construction (industry): ..." (not of a level: "Median", "Senior
        # (top 10%)" say what they are)
        if label and header[0] and not _LEVEL.search(label) and header[0].lower() not in _GENERIC_COLUMN:
            named = header[0].lower() if not re.search(r"[A-Z].*[A-Z]", header[0]) else header[0]
            label = f"{label[:-1]}; {named})" if label.endswith(")") else f"{label} ({named})"
        # A figure reads after its column ("analyst $70K"); words read as the column's ("UX designer: Junior UX
        # designer; Product manager: Associate product manager").
        words_ = any(cell and not re.match(r"[$€£\d]", cell) for cell in cells)
        parts = [
            (f"{header[n + 1]}: {cell}" if words_ else f"{header[n + 1]} {cell}").strip()
            if n + 1 < len(header)
            else cell
            for n, cell in enumerate(cells)
            if cell
        ]
        if parts:
            joined = ("; " if words_ else ", ").join(parts)
            sentences.append(f"{label}: {joined}." if label else f"{joined}.")
    return sentences


# A list item that is a label and its figure: "Time limit: 3.5 hours", "Application fee: $225".
_LABELLED_FIGURE = re.compile(r"^[A-Z][^:]{1,40}: [^:]*\d")
# What a long step says before its colon or semicolon: "Complete a Clinical Fellowship (CF)", "Obtain a state license".
_STEP_HEAD = re.compile(r"^((?:\S+ ){1,11}?\S+?)[:;] ")


def passage_sentences(text: str, section: str = "") -> list[str]:
    """A passage's sentences, and for each list of labelled items one sentence naming them all.

    A list item's short label stays with each of its sentences ("Matplotlib: Data scientists use Matplotlib ..."),
    unless that sentence opens with it ("Jupyter notebooks are ..."); a list's intro
    ("... tools, including:") becomes the start of the naming sentence: "... including: R and SQL;
    Microsoft Excel; Jupyter." Intros, lone list words and bold pseudo-headings are not answers on their own;
    a table row is read with its headers. A list with no intro is introduced by its section's headings.
    """
    path = [h for h in section.split(" > ") if h][-2:]
    leaf = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in path[-1].split()) if path else ""
    fallback = f"{path[0]} ({leaf}):" if len(path) == 2 else f"{path[0]}:" if path else ""
    units: list[str] = []
    intro, labels = "", []
    table: list[str] = []
    waiting = False  # the line before was a paragraph's intro ("The usual order:")

    def close_list() -> None:
        nonlocal intro, labels
        if (intro or fallback) and len(labels) >= 2:
            # "; " parts the items: an item's own ("Days off are truly off; once you're home ...") reads as a comma
            units.append(f"{intro or fallback} {'; '.join(label.replace('; ', ', ') for label in labels)}.")
        intro, labels = "", []

    def close_table() -> None:
        if table:
            units.extend(table_sentences(table))
            table.clear()

    for line in text.split("\n"):
        line = line.strip()
        if line.startswith("|"):
            close_list()
            table.append(line)
            continue
        close_table()
        if not line:
            continue
        if _BOLD_LINE.match(line):  # "**Key facts:**": a heading in disguise, maybe a list's intro
            close_list()
            label = plain(line).strip()
            # "**Cons**" under "### Accountant": a short heading of the list after it, "Cons (accountant): ..."
            short = leaf and len(label.split()) <= 3 and label[-1:].isalnum()
            intro = label if label.endswith(":") else f"{label} ({leaf}):" if short else ""
            continue
        line = _NUMBERED_BOLD.sub(r"\2 \1", line)  # "**1. Apprentice.** Most people ...": a numbered item
        bullet = _BULLET.match(line)
        parts = split_sentences(plain(line[bullet.end() :] if bullet else line))
        lead = _BOLD_LEAD.match(line[bullet.end() :]) if bullet else None
        if lead and plain(lead.group(0)).rstrip()[-1:] in ".:" and 6 < len(parts[0].split()) <= 12 and len(parts) > 1:
            # "- **VP of product or chief product officer (CPO).** Lead the entire ...": a long label is a label.
            labels.append(parts[0].rstrip(".:"))
            units.extend(f"{parts[0].rstrip('.:')}: {p.strip()}" for p in parts[1:] if len(p.split()) >= 3)
            continue
        if lead and len(parts[0].split()) > 6:
            # "- **Sketch** and **Adobe XD** are older design tools ...": the bold names are the item; the sentence
            # names them already. "- **Instruments:** ultrasonic scalers, probes, ...": a bulleted list's category, its
            # items after it.
            label = plain(lead.group(0)).strip()
            if not label.endswith(":") or line[:1].isdigit():  # "1. **ADN:** 2 to 3 years ...": a numbered route
                labels.append(label.rstrip(":").strip())
            units.extend(p.strip() for p in parts if len(p.split()) >= 3)
            continue
        # A list item: a short label ("Splunk.", "Education."), or a bare phrase with no sentence of its own
        # ("networking fundamentals such as TCP/IP and DNS").
        core = re.sub(r"\s*\([^)]*\)", "", parts[0])  # "Stair climb (with an extra 25 pounds ...)": two words
        if bullet and (
            len(core.split()) <= 6
            or (len(parts) == 1 and parts[0].rstrip()[-1:] not in ".!?" and len(core.split()) <= 12)
        ):
            labels.append(parts[0].rstrip("."))
            if len(parts) == 1:
                # "4. Pass the Praxis exam.": a step told as a sentence (not a rung, "1. Financial Analyst (0-3
                # years)"); "- **Time limit:** 3.5 hours": a fact; each a sentence of its own too
                step = bullet.group(1)[0].isdigit() and parts[0].rstrip()[-1:] in ".!?" and len(core.split()) >= 3
                # ... as is a long numbered one ("2. A computer-based exam of 177 questions, taken within one year")
                step = step or (bullet.group(1)[0].isdigit() and len(core.split()) >= 8)
                if _LABELLED_FIGURE.match(parts[0]) or step:
                    units.append(f"{parts[0].rstrip('.')}.")
                continue  # "- clear technical writing": an item of the list, not a sentence
            if len(parts) > 1 and parts[1].lower().startswith(parts[0].rstrip(".").lower()):
                parts = parts[1:]  # "Nmap. Nmap scans networks ...": the sentence names it already
            elif len(parts) > 1:  # "Jupyter: Jupyter notebooks are ...": the label does not read as a sentence
                # Each of the item's sentences keeps its label: "Certifications: The CISSP requires ..." is about
                # certifications too (the writer joins an item's sentences back, `extractive._Plan.extracted`).
                label = parts[0].rstrip(".")
                parts = [f"{label}: {p}" for p in parts[1:]]
        elif bullet and (intro or labels) and len(parts) == 1 and parts[0].rstrip()[-1:] not in ".!?":
            # "- Highest earning potential of the two, with senior captains earning well into six figures": a long
            # item of a list that has its intro or short items, and a sentence of its own (below)
            labels.append(parts[0].strip())
        elif bullet and bullet.group(1)[0].isdigit() and len(parts) == 1 and len(core.split()) <= 16:
            labels.append(parts[0].rstrip("."))  # "3. Build strength and cardio, then pass the CPAT.": a step, and
            # a sentence of its own (below)
        elif bullet and bullet.group(1)[0].isdigit() and len(parts) == 1 and (head := _STEP_HEAD.match(parts[0])):
            labels.append(head.group(1))  # "5. Complete a Clinical Fellowship (CF): at least 36 weeks and ...": a long
            # step, named by what it says before its colon; and a sentence of its own (below)
        elif not bullet:
            # "The usual order:" then "Police Officer → Corporal → ...": a paragraph that is what its intro announced
            announced = intro if waiting and not labels and not line.endswith(":") else ""
            close_list()
            if announced:
                if units and announced.startswith(units[-1].rstrip(".")):  # the sentence the intro took is in it
                    units.pop()
                parts = [f"{announced} {parts[0]}", *parts[1:]]
            if line.endswith(":"):
                # "Both share a toolkit. Here's an overview of it:": the sentence that says something introduces it.
                said = [p for p in parts if not SIGNPOST.search(p)]
                intro = plain(line) if len(parts) == 1 or not said else said[-1].rstrip(".:") + ":"
                if len(said) >= 2 and (len(said[-1].split()) <= 3 or _POINTS_BACK.match(said[-1])):
                    # "... or less. It's pass/fail:", "... in accounting. That's enough for ...:": the one before too
                    intro = f"{said[-2].rstrip('.')}; {said[-1][:1].lower()}{said[-1][1:].rstrip('.:')}:"
        waiting = not bullet and line.endswith(":")
        if len(parts) > 1 and _VERDICT.match(parts[0]):  # "Usually not. EMT-B is the standard baseline.": one answer,
            parts = [f"{parts[0].strip().rstrip('.!')}: {parts[1].strip()}", *parts[2:]]  # "Usually not: EMT-B ..."
        units.extend(p.strip() for p in parts if len(p.split()) >= 3 and not p.rstrip().endswith(":"))
    close_list()
    close_table()
    return units


class SentenceVectors:
    """Vectors of passage sentences: as ingest stored them with the index, else embedded here once per passage.

    Ingest stores every chunk's sentences and their vectors (`ingest.pipeline`), so no question embeds guide text;
    a passage of an index built before that, or whose stored sentences are not the ones `passage_sentences` makes
    now, is embedded here. Either way a passage's pair is kept (IDs are content hashes: a passage never changes),
    up to `keep` passages, the least recently used forgotten first, so a process's memory does not grow with the
    corpus.
    """

    def __init__(self, embeddings, store=None, keep: int = 4096) -> None:
        self.embeddings = embeddings
        self.store = store
        self.keep = keep
        self._cache: OrderedDict[str, tuple[list[str], np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, passages) -> list[tuple[list[str], np.ndarray]]:
        """Each passage's sentences and their vectors; anything with `.id`, `.section` and `.text`."""
        with self._lock:
            found = {p.id: self._cache[p.id] for p in passages if p.id in self._cache}
            for chunk_id in found:
                self._cache.move_to_end(chunk_id)
        missing = list({p.id: p for p in passages if p.id not in found}.values())
        if missing:
            stored = self.store.sentence_vectors([p.id for p in missing]) if self.store is not None else {}
            split = self.store.split_by([p.id for p in missing], SPLIT_VERSION) if stored and SPLIT_VERSION else set()
            texts = {p.id: passage_sentences(p.text, p.section) or [p.text] for p in missing if p.id not in split}
            for p in missing:
                if p.id in stored and (p.id in split or stored[p.id][0] == texts[p.id]):
                    found[p.id] = stored[p.id]
            unstored = [p for p in missing if p.id not in found]
            flat = [embed_text(p.section, s) for p in unstored for s in texts[p.id]]
            vectors = self.embeddings.encode(flat) if flat else None
            start = 0
            for p in unstored:
                n = len(texts[p.id])
                found[p.id] = (texts[p.id], vectors[start : start + n])
                start += n
            with self._lock:
                for p in missing:
                    self._cache[p.id] = found[p.id]
                while len(self._cache) > self.keep:
                    self._cache.popitem(last=False)
        return [found[p.id] for p in passages]
