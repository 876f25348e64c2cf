"""The check every composed sentence passes: each figure, role and named thing in it appears in a passage it
cites (a difference of two cited figures, or a sum of a few, counts as cited: the writer worked it out from them)."""

from __future__ import annotations

import re
from itertools import combinations, permutations

from .citations import MARKER
from .vocabulary import Vocabulary

_FIGURE = re.compile(r"[$€£]?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?[KkMm](?![A-Za-z])|%)?")
# Names of things: a capitalised or symbol-bearing word ("C++", "Kubernetes").
_NAME = re.compile(r"(?<![\w.])([A-Z][\w+#]*[+#]*|[a-z]+[+#]+)")
# A share written as a fall: "decline 4%", "-4%", "a drop of about 2%".
_FALL = re.compile(
    r"(?:\b(?:declin|decreas|drop|fall|fell|shrink|shrank)\w*\s+(?:by |of )?(?:about |roughly |around |nearly )?|"
    r"(?<![\w\d])[-\u2212\u2013])(\d+(?:\.\d+)?%)",
    re.I,
)
# The connective words the writer itself uses around guide content.
_OWN_WORDS = frozenset({"Yes", "No", "Neither", "By", "The", "About", "More", "Higher", "Longer"})


def _number(figure: str) -> float | None:
    digits = re.sub(r"[^\d.]", "", figure)
    if not digits or digits == ".":
        return None
    value = float(digits)
    return value * {"k": 1e3, "m": 1e6}.get(figure.strip()[-1:].lower(), 1)


def unsupported(sentence: str, cited: list[str], vocabulary: Vocabulary) -> list[str]:
    """What a composed sentence names that none of its cited passages (section path and text) contains."""
    body = MARKER.sub("", sentence)
    evidence = "\n".join(cited)
    lowered = evidence.lower()
    cited_figures = [f.strip() for f in _FIGURE.findall(evidence)]
    values = [v for v in map(_number, cited_figures) if v is not None]
    # a fall is a negative change: "projected to decline 4%" is -4% (22% against it is 26 points more)
    values += [-v for v in map(_number, _FALL.findall(evidence)) if v is not None]
    differences = {round(abs(a - b), 2) for a, b in permutations(values, 2)}
    # ... and a sum of a few of them: steps' spans added up ("about 4 to 7 years": 1 to 2, then 3 to 5)
    if len(values) <= 12:
        differences |= {round(sum(c), 2) for size in (2, 3, 4) for c in combinations(values, size)}
    missing = []
    for figure in (f.strip() for f in _FIGURE.findall(body)):
        value = _number(figure)
        if figure in evidence or value is None:
            continue
        if round(value, 2) not in differences and not any(abs(value - d) <= max(1.0, 0.01 * d) for d in differences):
            missing.append(figure)
    cited_roles = set(vocabulary.roles_in(evidence))
    # ... or by its field, in a heading: "Which Role Fits You? > Choose Counseling If..." for school counselors
    cited_roles |= {r for passage in cited for r in vocabulary.fields_in(passage.partition("\n")[0])}
    missing += [r.name for r in vocabulary.roles_in(body) if r not in cited_roles]
    from .condense import without_roles

    for name in _NAME.findall(without_roles(body, vocabulary)):  # roles are checked above, by any of their names
        if name not in _OWN_WORDS and name.lower() not in lowered:
            missing.append(name)
    return list(dict.fromkeys(missing))
