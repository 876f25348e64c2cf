"""Run an evaluation set of questions through an assistant and measure its answers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CareerAssistantError
from .results import Answer

# Package data (pyproject.toml), so that `career-assistant eval` finds it in an installed wheel too.
DEFAULT_EVAL_SET = Path(__file__).resolve().parent / "eval" / "questions.jsonl"


@dataclass(frozen=True)
class EvalCase:
    id: str
    question: str
    history: list[dict]
    facts: list[str]  # every fact a good answer gives, each as the guide writes it
    sections: list[str]
    in_scope: bool
    guide: str | None = None  # the guide a good answer cites (its source name)
    first: list[str] = field(default_factory=list)  # the facts the first sentence must hold; default: `facts`
    yes_no: str | None = None  # "yes" or "no": how a good answer to a yes/no question begins
    kind: str = ""


@dataclass
class CaseResult:
    case: EvalCase
    answer: Answer
    fact_in_answer: bool
    fact_in_citation: bool
    section_cited: bool
    first_sentence_answers: bool = False
    sentences: int = 0
    right_guide: bool = False
    composed: int = 0  # sentences that are not a cited passage's own words
    composed_supported: int = 0  # of those, the ones naming nothing their citations lack
    yes_no_right: bool | None = None


@dataclass
class EvalReport:
    results: list[CaseResult] = field(default_factory=list)

    def _rate(self, values: list[bool]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def in_scope(self) -> list[CaseResult]:
        return [r for r in self.results if r.case.in_scope]

    @property
    def rates(self) -> dict[str, float]:
        answered = self.in_scope
        out = [r for r in self.results if not r.case.in_scope]
        replied = [r for r in answered if not r.answer.refused]
        composed = sum(r.composed for r in self.results)
        yes_no = [r.yes_no_right for r in answered if r.yes_no_right is not None]
        rates = {
            "fact_in_answer": self._rate([r.fact_in_answer for r in answered]),
            "fact_in_cited_passage": self._rate([r.fact_in_citation for r in answered]),
            "right_section_cited": self._rate([r.section_cited for r in answered if r.case.sections]),
            "first_sentence_answers": self._rate([r.first_sentence_answers for r in answered]),
            "sentences_per_answer": sum(r.sentences for r in replied) / len(replied) if replied else 0.0,
            "right_guide_cited": self._rate([r.right_guide for r in answered if r.case.guide]),
            "out_of_scope_refused": self._rate([r.answer.refused for r in out]),
            "out_of_scope_refused_or_caveated": self._rate([r.answer.refused or bool(r.answer.uncovered) for r in out]),
            "in_scope_refused": self._rate([r.answer.refused for r in answered]),
            "in_scope_caveated": self._rate([bool(r.answer.uncovered) for r in replied]),
            "yes_no_right": self._rate(yes_no),
            "composed_supported": sum(r.composed_supported for r in self.results) / composed if composed else 1.0,
        }
        if not any(r.case.sections for r in answered):
            del rates["right_section_cited"]
        if not any(r.case.guide for r in answered):
            del rates["right_guide_cited"]
        if not yes_no:
            del rates["yes_no_right"]
        return rates

    def summary(self) -> str:
        lines = [f"{len(self.in_scope)} in-scope and {len(self.results) - len(self.in_scope)} out-of-scope questions"]
        lines += [f"{name.replace('_', ' '):>24}: {value:.3f}" for name, value in self.rates.items()]
        return "\n".join(lines)


def load_eval_set(path: Path = DEFAULT_EVAL_SET) -> list[EvalCase]:
    """Read a JSONL evaluation set; a malformed line is an error naming the file and line."""
    cases = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CareerAssistantError(f"cannot read the evaluation set {path}: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            section = row.get("section")
            cases.append(
                EvalCase(
                    id=str(row.get("id", number)),
                    question=row["question"],
                    history=row.get("history") or [],
                    facts=list(row.get("facts") or []),
                    sections=[section] if isinstance(section, str) else list(section or []),
                    in_scope=bool(row.get("in_scope", True)),
                    guide=row.get("guide"),
                    first=list(row.get("first") or []),
                    yes_no=row.get("yes_no"),
                    kind=row.get("kind") or "",
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CareerAssistantError(f"{path}:{number}: not a valid evaluation case ({exc})") from None
    return cases


def evaluate(assistant, cases: list[EvalCase]) -> EvalReport:
    """Ask every case's question and check the answer against its facts, sections and guide, as a reader would:
    is every fact there, does the first sentence answer, how long is it, is each composed sentence supported."""
    report = EvalReport()
    vocabulary = assistant.search.keyword_index().vocabulary
    for case in cases:
        result = assistant.answer(case.question, case.history)
        report.results.append(judge(case, result, vocabulary))
    return report


def judge(case: EvalCase, result: Answer, vocabulary) -> CaseResult:
    """One answer measured against its case."""
    from .citations import MARKER, split_sentences
    from .sentences import plain
    from .support import unsupported

    text = result.text.lower()
    cited = " ".join(c.text for c in result.citations).lower()
    sections = {c.section for c in result.citations}
    sentences = split_sentences(result.text) if not (result.refused or result.asks_which) else []
    first = sentences[0].lower() if sentences else ""
    composed = supported = 0
    for sentence in sentences:
        numbers = [int(n) for n in MARKER.findall(sentence)]
        own = [c for c in result.citations if c.index in numbers]
        bare = MARKER.sub("", sentence).strip().rstrip(".")
        if own and any(bare in plain(c.text) for c in own):
            continue  # the guide's own words
        composed += 1
        evidence = [f"{c.section}\n{c.text}" for c in own]
        missing = [m for m in unsupported(sentence, evidence, vocabulary) if m.lower() not in result.uncovered]
        supported += own != [] and not missing
    yes_no = None
    if case.yes_no and not result.refused:
        yes_no = first.startswith(case.yes_no.lower())
    return CaseResult(
        case,
        result,
        fact_in_answer=not result.refused and all(f.lower() in text for f in case.facts),
        fact_in_citation=not result.refused and all(f.lower() in cited for f in case.facts),
        section_cited=not result.refused and all(s in sections for s in case.sections),
        first_sentence_answers=not result.refused and all(f.lower() in first for f in (case.first or case.facts)),
        sentences=len(sentences),
        right_guide=not result.refused
        and bool(result.citations)
        and all(c.source == case.guide for c in result.citations),
        composed=composed,
        composed_supported=supported,
        yes_no_right=yes_no,
    )
