"""Documents are untrusted input: sentences that address the assistant instead of the reader are dropped at ingest.

A guide tells a person about careers; it has no reason to tell an assistant to ignore the question, to say a
word, or that it is now something else. The extractive writer quotes sentences verbatim and an LLM writer
reads them as part of its prompt, so such a sentence would be repeated to users or obeyed. The patterns
recognise the shape of an instruction to a reader-machine (an override of the question or instructions, a
new role, a dictated output, an explicit address to an AI), not any one wording; what they drop is listed in
the ingest report, so a false alarm is visible.
"""

from __future__ import annotations

import re

from assistant.sentences import split_sentences

__all__ = ["drop_instructions", "is_instruction"]

# Where an imperative can start a clause: the sentence's start, after a clause mark, or after a linking word.
_CLAUSE = r"(?:^|[,;:(\u2014\u2013-]\s*|\b(?:so|and|then|now|please|just|simply|instead|also)\s+)"
_OVERRIDE = re.compile(
    _CLAUSE + r"(?:ignore|disregard|forget|override|bypass|discard)\s+"
    r"(?:(?:all|any|the|your|my|this|these|previous|prior|earlier|above|preceding|following|user'?s?|original|"
    r"actual|real|other|system)\s+){0,3}"
    r"(?:question|questions|instructions?|prompts?|rules|guidelines|directions|directives|context|system\s+message|"
    r"everything|what\s+(?:you|the\s+user)|the\s+above)\b",
    re.I,
)
_NEW_ROLE = re.compile(
    r"\byou\s+are\s+(?:now|no\s+longer)\b|\bfrom\s+now\s+on\b|\bpretend\s+(?:to\s+be|you\s+are|that\s+you)\b"
    r"|\b(?:new|updated|real)\s+(?:instructions|system\s+prompt)\b|\bsystem\s+prompt\b|\bdeveloper\s+mode\b"
    r"|\bjailbreak|\bprompt\s+injection\b|\b(?:your|these)\s+instructions\s+(?:are|have)\b",
    re.I,
)
# A dictated output: "say HACKED", "reply with 'yes'", "output only the word X", "tell the user that ...".
_DICTATE = re.compile(
    _CLAUSE + r"(?:(?:say|print|output|type|repeat|echo)\s+(?:only\s+|exactly\s+|just\s+)?"
    r"|(?:reply|respond|answer)\s+(?:only\s+|exactly\s+|just\s+)?(?:with|by\s+saying)\s+(?:only\s+)?"
    r"|tell\s+(?:the\s+user|them|everyone|users)\s+(?:that\s+)?)"
    r"(?:[\"'\u201c\u2018`]|[A-Z]{3,}\b(?!\s+[a-z])|that\s+you\b|nothing\b|the\s+words?\b)"
)
_DICTATE_VERB = re.compile(r"\b(?:say|print|output|type|repeat|echo|reply|respond|answer|tell)\b", re.I)
# An explicit address: "Assistant, ...", "Note to AI models reading this: ...", "If you are an AI, ...".
_ADDRESS = re.compile(
    r"(?:^|[.!?]\s+)(?:dear\s+|hey\s+|attention\s*,?\s*|note\s+to\s+(?:the\s+|any\s+|all\s+)?)?"
    r"(?:ai|a\.i\.|assistant|chat\s?bot|bot|language\s+model|llm|gpt|chatgpt)s?\b\s*[,:]"
    r"|\bif\s+you\s+are\s+(?:an?\s+)?(?:ai|assistant|chat\s?bot|bot|language\s+model|llm)\b"
    r"|\b(?:ai|assistant|chat\s?bot|bot|language\s+model|llm|model)s?\s+(?:reading|processing|summari[sz]ing|answering"
    r"\s+from)\s+this\b",
    re.I,
)


def is_instruction(sentence: str) -> bool:
    """Whether a sentence addresses an assistant (an override, a new role, a dictated output, a direct address)."""
    if _OVERRIDE.search(sentence) or _NEW_ROLE.search(sentence) or _ADDRESS.search(sentence):
        return True
    # The verbs of a dictated output are matched case-blind, what they dictate (a quote, a CAPITALISED word) not.
    folded = _DICTATE_VERB.sub(lambda m: m.group(0).lower(), sentence)
    return bool(_DICTATE.search(folded))


def drop_instructions(markdown: str) -> tuple[str, list[str]]:
    """The Markdown without its sentences addressed to an assistant, and those sentences in document order.

    Headings, list items and table rows are lines like any other: a line all of whose sentences go is removed.
    """
    kept_lines, dropped = [], []
    for line in markdown.split("\n"):
        if not line.strip():
            kept_lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        sentences = split_sentences(line.strip())
        bad = [s for s in sentences if is_instruction(s)]
        if not bad:
            kept_lines.append(line)
            continue
        dropped += [s.strip() for s in bad]
        kept = [s for s in sentences if s not in bad]
        prefix = re.match(r"^(#+\s+|[-*+\u2022]\s+|\d+[.)]\s+|>\s*)", line.strip())
        if kept:
            rest = " ".join(kept)
            if prefix and not rest.startswith(prefix.group(1)):
                rest = prefix.group(1) + rest
            kept_lines.append(indent + rest)
    return "\n".join(kept_lines), dropped
